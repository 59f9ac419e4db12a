"""The dated roster of officials: who held which title when, title changes between issues, and
bare names of known officials across the corpus."""
from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from ..extract.officials import _article_rows, _bare_hits, _exclude
from ..extract.titles import LEVEL_RANK, title_level
from ..lexicons import lexicon
from ..pipeline.codec import finish
from ..schema import records
from ..patterns import _alternation, _first_chars
from ..text import normalize

ROSTER_COLUMNS = ["name", "title", "level", "first_seen", "last_seen", "n_articles", "n_issues", "person_articles"]
CHANGE_COLUMNS = ["name", "date", "from_title", "to_title", "last_seen_before", "kind"]


@functools.lru_cache(maxsize=1)
def _collective() -> frozenset[str]:
    return frozenset(lexicon("collective_titles"))


def _printed(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """Rows whose title was printed before the name and names a post (not 区领导 or a list heading)."""
    a = appearances_df
    if "title_source" in a.columns:
        a = a[a["title_source"].fillna("printed") != "roster"]
    heads = tuple(c for c in _collective() if c.endswith("领导"))   # 青萝县领导: a heading with its place
    codes, titles = pd.factorize(a["title"])   # each title tested once, not once per row
    heading = np.array([t.endswith(heads) for t in titles] + [False], dtype=bool)[codes]
    return a[(a["title"] != "") & ~a["title"].isin(_collective()) & ~heading]


def roster(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """One row per person and title printed: name, title, level, first_seen, last_seen (issue dates),
    n_articles and n_issues with that title, person_articles (all the person's articles).
    Collective headings (区领导) and titles taken from the roster are no titles of a person.

    >>> a = pd.DataFrame({'issue_id': ['a', 'b'], 'date': pd.to_datetime(['2024-01-02', '2024-03-04']),
    ...     'article': [0, 1], 'name': ['甲某', '甲某'], 'title': ['副区长', '区长'], 'title_source': ['printed'] * 2})
    >>> roster(a)[['name', 'title', 'first_seen']].values.tolist()
    [['甲某', '副区长', Timestamp('2024-01-02 00:00:00')], ['甲某', '区长', Timestamp('2024-03-04 00:00:00')]]
    """
    if appearances_df.empty:
        return pd.DataFrame(columns=ROSTER_COLUMNS)
    total = appearances_df.drop_duplicates(["issue_id", "article", "name"]).groupby("name").size()
    p = _printed(appearances_df)
    if p.empty:
        return pd.DataFrame(columns=ROSTER_COLUMNS)
    g = p.groupby(["name", "title"], sort=False).agg(first_seen=("date", "min"), last_seen=("date", "max"),
                                                     n_articles=("article", "size"), n_issues=("issue_id", "nunique"))
    out = g.reset_index()
    out["level"] = [title_level(t) for t in out["title"]]
    out["person_articles"] = [int(total.get(n, 0)) for n in out["name"]]
    return out[ROSTER_COLUMNS].sort_values(["name", "first_seen", "title"], na_position="last").reset_index(drop=True)


def _post(title: str) -> str:
    """The principal post of a title: its first link (区委书记、区委深改委主任 -> 区委书记)."""
    return title.split("、")[0]


def change_kind(old: str, new: str) -> str:
    """promotion (a higher level, or the deputy becomes head), acting (代理 dropped) or transfer.

    >>> change_kind('副区长', '区长'), change_kind('区长', '市委常委'), change_kind('区长', '某镇党委书记')
    ('promotion', 'promotion', 'transfer')
    """
    o, n = _post(old), _post(new)
    lo, ln = LEVEL_RANK.get(title_level(o), 9), LEVEL_RANK.get(title_level(n), 9)
    if o.startswith("代理") and o[2:] == n:
        return "acting ended"
    if ln < lo or (ln == lo and "副" in o and n == o.replace("常务副", "").replace("副", "")):
        return "promotion"
    return "transfer"


def title_changes(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """Title changes between issues (promotions and transfers): name, date (first issue with the
    new post), from_title, to_title, last_seen_before (last issue with the old one), kind.
    A post is the first link of a title, so a concurrent post added to a chain is no change.

    >>> a = pd.DataFrame({'issue_id': ['a', 'b', 'c'], 'date': pd.to_datetime(['2024-01-02', '2024-02-01', '2024-03-04']),
    ...     'article': [0, 0, 0], 'name': ['甲某'] * 3, 'title': ['副区长', '副区长、某委主任', '区长']})
    >>> title_changes(a)[['from_title', 'to_title', 'kind']].values.tolist()
    [['副区长、某委主任', '区长', 'promotion']]
    """
    p = _printed(appearances_df).dropna(subset=["date"]).sort_values(["name", "date", "issue_id", "article"])
    p = p[p["name"].notna()]
    rows, name, prev, prev_date = [], None, None, None
    for n, d, t in zip(p["name"].tolist(), list(p["date"]), p["title"].tolist()):   # one pass, person after person
        if n != name:
            name, prev, prev_date = n, None, None
        if prev is not None and _post(t) != _post(prev) and d > prev_date:
            rows.append({"name": n, "date": d, "from_title": prev, "to_title": t,
                         "last_seen_before": prev_date, "kind": change_kind(prev, t)})
        prev, prev_date = t, d
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def corpus_bare_appearances(articles: pd.DataFrame, appearances_df: pd.DataFrame,
                            authors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Appearances of officials of the corpus roster named bare (甲主持会议) in articles where the
    issue itself gave no title: the title is the one the roster shows nearest before the article's
    date (else the first after), title_source 'roster'. Append to the appearances table to count them.
    """
    r = roster(appearances_df)
    if r.empty:
        return finish([], "appearances")
    auth = set(authors["name"]) if authors is not None and len(authors) else set()
    seen = _names_by_article(appearances_df)
    dated = {n: list(zip(g["first_seen"], g["title"])) for n, g in r.groupby("name", sort=False)}
    names, named = dict.fromkeys(dated, ""), _named_in(tuple(sorted(dated)))   # titles filled in per hit
    rows, titles = [], {}
    for rec in records(articles):
        if rec.kind == "commentary" or named(normalize(rec.body)) <= seen.get((rec.issue_id, rec.article), set()):
            continue   # nobody of the roster named here but the people the article titled
        text, excl = _exclude(rec, auth)
        hits = _bare_hits(text, names, excl | seen.get((rec.issue_id, rec.article), set()))
        for h_ in hits:   # the roster as of the article's date
            key = (h_["name"], rec.date)
            if key not in titles:
                titles[key] = _title_at(dated[h_["name"]], rec.date)
            h_["title"] = titles[key]
        if hits:
            start = len(seen.get((rec.issue_id, rec.article), ()))
            for row in _article_rows(rec, text, hits):
                rows.append({**row, "order": start + row["order"]})
    return finish(rows, "appearances")


def _named_in(names: tuple[str, ...]):
    """A function text -> the set of `names` that occur in it (overlapping ones too), by one regex.

    >>> sorted(_named_in(('王某', '王某某', '李某'))('会上王某某讲话'))
    ['王某', '王某某']
    """
    longest = re.compile(_first_chars(names) + f"(?=({_alternation(names)}))")   # the longest name starting at each position
    inside = {n: {n[:k] for k in range(1, len(n) + 1)} & set(names) for n in names}   # names it starts with

    def named(text: str) -> set[str]:
        return set().union(*(inside[m.group(1)] for m in longest.finditer(text)))
    return named


def _names_by_article(appearances_df: pd.DataFrame) -> dict[tuple, set[str]]:
    """(issue_id, article) -> the names of its appearances (rows with a missing key left out, as groupby does).

    >>> {k: sorted(v) for k, v in _names_by_article(pd.DataFrame({'issue_id': ['a', 'a', None], 'article': [0, 0, 1],
    ...     'name': ['甲某', '乙某', '丙某']})).items()}
    {('a', 0): ['乙某', '甲某']}
    """
    seen: dict[tuple, set[str]] = {}
    a = appearances_df
    keep = (a["issue_id"].notna() & a["article"].notna()).to_numpy()
    for i, art, n, k in zip(a["issue_id"].tolist(), a["article"].tolist(), a["name"].tolist(), keep):
        if k:
            seen.setdefault((i, art), set()).add(n)
    return seen


def _title_at(dated: list, date) -> str:
    """The title of a person's roster rows (first_seen, title), in date order, for a date: the
    latest seen on or before it, else the first.

    >>> _title_at([(pd.Timestamp('2024-01-01'), '副区长'), (pd.Timestamp('2024-05-01'), '区长')], pd.Timestamp('2024-06-01'))
    '区长'
    """
    if date is None or pd.isna(date):
        return dated[0][1]
    before = [t for d, t in dated if pd.notna(d) and d <= date]
    return before[-1] if before else dated[0][1]
