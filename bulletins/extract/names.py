"""Person names: candidates from surnames, where a name ends, central leaders cited."""
from __future__ import annotations

from typing import Mapping

import functools
import re

from ..extract.titles import CLAUSE_MARKS, _collective_re, _role_verbs, _title_re
from ..lexicons import lexicon
from ..patterns import _alternation, _first_chars, frozen
from ..segment import segmenter


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("surnames"))


@functools.lru_cache(maxsize=1)
def _followers() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon("name_followers")) | set(_role_verbs()[2]), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _follower_re() -> re.Pattern:
    """A follower, a role verb or a title starting here (a name ends before it)."""
    verbs = _role_verbs()[2]   # a role verb before 团/组/队/员 is a noun (调研组): no name ends there
    plain = tuple(w for w in lexicon("name_followers") if w not in verbs) + lexicon("collective_titles")
    return re.compile(f"{_first_chars(plain + verbs)}(?:{_alternation(plain)}|(?:{_alternation(verbs)})(?![团组队员]))")


_MARKS = frozenset(CLAUSE_MARKS)


def _boundary(text: str, end: int) -> bool:
    """A name may end at text[end]: the text ends, or punctuation, a role verb, a word of
    name_followers.txt, or a title begins there (three tests, not one regex compiled from both
    big patterns again).

    >>> _boundary('王某某主持', 3), _boundary('王某某主持', 2), _boundary('王某', 2)
    (True, False, True)
    """
    return (end >= len(text) or text[end] in _MARKS or _follower_re().match(text, end) is not None
            or _title_re().match(text, end) is not None)


_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{1,4}")   # is_cjk as a regex
_CJK_RUN8 = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{1,8}")   # a dotted name's first part is 7 at most
_DOTS = frozenset("·•‧・")


@functools.lru_cache(maxsize=1)
def _closers() -> tuple[str, ...]:
    return tuple(sorted(lexicon("list_closers"), key=len, reverse=True))


def _cuts(text: str, pos: int) -> frozenset[int]:
    """Offsets from pos where the segmenter (with its name model) ends a token, in the clause's next 8 characters."""
    end = pos
    while end < len(text) and end - pos < 8 and text[end] not in CLAUSE_MARKS:
        end += 1
    return _window_cuts(text[pos:end])


@functools.lru_cache(maxsize=8192)
def _window_cuts(window: str) -> frozenset[int]:
    ends, at = set(), 0
    for tok in segmenter().cut(window, True):
        at += len(tok)
        ends.add(at)
    return frozenset(ends)


def name_at(text: str, pos: int) -> str:
    """The person's name that starts at text[pos] (2 to 4 characters), judged by what follows; '' if none.

    A name starts with a surname from surnames.txt (single: 2 or 3 characters; compound: 3 or 4)
    and may hold any character; it ends where punctuation, a role verb, a word of
    name_followers.txt or a title begins. Where both lengths end so (王伟在讲话), the segmenter's
    cut decides. A name followed by a word nobody listed is kept where the segmenter reads it as one
    three-character token before a dictionary word. A surname missing from the lexicon is accepted
    only for a word the dictionary does not know, right before a role verb, 一行, 等 or 、.

    >>> name_at('市长王某某分别陪同调研', 2), name_at('市长江路改造工程', 2), name_at('县长于和平列席会议', 2)
    ('王某某', '', '于和平')
    """
    m = _CJK_RUN8.match(text, pos)
    if m is None:
        return ""
    run = m.end() - pos
    if run <= 7 and text[m.end(): m.end() + 1] in _DOTS:   # the only place a dotted name can start
        dotted = _DOTTED.match(text, pos)
        if dotted:
            return _dotted_name(text, pos, dotted.end())
    name = _surname_name(text, pos, min(run, 4))
    if name and _common_word(name) and not _unlisted_end_re().match(text, pos + len(name)):
        return ""   # 班子成员, 关于“…”: a word of the dictionary, not a name, unless a role verb follows
    return name


@functools.lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    """A word the segmenter's dictionary knows and does not tag as a person's name.

    >>> _common_word('关于'), _common_word('王某某')
    (True, False)
    """
    return segmenter().has_word(word) and not any(t.startswith("nr") for _, t in segmenter().tag(word))


def _surname_name(text: str, pos: int, run: int) -> str:
    """name_at for a name opening with a surname (run: the CJK characters from pos, at most 4)."""
    surnames = _surnames()
    compound = text[pos: pos + 2] in surnames
    lengths = (4, 3) if compound else (3, 2)
    cands = lengths if run >= lengths[0] else (lengths[1],) if run >= lengths[1] else ()
    if not cands:
        return ""
    if not compound and text[pos] not in surnames:
        return _unlisted_surname(text, pos, cands)
    known = [L for L in cands if _boundary(text, pos + L)]
    odd_start = bool(_follower_re().match(text, pos))   # 来, 和 as a surname: the segmenter must read one name
    if known and not odd_start and (len(known) == 1 or pos + known[0] < len(text) and text[pos + known[0]] in CLAUSE_MARKS):
        return text[pos: pos + known[0]]   # one reading, or the longer one before punctuation: nothing to weigh
    cuts = _cuts(text, pos)
    if odd_start:
        known = [L for L in known if L in cuts and not any(c < L for c in cuts)]
    if len(known) == 2:
        long, short = known
        if text.startswith(_closers(), pos + short):   # 甲乙等出席: the list closes after 甲乙
            return text[pos: pos + short]
        return text[pos: pos + (short if short in cuts and long not in cuts else long)]
    if known:
        return text[pos: pos + known[0]]
    L = lengths[0]
    cand = text[pos: pos + L]
    if L in cands and L in cuts and not any(c < L for c in cuts) and not segmenter().has_word(cand) \
            and segmenter().has_word(text[pos + L: pos + L + 2]):
        return cand
    return ""


_DOTTED = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{1,7}(?:[·•‧・][\u3400-\u4dbf\u4e00-\u9fff]{1,7})+")


def _dotted_name(text: str, pos: int, run_end: int) -> str:
    """A name of parts joined by · (阿某都·热某曼), no surname needed: it ends at the first boundary
    after two characters of its last part.

    >>> _dotted_name('副主任阿某都·热某曼率队调研', 3, 13)
    '阿某都·热某曼'
    """
    last = max(text.rfind(c, pos, run_end) for c in "·•‧・") + 1
    for end in range(last + 2, run_end + 1):
        if _boundary(text, end):
            return text[pos: end]
    return ""


def _unlisted_surname(text: str, pos: int, cands: list[int]) -> str:
    for L in cands:
        if _unlisted_end_re().match(text, pos + L) and not _follower_re().match(text, pos) \
                and not segmenter().has_word(text[pos: pos + L]):   # 在湖北考察: a preposition, not a name
            return text[pos: pos + L]
    return ""


@functools.lru_cache(maxsize=1)
def _unlisted_end_re() -> re.Pattern:
    return re.compile(_alternation(_role_verbs()[2] + ("一行", "等", "、")))


@functools.lru_cache(maxsize=1)
def _central_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("central_titles") + lexicon("thought_suffixes")))


@functools.lru_cache(maxsize=1)
def _central_titles() -> frozenset[str]:
    return frozenset(lexicon("central_titles"))


@functools.lru_cache(maxsize=1024)
def _central_mention_names(text: str) -> Mapping[str, str]:
    """Names cited as central leaders: NAME总书记, NAME法治思想 -> {name: title}."""
    found: dict[str, str] = {}
    titles, surnames = _central_titles(), _surnames()
    for m in _central_re().finditer(text):
        for L in (3, 2):
            cand = text[max(0, m.start() - L): m.start()]
            if len(cand) == L and _CJK_RUN.fullmatch(cand) and cand[0] in surnames:
                if m.group(0) in titles or cand not in found:   # a title beats a thought's name
                    found[cand] = m.group(0) if m.group(0) in titles else found.get(cand, "")
                break
    return frozen(found)


def _tail_name(s: str) -> str:
    """The name that ends a longer text (讲话后张某某 -> 张某某), by its surname; '' if none.

    >>> _tail_name('主持会议并讲话王某某'), _tail_name('会议结束')
    ('王某某', '')
    """
    for L in (3, 2):
        if len(s) >= L and (s[-L] in _surnames() or s[-L:-L + 2] in _surnames()):
            return s[-L:]
    return ""
