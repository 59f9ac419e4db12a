"""Rows and columns -> typed, sorted DataFrames; the compact column form workers send back."""
from __future__ import annotations

import datetime
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
        days = dates_of([v for v, _ in runs])
        return np.repeat(days, [n for _, n in runs]) if runs else np.array([], dtype="datetime64[us]")
    if kind not in _NUMPY and kind != "Int64":
        return strings(chunks)
    parts = [values_of(ch) for ch in chunks]
    if kind in _NUMPY:
        if any(isinstance(p, np.ndarray) for p in parts):
            return np.concatenate([np.asarray(p, dtype=_NUMPY[kind]) for p in parts])
        return np.array(list(itertools.chain.from_iterable(parts)), dtype=_NUMPY[kind])
    values = list(itertools.chain.from_iterable(parts))
    if set(map(type, values)) <= {int, type(None)}:   # plain ints and gaps: masked in numpy, no per-value test
        objs = np.array(values, dtype=object)
        gaps = np.equal(objs, None)
        return pd.arrays.IntegerArray(np.where(gaps, 0, objs).astype(np.int64), gaps)
    return pd.array([None if v is None or pd.isna(v) else int(v) for v in values], dtype="Int64")


def strings(chunks: list) -> pd.api.extensions.ExtensionArray:
    """Chunks of a text column -> one string array. Coded chunks (few distinct values) stay coded
    until the end: only their distinct values are checked and converted, then taken by code.

    >>> list(strings([encode(['区委', '区委', '区委', '区政府'] * 2, 'str'), ['市委']]))
    ['区委', '区委', '区委', '区政府', '区委', '区委', '区委', '区政府', '市委']
    """
    if not any(isinstance(ch, tuple) and ch[0] == "codes" for ch in chunks):
        return pd.array(list(itertools.chain.from_iterable(map(values_of, chunks))), dtype="str")
    distinct: list = []
    codes = []
    for ch in chunks:
        if isinstance(ch, tuple) and ch[0] == "codes":
            codes.append(ch[2].astype(np.intp) + len(distinct))
            distinct += ch[1]
        else:
            values = values_of(ch)
            codes.append(np.arange(len(distinct), len(distinct) + len(values), dtype=np.intp))
            distinct += values
    return pd.array(distinct, dtype="str").take(np.concatenate(codes))


_DATETIMES = {datetime.datetime, pd.Timestamp, type(None), type(pd.NaT)}


def dates_of(values: list) -> np.ndarray:
    """Dates (Timestamps, datetimes, gaps; else anything pd.to_datetime reads) -> datetime64[us].

    >>> dates_of([pd.Timestamp('2024-11-27'), None]).tolist()
    [datetime.datetime(2024, 11, 27, 0, 0), None]
    """
    if set(map(type, values)) <= _DATETIMES:   # the usual case: no parsing, one conversion in C
        return pd.DatetimeIndex(values).to_numpy().astype("datetime64[us]")
    return pd.to_datetime(pd.Series(values, dtype=object)).to_numpy().astype("datetime64[us]")


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
