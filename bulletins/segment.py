"""Segmentation: the project dictionary, rjieba / jieba segmenters, names kept whole."""
from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from typing import Sequence

from .lexicons import lexicon, lexicon_fields
from .patterns import _alternation


@functools.lru_cache(maxsize=1)
def dictionary_words() -> tuple[str, ...]:
    """The project dictionary: userdict, offices, titles, collective titles, slogans, meeting bodies.

    >>> '区委常委会' in dictionary_words()
    True
    """
    words = []
    for line in lexicon("userdict"):
        words.append(line.split()[0])
    words += lexicon("offices") + lexicon("standalone_titles") + lexicon("collective_titles")
    words += [o + p for o in ("区委", "市委", "省委", "镇党委") for p in ("书记", "副书记", "常委")]
    words += [f[0] for f in lexicon_fields("slogans") if "、" not in f[0] and "," not in f[0]]
    for f in lexicon_fields("meeting_bodies"):
        words += list(f)
    words += [f[1] for f in lexicon_fields("topics") if len(f) > 1]
    return tuple(sorted({w for w in words if len(w) >= 2 and "、" not in w}))


@functools.lru_cache(maxsize=1)
def segmenter():
    """A jieba-rs segmenter (rjieba) with the project dictionary added."""
    import rjieba

    seg = rjieba.Jieba()
    for w in dictionary_words():
        seg.add_word(w, max(seg.suggest_freq(w), 50000), None)
    return seg


@functools.lru_cache(maxsize=1)
def jieba_segmenter():
    """The same dictionary in pure-Python jieba (the reference backend; slower)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in dictionary_words():
        tk.add_word(w, max(tk.suggest_freq(w), 50000))
    return tk


@functools.lru_cache(maxsize=64)
def names_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(_alternation(names))


def name_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of the given names in a text, left to right, the longest name winning where two start together.

    >>> name_spans('王某某和王某', ['王某', '王某某'])
    [(0, 3), (4, 6)]
    """
    names = set(names) - {""}
    if len(names) > 50:   # many names (a whole corpus): one pass of a regex over the text
        return [m.span() for m in names_pattern(tuple(sorted(names))).finditer(text)]
    found = []
    for nm in names:
        i = text.find(nm)
        while i >= 0:
            found.append((i, -len(nm)))
            i = text.find(nm, i + 1)
    spans, pos = [], 0
    for start, neg in sorted(found):
        if start >= pos:
            spans.append((start, start - neg))
            pos = start - neg
    return spans


def spans_per_text(texts: Sequence[str], names: Sequence[str]) -> list[list[tuple[int, int]]]:
    """name_spans of each text, the names searched once in all the texts joined (no name holds the separator,
    so no span crosses two texts and each text gets the spans it would get alone).

    >>> spans_per_text(['王某某和王某', '无', '王某'], ['王某', '王某某'])
    [[(0, 3), (4, 6)], [], [(0, 2)]]
    """
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    if not any(names) or not texts:
        return out
    if any("\x00" in n for n in names):
        return [name_spans(t, names) for t in texts]
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    for s, e in name_spans("\x00".join(texts), names):
        i = bisect.bisect_right(starts, s) - 1
        out[i].append((s - starts[i], e - starts[i]))
    return out


def base_cut(backend: str = "rjieba"):
    """The plain segmenter function of a backend (rjieba's cut, or jieba's lcut)."""
    return jieba_segmenter().lcut if backend == "jieba" else segmenter().cut


def cut(text: str, names: Sequence[str] = (), backend: str = "rjieba") -> list[str]:
    """Tokens of a text, political terms and the given names kept whole.

    The text is segmented once; where a name is not already one token, the
    tokens around it are cut again on either side of the name. The segmenter
    itself never changes, so the same text gives the same tokens in any order of work.

    >>> cut('深入学习习近平新时代中国特色社会主义思想')[-1]
    '习近平新时代中国特色社会主义思想'
    >>> cut('市长王某某主持会议', ['王某某'])[1]
    '王某某'
    """
    base = base_cut(backend)
    return recut(text, base(text), name_spans(text, names) if names else (), base)


def recut(text: str, toks: list[str], spans: Sequence[tuple[int, int]], base) -> list[str]:
    """The tokens `toks` of `text` with each name span (from name_spans) one token, the tokens it cuts
    into cut again by `base` on either side of the name.

    >>> recut('市长王某某主持', ['市长', '王某', '某主持'], [(2, 5)], lambda t: list(t))
    ['市长', '王某某', '主', '持']
    """
    if not spans:
        return toks
    ends = list(itertools.accumulate(map(len, toks)))   # ends[i]: where token i ends
    out, done, i = [], 0, 0   # toks[:done] are settled
    while i < len(spans):
        start, end = spans[i]
        first = bisect.bisect_right(ends, start, lo=done)   # the token holding text[start]
        last = bisect.bisect_left(ends, end, lo=first)       # the token holding text[end - 1]
        group = [spans[i]]
        while i + 1 < len(spans) and spans[i + 1][0] < ends[last]:   # the next name starts in the same tokens
            i += 1
            group.append(spans[i])
            last = bisect.bisect_left(ends, spans[i][1], lo=last)
        out += toks[done:first]
        pos = ends[first - 1] if first else 0
        for s_, e_ in group:
            if pos < s_:
                out += base(text[pos:s_])
            out.append(text[s_:e_])
            pos = e_
        if ends[last] > pos:
            out += base(text[pos:ends[last]])
        done, i = last + 1, i + 1
    out += toks[done:]
    return out


def token_list(tokens: str) -> list[str]:
    """The tokens of one article as a list (the table keeps them joined by single spaces).

    >>> token_list('区委常委会 召开 会议')
    ['区委常委会', '召开', '会议']
    """
    return tokens.split(" ") if tokens else []
