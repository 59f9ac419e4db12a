"""'What we found', computed: sentences with the numbers of the tables a report shows, for any corpus.

Each function returns Markdown built only from the tables it is given, so the prose changes with the data;
hand-written interpretation lives in the notebooks, under a heading that says it is about the pinned sample.
"""
from __future__ import annotations

import pandas as pd


SEP = "、"


def _md(lines: list[str]):
    from IPython.display import Markdown

    return Markdown("\n".join(f"- {x}" for x in lines if x) or "- Nothing to report.")


def _n(k: int, one: str, many: str | None = None) -> str:
    """'1 issue', '3 issues'.

    >>> _n(1, "issue"), _n(3, "issue"), _n(2, "appearance of", "appearances of")
    ('1 issue', '3 issues', '2 appearances of')
    """
    return f"{k:,} {one if k == 1 else (many or one + 's')}"


def _top(counts: pd.Series, k: int = 3) -> str:
    """'甲 (5)、乙 (3)' for the k largest counts, ties by name."""
    items = sorted(counts.items(), key=lambda x: (-x[1], str(x[0])))[:k]
    return SEP.join(f"{name} ({int(v):,})" for name, v in items)


def corpus_numbers(corpus) -> dict:
    """The corpus in numbers: issues, dated issues, first and last date, articles, officials, figures,
    meetings, relays, warnings, duplicates, skipped files."""
    dates = corpus.issues["date"].dropna()
    warn = sum(len(w.splitlines()) for w in corpus.issues["warnings"]) + len(corpus.skipped)
    app = corpus.appearances if corpus.appearances is not None else pd.DataFrame(columns=["name"])
    dup = getattr(corpus, "duplicates", pd.DataFrame())
    return {"issues": len(corpus.issues), "dated": len(dates), "undated": len(corpus.issues) - len(dates),
            "first": dates.min().strftime("%Y-%m-%d") if len(dates) else "",
            "last": dates.max().strftime("%Y-%m-%d") if len(dates) else "",
            "articles": len(corpus.articles), "officials": app["name"].nunique(), "appearances": len(app),
            "figures": 0 if corpus.figures is None else len(corpus.figures),
            "meetings": 0 if corpus.meetings is None else len(corpus.meetings),
            "relays": 0 if corpus.relays is None else len(corpus.relays),
            "warnings": warn, "duplicates": len(dup), "skipped": len(corpus.skipped)}


def span_text(n: dict) -> str:
    """'12 issues from 2024-01-01 to 2024-12-30 (1 undated)'."""
    if not n["dated"]:
        return f"{_n(n['issues'], 'issue')}, none dated"
    span = n["first"] if n["first"] == n["last"] else f"from {n['first']} to {n['last']}"
    return f"{_n(n['issues'], 'issue')} {span}" + (f" ({n['undated']} undated)" if n["undated"] else "")


def corpus_line(corpus):
    """One line for the top of a report: what it reads, and the warnings (listed in 01-overview)."""
    from IPython.display import Markdown

    n = corpus_numbers(corpus)
    dup = f" · {_n(n['duplicates'], 'duplicate issue')} counted once" if n["duplicates"] else ""
    warn = (f" · {_n(n['warnings'], 'warning')} (listed in [01-overview](01-overview.html))" if n["warnings"]
            else " · no warnings")
    return Markdown(f"**Reading** {span_text(n)}, {_n(n['articles'], 'article')}{warn}{dup}.")


def _latest_two(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, str, str] | None:
    """Rows of the last dated issue and of all earlier issues, with their date labels; None with < 2 dates."""
    d = df.dropna(subset=["date"])
    days = sorted(d["date"].unique())
    if len(days) < 2:
        return None
    last, prev = days[-1], days[-2]
    return (d[d["date"] == last], d[d["date"] < last], pd.Timestamp(last).strftime("%Y-%m-%d"),
            pd.Timestamp(prev).strftime("%Y-%m-%d"))


def new_since_previous(df: pd.DataFrame, key: str, what: str) -> str:
    """'In the latest issue (2024-12-30), 2 officials not seen before: 甲、乙' (empty below two dated issues)."""
    two = _latest_two(df)
    if two is None:
        return ""
    last, before, day, _ = two
    new = sorted(set(last[key]) - set(before[key]))
    if not new:
        return f"The latest issue ({day}) has no {what} not seen in earlier issues."
    more = f" and {len(new) - 8} more" if len(new) > 8 else ""
    return f"The latest issue ({day}) has {_n(len(new), what)} not seen before: {SEP.join(new[:8])}{more}."


def overview_findings(corpus):
    n = corpus_numbers(corpus)
    a = corpus.articles
    kinds = a["kind"].value_counts()
    lines = [f"{span_text(n)}; {_n(n['articles'], 'article')} ({_top(kinds, 5)}).",
             f"{_n(int(a['truncated'].sum()), 'article')} end in a cut sentence; "
             f"{_n(len(corpus.repairs), 'paragraph')} cut by a column break were rejoined." if len(a) else ""]
    if len(corpus.authors):
        top = corpus.authors.groupby("name")["article"].size()
        lines.append(f"Most bylined authors: {_top(top)} articles.")
    if n["undated"]:
        lines.append(f"{_n(n['undated'], 'issue')} without a date: name the file YYYY-MM-DD.txt or list it in "
                     "manifest.csv to place it in time.")
    lines.append(f"{_n(n['warnings'], 'warning')}, {_n(n['skipped'], 'file')} skipped, "
                 f"{_n(n['duplicates'], 'duplicate issue')} (same text as another issue, counted once).")
    two = _latest_two(a)
    if two is not None:
        lines.append(f"The latest issue ({two[2]}) has {_n(len(two[0]), 'article')}; the one before "
                     f"({two[3]}) had {len(a[a['date'] == pd.Timestamp(two[3])]):,}.")
    return _md(lines)


def topic_findings(topics_df: pd.DataFrame, articles: pd.DataFrame, words: pd.Series):
    t = topics_df.merge(articles[["issue_id", "article", "date"]], on=["issue_id", "article"])
    counts = t["topic"].value_counts()
    lines = [f"{_n(len(t), 'article')} in {_n(len(counts), 'topic')}: {_top(counts, 4)} articles."
             if len(t) else "No articles."]
    if len(words):
        lines.append(f"Most frequent words: {_top(words, 5)}.")
    two = _latest_two(t)
    if two is not None and len(two[0]):
        lines.append(f"The latest issue ({two[2]}) leads with {_top(two[0]['topic'].value_counts(), 2)} articles.")
    return _md(lines)


def slogan_findings(slogans_df: pd.DataFrame, candidates: pd.DataFrame):
    if slogans_df.empty:
        return _md(["No formulations found."])
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"])
    kinds = slogans_df.drop_duplicates(["phrase", "kind"])["kind"].value_counts()
    lines = [f"{_n(s['phrase'].nunique(), 'distinct phrase')} in {_n(len(s.drop_duplicates(['issue_id', 'article'])), 'article')}"
             f" (phrases per way found: {_top(kinds, 5)}).",
             f"Most repeated: {_top(s.groupby('phrase')['count'].sum())} occurrences.",
             f"{_n(len(candidates), 'phrase')} found by the rules but not yet in slogans.txt."
             + (f" Most frequent: {_top(candidates.set_index('phrase')['total'])}." if len(candidates) else ""),
             new_since_previous(s, "phrase", "phrase")]
    return _md(lines)


def official_findings(appearances_df: pd.DataFrame, mentions_df: pd.DataFrame, people_df: pd.DataFrame):
    a = appearances_df
    if a.empty:
        return _md(["No officials found."])
    arts = len(a.drop_duplicates(["issue_id", "article"]))
    lines = [f"{_n(len(a), 'appearance of', 'appearances of')} {_n(a['name'].nunique(), 'official')} "
             f"in {_n(arts, 'article')}.",
             f"Seen in most articles: {_top(people_df.set_index('name')['n_articles'])}."]
    levels = people_df["level"].replace("", "(mixed)").value_counts()
    lines.append(f"Officials per level: {_top(levels, 6)}.")
    first = a[a["order"] == 0].groupby("name").size()
    if len(first):
        lines.append(f"Named first most often: {_top(first, 2)} times.")
    if len(mentions_df):
        lines.append(f"Invoked but not present: {_top(mentions_df.groupby('name')['count'].sum(), 3)} mentions.")
    lines.append(new_since_previous(a, "name", "official"))
    return _md(lines)


def economy_findings(figures_df: pd.DataFrame, dates_df: pd.DataFrame):
    f = figures_df
    if f.empty:
        return _md(["No economic figures found."])
    lines = [f"{_n(len(f), 'figure')} in {_n(len(f.drop_duplicates(['issue_id', 'article'])), 'article')}; "
             f"by kind: {_top(f['kind'].value_counts(), 6)}."]
    money = f[(f["kind"] == "money") & (f["unit"] == "元")]
    if len(money):
        lines.append(f"Money printed: {_n(len(money), 'figure')} adding up to {money['value'].sum() / 1e8:,.2f} 亿元 "
                     f"(approximate values as printed).")
    status = f["status"].replace("", "not said").value_counts()
    lines.append(f"Planned or achieved: {_top(status, 3)}.")
    named = f[f["subject"] != ""]
    lines.append(f"{_n(len(named), 'figure')} tied to a named firm or project ({named['subject'].nunique():,} distinct).")
    lines.append(f"{_n(len(dates_df), 'date')} printed in articles, "
                 f"{int(dates_df['start'].notna().sum()):,} resolved to a day or month.")
    return _md(lines)


def meeting_findings(meetings_df: pd.DataFrame, relays_df: pd.DataFrame):
    m, r = meetings_df, relays_df
    lines = [f"{_n(len(m), 'meeting')} reported" + (f", most by {_top(m['body'].replace('', '(unnamed)').value_counts())}."
                                                   if len(m) else ".")]
    if len(m) and (m["chair"] != "").any():
        lines.append(f"Chaired most often by {_top(m[m['chair'] != '']['chair'].value_counts(), 2)} meetings.")
    if len(r):
        lines.append(f"{_n(len(r), 'central item')} relayed ({_top(r['form'].value_counts(), 5)}); "
                     f"{_n(r['occasion'].nunique(), 'distinct occasion')}.")
        known = r.dropna(subset=["delay_days"])
        dated = int(r["central_date"].notna().sum())
        if len(known):
            lines.append(f"Delay from central occasion to local meeting, where both dates are known "
                         f"({_n(len(known), 'relay')}): median {known['delay_days'].median():.0f} days, "
                         f"from {known['delay_days'].min()} to {known['delay_days'].max()}.")
        elif dated:
            lines.append(f"{_n(dated, 'relay')} of an occasion with a known central date, but no local meeting "
                         "date (the issues are undated), so no delay can be computed.")
    return _md(lines)
