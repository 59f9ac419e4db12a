"""Speed helpers derived from word lists: trie regexes and first-character look-aheads."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping
import functools
import re
from typing import Iterable



def _alternation(words: Iterable[str]) -> str:
    """A regex that matches any of the words, the longest where several match (a trie of the
    words, so the regex engine compares each character once instead of trying every word).

    >>> _alternation(['区委', '区委书记', '区长'])
    '区(?:委(?:书记)?|长)'
    """
    return _alternation_of(tuple(sorted(set(w for w in words if w))))


@functools.lru_cache(maxsize=256)
def _alternation_of(words: tuple[str, ...]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[None] = None   # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted((k, v) for k, v in node.items() if k is not None)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if None in node:   # the word may also stop here: try the longer words first
            body = (body if len(branches) > 1 or len(branches[0]) == 1 else "(?:" + body + ")") + "?"
        return body

    return pattern(trie)


def _first_chars(words: Iterable[str]) -> str:
    """A lookahead on the first characters of some words, so a big alternation is tried only where it can match."""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "])"


def frozen(mapping) -> "Mapping":
    """A read-only view of a new dict of `mapping`: what a cached function hands its callers, so
    that none of them can change what the others get.

    >>> d = frozen({'区委': 1}); d['区委'], isinstance(d, dict)
    (1, False)
    """
    return MappingProxyType(dict(mapping))


_CATEGORY_CLASS = {"CATEGORY_SPACE": r"\s", "CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w",
                   "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_NOT_WORD": r"\W"}


def _class_items(items) -> str | None:
    """The body of a character class ([...]) for the items of a parsed class, None for a negated one."""
    out = []
    for op, av in items:
        if str(op) == "LITERAL":
            out.append(re.escape(chr(av)))
        elif str(op) == "RANGE":
            out.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif str(op) == "CATEGORY" and str(av) in _CATEGORY_CLASS:
            out.append(_CATEGORY_CLASS[str(av)])
        else:
            return None
    return "".join(out)


def _first_of(seq) -> tuple[str | None, bool]:
    """(class body of the characters a parsed sequence can start with or None, whether it can match empty)."""
    out = []
    for op, av in seq:
        op = str(op)
        if op == "LITERAL":
            return "".join(out) + re.escape(chr(av)), False
        if op == "IN":
            body = _class_items(av)
            return (None if body is None else "".join(out) + body), False
        if op in ("AT", "ASSERT", "ASSERT_NOT"):
            continue   # zero width: the next item starts the match
        if op in ("SUBPATTERN", "ATOMIC_GROUP"):
            if op == "SUBPATTERN" and av[1] & re.IGNORECASE:
                return None, False
            first, empty = _first_of(av[-1])
        elif op == "BRANCH":
            firsts = [_first_of(b) for b in av[1]]
            if any(f is None for f, _ in firsts):
                return None, False
            first, empty = "".join(f for f, _ in firsts), any(e for _, e in firsts)
        elif op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            first, empty = _first_of(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        out.append(first)
        if not empty:
            return "".join(out), False
    return "".join(out), True


def first_chars(pattern: str) -> str | None:
    """A character class of every character a match of `pattern` can start with, or None when that
    cannot be told (a match may be empty, or start with nearly anything): a look-ahead of it lets a
    search skip the positions where the pattern cannot match.

    >>> first_chars('(?:来源|作者)\\\\s*[:：]'), first_chars('[|｜]\\\\s*x'), first_chars('\\\\s*[^。]'), first_chars('a?')
    ('[来作]', '[\\\\|｜]', None, None)
    """
    try:
        from re import _parser
        first, empty = _first_of(_parser.parse(pattern).data)
    except Exception:   # noqa: BLE001  another Python's parser: no look-ahead, the plain search
        return None
    return None if first is None or empty else f"[{first}]"
