"""CPU seconds of every pipeline step, with and without the per-text caches' help (not a test).

    python benchmarks/distinct_steps.py            # 300 generated issues after 10 of warm-up
    python benchmarks/distinct_steps.py 500

The generated corpus (benchmarks/generate.py) draws its articles from a small pool, so the same lines,
sentences and clauses come back in issue after issue, and the caches the parser and the extractors
keep per line or per clause hit far more often than on an archive of distinct texts. This script
runs the steps issue by issue, as a worker does, twice: once with the caches as they come, once with
every per-text cache cleared before each issue (caches of compiled patterns and lexicons are kept),
which bounds what distinct texts cost. Run it on two checkouts to compare revisions fairly.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import build, h  # noqa: E402
from bulletins.pipeline.process import rows_from_parse  # noqa: E402

# Caches that hold compiled patterns or per-word facts of the lexicons, not facts of one text.
PATTERN_CACHES = {"_alternation_of", "names_pattern", "_self_overlapping", "_kind_ending", "_prefix_len"}


def per_text_caches() -> list:
    """Every lru_cache of the package bounded to 64 entries or more, but the pattern caches."""
    found = []
    for name, mod in sorted(sys.modules.items()):
        if not name.startswith("bulletins"):
            continue
        for obj in vars(mod).values():
            info = getattr(obj, "cache_info", None)
            if info and getattr(obj, "__module__", "") == name and (info().maxsize or 0) >= 64 \
                    and obj.__name__ not in PATTERN_CACHES:
                found.append(obj)
    return found


def steps(files: list[Path], warm: int, distinct: bool) -> Counter:
    """CPU seconds of parse and of each registry step over files[warm:] (files[:warm] warm up)."""
    out: Counter = Counter()
    caches = []
    gc.disable()
    for i, p in enumerate(files):
        if i == warm:
            out, caches = Counter(), per_text_caches()
        if distinct:
            for c in caches:
                c.cache_clear()
        t0 = time.process_time()
        text = h.read_issue_text(p)[0]
        rows = rows_from_parse(p.stem, p.name, "utf-8", text, h.parse_text(text, p.name), None, [])
        recs = [h.Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"],
                          a["dateline"], a["body"]) for a in rows["articles"]]
        out["parse"] += time.process_time() - t0
        done = {"authors": rows["authors"]}
        for name in h.EXTRACTED:
            t0 = time.process_time()
            done[name] = h.TABLES[name].row_function()(recs, done)
            out[name] += time.process_time() - t0
    gc.enable()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("issues", nargs="?", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build(args.issues + 10, Path(tmp))
        files = sorted(Path(tmp).glob("*.txt"))
        runs = {"as they come": steps(files, 10, False), "cleared per issue": steps(files, 10, True)}
    names = list(runs["as they come"])
    print(f"CPU seconds per step, {args.issues} generated issues after 10 of warm-up\n")
    print("| step | " + " | ".join(f"caches {k}" for k in runs) + " |\n| --- | ---: | ---: |")
    for n in names + ["all steps"]:
        vals = [sum(r.values()) if n == "all steps" else r[n] for r in runs.values()]
        print(f"| {n} | " + " | ".join(f"{v:.2f}" for v in vals) + " |")


if __name__ == "__main__":
    main()
