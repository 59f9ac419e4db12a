"""Tables of 05-economy."""
from __future__ import annotations

import pandas as pd

from ..summaries.common import many_dates, when


def figure_labels(figures_df: pd.DataFrame) -> pd.Series:
    """A label per figure: raw text and what it measures ('35万辆 年产')."""
    return pd.Series([f"{r} {c[:10]}" for r, c in zip(figures_df["raw"], figures_df["context"])], index=figures_df.index)


def figure_values(figures_df: pd.DataFrame, top: int = 30) -> pd.Series:
    """The `top` figure values indexed by their labels, largest first (for a log-scale chart)."""
    f = figures_df.sort_values(["value", "raw"], ascending=[False, True]).head(top)
    return pd.Series(list(f["value"]), index=pd.Index(list(figure_labels(f))), name="value")


def figures_by_subject(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Money and capacity figures per company or project: subject, kind, raw, value, unit, status."""
    f = figures_df[figures_df["kind"].isin(["money", "capacity"]) & (figures_df["subject"] != "")]
    return f[["subject", "kind", "raw", "value", "unit", "status", "issue_id", "article"]].sort_values(
        ["subject", "kind", "value"]).reset_index(drop=True)


def figure_totals(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Sums per issue date, kind and unit (approximate values counted as printed)."""
    if figures_df.empty:
        return pd.DataFrame(columns=["when", "kind", "unit", "n", "total"])
    f = figures_df.assign(when=when(figures_df["date"], figures_df["issue_id"], monthly=many_dates(figures_df)))
    return f.groupby(["when", "kind", "unit"]).agg(n=("value", "size"), total=("value", "sum")).reset_index()


def organisation_table(organisations_df: pd.DataFrame, figures_df: pd.DataFrame) -> pd.DataFrame:
    """One row per organisation named in the corpus: name, kind, n_articles, first and last issue
    date, and the figures whose subject it is ('3亿元；12%'), most named first.

    >>> orgs = pd.DataFrame({'issue_id': ['a'], 'date': [pd.NaT], 'article': [0], 'name': ['某某科技有限公司'], 'kind': ['enterprise']})
    >>> figs = pd.DataFrame({'subject': ['某某科技有限公司'], 'raw': ['3亿元']})
    >>> organisation_table(orgs, figs)[['name', 'figures']].values.tolist()
    [['某某科技有限公司', '3亿元']]
    """
    cols = ["name", "kind", "n_articles", "first_seen", "last_seen", "figures"]
    if organisations_df.empty:
        return pd.DataFrame(columns=cols)
    g = organisations_df.groupby("name").agg(kind=("kind", "first"), n_articles=("article", "size"),
                                             first_seen=("date", "min"), last_seen=("date", "max")).reset_index()
    named = figures_df[figures_df["subject"] != ""].groupby("subject")["raw"].agg("；".join)
    g["figures"] = g["name"].map(named).fillna("")
    return g.sort_values(["n_articles", "name"], ascending=[False, True]).reset_index(drop=True)[cols]
