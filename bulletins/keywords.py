"""Keywords: a sparse article x term matrix from the tokens table, TF-IDF (corpus or general IDF), recurring
two-word compounds, TextRank, stopword candidates. What counts as a word: bulletins/vocabulary.py; topics:
bulletins/topics.py."""
from __future__ import annotations

import functools
from collections import Counter
from collections import defaultdict
from typing import Iterable, NamedTuple
import numpy as np
import pandas as pd
from scipy import sparse

from .extract.tokens import tokens
from .text import visible_chars
from .vocabulary import (_exclusion_endings, _known_terms, corpus_names, excluded_mask, general_idf,
                         general_idf_of, is_keyword_candidate, is_name_like, is_place_or_outlet, is_title,
                         paper_names, stopwords)

__all__ = ["CORPUS_IDF_ARTICLES", "HEADLINE_WEIGHT", "Terms", "term_matrix", "idf_weights", "keywords", "top_per_row",
           "word_counts", "stopword_candidates", "corpus_names", "excluded_mask", "general_idf", "is_keyword_candidate",
           "is_name_like", "is_place_or_outlet", "is_title", "paper_names", "stopwords"]

# Below this many articles the corpus's own document frequencies say little: the IDF is blended with
# jieba's general one (weight of the corpus's own = n / (n + CORPUS_IDF_ARTICLES)).
CORPUS_IDF_ARTICLES = 300
HEADLINE_WEIGHT = 3   # a headline token counts as this many body tokens


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
    codes: np.ndarray         # every token of every article in order, as vocabulary indices ...
    rows: np.ndarray          # ... and the article (row of X) each belongs to


def term_matrix(tokens_df: pd.DataFrame, articles: pd.DataFrame | None = None) -> Terms:
    """The tokens table as sparse counts, no segmentation: one split and one hash factorisation of all tokens.

    Where `articles` is given, the tokens of each headline (the first tokens, as long as the headline
    without white space) count HEADLINE_WEIGHT times.

    >>> t = term_matrix(pd.DataFrame({'issue_id': ['a', 'a'], 'article': [0, 1], 'tokens': ['项目 开工 项目', '开工']}))
    >>> list(t.vocab), t.X.toarray().tolist()
    (['项目', '开工'], [[2, 1], [0, 1]])
    """
    toks = tuple(tokens_df["tokens"].tolist())
    hl = _headline_lengths(tokens_df, articles).tobytes() if articles is not None else b""
    lens, codes, vocab, _ = _counted(toks)
    X, heads, before_place = _weighted(toks, hl)
    return Terms(X, heads, vocab, tokens_df[["issue_id", "article"]].reset_index(drop=True), before_place,
                 codes, np.repeat(np.arange(len(lens)), lens))


@functools.lru_cache(maxsize=4)
def _weighted(toks: tuple[str, ...], hl: bytes) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
    """(X, heads, before_place) of term_matrix, read-only; `hl`: the headline lengths (int64 bytes), or none."""
    lens, codes, vocab, X = _counted(toks)
    rows = np.repeat(np.arange(len(lens)), lens)
    shape = X.shape
    heads = sparse.csr_matrix(shape, dtype=np.int32)
    if hl and len(codes):
        tl = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab))[codes]   # token lengths, by word
        ends = np.cumsum(tl)
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        before = np.repeat(np.concatenate(([0], ends))[starts], lens)   # characters before the article's first token
        in_head = (ends - before) <= np.repeat(np.frombuffer(hl, dtype=np.int64), lens)
        heads = sparse.csr_matrix((np.ones(int(in_head.sum()), np.int32), (rows[in_head], codes[in_head])), shape=shape)
        X = X + (HEADLINE_WEIGHT - 1) * heads
    ends = tuple(e for e in _exclusion_endings()[0] if len(e) == 1)
    starts_place = np.fromiter((w.startswith(ends) for w in vocab), dtype=bool, count=len(vocab))
    before_place = np.zeros(len(vocab), dtype=bool)
    if len(codes) > 1:
        before_place[codes[:-1][starts_place[codes[1:]] & (rows[:-1] == rows[1:])]] = True
    X, heads = X.tocsr(), heads.tocsr()
    for a in (X.data, X.indices, X.indptr, heads.data, heads.indices, heads.indptr, before_place):
        a.flags.writeable = False
    return X, heads, before_place


@functools.lru_cache(maxsize=2)
def _counted(toks: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, sparse.csr_matrix]:
    """(tokens per article, every token as a vocabulary index, vocabulary, article x vocabulary counts) of the
    tokens column, read-only: cached, so the notebook's calls on one corpus split and factorise it once."""
    lens = np.fromiter((t.count(" ") + 1 if t else 0 for t in toks), dtype=np.int64, count=len(toks))
    flat = " ".join(t for t in toks if t).split(" ") if lens.sum() else []
    codes, vocab = pd.factorize(pd.Series(flat, dtype=object), sort=False)
    codes = np.asarray(codes, dtype=np.int64)
    X = sparse.csr_matrix((np.ones(len(codes), np.int32), (np.repeat(np.arange(len(toks)), lens), codes)),
                          shape=(len(toks), len(vocab)))
    vocab = np.asarray(vocab, dtype=object)
    for a in (lens, codes, vocab, X.data, X.indices, X.indptr):
        a.flags.writeable = False
    return lens, codes, vocab, X


def _headline_lengths(tokens_df: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Characters of each article's normalised headline without white space, in the tokens table's order
    (normalising keeps length and white space: full-width signs and traditional characters, one for one)."""
    heads = dict(zip(zip(articles["issue_id"].tolist(), articles["article"].tolist()),
                     map(visible_chars, articles["headline"].tolist())))   # columns as lists: no per-item pandas access
    keys = zip(tokens_df["issue_id"].tolist(), tokens_df["article"].tolist())
    return np.array([heads.get(k, 0) for k in keys], dtype=np.int64)


def idf_weights(terms: Terms) -> np.ndarray:
    """IDF per vocabulary word: the corpus's own (documents = articles) blended with the general one,
    the corpus's share n / (n + CORPUS_IDF_ARTICLES); both on the same natural-log scale."""
    n = terms.X.shape[0]
    df_ = np.bincount(terms.X.indices, minlength=terms.X.shape[1])
    own = np.log((1 + n) / (1 + df_)) + 1
    gen = general_idf_of(terms.vocab)
    share = n / (n + CORPUS_IDF_ARTICLES)
    return share * own * (gen.mean() / max(own.mean(), 1e-9)) + (1 - share) * gen


def keywords(articles, k: int = 10, method: str = "tfidf", tokens_df: pd.DataFrame | None = None,
             names: Iterable[str] | None = None, keep_places: bool = False, keep_names: bool = False,
             exclude: Iterable[str] = (), compounds: bool = True) -> pd.DataFrame:
    """Top k keywords per article: issue_id, article, rank, word, weight.

    `articles` is the articles table or a whole Corpus (then its tokens table and its people's names are
    used: nothing is segmented again). tfidf: term frequency (headline tokens count three times) times
    IDF (idf_weights: the corpus's own, blended with a general one while the corpus is small).
    textrank: PageRank over a co-occurrence window of 5 candidate words (textrank_matrix, all articles at once).
    People's names (`names`, the corpus's, and name-like unknown tokens), the district's places and
    the paper's name (from a Corpus's page headers) are left out unless keep_names / keep_places;
    `exclude` adds words to leave out (the district's name where the text never marks it as a place).
    `compounds`: two candidates that recur side by side in an article count as one phrase (recurring_compounds).
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
    bad = excluded_mask(terms.vocab, names or (), keep_places, keep_names, terms.before_place)
    bad |= np.isin(terms.vocab.astype(str), list(set(exclude)))
    if method == "textrank":
        return top_per_row(textrank_matrix(terms, ~bad), terms, k)
    X = terms.X.astype(float).tocsr()
    X.data[bad[X.indices]] = 0
    X.eliminate_zeros()
    idf = idf_weights(terms)
    if compounds:
        X, terms, idf = _with_compounds(X, terms, idf, ~bad)
    tf = sparse.diags(1 / np.maximum(np.asarray(X.sum(axis=1)).ravel(), 1)) @ X
    W = (tf @ sparse.diags(idf)).tocsr()
    return top_per_row(W, terms, k)


def recurring_compounds(terms: Terms, ok: np.ndarray, min_count: int = 2) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Two adjacent keyword candidates that recur together in an article (集体 经济 twice -> 集体经济): a phrase
    the segmenter cut. Returns (articles x compounds counts, first part, second part), parts as vocabulary indices."""
    c, r = terms.codes, terms.rows
    if len(c) < 2:
        return sparse.csr_matrix((terms.X.shape[0], 0)), np.zeros(0, np.int64), np.zeros(0, np.int64)
    pair = (r[:-1] == r[1:]) & ok[c[:-1]] & ok[c[1:]] & (c[:-1] != c[1:])
    a, b, row = c[:-1][pair], c[1:][pair], r[:-1][pair]
    key = a * len(terms.vocab) + b
    uk, inv = np.unique(key, return_inverse=True)
    C = sparse.csr_matrix((np.ones(len(inv)), (row, inv)), shape=(terms.X.shape[0], len(uk)))
    C.sum_duplicates()
    C.data[C.data < min_count] = 0
    C.eliminate_zeros()
    used = np.flatnonzero(np.diff(C.tocsc().indptr))
    return C[:, used].tocsr(), uk[used] // len(terms.vocab), uk[used] % len(terms.vocab)


def _with_compounds(X: sparse.csr_matrix, terms: Terms, idf: np.ndarray, ok: np.ndarray):
    """X with recurring compounds as columns of their own (their parts keep their counts: 新能源汽车 stays beside
    新能源汽车产业); the vocabulary and IDF extended (a compound's IDF is that of its rarer part)."""
    C, a, b = recurring_compounds(terms, ok)
    if C.shape[1] == 0:
        return X, terms, idf
    V = len(terms.vocab)
    joined = np.array([terms.vocab[i] + terms.vocab[j] for i, j in zip(a, b)], dtype=object)
    col, words = pd.factorize(pd.Series(np.concatenate([terms.vocab, joined]), dtype=object), sort=False)
    col = col[V:]   # a compound spelled like a word (or another compound) shares its column
    to_col = sparse.csr_matrix((np.ones(len(col)), (np.arange(len(col)), col)), shape=(len(col), len(words)))
    X = sparse.hstack([X, sparse.csr_matrix((X.shape[0], len(words) - V))]).tocsr() + C @ to_col
    new_idf = np.concatenate([idf, np.zeros(len(words) - V)])
    fresh = col >= V
    np.maximum.at(new_idf, col[fresh], np.maximum(idf[a], idf[b])[fresh])
    return X.tocsr(), terms._replace(vocab=np.asarray(words, dtype=object)), new_idf


def top_per_row(W: sparse.csr_matrix, terms: Terms, k: int) -> pd.DataFrame:
    """The k largest entries of each row (ties by word), as issue_id, article, rank, word, weight."""
    W = W.tocoo()
    order_of_word = np.empty(len(terms.vocab), np.int64)
    order_of_word[np.argsort(terms.vocab.astype(str), kind="stable")] = np.arange(len(terms.vocab))
    weight = np.round(W.data, 12)
    idx = _row_weight_word_order(W.row, weight, order_of_word[W.col])
    rows, cols, vals = W.row[idx], W.col[idx], W.data[idx]
    first = np.searchsorted(rows, rows, side="left")
    rank = np.arange(len(rows)) - first + 1
    keep = rank <= k
    rows, cols, vals, rank = rows[keep], cols[keep], vals[keep], rank[keep]
    return pd.DataFrame({"issue_id": terms.keys["issue_id"].to_numpy()[rows], "article": terms.keys["article"].to_numpy()[rows],
                         "rank": rank.astype(np.int64), "word": terms.vocab[cols], "weight": np.round(vals, 6)})


def _row_weight_word_order(row: np.ndarray, weight: np.ndarray, word: np.ndarray) -> np.ndarray:
    """np.lexsort((word, -weight, row)): one stable argsort of a combined integer key (row, rank of -weight,
    word) where it fits in 64 bits, else lexsort itself.

    >>> _row_weight_word_order(np.array([1, 0, 0, 0]), np.array([0.5, 0.2, 0.7, 0.2]), np.array([0, 3, 1, 2])).tolist()
    [2, 3, 1, 0]
    """
    if not len(row):
        return np.zeros(0, dtype=np.int64)
    uw, wr = np.unique(-weight, return_inverse=True)
    n_w, n_v = len(uw), int(word.max()) + 1
    if (int(row.max()) + 1) * n_w * n_v >= 2 ** 62:
        return np.lexsort((word, -weight, row))
    return np.argsort((row.astype(np.int64) * n_w + wr.reshape(-1)) * n_v + word, kind="stable")


def textrank_matrix(terms: Terms, ok: np.ndarray, window: int = 5, iters: int = 50, d: float = 0.85) -> sparse.csr_matrix:
    """TextRank of every article at once (articles x vocab): PageRank over the co-occurrence graph of the
    candidate words (`ok`) within `window`, each article's graph a block of one sparse matrix, so the
    iterations are matrix products. The same scores as _textrank article by article; a word with no edge
    has none, and every word of an article without edges scores 1."""
    keep = ok[terms.codes]
    c, r = terms.codes[keep], terms.rows[keep]
    V = len(terms.vocab)
    keys, node = np.unique(r * V + c, return_inverse=True)
    src, dst = [], []
    for off in range(1, window):
        same = (r[:-off] == r[off:]) & (node[:-off] != node[off:])
        a, b = node[:-off][same], node[off:][same]
        src += [a, b]
        dst += [b, a]
    n = len(keys)
    idx = np.int32 if n < 2 ** 31 else np.int64   # scipy's own index type: no conversion of the edge arrays
    src_, dst_ = (np.concatenate(x).astype(idx) if x else np.zeros(0, idx) for x in (src, dst))
    A = sparse.csr_matrix((np.ones(len(src_)), (src_, dst_)), shape=(n, n))
    A.sum_duplicates()
    out_w = np.asarray(A.sum(axis=1)).ravel()
    has = out_w > 0
    inv = np.where(has, 1 / np.where(has, out_w, 1), 0.0)
    score = np.ones(n)
    for _ in range(iters):
        score = np.where(has, (1 - d) + d * (A @ (score * inv)), 1.0)
    doc = keys // V
    doc_has = np.bincount(doc[has], minlength=terms.X.shape[0]) > 0
    show = has | ~doc_has[doc]
    return sparse.csr_matrix((score[show], (doc[show], keys[show] % V)), shape=(terms.X.shape[0], V))


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
