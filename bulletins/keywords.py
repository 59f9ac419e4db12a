"""Keywords (TF-IDF, TextRank) and topics (lexicon topics, NMF)."""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections import defaultdict
import numpy as np
import pandas as pd

from .config import SEED
from .extract.figures import _units
from .extract.tokens import tokens
from .lexicons import lexicon, lexicon_fields
from .segment import token_list
from .text import is_cjk, normalize, normalize_article


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list (data/lexicons/stopwords.txt).

    >>> '本报讯' in stopwords()
    True
    """
    return frozenset(lexicon("stopwords"))


_NUMERAL_WORD = re.compile(r"^第?[零〇一二两三四五六七八九十百千万亿]+[期次届个批项家名年月日号倍]?$")


def is_keyword_candidate(word: str) -> bool:
    """A word worth counting: two or more CJK characters, not a stopword, no number, ordinal or unit.

    >>> [is_keyword_candidate(w) for w in ['新能源汽车', '的', '81', '，', '会议', '第二十八', '亿元']]
    [True, False, False, False, False, False, False]
    """
    if len(word) < 2 or word in stopwords():
        return False
    if any(c.isdigit() for c in normalize(word)) or _NUMERAL_WORD.match(word):
        return False
    if word in _units() or (word[0] in "万亿千百" and word[1:] in _units()):
        return False
    return all(is_cjk(c) or c.isalpha() for c in word) and any(is_cjk(c) for c in word)


def word_counts(tokens_df: pd.DataFrame) -> pd.DataFrame:
    """Token counts per article, candidates only: issue_id, article, word, count (sorted)."""
    rows = []
    for r in tokens_df.itertuples(index=False):
        for w, c in Counter(t for t in token_list(r.tokens) if is_keyword_candidate(t)).items():
            rows.append((r.issue_id, r.article, w, c))
    df = pd.DataFrame(rows, columns=["issue_id", "article", "word", "count"])
    return df.sort_values(["issue_id", "article", "count", "word"], ascending=[True, True, False, True]).reset_index(drop=True)


def keywords(articles: pd.DataFrame, k: int = 10, method: str = "tfidf", tokens_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Top k keywords per article: issue_id, article, rank, word, weight.

    tfidf: term frequency times the corpus's own inverse document frequency
    (documents = articles), so boilerplate shared by every article sinks.
    textrank: PageRank over a co-occurrence window of 5 candidate words.
    """
    tk = tokens_df if tokens_df is not None else tokens(articles)
    by_article = dict(zip(zip(tk["issue_id"], tk["article"]), tk["tokens"]))
    counts = word_counts(tk)
    n_docs = max(len(tk), 1)
    df_ = counts.groupby("word")["article"].size()
    rows = []
    for (iid, art), g in counts.groupby(["issue_id", "article"], sort=True):
        if method == "textrank":
            seq = [t for t in token_list(by_article[(iid, art)]) if is_keyword_candidate(t)]
            weights = _textrank(seq)
        else:
            total = g["count"].sum()
            weights = {w: (c / total) * (math.log((1 + n_docs) / (1 + df_[w])) + 1) for w, c in zip(g["word"], g["count"])}
        top = sorted(weights.items(), key=lambda x: (-round(x[1], 12), x[0]))[:k]
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


@functools.lru_cache(maxsize=1)
def topic_lexicon() -> dict[str, dict[str, float]]:
    """{topic: {word: weight}} from data/lexicons/topics.txt (file order kept)."""
    out: dict[str, dict[str, float]] = {}
    for f in lexicon_fields("topics"):
        out.setdefault(f[0], {})[f[1]] = float(f[2]) if len(f) > 2 and f[2] else 1.0
    return out


def topics(articles: pd.DataFrame, top_words: int = 3) -> pd.DataFrame:
    """The lexicon topic of each article: issue_id, article, topic, score (share of all topic weight), words.

    Score counts topic words (substring occurrences) in the body plus three times
    in the headline; ties go to the topic listed first in the lexicon.
    """
    lex = topic_lexicon()
    rows = []
    for r in articles.itertuples(index=False):
        head, body = normalize_article(r.headline, r.body)
        totals, hits = {}, {}
        for t, words in lex.items():
            h_ = {w: (body.count(w) + 3 * head.count(w)) * wt for w, wt in words.items()}
            totals[t] = sum(h_.values())
            hits[t] = sorted(((v, w) for w, v in h_.items() if v), key=lambda x: (-x[0], x[1]))
        all_ = sum(totals.values())
        best = max(lex, key=lambda t: totals[t]) if all_ else ""
        rows.append({"issue_id": r.issue_id, "article": r.article, "topic": best or "其他",
                     "score": round(totals[best] / all_, 3) if all_ else 0.0,
                     "words": "、".join(w for _, w in hits[best][:top_words]) if best else ""})
    return pd.DataFrame(rows, columns=["issue_id", "article", "topic", "score", "words"])


def unsupervised_topics(tokens_df: pd.DataFrame, n_topics: int = 8, min_articles: int = 30) -> pd.DataFrame | None:
    """NMF topics (seeded) over TF-IDF of the tokens: issue_id, article, nmf_topic, nmf_words; None if too few articles."""
    if len(tokens_df) < min_articles:
        return None
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(t for t in token_list(toks) if is_keyword_candidate(t)) for toks in tokens_df["tokens"]]
    vec = TfidfVectorizer(token_pattern=r"[^ ]+", min_df=2, max_df=0.8)
    X = vec.fit_transform(docs)
    k = min(n_topics, X.shape[1], len(docs) - 1)
    model = NMF(n_components=k, random_state=SEED, init="nndsvd", max_iter=400)
    W = model.fit_transform(X)
    vocab = np.array(vec.get_feature_names_out())
    labels = ["、".join(vocab[np.argsort(-c)[:3]]) for c in model.components_]
    out = tokens_df[["issue_id", "article"]].copy()
    out["nmf_topic"] = W.argmax(axis=1)
    out["nmf_words"] = [labels[i] for i in out["nmf_topic"]]
    return out
