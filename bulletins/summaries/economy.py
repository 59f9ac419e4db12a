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
