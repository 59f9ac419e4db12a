"""Tables out: CSV with a UTF-8 BOM for Excel."""
from __future__ import annotations

import pandas as pd

from .config import out_dir


def save_table(df: pd.DataFrame, name: str) -> str:
    """Write data/processed/NAME.csv with a UTF-8 BOM (Excel reads the Chinese); returns the relative path."""
    path = out_dir() / "data" / "processed" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return f"data/processed/{name}.csv"
