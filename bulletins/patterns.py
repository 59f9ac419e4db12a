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
