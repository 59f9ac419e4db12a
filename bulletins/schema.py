"""The one registry of tables: for each table its columns, types, sort keys, the function that
makes its rows and the tables that function needs.

Everything that handles tables reads TABLES: the parse (`pipeline.process`), the column codec
and the workers, the cache, `Corpus`, `load_corpus`, Dask, the benchmark and the tests.

Adding an extractor (say `enterprises`): write a row function `enterprise_rows(recs, done)` in
`bulletins/extract/<module>.py` (recs: the articles as `Article` tuples; done: the rows of the
tables it needs, by name), add one `Table(...)` line below, a test, and a notebook cell.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
from collections import namedtuple
from typing import Callable

import pandas as pd

# Column kinds: "str" (the default), "int", "float", "bool", "date", "Int64" (integer or missing).


@dataclasses.dataclass(frozen=True)
class Table:
    """One table of a Corpus.

    rows: "module:function" of the row function (None for the tables the parser makes);
    needs: the tables whose rows the row function reads (they are made first).
    """
    name: str
    columns: tuple[str, ...]
    types: dict = dataclasses.field(default_factory=dict)
    sort: tuple[str, ...] = ()
    rows: str | None = None
    needs: tuple[str, ...] = ()
    doc: str = ""

    def kind(self, column: str) -> str:
        """The kind of a column ('str' unless declared)."""
        return self.types.get(column, "str")

    def row_function(self) -> Callable[[list, dict], list[dict]]:
        """The function that makes this table's rows from articles and the rows it needs."""
        return _resolve(self.rows)


@functools.lru_cache(maxsize=None)
def _resolve(path: str) -> Callable:
    module, _, func = path.partition(":")
    return getattr(importlib.import_module(module, __package__), func)


_ID = {"date": "date", "article": "int"}

TABLES: dict[str, Table] = {t.name: t for t in [
    # made by the parser
    # furniture: lines of web, app and e-paper page furniture (breadcrumbs, source lines, menus);
    # date_source: which source gave the date (manifest.csv, web page, page header, file name or '')
    Table("issues", ("issue_id", "date", "date_source", "source_file", "encoding", "header", "furniture", "leftover",
                     "n_articles", "n_chars", "warnings"), {"date": "date", "n_articles": "int", "n_chars": "int"},
          ("issue_id",), doc="one row per issue file"),
    # credit: closing credits ((甲 乙), 甲 摄, 融媒体记者:甲), one a line; their names are in authors too
    Table("articles", ("issue_id", "date", "article", "kind", "headline", "byline", "dateline", "body", "credit",
                       "n_paragraphs", "n_chars", "truncated"),
          {**_ID, "n_paragraphs": "int", "n_chars": "int", "truncated": "bool"},
          ("issue_id", "article"), doc="one row per article"),
    Table("paragraphs", ("issue_id", "article", "paragraph", "text"), {"article": "int", "paragraph": "int"},
          ("issue_id", "article", "paragraph")),
    Table("authors", ("issue_id", "article", "name", "role"), {"article": "int"}, ("issue_id", "article")),
    Table("repairs", ("issue_id", "article", "paragraph", "left", "right"), {"article": "int", "paragraph": "int"},
          ("issue_id", "article", "paragraph"), doc="page breaks mended inside a paragraph"),
    Table("skipped", ("source_file", "reason"), {}, ("source_file",), doc="files that could not be read"),
    # made by the extractors, in this order (each after the tables it needs)
    Table("appearances", ("issue_id", "date", "article", "order", "name", "title", "level", "role", "evidence",
                         "title_source"),
          {**_ID, "order": "int"}, ("issue_id", "article", "order"), ".extract.officials:appearance_rows",
          ("authors",), "officials present, in protocol order"),
    Table("mentions", ("issue_id", "date", "article", "name", "title", "count"), {**_ID, "count": "int"},
          ("issue_id", "article", "name"), ".extract.officials:mention_rows", (), "people referred to, not present"),
    Table("slogans", ("issue_id", "date", "article", "phrase", "kind", "category", "count", "in_headline"),
          {**_ID, "count": "int", "in_headline": "bool"}, ("issue_id", "article", "kind", "phrase"),
          ".extract.slogans:slogan_rows", (), "formulations (提法)"),
    Table("parallel_decisions", ("issue_id", "article", "run", "formula"), {"article": "int"}, ("issue_id", "article"),
          ".extract.slogans:parallel_decision_rows", ("slogans",),
          "every run of items joined by 、 in a body and the parallel formulas found in it (made from the slogans step's work)"),
    Table("figures", ("issue_id", "date", "article", "raw", "value", "value_max", "unit", "approx", "kind", "context",
                      "subject", "status", "direction", "evidence", "start"),
          {**_ID, "value": "float", "value_max": "float", "approx": "bool", "start": "int"},
          ("issue_id", "article", "start"), ".extract.figures:figure_rows", (), "economic figures"),
    Table("dates", ("issue_id", "date", "article", "raw", "start", "end", "pos"),
          {**_ID, "start": "date", "end": "date", "pos": "int"}, ("issue_id", "article", "pos"),
          ".extract.dates:date_rows", (), "dates printed in articles"),
    Table("meetings", ("issue_id", "date", "article", "body", "term", "session", "kind", "name", "chair", "held_on",
                       "evidence", "pos"),
          {**_ID, "term": "Int64", "session": "Int64", "held_on": "date", "pos": "int"}, ("issue_id", "article", "pos"),
          ".extract.meetings:meeting_rows", ("appearances",),
          "meetings reported: body, term (届), session (次), kind, own name, chair; pos < 0: named in the headline only"),
    Table("relays", ("issue_id", "date", "article", "meeting_body", "item", "item_kind", "level", "recipient", "speaker",
                     "occasion", "form", "central_date", "delay_days", "evidence", "pos"),
          {**_ID, "central_date": "date", "delay_days": "Int64", "pos": "int"}, ("issue_id", "article", "pos"),
          ".extract.relays:relay_rows", ("meetings",),
          "items relayed, one row per item: kind (speech, instruction, letter, article, book, document, law, "
          "thought, plenum, session, other), level of the source (中央, 省, 市, 区), letter recipient"),
    Table("organisations", ("issue_id", "date", "article", "name", "kind", "count", "sentence", "pos"),
          {**_ID, "count": "int", "pos": "int"}, ("issue_id", "article", "pos"),
          ".extract.organisations:organisation_rows", (), "enterprises, projects, parks, institutions named"),
    Table("tokens", ("issue_id", "article", "tokens"), {"article": "int"}, ("issue_id", "article"),
          ".extract.tokens:token_rows", ("appearances", "mentions"), "tokens of each article, names whole"),
]}

PARSED = tuple(n for n, t in TABLES.items() if t.rows is None)
EXTRACTED = tuple(n for n, t in TABLES.items() if t.rows is not None)


def table(name: str) -> Table:
    """The registry entry of a table, with a clear error for an unknown name.

    >>> table('figures').sort
    ('issue_id', 'article', 'start')
    """
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no table {name!r} in the registry (bulletins/schema.py); known: {', '.join(TABLES)}") from None


def check_registry() -> None:
    """Every table's sort keys and types name its columns, and needs come earlier in the registry."""
    order = list(TABLES)
    for t in TABLES.values():
        for c in list(t.sort) + list(t.types):
            if c not in t.columns:
                raise ValueError(f"schema.py: table {t.name}: {c!r} is not one of its columns")
        for n in t.needs:
            if n not in TABLES or order.index(n) > order.index(t.name):
                raise ValueError(f"schema.py: table {t.name} needs {n!r}, which must be registered before it")


Article = namedtuple("Article", ["issue_id", "date", "article", "kind", "headline", "byline", "dateline", "body"])


def records(articles: pd.DataFrame) -> list:
    """Articles as light named tuples, the input of every extractor's row function."""
    cols = {c: (list(articles[c]) if c in articles.columns else [""] * len(articles)) for c in Article._fields}
    dates = [None if pd.isna(d) else pd.Timestamp(d) for d in cols["date"]]
    return [Article(*vals) for vals in zip(cols["issue_id"], dates, *(cols[c] for c in Article._fields[2:]))]
