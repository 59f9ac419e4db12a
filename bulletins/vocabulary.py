"""What a word is, for keywords: stopwords, candidates, jieba's general dictionary and IDF, and the rules that
leave out people's names, titles, places and the paper's own name."""
from __future__ import annotations

from typing import Mapping

from .patterns import frozen

import functools
import re
from collections import abc
from collections import defaultdict
from pathlib import Path
from typing import Iterable
import numpy as np
import pandas as pd

from .extract.figures import _units
from .lexicons import lexicon, lexicon_fields
from .segment import dictionary_words
from .text import is_cjk, normalize

OOV_IDF = 8.0         # general IDF of a short token jieba's table lacks (its median, about 12, is for rare words)

@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list (data/lexicons/stopwords.txt).

    >>> '本报讯' in stopwords(), '此次' in stopwords()
    (True, True)
    """
    return frozenset(lexicon("stopwords"))


_CLASSIFIERS = "期次届个批项家名年月日号倍所份位篇组件人户座条"
_NUMERAL_WORD = re.compile(rf"^第?[零〇一二两三四五六七八九十百千万亿]+余?[{_CLASSIFIERS}]?$|^[半多数几首各每余][{_CLASSIFIERS}]$")
_OWN_UNIT_WORD = re.compile(r"^[我本该此][区县市镇乡村馆局院校所委厅站部省州台社处办]$")   # 我馆, 本院: "our unit"
_PERIOD_WORD = re.compile(r"^(?:[前后上下全]?[一二三四]?季度|[上下]半年|[一二三四五六七八九十]+月份?"
                          r"|[昨今前明当][天日晚年](?:上午|下午|晚上|中午|以来)?|近[日期年来]|日前|年初|年底|年末)$")


@functools.lru_cache(maxsize=1 << 18)
def is_keyword_candidate(word: str) -> bool:
    """A word worth counting: two or more CJK characters, not a stopword, no number, ordinal, unit, period
    or "our unit" (我馆, 本院).

    >>> [is_keyword_candidate(w) for w in ['新能源汽车', '的', '81', '，', '会议', '第二十八', '亿元', '三季度', '昨天下午', '三千余家']]
    [True, False, False, False, False, False, False, False, False, False]
    """
    if len(word) < 2 or word in stopwords():
        return False
    if any(c.isdigit() for c in normalize(word)) or _NUMERAL_WORD.match(word) or _PERIOD_WORD.match(word) \
            or _OWN_UNIT_WORD.match(word):
        return False
    if word in _units() or (word[0] in "万亿千百" and word[1:] in _units()):
        return False
    return all(is_cjk(c) or c.isalpha() for c in word) and any(is_cjk(c) for c in word)


class _WordTable(abc.Mapping):
    """A read-only {word: (frequency, tag)} over the columns of a dictionary file: one index dict, the
    frequencies parsed only when looked up (349,000 tuples and ints cost more than the corpus's lookups)."""

    def __init__(self, words: list[str], freqs: list[str], tags: list[str]):
        self._at = dict(zip(words, range(len(words))))   # a repeated word: its last line, as a dict fill would keep
        self._freqs, self._tags = freqs, tags

    def __getitem__(self, word: str) -> tuple[int, str]:
        i = self._at[word]
        return int(self._freqs[i]), self._tags[i]

    def get(self, word: str, default=None):
        i = self._at.get(word)
        return default if i is None else (int(self._freqs[i]), self._tags[i])

    def __contains__(self, word: object) -> bool:
        return word in self._at

    def __iter__(self):
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


@functools.lru_cache(maxsize=1)
def _jieba_dictionary() -> Mapping[str, tuple[int, str]]:
    """{word: (frequency, part-of-speech tag)} of jieba's own dictionary (dict.txt, shipped inside the jieba package).

    >>> _jieba_dictionary()['工作'][1], '工作' in _jieba_dictionary()
    ('vn', True)
    """
    import jieba

    text = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8")
    fields, lines = text.split(), [line for line in text.split("\n") if line and not line.isspace()]
    if len(fields) == 3 * len(lines):   # every line: word, frequency, tag (one split of the whole file)
        return _WordTable(fields[0::3], fields[1::3], fields[2::3])
    rows = [p[:3] for p in map(str.split, lines) if len(p) >= 3]
    return _WordTable([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


@functools.lru_cache(maxsize=1)
def general_idf() -> tuple[dict[str, float], float]:
    """({word: idf}, median idf) of jieba's general IDF table (analyse/idf.txt, shipped inside the jieba
    package, computed by jieba's authors over a large general corpus); unknown words get the median, as in jieba.

    >>> idf, median = general_idf()
    >>> idf['工作'] < idf['宪法'] < median
    True
    """
    import jieba

    idf = {}
    with open(Path(jieba.__file__).parent / "analyse" / "idf.txt", encoding="utf-8") as f:
        for line in f:
            w, _, v = line.rstrip("\n").partition(" ")
            if v:
                idf[w] = float(v)
    return idf, float(np.median(list(idf.values())))


def general_idf_of(vocab: np.ndarray) -> np.ndarray:
    """The general IDF of each word: jieba's; for a word it lacks, the median for the project's own terms and
    longer words, OOV_IDF for a short unknown token (mostly a fragment the segmenter guessed: 上作, 为功)."""
    idf, median = general_idf()
    known = _known_terms()
    return np.fromiter((idf.get(w, median if w in known or len(w) > 3 else OOV_IDF) for w in vocab),
                       dtype=float, count=len(vocab))


@functools.lru_cache(maxsize=1)
def _exclusion_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    kinds = defaultdict(list)
    for f in lexicon_fields("keyword_exclusions"):
        kinds[f[0]].append(f[1])
    return tuple(kinds["place"]), tuple(kinds["media"])


@functools.lru_cache(maxsize=1)
def _known_terms() -> frozenset[str]:
    return frozenset(dictionary_words()) | _topic_terms()


@functools.lru_cache(maxsize=1)
def _topic_terms() -> frozenset[str]:
    from .topics import topic_lexicon

    return frozenset(w for ws in topic_lexicon().values() for w in ws)


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("surnames"))


@functools.lru_cache(maxsize=1 << 18)
def is_place_or_outlet(word: str) -> bool:
    """A place name (jieba tags it ns, or it ends in a place ending after a name that is no common word)
    or a news outlet. jieba's own tags miss many county names, so the ending decides.

    >>> [is_place_or_outlet(w) for w in ['常州', '柳塘镇', '开发区', '工业园区', '贫困村', '柳塘日报', '营商环境']]
    [True, True, False, False, False, True, False]
    """
    places, media = _exclusion_endings()
    jd = _jieba_dictionary()
    if jd.get(word, ("", ""))[1] == "ns" or (word.endswith(media) and len(word) > 2):
        return True
    if word in _known_terms() or _is_common(word) or not word.endswith(places):
        return False
    for e in places:
        stem = word[:-len(e)]
        if word.endswith(e) and len(stem) >= 2 - (len(e) > 1):
            if len(e) == 1 and _is_common(word[-2:]):   # 园区, 景区, 农村: a common noun ends it
                return False
            return not _is_common(stem)
    return False


@functools.lru_cache(maxsize=1 << 18)
def _is_common(word: str) -> bool:
    """jieba's dictionary knows the word as a common word (frequency 200 or more, not a proper name)."""
    freq, tag = _jieba_dictionary().get(word, (0, ""))
    return freq >= 200 and tag not in ("ns", "nr", "nz", "nt")


@functools.lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon("positions")) | set(lexicon("standalone_titles")), key=len, reverse=True))


@functools.lru_cache(maxsize=1 << 18)
def is_title(word: str) -> bool:
    """An official's title (ends in a position or a standalone title: 区委副书记, 常务副县长), unless a topic term.

    >>> [is_title(w) for w in ['区委副书记', '常务副县长', '总书记', '营商环境']]
    [True, True, False, False]
    """
    return word.endswith(_title_endings()) and word not in _topic_terms()


@functools.lru_cache(maxsize=1 << 18)
def is_name_like(word: str) -> bool:
    """A token the segmenter made from no dictionary entry, of two or three characters, starting with a
    surname: in news, nearly always a person's name (the tokens table keeps found names whole).

    >>> [is_name_like(w) for w in ['王某明', '老林', '营商环境', '开工']]
    [True, True, False, False]
    """
    if len(word) == 2 and word[0] in "老小" and word[1] in _surnames() and not _is_common(word):
        return True   # 老林, 小王: how reports name ordinary people
    if not 2 <= len(word) <= 4 or word in _jieba_dictionary() or word in _known_terms() or is_place_or_outlet(word):
        return False
    sn = _surnames()
    return (word[0] in sn and len(word) <= 3) or (word[:2] in sn and len(word) >= 3)


def excluded_mask(vocab: np.ndarray, names: Iterable[str] = (), keep_places: bool = False,
                  keep_names: bool = False, before_place: np.ndarray | None = None) -> np.ndarray:
    """True for vocabulary words that are no keyword: non-candidates, people's names (given, or name-like) and titles,
    places and outlets (with the stem they are made of: 某某区 -> 某某) unless kept.

    >>> excluded_mask(np.array(['营商环境', '的', '王某明'], dtype=object), names=['王某明']).tolist()
    [False, True, True]
    """
    flags = None if before_place is None else np.packbits(np.asarray(before_place, dtype=bool)).tobytes()
    return _excluded(tuple(vocab), frozenset(names), keep_places, keep_names, flags).copy()


@functools.lru_cache(maxsize=8)
def _excluded(vocab: tuple[str, ...], names: frozenset[str], keep_places: bool, keep_names: bool,
              flags: bytes | None) -> np.ndarray:
    """excluded_mask, cached (read-only) for the notebook's calls on one vocabulary; `flags`: before_place, packed."""
    before_place = None if flags is None else np.unpackbits(np.frombuffer(flags, np.uint8), count=len(vocab)).astype(bool)
    vocab = np.array(vocab, dtype=object)
    bad = np.fromiter((not is_keyword_candidate(w) for w in vocab), dtype=bool, count=len(vocab))
    if not keep_names:
        bad |= np.fromiter((w in names or is_name_like(w) or is_title(w) for w in vocab), dtype=bool, count=len(vocab))
    if not keep_places:
        places, media = _exclusion_endings()
        place = np.fromiter((is_place_or_outlet(w) for w in vocab), dtype=bool, count=len(vocab))
        stems = {w[:-len(e)] for w in vocab[place] for e in places + media if w.endswith(e) and len(w) - len(e) >= 2}
        bad |= place | np.fromiter((w in stems for w in vocab), dtype=bool, count=len(vocab))
        if before_place is not None:   # 某某 区委, 某某 县: an uncommon word before a place ending is a place
            bad |= before_place & np.fromiter((2 <= len(w) <= 4 and not _is_common(w) and w not in _known_terms() for w in vocab),
                                              dtype=bool, count=len(vocab))
    bad.flags.writeable = False
    return bad


def corpus_names(corpus) -> list[str]:
    """People's names of a Corpus: officials present and mentioned, and the bylines' authors."""
    out = set()
    for table_, col in (("appearances", "name"), ("mentions", "name"), ("authors", "name")):
        df = getattr(corpus, table_, None)
        if df is not None and col in df.columns:
            out |= set(df[col].dropna())
    return sorted(out - {""})


def paper_names(corpus) -> set[str]:
    """The paper's own name and the place it is named after, from the page headers (某某日报 -> 某某日报, 某某).

    >>> import types
    >>> sorted(paper_names(types.SimpleNamespace(issues=pd.DataFrame({'header': ['柳塘日报 2024年1月1日 第1版']}))))
    ['柳塘', '柳塘日报']
    """
    out: set[str] = set()
    issues = getattr(corpus, "issues", None)
    if issues is None or "header" not in issues.columns:
        return out
    media = "|".join(map(re.escape, _exclusion_endings()[1]))
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2,6}}?)({media})", "\n".join(issues["header"].dropna().unique())):
        out |= {m.group(0), m.group(1)}
    return out
