"""What a report shows its reader: the corpus loaded quietly (warnings kept for a table, never a stderr box),
duplicate issues counted once, tables with the issue date and headline, human values for missing and yes/no,
long tables interactive (itables, offline) and every table's full CSV one click away."""
from __future__ import annotations

import hashlib
import re
import html
import os
import warnings
from pathlib import Path
import numpy as np
import pandas as pd

from ..config import ROOT
from ..output import save_table

MISSING = "—"
YES, NO = "是", "否"
STATIC_ROWS = 15     # up to this many rows a table is plain HTML; beyond, an interactive table
MAX_ROWS = 2000      # rows sent to the HTML at most (the CSV has all): a decade stays a page, not 50 MB
CSV_LINK = "../data/processed/{name}.csv"   # reports/*.html -> data/processed/ (what `make report` writes)

# Column names as readers see them (the CSV keeps the code's names).
LABELS = {
    "issue": "issue (date, or file where undated)", "issue_id": "issue file", "date": "issue date",
    "article": "article no.", "headline": "headline", "kind": "kind", "byline": "byline", "dateline": "dateline",
    "n_paragraphs": "paragraphs", "n_chars": "characters", "truncated": "cut short", "source_file": "file",
    "encoding": "encoding", "n_articles": "articles", "n_issues": "issues", "warning": "warning",
    "order": "order in list", "name": "name", "title": "title", "level": "level", "role": "role",
    "count": "count", "phrase": "phrase", "category": "category", "in_headline": "in headline", "total": "total",
    "raw": "as printed", "value": "value", "value_max": "value (upper)", "unit": "unit", "approx": "approximate",
    "context": "what is measured", "subject": "firm or project", "status": "planned / achieved", "start": "start",
    "end": "end", "body": "body", "session": "session", "chair": "chair", "held_on": "held on",
    "meeting_body": "meeting", "speaker": "speaker", "occasion": "central occasion", "form": "form",
    "central_date": "central date", "delay_days": "days later", "first_seen": "first seen",
    "last_seen": "last seen", "n_occurrences": "occurrences", "role_counts": "roles", "when": "issue date or period",
    "n": "figures", "score": "score", "words": "words", "keywords": "keywords", "meetings": "meetings",
    "named_first": "named first", "mean_order": "mean position", "articles": "articles", "occurrences": "occurrences",
    "run": "run of items", "formula": "formula taken", "kinds": "found as", "file": "file", "roles": "roles",
    "titles": "titles", "nmf_words": "NMF topic",
}


def issues_folder() -> str:
    """The issues a notebook reads: $BULLETINS, else data/bulletins/ when it holds issues, else data/sample/.

    >>> issues_folder() != ""
    True
    """
    env = os.environ.get("BULLETINS")
    if env:
        return env
    mine = ROOT / "data" / "bulletins"
    return str(mine if any(mine.glob("*.txt")) else ROOT / "data" / "sample")


def open_corpus(folder: str | Path, **kw):
    """load_corpus without warnings on stderr: they are kept (corpus.load_warnings) for warning_table, and
    issues whose articles repeat an earlier issue's text are dropped from every table and listed in
    corpus.duplicates (issue_id, same_as), so a file added twice counts once."""
    from ..pipeline.corpus import load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, **kw)
    dup = duplicate_issues(corpus.articles)
    if len(dup):
        drop = set(dup["issue_id"])
        for f in corpus.__dataclass_fields__:
            t = getattr(corpus, f)
            if isinstance(t, pd.DataFrame) and "issue_id" in t.columns:
                setattr(corpus, f, t[~t["issue_id"].isin(drop)].reset_index(drop=True))
    corpus.duplicates = pd.concat([dup, _skipped_copies(corpus.skipped)], ignore_index=True) \
        .drop_duplicates("issue_id").sort_values("issue_id").reset_index(drop=True)
    corpus.load_warnings = list(dict.fromkeys(str(w.message) for w in caught))
    return corpus


def _skipped_copies(skipped: pd.DataFrame) -> pd.DataFrame:
    """Files load_corpus skipped as byte-identical copies of another file: issue_id, same_as.

    >>> _skipped_copies(pd.DataFrame({"source_file": ["b.txt"], "reason": ["b.txt: same content as a.txt; counted once"]})).values.tolist()
    [['b', 'a']]
    """
    rows = []
    for f, reason in zip(skipped["source_file"], skipped["reason"]):
        m = re.search(r"same content as (.+?); counted once", reason)
        if m:
            rows.append((Path(f).stem, Path(m.group(1)).stem))
    return pd.DataFrame(rows, columns=["issue_id", "same_as"])


def duplicate_issues(articles: pd.DataFrame) -> pd.DataFrame:
    """Issues whose articles (headlines and bodies) are the same text as an earlier issue's: issue_id, same_as.

    >>> a = pd.DataFrame({"issue_id": ["x", "y", "z"], "article": [0, 0, 0], "headline": ["甲", "甲", "乙"],
    ...                   "body": ["正文", "正文", "正文"]})
    >>> duplicate_issues(a).values.tolist()
    [['y', 'x']]
    """
    if articles.empty:
        return pd.DataFrame(columns=["issue_id", "same_as"])
    per = [hashlib.sha1(f"{h}\x01{b}".encode("utf-8")).hexdigest()[:20] for h, b in zip(articles["headline"], articles["body"])]
    whole = pd.Series(per, index=articles.index).groupby(articles["issue_id"], sort=True).agg("".join)
    keys = {}
    for iid, key in whole.items():
        keys.setdefault(key, []).append(iid)
    rows = [(d, ids[0]) for ids in keys.values() for d in ids[1:]]
    return pd.DataFrame(sorted(rows), columns=["issue_id", "same_as"])


def issue_labels(issues: pd.DataFrame) -> dict[str, str]:
    """issue_id -> what a reader sees: the issue date, or the file name where the issue is undated."""
    return {i: (d.strftime("%Y-%m-%d") if pd.notna(d) else i) for i, d in zip(issues["issue_id"], issues["date"])}


def issue_column(dates: pd.Series, ids: pd.Series) -> list:
    """Per row, the issue as a reader sees it: its date as YYYY-MM-DD, or its id where undated
    (formatted by numpy for the whole column at once, not one strftime per row).

    >>> issue_column(pd.Series([pd.Timestamp("2024-11-27"), pd.NaT]), pd.Series(["a", "b"]))
    ['2024-11-27', 'b']
    """
    days = pd.to_datetime(pd.Series(dates)).to_numpy("datetime64[D]")
    return np.where(np.isnat(days), pd.Series(ids).to_numpy(object), np.datetime_as_string(days, unit="D")).tolist()


def with_context(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A per-article table with the issue (date, or id where undated) and the article's headline in front,
    so rows from several issues say where they come from; issue_id and date move to the end (the page
    hides them, the CSV keeps them)."""
    if not {"issue_id", "article"} <= set(df.columns):
        return df
    a = articles[["issue_id", "article", "date", "headline", "kind"]].drop_duplicates(["issue_id", "article"])
    m = df.drop(columns=[c for c in ("date", "headline") if c in df.columns]).merge(
        a, on=["issue_id", "article"], how="left", suffixes=("", "_article"))
    head = [h if h else f"[{k}]" for h, k in zip(m["headline"].fillna(""), m["kind"].fillna(""))]
    issue = issue_column(m["date"], m["issue_id"])
    rest = [c for c in df.columns if c not in ("issue_id", "date", "article", "headline")]
    out = pd.DataFrame({"issue": issue, "article": m["article"], "headline": head}, index=m.index)
    return pd.concat([out, m[rest], m[["issue_id", "date"]]], axis=1)   # ids kept for the CSV, hidden in the page


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """Every value as a reader reads it: dates as YYYY-MM-DD, yes/no for booleans, — where missing, whole
    numbers without decimals; columns renamed from LABELS.

    >>> readable(pd.DataFrame({"date": [pd.NaT], "truncated": [True], "n": pd.array([pd.NA], "Int64"), "v": [2.0]})).iloc[0].astype(str).tolist()
    ['—', '是', '—', '2']
    """
    out = {}
    for col in df.columns:
        s = df[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            vals = [v.strftime("%Y-%m-%d") if pd.notna(v) else MISSING for v in s]
        else:
            vals = [_human(v) for v in s]
        out[LABELS.get(str(col), str(col))] = vals
    return pd.DataFrame(out, index=range(len(df)))


def _human(v):
    """A value as a reader reads it; whole numbers stay numbers (so interactive tables sort them as numbers)."""
    if isinstance(v, (bool,)) or type(v).__name__ == "bool_":
        return YES if v else NO
    if isinstance(v, (int, np.integer)):
        return int(v)
    if v is None or (not isinstance(v, (str, list, tuple)) and pd.isna(v)):
        return MISSING
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, (float, np.floating)):
        return int(v) if float(v).is_integer() and abs(v) < 1e15 else float(f"{v:.4g}")
    if isinstance(v, (list, tuple)):
        return "、".join(map(str, v)) or MISSING
    s = str(v)
    return s if s.strip() else MISSING


class Table:
    """A table as a report shows it: plain HTML when short, an interactive one (sorted, searched, paged,
    offline) when long; a caption with the row count and a link to the full CSV."""

    def __init__(self, df: pd.DataFrame, name: str, caption: str = "", columns: list[str] | None = None):
        self.df, self.name, self.caption, self.columns = df, name, caption, columns

    def __repr__(self) -> str:
        return f"[table {self.name}: {len(self.df)} rows]"

    def _repr_html_(self) -> str:
        n = len(self.df)
        hidden = ("issue_id", "date") if "issue" in self.df.columns else ()
        view = self.df[[c for c in (self.columns or self.df.columns) if c in self.df.columns and c not in hidden]]
        shown = readable(view.head(MAX_ROWS))
        note = f"{n:,} rows" + (f", the first {MAX_ROWS:,} shown here" if n > MAX_ROWS else "")
        link = f'<a href="{CSV_LINK.format(name=self.name)}" download>full table (CSV)</a>'
        cap = f'<p class="table-note">{html.escape(self.caption) + " · " if self.caption else ""}{note} · {link}</p>'
        if n == 0:
            return cap.replace(note, "no rows")
        if n <= STATIC_ROWS:
            return cap + shown.to_html(index=False, escape=True, border=0, classes="report-table")
        from itables import to_html_datatable

        return cap + to_html_datatable(shown, table_id=f"table-{self.name}", connected=False, showIndex=False,
                                       pageLength=STATIC_ROWS, lengthMenu=[15, 50, 200, 1000], maxBytes=0,
                                       maxColumns=0, classes="display compact", autoWidth=False,
                                       columnDefs=[{"className": "dt-left", "targets": "_all"}])


def show(df: pd.DataFrame, name: str, articles: pd.DataFrame | None = None, caption: str = "",
         columns: list[str] | None = None) -> Table:
    """Save the whole table as data/processed/NAME.csv and return it for display (only `columns`, when
    given, plus the issue and headline); with `articles`, rows of a per-article table get the issue date
    (or file where undated) and the headline in front of the other columns."""
    if articles is not None:
        df = with_context(df, articles)
        if columns:
            columns = ["issue", "article", "headline"] + [c for c in columns if c not in ("issue", "article", "headline")]
    save_table(df, name)
    return Table(df.reset_index(drop=True), name, caption, columns)


def csv_links(corpus, names: list[str]):
    """Save whole tables of the corpus as data/processed/NAME.csv and return a line of links to them."""
    from IPython.display import Markdown

    for n in names:
        save_table(getattr(corpus, n), n)
    return Markdown("Whole tables as CSV (UTF-8, opens in Excel): " +
                    " · ".join(f"[{n}.csv]({CSV_LINK.format(name=n)})" for n in names))


def interactive_tables() -> None:
    """Load the interactive-table library into the notebook once, offline (its JavaScript is embedded in
    the output, so reports open with no network)."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)


def warnings_readable(corpus) -> pd.DataFrame:
    """Every warning a reader should see, one a row: issue (date or file), file, warning. Parse warnings,
    skipped files, duplicate issues and warnings of the load that name no issue."""
    lab = issue_labels(corpus.issues)
    files = dict(zip(corpus.issues["issue_id"], corpus.issues["source_file"]))
    rows = [(lab[i], files.get(i, ""), w) for i, ws in zip(corpus.issues["issue_id"], corpus.issues["warnings"])
            for w in ws.splitlines()]
    rows += [(MISSING, r.source_file, "skipped: " + r.reason) for r in corpus.skipped.itertuples()]
    dup = getattr(corpus, "duplicates", pd.DataFrame(columns=["issue_id", "same_as"]))
    rows += [(MISSING, d, f"same text as {lab.get(s, s)}: counted once") for d, s in zip(dup["issue_id"], dup["same_as"])]
    known = {w for _, _, w in rows} | set(corpus.skipped["reason"])
    rows += [(MISSING, MISSING, w) for w in getattr(corpus, "load_warnings", []) if w not in known]
    return pd.DataFrame(rows, columns=["issue", "file", "warning"])


def lexicon_block(lines: list[str] | pd.Series, name: str, caption: str = ""):
    """Lines to paste into a lexicon file, shown as text with real TABs (copied, they match) and saved as
    data/processed/NAME.txt."""
    from IPython.display import HTML

    from ..config import out_dir

    text = "\n".join(lines)
    path = out_dir() / "data" / "processed" / f"{name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n" if text else "", encoding="utf-8")
    link = f'<a href="../data/processed/{name}.txt" download>{name}.txt</a>'
    if not text:
        return HTML(f"<p>No lines to add ({link} is empty).</p>")
    return HTML(f'<p class="table-note">{html.escape(caption) + " · " if caption else ""}{len(lines):,} lines · {link}</p>'
                f'<pre style="white-space:pre;tab-size:8;max-height:20em;overflow:auto">{html.escape(text)}</pre>')
