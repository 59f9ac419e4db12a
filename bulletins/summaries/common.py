"""Labels and time axes shared by the notebooks' summaries."""
from __future__ import annotations

import pandas as pd



def article_labels(articles: pd.DataFrame, width: int = 14) -> pd.Series:
    """A short label per article: '0 省政府领导来我区调研…', with the issue id when there are several issues.

    >>> article_labels(pd.DataFrame({'issue_id': ['a'], 'article': [4], 'kind': ['photo'], 'headline': ['']})).tolist()
    ['4 [photo]']
    """
    many = articles["issue_id"].nunique() > 1
    out = []
    for r in articles.itertuples(index=False):
        head = r.headline if len(r.headline) <= width else r.headline[:width] + "…"
        out.append(f"{r.issue_id + ' ' if many else ''}{r.article} {head or '[' + r.kind + ']'}")
    return pd.Series(out, index=articles.index)


def by_article(df: pd.DataFrame, articles: pd.DataFrame, column: str) -> pd.Series:
    """One column of a per-article table as a Series indexed by article labels (for charts)."""
    lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles)))
    return pd.Series(list(df[column]), index=pd.Index([lab[(i, a)] for i, a in zip(df["issue_id"], df["article"])]), name=column)


def when(dates: pd.Series, issue_ids: pd.Series, monthly: bool = False) -> list[str]:
    """Column labels for time: the issue date (or month), the issue id where the date is unknown."""
    fmt = "%Y-%m" if monthly else "%Y-%m-%d"
    return [d.strftime(fmt) if pd.notna(d) else i for d, i in zip(dates, issue_ids)]


def many_dates(df: pd.DataFrame) -> bool:
    """True when a table spans more than 31 issue dates (charts then group by month)."""
    return df["date"].nunique() > 31
