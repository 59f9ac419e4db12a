"""Benchmark of the pipeline and of every notebook call on generated corpora (not a test; prints figures).

    python benchmarks/bench.py                   # 1, 100, 2000 and 10000 issues, both parts
    python benchmarks/bench.py 100 2000          # other sizes
    python benchmarks/bench.py --quick           # a fast check (1 and 50 issues, single runs)
    python benchmarks/bench.py --notebooks 2000  # only the notebook calls
    python benchmarks/bench.py --pipeline        # only the parse-and-extract pipeline

Issues are generated (benchmarks/generate.py) from the shipped sample and the synthetic fixtures;
every article carries a serial paragraph of its own, so no two articles are the same text.

Pipeline part, per size: the time of every step (parse; each extractor of the registry
bulletins/schema.TABLES), run serially issue by issue as a worker of load_corpus runs them;
the whole pipeline in a fresh process (cold with 2 workers, then filling the cache, then a
cached rerun) with its peak memory; and its throughput against a bare `jieba.lcut` pass over
the same text (at most 300 issues). The cold run (twice) and the jieba pass (three times) are
measured in turn and the fastest of each is compared, since the speed of a shared machine drifts.

Notebook part, per size (benchmarks/notebook_calls.py, in a fresh process, as a kernel runs):
the cached load_corpus of each notebook, then every call of the notebooks' cells: summaries,
keywords (TF-IDF and TextRank), lexicon topics, NMF, each chart helper drawn on an Agg figure
and saved, save_table. For every function and step: seconds and characters per second at each
size, and how it grows: time growth / size growth from one size to the next (1.0 is linear;
above 1.3 is flagged as worse than linear). A call whose projected time at the next size passes
--budget is skipped there and said so. All outputs (cache, figures, tables) go to temporary
folders, never to the repository's figures/, data/processed/ or .cache/.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import ROOT, build, h  # noqa: E402
from bulletins.pipeline.process import rows_from_parse  # noqa: E402

PARSE = "parse (read + segment into articles)"
STEPS = (PARSE,) + h.EXTRACTED   # one step per registry entry
FLAG = 1.3   # time growth / size growth above this is worse than linear
MIN_PROJECT = 100   # issues: the smallest size whose times are projected to the next


def run_pipeline(folder: Path, kwargs: str, cache: Path, workers: int = 0) -> tuple[float, float, str]:
    """load_corpus in a fresh Python process: (seconds, peak MB of it and its workers together, a summary)."""
    code = f"""
import resource, sys, time, warnings
sys.path.insert(0, {str(ROOT)!r})
warnings.simplefilter("ignore")
import helpers as h
t = time.perf_counter()
c = h.load_corpus({str(folder)!r}, {kwargs})
secs = time.perf_counter() - t
workers = {workers}
# the main process's peak plus each worker at the largest worker's peak: a bound on what all held at once
mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
print(secs, mb, f"{{len(c.articles)}} articles, {{len(c.appearances)}} appearances, {{len(c.figures)}} figures")
"""
    env = dict(os.environ, BULLETIN_CACHE=str(cache))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split(" ", 2)
    return float(out[0]), float(out[1]), out[2].strip()


def steps_serial(files: list[Path]) -> Counter:
    """Seconds of every step, serially, issue by issue as load_corpus's workers run them (no cycle collector)."""
    steps: Counter = Counter()
    clock = time.perf_counter
    gc.disable()
    try:
        for p in files:
            t0 = clock()
            text = h.read_issue_text(p)[0]
            rows = rows_from_parse(p.stem, p.name, "utf-8", text, h.parse_text(text, p.name), None, [])
            recs = [h.Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"], a["dateline"], a["body"])
                    for a in rows["articles"]]
            steps[PARSE] += clock() - t0
            done = {"authors": rows["authors"]}
            for name in h.EXTRACTED:   # every registry entry, each after what it needs
                t0 = clock()
                done[name] = h.TABLES[name].row_function()(recs, done)
                steps[name] += clock() - t0
    finally:
        gc.enable()
    return steps


def jieba_rate(files: list[Path]) -> float:
    """Characters per second of a bare jieba.lcut pass over the text of (at most 300 of) the files."""
    import jieba

    sub = [h.read_issue_text(p)[0] for p in files[:300]]
    t = time.perf_counter()
    for text in sub:
        jieba.lcut(text)
    return sum(map(len, sub)) / (time.perf_counter() - t)


def pipeline_part(folder: Path, cache: Path, quick: bool) -> dict:
    import jieba
    import logging

    jieba.setLogLevel(logging.WARNING)
    h.segmenter(), h.jieba_segmenter(), h.lexicon_version()   # dictionaries loaded before timing
    jieba.lcut("预热")
    files = sorted(folder.glob("*.txt"))
    out = {"steps": dict(steps_serial(files))}
    # the machine is shared and its speed drifts: cold runs and jieba passes alternate, best of each kept
    rates, colds = [jieba_rate(files)], []
    for _ in range(1 if quick else 2):
        colds.append(run_pipeline(folder, "use_cache=False, workers=2", cache, 2))
        if not quick:
            rates.append(jieba_rate(files))
    out["colds"] = [c[0] for c in colds]
    out["cold"], out["cold_mb"], out["summary"] = min(colds)
    out["fill"], out["fill_mb"], _ = run_pipeline(folder, "use_cache=True, workers=2", cache, 2)
    out["cached"], out["cached_mb"], _ = run_pipeline(folder, "use_cache=True", cache, 0)
    out["jieba_rates"] = rates
    out["jieba_issues"] = min(300, len(files))
    return out


def notebook_part(folder: Path, cache: Path, guesses: dict[str, float], budget: float) -> dict:
    """notebook_calls.py in a fresh process (its peak memory is its own): every call, then every
    notebook's cells, each in a fresh process; what is projected past the budget is skipped
    (a notebook's cells at twice the budget)."""
    js = folder.parent / "notebooks.json"
    cmd = [sys.executable, str(HERE / "notebook_calls.py"), str(folder), "--json", str(js)]
    for label, secs in guesses.items():
        if secs > budget and not label.endswith(".ipynb"):
            cmd += ["--skip", label]
    code = f"import resource, runpy, sys; sys.argv = {cmd[1:]!r}; runpy.run_path(sys.argv[0], run_name='__main__'); " \
           f"print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    # BULLETIN_MEMO=0: every call computes (the memo of bulletins/memo.py would serve the cells' run
    # the results of the calls' run); the memo's own cost is the "memo" row (the content hash of a corpus)
    env = dict(os.environ, BULLETIN_CACHE=str(cache), PYTHONPATH=str(ROOT), MPLBACKEND="Agg", BULLETIN_MEMO="0")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    out = json.loads(js.read_text(encoding="utf-8"))
    out["peak_mb"] = float(done.stdout.split()[-1])
    for call in out["calls"]:
        if call.get("skipped"):
            call["projected"] = guesses.get(call["label"])
    out["cells"] = {}
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):   # each notebook as written, its own process
        if guesses.get(nb.name, 0.0) > 2 * budget:
            out["cells"][nb.name] = []
            continue
        subprocess.run([sys.executable, str(HERE / "notebook_calls.py"), str(folder), "--json", str(js), "--cells", str(nb)],
                       capture_output=True, text=True, env=env, check=True)
        out["cells"][nb.name] = json.loads(js.read_text(encoding="utf-8"))
    return out


def projected(history: list[dict], chars: int) -> dict[str, float]:
    """Seconds of every notebook call (by label) and of every notebook's cells (by file name) at `chars`
    characters, projected from the last two sizes run (at their growth when worse than linear);
    inf for what was skipped at the last size."""
    out: dict[str, float] = {}
    if not history or "notebooks" not in history[-1] or history[-1]["n"] < MIN_PROJECT:
        return out   # below MIN_PROJECT issues, times are mostly fixed cost: nothing to project from
    last = history[-1]
    prev = history[-2] if len(history) > 1 and history[-2]["n"] >= MIN_PROJECT else None

    def guess(key: str, times: dict) -> None:
        t = times[-1].get(key)
        g = growth(times[0].get(key), t, prev["chars"], last["chars"]) if prev else None
        out[key] = float("inf") if t is None else t * (chars / last["chars"]) * max(1.0, g or 1.0)

    def calls(r: dict) -> dict:
        return {c["label"]: c.get("seconds") for c in r["notebooks"]["calls"]} | {
            nb: sum(c["seconds"] for c in cs) if cs else None for nb, cs in r["notebooks"]["cells"].items()}

    times = [calls(prev) if prev else {}, calls(last)]
    for key in times[-1]:
        guess(key, times)
    return out


def growth(t_a: float | None, t_b: float | None, c_a: int, c_b: int) -> float | None:
    """Time growth over size growth between two sizes (1.0: linear).

    >>> growth(1.0, 10.0, 100, 1000), growth(1.0, 40.0, 100, 1000), growth(0.001, 1.0, 100, 1000)
    (1.0, 4.0, None)
    """
    if not t_a or t_a < 0.01 or t_b is None or c_b <= c_a:   # under 10 ms, the time is mostly fixed cost
        return None
    return (t_b / t_a) / (c_b / c_a)


def _secs(t: float | None) -> str:
    return "—" if t is None else (f"{t:.2f}" if t >= 0.1 else f"{t:.3f}")


def _cell(t: float | None, chars: int) -> str:
    """'seconds / characters per second' of one measure."""
    return "—" if t is None else f"{_secs(t)} s / {chars / max(t, 1e-9) / 1e6:.2f} M"


def _growth_cells(times: list[float | None], chars: list[int]) -> list[str]:
    out = []
    for i in range(1, len(times)):
        g = growth(times[i - 1], times[i], chars[i - 1], chars[i])
        flag = " ⚠" if g is not None and g > FLAG and (times[i] or 0) >= 0.2 else ""
        out.append("—" if g is None else f"{g:.2f}{flag}")
    return out


def _header(first: list[str], runs: list[dict]) -> list[str]:
    sizes = [f"{r['n']:,}" for r in runs]
    cols = first + [f"{s} issues: s / chars per s" for s in sizes] + [f"growth {a}→{b}" for a, b in zip(sizes, sizes[1:])]
    return ["| " + " | ".join(cols) + " |", "| " + " | ".join(["---"] * len(first) + ["---:"] * (len(cols) - len(first))) + " |"]


def steps_table(runs: list[dict]) -> list[str]:
    chars = [r["chars"] for r in runs]
    lines = _header(["step"], runs)
    for name in STEPS + ("all steps, one process",):
        times = [sum(r["pipeline"]["steps"].values()) if name.startswith("all") else r["pipeline"]["steps"].get(name)
                 for r in runs]
        lines.append("| " + " | ".join([name] + [_cell(t, c) for t, c in zip(times, chars)] + _growth_cells(times, chars)) + " |")
    return lines


def whole_table(runs: list[dict]) -> list[str]:
    lines = ["| issues | M chars | cold, 2 workers: s (runs) | chars per s | peak MB | filling the cache: s | "
             "cached rerun: s | peak MB (cached) | bare jieba.lcut: chars per s (best of) | pipeline / jieba |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in runs:
        p, c = r["pipeline"], r["chars"]
        jb = max(p["jieba_rates"])
        lines.append(f"| {r['n']:,} | {c / 1e6:.2f} | {p['cold']:.2f} ({', '.join(f'{x:.2f}' for x in p['colds'])}) | "
                     f"{c / p['cold'] / 1e6:.2f} M | {p['cold_mb']:.0f} | {p['fill']:.2f} | {p['cached']:.2f} | "
                     f"{p['cached_mb']:.0f} | {jb / 1e6:.2f} M ({', '.join(f'{x / 1e6:.2f}' for x in p['jieba_rates'])}; "
                     f"{p['jieba_issues']} issues) | {c / p['cold'] / jb:.1f}x |")
    return lines


def notebooks_table(runs: list[dict]) -> list[str]:
    chars = [r["chars"] for r in runs]
    lines = _header(["nb", "call", "kind"], runs)
    calls = runs[0]["notebooks"]["calls"]
    errors = {}
    for i, call in enumerate(calls):
        cells = []
        times = []
        for r in runs:
            got = r["notebooks"]["calls"][i]
            times.append(got.get("seconds"))
            if got.get("skipped"):
                cells.append(f"skipped (its input {', '.join(got['needs'])} was)" if got.get("needs") else
                             f"skipped (projected {got['projected']:.0f} s)" if got.get("projected", float("inf")) < float("inf") else
                             "skipped (as at the size before)")
            elif "error" in got:
                errors[call["label"]] = got["error"]
                cells.append("error")
            else:
                cells.append(_cell(got["seconds"], r["chars"]))
        lines.append("| " + " | ".join([call["notebook"], call["label"], call["kind"]] + cells + _growth_cells(times, chars)) + " |")
    for kind in ("compute", "chart", "output"):
        times = [notebook_total(r, kind) for r in runs]
        cells = [_cell(t, c) if t is not None else _cell(notebook_total(r, kind, partial=True), c) + " + skipped"
                 for t, c, r in zip(times, chars, runs)]
        lines.append("| | **all " + kind + " calls** | | " + " | ".join(cells) + " | " + " | ".join(_growth_cells(times, chars)) + " |")
    times = [r["notebooks"]["load_cached"] for r in runs]
    lines.append("| all | load_corpus from the cache (once per notebook: x6) | load | " + " | ".join(
        _cell(t, c) for t, c in zip(times, chars)) + " | " + " | ".join(_growth_cells(times, chars)) + " |")
    lines += [f"\nerror in `{k}`: {v}" for k, v in errors.items()]
    return lines


def notebook_total(run: dict, kind: str, path_only: bool = False, partial: bool = False) -> float | None:
    """Seconds of all notebook calls of a kind (None if one was skipped, unless `partial`);
    `path_only`: only the calls the notebooks make."""
    from notebook_calls import EXTRA

    calls = [c for c in run["notebooks"]["calls"] if c["kind"] == kind and not (path_only and c["label"] in EXTRA)]
    if any(c.get("skipped") for c in calls) and not partial:
        return None
    return sum(c.get("seconds") or 0.0 for c in calls)


def cells_table(runs: list[dict]) -> list[str]:
    """Each notebook as written: all its cells, those that draw and save charts, and its slowest cell."""
    chars = [r["chars"] for r in runs]
    lines = _header(["notebook", "cells"], runs)
    for nb in runs[-1]["notebooks"]["cells"]:
        for label, pick in [("all cells", lambda c: True), ("chart cells (draw + save_figure)", lambda c: c["chart"])]:
            times = [sum(c["seconds"] for c in r["notebooks"]["cells"][nb] if pick(c)) if r["notebooks"]["cells"][nb] else None
                     for r in runs]
            lines.append("| " + " | ".join([nb, label] + [_cell(t, c) if t is not None else "skipped (projected over 2x budget)"
                                                           for t, c in zip(times, chars)] + _growth_cells(times, chars)) + " |")
        ran = [r for r in runs if r["notebooks"]["cells"][nb]]
        slow = max(ran[-1]["notebooks"]["cells"][nb], key=lambda c: c["seconds"])
        lines.append(f"| {nb} | slowest cell at {ran[-1]['n']:,}: `{slow['first']}` | " + " | ".join(
            _cell(r["notebooks"]["cells"][nb][slow["cell"]]["seconds"], r["chars"]) if r in ran else "—" for r in runs)
            + " | " + " | ".join(["" for _ in runs[1:]]) + " |")
    times = [sum(c["seconds"] for cs in r["notebooks"]["cells"].values() for c in cs)
             if all(r["notebooks"]["cells"].values()) else None for r in runs]
    lines.append("| **all six** | all cells | " + " | ".join(_cell(t, c) for t, c in zip(times, chars)) + " | "
                 + " | ".join(_growth_cells(times, chars)) + " |")
    return lines


def path_table(runs: list[dict]) -> list[str]:
    """The whole notebooks' path (cold pipeline + every compute call, no rendering) against jieba."""
    lines = ["| issues | cold pipeline s | notebook compute s | whole path s | chars per s | bare jieba.lcut chars per s | path / jieba |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in runs:
        comp = notebook_total(r, "compute", path_only=True)
        if comp is None:
            lines.append(f"| {r['n']:,} | {r['pipeline']['cold']:.2f} | (calls skipped) | | | | |")
            continue
        path, jb = r["pipeline"]["cold"] + comp, max(r["pipeline"]["jieba_rates"])
        lines.append(f"| {r['n']:,} | {r['pipeline']['cold']:.2f} | {comp:.2f} | {path:.2f} | {r['chars'] / path / 1e6:.2f} M | "
                     f"{jb / 1e6:.2f} M | {r['chars'] / path / jb:.2f}x |")
    return lines


def report(runs: list[dict], args) -> str:
    out = [f"python benchmarks/bench.py {' '.join(args.argv)}".rstrip() + f"  ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
           f"{os.cpu_count()} cores)", "",
           "Sizes run: " + ", ".join(f"{r['n']:,} issues ({r['chars'] / 1e6:.2f} M characters, {r['articles']:,} articles)" for r in runs),
           "", "Load average (1 min) before and after each size, a sign of other work on the machine: "
           + ", ".join(f"{r['n']:,}: {r['load'][0]:.1f} → {r['load'][1]:.1f}" for r in runs)]
    if "pipeline" in runs[0]:
        out += ["", "## Whole pipeline (fresh process)", ""] + whole_table(runs)
        out += ["", f"Counts at the largest size: {runs[-1]['pipeline']['summary']}"]
        out += ["", "## Pipeline steps (one process, issue by issue; registry order)", ""] + steps_table(runs)
    if "notebooks" in runs[0]:
        out += ["", "## Notebook calls (fresh process per size, corpus from the cache)", ""] + notebooks_table(runs)
        out += ["", "## The notebooks as written (code cells in order, one fresh process each, outputs not rendered)", ""]
        out += cells_table(runs)
        out += ["", "Peak memory of the notebook process: " + ", ".join(f"{r['n']:,}: {r['notebooks']['peak_mb']:.0f} MB" for r in runs)]
        from notebook_calls import uncovered
        missing = uncovered(ROOT / "notebooks")
        out += ["", "Notebook names not timed here (add them to notebook_calls.CALLS): " + (", ".join(missing) or "none")]
    if "pipeline" in runs[0] and "notebooks" in runs[0]:
        out += ["", "## The notebooks' path: cold pipeline plus every compute call of the six notebooks", ""] + path_table(runs)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, help="numbers of issues (default 1 100 2000 10000; --quick: 1 50)")
    ap.add_argument("--quick", action="store_true", help="a fast check: small sizes, single cold run and jieba pass")
    ap.add_argument("--notebooks", action="store_true", help="only the notebook calls")
    ap.add_argument("--pipeline", action="store_true", help="only the parse-and-extract pipeline")
    ap.add_argument("--budget", type=float, default=300.0,
                    help="skip a notebook call whose projected seconds at the next size pass this (default 300)")
    ap.add_argument("--out", type=Path, help="also write the report (markdown) to this file")
    args = ap.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    sizes = args.sizes or ([1, 50] if args.quick else [1, 100, 2000, 10000])
    both = not (args.notebooks or args.pipeline)
    warnings.simplefilter("ignore")
    runs: list[dict] = []
    for n in sorted(sizes):
        tmp = Path(tempfile.mkdtemp(prefix="bench-"))
        try:
            os.environ["BULLETIN_CACHE"] = str(tmp / "cache")
            (tmp / "issues").mkdir()
            run = {"n": n, "chars": build(n, tmp / "issues")}
            load = os.getloadavg()[0]
            t = time.perf_counter()
            if both or args.pipeline:
                run["pipeline"] = pipeline_part(tmp / "issues", tmp / "cache", args.quick)
            if both or args.notebooks:
                run["notebooks"] = notebook_part(tmp / "issues", tmp / "cache", projected(runs, run["chars"]), args.budget)
                run["articles"] = run["notebooks"]["articles"]
            else:
                run["articles"] = int(run["pipeline"]["summary"].split()[0])
            run["load"] = (load, os.getloadavg()[0])
            print(f"[bench] {n} issues done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
            runs.append(run)
            if args.out:   # the report so far, after every size, and its figures (report_from_json rebuilds it)
                args.out.write_text(report(runs, args), encoding="utf-8")
                args.out.with_suffix(".json").write_text(json.dumps({"argv": args.argv, "runs": runs}), encoding="utf-8")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report(runs, args))


def report_from_json(path: Path) -> str:
    """The report of a run again, from the figures bench.py wrote next to its --out file."""
    saved = json.loads(Path(path).read_text(encoding="utf-8"))
    return report(saved["runs"], argparse.Namespace(argv=saved["argv"]))


if __name__ == "__main__":
    main()
