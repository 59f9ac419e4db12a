"""The tokens table: each article's tokens, officials' names kept whole."""
from __future__ import annotations

from typing import Sequence
import pandas as pd

from ..extract.officials import appearance_rows, mention_rows
from ..pipeline.codec import finish
from ..schema import records
from ..segment import base_cut, recut, spans_per_text
from ..text import normalize_article


def tokens(articles: pd.DataFrame, names: Sequence[str] | None = None, backend: str = "rjieba") -> pd.DataFrame:
    """One row per article: issue_id, article, tokens (headline then body, joined by single spaces; see token_list).

    `names` (the officials found) stay whole; by default they are found with
    `appearances` and `mentions` on the same articles.
    """
    recs = records(articles)
    if names is None:
        names = sorted({a["name"] for a in appearance_rows(recs, {})} | {m["name"] for m in mention_rows(recs, {})})
    return finish(_token_rows(recs, names, backend), "tokens")


def _token_rows(recs: list, names: Sequence[str], backend: str = "rjieba") -> list[dict]:
    """Rows of the tokens table: each article cut as segment.cut does, the names searched once in all the texts."""
    texts = ["\n".join(normalize_article(r.headline, r.body)) for r in recs]
    base = base_cut(backend)
    return [{"issue_id": r.issue_id, "article": r.article,
             "tokens": " ".join([t for t in recut(text, base(text), spans, base) if not t.isspace()])}
            for r, text, spans in zip(recs, texts, spans_per_text(texts, names))]   # a token is white space or has none


def token_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the tokens table (registry row function): names of done["appearances"] and done["mentions"] kept whole."""
    names = sorted({a["name"] for a in done["appearances"]} | {m["name"] for m in done["mentions"]})
    return _token_rows(recs, names)
