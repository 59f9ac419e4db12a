"""Lines of an issue -> header, articles (headline, byline, paragraphs, repairs) and leftover."""
from __future__ import annotations

import dataclasses
import functools
import re

from .bylines import is_byline_start, is_credit_line, split_byline
from .lexicons import lexicon
from .text import _SENTENCE_END, is_terminated, is_traditional, normalize


_MAX_HEADLINE = 48


@functools.lru_cache(maxsize=1)
def _header_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("header_patterns")))


def is_header_line(line: str) -> bool:
    """True for an issue-level line: page header, editor credit.

    >>> is_header_line('武进日报 2024年11月27日 星期三 第1版 要闻'), is_header_line('责任编辑:王某')
    (True, True)
    """
    return bool(_header_re().match(line))   # every pattern reads a line from its start


def is_headline_like(line: str) -> bool:
    """A short line with no sentence-final punctuation and no full stop inside.

    >>> is_headline_like('区委常委会召开会议'), is_headline_like('区委书记沈某主持会议。')
    (True, False)
    """
    t = line.strip()
    if not t or len(t) > _MAX_HEADLINE or "。" in t:
        return False
    if t[-1] in _SENTENCE_END + ",，、" or is_terminated(t):
        return False
    return bool(_TWO_CJK.search(t))


_TWO_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff][^\u3400-\u4dbf\u4e00-\u9fff]*[\u3400-\u4dbf\u4e00-\u9fff]")


def is_body_opener(line: str) -> bool:
    """True when a line opens as a body sentence (会议还研究了...), so it is no headline.

    >>> is_body_opener('会议还研究了其他事')
    True
    """
    return line.strip().startswith(lexicon("body_openers"))


_SUBHEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])")


_DATELINE = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|[０-９]{1,2}月[０-９]{1,2}日|昨天|昨日|今天|今日|前天|日前|近日|近期|连日来|本月\d{1,2}日|"
    r"本周[一二三四五六日]|上周[一二三四五六日]|[一二三四五六七八九十]+月[一二三四五六七八九十]+日)"
    r"(?:上午|下午|晚上|晚间|晚|早上|中午|凌晨|傍晚)?(?=[,，])")


def dateline(body: str) -> str:
    """The dateline that opens a body, or ''.

    >>> dateline('昨天晚上,区委常委会召开会议'), dateline('11月19日,省政府')
    ('昨天晚上', '11月19日')
    """
    m = _DATELINE.match(body)
    return m.group(0) if m else ""


@dataclasses.dataclass
class _Article:
    headline: list[str] = dataclasses.field(default_factory=list)
    byline: str = ""
    paragraphs: list[str] = dataclasses.field(default_factory=list)
    kind: str = "news"
    repairs: list[tuple[int, str, str]] = dataclasses.field(default_factory=list)


def _kind_of(a: _Article, trad: bool = False) -> str:
    markers = lexicon("commentary_markers")
    if any(m in normalize(a.byline, trad) or m in normalize(" ".join(a.headline), trad) for m in markers):
        return "commentary"
    if a.kind == "photo":
        return "photo"
    if a.byline:
        return "news"
    if a.headline:
        return "brief"
    return "other"


def parse_text(text: str, name: str = "<text>") -> dict:
    """Segment an issue's text into header, articles and leftover; the core of parse_issue.

    Returns a dict: header (list of lines), leftover (list), warnings (list),
    articles (list of dicts with headline, byline, kind, paragraphs, repairs).
    """
    trad = is_traditional(text)
    blocks = [ln for ln in (raw.strip() for raw in text.split("\n")) if ln]   # blank lines carry no meaning
    norm = [normalize(ln, trad) for ln in blocks]   # classified as simplified, kept as printed
    header: list[str] = []
    leftover: list[str] = []
    warns: list[str] = []
    arts: list[_Article] = []
    cur: _Article | None = None
    pending: list[str] = []   # body paragraphs seen while no article is open
    n = len(blocks)

    def kind_at(j: int) -> str:
        ln = norm[j]
        if is_header_line(ln):
            return "header"
        if is_credit_line(ln):
            return "credit"
        if is_byline_start(ln):
            return "byline"
        if is_headline_like(ln):
            return "headlike"
        return "body"

    kinds = [kind_at(j) for j in range(n)]

    def add_paragraph(art: _Article, para: str) -> None:
        last = art.paragraphs[-1] if art.paragraphs else ""
        if last and not is_terminated(last) and not _SUBHEAD.match(para) and not (_SUBHEAD.match(last) and is_headline_like(last)):
            left = art.paragraphs[-1]
            art.repairs.append((len(art.paragraphs) - 1, left[-8:], para[:8]))
            art.paragraphs[-1] = left + para
        else:
            art.paragraphs.append(para)

    def flush_pending() -> None:
        for p in pending:
            leftover.append(p)
            warns.append(f"{name}: text outside any article kept as leftover: {p[:20]}…")
        pending.clear()

    i = 0
    while i < n:
        ln = blocks[i]
        k = kinds[i]
        nxt = kinds[i + 1] if i + 1 < n else "end"
        nxt2 = kinds[i + 2] if i + 2 < n else "end"
        if k == "header":
            header.append(ln)
            i += 1
            continue
        if k == "credit":
            art = _Article(byline=ln, kind="photo")
            if pending:
                art.paragraphs.append(pending.pop())
            elif cur is not None and cur.paragraphs and cur.kind != "photo" and len(cur.paragraphs) > 1:
                art.paragraphs.append(cur.paragraphs.pop())
            flush_pending()
            if art.paragraphs:
                arts.append(art)
                cur = None
            else:
                leftover.append(ln)
                warns.append(f"{name}: photo credit with no caption kept as leftover: {ln}")
            i += 1
            continue
        if k == "headlike" and not is_body_opener(norm[i]) and not _SUBHEAD.match(ln):
            open_unterminated = cur is not None and cur.paragraphs and not is_terminated(cur.paragraphs[-1])
            # two lines (引题 + 主题, or a column label over a brief's headline), then a byline or a body
            two = nxt == "headlike" and not is_body_opener(norm[i + 1]) and \
                (nxt2 == "byline" or (nxt2 == "body" and not open_unterminated))
            # one line, then a byline, or a body with no byline (a brief)
            one = nxt == "byline" or (nxt == "body" and not open_unterminated and nxt2 != "credit")
            if two or one:
                flush_pending()
                cur = _Article(headline=blocks[i:i + (2 if two else 1)])
                arts.append(cur)
                i += 2 if two else 1
                continue
        if k == "byline":
            by, _ = split_byline(norm[i])
            by, rest = ln[:len(by)], ln[len(by):].strip()
            if cur is None or cur.byline or cur.paragraphs or cur.kind == "photo":
                flush_pending()
                cur = _Article()
                arts.append(cur)
            cur.byline = by
            if rest:
                cur.paragraphs.append(rest)
            i += 1
            continue
        # a body paragraph (or a headline-like line that continues the text)
        if cur is None or cur.kind == "photo":
            pending.append(ln)
        else:
            add_paragraph(cur, ln)
        i += 1
    flush_pending()
    out = []
    for a in arts:
        a.kind = _kind_of(a, trad)
        if not a.paragraphs and not a.headline:
            if a.byline:   # a byline with nothing under it
                leftover.append(a.byline)
                warns.append(f"{name}: byline with no article kept as leftover: {a.byline}")
            continue
        if not a.paragraphs:
            warns.append(f"{name}: article with a headline and no body: {' '.join(a.headline)}")
        out.append({"headline": " ".join(a.headline), "byline": a.byline, "kind": a.kind,
                    "paragraphs": a.paragraphs, "repairs": a.repairs})
    return {"header": header, "leftover": leftover, "warnings": warns, "articles": out, "traditional": trad}
