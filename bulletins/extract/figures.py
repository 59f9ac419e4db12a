"""Economic figures: value in base units, unit, approx, kind, context, subject, status."""
from __future__ import annotations

import bisect
import functools
import re
import pandas as pd

from ..extract.slogans import numbered_formulations
from ..extract.subjects import _paragraph_starts, _subject
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation
from ..pipeline.codec import finish
from ..schema import records
from ..text import _CN_DIGITS, _sentence_at, _sentences, cn_number, normalize


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, float, str]]:
    return {f[0]: (f[1], float(f[2]), f[3]) for f in lexicon_fields("units")}


_APPROX_PRE = "超过|将近|接近|大约|近|约|超|逾|多达"


_APPROX_POST = "左右|以上|多|余"


_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"


_MAG = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4}


@functools.lru_cache(maxsize=1)
def _figure_re() -> re.Pattern:
    units = _alternation(_units())
    mag = _alternation(_MAG)
    return re.compile(
        rf"(?=[\d{_CN_DIGITS}超将接大近约逾多上数])"
        rf"(?P<pre>{_APPROX_PRE})?"
        rf"(?:(?P<num>{_NUM})(?:(?P<sep>[-—~至到])(?P<num2>{_NUM}))?(?P<suf1>多|余)?(?P<mag>{mag})?(?P<suf2>多|余)?"
        rf"|(?P<bare>百分之)(?P<pnum>{_NUM})|(?P<vague>上|数|逾|近|超)(?P<vmag>{mag}|千|百))"
        rf"(?(bare)(?:{units})?|(?P<unit>{units}))(?P<post>左右|以上)?")   # a unit, except after 百分之


@functools.lru_cache(maxsize=1)
def _contexts() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f[0], f[1]) for f in lexicon_fields("figure_contexts")), key=lambda x: -len(x[0])))


def parse_figure(raw: str) -> tuple[float, str, bool] | None:
    """A printed quantity -> (value in base units, base unit, approx); None if it is no figure.

    >>> parse_figure('35万辆'), parse_figure('200万千瓦时'), parse_figure('40多家'), parse_figure('近万人')
    ((350000, '辆', False), (2000000, '千瓦时', False), (40, '家', True), (10000, '人', True))
    """
    m = _figure_re().fullmatch(normalize(raw))
    if not m:
        return None
    f = _figure_from_match(m)
    return None if f is None else (f["value"], f["unit"], f["approx"])


def _figure_from_match(m: re.Match) -> dict | None:
    unit = m.group("unit")
    if m.group("bare"):
        v = cn_number(m.group("pnum"))
        return None if v is None else {"value": v, "value_max": None, "unit": "%", "approx": False, "ukind": "percent"}
    if not unit:
        return None
    base, factor, ukind = _units()[unit]
    if m.group("vague"):
        v = cn_number(m.group("vmag")) if m.group("vmag") in "千百" else _MAG[m.group("vmag")]
        return {"value": _clean(v * factor), "value_max": None, "unit": base, "approx": True, "ukind": ukind}
    v = cn_number(m.group("num"))
    if v is None:
        return None
    mag = _MAG.get(m.group("mag") or "", 1)
    v2 = cn_number(m.group("num2")) if m.group("num2") else None
    approx = bool(m.group("pre") or m.group("suf1") or m.group("suf2") or m.group("post"))
    return {"value": _clean(v * mag * factor), "value_max": _clean(v2 * mag * factor) if v2 is not None else None,
            "unit": base, "approx": approx, "ukind": ukind}


def _clean(v: float) -> float:
    r = round(v, 6)
    return int(r) if float(r).is_integer() else r


def _inside_quotes(text: str, start: int, end: int) -> bool:
    left = text.rfind("“", 0, start)
    return left >= 0 and text.find("”", left) >= end and text.rfind("”", 0, start) < left


_CN_ONLY = re.compile(f"[{_CN_DIGITS}]+")


_PLANNED = re.compile(r"预计|计划|将|拟|力争|有望|目标")


_ACHIEVED = re.compile(r"已|实现了|完成|累计|达到")


def _not_a_figure(text: str, m: re.Match, idioms: list[tuple[int, int]]) -> bool:
    """Ordinals, 一 as an article (一批), numbered formulations, idioms, quoted codes, digits glued on the left."""
    s, e = m.start(), m.end()
    num = m.group("num") or ""
    if s > 0 and (text[s - 1] == "第" or text[s - 1].isdigit()):
        return True
    if num and _CN_ONLY.fullmatch(num):
        if num == "一" and not m.group("mag"):
            return True
        if m.group("unit") == "个" and numbered_formulations(text[s:e + 2]):
            return True
    if any(a < e and s < b for a, b in idioms):
        return True
    return _inside_quotes(text, s, e)


@functools.lru_cache(maxsize=1)
def _context_re() -> tuple[re.Pattern, dict[str, str]]:
    return re.compile(_alternation(kw for kw, _ in _contexts())), dict(_contexts())


_PHASE_END = re.compile(r"(?:[一二三四五六七八九首]期|项目)$")


_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?=的|[,，。;；、]|$)")


def _figure_context(before: str, raw: str, after: str) -> tuple[str, str]:
    """(context, context kind): from the last context keyword before the figure in its clause (with
    a phase such as 一期 before it) to the figure, else the words around the figure.

    >>> _figure_context('达产后可实现年产固态电池', '8万千瓦时', '。'), _figure_context('一期总投资', '3亿元', ',')
    (('年产固态电池', 'capacity'), ('一期总投资', 'money'))
    """
    pat, kinds = _context_re()
    m = None
    for m in pat.finditer(before):
        pass
    if m:
        phase = _PHASE_END.search(before[:m.start()])
        return before[(phase.start() if phase else m.start()):], kinds[m.group(0)]
    noun = _NOUN_AFTER.match(after)
    return before[-2:] + raw + (noun.group(0) if noun else ""), ""


def _status(prefix: str) -> str:
    """planned / achieved / '' from the words before a figure in its sentence."""
    if _PLANNED.search(prefix):
        return "planned"
    if _ACHIEVED.search(prefix):
        return "achieved"
    return ""


def figures(articles: pd.DataFrame) -> pd.DataFrame:
    """Every quantity with a unit: raw, value (base units), unit, approx, kind, context, subject, status, evidence.

    Not figures: numbers without a unit, ordinals (第二十八次), numbered formulations
    (两个确立), idioms (四套班子, numeral_idioms.txt), quoted codes (“2468”), phases
    (一期: 期 is no unit), dates (they go to `dates`). status is planned (预计, 计划,
    将...) or achieved (已...) where the sentence says so before the figure.
    """
    return finish(figure_rows(records(articles), {}), "figures")


@functools.lru_cache(maxsize=1)
def _idiom_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("numeral_idioms")))


def figure_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the figures table (registry row function)."""
    idiom_re = _idiom_re()
    rows = []
    for r in recs:
        text = normalize(r.body)
        sents = _sentences(text)
        pstarts = _paragraph_starts(text)
        idioms = [(m.start(), m.end()) for m in idiom_re.finditer(text)]
        for m in _figure_re().finditer(text):
            if not m.group("unit") and not m.group("bare"):
                continue
            if _not_a_figure(text, m, idioms):
                continue
            f = _figure_from_match(m)
            if f is None:
                continue
            s, e = m.start(), m.end()
            s0, s1 = _sentence_at(sents, s)
            clause_start = max(s0, max(text.rfind(c, s0, s) for c in ",，;；:：") + 1)
            context, ck = _figure_context(text[clause_start:s], m.group(0), text[e:])
            kind = f["ukind"]
            if ck == "growth" and f["unit"] == "%":
                kind = "growth"
            elif ck == "capacity":
                kind = "capacity"
            if f["unit"] == "人":
                kind = "people"
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "raw": r.body[s:e],
                         "value": f["value"], "value_max": f["value_max"], "unit": f["unit"], "approx": f["approx"],
                         "kind": kind, "context": context,
                         "subject": _subject(text, s, pstarts[bisect.bisect_right(pstarts, s) - 1]),
                         "status": _status(text[s0:s]), "evidence": text[s0:s1].strip(), "start": s})
    return rows
