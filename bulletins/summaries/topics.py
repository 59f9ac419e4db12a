"""Tables and charts of 02-topics."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..charts import bar_chart, category_colors, color_for, color_legend
from ..keywords import excluded_mask, term_matrix
from ..summaries.common import article_labels, by_article, many_dates, period_name, when
from ..topics import OTHER


def topic_chart(topics_df: pd.DataFrame, articles: pd.DataFrame, ax=None, max_bars: int = 40):
    """Topic per article with its score for a few articles; articles per topic for many; returns the axes."""
    if len(topics_df) <= max_bars:
        ax = bar_chart(by_article(topics_df, articles, "score"), title="各文章的主题及得分", xlabel="得分(主题词权重占比)",
                       colors=[color_for("topic", t) for t in topics_df["topic"]], ax=ax)
    else:
        counts = topics_df["topic"].value_counts().sort_values(ascending=False)
        ax = bar_chart(counts, title=f"各主题文章数({len(topics_df)}篇)", xlabel="篇数",
                       colors=[color_for("topic", t) for t in counts.index], ax=ax)
    return color_legend(ax, TOPIC_COLORS, topics_df["topic"])


def word_frequencies(tokens_df: pd.DataFrame, keep_places: bool = False, keep_names: bool = False) -> pd.Series:
    """Counts of keyword candidates over all articles, largest first (ties by word); people's names, titles and
    the district's places left out as in keywords() unless kept. From the tokens table, nothing segmented."""
    t = term_matrix(tokens_df)
    count = np.asarray(t.X.sum(axis=0)).ravel().astype(np.int64)
    keep = ~excluded_mask(t.vocab, keep_places=keep_places, keep_names=keep_names) & (count > 0)
    s = pd.Series(count[keep], index=pd.Index(t.vocab[keep].astype(str)), dtype="int64", name="count")
    order = np.lexsort((s.index.to_numpy(), -s.to_numpy()))
    return s.iloc[order]


def keywords_wide(kw: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Keywords as one row per article: label, then the words in rank order."""
    lab = dict(zip(zip(articles["issue_id"].tolist(), articles["article"].tolist()), article_labels(articles).tolist()))
    code = kw.groupby(["issue_id", "article"], sort=True).ngroup().to_numpy()   # articles in key order, rows kept in order
    order = np.argsort(code, kind="stable")
    order = order[code[order] >= 0]
    starts = np.flatnonzero(np.diff(code[order], prepend=-1))
    ends = np.append(starts[1:], len(order))
    words = kw["word"].to_numpy(dtype=object)[order]
    first = order[starts]
    keys = zip(kw["issue_id"].to_numpy(dtype=object)[first], kw["article"].to_numpy()[first])
    joined = ["、".join(words[a:b]) for a, b in zip(starts, ends)]
    return pd.DataFrame({"文章": [lab[k] for k in keys], "关键词": joined if joined else kw["word"].iloc[:0].reset_index(drop=True)})


def topic_shares(topics_df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Topic shares per issue date (month with many dates; issue id where the date is missing); rows sum to 1.

    From topic_weights (one row per article and topic, `share`): the mean of the articles' shares, so a
    mixed article counts in each of its topics; from topics (one row per article): the share of articles.
    """
    t = topics_df.merge(articles[["issue_id", "article", "date"]], on=["issue_id", "article"])
    t["when"] = when(t["date"], t["issue_id"], monthly=many_dates(t))
    if "share" in t.columns:
        n = t.drop_duplicates(["issue_id", "article"]).groupby("when").size()
        x = t.pivot_table(index="when", columns="topic", values="share", aggfunc="sum", fill_value=0.0)
        x = x.div(n, axis=0).round(3)
    else:
        x = pd.crosstab(t["when"], t["topic"], normalize="index").round(3)
    cols = sorted(c for c in x.columns if c != OTHER) + ([OTHER] if OTHER in x.columns else [])
    x = x[cols]
    x.index.name, x.columns.name = period_name(t), "主题"
    return x


def term_changes(tokens_df: pd.DataFrame, articles: pd.DataFrame, split=None, n: int = 15,
                 min_count: int = 5) -> pd.DataFrame:
    """The terms that rose and fell most between two periods: word, before, after (counts), before_rate and
    after_rate (per 10,000 candidate tokens), change (log2 ratio of the rates, add-one smoothed), direction.

    `split` is the first date of the second period (default: the middle issue date). Words counted fewer
    than `min_count` times in both periods together are left out; names and places as in keywords().
    """
    d = articles.set_index(["issue_id", "article"])["date"]
    dates = pd.to_datetime(pd.Series([d.get(k) for k in zip(tokens_df["issue_id"], tokens_df["article"])]))
    if dates.notna().sum() == 0 or dates.nunique() < 2:
        return pd.DataFrame(columns=["word", "before", "after", "before_rate", "after_rate", "change", "direction"])
    split = pd.Timestamp(split) if split is not None else pd.Timestamp(np.sort(dates.dropna().unique())[dates.nunique() // 2])
    later = (dates >= split).to_numpy()
    t = term_matrix(tokens_df)
    keep = ~excluded_mask(t.vocab)
    before = np.asarray(t.X[np.flatnonzero(~later & dates.notna().to_numpy())].sum(axis=0)).ravel()
    after = np.asarray(t.X[np.flatnonzero(later)].sum(axis=0)).ravel()
    tb, ta = max(before[keep].sum(), 1), max(after[keep].sum(), 1)
    ok = keep & (before + after >= min_count)
    rb, ra = before[ok] / tb * 1e4, after[ok] / ta * 1e4
    change = np.log2((after[ok] + 1) / ta) - np.log2((before[ok] + 1) / tb)
    out = pd.DataFrame({"word": t.vocab[ok].astype(str), "before": before[ok].astype(np.int64), "after": after[ok].astype(np.int64),
                        "before_rate": rb.round(1), "after_rate": ra.round(1), "change": change.round(2)})
    out = out.sort_values(["change", "word"], ascending=[False, True])
    up = out[out["change"] > 0].head(n).assign(direction="rose")
    down = out[out["change"] < 0][::-1].head(n).assign(direction="fell")
    res = pd.concat([up, down], ignore_index=True)
    res.attrs["split"] = split
    return res


TOPIC_COLORS = category_colors("topic")


def compare_topics(lexicon_topics: pd.DataFrame, nmf_topics: pd.DataFrame) -> pd.DataFrame:
    """Lexicon topic x NMF topic: number of articles (where both views agree, counts pile up)."""
    m = lexicon_topics.merge(nmf_topics, on=["issue_id", "article"])
    return pd.crosstab(m["topic"], m["nmf_words"])
