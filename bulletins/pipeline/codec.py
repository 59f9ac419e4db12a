"""Rows and columns -> typed, sorted DataFrames; the compact column form workers send back."""
from __future__ import annotations

import itertools
from operator import itemgetter
import numpy as np
import pandas as pd

from ..schema import table


_NUMPY = {"int": np.int64, "bool": np.bool_, "float": np.float64}


_SEP = "\x00"   # never in an issue: a NUL byte makes the file binary


def columns_of(rows: list[dict], name: str) -> dict[str, list]:
    """Rows of a table -> its columns (lists), the compact form files and workers hand back."""
    cols = table(name).columns
    if not rows:
        return {c: [] for c in cols}
    return dict(zip(cols, map(list, zip(*map(itemgetter(*cols), rows)))))


def encode(values: list, kind: str):
    """One column of a batch of issues in a compact form for the trip from a worker; decode inverts it.

    Numbers and flags become numpy arrays; dates become runs (value, length), since a table's
    rows of one issue share its date; text with few distinct values becomes codes into those
    values; other text becomes one string (thousands of small strings are what makes the trip slow).
    """
    if kind in _NUMPY:
        return ("array", np.array(values, dtype=_NUMPY[kind]))
    if kind == "date":
        return ("runs", date_runs(values))
    if kind == "str" and values:
        distinct = dict.fromkeys(values)
        if len(distinct) * 4 <= len(values):
            index = {v: i for i, v in enumerate(distinct)}
            return ("codes", list(distinct), np.fromiter(map(index.__getitem__, values), dtype=np.int32, count=len(values)))
        joined = _SEP.join(values)
        if joined.count(_SEP) == len(values) - 1:
            return ("joined", len(values), joined)
    return ("list", values)


def date_runs(values: list) -> list[tuple[object, int]]:
    """[(value, how many times in a row)] of a list (the same object repeated counts as one run)."""
    out: list[tuple[object, int]] = []
    for _, group in itertools.groupby(values, key=id):
        group = list(group)
        out.append((group[0], len(group)))
    return out


def decode(chunk) -> list | np.ndarray:
    """The values of one encoded column (see encode): a list, or a numpy array for numbers and flags."""
    tag = chunk[0]
    if tag == "array" or tag == "list":
        return chunk[1]
    if tag == "codes":
        return list(map(chunk[1].__getitem__, chunk[2].tolist()))
    if tag == "joined":
        return chunk[2].split(_SEP) if chunk[1] else []
    if tag == "runs":
        return [v for v, n in chunk[1] for _ in range(n)]
    raise ValueError(f"unknown column encoding {tag!r}")


def values_of(chunk) -> list | np.ndarray:
    """The values of a column chunk, encoded (from a worker) or a plain list (from this process)."""
    return decode(chunk) if isinstance(chunk, tuple) else chunk


def typed_column(chunks: list, kind: str):
    """Chunks of one column (plain lists or encoded) -> one typed array for the DataFrame."""
    if kind == "date":
        runs = [r for ch in chunks for r in (ch[1] if isinstance(ch, tuple) else date_runs(ch))]
        days = pd.to_datetime(pd.Series([v for v, _ in runs], dtype=object)).to_numpy().astype("datetime64[us]")
        return np.repeat(days, [n for _, n in runs]) if runs else np.array([], dtype="datetime64[us]")
    parts = [values_of(ch) for ch in chunks]
    if kind in _NUMPY:
        if any(isinstance(p, np.ndarray) for p in parts):
            return np.concatenate([np.asarray(p, dtype=_NUMPY[kind]) for p in parts])
        return np.array(list(itertools.chain.from_iterable(parts)), dtype=_NUMPY[kind])
    values = list(itertools.chain.from_iterable(parts))
    if kind == "Int64":
        return pd.array([None if v is None or pd.isna(v) else int(v) for v in values], dtype="Int64")
    return pd.array(values, dtype="str")


def frame(chunks: dict[str, list], name: str, presorted: bool = False) -> pd.DataFrame:
    """Column chunks of one table (any number of issues) -> a typed DataFrame, sorted by the table's keys."""
    t = table(name)
    df = pd.DataFrame({c: typed_column(chunks.get(c, []), t.kind(c)) for c in t.columns}, copy=False)
    if t.sort and len(df) > 1 and not presorted:
        df = df.sort_values(list(t.sort), kind="stable").reset_index(drop=True)
    return df


def finish(rows: list[dict] | dict[str, list], name: str) -> pd.DataFrame:
    """Rows (or columns) of one table, any number of issues -> a typed DataFrame, sorted."""
    cols = columns_of(rows, name) if isinstance(rows, list) else rows
    return frame({c: [v] for c, v in cols.items()}, name)
