"""Tables of 05-economy."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..summaries.common import many_dates, when


def figure_labels(figures_df: pd.DataFrame) -> pd.Series:
    """A label per figure: raw text and what it measures ('35万辆 年产')."""
    return pd.Series([f"{r} {c[:10]}" for r, c in zip(figures_df["raw"].tolist(), figures_df["context"].tolist())],
                     index=figures_df.index)


def figure_values(figures_df: pd.DataFrame, top: int = 30) -> pd.Series:
    """The `top` figure values indexed by their labels, largest first (for a log-scale chart)."""
    f = _top_candidates(figures_df, top).sort_values(["value", "raw"], ascending=[False, True]).head(top)
    return pd.Series(list(f["value"]), index=pd.Index(list(figure_labels(f))), name="value")


def _top_candidates(figures_df: pd.DataFrame, top: int) -> pd.DataFrame:
    """The rows that can be among the `top` largest values (every row as large as the top-th, ties
    included, in table order), so that only those need sorting.

    >>> _top_candidates(pd.DataFrame({'value': [1.0, 5.0, 3.0, 5.0]}), 2)['value'].tolist()
    [5.0, 5.0]
    """
    values = figures_df["value"].to_numpy(dtype=float, na_value=np.nan)
    known = values[~np.isnan(values)]
    if top <= 0 or len(known) < top:   # missing values sort last: they may be needed
        return figures_df
    return figures_df[values >= np.partition(known, len(known) - top)[len(known) - top]]


def figures_by_subject(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Money and capacity figures per company or project: subject, kind, raw, value, unit, status."""
    f = figures_df[figures_df["kind"].isin(["money", "capacity"]) & (figures_df["subject"] != "")]
    return f[["subject", "kind", "raw", "value", "unit", "status", "issue_id", "article"]].sort_values(
        ["subject", "kind", "value"]).reset_index(drop=True)


def figure_totals(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Sums per issue date, kind and unit (approximate values counted as printed)."""
    if figures_df.empty:
        return pd.DataFrame(columns=["when", "kind", "unit", "n", "total"])
    f = figures_df.assign(when=_row_periods(figures_df))
    return f.groupby(["when", "kind", "unit"]).agg(n=("value", "size"), total=("value", "sum")).reset_index()


def _row_periods(df: pd.DataFrame) -> list[str]:
    """when() of every row of a table, worked out once per distinct issue (issue id and date) and
    spread to the rows: the same labels, without a date conversion per row.

    >>> _row_periods(pd.DataFrame({'date': pd.to_datetime(['2024-01-05', None, '2024-01-05']), 'issue_id': ['a', 'b', 'a']}))
    ['2024-01-05', '日期不详', '2024-01-05']
    """
    ids, _ = pd.factorize(df["issue_id"], use_na_sentinel=False)
    days, day_values = pd.factorize(df["date"], use_na_sentinel=False)
    codes, _ = pd.factorize(ids.astype(np.int64) * (len(day_values) + 1) + days)   # one code per issue, in order
    _, first_rows = np.unique(codes, return_index=True)
    ids = pd.Series(df["issue_id"].to_numpy(dtype=object)[first_rows], dtype=object)   # (quick to read one by one)
    labels = when(df["date"].iloc[first_rows], ids, monthly=many_dates(df))
    return np.asarray(labels, dtype=object)[codes].tolist()


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
    named: dict[str, list[str]] = {}   # subject -> its figures in table order (one pass, no per-group pandas call)
    for subject, raw in zip(figures_df["subject"].tolist(), figures_df["raw"].tolist()):
        if subject:
            named.setdefault(subject, []).append(raw)
    if named:
        g["figures"] = ["；".join(named[n]) if n in named else "" for n in g["name"].tolist()]
    else:   # no figure has a subject: the column as pandas makes it from an empty mapping
        g["figures"] = g["name"].map(pd.Series(dtype=object)).fillna("")
    return g.sort_values(["n_articles", "name"], ascending=[False, True]).reset_index(drop=True)[cols]
