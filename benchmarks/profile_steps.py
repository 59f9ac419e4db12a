"""Where the pipeline's time goes, step by step: cProfile of parse and of each registry extractor.

    python benchmarks/profile_steps.py            # 2,000 generated issues, top 12 functions a step
    python benchmarks/profile_steps.py 500 --top 20

Runs the pipeline serially, issue by issue (as a worker of load_corpus does), with one profiler
per step (parse, every entry of bulletins/schema.TABLES that an extractor makes, and the
hand-over: rows sorted and turned into columns, encoded per batch for the trip from a worker), and
prints for each step its total and the functions with the most own time (tottime), so the
cost of an extractor shows in the functions of its own module; last, the main process's combine
of the batches into the Corpus' frames. Profiling roughly doubles the
times; the shares are what it is for. Writes only to a temporary folder.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import sys
import tempfile
import time
import warnings
from operator import itemgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import build, h  # noqa: E402
from bulletins.pipeline.codec import columns_of, encode  # noqa: E402
from bulletins.pipeline.process import rows_from_parse  # noqa: E402
from bulletins.reading import resolve_issue_date  # noqa: E402

PARSE, HANDOVER = "parse (read, parse_text, rows_from_parse)", "hand-over (rows sorted, to columns, encoded per batch)"
COMBINE = "combine (main process: decode, typed and sorted frames)"
BATCH = 100   # files per worker task at 2,000 issues and more (load_corpus)


def profile(files: list[Path]) -> dict[str, cProfile.Profile]:
    """One cProfile.Profile per step, each enabled only while its step runs."""
    steps = (PARSE,) + h.EXTRACTED + (HANDOVER, COMBINE)
    profs = {s: cProfile.Profile() for s in steps}
    parts, merged = [], {}
    for i, p in enumerate(files):
        profs[PARSE].enable()
        text, enc = h.read_issue_text(p)
        parsed = h.parse_text(text, p.name)
        date, warns = resolve_issue_date(p.name, parsed["header"], "")
        rows = rows_from_parse(p.stem, p.name, enc, text, parsed, date, warns)
        recs = [h.Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"],
                          a["dateline"], a["body"]) for a in rows["articles"]]
        profs[PARSE].disable()
        done = {"authors": rows["authors"]}
        for name in h.EXTRACTED:
            profs[name].enable()
            done[name] = h.TABLES[name].row_function()(recs, done)
            profs[name].disable()
        profs[HANDOVER].enable()
        rows.update({n: done[n] for n in h.EXTRACTED})
        for name, r in rows.items():   # as process_text and process_batch do
            if len(r) > 1 and h.TABLES[name].sort:
                r.sort(key=itemgetter(*h.TABLES[name].sort))
            into = merged.setdefault(name, {c: [] for c in h.table(name).columns})
            for c, v in columns_of(r, name).items():
                into[c] += v
        if (i + 1) % BATCH == 0 or i + 1 == len(files):
            parts.append({n: {c: encode(v, h.table(n).kind(c)) for c, v in cols.items()} for n, cols in merged.items()})
            merged = {}
        profs[HANDOVER].disable()
    profs[COMBINE].enable()
    h.combine(parts)
    profs[COMBINE].disable()
    return profs


def report(profs: dict[str, cProfile.Profile], chars: int, top: int) -> str:
    totals = {s: pstats.Stats(p).total_tt for s, p in profs.items()}
    allt = sum(totals.values())
    out = [f"| step | seconds (profiled) | share |", "| --- | ---: | ---: |"]
    out += [f"| {s} | {t:.2f} | {t / allt:.0%} |" for s, t in totals.items()]
    for s, p in profs.items():
        buf = io.StringIO()
        st = pstats.Stats(p, stream=buf)
        st.sort_stats("tottime")
        rows = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:top]
        out += ["", f"### {s}: {totals[s]:.2f} s profiled", "", "| function | own s | cumulative s | calls |", "| --- | ---: | ---: | ---: |"]
        for (fname, line, func), (cc, nc, tt, ct, _) in rows:
            where = Path(fname).name if fname != "~" else "builtin"
            out.append(f"| {where}:{line} {func} | {tt:.2f} | {ct:.2f} | {nc} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("issues", nargs="?", type=int, default=2000, help="number of generated issues (default 2000)")
    ap.add_argument("--top", type=int, default=12, help="functions shown per step (default 12)")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    tmp = Path(tempfile.mkdtemp(prefix="profile-"))
    try:
        chars = build(args.issues, tmp)
        h.segmenter(), h.jieba_segmenter(), h.lexicon_version()
        gc.disable()
        t = time.perf_counter()
        profs = profile(sorted(tmp.glob("*.txt")))
        secs = time.perf_counter() - t
        gc.enable()
        print(f"## {args.issues} issues, {chars / 1e6:.2f} M characters, {secs:.1f} s under the profiler\n")
        print(report(profs, chars, args.top))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
