"""Small reshapes the reports show (one call per notebook cell): keywords per article, chairs, figure status,
NMF beside the lexicon, articles over time."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..charts import _ax, bar_chart, integer_ticks
from .common import many_dates, period_name, when


def keywords_by_article(kw: pd.DataFrame) -> pd.DataFrame:
    """One row per article: issue_id, article, keywords (in rank order, joined by 、)."""
    if kw.empty:
        return pd.DataFrame(columns=["issue_id", "article", "keywords"])
    return kw.groupby(["issue_id", "article"], sort=True)["word"].agg("、".join).rename("keywords").reset_index()


def chairs(meetings_df: pd.DataFrame) -> pd.DataFrame:
    """Who chairs which body: chair, body, meetings (most first)."""
    m = meetings_df.assign(chair=meetings_df["chair"].replace("", "(未识别)"))
    g = m.groupby(["chair", "body"]).size().rename("meetings").reset_index()
    return g.sort_values(["meetings", "chair", "body"], ascending=[False, True, True]).reset_index(drop=True)


def figure_status(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Kind x status (planned, achieved, not said): number of figures."""
    if figures_df.empty:
        return pd.DataFrame(columns=["kind"])
    counts: Counter = Counter()   # a count per pair in one pass (what crosstab gives; missing values left out)
    for (k, st), n in Counter(zip(figures_df["kind"].tolist(), figures_df["status"].tolist())).items():
        if isinstance(k, str) and isinstance(st, str):
            counts[k, st or "(未说明)"] += n
    kinds, statuses = sorted({k for k, _ in counts}), sorted({st for _, st in counts})
    cells = np.array([[counts.get((k, st), 0) for st in statuses] for k in kinds], dtype=np.int64).reshape(len(kinds), len(statuses))
    return pd.DataFrame(cells, index=pd.Index(kinds, name="kind"), columns=pd.Index(statuses, name="status")).reset_index()


def nmf_comparison(topics_df: pd.DataFrame, nmf: pd.DataFrame | None) -> pd.DataFrame:
    """Lexicon topic x NMF topic (articles), as a flat table; empty when there are too few articles."""
    from .topics import compare_topics

    if nmf is None:
        return pd.DataFrame(columns=["topic"])
    return compare_topics(topics_df, nmf).reset_index()


def articles_over_time(articles: pd.DataFrame, ax=None):
    """Articles per issue date (per month or year for many issues; undated issues in one bar at the end);
    returns the axes."""
    a = articles.assign(when=when(articles["date"], articles["issue_id"], monthly=many_dates(articles)))
    counts = a.groupby("when").size()
    if len(counts) <= 1:
        return bar_chart(counts, title="文章数", xlabel="篇数", ax=ax)
    ax = _ax(ax, figsize=(9, 3.5))
    ax.bar(range(len(counts)), counts.values, color="#0074c0")
    step = max(1, -(-len(counts) // 24))
    ax.set_xticks(range(0, len(counts), step), list(counts.index)[::step], rotation=45, ha="right")
    integer_ticks(ax, "y")
    ax.set_xlabel(period_name(a))
    ax.set_ylabel("篇数")
    ax.set_title(f"各{period_name(a)}文章数")
    return ax
