"""Tables of 04-officials."""
from __future__ import annotations

from collections import Counter
import numpy as np
import pandas as pd

from ..charts import category_colors
from ..extract.titles import LEVEL_RANK
from ..summaries.common import many_dates, period_name, when


def people(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """One row per person: name, titles, level (most senior), n_issues, n_articles, first_seen, last_seen, roles."""
    cols = ["name", "titles", "level", "n_issues", "n_articles", "first_seen", "last_seen", "roles"]
    if appearances_df.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for name, g in appearances_df.groupby("name", sort=True):
        levels = sorted(set(g["level"]), key=lambda l: LEVEL_RANK.get(l, 9))
        rows.append({"name": name, "titles": "；".join(dict.fromkeys(t for t in g["title"] if t)),
                     "level": levels[0] if levels else "", "n_issues": g["issue_id"].nunique(),
                     "n_articles": len(g.drop_duplicates(["issue_id", "article"])),
                     "first_seen": g["date"].min(), "last_seen": g["date"].max(),
                     "roles": "、".join(f"{k}{v}次" for k, v in sorted(Counter(x for x in g["role"] if x).items()))})
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["n_articles", "name"], ascending=[False, True]).reset_index(drop=True)


def co_appearances(appearances_df: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """Name x name for the `top` people seen most: articles in which both appear (diagonal: articles per person).

    One article x person incidence matrix, multiplied by itself (linear in the appearances).
    """
    counts = appearances_df.groupby("name").size().to_dict()
    names = sorted(sorted(counts, key=lambda n: (-counts[n], n))[:top])
    a = appearances_df[appearances_df["name"].isin(names)]   # a person twice in an article sets the same cell
    if a.empty:
        return pd.DataFrame(0, index=names, columns=names)
    issue, article = pd.factorize(a["issue_id"])[0], pd.factorize(a["article"])[0]
    art = np.unique(issue.astype(np.int64) * (article.max() + 1) + article, return_inverse=True)[1]
    col = pd.Index(names).get_indexer(a["name"])
    x = np.zeros((art.max() + 1, len(names)), dtype=np.int64)
    x[art, col] = 1
    return pd.DataFrame(x.T @ x, index=names, columns=names)


def roles_by_person(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """Person x role: number of articles (people by total, roles by frequency)."""
    if appearances_df.empty:
        return pd.DataFrame()
    x = pd.crosstab(appearances_df["name"], appearances_df["role"].replace("", "(无)"))
    x = x.loc[sorted(x.index, key=lambda n: (-x.loc[n].sum(), n))]
    x = x[sorted(x.columns, key=lambda c: (-x[c].sum(), c))]
    x.index.name, x.columns.name = "官员", "角色"
    return x


def protocol_order(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """How each person is ranked in lists: n_articles, times named first, mean position (0 = first)."""
    if appearances_df.empty:
        return pd.DataFrame(columns=["name", "n_articles", "named_first", "mean_order"])
    g = appearances_df.groupby("name").agg(n_articles=("order", "size"), named_first=("order", lambda o: int((o == 0).sum())),
                                           mean_order=("order", "mean")).reset_index()
    g["mean_order"] = g["mean_order"].round(2)
    return g.sort_values(["mean_order", "name"]).reset_index(drop=True)


def appearances_over_time(appearances_df: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The `top` people x issue date (month beyond a month of issues; issue id where undated): articles."""
    if appearances_df.empty:
        return pd.DataFrame()
    x = pd.crosstab(appearances_df["name"], _when(appearances_df))
    total = x.sum(axis=1)
    x = x.loc[sorted(x.index, key=lambda n: (-total[n], n))[:top]]
    x.columns.name, x.index.name = period_name(appearances_df), "官员"
    return x


def _when(df: pd.DataFrame) -> pd.Series:
    """`when` of each row (issue date or month), labelled once per issue rather than once per row."""
    keys = ["date", "issue_id"]
    first = df.drop_duplicates(keys)
    labels = np.array(when(first["date"], first["issue_id"], monthly=many_dates(df)), dtype=object)
    return pd.Series(labels[df.groupby(keys, dropna=False, sort=False).ngroup().to_numpy()], index=df.index, name="when")


def central_and_local(appearances_df: pd.DataFrame, mentions_df: pd.DataFrame) -> pd.DataFrame:
    """Mentions of central leaders beside local appearances: name, kind (出场 / 提及), articles, occurrences."""
    a = appearances_df.groupby("name").size().rename("articles").reset_index().assign(kind="出场", occurrences=np.nan)
    m = mentions_df.groupby("name").agg(articles=("article", "size"), occurrences=("count", "sum")).reset_index().assign(kind="提及")
    out = pd.concat([m, a], ignore_index=True)[["name", "kind", "articles", "occurrences"]]
    out["occurrences"] = out["occurrences"].astype("Int64")
    return out.sort_values(["kind", "articles", "name"], ascending=[False, False, True]).reset_index(drop=True)


LEVEL_COLORS = category_colors("level")


def title_chart(roster_df: pd.DataFrame, changes_df: pd.DataFrame | None = None, top: int = 15, ax=None,
                title: str = "谁在何时任何职"):
    """Who held which title when: one line per person and title from its first to its last issue
    date (coloured by level), the `top` people with most articles; title changes marked ▲
    (promotion) or ● (transfer). Returns the axes."""
    import matplotlib.pyplot as plt

    if roster_df.empty:
        _, ax = plt.subplots(figsize=(8, 2)) if ax is None else (None, ax)
        ax.set_title(title + "(无)")
        return ax
    order = (roster_df.groupby("name")["person_articles"].max().sort_values(ascending=False, kind="stable"))
    names = list(order.index[:top])
    r = roster_df[roster_df["name"].isin(names)].dropna(subset=["first_seen"])
    if ax is None:
        _, ax = plt.subplots(figsize=(10, max(2.5, 0.45 * len(names) + 1)))
    ypos = {n: i for i, n in enumerate(reversed(names))}
    for row in r.itertuples(index=False):
        y = ypos[row.name]
        ax.plot([row.first_seen, row.last_seen], [y, y], lw=6, solid_capstyle="butt",
                color=LEVEL_COLORS.get(row.level, "#bbbbbb"))
        ax.annotate(row.title, (row.first_seen, y), textcoords="offset points", xytext=(0, 6), fontsize=7)
    if changes_df is not None and not changes_df.empty:
        for c in changes_df[changes_df["name"].isin(names)].itertuples(index=False):
            ax.plot(c.date, ypos[c.name], marker="^" if c.kind == "promotion" else "o", color="black", ms=6)
    ax.set_yticks(list(ypos.values()), list(ypos.keys()))
    ax.set_title(title)
    return ax
