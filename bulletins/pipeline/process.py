"""One issue's text -> rows of every table: parse, then every registry extractor in order."""
from __future__ import annotations

from operator import itemgetter
from pathlib import Path
import pandas as pd

from ..bylines import byline_authors
from ..parsing import opening_dateline, parse_text
from ..pipeline.codec import columns_of
from ..reading import issue_date
from ..schema import EXTRACTED, TABLES, Article
from ..text import is_terminated, normalize, visible_chars


def rows_from_parse(issue_id: str, source: str, enc: str, text: str, parsed: dict,
                    date: pd.Timestamp | None, warns: list[str], date_source: str = "") -> dict[str, list[dict]]:
    """The parsed tables' rows of one issue: issues, articles, paragraphs, authors (byline, then
    closing credits), repairs."""
    arts, paras, auths, reps = [], [], [], []
    trad = parsed.get("traditional", False)
    for ai, a in enumerate(parsed["articles"]):
        ps = a["paragraphs"]
        body = "\n".join(ps)
        credit = a.get("credit", "")
        arts.append({"issue_id": issue_id, "date": date, "article": ai, "kind": a["kind"],
                     "headline": a["headline"], "byline": a["byline"],
                     "dateline": opening_dateline(ps[0], trad) if ps else "",
                     "body": body, "credit": credit, "n_paragraphs": len(ps),
                     "n_chars": visible_chars(body),
                     "truncated": bool(ps) and bool(ps[-1]) and not is_terminated(ps[-1])})
        paras += [{"issue_id": issue_id, "article": ai, "paragraph": pi, "text": p} for pi, p in enumerate(ps)]
        seen = set()
        for s in [a["byline"]] + credit.split("\n") if credit else [a["byline"]]:
            for nm, role in byline_authors(normalize(s, trad)) if s else []:
                if nm not in seen:
                    seen.add(nm)
                    auths.append({"issue_id": issue_id, "article": ai, "name": nm, "role": role})
        if a["repairs"]:
            reps += [{"issue_id": issue_id, "article": ai, "paragraph": pi, "left": left, "right": right}
                     for pi, left, right in a["repairs"]]
    issue = {"issue_id": issue_id, "date": date, "date_source": date_source, "source_file": source, "encoding": enc,
             "header": "\n".join(parsed["header"]), "furniture": "\n".join(parsed.get("furniture", [])),
             "leftover": "\n".join(parsed["leftover"]), "n_articles": len(arts), "n_chars": visible_chars(text),
             "warnings": "\n".join(warns + parsed["warnings"])}
    return {"issues": [issue], "articles": arts, "paragraphs": paras, "authors": auths, "repairs": reps}


def process_text(text: str, enc: str, name: str, manifest_date: str, extract: bool) -> dict[str, list[dict]]:
    """One issue's text -> rows of every table (parse, then every extractor if `extract`)."""
    parsed = parse_text(text, name)
    date, source, warns = issue_date(name, parsed["header"], manifest_date, parsed.get("web_date", ""),
                                     parsed.get("web_date_line", ""))
    if enc.endswith("no main text"):
        warns.append(f"{name}: the HTML page has no main text the extraction library could find; all its text was kept")
    rows = rows_from_parse(Path(name).stem, name, enc, text, parsed, date, warns, source)
    if extract:
        recs = [Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"],
                        a["dateline"], a["body"]) for a in rows["articles"]]
        rows.update(extract_rows(recs, {"authors": rows["authors"]}))
    for name, r in rows.items():   # each file's rows in table order, so that combine need not sort
        if len(r) > 1 and TABLES[name].sort:
            r.sort(key=itemgetter(*TABLES[name].sort))
    return {name: columns_of(r, name) for name, r in rows.items()}


def extract_rows(recs: list, done: dict[str, list[dict]] | None = None) -> dict[str, list[dict]]:
    """Rows of every extracted table of the registry, each made after the tables it needs.

    `done` may hold rows already made (the parser's authors)."""
    done = dict(done or {})
    for name in EXTRACTED:
        done[name] = TABLES[name].row_function()(recs, done)
    return {name: done[name] for name in EXTRACTED}
