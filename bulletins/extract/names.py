"""Person names: candidates from surnames, where a name ends, central leaders cited."""
from __future__ import annotations

import functools
import re

from ..extract.titles import _role_verbs
from ..lexicons import lexicon
from ..patterns import _alternation
from ..segment import segmenter
from ..text import is_cjk


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("surnames"))


@functools.lru_cache(maxsize=1)
def _followers() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon("name_followers")) | set(_role_verbs()[2]), key=len, reverse=True))


_NOT_IN_NAME = set("的了在和与及是为等对把被从向于以而并也又还都就但之其这那各每有无不我你他她它们我区市省会上下中年月日号时个")


_NAME_CHARS = re.compile("(?:(?![" + "".join(sorted(_NOT_IN_NAME)) + "])[\u3400-\u4dbf\u4e00-\u9fff]){0,4}")


def _follows_name(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    ch = text[pos]
    if ch in "、,，。；;：:)）\n“”\"":
        return True
    return text.startswith(_followers(), pos)


def name_at(text: str, pos: int) -> str:
    """The person's name that starts at text[pos] (2 to 4 characters), judged by what follows; '' if none.

    A candidate must be Chinese characters only, be followed by punctuation, a role verb or another
    word from name_followers.txt, and start with a surname from surnames.txt (three characters are
    tried before two, four only with a compound surname). A surname missing from the lexicon is
    accepted only for a word the dictionary does not know, right before a role verb, 一行, 等 or 、.

    >>> name_at('市长王某某分别陪同调研', 2), name_at('市长江路改造工程', 2)
    ('王某某', '')
    """
    fallback = ""
    surnames = _surnames()
    room = _NAME_CHARS.match(text, pos).end() - pos   # Chinese characters that may belong to a name, up to 4
    for L in (3, 2, 4):
        if L > room:
            continue
        cand = text[pos: pos + L]
        if not _follows_name(text, pos + L) or (L == 4 and cand[:2] not in surnames):
            continue
        if cand[0] in surnames or cand[:2] in surnames:
            return cand
        if not fallback and not segmenter().has_word(cand) and \
                text.startswith(_role_verbs()[2] + ("一行", "等", "、"), pos + L):
            fallback = cand
    return fallback


@functools.lru_cache(maxsize=1)
def _central_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("central_titles") + lexicon("thought_suffixes")))


@functools.lru_cache(maxsize=1024)
def _central_mention_names(text: str) -> dict[str, str]:
    """Names cited as central leaders: NAME总书记, NAME法治思想 -> {name: title}."""
    found: dict[str, str] = {}
    titles = set(lexicon("central_titles"))
    for m in _central_re().finditer(text):
        for L in (3, 2):
            cand = text[max(0, m.start() - L): m.start()]
            if len(cand) == L and all(is_cjk(c) for c in cand) and cand[0] in _surnames():
                if m.group(0) in titles or cand not in found:   # a title beats a thought's name
                    found[cand] = m.group(0) if m.group(0) in titles else found.get(cand, "")
                break
    return found


def _tail_name(s: str) -> str:
    """The name that ends a longer text (讲话后张某某 -> 张某某), by its surname; '' if none.

    >>> _tail_name('主持会议并讲话王某某'), _tail_name('会议结束')
    ('王某某', '')
    """
    for L in (3, 2):
        if len(s) >= L and (s[-L] in _surnames() or s[-L:-L + 2] in _surnames()):
            return s[-L:]
    return ""
