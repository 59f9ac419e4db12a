"""Benchmark: parsing and extraction of N synthetic-order issues (not a test; prints figures).

    python benchmarks/bench.py            # N = 1, 100, 10000
    python benchmarks/bench.py 100 1000   # other sizes

Issues are built from the shipped sample and the synthetic test fixtures: each
issue takes ten articles of that pool in a seeded random order under a dated
page header, so no two issues are identical. For each N it reports characters
per second for every step (parse; each extractor; segmentation; timed issue by
issue in one process, as a worker of load_corpus runs them), the whole
pipeline in a fresh process (cold with 2 workers, filling the cache, a cached rerun)
with its time and peak memory, and
the pipeline's throughput against a bare `jieba.lcut` pass over the same text
(measured on at most 300 issues, since it alone takes minutes at 10,000). The cold
run (twice) and the jieba pass (three times) are measured in turn and the fastest of
each is compared, since the speed of a shared machine drifts.
"""
from __future__ import annotations

import gc
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter

import pandas as pd
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import helpers as h  # noqa: E402
from bulletins.pipeline.process import rows_from_parse  # noqa: E402

SOURCES = [ROOT / "tests" / "pinned" / "000_1144f10260e1dc7b.txt"] + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))


def article_pool() -> list[tuple[list[str], int | None]]:
    """Every article of the sources as its lines (headline, byline, paragraphs, credit) and the
    place after its first body paragraph (None for a photo, whose caption must stay its last line)."""
    pool = []
    for src in SOURCES:
        text, _ = h.read_issue_text(src)
        for a in h.parse_text(text)["articles"]:
            lines = a["headline"].split(" ") if a["headline"] and a["kind"] != "photo" else []
            paras = list(a["paragraphs"])
            if a["kind"] == "photo":
                pool.append((paras + [a["byline"]], None))
            elif a["byline"] and paras:
                pool.append((lines + [a["byline"] + " " + paras[0]] + paras[1:], len(lines) + 1))
            else:
                first = len(lines) + (1 if a["byline"] else 0)
                pool.append((lines + ([a["byline"]] if a["byline"] else []) + paras, first + 1 if paras else None))
    return pool


def build(n: int, folder: Path) -> int:
    """Write n issues into folder; returns the number of characters written.

    Each article gets a paragraph of its own with a serial number (稿件编号 B00012-3。), so no
    two articles of the corpus are the same text, as in a real archive: what the extractors
    cache per text (sentences, clauses, cited leaders) is then computed for every article, not
    reused from an earlier issue that printed the same article."""
    rng = random.Random(0)
    pool = article_pool()
    chars = 0
    day0 = pd.Timestamp("2000-01-01")
    for i in range(n):
        day = day0 + pd.Timedelta(days=i)
        arts = []
        for j, (lines, at) in enumerate(rng.sample(pool, 10)):
            if at is not None:
                lines = lines[:at] + [f"稿件编号 B{i:05d}-{j}。"] + lines[at:]
            arts.append("\n\n".join(lines))
        text = f"武进日报 {day.year}年{day.month}月{day.day}日 第1版 要闻\n\n" + "\n\n".join(arts) + "\n"
        (folder / f"{day.date()}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


STEPS = ("parse (read + segment into articles)",) + h.EXTRACTED   # one step per registry entry


def timed(f, *a, **kw):
    t = time.perf_counter()
    out = f(*a, **kw)
    return out, time.perf_counter() - t


def run_pipeline(folder: Path, kwargs: str, cache: Path, workers: int = 0) -> tuple[float, float, str]:
    """load_corpus in a fresh Python process: (seconds, peak MB of it and its workers together, a summary)."""
    import subprocess

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


def bench(n: int) -> None:
    import jieba
    import logging

    jieba.setLogLevel(logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    os.environ["BULLETIN_CACHE"] = str(tmp / "cache")
    folder = tmp / "issues"
    folder.mkdir()
    chars = build(n, folder)
    files = sorted(folder.glob("*.txt"))
    print(f"\n## N = {n} issues, {chars / 1e6:.2f} M characters")
    warnings.simplefilter("ignore")
    h.segmenter(), h.jieba_segmenter(), h.lexicon_version()   # dictionaries loaded before timing
    jieba.lcut("预热")

    # step by step, serial, issue by issue as load_corpus works (so each issue's articles are
    # normalised once for all extractors), without the cycle collector, as in load_corpus
    gc.disable()
    steps = Counter()
    clock = time.perf_counter
    for p in files:
        t0 = clock()
        text = h.read_issue_text(p)[0]
        rows = rows_from_parse(p.stem, p.name, "utf-8", text, h.parse_text(text, p.name), None, [])
        recs = [h.Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"], a["dateline"], a["body"])
                for a in rows["articles"]]
        steps["parse (read + segment into articles)"] += clock() - t0
        done = {"authors": []}
        for name in h.EXTRACTED:   # every registry entry, each after what it needs
            t0 = clock()
            done[name] = h.TABLES[name].row_function()(recs, done)
            steps[name] += clock() - t0
    print("\n| step | seconds | chars per second | share |\n| --- | ---: | ---: | ---: |")
    total = sum(steps.values())
    for name in STEPS:
        print(f"| {name} | {steps[name]:.2f} | {chars / steps[name] / 1e6:.2f} M | {steps[name] / total:.0%} |")
    print(f"| all steps, one process | {total:.2f} | {chars / total / 1e6:.2f} M | |")

    # bare jieba.lcut over (at most 300 issues of) the same text
    sub = [h.read_issue_text(p)[0] for p in files[:300]]

    def jieba_rate() -> float:
        return sum(map(len, sub)) / timed(lambda: [jieba.lcut(t) for t in sub])[1]

    gc.enable()
    # The machine is shared and its speed drifts, so the cold pipeline (twice) and the jieba pass
    # (three times) are measured in turn, and the fastest of each is compared.
    rates = [jieba_rate()]
    # whole pipeline, each run in a fresh process (as a user runs it), so its peak memory is its own
    colds = [run_pipeline(folder, "use_cache=False, workers=2", tmp / "cache", 2)]
    rates.append(jieba_rate())
    colds.append(run_pipeline(folder, "use_cache=False, workers=2", tmp / "cache", 2))
    rates.append(jieba_rate())
    secs, mb, summary = min(colds)
    print("\n| whole pipeline (fresh process) | seconds | chars per second | peak memory (all processes) |\n| --- | ---: | ---: | ---: |")
    print(f"| cold, no cache, 2 workers (best of {', '.join(f'{c[0]:.2f}' for c in colds)} s) | {secs:.2f} | {chars / secs / 1e6:.2f} M | {mb:.0f} MB |")
    for label, kw, workers in [("first run filling the cache, 2 workers", "use_cache=True, workers=2", 2),
                               ("cached rerun, nothing changed", "use_cache=True", 0)]:
        t, m, _ = run_pipeline(folder, kw, tmp / "cache", workers)
        print(f"| {label} | {t:.2f} | {chars / t / 1e6:.2f} M | {m:.0f} MB |")
    jieba_cps = max(rates)
    print(f"| bare jieba.lcut ({len(sub)} issues, one process; best of {', '.join(f'{r / 1e6:.2f}' for r in rates)} M/s) | | {jieba_cps / 1e6:.2f} M | |")
    print(f"\npipeline / jieba.lcut throughput: {chars / secs / jieba_cps:.1f}x; {summary}")
    shutil.rmtree(tmp)

if __name__ == "__main__":
    if any(a in ("-h", "--help") for a in sys.argv[1:]) or not all(a.isdigit() for a in sys.argv[1:]):
        print(__doc__)
        sys.exit(0 if any(a in ("-h", "--help") for a in sys.argv[1:]) else 2)
    for n in [int(a) for a in sys.argv[1:]] or [1, 100, 10000]:
        bench(n)
