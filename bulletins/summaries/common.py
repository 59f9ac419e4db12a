"""Labels and time axes shared by the notebooks' summaries."""
from __future__ import annotations

import numpy as np
import pandas as pd



def article_labels(articles: pd.DataFrame, width: int = 14) -> pd.Series:
    """A short label per article: '0 省政府领导来我区调研…', with the issue id when there are several issues.

    >>> article_labels(pd.DataFrame({'issue_id': ['a'], 'article': [4], 'kind': ['photo'], 'headline': ['']})).tolist()
    ['4 [photo]']
    """
    pre = " " if articles["issue_id"].nunique() > 1 else None
    out = [f"{i + pre if pre else ''}{a} {(hd if len(hd) <= width else hd[:width] + '…') or '[' + k + ']'}"
           for i, a, hd, k in zip(*(articles[c].tolist() for c in ("issue_id", "article", "headline", "kind")))]
    return pd.Series(out, index=articles.index)


def by_article(df: pd.DataFrame, articles: pd.DataFrame, column: str) -> pd.Series:
    """One column of a per-article table as a Series indexed by article labels (for charts)."""
    lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles)))
    return pd.Series(list(df[column]), index=pd.Index([lab[(i, a)] for i, a in zip(df["issue_id"], df["article"])]), name=column)


UNDATED = "日期不详"


def when(dates: pd.Series, issue_ids: pd.Series, monthly: bool = False) -> list[str]:
    """Column labels for time: the issue date, month (`monthly`) or year (monthly over more than three years).

    Undated issues are one column, 日期不详, sorted after every date, when any issue is dated; when none is,
    each issue keeps its id, so an undated file name never starts a time axis among dates.

    >>> when(pd.Series(pd.to_datetime(['2024-01-05', None])), pd.Series(['a', 'b']))
    ['2024-01-05', '日期不详']
    >>> when(pd.Series([pd.NaT]), pd.Series(['a']))
    ['a']
    """
    dates = pd.to_datetime(pd.Series(list(dates), dtype="object"))
    fmt = "%Y-%m-%d"
    if monthly:
        span = dates.max() - dates.min() if dates.notna().any() else pd.Timedelta(0)
        fmt = "%Y" if span > pd.Timedelta(days=3 * 366) else "%Y-%m"
    if not dates.notna().any():
        return [str(i) for i in issue_ids]
    codes, uniq = pd.factorize(dates)   # each date formatted once; NaT -> -1 -> UNDATED
    return np.array([d.strftime(fmt) for d in uniq] + [UNDATED], dtype=object)[codes].tolist()


def many_dates(df: pd.DataFrame) -> bool:
    """True when a table spans more than 31 issue dates (charts then group by month)."""
    return df["date"].nunique() > 31


def period_name(df: pd.DataFrame) -> str:
    """What a time column of `when(..., monthly=many_dates(df))` stands for: 期 (issue date), 月 or 年.

    >>> period_name(pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-01-02"])}))
    '期'
    """
    if not many_dates(df):
        return "期"
    d = df["date"].dropna()
    return "年" if d.max() - d.min() > pd.Timedelta(days=3 * 366) else "月"
