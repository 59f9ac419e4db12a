"""Tables out: CSV with a UTF-8 BOM for Excel, with cells a spreadsheet would run as formulas neutralised."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .config import out_dir


# A cell that starts with = + - @ (or a tab or carriage return, which Excel skips before them) is
# read by Excel, LibreOffice and Google Sheets as a formula: a headline "=HYPERLINK(...)" would be
# a live link. Such cells are written with a leading apostrophe ("'=..."), which spreadsheets show as
# text; plain numbers (-3.5, +12%) are left alone.
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?%?$")


def neutralize_cell(value):
    """A cell as written to CSV: text a spreadsheet would run as a formula gets a leading apostrophe.

    >>> neutralize_cell('=HYPERLINK("http://x","点击")'), neutralize_cell('-3.5'), neutralize_cell('区委会议')
    ('\\'=HYPERLINK("http://x","点击")', '-3.5', '区委会议')
    """
    if isinstance(value, str) and _FORMULA_START.match(value) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _risky(col: pd.Series) -> np.ndarray:
    """Which cells of a column are text starting as a formula would; each distinct value tested once.

    >>> _risky(pd.Series(["=A1", "区委", "=A1", None, 3])).tolist()
    [True, False, True, False, False]
    >>> _risky(pd.Series([["=x"], "@y"])).tolist()
    [False, True]
    """
    try:
        codes, uniques = pd.factorize(col.astype(object), use_na_sentinel=True)
    except TypeError:    # unhashable cells (lists): test each cell
        return col.map(lambda v: isinstance(v, str) and bool(_FORMULA_START.match(v))).to_numpy(bool)
    bad = np.fromiter((isinstance(v, str) and bool(_FORMULA_START.match(v)) for v in uniques), bool, len(uniques))
    return np.append(bad, False)[codes]    # code -1 (missing) reads the appended False


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with every text cell passed through neutralize_cell (the table itself
    is not changed); text index labels too."""
    out = df.copy()
    for c in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[c]) or pd.api.types.is_datetime64_any_dtype(out[c])
                or isinstance(out[c].dtype, pd.CategoricalDtype)):
            col = out[c]
            risky = _risky(col)
            if risky.any():
                out[c] = col.astype(object).where(~risky, col[risky].map(neutralize_cell))
    if not pd.api.types.is_numeric_dtype(out.index) and out.index.nlevels == 1:
        out.index = out.index.map(neutralize_cell)
    out.columns = [neutralize_cell(c) for c in out.columns] if out.columns.nlevels == 1 else out.columns
    return out


def save_table(df: pd.DataFrame, name: str, index: bool = False) -> str:
    """Write data/processed/NAME.csv with a UTF-8 BOM (Excel reads the Chinese); returns the relative path.

    Text cells a spreadsheet would run as formulas (starting with = + - @) are written with a
    leading apostrophe (see neutralize_cell); the DataFrame in memory is unchanged."""
    path = out_dir() / "data" / "processed" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralize_formulas(df).to_csv(path, index=index, encoding="utf-8-sig", lineterminator="\n")
    return f"data/processed/{name}.csv"
