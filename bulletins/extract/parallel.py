"""The parallel-formula rule: items joined by 、 that share their structure (不敢腐、不能腐、不想腐)."""
from __future__ import annotations

import functools
import re

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation
from ..segment import segmenter
from ..text import _clauses


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("surnames"))


@functools.lru_cache(maxsize=1)
def _listing_endings() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(title endings, organisation endings, place endings), longest first: positions.txt,
    standalone_titles.txt and listing_endings.txt."""
    fields = lexicon_fields("listing_endings")
    titles = set(lexicon("positions")) | set(lexicon("standalone_titles")) | {f[0] for f in fields if f[1] == "title"}
    by_len = lambda words: tuple(sorted(words, key=len, reverse=True))
    return (by_len(titles), by_len(f[0] for f in fields if f[1] == "body"),
            by_len(f[0] for f in fields if f[1] == "place"))


@functools.lru_cache(maxsize=1)
def _office_openers() -> frozenset[str]:
    """What opens the name of a body of some level: one-character levels (区, 县: levels.txt) and offices."""
    return frozenset([f[0] for f in lexicon_fields("levels") if len(f[0]) == 1] + list(lexicon("offices")))


@functools.lru_cache(maxsize=1)
def _ending_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """_listing_endings as regexes anchored at the end (tries of the words): one search finds an
    item's longest ending, instead of a scan of the word list."""
    return tuple(re.compile(f"(?:{_alternation(words)})$") for words in _listing_endings())


def _ending(item: str, ends: re.Pattern) -> str | None:
    """The longest of the endings (a regex of _ending_res) that item ends with, None if none.

    >>> _ending('区委宣传部', re.compile('(?:宣传部|部|办)$')), _ending('区委', re.compile('(?:部)$'))
    ('宣传部', None)
    """
    m = ends.search(item)
    return m.group() if m else None


def _all_end(items: list[str], ends: re.Pattern) -> bool:
    """Every item ends with one of the endings (the first item is tried alone first)."""
    return ends.search(items[0]) is not None and all(ends.search(it) for it in items[1:])


@functools.lru_cache(maxsize=1)
def _opener_initials() -> frozenset[str]:
    """The first characters of the openers (_office_openers)."""
    return frozenset(o[0] for o in _office_openers())


def _opens_with_office(item: str) -> bool:
    """True when an item's first word is a level or an office (区|督查办, 区委|宣传部), or a level
    glued to a word the dictionary lacks (区环|委办), not a word that merely starts alike (区位优势)."""
    if item[0] not in _opener_initials():
        return False   # the first word, a prefix of the item, can neither be nor open with an opener
    openers = _office_openers()
    first = segmenter().cut(item)[0]
    return first in openers or (first[0] in openers and len(first) > 1 and not segmenter().has_word(first))


def is_listing(items: list[str]) -> bool:
    """True when the items name offices, organisations, places or people: an enumeration, not a formula.

    Offices and organisations: every item ends with a title (部长, 主任, 代表) or a body (局,
    委员会), or opens with a level or an office (区督查办、区安委办); places: every item ends
    with a place word (镇, 街道) after a name of one or two characters (青松镇, 新联社区; not
    工业大县, 文明城市); people: every item is two or three characters (four with a compound
    surname) opening with a surname, and they differ in that first character.

    >>> is_listing(['宣传部部长', '统战部部长']), is_listing(['湖塘镇', '牛塘镇']), is_listing(['张建华', '李建华'])
    (True, True, True)
    >>> is_listing(['文明城市', '卫生城市', '园林城市']), is_listing(['不敢腐', '不能腐', '不想腐'])
    (False, False)
    """
    if not items:
        return True
    titles, bodies, places = _ending_res()
    if _all_end(items, titles) or _all_end(items, bodies):
        return True
    if _all_end(items, places):
        if max(len(it) - len(_ending(it, places)) for it in items) <= 2:
            return True   # 青松镇, 新联社区: a place's own name is short; 工业大县 is a goal
    return all(map(_opens_with_office, items)) or _person_names(items)


def _person_names(items: list[str]) -> bool:
    """Every item a person's name by its surname (王建华、李建华), the first characters not all one."""
    sn = _surnames()
    it = items[0]
    if not (2 <= len(it) <= 3 and it[0] in sn or len(it) == 4 and it[:2] in sn) or len({it[0] for it in items}) == 1:
        return False
    return all(2 <= len(it) <= 3 and it[0] in sn or len(it) == 4 and it[:2] in sn for it in items)


def _shared_positions(items: list[str]) -> int:
    """Positions where every item has the same character, plus doubled characters every item shares (件件/事事).

    >>> _shared_positions(['件件有着落', '事事有回音']), _shared_positions(['不敢腐', '不能腐', '不想腐'])
    (2, 2)
    """
    n = len(items)
    shared = sum(col.count(col[0]) == n for col in zip(*items))
    doubled = [list(map(str.__eq__, it, it[1:])) for it in items]   # doubled[k][i]: item k has it[i] == it[i + 1]
    if not all(map(any, doubled)):
        return shared
    return shared + sum(all(col) for col in zip(*doubled))


def _verb_object(items: list[str]) -> bool:
    """防风险、保安全、护稳定: one-character heads (not all surnames) before dictionary words."""
    if len(items) < 3 or len(items[0]) != 3:
        return False
    seg = segmenter()
    return all(seg.has_word(it[1:]) for it in items) and not all(it[0] in _surnames() for it in items)


def parallel_formulas(text: str) -> list[str]:
    """Parallel formulas: items joined by 、 that share their structure.

    Rule: within a clause, a run of segments joined by 、 whose middle segments
    have one length L (2-8 characters); the first and last items are cut to L
    from the segments around them, and every cut must fall on a word boundary
    (so 区委书记、区委深改委主任 gives no 区委深改). The run is a formula when
    (a) some position holds the same character in every item (with two items:
    two such positions, or one plus a doubled character as in 件件/事事), or
    (b) three or more three-character items read verb + object (one-character
    heads, not all of them surnames, before dictionary words: 防风险、保安全、护稳定).
    Lists of names and ordinary enumerations (市场布局、技术创新) fail both, and lists of
    offices, organisations, places and people are rejected (is_listing). A run holds at
    most _MAX_ITEMS items, so a list of any length is read in linear time.

    >>> parallel_formulas('坚持一体推进不敢腐、不能腐、不想腐,抓好防风险、保安全、护稳定工作')
    ['不敢腐、不能腐、不想腐', '防风险、保安全、护稳定']
    """
    if "、" not in text:
        return []
    return [f for clause in _clauses(text, "、") for f in clause_formulas(clause)]


def clause_formulas(clause: str) -> list[str]:
    """The parallel formulas of one clause (parallel_formulas reads a text clause by clause).

    >>> clause_formulas('确保件件有落实、事事有回音')
    ['件件有落实、事事有回音']
    """
    segs = clause.split("、")
    if len(segs) == 2:   # one 、 (the common case): only a pair can be made, as _run_ends and _run_items would find
        left, right = segs
        if set(left[-8:]).isdisjoint(right[:8]) or not _may_pair(left[-8:], right[:8]):
            return []
        items = _pair_items(left, right)
        return ["、".join(items)] if items else []
    out = []
    last, j = len(segs) - 1, 0
    while j < last:
        for k in _run_ends(segs, j):
            items = _run_items(segs, j, k)
            if items:
                out.append("、".join(items))
                j = k
                break
        else:
            j += 1
    return out


_ALL_CJK = re.compile(r"[\u4e00-\u9fff]+")


_DOUBLED = re.compile(r"(.)\1")


def _may_pair(x: str, y: str) -> bool:
    """Whether two items could share two positions (or one and a doubled character): a cheap test first."""
    common = set(x) & set(y)
    if len(common) >= 2:
        return True
    if not common:
        return False
    c = next(iter(common))
    return bool(_DOUBLED.search(x) and _DOUBLED.search(y)) or (x.count(c) > 1 and y.count(c) > 1)


_MAX_ITEMS = 16   # no formula has more items: with this bound the scan is linear in the length of a list


def _run_ends(segs: list[str], j: int) -> list[int]:
    """Where a formula starting at segment j may end, longest first: runs of middles, then j + 1
    (a pair) when the segments around that 、 have a character in common near it.

    Middles must share one length L (2 to 8), be Chinese characters, differ from each other
    and (unless three characters long, which may read verb + object) have a character in common;
    the first item (the last L characters of segment j) must be Chinese characters too, and the
    first item and the middles must keep a position with one character in all, or one with a
    doubled character in all, or (L = 3) read verb + object: _run_items asks all of this. The
    run stops growing at the first middle that breaks it, since no longer run can then pass
    either, and at _MAX_ITEMS items.
    """
    left, m = segs[j], segs[j + 1]
    lw, rw = left[-8:], m[:8]   # every item is cut from these
    near = not set(lw).isdisjoint(rw)   # a pair, or a shared position, needs a common character
    ends = [j + 1] if near and _may_pair(lw, rw) else []
    L = len(m)
    if j + 2 >= len(segs) or not 2 <= L <= 8 or len(left) < L:
        return ends
    first = left[-L:]
    if not (near or L == 3 or _DOUBLED.search(first)) or not _ALL_CJK.fullmatch(first):
        return ends
    doubled = [i for i in range(L - 1) if first[i] == first[i + 1]]   # positions doubled in every item so far
    seen: set[str] = set()
    common: set[str] | None = None
    cols = range(L)   # positions where the first item and every middle so far have one character
    verb = L == 3 and segmenter().has_word(first[1:])   # ... may read verb + object
    for k in range(j + 2, min(len(segs), j + _MAX_ITEMS)):
        m = segs[k - 1]   # the last middle of a run ending at k
        if len(m) != L or m in seen or not _ALL_CJK.fullmatch(m):
            break
        seen.add(m)
        common = set(m) if common is None else common & set(m)
        cols = [p for p in cols if m[p] == first[p]]
        doubled = [i for i in doubled if m[i] == m[i + 1]]
        verb = verb and segmenter().has_word(m[1:])
        if (L != 3 and not common) or not (cols or doubled or verb):
            break
        ends.insert(0, k)
    return ends


def _word_cut_ok(seg: str, at: int) -> bool:
    """True when position `at` of seg falls between two words of the segmentation."""
    return at in (0, len(seg)) or at in _word_bounds(seg)


@functools.lru_cache(maxsize=1024)
def _word_bounds(seg: str) -> frozenset[int]:
    bounds, pos = set(), 0
    for t in segmenter().cut(seg):
        pos += len(t)
        bounds.add(pos)
    return frozenset(bounds)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{1,8}")


def _run_items(segs: list[str], j: int, k: int) -> list[str] | None:
    """The items of the run from segment j to segment k when they make a formula (else None);
    k is one of _run_ends(segs, j), which has checked the middles and the first item's characters."""
    if k == j + 1:
        return _pair_items(segs[j], segs[k])
    middle = segs[j + 1:k]
    L = len(middle[0])
    first, last = segs[j][-L:], segs[k][:L]
    if len(last) < L or not _ALL_CJK.fullmatch(last) or first == last or first in middle or last in middle:
        return None
    items = [first] + middle + [last]
    if not any(len(set(col)) == 1 for col in zip(*items)) and _shared_positions(items) < 1 and not _verb_object(items):
        return None   # (a column shared by every item is tested first: it is the common case and cheap)
    whole = middle + [it for it, seg in ((first, segs[j]), (last, segs[k])) if it == seg]
    if is_listing(whole if len(whole) >= 2 else items):   # judged on the items not cut from longer segments
        return None
    return items if _word_cut_ok(segs[j], len(segs[j]) - L) and _word_cut_ok(segs[k], L) else None


def _pair_items(left: str, right: str) -> list[str] | None:
    """Two items, one ending `left` and one beginning `right`, of one length (2 to 8 Chinese characters),
    sharing two positions (or one and a doubled character), cut on word boundaries; the length
    with the most shared positions wins, the longer one on a tie."""
    tail, head = _CJK_RUN.match(left[:-9:-1]), _CJK_RUN.match(right)
    if not tail or not head:
        return None
    tail, head = left[-tail.end():], head.group(0)
    if not _may_pair(tail, head):
        return None
    scores = _alignment_scores(tail, head)
    best = None
    for L in range(len(scores) - 1, 1, -1):
        s = scores[L]
        if s < 2 or (best is not None and s <= best[0]):
            continue
        x, y = tail[-L:], head[:L]
        if x != y and _word_cut_ok(left, len(left) - L) and _word_cut_ok(right, L) and not _pair_listing(x, y, left, right):
            best = (s, [x, y])
    return best[1] if best else None


def _alignment_scores(tail: str, head: str) -> list[int]:
    """scores[L] for L up to the shorter length: the positions where tail's last L characters and
    head's first L hold one character, plus (when both have a doubled character) the positions
    where both have a doubled one. Counted from the pairs of equal characters, not length by length.

    >>> _alignment_scores('守土有责', '守土尽责'), _alignment_scores('件件有落实', '事事有回音')[5]
    ([0, 0, 0, 0, 3], 2)
    """
    lt, top = len(tail), min(len(tail), len(head))
    scores = [0] * (top + 1)
    for c in set(tail).intersection(head):   # tail[a] == head[b] lines up when L = lt - a + b
        a = tail.find(c)
        while a >= 0:
            b = head.find(c)
            while b >= 0:
                if lt - a + b <= top:
                    scores[lt - a + b] += 1
                b = head.find(c, b + 1)
            a = tail.find(c, a + 1)
    if not (_DOUBLED.search(tail) and _DOUBLED.search(head)):
        return scores
    da = [a for a in range(lt - 1) if tail[a] == tail[a + 1]]
    db = [b for b in range(len(head) - 1) if head[b] == head[b + 1]]
    for a in da:   # both doubled (tail[a] == tail[a + 1], head[b] == head[b + 1]): the same alignment
        for b in db:
            if lt - a + b <= top:
                scores[lt - a + b] += 1
    return scores


def _pair_listing(x: str, y: str, left: str, right: str) -> bool:
    """A pair that lists: is_listing, or one item standing whole (not cut from a longer segment)
    that names an office or an organisation (甲县资源局、甲县文学艺术界联合会)."""
    titles, bodies, _ = _ending_res()
    whole = [it for it, seg in ((x, left), (y, right)) if it == seg]
    return is_listing([x, y]) or any(titles.search(it) or bodies.search(it) for it in whole)


def items_differ(items: list[str]) -> bool:
    """True when no two items are the same string.

    >>> items_differ(['立法', '执法']), items_differ(['改革', '改革'])
    (True, False)
    """
    return len(set(items)) == len(items)
