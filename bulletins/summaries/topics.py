"""Tables and charts of 02-topics."""
from __future__ import annotations

from collections import Counter
import pandas as pd

from ..charts import bar_chart, category_colors, color_for, color_legend
from ..keywords import is_keyword_candidate
from ..segment import token_list
from ..summaries.common import article_labels, by_article, many_dates, period_name, when


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


def word_frequencies(tokens_df: pd.DataFrame) -> pd.Series:
    """Counts of keyword candidates over all articles, largest first (ties by word)."""
    c = Counter(t for toks in tokens_df["tokens"] for t in token_list(toks) if is_keyword_candidate(t))
    items = sorted(c.items(), key=lambda x: (-x[1], x[0]))
    return pd.Series(dict(items), dtype="int64", name="count")


def keywords_wide(kw: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Keywords as one row per article: label, then the words in rank order."""
    lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles)))
    g = kw.groupby(["issue_id", "article"])["word"].agg("、".join).reset_index()
    g.insert(0, "文章", [lab[(i, a)] for i, a in zip(g["issue_id"], g["article"])])
    return g.drop(columns=["issue_id", "article"]).rename(columns={"word": "关键词"})


def topic_shares(topics_df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Share of articles per lexicon topic, per issue date (issue id where the date is missing)."""
    t = topics_df.merge(articles[["issue_id", "article", "date"]], on=["issue_id", "article"])
    t["when"] = when(t["date"], t["issue_id"], monthly=many_dates(t))
    x = pd.crosstab(t["when"], t["topic"], normalize="index").round(3)
    x = x[sorted(x.columns)]
    x.index.name, x.columns.name = period_name(t), "主题"
    return x


TOPIC_COLORS = category_colors("topic")


def compare_topics(lexicon_topics: pd.DataFrame, nmf_topics: pd.DataFrame) -> pd.DataFrame:
    """Lexicon topic x NMF topic: number of articles (where both views agree, counts pile up)."""
    m = lexicon_topics.merge(nmf_topics, on=["issue_id", "article"])
    return pd.crosstab(m["topic"], m["nmf_words"])
