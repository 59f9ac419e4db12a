"""Tables of 06-meetings."""
from __future__ import annotations

import pandas as pd



def relay_forms(relays_df: pd.DataFrame) -> pd.DataFrame:
    """Meeting body x form of the relayed item: number of items."""
    if relays_df.empty:
        return pd.DataFrame()
    x = pd.crosstab(relays_df["meeting_body"].replace("", "(未识别会议)"), relays_df["form"])
    x.index.name, x.columns.name = "会议", "传达内容类型"
    return x
