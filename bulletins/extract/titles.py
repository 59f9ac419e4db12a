"""Titles, levels and role verbs of officials."""
from __future__ import annotations

import functools
import re

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, _first_chars


@functools.lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    single = rf"(?:(?:{_alternation(lexicon('offices'))})(?:{_alternation(lexicon('positions'))})|(?:{_alternation(lexicon('standalone_titles'))}))"
    return re.compile(rf"{_first_chars(lexicon('offices') + lexicon('standalone_titles'))}{single}(?:、{single})*")


@functools.lru_cache(maxsize=1)
def _collective_re() -> re.Pattern:
    return re.compile(_first_chars(lexicon("collective_titles")) + "(?:" + _alternation(lexicon("collective_titles")) + ")")


@functools.lru_cache(maxsize=1)
def _levels() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f[0], f[1]) for f in lexicon_fields("levels")), key=lambda x: -len(x[0])))


LEVEL_RANK = {"中央": 0, "省": 1, "市": 2, "区": 3, "镇街": 4, "": 5}


_MIXED_LEVELS = re.compile(r"[\u4e00-\u9fff]{1,3}、[\u4e00-\u9fff]{1,3}(?:、[\u4e00-\u9fff]{1,3})*领导")


_DEPUTY = re.compile(r"^(?:常务副|副)")


@functools.lru_cache(maxsize=4096)
def title_level(title: str) -> str:
    """The level of a title: 中央, 省, 市, 区, 镇街 or '' (mixed or unknown).

    >>> title_level('省政府党组成员'), title_level('市、区领导'), title_level('区委书记、区委深改委主任')
    ('省', '', '区')
    """
    if not title or _MIXED_LEVELS.match(title):
        return ""
    bare = _DEPUTY.sub("", title)
    for prefix, level in _levels():
        if bare.startswith(prefix):
            return level
    return ""


@functools.lru_cache(maxsize=1)
def _role_verbs() -> tuple[re.Pattern, frozenset[str], tuple[str, ...]]:
    """(pattern of role verbs, the weak ones, all of them) from role_verbs.txt."""
    fields = lexicon_fields("role_verbs")
    verbs = tuple(f[0] for f in fields)
    return re.compile(_alternation(verbs)), frozenset(f[0] for f in fields if len(f) > 1 and f[1] == "weak"), verbs


def role_in(text: str) -> str:
    """The role verb of a clause: the first role verb, passing over weak ones (率队, 带队) when another follows.

    >>> role_in('率队来我区调研新能源汽车产业'), role_in('分别陪同调研'), role_in('主持会议并讲话')
    ('调研', '陪同', '主持')
    """
    pat, weak, _ = _role_verbs()
    found = [m.group(0) for m in pat.finditer(text)]
    strong = [v for v in found if v not in weak]
    return strong[0] if strong else (found[0] if found else "")
