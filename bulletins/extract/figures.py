"""Economic figures: value in base units, unit, approx, kind, context, subject, status, direction."""
from __future__ import annotations

import bisect
import functools
import re
from types import MappingProxyType
import pandas as pd

from ..extract.figure_rules import bracket_place, direction_of, last_mark, not_a_figure, shared_unit_numbers, status_of
from ..extract.subjects import _paragraph_starts, _subject
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, _first_chars
from ..pipeline.codec import finish
from ..schema import records
from ..segment import segmenter
from ..text import _CN_DIGITS, _sentence_at, _sentences, cn_number, normalize


@functools.lru_cache(maxsize=1)
def _units() -> MappingProxyType:
    """unit -> (base unit, factor, kind), read-only (units.txt)."""
    return MappingProxyType({f[0]: (f[1], float(f[2]), f[3]) for f in lexicon_fields("units")})


@functools.lru_cache(maxsize=1)
def _alone_units() -> frozenset[str]:
    """Units that count only right after a number and where they open no longer word (三成, not 成交)."""
    return frozenset(f[0] for f in lexicon_fields("units") if len(f) > 4 and f[4] == "alone")


@functools.lru_cache(maxsize=1)
def _approx() -> MappingProxyType:
    """Approximation markers by place: before, after, suffix, vague (approx_markers.txt)."""
    out: dict[str, list[str]] = {"before": [], "after": [], "suffix": [], "vague": []}
    for f in lexicon_fields("approx_markers"):
        out[f[1]].append(f[0])
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


@functools.lru_cache(maxsize=1)
def _magnitudes() -> tuple[MappingProxyType, MappingProxyType]:
    """(magnitudes after a number, magnitudes after a vague marker) from magnitudes.txt."""
    fields = lexicon_fields("magnitudes")
    after_vague = MappingProxyType({f[0]: float(f[1]) for f in fields})
    return MappingProxyType({f[0]: float(f[1]) for f in fields if len(f) < 3 or f[2] != "vague"}), after_vague


_NUM = r"\d+(?:,\d{3})*(?:\.{1,2}\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"


_PERCENT_WORDS = "百分之"


@functools.lru_cache(maxsize=1)
def _figure_re() -> re.Pattern:
    """The figure pattern (compiled only where it is needed: parse_figure, and rarely _figure_matches)."""
    return re.compile(_figure_pattern())


@functools.lru_cache(maxsize=1)
def _figure_pattern() -> str:
    """The figure pattern, built from units, magnitudes and approximation markers; its opening
    look-ahead is derived from the first characters of what a figure may start with."""
    units, ap = _alternation(_units()), _approx()
    mag, vmag = (_alternation(m) for m in _magnitudes())
    suffix = _alternation(ap["suffix"])
    return (
        rf"{_figure_re_start()}"
        rf"(?P<pre>{_alternation(ap['before'])})?"
        rf"(?:(?:(?<![0-9A-Za-z])(?P<sign>[-−+]))?(?P<num>{_NUM})(?:(?P<sep>[-—~至到])(?P<num2>{_NUM}))?"
        rf"(?P<suf1>{suffix})?(?P<mag>{mag})?(?P<suf2>{suffix})?"
        rf"|(?P<bare>{_PERCENT_WORDS})(?P<pnum>{_NUM})|(?P<vague>{_alternation(ap['vague'])})(?P<vmag>{vmag}))"
        rf"(?(bare)(?:{units})?|(?P<unit>{units}))(?P<post>{_alternation(ap['after'])})?")   # a unit, except after 百分之


@functools.lru_cache(maxsize=1)
def _scan_re() -> re.Pattern:
    """The figure pattern that does not start on a digit right after a digit: a figure that could
    start there could start one digit earlier too (its number then takes that digit), so the
    earlier start has already been tried. Saves the many tries inside long numbers (2024, 0.35);
    and its runs of digits give back no digit (what follows a number never starts with one)."""
    pattern = _figure_pattern()
    at = len(_figure_re_start())
    pattern = pattern[:at] + r"(?!(?<=\d)\d)" + pattern[at:]
    if not _digit_led_words():   # nothing after a number starts with a digit: a shorter run of digits never helps
        pattern = pattern.replace(r"\d+(?:,\d{3})*", r"\d++(?:,\d{3})*")
    return re.compile(pattern)


def _digit_led_words() -> list[str]:
    """Units, magnitudes and markers that start with a digit (none in the word lists today)."""
    ap, (mag, vmag) = _approx(), _magnitudes()
    words = list(_units()) + list(mag) + list(vmag) + list(ap["suffix"]) + list(ap["after"])
    return [w for w in words if w[:1].isdigit()]


def _figure_re_start() -> str:
    """The opening look-ahead of the figure pattern."""
    ap = _approx()
    return _first_chars(list(ap["before"]) + list(ap["vague"]) + [_PERCENT_WORDS, "-", "−", "+"] + list("0123456789" + _CN_DIGITS))


_TWO_DIGITS = re.compile(r"\d\d")


def _figure_matches(text: str):
    """What _figure_re().finditer(text) finds, read with _scan_re: only where the figure before
    ended inside a run of digits (百分之1,2345: 1,234 and then 5%) is a start after a digit tried.

    >>> [m.group(0) for m in _figure_matches('2024年产值5万元,百分之1,2345%')]
    ['5万元', '百分之1,234', '5%']
    """
    scan, pos = _scan_re(), 0
    while True:
        if pos and _TWO_DIGITS.match(text, pos - 1):
            m = _figure_re().match(text, pos) or scan.search(text, pos + 1)
        else:
            m = scan.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.end()   # a figure is never empty


@functools.lru_cache(maxsize=1)
def _contexts() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f[0], f[1]) for f in lexicon_fields("figure_contexts")), key=lambda x: -len(x[0])))


def parse_figure(raw: str) -> tuple[float, str, bool] | None:
    """A printed quantity -> (value in base units, base unit, approx); None if it is no figure.

    >>> parse_figure('35万辆'), parse_figure('200万千瓦时'), parse_figure('40多家'), parse_figure('近万人')
    ((350000, '辆', False), (2000000, '千瓦时', False), (40, '家', True), (10000, '人', True))
    >>> parse_figure('-8.7%'), parse_figure('七成')
    ((-8.7, '%', False), (70, '%', False))
    """
    m = _figure_re().fullmatch(normalize(raw))
    if not m:
        return None
    f = _figure_from_match(m)
    return None if f is None else (f["value"], f["unit"], f["approx"])


def _number(s: str) -> float | None:
    return cn_number(s.replace("..", "."))   # 14..3: a doubled decimal point is a misprint


_GROUPS = ("pre", "sign", "num", "num2", "suf1", "mag", "suf2", "bare", "pnum", "vague", "vmag", "unit", "post")


def _figure_from_match(m: re.Match) -> dict | None:
    pre, sign, num, num2, suf1, mag, suf2, bare, pnum, vague, vmag, unit, post = m.group(*_GROUPS)
    if bare:
        v = _number(pnum)
        return None if v is None else {"value": v, "value_max": None, "unit": "%", "approx": False, "ukind": "percent"}
    if not unit or (unit in _alone_units() and (mag or vague)):
        return None
    base, factor, ukind = _units()[unit]
    if vague:
        v = _magnitudes()[1][vmag]
        return {"value": _clean(v * factor), "value_max": None, "unit": base, "approx": True, "ukind": ukind}
    v = _number(num)
    if v is None:
        return None
    if sign in ("-", "−"):
        v = -v
    mag = _magnitudes()[0].get(mag or "", 1)
    v2 = _number(num2) if num2 else None
    approx = bool(pre or suf1 or suf2 or post)
    return {"value": _clean(v * mag * factor), "value_max": _clean(v2 * mag * factor) if v2 is not None else None,
            "unit": base, "approx": approx, "ukind": ukind, "plus": sign == "+"}


def _clean(v: float) -> float:
    r = round(v, 6)
    return int(r) if float(r).is_integer() else r


@functools.lru_cache(maxsize=1)
def _context_re() -> tuple[re.Pattern, MappingProxyType]:
    return re.compile(_alternation(kw for kw, _ in _contexts())), MappingProxyType(dict(_contexts()))


_PHASE_END = re.compile(r"(?:[一二三四五六七八九首]期|项目)$")


_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?=的|[,，。;；、]|$)")


_COMMAS = re.compile("[,，;；:：]")


_AFTER_READ = 10   # characters after a figure that _NOUN_AFTER may read (six, one more, and where $ falls)


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


def figures(articles: pd.DataFrame) -> pd.DataFrame:
    """Every quantity with a unit: raw, value (base units), unit, approx, kind, context, subject,
    status, direction, evidence.

    Not figures: numbers without a unit, ordinals (第二十八次), terms and session numbers in
    every form (十三届九次全会, 三次会议, session_words.txt), numbered formulations (两个确立),
    numbers of named programmes (五个“三年行动计划”), counts of the items just listed
    (政治、经济、文化三个方面), idioms (四套班子, numeral_idioms.txt), quoted codes (“2468”),
    phases (一期: 期 is no unit), dates (they go to `dates`). A number that shares the unit
    of the next one (高1.4、1.8个百分点) is a figure of its own. subject is the company, project
    or place the figure is about (全区 for district-wide totals; subjects.py). status is planned
    (预计, 计划, 力争...) or achieved (已, 完成...) by the first such word of the figure's clause,
    else the last one earlier in its sentence (status_cues.txt);
    direction is up or down by the last change word before it in its clause (增长, 下降:
    direction_cues.txt), down for a printed minus sign (增长-8.7%, value -8.7), up for a plus
    sign (同比+12.3%), '' for levels, shares and comparisons with other places.
    """
    return finish(figure_rows(records(articles), {}), "figures")


@functools.lru_cache(maxsize=1)
def _idiom_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("numeral_idioms")))


def _candidates(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, figure) of every figure of a text, in order, shared-unit numbers included."""
    out, idioms = [], None
    units, alone = _units(), _alone_units()
    for m in _figure_matches(text):
        unit, bare, num, sep, pre, vague = m.group("unit", "bare", "num", "sep", "pre", "vague")
        if not unit and not bare:
            continue
        if idioms is None:   # read once a text has a possible figure
            idioms = [(i.start(), i.end()) for i in _idiom_re().finditer(text)]
        if not_a_figure(text, m, idioms, units):
            continue
        f = _figure_from_match(m)
        if f is None or (unit in alone and _opens_word(text, m.end("unit") - 1)):
            continue
        if num and not (sep or pre or vague):
            shared = shared_unit_numbers(text, m.start())
            if shared:
                factor = f["value"] / _number(num) if _number(num) else 0
                out += [(s, e, {**f, "value": _clean(v * factor), "approx": False}) for s, e, v in shared]
        out.append((m.start(), m.end(), f))
    return sorted(out, key=lambda x: x[0])


def _opens_word(text: str, pos: int) -> bool:
    """True when the unit character at pos is the start of a longer word in the segmentation of
    its neighbourhood (两位数, 成交额), not a word's end (两位居民, 三成以上).

    >>> _opens_word('实现两位数增长', 3), _opens_word('两位居民代表', 1), _opens_word('八成以上', 1)
    (True, False, False)
    """
    lo = max(0, pos - 4)
    ends, at = set(), lo
    for w in segmenter().cut(text[lo:pos + 5]):
        at += len(w)
        ends.add(at)
    return pos + 1 < len(text) and pos + 1 not in ends


def figure_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the figures table (registry row function): the headline's figures, then the body's.
    `start` is the place in the body; a headline figure's is negative, counted back from the body
    as if the headline and a line break stood before it."""
    rows = []
    for r in recs:
        head = r.headline if isinstance(r.headline, str) else ""
        if head:
            rows += _text_rows(r, head, -(len(head) + 1))
        rows += _text_rows(r, r.body, 0)
    return rows


def _text_rows(r, source: str, offset: int) -> list[dict]:
    """The figure rows of one text of an article (its headline or its body)."""
    text = normalize(source)
    found = _candidates(text)
    if not found:   # no figure: no sentences or paragraphs to read
        return []
    sents = _sentences(text)
    pstarts = _paragraph_starts(text)
    prev = None   # (end, clause start, direction) of the figure before, for lists sharing one change word
    rows, memo = [], {}
    for s, e, f in found:
        s0, s1 = _sentence_at(sents, s)
        clause_start = max(s0, last_mark(text, s0, s, _COMMAS) + 1)
        context, ck = _figure_context(text[clause_start:s], text[s:e], text[e:e + _AFTER_READ])
        kind = f["ukind"]
        if ck == "growth" and f["unit"] == "%":
            kind = "growth"
        elif ck == "capacity":
            kind = "capacity"
        if f["unit"] == "人":
            kind = "people"
        chained = prev if prev and prev[1] == clause_start else None
        direction = "up" if f.get("plus") else direction_of(text, clause_start, s, e, f["value"] < 0, chained)
        prev = (e, clause_start, direction)
        rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "raw": source[s:e],
                     "value": f["value"], "value_max": f["value_max"], "unit": f["unit"], "approx": f["approx"],
                     "kind": kind, "context": context,
                     "subject": bracket_place(text, s, e) or _subject(text, s, pstarts[bisect.bisect_right(pstarts, s) - 1], e, memo),
                     "status": status_of(text[s0:s], clause_start - s0), "direction": direction,
                     "evidence": text[s0:s1].strip(), "start": s + offset})
    return rows
