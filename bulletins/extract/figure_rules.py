"""What makes a number no figure, and which way a figure moved (direction) or whether it is
planned or achieved (status): the rules of `figures`, each read from a word list."""
from __future__ import annotations

import functools
import re
from types import MappingProxyType

from ..extract.slogans import numbered_formulations
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation
from ..text import _CN_DIGITS, cn_number


_CN_ONLY = re.compile(f"[{_CN_DIGITS}]+")


def _inside_quotes(text: str, start: int, end: int) -> bool:
    left = text.rfind("“", 0, start)
    return left >= 0 and text.find("”", left) >= end and text.rfind("”", 0, start) < left


_ORDINAL_LIST = re.compile(rf"第[\d{_CN_DIGITS}]+(?:[、和至到-][\d{_CN_DIGITS}]+)*[、和至到-]$")


@functools.lru_cache(maxsize=1)
def _session_words() -> tuple[str, ...]:
    return lexicon("session_words")


def is_session_number(text: str, start: int, end: int, unit: str | None) -> bool:
    """True for an ordinal, a term or a session number in any form: 第十二次, 十三届九次全会,
    十四届全国人大三次会议, 五次常委会议 (N次 before a word of session_words.txt, or after 届 or 第).

    >>> is_session_number('县政协十一届四次会议', 6, 8, '次'), is_session_number('共召开四次座谈会', 3, 5, '次')
    (True, False)
    >>> is_session_number('分获第1、2名', 5, 7, '名')
    True
    """
    before = text[start - 1] if start > 0 else ""
    if before in ("第", "届") or before.isdigit() or before == ".":
        return True
    if before in "、和至到-" and _ORDINAL_LIST.search(text, max(0, start - 24), start):
        return True   # 第1、2名, 第三至五次: the later numbers of a list of ordinals
    return unit == "次" and text.startswith(_session_words(), end)


@functools.lru_cache(maxsize=1)
def _time_nouns() -> tuple[str, ...]:
    return lexicon("time_nouns")


_OPENING_QUOTES = ("“", "‘", "《", "「")


_LIST_GLUE = re.compile(r"、|和|与|及")


def counts_the_list_before(text: str, clause_start: int, start: int, value: float) -> bool:
    """True when a count restates how many items were just listed (政治、经济、文化三个方面).

    >>> counts_the_list_before('从政治、经济、文化三个方面', 0, 9, 3)
    True
    >>> counts_the_list_before('撤销甲、乙两个站和丙厂、丁所、戊队三个', 0, 18, 3)
    True
    """
    before = text[clause_start:start]
    if "、" not in before or not before or not ("\u4e00" <= before[-1] <= "\u9fff"):
        return False
    items = before.split("、")
    n = len(items) + len(_LIST_GLUE.findall(items[-1]))
    if value == n or value == n + len(_LIST_GLUE.findall(items[0])):
        return True
    # the list may open after 和 inside an earlier item (两个居委会和甲集团、乙研究所、丙大队三个)
    return 2 <= value < len(items) and value == int(value) and bool(_LIST_GLUE.search(items[-int(value)]))


CLAUSE_MARKS = re.compile(r"[,，;；:：。\n]")   # what ends a clause or a sentence


def last_mark(text: str, lo: int, pos: int, marks: re.Pattern = CLAUSE_MARKS) -> int:
    """Where the last of some marks stands in text[lo:pos], -1 if none (the window is read backwards).

    >>> last_mark('甲,乙。丙', 0, 5), last_mark('甲,乙。丙', 2, 3)
    (3, -1)
    """
    m = marks.search(text[lo:pos][::-1])
    return -1 if m is None else pos - 1 - m.start()


def not_a_figure(text: str, m: re.Match, idioms: list[tuple[int, int]], units: dict) -> bool:
    """Ordinals, terms, session numbers, 一 as an article (一批), numbered formulations, numbers
    of named programmes (五个“三年行动计划”), counts of the items just listed, idioms, quoted codes."""
    s, e = m.span()
    num, unit, mag = m.group("num", "unit", "mag")
    num = num or ""
    if is_session_number(text, s, e, unit):
        return True
    if unit and units[unit][2] == "count":
        if text.startswith(_OPENING_QUOTES, e):
            return True   # the number of named programmes, not a quantity
        if text.startswith(_time_nouns(), e):
            return True   # 3个月: a duration
        v = cn_number(num) if num else None
        if v is not None and v <= 30 and counts_the_list_before(text, last_mark(text, max(0, s - 200), s) + 1, s, v):
            return True
    if num and _CN_ONLY.fullmatch(num):
        if num == "一" and not mag and not (unit and units[unit][2] in ("ratio", "percent")):
            return True   # 一批, 一家: an article, but 增长一倍 and 提高一成 are figures
        if unit == "个" and numbered_formulations(text[s:e + 2]):
            return True
        if text.startswith(lexicon("numbered_rules"), e):
            return True   # 八项规定: the name of a set of rules
    if idioms and any(a < e and s < b for a, b in idioms):
        return True
    return _inside_quotes(text, s, e)


_SHARED = re.compile(r"(?<![0-9A-Za-z.第])(\d+(?:\.\d+)?)(?:、|和|与|及)$")


_GLUE_OR_BREAK = "、和与及\n"   # what may stand right before a figure that shares its unit ($ matches before a final \n)


def shared_unit_numbers(text: str, start: int) -> list[tuple[int, int, float]]:
    """Bare numbers listed right before a figure that share its unit: 高1.4、1.8个百分点 and
    1.5和4.7个百分点 -> [(start, end, number)], first first.

    >>> shared_unit_numbers('分别高1.4、1.8个百分点', 7)
    [(3, 6, 1.4)]
    """
    out = []
    while True:
        if start == 0 or text[start - 1] not in _GLUE_OR_BREAK:   # no 、和与及 right before: no listed number
            return out[::-1]
        m = _SHARED.search(text, max(0, start - 24), start)
        if not m:
            return out[::-1]
        out.append((m.start(1), m.end(1), float(m.group(1)) if "." in m.group(1) else int(m.group(1))))
        start = m.start(1)


@functools.lru_cache(maxsize=2)
def _cues(name: str) -> tuple[re.Pattern, MappingProxyType]:
    """A trie pattern of a cue lexicon (word TAB label) and the label of each word."""
    fields = lexicon_fields(name)
    return re.compile(_alternation(f[0] for f in fields)), MappingProxyType({f[0]: f[1] for f in fields})


@functools.lru_cache(maxsize=1)
def _adjacent_cues() -> frozenset[str]:
    """Change words that count only right before their figure (third field `adjacent`)."""
    return frozenset(f[0] for f in lexicon_fields("direction_cues") if len(f) > 2 and f[2] == "adjacent")


_CUE_REACH = 12   # characters a change word reaches over to its figure (增幅2-5月份分别为14.2%)


def direction_of(text: str, clause_start: int, start: int, end: int, negative: bool,
                 before: tuple[int, int, str] | None = None) -> str:
    """up, down or '' for the figure at text[start:end]: the last change word before it in its
    clause decides, if no other figure stands between them (unless that one is listed with
    this one: 分别增长8.4%、18.8%); a figure in brackets with no word before it takes the
    first word after the bracket (较上年同期(3.2%)大幅增长); a printed minus sign is down.
    `before` is (end, clause start, direction) of the figure before in the text.

    >>> direction_of('同比下降5.2%', 0, 4, 8, False), direction_of('增长-8.7%', 0, 2, 7, True)
    ('down', 'down')
    >>> direction_of('增加值5.9亿元', 0, 3, 9, False), direction_of('分别增长8.4%、18.8%', 0, 9, 14, False, (8, 0, 'up'))
    ('', 'up')
    """
    if negative:
        return "down"
    pat, labels = _cues("direction_cues")
    adjacent = _adjacent_cues()
    last = None
    for cue in pat.finditer(text, clause_start, start):
        if cue.group(0) not in adjacent or cue.end() == start:
            last = cue
    if last is not None:
        if before is not None and before[0] > last.end():
            glued = _LIST_GLUE.fullmatch(text[before[0]:start]) or bracket_place(text, start, end, before[0])
            return before[2] if glued else ""
        if start - last.end() > _CUE_REACH or "的" in text[last.end():start]:
            return ""   # too far, or the change word qualifies a noun (增长的企业120家)
        return "" if labels[last.group(0)] == "none" else labels[last.group(0)]
    if start > 0 and text[start - 1] in "(（" and text[end:end + 1] in (")", "）"):
        clause_end = _CLAUSE_END.search(text, end).start()
        nxt = pat.search(text, end + 1, clause_end)
        if nxt and labels[nxt.group(0)] != "none":
            return labels[nxt.group(0)]
    return ""


_CLAUSE_END = re.compile(r"[,，;；。\n]|$")


_BRACKET_PLACE = re.compile(r"[(（](?P<place>[\u4e00-\u9fff]{1,6}?)(?:为|是)?$")


def bracket_place(text: str, start: int, end: int, after: int = 0) -> str:
    """The place of a bracketed comparison right after a figure (增长7.5%(全市8.1%)): the figure in
    the bracket is that place's, and moved the same way as the figure before it; '' when none.

    >>> bracket_place('增长7.5%(全市8.1%)', 9, 13, 6), bracket_place('增长(8.1%)', 3, 7)
    ('全市', '')
    """
    if text[end:end + 1] not in (")", "）"):
        return ""
    m = _BRACKET_PLACE.search(text, max(after, start - 8), start)
    return m.group("place") if m and (not after or m.start() == after) else ""


_QUOTED = re.compile(r"“[^“”\n]*”")


def status_of(prefix: str, clause_start: int = 0) -> str:
    """planned / achieved / '' for a figure: the first status word (status_cues.txt) of its clause
    (prefix[clause_start:], up to the figure: 力争完成 is planned, 已完成全年计划的 achieved),
    else the last one earlier in its sentence (prefix[:clause_start]).

    >>> status_of('计划投资10亿元,目前已完成', 9), status_of('已签约,计划投资', 4), status_of('将近')
    ('achieved', 'planned', '')
    >>> status_of('已完成4亿元,力争再完成', 7)
    'planned'
    """
    pat, labels = _cues("status_cues")
    if "“" in prefix:   # 五个“三年行动计划”: no cue
        prefix = _QUOTED.sub(lambda q: "“" + "_" * (len(q.group(0)) - 2) + "”", prefix)
    cue = pat.search(prefix, clause_start)
    if cue is None:
        for cue in pat.finditer(prefix, 0, clause_start):
            pass
    if cue is None or labels[cue.group(0)] == "none":
        return ""
    return labels[cue.group(0)]
