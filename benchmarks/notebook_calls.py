"""Every function the six notebooks call, timed on one corpus (the notebook part of bench.py).

    python benchmarks/notebook_calls.py FOLDER --json OUT.json [--skip NAME ...]

Run by bench.py in a fresh process per corpus size, as a notebook kernel runs: the corpus comes
from the cache (load_corpus; filled first if empty), then each call of the notebooks' cells, in
notebook order, is timed on its own: summaries and keywords ("compute"), each chart helper drawn
on an Agg figure and saved by save_figure ("chart"), and save_table ("output"). OUTPUT_DIR points
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

# (notebook, label, kind, function of the context dict c, key to keep the result under)
CALLS: list[tuple[str, str, str, object, str | None]] = [
    ("01", "length_chart", "chart", lambda h, c: h.save_figure(h.length_chart(c["corpus"].articles), "01-lengths"), None),
    ("01", "bar_chart (article kinds)", "chart", lambda h, c: h.save_figure(
        h.bar_chart(c["corpus"].articles["kind"].value_counts().sort_index(), title="kinds"), "01-kinds"), None),
    ("01", "author_table", "compute", lambda h, c: h.author_table(c["corpus"].authors), None),
    ("01", "warning_table", "compute", lambda h, c: h.warning_table(c["corpus"]), None),
    ("01", "save_table x6 (parsed tables)", "output", lambda h, c: [h.save_table(getattr(c["corpus"], n), n) for n in
                                                                     ["issues", "articles", "paragraphs", "authors", "repairs", "skipped"]], None),
    ("02", "keywords tfidf", "compute", lambda h, c: h.keywords(c["corpus"].articles, k=10, tokens_df=c["corpus"].tokens), "kw"),
    ("02", "keywords textrank", "compute", lambda h, c: h.keywords(c["corpus"].articles, k=10, method="textrank",
                                                                  tokens_df=c["corpus"].tokens), None),
    ("02", "keywords_wide", "compute", lambda h, c: h.keywords_wide(c["kw"], c["corpus"].articles), None),
    ("02", "word_frequencies", "compute", lambda h, c: h.word_frequencies(c["corpus"].tokens), "freq"),
    ("02", "bar_chart (top words)", "chart", lambda h, c: h.save_figure(h.bar_chart(c["freq"].head(20), title="top"), "02-top"), None),
    ("02", "wordcloud", "chart", lambda h, c: h.save_figure(h.wordcloud(c["freq"].to_dict()), "02-cloud"), None),
    ("02", "topics", "compute", lambda h, c: h.topics(c["corpus"].articles), "tp"),
    ("02", "article_labels", "compute", lambda h, c: h.article_labels(c["corpus"].articles), None),
    ("02", "topic_chart", "chart", lambda h, c: h.save_figure(h.topic_chart(c["tp"], c["corpus"].articles), "02-scores"), None),
    ("02", "topic_shares", "compute", lambda h, c: h.topic_shares(c["tp"], c["corpus"].articles), "shares"),
    ("02", "stacked_bars (topic shares)", "chart", lambda h, c: h.save_figure(h.stacked_bars(c["shares"], title="shares"), "02-shares"), None),
    ("02", "unsupervised_topics (NMF)", "compute", lambda h, c: h.unsupervised_topics(c["corpus"].tokens), "nmf"),
    ("02", "compare_topics", "compute", lambda h, c: h.compare_topics(c["tp"], c["nmf"]) if c["nmf"] is not None else None, None),
    ("02", "save_table x2 (keywords, topics)", "output", lambda h, c: [h.save_table(c["kw"], "keywords"), h.save_table(c["tp"], "topics")], None),
    ("03", "slogan_totals", "compute", lambda h, c: h.slogan_totals(c["corpus"].slogans, 25), "top"),
    ("03", "bar_chart + color_legend (slogans)", "chart", lambda h, c: h.save_figure(h.color_legend(h.bar_chart(
        c["top"].set_index("phrase")["total"], colors=c["top"]["kind"].map(h.KIND_COLORS)), h.KIND_COLORS, c["top"]["kind"]), "03-top"), None),
    ("03", "slogan_matrix", "compute", lambda h, c: h.slogan_matrix(c["corpus"].slogans, c["corpus"].articles, 25), "smatrix"),
    ("03", "heatmap (slogans)", "chart", lambda h, c: h.save_figure(h.heatmap(c["smatrix"], title="m"), "03-heatmap"), None),
    ("03", "slogan_candidates", "compute", lambda h, c: h.slogan_candidates(c["corpus"].slogans), None),
    ("03", "parallel_decisions", "compute", lambda h, c: h.parallel_decisions(c["corpus"].articles), None),
    ("03", "slogan_spans", "compute", lambda h, c: h.slogan_spans(c["corpus"].slogans).head(30), None),
    ("03", "slogan_trend", "compute", lambda h, c: h.slogan_trend(c["corpus"].slogans), "trend"),
    ("03", "trend_chart", "chart", lambda h, c: h.save_figure(h.trend_chart(c["trend"].head(10), title="t"), "03-trend"), None),
    ("03", "save_table (slogans)", "output", lambda h, c: h.save_table(c["corpus"].slogans, "slogans"), None),
    ("04", "people", "compute", lambda h, c: h.people(c["corpus"].appearances), "ppl"),
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
    ("04", "save_table x3 (appearances, mentions, people)", "output", lambda h, c: [h.save_table(d, n) for n, d in [
        ("appearances", c["corpus"].appearances), ("mentions", c["corpus"].mentions), ("people", c["ppl"])]], None),
    ("05", "bar_chart (figure kinds)", "chart", lambda h, c: h.save_figure(
        h.bar_chart(c["corpus"].figures["kind"].value_counts().sort_index(), title="k"), "05-kinds"), None),
    ("05", "figure_values", "compute", lambda h, c: h.figure_values(c["corpus"].figures), "fvalues"),
    ("05", "bar_chart log (magnitudes)", "chart", lambda h, c: h.save_figure(h.bar_chart(c["fvalues"], title="m", log=True), "05-mag"), None),
    ("05", "figures_by_subject", "compute", lambda h, c: h.figures_by_subject(c["corpus"].figures), None),
    ("05", "status pivot (cell)", "compute", lambda h, c: c["corpus"].figures.assign(status=c["corpus"].figures["status"].replace("", "(未说明)"))
     .pivot_table(index="kind", columns="status", values="raw", aggfunc="count", fill_value=0), None),
    ("05", "figure_totals", "compute", lambda h, c: h.figure_totals(c["corpus"].figures), None),
    ("05", "save_table x2 (figures, dates)", "output", lambda h, c: [h.save_table(c["corpus"].figures, "figures"),
                                                                      h.save_table(c["corpus"].dates, "dates")], None),
    ("06", "timeline", "chart", lambda h, c: h.save_figure(h.timeline(c["corpus"].relays), "06-timeline"), None),
    ("06", "relay_forms", "compute", lambda h, c: h.relay_forms(c["corpus"].relays), "forms"),
    ("06", "heatmap (relay forms)", "chart", lambda h, c: h.save_figure(h.heatmap(c["forms"], title="f", cmap="Purples"), "06-forms"), None),
    ("06", "chair x body pivot (cell)", "compute", lambda h, c: c["corpus"].meetings.pivot_table(
        index="chair", columns="body", values="article", aggfunc="count", fill_value=0), None),
    ("06", "save_table x2 (meetings, relays)", "output", lambda h, c: [h.save_table(c["corpus"].meetings, "meetings"),
                                                                        h.save_table(c["corpus"].relays, "relays")], None),
]

# calls timed here that the notebooks do not make (left out of the notebooks' path)
EXTRA = {"keywords textrank"}

# h. names of the notebooks that are not calls to time here (setup, the corpus load timed apart,
# and chart plumbing timed with the chart that uses it)
NOT_TIMED = {"setup", "load_corpus", "save_figure", "KIND_COLORS", "LEVEL_COLORS", "color_legend"}


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
    c = {"corpus": h.load_corpus(folder)}
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
        out.append({"cell": i, "seconds": time.perf_counter() - t, "chart": "save_figure" in src,
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
