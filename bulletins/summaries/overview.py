"""Tables and charts of 01-overview."""
from __future__ import annotations

import pandas as pd

from ..charts import FALLBACK_COLORS, _ax, bar_chart, integer_ticks
from ..pipeline.corpus import Corpus
from ..summaries.common import by_article


def length_chart(articles: pd.DataFrame, ax=None, max_bars: int = 40):
    """Article lengths: one bar per article for a few, a histogram per kind for many; returns the axes."""
    if len(articles) <= max_bars:
        return bar_chart(by_article(articles, articles, "n_chars"), title="文章篇幅(字数)", xlabel="字", ax=ax)
    ax = _ax(ax)
    groups = [(kind, g["n_chars"].values) for kind, g in articles.groupby("kind", sort=True)]
    ax.hist([v for _, v in groups], bins=30, stacked=True, label=[k for k, _ in groups],
            color=[FALLBACK_COLORS[i % len(FALLBACK_COLORS)] for i in range(len(groups))])
    integer_ticks(ax, "y")
    ax.set_ylabel("篇数")
    ax.legend(fontsize=8)
    ax.set_title(f"文章篇幅分布({len(articles)}篇)")
    ax.set_xlabel("字")
    return ax


def author_table(authors: pd.DataFrame) -> pd.DataFrame:
    """One row per author and role: name, role, n_issues, n_articles (most productive first)."""
    if authors.empty:
        return pd.DataFrame(columns=["name", "role", "n_issues", "n_articles"])
    g = authors.groupby(["name", "role"]).agg(n_issues=("issue_id", "nunique"), n_articles=("article", "size")).reset_index()
    return g.sort_values(["n_articles", "name", "role"], ascending=[False, True, True]).reset_index(drop=True)


def warning_table(corpus: Corpus) -> pd.DataFrame:
    """Every warning of the parse, one a row: issue_id, warning (skipped files included)."""
    rows = [(r.issue_id, w) for r in corpus.issues.itertuples() for w in r.warnings.splitlines()]
    rows += [(r.source_file, "skipped: " + r.reason) for r in corpus.skipped.itertuples()]
    return pd.DataFrame(rows, columns=["issue_id", "warning"])
