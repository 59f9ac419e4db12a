"""Tables of 03-slogans."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..charts import category_colors
from ..extract.slogans import decision_rows
from ..lexicons import lexicon_fields
from ..summaries.common import article_labels, many_dates, period_name, when


def slogan_trend(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """Phrase x issue counts (columns: issue dates, or issue ids where dates are missing), phrases by total."""
    if slogans_df.empty:
        return pd.DataFrame()
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"])
    t = _by_period(s)
    totals = dict(zip(t.index, t.sum(axis=1)))
    t = t.loc[sorted(t.index, key=lambda p: (-totals[p], p))]
    t.columns.name, t.index.name = period_name(s), "提法"
    return t


def _by_period(s: pd.DataFrame, column: str = "phrase") -> pd.DataFrame:
    """Counts summed by `column` x period (the labels of `when`: issue date, month or year), zeros
    filled, both axes sorted. Summed by issue first, so each issue's label is made once."""
    per_issue = s.groupby([column, "issue_id", "date"], sort=False, dropna=False)["count"].sum().reset_index()
    issue = per_issue.groupby(["issue_id", "date"], sort=False, dropna=False).ngroup().to_numpy()   # in order of appearance
    issues = per_issue[["issue_id", "date"]].drop_duplicates()
    labels = np.array(when(issues["date"], issues["issue_id"], monthly=many_dates(s)), dtype=object)
    per_issue["when"] = labels[issue]
    return per_issue.groupby([column, "when"])["count"].sum().unstack(fill_value=0)


def slogan_spans(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """First and last appearance of each phrase: phrase, kinds, first_seen, last_seen, n_issues, total."""
    if slogans_df.empty:
        return pd.DataFrame(columns=["phrase", "kinds", "first_seen", "last_seen", "n_issues", "total"])
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"])
    g = s.groupby("phrase")
    out = pd.DataFrame({
        "kinds": slogans_df.groupby("phrase")["kind"].agg(lambda k: "、".join(sorted(set(k)))),
        "first_seen": g["date"].min(), "last_seen": g["date"].max(),
        "n_issues": g["issue_id"].nunique(), "total": g["count"].sum()}).reset_index()
    return out.sort_values(["total", "phrase"], ascending=[False, True]).reset_index(drop=True)


def slogan_candidates(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """Phrases found by the quoted, numbered and parallel rules that the lexicon lacks, as lexicon lines."""
    known = {f[0] for f in lexicon_fields("slogans")}
    s = slogans_df[slogans_df["kind"].isin(["quoted", "numbered", "parallel"]) & ~slogans_df["phrase"].isin(known)]
    s = s[s["category"] != "code"] if "category" in s else s
    g = s.groupby("phrase").agg(kind=("kind", lambda k: "、".join(sorted(set(k)))), total=("count", "sum"),
                                n_articles=("article", "size")).reset_index()
    g["lexicon_line"] = g["phrase"] + "\t地方口号"
    return g.sort_values(["total", "phrase"], ascending=[False, True]).reset_index(drop=True)


def slogan_totals(slogans_df: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The n most frequent phrases: phrase, kind (the first way it was found), total count."""
    order = {"lexicon": 0, "numbered": 1, "quoted": 2, "parallel": 3, "law": 4}
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"])
    o = slogans_df["kind"].map(order)
    if o.notna().all():   # the first kind in that order: the smallest rank per phrase
        kinds = o.groupby(slogans_df["phrase"]).min().map({v: k for k, v in order.items()})
    else:
        kinds = slogans_df.assign(o=o).sort_values("o").groupby("phrase")["kind"].first()
    t = s.groupby("phrase")["count"].sum().rename("total").reset_index()
    t["kind"] = t["phrase"].map(kinds)
    return t.sort_values(["total", "phrase"], ascending=[False, True]).head(n).reset_index(drop=True)


def slogan_matrix(slogans_df: pd.DataFrame, articles: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """Phrases (the n most frequent) x articles (x issue dates or months when there are several issues): counts."""
    top = slogan_totals(slogans_df, n)["phrase"]
    s = slogans_df[slogans_df["phrase"].isin(top)].drop_duplicates(["issue_id", "article", "phrase"])
    one_issue = articles["issue_id"].nunique() == 1
    if one_issue:
        lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles, 8)))
        s = s.assign(col=[lab[(i, a)] for i, a in zip(s["issue_id"], s["article"])])
        m = s.pivot_table(index="phrase", columns="col", values="count", aggfunc="sum", fill_value=0)
    else:   # several issues: one column per issue date (per month beyond a month of issues)
        m = _by_period(s)
    m = m.loc[[p for p in top if p in m.index]]
    m.columns.name = "文章" if one_issue else period_name(s)
    m.index.name = "提法"
    return m


def parallel_decisions(articles: pd.DataFrame) -> pd.DataFrame:
    """Every run of items joined by 、 and what the parallel-formula rule made of it: article, run, formula.

    The same table is made by the pipeline as corpus.parallel_decisions (read that one: this recomputes)."""
    rows = [row for r in articles.itertuples(index=False) for row in decision_rows(r.issue_id, r.article, r.body, {})]
    return pd.DataFrame(rows, columns=["issue_id", "article", "run", "formula"])


KIND_COLORS = category_colors("kind")
