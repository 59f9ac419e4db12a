"""The parallel-formula rule: items joined by 、 that share their structure (不敢腐、不能腐、不想腐)."""
from __future__ import annotations

import functools
import re

from ..lexicons import lexicon, lexicon_fields
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


def _opens_with_office(item: str) -> bool:
    """True when an item's first word is a level or an office (区|督查办, 区委|宣传部), or a level
    glued to a word the dictionary lacks (区环|委办), not a word that merely starts alike (区位优势)."""
    first = segmenter().cut(item)[0]
    openers = _office_openers()
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
    titles, bodies, places = _listing_endings()
    if all(it.endswith(titles) for it in items) or all(it.endswith(bodies) for it in items):
        return True
    if all(it.endswith(places) for it in items):
        stems = [it[:len(it) - len(next(e for e in places if it.endswith(e)))] for it in items]
        if max(map(len, stems)) <= 2:   # 青松镇, 新联社区: a place's own name is short; 工业大县 is a goal
            return True
    return all(map(_opens_with_office, items)) or _person_names(items)


def _person_names(items: list[str]) -> bool:
    """Every item a person's name by its surname (王建华、李建华), the first characters not all one."""
    sn = _surnames()
    if len({it[0] for it in items}) == 1:
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
    out = []
    if "、" not in text:
        return out
    for clause in _clauses(text, "、"):
        segs = clause.split("、")
        j = 0
        while j < len(segs) - 1:
            found = None
            for k in _run_ends(segs, j):
                items = _run_items(segs, j, k)
                if items:
                    found = (k, items)
                    break
            if found:
                out.append("、".join(found[1]))
                j = found[0]
            else:
                j += 1
    return out


_ALL_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _may_pair(x: str, y: str) -> bool:
    """Whether two items could share two positions (or one and a doubled character): a cheap test first."""
    common = set(x) & set(y)
    if len(common) >= 2:
        return True
    if not common:
        return False
    c = next(iter(common))
    doubled = any(a == b for a, b in zip(x, x[1:])) and any(a == b for a, b in zip(y, y[1:]))
    return doubled or (x.count(c) > 1 and y.count(c) > 1)


_MAX_ITEMS = 16   # no formula has more items: with this bound the scan is linear in the length of a list


def _run_ends(segs: list[str], j: int) -> list[int]:
    """Where a run starting at segment j may end, longest first: middles must share one length
    (2 to 8), be Chinese characters, differ from each other and (unless three characters long,
    which may read verb + object) have a character in common. The run stops growing at the first
    middle that breaks this, since no longer run can then pass either, and at _MAX_ITEMS items."""
    ends = [j + 1]
    if j + 2 >= len(segs):
        return ends
    L = len(segs[j + 1])
    if not 2 <= L <= 8:
        return ends   # middles of that length never make a formula: only a pair is left
    seen: set[str] = set()
    common: set[str] | None = None
    for k in range(j + 2, min(len(segs), j + _MAX_ITEMS)):
        m = segs[k - 1]   # the last middle of a run ending at k
        if len(m) != L or m in seen or not _ALL_CJK.fullmatch(m):
            break
        seen.add(m)
        common = set(m) if common is None else common & set(m)
        if L != 3 and not common:
            break
        ends.append(k)
    return ends[::-1]


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
    middle = segs[j + 1:k]
    if not middle:
        return _pair_items(segs[j], segs[k])
    L = len(middle[0])
    if not 2 <= L <= 8 or any(len(m) != L for m in middle) or len(segs[j]) < L or len(segs[k]) < L:
        return None
    if L != 3 and not set.intersection(*(set(m) for m in middle)):
        return None   # middles with no common character share no position, and only L=3 can be verb + object
    items = [segs[j][-L:]] + middle + [segs[k][:L]]
    if not _ALL_CJK.fullmatch("".join(items)) or not items_differ(items):
        return None
    if not any(len(set(col)) == 1 for col in zip(*items)) and _shared_positions(items) < 1 and not _verb_object(items):
        return None   # (a column shared by every item is tested first: it is the common case and cheap)
    whole = middle + [it for it, seg in ((items[0], segs[j]), (items[-1], segs[k])) if it == seg]
    if is_listing(whole if len(whole) >= 2 else items):   # judged on the items not cut from longer segments
        return None
    return items if _word_cut_ok(segs[j], len(segs[j]) - L) and _word_cut_ok(segs[k], L) else None


def _pair_items(left: str, right: str) -> list[str] | None:
    """Two items, one ending `left` and one beginning `right`, of one length (2 to 8 Chinese characters),
    sharing two positions (or one and a doubled character), cut on word boundaries; the length
    with the most shared positions wins, the longer one on a tie."""
    tail, head = _CJK_RUN.match(left[::-1][:8]), _CJK_RUN.match(right)
    if not tail or not head:
        return None
    tail, head = left[-tail.end():], head.group(0)
    if not _may_pair(tail, head):
        return None
    doubles = any(map(str.__eq__, tail, tail[1:])) and any(map(str.__eq__, head, head[1:]))
    best = None
    for L in range(min(len(tail), len(head)), 1, -1):
        x, y = tail[-L:], head[:L]
        s = sum(map(str.__eq__, x, y))
        if doubles:
            s += sum(a and b for a, b in zip(map(str.__eq__, x, x[1:]), map(str.__eq__, y, y[1:])))
        if s < 2 or x == y or (best is not None and s <= best[0]):
            continue
        if _word_cut_ok(left, len(left) - L) and _word_cut_ok(right, L) and not _pair_listing(x, y, left, right):
            best = (s, [x, y])
    return best[1] if best else None


def _pair_listing(x: str, y: str, left: str, right: str) -> bool:
    """A pair that lists: is_listing, or one item standing whole (not cut from a longer segment)
    that names an office or an organisation (甲县资源局、甲县文学艺术界联合会)."""
    titles, bodies, _ = _listing_endings()
    whole = [it for it, seg in ((x, left), (y, right)) if it == seg]
    return is_listing([x, y]) or any(it.endswith(titles) or it.endswith(bodies) for it in whole)


def items_differ(items: list[str]) -> bool:
    """True when no two items are the same string.

    >>> items_differ(['立法', '执法']), items_differ(['改革', '改革'])
    (True, False)
    """
    return len(set(items)) == len(items)
