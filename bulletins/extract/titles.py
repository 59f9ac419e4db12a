"""Titles, levels and role verbs of officials: a title grammar composed from lexicons.

A title is a chain of links joined by 、 (区委书记、青禾经开区党工委书记). Each link is
[place or organisation words] + [office] + [modifier] + position: the core (office, modifier,
position) comes from offices.txt, position_modifiers.txt, positions.txt and standalone_titles.txt;
the words before it are read leftwards from the jieba tokens of the clause: a word ending like an
organisation or a place in title_orgs.txt (博物馆, 黄山市, 经开区), or up to six characters of
words naming one (中华儿女 + 联合会, 天河 + 区委).
"""
from __future__ import annotations

from typing import Mapping

import functools
import re

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, _first_chars, frozen
from ..segment import segmenter
from ..text import is_cjk

_DETERMINERS = "我全本该各此"   # 全区, 我县: a place word of no proper name
CLAUSE_MARKS = "、,，。；;:：!！?？()（）“”\"'《》\n\t 　"   # where a title's words stop on the left


@functools.lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    """The core of a title link: [office][modifier]position, or a standalone title."""
    offices, mods = lexicon("offices"), lexicon("position_modifiers")
    heads = lexicon("positions") + lexicon("standalone_titles")
    mod = rf"(?:{_alternation(mods)})?"
    core = rf"{mod}(?:{_alternation(offices)})?{mod}(?:{_alternation(heads)})"
    return re.compile(_first_chars(offices + mods + heads) + core)


@functools.lru_cache(maxsize=1)
def _head_re() -> re.Pattern:
    """A position or standalone title: what a scan for titles looks for (the office before it is
    read afterwards, by core_start; one short trie scans a text faster than office x position)."""
    heads = lexicon("positions") + lexicon("standalone_titles")
    return re.compile(f"(?:{_alternation(heads)})")   # a trie opening with a branch: re scans by its first characters


@functools.lru_cache(maxsize=1)
def _office_tail_re() -> re.Pattern:
    mod = f"(?:{_alternation(lexicon('position_modifiers'))})?"
    return re.compile(rf"{mod}(?:(?:{_alternation(lexicon('offices'))}){mod})?\Z")


def core_start(text: str, head_start: int) -> int:
    """Where the core of a title whose position starts at head_start begins: the office and
    modifiers right before it (原 + 区委 + 书记).

    >>> core_start('会上原区委书记', 5), core_start('中共中央总书记', 4), core_start('会议', 0)
    (2, 0, 0)
    """
    m = _office_tail_re().search(text, max(0, head_start - 20), head_start)
    return m.start() if m else head_start


@functools.lru_cache(maxsize=1)
def _collective_re() -> re.Pattern:
    return re.compile("(?:" + _alternation(lexicon("collective_titles")) + ")")   # scanned by its first characters


def collective_start(text: str, start: int) -> int:
    """Where a collective title found at text[start] (县领导) begins with the place printed before it:
    a place word (某县, 市) or a name read as a place before the collective's level word (青萝 + 县领导).
    Only place and name words count: a lone character (会后) or a verb opens no place.

    >>> t = '青萝县领导甲、乙,市县领导丙,会后县领导丁,各区县领导,戊平等区领导'
    >>> [collective_start(t, i) for i in (2, 10, 17, 24, 32)]
    [0, 9, 17, 24, 32]
    """
    left = start
    while left > 0 and start - left < 12 and text[left - 1] not in CLAUSE_MARKS:
        left -= 1
    if left == start or not text.startswith(_org_endings()[1], start) or text.endswith(_list_ends(), left, start):
        return start   # 甲、乙、丙等区领导: the list ends there, no place stands before it
    taken = 0
    for tok in reversed(segmenter().cut(text[left:start], True)):
        kind = _token_kind(tok)
        if tok[0] in _DETERMINERS:
            break
        if kind == "place" or (kind == "free" and taken == 0):
            taken += len(tok)
            if kind == "free":
                break
        else:
            break
    return start - taken


@functools.lru_cache(maxsize=1)
def _list_ends() -> tuple[str, ...]:
    """Words after a name (等, 和, 及): a list or a name ends there, no place name."""
    return tuple(lexicon("list_closers")) + tuple(lexicon("name_followers"))


@functools.lru_cache(maxsize=1)
def _org_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(organisation endings, place endings) of title_orgs.txt, longest first."""
    fields = lexicon_fields("title_orgs")
    orgs = sorted((f[0] for f in fields if len(f) == 1 or f[1] == "org"), key=len, reverse=True)
    places = sorted((f[0] for f in fields if len(f) > 1 and f[1] == "place"), key=len, reverse=True)
    return tuple(orgs), tuple(places)


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(lexicon("stopwords"))


@functools.lru_cache(maxsize=1)
def _joiners() -> frozenset[str]:
    """Words that join two words inside an organisation's name (发展和改革委员会): title_orgs.txt `joiner`."""
    return frozenset(f[0] for f in lexicon_fields("title_orgs") if len(f) > 1 and f[1] == "joiner")


@functools.lru_cache(maxsize=1)
def _parties() -> frozenset[str]:
    """A party's name opening a title before its place (中共 + 青萝县委): title_orgs.txt `party`."""
    return frozenset(f[0] for f in lexicon_fields("title_orgs") if len(f) > 1 and f[1] == "party")


@functools.lru_cache(maxsize=1)
def _not_free() -> frozenset[str]:
    """Words that never name an organisation or place: stop words, openers, verbs and name followers."""
    words = set(lexicon("body_openers")) | set(lexicon("name_followers"))
    words |= set(lexicon("relay_verbs")) | set(_role_verbs()[2]) | set(lexicon("position_modifiers"))
    return frozenset(words)


def _token_kind(tok: str) -> str:
    """'org', 'place' (a place ending, 区 alone included), 'free' (a word that may name one) or ''."""
    if tok in _joiners():
        return "joiner"
    if tok in _parties():
        return "party"
    if not tok or not all(is_cjk(c) for c in tok) or tok in _not_free():
        return ""
    orgs, places = _org_endings()
    if tok in orgs:   # an organisation word (大会) is one even where the keyword stopwords list it
        return "org"
    if tok in _stopwords():   # 发展 may name an organisation (发展和改革委员会), never a place (今天)
        return "stop" if len(tok) >= 2 else ""
    if tok in places or (len(tok) >= 2 and tok.endswith(places) and tok[0] not in _DETERMINERS):
        return "place"
    if tok.endswith(orgs) and len(tok) >= 2 or tok in orgs:
        return "org"
    return "free" if len(tok) >= 2 else "char"


@functools.lru_cache(maxsize=8192)
def _prefix_len(prefix: str, core_kind: str) -> int:
    """How many characters at the end of `prefix` belong to the title link that follows it.
    core_kind: 'place' for a core opening with a place ending (区委), 'org' for a position opening
    with an organisation's ending (局长: 教育 + 局长 reads 教育局长), else ''.

    >>> _prefix_len('会议邀请了黄山市博物馆', ''), _prefix_len('会上', 'place'), _prefix_len('考察团一行与广州市协作办公室', '')
    (6, 0, 8)
    >>> _prefix_len('会议听取教育', 'org'), _prefix_len('会议听取教育', '')
    (2, 0)
    >>> _prefix_len('会上中共青萝彝族自治', 'place')
    8
    """
    taken, free, last = 0, 0, ""
    right = {"place": "core_place", "org": "org"}.get(core_kind, "core")
    for tok in reversed(segmenter().cut(prefix, True)):
        kind = _token_kind(tok)
        if kind in ("org", "place"):
            taken, free, right = taken + len(tok), 0, kind
        elif kind in ("free", "char") and right in ("org", "place", "core_place", "free") and free + len(tok) <= 6:
            taken, free, right = taken + len(tok), free + len(tok), "free"
        elif kind == "stop" and right in ("org", "free") and free + len(tok) <= 6:
            taken, free, right = taken + len(tok), free + len(tok), "free"
        elif kind == "joiner" and right in ("org", "free", "place"):   # 住房和城乡建设局
            taken, right = taken + len(tok), "free"
        elif kind == "party" and right in ("org", "free", "place", "core_place"):   # 中共 + 青萝县委
            taken, last = taken + len(tok), kind
            break
        else:
            break
        last = kind
    return taken - 1 if last in ("char", "joiner") else taken   # a lone character opens no name (与广州市)
    return taken


def _link_start(text: str, core_start: int) -> int:
    """Where the title link whose core starts at core_start begins (its place and organisation words)."""
    left = core_start
    while left > 0 and core_start - left < 24 and text[left - 1] not in CLAUSE_MARKS:
        left -= 1
    if left == core_start:
        return core_start
    orgs, places = _org_endings()
    kind = "place" if text.startswith(places + _generic_offices(), core_start) else "org" if text[core_start] in orgs else ""
    return core_start - _prefix_len(text[left:core_start], kind)


@functools.lru_cache(maxsize=1)
def _generic_offices() -> tuple[str, ...]:
    """Offices naming no level (党委, 党工委, 管委会): a place's name may stand before them (青萝 + 党委)."""
    levels = tuple(f[0] for f in lexicon_fields("levels"))
    return tuple(sorted((o for o in lexicon("offices") if not o.startswith(levels)), key=len, reverse=True))


_CHAIN_MARKS = "、,，兼"   # what joins the links of a chain (副县长兼县公安局局长)


def title_chain(text: str, core: tuple[int, int], cores_by_end: dict) -> tuple[int, str]:
    """(start, title) of the chain of links that ends with the core match `core`: earlier links
    joined by 、 (or a comma after a link that fills its clause) come along; the title is printed
    as the text has it, commas read as 、.

    core: (start, end) of the last link's position; cores_by_end: end -> start of every position
    found (the offices before them are read here, by core_start).

    >>> t = '会上,区委书记、青禾经开区党工委书记某某讲话'
    >>> title_chain(t, (16, 18), {7: 5, 18: 16})
    (3, '区委书记、青禾经开区党工委书记')
    """
    start = _link_start(text, core_start(text, core[0]))
    while start > 1 and text[start - 1] in _CHAIN_MARKS and (start - 1) in cores_by_end:
        prev_start = _link_start(text, core_start(text, cores_by_end[start - 1]))
        if text[start - 1] in ",，" and not (prev_start == 0 or text[prev_start - 1] in CLAUSE_MARKS):
            break
        start = prev_start
    return start, text[start: core[1]].replace(",", "、").replace("，", "、")


@functools.lru_cache(maxsize=1)
def _levels() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f[0], f[1]) for f in lexicon_fields("levels")), key=lambda x: -len(x[0])))


LEVEL_RANK = {"中央": 0, "省": 1, "市": 2, "区": 3, "镇街": 4, "": 5}


_MIXED_LEVELS = re.compile(r"[\u4e00-\u9fff]{1,3}、[\u4e00-\u9fff]{1,3}(?:、[\u4e00-\u9fff]{1,3})*领导")


def _two_levels(title: str) -> bool:
    """A heading of two levels printed without 、 (市县领导, 区县领导)."""
    one = {f[0] for f in lexicon_fields("levels") if len(f[0]) == 1}
    return title.endswith("领导") and len(title) > 3 and title[0] in one and title[1] in one


_DEPUTY = re.compile(r"^(?:常务副|副|代理|原)")


@functools.lru_cache(maxsize=4096)
def title_level(title: str) -> str:
    """The level of a title: 中央, 省, 市, 区, 镇街 or '' (mixed or unknown). A title that opens
    with a place name takes the level of the last level word of its first link (天河区委 -> 区).

    >>> title_level('省政府党组成员'), title_level('市、区领导'), title_level('区委书记、区委深改委主任')
    ('省', '', '区')
    >>> title_level('某某市某河区委副书记、区长'), title_level('某某联合会副主席'), title_level('市县领导')
    ('区', '', '')
    """
    if not title or _MIXED_LEVELS.match(title) or _two_levels(title):
        return ""
    bare = _DEPUTY.sub("", title)
    for prefix, level in _levels():
        if bare.startswith(prefix):
            return level
    first = bare.split("、")[0]
    best, level = -1, ""
    for word, lv in _levels():
        at = first.rfind(word)
        if at > best and lv not in ("中央",):
            best, level = at, lv
    return level


@functools.lru_cache(maxsize=1)
def _role_verbs() -> tuple[re.Pattern, frozenset[str], tuple[str, ...], dict, str]:
    """(pattern of role verbs, the weak ones, all of them, verb -> role, the generic role) from role_verbs.txt."""
    fields = lexicon_fields("role_verbs")
    verbs = tuple(f[0] for f in fields)
    kinds = {f[0]: (f[1] if len(f) > 1 else "strong") for f in fields}
    roles = {f[0]: (f[2] if len(f) > 2 else f[0]) for f in fields}
    generic = next((roles[v] for v, k in kinds.items() if k == "generic"), "")
    gapped = [re.escape(v).replace("…", "[^,，。；;、]{0,12}?") for v in verbs if "…" in v]
    plain = _alternation(v for v in verbs if "…" not in v)   # 视察调研组: verbs naming a group are a noun
    pat = re.compile("|".join(gapped + [f"(?:{plain})(?!(?:{plain})?[团组队员])"]))
    for v in verbs:   # a gapped verb is known by its outer words (作...报告)
        if "…" in v:
            roles[v.replace("…", "")] = roles[v]
    weak = frozenset(v for v, k in kinds.items() if k == "weak")
    return pat, weak, tuple(v for v in verbs if "…" not in v), roles, generic


@functools.lru_cache(maxsize=4096)
def role_in(text: str, fallback: bool = False) -> str:
    """The role of a clause: the role of its first role verb, passing over weak ones (率队, 强调)
    when another follows; a verb before 团/组/队/员 is a noun. With fallback, a clause without a role
    verb gives the generic role.

    >>> role_in('率队来我区调研新能源汽车产业'), role_in('分别陪同调研'), role_in('主持会议并讲话')
    ('调研', '陪同', '主持')
    >>> role_in('随考察团热情接待'), role_in('列席会议'), role_in('在主席台上', fallback=True)
    ('会见', '列席', '出席')
    """
    pat, weak, _, roles, generic = _role_verbs()
    found = [v if v in roles else _gap_key(v) for v in pat.findall(text)]
    strong = [v for v in found if v not in weak]
    verb = strong[0] if strong else (found[0] if found else "")
    return roles.get(verb, verb) if verb else (generic if fallback else "")


def _gap_key(verb: str) -> str:
    """作政府工作报告 -> the role of 作…报告 (a gapped verb found with its object inside)."""
    roles = _role_verbs()[3]
    if verb in roles:
        return verb
    for v in roles:
        if "…" in v and verb.startswith(v.split("…")[0]) and verb.endswith(v.split("…")[1]):
            return v
    return verb


def is_attendance(role: str) -> bool:
    """A role that only says the person was there (出席, 参加): a later, more telling one replaces it.

    >>> is_attendance('出席'), is_attendance('主持')
    (True, False)
    """
    return role in _attendance()


@functools.lru_cache(maxsize=1)
def _attendance() -> frozenset[str]:
    return frozenset(r for v, r in _role_verbs()[3].items() if _kinds().get(v) == "attend")


@functools.lru_cache(maxsize=1)
def _kinds() -> Mapping:
    return frozen({f[0]: (f[1] if len(f) > 1 else "strong") for f in lexicon_fields("role_verbs")})
