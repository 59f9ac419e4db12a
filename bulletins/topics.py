"""Topics: lexicon topics as shares with their evidence terms, the main topic where one clearly leads; NMF topics."""
from __future__ import annotations

from typing import Mapping

import functools
import re
from typing import NamedTuple
import numpy as np
import pandas as pd
from scipy import sparse

from .config import SEED
from .lexicons import lexicon_fields
from .patterns import _alternation, _first_chars, frozen
from .text import normalize_article

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_ENLARGED = re.compile(r"[(（]扩大[)）]")   # 常委会(扩大)会议 reads as 常委会会议
OTHER = "其他"          # no topic has enough evidence, or none clearly leads
HEADLINE_WEIGHT = 3     # a term in the headline counts this many times
LEAD_WEIGHT = 2         # a term in the body's first sentence (the lede names the event) counts twice
EVENT_WEIGHT = 4        # a term this heavy names the reporting event (常务会议): in the headline it decides
MIN_EVIDENCE = 2.5      # a topic below this weight gets no share (one generic word once is 1.0)
MIN_SHARE = 0.3         # the main topic holds at least this share of all topic weight ...
MIN_LEAD = 1.25         # ... and this many times the weight of the second


@functools.lru_cache(maxsize=1)
def topic_lexicon() -> Mapping[str, Mapping[str, float]]:
    """{topic: {term: weight}} from data/lexicons/topics.txt (file order kept).

    >>> topic_lexicon()['法治建设']['法治']
    2.0
    """
    out: dict[str, dict[str, float]] = {}
    for f in lexicon_fields("topics"):
        out.setdefault(f[0], {})[f[1]] = float(f[2]) if len(f) > 2 and f[2] else 1.0
    return frozen({t: frozen(words) for t, words in out.items()})


class TopicIndex(NamedTuple):
    topics: tuple[str, ...]
    terms: tuple[str, ...]
    topic_of: np.ndarray      # topic index of each term
    weight: np.ndarray        # lexicon weight of each term
    column: dict              # term -> column
    regex: re.Pattern         # any term, the longest at each place


@functools.lru_cache(maxsize=1)
def topic_index() -> TopicIndex:
    """The lexicon as arrays and one trie regex (derived from topics.txt, never kept by hand)."""
    lex = topic_lexicon()
    topics_ = tuple(lex)
    pairs = [(t, w, wt) for t in topics_ for w, wt in lex[t].items()]
    terms = tuple(w for _, w, _ in pairs)
    rx = re.compile(_first_chars(terms) + "(?:" + _alternation(terms) + ")")
    return TopicIndex(topics_, terms, np.array([topics_.index(t) for t, _, _ in pairs]),
                      np.array([wt for _, _, wt in pairs], dtype=float), {w: i for i, w in enumerate(terms)}, rx)


def term_hits(articles: pd.DataFrame) -> sparse.csr_matrix:
    """Articles x lexicon terms: occurrences (longest term at each place), headline ones counted HEADLINE_WEIGHT
    times, those of the body's first sentence LEAD_WEIGHT times."""
    return _hits(articles)[0]


def _hits(articles: pd.DataFrame) -> tuple[sparse.csr_matrix, set]:
    """(term_hits, {(row, topic index)} of the event terms (weight >= EVENT_WEIGHT) in the headline, or in
    the first sentence of an article without a headline).

    Every article's three parts (headline, first sentence, rest) are searched in one text, the parts
    apart by a separator that the same regex also finds, so its matches count the parts."""
    ix = topic_index()
    parts, no_head = [], []
    for head, body in zip(articles["headline"].tolist(), articles["body"].tolist()):
        head, body = normalize_article(head, body)
        m = _SENTENCE_END.search(body)   # 扩大 holds no sentence end: cut before or after taking it out is the same
        cut = m.end() if m else len(body)
        parts += (head, body[:cut], body[cut:])
        no_head.append(not _ENLARGED.sub("", head).strip())
    rx, column = _parted_regex()
    found = rx.findall(_ENLARGED.sub("", _PART.join(parts)))
    col = np.fromiter(map(column.__getitem__, found), dtype=np.int64, count=len(found))
    sep = col < 0
    if int(sep.sum()) != max(len(parts) - 1, 0):   # a text holds the separator itself: part by part
        return _hits_by_part(parts, no_head, ix)
    part = np.cumsum(sep)[~sep]
    return _hit_matrix(part, col[~sep], np.array(no_head, dtype=bool), len(articles), ix)


_PART = "\x00"


@functools.lru_cache(maxsize=1)
def _parted_regex() -> tuple[re.Pattern, Mapping[str, int]]:
    """The lexicon regex, or the part separator (no term holds it); {what it finds: term column, -1 the separator}."""
    ix = topic_index()
    return re.compile(re.escape(_PART) + "|" + ix.regex.pattern), frozen({**ix.column, _PART: -1})


def _hits_by_part(parts: list[str], no_head: list[bool], ix: TopicIndex) -> tuple[sparse.csr_matrix, set]:
    part, col = [], []
    for i, text in enumerate(parts):
        for m in ix.regex.finditer(_ENLARGED.sub("", text)):
            part.append(i)
            col.append(ix.column[m.group()])
    return _hit_matrix(np.array(part, dtype=np.int64), np.array(col, dtype=np.int64), np.array(no_head, dtype=bool),
                       len(no_head), ix)


def _hit_matrix(part: np.ndarray, col: np.ndarray, no_head: np.ndarray, n: int, ix: TopicIndex) -> tuple[sparse.csr_matrix, set]:
    """From each hit's part (3 x article + 0 headline, 1 first sentence, 2 rest) and term column."""
    row, kind = part // 3, part % 3
    wt = np.array([HEADLINE_WEIGHT, LEAD_WEIGHT, 1], dtype=float)[kind]
    H = sparse.csr_matrix((wt, (row, col)), shape=(n, len(ix.terms)))
    H.sum_duplicates()
    ev = (ix.weight[col] >= EVENT_WEIGHT) & ((kind == 0) | (kind == 1) & no_head[row])
    return H, set(zip(row[ev].tolist(), ix.topic_of[col[ev]].tolist()))


def topic_weights(articles: pd.DataFrame) -> pd.DataFrame:
    """Each article's weight per lexicon topic: issue_id, article, topic, weight, share, evidence.

    A term adds its lexicon weight x (1 + ln count); a topic below MIN_EVIDENCE gets nothing (a single
    incidental word decides nothing); share = the topic's part of the article's topic weight; evidence =
    its terms with counts, the heaviest first; event = an event term of the topic is in the headline (or the
    first sentence where there is no headline). Rows of an article: event topic first, then by weight.
    Articles without evidence get one row: 其他, share 1.
    """
    ix = topic_index()
    H, events = _hits(articles)
    H = H.tocoo()
    contrib = ix.weight[H.col] * (1 + np.log(H.data))
    long = pd.DataFrame({"row": H.row, "topic": ix.topic_of[H.col], "term": np.array(ix.terms, dtype=object)[H.col],
                         "count": H.data.astype(np.int64), "c": contrib})
    tot = long.groupby(["row", "topic"], sort=True)["c"].sum().rename("weight").reset_index()
    tot = tot[tot["weight"] >= MIN_EVIDENCE]
    tot["share"] = tot["weight"] / tot.groupby("row")["weight"].transform("sum")
    long = long.sort_values(["row", "topic", "c", "term"], ascending=[True, True, False, True])
    long = long[long.groupby(["row", "topic"], sort=False).cumcount().to_numpy() < 5]
    long["ev"] = long["term"] + "×" + long["count"].astype(str) + "、"
    ev = long.groupby(["row", "topic"], sort=False)["ev"].sum().str[:-1].rename("evidence")   # C-level concatenation
    tot = tot.join(ev, on=["row", "topic"])
    tot["event"] = [(r, t) in events for r, t in zip(tot["row"], tot["topic"])]
    empty = np.setdiff1d(np.arange(len(articles)), tot["row"].to_numpy())
    none = pd.DataFrame({"row": empty, "topic": -1, "weight": 0.0, "share": 1.0, "evidence": "", "event": False})
    out = pd.concat([tot, none], ignore_index=True).sort_values(["row", "event", "weight", "topic"], ascending=[True, False, False, True])
    names = np.array(ix.topics + (OTHER,), dtype=object)
    return pd.DataFrame({"issue_id": articles["issue_id"].to_numpy()[out["row"]], "article": articles["article"].to_numpy()[out["row"]],
                         "topic": names[out["topic"].to_numpy()], "weight": out["weight"].round(3).to_numpy(),
                         "share": out["share"].round(3).to_numpy(), "evidence": out["evidence"].to_numpy(),
                         "event": out["event"].to_numpy(dtype=bool)})


def main_topics(weights: pd.DataFrame) -> pd.DataFrame:
    """From topic_weights: issue_id, article, topic (the event's topic; else 其他 unless one leads: share >=
    MIN_SHARE and weight >= MIN_LEAD x the second), score (its share), second (the runner-up topic, or ''), words (evidence)."""
    w = weights.reset_index(drop=True)
    rank = w.groupby(["issue_id", "article"], sort=False).cumcount().to_numpy()
    lead = w[rank == 0].reset_index(drop=True)
    nxt = w[rank == 1].set_index(["issue_id", "article"])
    keys = pd.MultiIndex.from_arrays([lead["issue_id"], lead["article"]])
    w2 = nxt["weight"].reindex(keys).fillna(0.0).to_numpy()
    t2 = nxt["topic"].reindex(keys).fillna("").to_numpy()
    clear = lead["event"].to_numpy() | (lead["share"].to_numpy() >= MIN_SHARE) & (lead["weight"].to_numpy() >= MIN_LEAD * w2) & (lead["weight"].to_numpy() > 0)
    return pd.DataFrame({"issue_id": lead["issue_id"], "article": lead["article"],
                         "topic": np.where(clear, lead["topic"], OTHER), "score": lead["share"].where(clear, 0.0),
                         "second": np.where(clear, t2, lead["topic"].where(lead["weight"] > 0, "")),
                         "words": lead["evidence"].str.replace(r"×\d+", "", regex=True)})


def topics(articles: pd.DataFrame, top_words: int = 3) -> pd.DataFrame:
    """The main lexicon topic of each article: issue_id, article, topic, score, second, words.

    topic is 其他 where no topic clearly leads (see main_topics); score is its share of all topic weight;
    second the runner-up (or, for 其他, the leader that did not lead enough); words its heaviest terms.
    """
    m = main_topics(topic_weights(articles))
    m["words"] = m["words"].str.split("、").str[:top_words].str.join("、")
    return m.reset_index(drop=True)


def unsupervised_topics(tokens_df: pd.DataFrame, n_topics: int = 8, min_articles: int = 30) -> pd.DataFrame | None:
    """NMF topics (seeded) over TF-IDF of the tokens: issue_id, article, nmf_topic, nmf_words; None if too few articles."""
    model = nmf_model(tokens_df, n_topics, min_articles)
    if model is None:
        return None
    W, labels, _ = model
    out = tokens_df[["issue_id", "article"]].copy()
    out["nmf_topic"] = W.argmax(axis=1)
    out["nmf_words"] = [labels[i] for i in out["nmf_topic"]]
    return out


def nmf_top_words(tokens_df: pd.DataFrame, n_topics: int = 8, n_words: int = 8, min_articles: int = 30) -> pd.DataFrame | None:
    """NMF topics with their top words: nmf_topic, articles (where it is the strongest), top_words; None if too few."""
    model = nmf_model(tokens_df, n_topics, min_articles, n_words)
    if model is None:
        return None
    W, _, words = model
    counts = np.bincount(W.argmax(axis=1), minlength=len(words))
    return pd.DataFrame({"nmf_topic": range(len(words)), "articles": counts, "top_words": ["、".join(w) for w in words]})


def nmf_model(tokens_df: pd.DataFrame, n_topics: int, min_articles: int, n_words: int = 3):
    """(article weights, 3-word labels, top words per topic) of a seeded NMF over TF-IDF, or None if too few articles."""
    if len(tokens_df) < min_articles:
        return None
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer
    from .keywords import excluded_mask, term_matrix

    t = term_matrix(tokens_df)
    df_ = np.bincount(t.X.indices, minlength=len(t.vocab))
    keep = ~excluded_mask(t.vocab) & (df_ >= 2) & (df_ <= 0.8 * len(tokens_df))
    X = TfidfTransformer().fit_transform(t.X[:, np.flatnonzero(keep)])
    vocab = t.vocab[keep]
    k = min(n_topics, X.shape[1], len(tokens_df) - 1)
    model = NMF(n_components=k, random_state=SEED, init="nndsvd", max_iter=400)
    W = model.fit_transform(X)
    words = [list(vocab[np.argsort(-c, kind="stable")[:n_words]]) for c in model.components_]
    return W, ["、".join(w[:3]) for w in words], words
