"""Keywords: a sparse article x term matrix from the tokens table, TF-IDF (corpus or general IDF), TextRank,
excluded names and places, stopword candidates. Topics live in bulletins/topics.py."""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections import defaultdict
from pathlib import Path
from typing import Iterable, NamedTuple
import numpy as np
import pandas as pd
from scipy import sparse

from .extract.figures import _units
from .extract.tokens import tokens
from .lexicons import lexicon, lexicon_fields
from .segment import dictionary_words, token_list
from .text import is_cjk, normalize, normalize_article

# Below this many articles the corpus's own document frequencies say little: the IDF is blended with
# jieba's general one (weight of the corpus's own = n / (n + CORPUS_IDF_ARTICLES)).
CORPUS_IDF_ARTICLES = 300
HEADLINE_WEIGHT = 3   # a headline token counts as this many body tokens
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
_PERIOD_WORD = re.compile(r"^(?:[前后上下全]?[一二三四]?季度|[上下]半年|[一二三四五六七八九十]+月份?"
                          r"|[昨今前明当][天日晚年](?:上午|下午|晚上|中午|以来)?|近[日期年来]|日前|年初|年底|年末)$")


@functools.lru_cache(maxsize=1 << 18)
def is_keyword_candidate(word: str) -> bool:
    """A word worth counting: two or more CJK characters, not a stopword, no number, ordinal, unit or period.

    >>> [is_keyword_candidate(w) for w in ['新能源汽车', '的', '81', '，', '会议', '第二十八', '亿元', '三季度', '昨天下午', '三千余家']]
    [True, False, False, False, False, False, False, False, False, False]
    """
    if len(word) < 2 or word in stopwords():
        return False
    if any(c.isdigit() for c in normalize(word)) or _NUMERAL_WORD.match(word) or _PERIOD_WORD.match(word):
        return False
    if word in _units() or (word[0] in "万亿千百" and word[1:] in _units()):
        return False
    return all(is_cjk(c) or c.isalpha() for c in word) and any(is_cjk(c) for c in word)


class Terms(NamedTuple):
    """Counts of every token per article: X (articles x vocab, CSR, headline tokens counted HEADLINE_WEIGHT
    times), heads (the headline part alone), vocab (numpy array of str), keys (issue_id, article),
    before_place (per word: somewhere followed by a token starting with a one-character place ending, as
    某某 in 某某 区委 or 某某 县)."""
    X: sparse.csr_matrix
    heads: sparse.csr_matrix
    vocab: np.ndarray
    keys: pd.DataFrame
    before_place: np.ndarray


def term_matrix(tokens_df: pd.DataFrame, articles: pd.DataFrame | None = None) -> Terms:
    """The tokens table as sparse counts, no segmentation: one split and one hash factorisation of all tokens.

    Where `articles` is given, the tokens of each headline (the first tokens, as long as the headline
    without white space) count HEADLINE_WEIGHT times.

    >>> t = term_matrix(pd.DataFrame({'issue_id': ['a', 'a'], 'article': [0, 1], 'tokens': ['项目 开工 项目', '开工']}))
    >>> list(t.vocab), t.X.toarray().tolist()
    (['项目', '开工'], [[2, 1], [0, 1]])
    """
    toks = tokens_df["tokens"].tolist()
    lens = np.fromiter((t.count(" ") + 1 if t else 0 for t in toks), dtype=np.int64, count=len(toks))
    flat = " ".join(t for t in toks if t).split(" ") if lens.sum() else []
    codes, vocab = pd.factorize(pd.Series(flat, dtype=object), sort=False)
    rows = np.repeat(np.arange(len(toks)), lens)
    shape = (len(toks), len(vocab))
    X = sparse.csr_matrix((np.ones(len(codes), np.int32), (rows, codes)), shape=shape)
    heads = sparse.csr_matrix(shape, dtype=np.int32)
    if articles is not None and len(flat):
        hl = _headline_lengths(tokens_df, articles)
        tl = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab))[codes]   # token lengths, by word
        ends = np.cumsum(tl)
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        before = np.repeat(np.concatenate(([0], ends))[starts], lens)   # characters before the article's first token
        in_head = (ends - before) <= np.repeat(hl, lens)
        heads = sparse.csr_matrix((np.ones(int(in_head.sum()), np.int32), (rows[in_head], codes[in_head])), shape=shape)
        X = X + (HEADLINE_WEIGHT - 1) * heads
    vocab = np.asarray(vocab, dtype=object)
    ends = tuple(e for e in _exclusion_endings()[0] if len(e) == 1)
    starts_place = np.fromiter((w.startswith(ends) for w in vocab), dtype=bool, count=len(vocab))
    before_place = np.zeros(len(vocab), dtype=bool)
    if len(codes) > 1:
        before_place[codes[:-1][starts_place[codes[1:]] & (rows[:-1] == rows[1:])]] = True
    return Terms(X.tocsr(), heads.tocsr(), vocab, tokens_df[["issue_id", "article"]].reset_index(drop=True), before_place)


def _headline_lengths(tokens_df: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Characters of each article's normalised headline without white space, in the tokens table's order."""
    heads = {(i, a): len("".join(normalize_article(hd, "")[0].split()))
             for i, a, hd in zip(articles["issue_id"], articles["article"], articles["headline"])}
    return np.array([heads.get(k, 0) for k in zip(tokens_df["issue_id"], tokens_df["article"])], dtype=np.int64)


@functools.lru_cache(maxsize=1)
def _jieba_dictionary() -> dict[str, tuple[int, str]]:
    """{word: (frequency, part-of-speech tag)} of jieba's own dictionary (dict.txt, shipped inside the jieba package)."""
    import jieba

    out = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


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


def idf_weights(terms: Terms) -> np.ndarray:
    """IDF per vocabulary word: the corpus's own (documents = articles) blended with the general one,
    the corpus's share n / (n + CORPUS_IDF_ARTICLES); both on the same natural-log scale."""
    n = terms.X.shape[0]
    df_ = np.bincount(terms.X.indices, minlength=terms.X.shape[1])
    own = np.log((1 + n) / (1 + df_)) + 1
    gen = general_idf_of(terms.vocab)
    share = n / (n + CORPUS_IDF_ARTICLES)
    return share * own * (gen.mean() / max(own.mean(), 1e-9)) + (1 - share) * gen


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
    if word in _known_terms() or _is_common(word):
        return False
    for e in places:
        stem = word[:-len(e)]
        if word.endswith(e) and len(stem) >= 2 - (len(e) > 1):
            if len(e) == 1 and _is_common(word[-2:]):   # 园区, 景区, 农村: a common noun ends it
                return False
            return not _is_common(stem)
    return False


def _is_common(word: str) -> bool:
    """jieba's dictionary knows the word as a common word (frequency 200 or more, not a proper name)."""
    freq, tag = _jieba_dictionary().get(word, (0, ""))
    return freq >= 200 and tag not in ("ns", "nr", "nz", "nt")


@functools.lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon("positions")) | set(lexicon("standalone_titles")), key=len, reverse=True))


def is_title(word: str) -> bool:
    """An official's title (ends in a position or a standalone title: 区委副书记, 常务副县长), unless a topic term.

    >>> [is_title(w) for w in ['区委副书记', '常务副县长', '总书记', '营商环境']]
    [True, True, False, False]
    """
    return word.endswith(_title_endings()) and word not in _topic_terms()


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
    places and outlets (with the stem they are made of: 某某区 -> 某某) unless kept."""
    names = frozenset(names)
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


def keywords(articles, k: int = 10, method: str = "tfidf", tokens_df: pd.DataFrame | None = None,
             names: Iterable[str] | None = None, keep_places: bool = False, keep_names: bool = False,
             exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Top k keywords per article: issue_id, article, rank, word, weight.

    `articles` is the articles table or a whole Corpus (then its tokens table and its people's names are
    used: nothing is segmented again). tfidf: term frequency (headline tokens count three times) times
    IDF (idf_weights: the corpus's own, blended with a general one while the corpus is small).
    textrank: PageRank over a co-occurrence window of 5 candidate words.
    People's names (`names`, the corpus's, and name-like unknown tokens), the district's places and
    the paper's name (from a Corpus's page headers) are left out unless keep_names / keep_places;
    `exclude` adds words to leave out (the district's name where the text never marks it as a place).
    """
    if hasattr(articles, "tokens") and hasattr(articles, "articles"):
        corpus, articles = articles, articles.articles
        tokens_df = tokens_df if tokens_df is not None else corpus.tokens
        names = corpus_names(corpus) if names is None else names
        exclude = set(exclude) | (set() if keep_places else paper_names(corpus))
    if tokens_df is None:
        if names is None:
            from .extract.officials import appearance_rows, mention_rows
            from .schema import records

            recs = records(articles)
            names = sorted({a["name"] for a in appearance_rows(recs, {})} | {m["name"] for m in mention_rows(recs, {})})
        tokens_df = tokens(articles, names)
    terms = term_matrix(tokens_df, articles)
    bad = excluded_mask(terms.vocab, set(names or ()) | set(exclude), keep_places, keep_names, terms.before_place)
    if method == "textrank":
        return _textrank_keywords(tokens_df, terms.vocab[bad], k)
    X = terms.X.astype(float).tocsr()
    X.data[bad[X.indices]] = 0
    X.eliminate_zeros()
    tf = sparse.diags(1 / np.maximum(np.asarray(X.sum(axis=1)).ravel(), 1)) @ X
    W = (tf @ sparse.diags(idf_weights(terms))).tocsr()
    return top_per_row(W, terms, k)


def top_per_row(W: sparse.csr_matrix, terms: Terms, k: int) -> pd.DataFrame:
    """The k largest entries of each row (ties by word), as issue_id, article, rank, word, weight."""
    W = W.tocoo()
    order_of_word = np.empty(len(terms.vocab), np.int64)
    order_of_word[np.argsort(terms.vocab.astype(str), kind="stable")] = np.arange(len(terms.vocab))
    weight = np.round(W.data, 12)
    idx = np.lexsort((order_of_word[W.col], -weight, W.row))
    rows, cols, vals = W.row[idx], W.col[idx], W.data[idx]
    first = np.searchsorted(rows, rows, side="left")
    rank = np.arange(len(rows)) - first + 1
    keep = rank <= k
    rows, cols, vals, rank = rows[keep], cols[keep], vals[keep], rank[keep]
    return pd.DataFrame({"issue_id": terms.keys["issue_id"].to_numpy()[rows], "article": terms.keys["article"].to_numpy()[rows],
                         "rank": rank.astype(np.int64), "word": terms.vocab[cols], "weight": np.round(vals, 6)})


def _textrank_keywords(tokens_df: pd.DataFrame, excluded: Iterable[str], k: int) -> pd.DataFrame:
    excluded = frozenset(excluded)
    rows = []
    for iid, art, toks in zip(tokens_df["issue_id"], tokens_df["article"], tokens_df["tokens"]):
        seq = [t for t in token_list(toks) if t not in excluded and is_keyword_candidate(t)]
        top = sorted(_textrank(seq).items(), key=lambda x: (-round(x[1], 12), x[0]))[:k]
        rows += [{"issue_id": iid, "article": art, "rank": i + 1, "word": w, "weight": round(v, 6)} for i, (w, v) in enumerate(top)]
    return pd.DataFrame(rows, columns=["issue_id", "article", "rank", "word", "weight"])


def _textrank(seq: list[str], window: int = 5, iters: int = 50, d: float = 0.85) -> dict[str, float]:
    edges: dict[str, Counter] = defaultdict(Counter)
    for i, w in enumerate(seq):
        for v in seq[i + 1: i + window]:
            if v != w:
                edges[w][v] += 1
                edges[v][w] += 1
    nodes = sorted(edges)
    if not nodes:
        return {w: 1.0 for w in set(seq)}
    score = dict.fromkeys(nodes, 1.0)
    out_w = {w: sum(edges[w].values()) for w in nodes}
    for _ in range(iters):
        score = {w: (1 - d) + d * sum(score[v] * c / out_w[v] for v, c in sorted(edges[w].items())) for w in nodes}
    return score


def word_counts(tokens_df: pd.DataFrame) -> pd.DataFrame:
    """Token counts per article, candidates only: issue_id, article, word, count (sorted)."""
    t = term_matrix(tokens_df)
    X = t.X.tocoo()
    keep = ~excluded_mask(t.vocab, keep_places=True, keep_names=True)[X.col]
    df = pd.DataFrame({"issue_id": t.keys["issue_id"].to_numpy()[X.row[keep]], "article": t.keys["article"].to_numpy()[X.row[keep]],
                       "word": t.vocab[X.col[keep]], "count": X.data[keep].astype(np.int64)})
    return df.sort_values(["issue_id", "article", "count", "word"], ascending=[True, True, False, True]).reset_index(drop=True)


def stopword_candidates(tokens_df: pd.DataFrame, n: int = 40, min_share: float = 0.2, names: Iterable[str] = ()) -> pd.DataFrame:
    """Words an analyst may add to data/lexicons/stopwords.txt: candidates (not yet stopwords) that stand in
    at least `min_share` of the articles, or that the general IDF rates as common in any text (idf < 6) and
    stand in two or more; topic-lexicon terms, people's names (`names` and name-like tokens) never; the
    district's own name may well come up. Columns: word, articles, share, count, general_idf."""
    t = term_matrix(tokens_df)
    n_docs = max(t.X.shape[0], 1)
    df_ = np.bincount(t.X.indices, minlength=len(t.vocab))
    count = np.asarray(t.X.sum(axis=0)).ravel()
    gen = general_idf_of(t.vocab)
    ok = ~excluded_mask(t.vocab, names, keep_places=True) & ~np.isin(t.vocab, list(_known_terms()))
    share = df_ / n_docs
    pick = ok & ((share >= min_share) & (df_ >= 2) | (gen < 6) & (df_ >= 2))
    out = pd.DataFrame({"word": t.vocab[pick], "articles": df_[pick], "share": share[pick].round(3),
                        "count": count[pick].astype(np.int64), "general_idf": gen[pick].round(2)})
    out["score"] = out["share"] / out["general_idf"]
    out = out.sort_values(["score", "word"], ascending=[False, True]).head(n)
    return out.drop(columns="score").reset_index(drop=True)
