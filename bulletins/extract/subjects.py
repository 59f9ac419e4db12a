"""The subject of a figure: the company or project nearest before it in its paragraph."""
from __future__ import annotations

import bisect
import functools
import re
from types import MappingProxyType

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation
from ..text import _CN_DIGITS, _sentences


@functools.lru_cache(maxsize=1)
def _subject_res() -> tuple[re.Pattern, ...]:
    """(clause separators, lead words to drop, an organisation opening a clause, what is no organisation,
    an organisation suffix anywhere, what is never inside a name, what a name may follow, what
    makes a name an example), from
    org_suffixes.txt and subject_breakers.txt."""
    suffix = _alternation(_suffixes())
    by_kind: dict[str, list[str]] = {"lead": [], "prefix": [], "inside": [], "before": [], "after": []}
    for f in lexicon_fields("subject_breakers"):
        by_kind[f[1]].append(f[0])
    return (re.compile(r"[,，;；:：“”。\n、]+|——"),
            re.compile(rf"^(?:(?:{_alternation(by_kind['lead'])})|{_MONTHS})+"),
            re.compile(rf"^([\u4e00-\u9fffA-Za-z0-9（）()]{{2,40}}?(?:{suffix})(?:[\u4e00-\u9fff]{{2,6}}分公司)?)"),
            re.compile(rf"^(?:{_alternation(by_kind['prefix'])})"),
            re.compile(suffix),
            _words_re(by_kind["inside"]), _words_re(by_kind["before"]), _words_re(by_kind["after"]))


def _words_re(words: list[str]) -> re.Pattern:
    """A trie pattern of some words; one that never matches when there are none."""
    return re.compile(_alternation(words) if words else "(?!)")


@functools.lru_cache(maxsize=1)
def _suffixes() -> MappingProxyType:
    """Organisation suffixes and the fewest characters a name needs before each (org_suffixes.txt)."""
    return MappingProxyType({f[0]: int(f[1]) if len(f) > 1 else 2 for f in lexicon_fields("org_suffixes")})


def _long_enough(name: str) -> bool:
    """True when a name has enough characters before its suffix (签约项目 is a kind of project, not one).

    >>> _long_enough('签约项目'), _long_enough('澄湖光伏项目'), _long_enough('新城公司')
    (False, True, True)
    """
    return all(len(name) - len(sfx) >= n for sfx, n in _suffixes().items() if name.endswith(sfx))


@functools.lru_cache(maxsize=1)
def _approx_openers() -> frozenset[str]:
    """One-character markers that open an approximate figure (近, 约, 超, 逾): 项目近60个 counts projects."""
    return frozenset(f[0] for f in lexicon_fields("approx_markers") if f[1] == "before" and len(f[0]) == 1)


def _balanced(name: str) -> bool:
    """True when every bracket a name opens it also closes (天健网消息(某集团 is a fragment)."""
    return name.count("(") + name.count("（") == name.count(")") + name.count("）")


_PHASE = re.compile(r"[一二三四五六七八九首\d]期")   # 二期: a phase of the project named, not a count


_MONTHS = r"\d{1,2}(?:[-至到]\d{1,2})?月份?|前[\d一二三四五六七八九十]{1,3}个?月"   # 1-9月, 前10个月 opening a clause


@functools.lru_cache(maxsize=1)
def _places() -> tuple[re.Pattern, MappingProxyType]:
    """Words for the whole of the paper's place (全区, 我县) and the subject each stands for (place_wide.txt)."""
    fields = lexicon_fields("place_wide")
    return re.compile(_alternation(f[0] for f in fields)), MappingProxyType({f[0]: f[1] for f in fields})


def _subject(text: str, pos: int, para_start: int, end: int | None = None, memo: dict | None = None) -> str:
    """The company, project or place nearest before pos in its sentence, else earlier in its paragraph.

    That is the organisation opening the last clause before pos (the clause holding pos read up
    to pos) among the clauses of the paragraph; a figure inside a name (在某某园区4000万棒玉米
    加工项目现场, figure text[pos:end]) has that name, the figure left out. `memo` (one dict per
    text, figures asked for in order) keeps each paragraph's clauses and last answer, so that no
    clause is read twice.

    >>> _subject('某某科技有限公司今年产值3亿元,同比增长12%。', 22, 0)
    '某某科技有限公司'
    """
    memo = {} if memo is None else memo
    if para_start not in memo:
        memo[para_start] = (_paragraph_clauses(text, para_start), [0, ""])
    (starts, ends), state = memo[para_start]
    hi = bisect.bisect_right(ends, pos)   # clauses [0, hi) end before pos
    if hi < len(starts) and starts[hi] < pos:
        name = _clause_org(text[starts[hi]:pos])   # the clause holding pos, up to the figure
        if not name and end is not None:
            rest = _name_end_re().match(text, end, ends[hi])
            name = _clause_org(text[starts[hi]:pos] + rest.group(0)) if rest else ""
        if name:
            return name
    if state[0] > hi:   # asked out of order: read from the paragraph's start
        state[:] = [0, ""]
    name = _last_named(text, starts, ends, state[0], hi) or state[1]
    state[:] = [hi, name]
    return name


def _last_named(text: str, starts: tuple[int, ...], ends: tuple[int, ...], lo: int, hi: int) -> str:
    """The organisation opening the last of the clauses [lo, hi) that opens with one, '' if none."""
    for i in range(hi - 1, lo - 1, -1):
        name = _clause_org(text[starts[i]:ends[i]])
        if name:
            return name
    return ""


@functools.lru_cache(maxsize=1)
def _name_end_re() -> re.Pattern:
    """The rest of a name after a figure inside it: a few characters up to an organisation suffix."""
    return re.compile(rf"[\u4e00-\u9fff]{{1,12}}?(?:{_alternation(_suffixes())})")


def _paragraph_clauses(text: str, para_start: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(starts, ends) of the clauses of every sentence of the paragraph starting at para_start.

    >>> _paragraph_clauses('甲,乙。丙', 0)   # the separator that ends a sentence leaves an empty clause
    ((0, 2, 4, 4), (1, 3, 4, 5))
    """
    split = _subject_res()[0]
    para_end = text.find("\n", para_start)
    para_end = len(text) if para_end < 0 else para_end + 1
    sents = _sentences(text)
    starts, ends = [], []
    for s0, s1 in sents[bisect.bisect_left(sents, (para_start,)):]:
        if s0 >= para_end:
            break
        c0 = s0
        for m in split.finditer(text, s0, s1):
            starts.append(c0), ends.append(m.start())
            c0 = m.end()
        starts.append(c0), ends.append(s1)
    return tuple(starts), tuple(ends)


def _clause_org(clause: str) -> str:
    """The company, project or place a clause opens with, '' if none (not 重大项目, not a category
    counted, no clause fragment); a district-wide total names its place (全区, 我区 -> 全区).

    >>> _clause_org('其中,某某新材料有限公司实现产值'[3:]), _clause_org('上半年全县实现地区生产总值'), _clause_org('完成产值的项目')
    ('某某新材料有限公司', '全县', '')
    """
    _, lead, org, not_org, suffix, inside, before, after = _subject_res()
    opening = lead.match(clause)   # anchored at the start: at most one piece to drop
    if opening:
        clause = clause[opening.end():]
    place_re, places = _places()
    place = place_re.match(clause)
    if place:
        return places[place.group(0)]
    if not suffix.search(clause, 2):   # no 公司, 项目... after its first two characters: no organisation
        return ""
    m = org.match(clause)
    if not m:
        return ""
    name = m.group(1)
    cut = None
    for cut in before.finditer(name):
        pass
    if cut is not None:   # 深入某某公司: the name starts after the last such word
        name = name[cut.end():]
        if not suffix.search(name, 2):
            return ""
    if inside.search(name) or not _long_enough(name) or not _balanced(name):
        return ""   # 完成产值的项目: a clause fragment, not a name; 签约项目: a kind, not a name
    if not_org.match(name):
        return ""
    if after.match(clause, m.end()):
        return ""   # 某某项目等: an example of a list, not the subject
    nxt = clause[m.end():m.end() + 1]
    if nxt and (nxt.isdigit() or nxt in _CN_DIGITS or nxt in _approx_openers()) and not _PHASE.match(clause, m.end()):
        return ""   # 新开工项目60多个: a category counted, not a named project
    return name


_LINE_BREAK = re.compile("\n")


def _paragraph_starts(body: str) -> list[int]:
    """Where each paragraph of a text starts.

    >>> _paragraph_starts('甲\\n乙\\n')
    [0, 2, 4]
    """
    return [0] + [m.end() for m in _LINE_BREAK.finditer(body)]
