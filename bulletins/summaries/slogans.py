"""Tables of 03-slogans."""
from __future__ import annotations

import pandas as pd

from ..charts import category_colors
from ..extract.parallel import parallel_formulas
from ..lexicons import lexicon_fields
from ..summaries.common import article_labels, many_dates, period_name, when
from ..text import _clauses


def slogan_trend(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """Phrase x issue counts (columns: issue dates, or issue ids where dates are missing), phrases by total."""
    if slogans_df.empty:
        return pd.DataFrame()
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"]).copy()
    s["when"] = when(s["date"], s["issue_id"], monthly=many_dates(s))
    t = s.pivot_table(index="phrase", columns="when", values="count", aggfunc="sum", fill_value=0)
    t = t.loc[sorted(t.index, key=lambda p: (-t.loc[p].sum(), p))]
    t.columns.name, t.index.name = period_name(s), "提法"
    return t


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
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"]).copy()
    kinds = slogans_df.assign(o=slogans_df["kind"].map(order)).sort_values("o").groupby("phrase")["kind"].first()
    t = s.groupby("phrase")["count"].sum().rename("total").reset_index()
    t["kind"] = t["phrase"].map(kinds)
    return t.sort_values(["total", "phrase"], ascending=[False, True]).head(n).reset_index(drop=True)


def slogan_matrix(slogans_df: pd.DataFrame, articles: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """Phrases (the n most frequent) x articles (x issue dates or months when there are several issues): counts."""
    top = slogan_totals(slogans_df, n)["phrase"]
    s = slogans_df[slogans_df["phrase"].isin(top)].drop_duplicates(["issue_id", "article", "phrase"])
    if articles["issue_id"].nunique() == 1:
        lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles, 8)))
        s = s.assign(col=[lab[(i, a)] for i, a in zip(s["issue_id"], s["article"])])
    else:   # several issues: one column per issue date (per month beyond a month of issues)
        s = s.assign(col=when(s["date"], s["issue_id"], monthly=many_dates(s)))
    m = s.pivot_table(index="phrase", columns="col", values="count", aggfunc="sum", fill_value=0)
    m = m.loc[[p for p in top if p in m.index]]
    m.columns.name = "文章" if articles["issue_id"].nunique() == 1 else period_name(s)
    m.index.name = "提法"
    return m


def parallel_decisions(articles: pd.DataFrame) -> pd.DataFrame:
    """Every run of items joined by 、 and what the parallel-formula rule made of it: article, run, formula."""
    rows = []
    for r in articles.itertuples(index=False):
        text = r.body.replace("\n", "")
        found = set(parallel_formulas(text))
        for clause in _clauses(text):
            if "、" in clause:
                hit = sorted(f for f in found if f in clause)
                rows.append({"issue_id": r.issue_id, "article": r.article, "run": clause,
                             "formula": "；".join(hit)})
    return pd.DataFrame(rows, columns=["issue_id", "article", "run", "formula"])


KIND_COLORS = category_colors("kind")
