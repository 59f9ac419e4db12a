"""Every function the six notebooks call, timed on one corpus (the notebook part of bench.py).

    python benchmarks/notebook_calls.py FOLDER --json OUT.json [--skip NAME ...]

Run by bench.py in a fresh process per corpus size, as a notebook kernel runs: the corpus comes
from the cache (load_corpus; filled first if empty), then each call of the notebooks' cells, in
notebook order and with their arguments, is timed on its own: summaries, keywords, topics, findings
("compute"), each chart helper drawn on an Agg figure and saved by save_figure ("chart"), h.show of each
table (context added, CSV saved, HTML rendered) and the other writers ("output"), and the content hash
the memo (bulletins/memo.py) takes of a whole corpus ("memo"; bench.py runs with BULLETIN_MEMO=0). OUTPUT_DIR points
at a temporary folder, so nothing is written to the repository's figures/ or data/processed/.
A call that fails is reported with its error (other sessions may change an API), not fatal.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# (notebook, label, kind, function of the context dict c, key to keep the result under), in the
# notebooks' cell order with their arguments. "output" calls are h.show (the table with its issue and
# headline, saved as CSV, rendered as the page shows it) and the other writers.
A = ["kind", "byline", "dateline", "n_paragraphs", "n_chars", "truncated"]
CALLS: list[tuple[str, str, str, object, str | None]] = [
    ("01", "corpus_line", "compute", lambda h, c: h.corpus_line(c["corpus"]), None),
    ("01", "overview_findings", "compute", lambda h, c: h.overview_findings(c["corpus"]), None),
    ("01", "show issues", "output", lambda h, c: h.show(c["corpus"].issues, "issues")._repr_html_(), None),
    ("01", "date sources (cell)", "compute", lambda h, c: c["corpus"].issues.assign(date_source=c["corpus"].issues["date_source"]
     .replace("", "(无日期)")).groupby("date_source").size(), None),
    ("01", "furniture (cell)", "compute", lambda h, c: c["corpus"].issues[["issue_id", "furniture"]].assign(
        line=lambda d: d["furniture"].str.split("\n")).explode("line").query("line != ''"), None),
    ("01", "articles_over_time", "chart", lambda h, c: h.save_figure(h.articles_over_time(c["corpus"].articles), "01-issues"), None),
    ("01", "show articles (with context)", "output", lambda h, c: h.show(c["corpus"].articles, "articles", c["corpus"].articles,
                                                                         columns=A)._repr_html_(), None),
    ("01", "length_chart", "chart", lambda h, c: h.save_figure(h.length_chart(c["corpus"].articles), "01-lengths"), None),
    ("01", "bar_chart (article kinds)", "chart", lambda h, c: h.save_figure(
        h.bar_chart(c["corpus"].articles["kind"].value_counts().sort_index(), title="kinds"), "01-kinds"), None),
    ("01", "author_table", "compute", lambda h, c: h.author_table(c["corpus"].authors), None),
    ("01", "show repairs (with context)", "output", lambda h, c: h.show(c["corpus"].repairs, "repairs", c["corpus"].articles)._repr_html_(), None),
    ("01", "warnings_readable", "compute", lambda h, c: h.warnings_readable(c["corpus"]), None),
    ("01", "csv_links (paragraphs, skipped)", "output", lambda h, c: h.csv_links(c["corpus"], ["paragraphs", "skipped"]), None),
    ("02", "memo key of keywords(corpus) (content hash)", "memo", lambda h, c: __import__("bulletins.memo").memo.entry_key(
        "keywords", {"articles": c["corpus"], "k": 10}), None),
    ("02", "keywords tfidf", "compute", lambda h, c: h.keywords(c["corpus"], k=10), "kw"),
    ("02", "keywords textrank", "compute", lambda h, c: h.keywords(c["corpus"], k=10, method="textrank"), None),
    ("02", "topic_weights", "compute", lambda h, c: h.topic_weights(c["corpus"].articles), "tw"),
    ("02", "main_topics", "compute", lambda h, c: h.main_topics(c["tw"]), "tp"),
    ("02", "word_frequencies", "compute", lambda h, c: h.word_frequencies(c["corpus"].tokens), "freq"),
    ("02", "topic_findings", "compute", lambda h, c: h.topic_findings(c["tp"], c["corpus"].articles, c["freq"]), None),
    ("02", "keywords_by_article", "compute", lambda h, c: h.keywords_by_article(c["kw"]), "kwa"),
    ("02", "show keywords (with context)", "output", lambda h, c: h.show(c["kwa"], "keywords", c["corpus"].articles)._repr_html_(), None),
    ("02", "bar_chart (top words)", "chart", lambda h, c: h.save_figure(h.bar_chart(c["freq"].head(20), title="top"), "02-top"), None),
    ("02", "wordcloud", "chart", lambda h, c: h.save_figure(h.wordcloud(c["freq"].to_dict()), "02-cloud"), None),
    ("02", "stopword_candidates (+ corpus_names)", "compute", lambda h, c: h.stopword_candidates(
        c["corpus"].tokens, n=30, names=h.corpus_names(c["corpus"])), None),
    ("02", "show topics (with context)", "output", lambda h, c: h.show(c["tp"], "topics", c["corpus"].articles)._repr_html_(), None),
    ("02", "topic_chart", "chart", lambda h, c: h.save_figure(h.topic_chart(c["tp"], c["corpus"].articles), "02-scores"), None),
    ("02", "show topic_weights (with context)", "output", lambda h, c: h.show(c["tw"], "topic_weights", c["corpus"].articles)._repr_html_(), None),
    ("02", "topic_shares", "compute", lambda h, c: h.topic_shares(c["tp"], c["corpus"].articles), "shares"),
    ("02", "stacked_bars (topic shares)", "chart", lambda h, c: h.save_figure(h.stacked_bars(c["shares"], title="shares",
                                                                                              colors=h.TOPIC_COLORS), "02-shares"), None),
    ("02", "unsupervised_topics (NMF)", "compute", lambda h, c: h.unsupervised_topics(c["corpus"].tokens), "nmf"),
    ("02", "nmf_comparison", "compute", lambda h, c: h.nmf_comparison(c["tp"], c["nmf"]), None),
    ("02", "term_changes", "compute", lambda h, c: h.term_changes(c["corpus"].tokens, c["corpus"].articles, n=15), None),
    ("02", "nmf_top_words", "compute", lambda h, c: h.nmf_top_words(c["corpus"].tokens, n_topics=8, n_words=8), None),
    ("03", "slogan_totals", "compute", lambda h, c: h.slogan_totals(c["corpus"].slogans, 25), "top"),
    ("03", "slogan_candidates", "compute", lambda h, c: h.slogan_candidates(c["corpus"].slogans), "cand"),
    ("03", "slogan_findings", "compute", lambda h, c: h.slogan_findings(c["corpus"].slogans, c["cand"]), None),
    ("03", "show slogans (with context)", "output", lambda h, c: h.show(c["corpus"].slogans, "slogans", c["corpus"].articles)._repr_html_(), None),
    ("03", "bar_chart + color_legend (slogans)", "chart", lambda h, c: h.save_figure(h.color_legend(h.bar_chart(
        c["top"].set_index("phrase")["total"], colors=c["top"]["kind"].map(h.KIND_COLORS)), h.KIND_COLORS, c["top"]["kind"]), "03-top"), None),
    ("03", "slogan_matrix", "compute", lambda h, c: h.slogan_matrix(c["corpus"].slogans, c["corpus"].articles, 25), "smatrix"),
    ("03", "heatmap (slogans)", "chart", lambda h, c: h.save_figure(h.heatmap(c["smatrix"], title="m"), "03-heatmap"), None),
    ("03", "show + lexicon_block (candidates)", "output", lambda h, c: [h.show(c["cand"].drop(columns=["lexicon_line"]),
        "slogan_candidates")._repr_html_(), h.lexicon_block(c["cand"]["lexicon_line"], "slogan_candidates_lexicon")], None),
    ("03", "parallel_decisions (corpus table)", "compute", lambda h, c: c["corpus"].parallel_decisions, "par"),
    ("03", "show parallel_decisions (with context)", "output", lambda h, c: h.show(c["par"], "parallel_decisions",
                                                                                   c["corpus"].articles)._repr_html_(), None),
    ("03", "slogan_spans", "compute", lambda h, c: h.slogan_spans(c["corpus"].slogans), None),
    ("03", "slogan_trend", "compute", lambda h, c: h.slogan_trend(c["corpus"].slogans), "trend"),
    ("03", "trend_chart", "chart", lambda h, c: h.save_figure(h.trend_chart(c["trend"].head(8), title="t"), "03-trend"), None),
    ("04", "people", "compute", lambda h, c: h.people(c["corpus"].appearances), "ppl"),
    ("04", "official_findings", "compute", lambda h, c: h.official_findings(c["corpus"].appearances, c["corpus"].mentions, c["ppl"]), None),
    ("04", "show appearances, mentions (with context), people", "output", lambda h, c: [
        h.show(c["corpus"].appearances, "appearances", c["corpus"].articles, columns=["order", "name", "title", "level", "role"])._repr_html_(),
        h.show(c["corpus"].mentions, "mentions", c["corpus"].articles)._repr_html_(), h.show(c["ppl"], "people")._repr_html_()], None),
    ("04", "bar_chart + color_legend (people)", "chart", lambda h, c: h.save_figure(h.color_legend(h.bar_chart(
        c["ppl"].head(30).set_index("name")["n_articles"], colors=c["ppl"].head(30)["level"].map(h.LEVEL_COLORS)),
        h.LEVEL_COLORS, c["ppl"].head(30)["level"]), "04-most"), None),
    ("04", "roles_by_person", "compute", lambda h, c: h.roles_by_person(c["corpus"].appearances), "roles"),
    ("04", "stacked_bars (roles)", "chart", lambda h, c: h.save_figure(h.stacked_bars(c["roles"].head(30), title="r"), "04-roles"), None),
    ("04", "co_appearances", "compute", lambda h, c: h.co_appearances(c["corpus"].appearances), "co"),
    ("04", "heatmap (together)", "chart", lambda h, c: h.save_figure(h.heatmap(c["co"], title="co", cmap="Blues"), "04-together"), None),
    ("04", "protocol_order", "compute", lambda h, c: h.protocol_order(c["corpus"].appearances), None),
    ("04", "central_and_local", "compute", lambda h, c: h.central_and_local(c["corpus"].appearances, c["corpus"].mentions), None),
    ("04", "appearances_over_time", "compute", lambda h, c: h.appearances_over_time(c["corpus"].appearances), "overtime"),
    ("04", "heatmap (over time)", "chart", lambda h, c: h.save_figure(h.heatmap(c["overtime"], title="t", cmap="Greens"), "04-time"), None),
    ("04", "roster", "compute", lambda h, c: h.roster(c["corpus"].appearances), "rost"),
    ("04", "title_changes", "compute", lambda h, c: h.title_changes(c["corpus"].appearances), "changes"),
    ("04", "title_chart", "chart", lambda h, c: h.save_figure(h.title_chart(c["rost"], c["changes"], top=15), "04-titles"), None),
    ("04", "corpus_bare_appearances", "compute", lambda h, c: h.corpus_bare_appearances(
        c["corpus"].articles, c["corpus"].appearances, c["corpus"].authors), "bare"),
    ("04", "show bare_appearances (with context)", "output", lambda h, c: h.show(c["bare"], "bare_appearances", c["corpus"].articles,
                                                                                 columns=["name", "title", "role"])._repr_html_(), None),
    ("05", "economy_findings", "compute", lambda h, c: h.economy_findings(c["corpus"].figures, c["corpus"].dates), None),
    ("05", "show figures (with context)", "output", lambda h, c: h.show(c["corpus"].figures, "figures", c["corpus"].articles, columns=[
        "raw", "value", "unit", "approx", "kind", "context", "subject", "status"])._repr_html_(), None),
    ("05", "bar_chart (figure kinds)", "chart", lambda h, c: h.save_figure(
        h.bar_chart(c["corpus"].figures["kind"].value_counts().sort_index(), title="k"), "05-kinds"), None),
    ("05", "figure_values", "compute", lambda h, c: h.figure_values(c["corpus"].figures), "fvalues"),
    ("05", "bar_chart log (magnitudes)", "chart", lambda h, c: h.save_figure(h.bar_chart(c["fvalues"], title="m", log=True), "05-mag"), None),
    ("05", "figures_by_subject", "compute", lambda h, c: h.figures_by_subject(c["corpus"].figures), None),
    ("05", "organisation_table", "compute", lambda h, c: h.organisation_table(c["corpus"].organisations, c["corpus"].figures), None),
    ("05", "show organisations (with context)", "output", lambda h, c: h.show(c["corpus"].organisations, "organisations", c["corpus"].articles,
                                                                              columns=["name", "kind", "count", "sentence"])._repr_html_(), None),
    ("05", "figure_status", "compute", lambda h, c: h.figure_status(c["corpus"].figures), None),
    ("05", "bar_chart (directions)", "chart", lambda h, c: h.save_figure(h.bar_chart(
        c["corpus"].figures["direction"].replace("", "(水平值)").value_counts().sort_index(), title="d"), "05-directions"), None),
    ("05", "figure_totals", "compute", lambda h, c: h.figure_totals(c["corpus"].figures), None),
    ("05", "show dates (with context)", "output", lambda h, c: h.show(c["corpus"].dates, "dates", c["corpus"].articles,
                                                                      columns=["raw", "start", "end"])._repr_html_(), None),
    ("06", "meeting_findings", "compute", lambda h, c: h.meeting_findings(c["corpus"].meetings, c["corpus"].relays), None),
    ("06", "show meetings, relays (with context)", "output", lambda h, c: [
        h.show(c["corpus"].meetings, "meetings", c["corpus"].articles)._repr_html_(),
        h.show(c["corpus"].relays, "relays", c["corpus"].articles)._repr_html_()], None),
    ("06", "timeline", "chart", lambda h, c: h.save_figure(h.timeline(c["corpus"].relays), "06-timeline"), None),
    ("06", "relay_forms", "compute", lambda h, c: h.relay_forms(c["corpus"].relays), "forms"),
    ("06", "heatmap (relay forms)", "chart", lambda h, c: h.save_figure(h.heatmap(c["forms"], title="f", cmap="Purples"), "06-forms"), None),
    ("06", "meeting_series", "compute", lambda h, c: h.meeting_series(c["corpus"].meetings), "series"),
    ("06", "series_chart", "chart", lambda h, c: h.save_figure(h.series_chart(c["series"]), "06-series"), None),
    ("06", "meeting_gaps", "compute", lambda h, c: h.meeting_gaps(c["series"]), None),
    ("06", "relay_levels", "compute", lambda h, c: h.relay_levels(c["corpus"].relays), None),
    ("06", "relay_forms (level) + heatmap", "chart", lambda h, c: h.save_figure(h.heatmap(h.relay_forms(c["corpus"].relays, "level"),
                                                                                        title="l", cmap="Greens"), "06-levels"), None),
    ("06", "chairs", "compute", lambda h, c: h.chairs(c["corpus"].meetings), None),
]

# calls timed here that the notebooks do not make (left out of the notebooks' path)
EXTRA = {"keywords textrank"}

# h. names of the notebooks that are not calls to time here (setup, the corpus load timed apart,
# and chart plumbing timed with the chart that uses it)
NOT_TIMED = {"setup", "load_corpus", "open_corpus", "issues_folder", "interactive_tables", "save_figure", "show_figure",
             "KIND_COLORS", "LEVEL_COLORS", "TOPIC_COLORS", "color_legend"}


def notebook_names(folder: Path) -> dict[str, set[str]]:
    """{h. name: notebooks using it} over notebooks/*.ipynb (code cells only)."""
    out: dict[str, set[str]] = {}
    for nb in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for name in re.findall(r"\bh\.([A-Za-z_]\w*)", code):
            out.setdefault(name, set()).add(nb.name[:2])
    return out


def uncovered(folder: Path) -> list[str]:
    """Names the notebooks use that no timed call of CALLS mentions (new cells to add here)."""
    timed = set()
    for call in CALLS:
        timed |= set(re.findall(r"\bh\.([A-Za-z_]\w*)", inspect.getsource(call[3])))
    return sorted(n for n in notebook_names(folder) if n not in timed and n not in NOT_TIMED)


def run(folder: str, skip: set[str]) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import helpers as h

    h.setup()
    warnings.simplefilter("ignore")
    t = time.perf_counter()
    corpus = h.load_corpus(folder, workers=2)   # fills the cache if it is empty
    first = time.perf_counter() - t
    del corpus
    t = time.perf_counter()
    c = {"corpus": h.open_corpus(folder)}   # as the notebooks: duplicates dropped, warnings kept
    out = {"load_first": first, "load_cached": time.perf_counter() - t,
           "chars": int(c["corpus"].issues["n_chars"].sum()), "articles": len(c["corpus"].articles), "calls": []}
    missing: set[str] = set()   # results of calls skipped or failed
    for nb, label, kind, f, key in CALLS:
        res = {"notebook": nb, "label": label, "kind": kind}
        needs = set(re.findall(r'c\["(\w+)"\]', inspect.getsource(f))) & missing
        if label in skip or needs:
            res["skipped"] = True
            if needs:
                res["needs"] = sorted(needs)
        else:
            t = time.perf_counter()
            try:
                value = f(h, c)
                res["seconds"] = time.perf_counter() - t
            except Exception as e:  # an API changed elsewhere: report it, go on
                value, res["error"] = None, f"{type(e).__name__}: {e}"[:120]
            plt.close("all")
        if key:
            c[key] = value if not res.get("skipped") and "error" not in res else None
            if c[key] is None and (res.get("skipped") or "error" in res):
                missing.add(key)
        out["calls"].append(res)
    return out


def run_cells(notebook: Path, folder: str) -> list[dict]:
    """Every code cell of one notebook, in order, in one namespace, as its kernel runs it (outputs not
    rendered; charts saved by save_figure into OUTPUT_DIR): [{cell, seconds, chart, names}]."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.environ["BULLETINS"] = folder
    warnings.simplefilter("ignore")
    cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    ns: dict = {"__name__": "__main__"}
    out = []
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])
        code = compile(src, f"{notebook.name}[{i}]", "exec")
        t = time.perf_counter()
        exec(code, ns)
        out.append({"cell": i, "seconds": time.perf_counter() - t, "chart": "save_figure" in src or "show_figure" in src,
                    "names": sorted(set(re.findall(r"\bh\.([A-Za-z_]\w*)", src))), "first": src.splitlines()[0][:60]})
        plt.close("all")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Time every notebook call on one corpus folder (run by bench.py).")
    ap.add_argument("folder")
    ap.add_argument("--json", required=True, help="where to write the timings")
    ap.add_argument("--skip", action="append", default=[], help="label of a call not to run (projected too slow)")
    ap.add_argument("--cells", type=Path, help="instead: run this notebook's code cells as written, timing each")
    args = ap.parse_args(argv)
    os.environ["OUTPUT_DIR"] = tempfile.mkdtemp(prefix="bench-out-")   # figures/ and data/processed/ go here
    out = run_cells(args.cells, args.folder) if args.cells else run(args.folder, set(args.skip))
    Path(args.json).write_text(json.dumps(out), encoding="utf-8")


if __name__ == "__main__":
    main()
