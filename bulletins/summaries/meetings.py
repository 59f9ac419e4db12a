"""Tables of 06-meetings: relayed items by body and kind, meeting series and their gaps."""
from __future__ import annotations

import pandas as pd



def relay_forms(relays_df: pd.DataFrame, column: str = "form") -> pd.DataFrame:
    """Meeting body x form (or item_kind, level...) of the relayed items: number of items."""
    if relays_df.empty:
        return pd.DataFrame()
    x = pd.crosstab(relays_df["meeting_body"].replace("", "(未识别会议)"), relays_df[column])
    x.index.name, x.columns.name = "会议", {"form": "传达内容类型", "item_kind": "传达事项类型", "level": "来源层级"}.get(column, column)
    return x


def relay_levels(relays_df: pd.DataFrame) -> pd.DataFrame:
    """Kind of relayed item x level of its source (中央, 省, 市, 区): number of items."""
    if relays_df.empty:
        return pd.DataFrame()
    t = pd.crosstab(relays_df["item_kind"], relays_df["level"])
    return t[[c for c in ("中央", "省", "市", "区") if c in t.columns] + [c for c in t.columns if c not in ("中央", "省", "市", "区")]]


_SERIES = ["body", "term", "session", "reported", "held_on", "date", "issue_id", "article"]


def meeting_series(meetings_df: pd.DataFrame) -> pd.DataFrame:
    """Per body and term, every session number from the first reported to the last: one row each,
    `reported` False for the gaps (sessions the paper did not report), with the day and issue of the
    first report of the others.

    >>> m = pd.DataFrame({'body': ['甲委常委会'] * 2, 'term': [pd.NA] * 2, 'session': [3, 6], 'held_on': [pd.NaT] * 2,
    ...                   'date': [pd.NaT] * 2, 'issue_id': ['a', 'b'], 'article': [1, 2]})
    >>> meeting_series(m)[['session', 'reported']].values.tolist()
    [[3, True], [4, False], [5, False], [6, True]]
    """
    m = meetings_df[(meetings_df["body"] != "") & meetings_df["session"].notna()]
    if m.empty:
        return pd.DataFrame(columns=_SERIES)
    m = m.assign(term=m["term"].astype("Int64"), session=m["session"].astype(int))
    rows = []
    for (body, term), g in m.groupby(["body", m["term"].fillna(-1)], sort=True):
        first = g.sort_values(["session", "issue_id", "article"]).drop_duplicates("session").set_index("session")
        for n in range(int(first.index.min()), int(first.index.max()) + 1):
            seen = n in first.index
            r = first.loc[n] if seen else None
            rows.append({"body": body, "term": pd.NA if term == -1 else int(term), "session": n, "reported": seen,
                         "held_on": r["held_on"] if seen else pd.NaT, "date": r["date"] if seen else pd.NaT,
                         "issue_id": r["issue_id"] if seen else "", "article": int(r["article"]) if seen else pd.NA})
    out = pd.DataFrame(rows, columns=_SERIES)
    return out.astype({"term": "Int64", "article": "Int64"})


def _runs(numbers: list[int]) -> str:
    """3, 4, 5, 8 -> '3-5、8'.

    >>> _runs([3, 4, 5, 8]), _runs([])
    ('3-5、8', '')
    """
    out, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(str(numbers[i]) if i == j else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return "、".join(out)


def meeting_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """One row per body and term of a meeting_series: first and last session seen, how many reported,
    the missing numbers (3-5、8) and how many."""
    cols = ["body", "term", "first", "last", "reported", "missing", "n_missing"]
    if series.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (body, term), g in series.groupby(["body", series["term"].fillna(-1)], sort=True):
        miss = sorted(g.loc[~g["reported"], "session"])
        rows.append({"body": body, "term": pd.NA if term == -1 else int(term), "first": int(g["session"].min()),
                     "last": int(g["session"].max()), "reported": int(g["reported"].sum()), "missing": _runs(miss),
                     "n_missing": len(miss)})
    return pd.DataFrame(rows, columns=cols).astype({"term": "Int64"})
