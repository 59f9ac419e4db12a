"""Benchmark: parsing and extraction of N synthetic-order issues (not a test; prints figures).

    python benchmarks/bench.py            # N = 1, 100, 10000
    python benchmarks/bench.py 100 1000   # other sizes

Issues are built from the shipped sample and the synthetic test fixtures: each
issue takes ten articles of that pool in a seeded random order under a dated
page header, so no two issues are identical. For each N it reports characters
per second for every step (parse; each extractor; segmentation), the whole
pipeline cold (no cache, 2 worker processes), a cached rerun, peak memory, and
the pipeline's throughput against a bare `jieba.lcut` pass over the same text
(measured on at most 300 issues, since it alone takes minutes at 10,000).
"""
from __future__ import annotations

import os
import random
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import helpers as h  # noqa: E402

SOURCES = [ROOT / "data" / "bulletins" / "000_1144f10260e1dc7b.txt"] + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))


def article_pool() -> list[str]:
    """The raw text of every article of the sources (headline, byline, paragraphs, credit)."""
    pool = []
    for src in SOURCES:
        text, _ = h.read_issue_text(src)
        for a in h.parse_text(text)["articles"]:
            lines = a["headline"].split(" ") if a["headline"] and a["kind"] != "photo" else []
            paras = list(a["paragraphs"])
            if a["kind"] == "photo":
                block = paras + [a["byline"]]
            elif a["byline"] and paras:
                block = lines + [a["byline"] + " " + paras[0]] + paras[1:]
            else:
                block = lines + ([a["byline"]] if a["byline"] else []) + paras
            pool.append("\n\n".join(block))
    return pool


def build(n: int, folder: Path) -> int:
    """Write n issues into folder; returns the number of characters written."""
    rng = random.Random(0)
    pool = article_pool()
    chars = 0
    day0 = h.pd.Timestamp("2000-01-01")
    for i in range(n):
        day = day0 + h.pd.Timedelta(days=i)
        arts = rng.sample(pool, 10)
        text = f"武进日报 {day.year}年{day.month}月{day.day}日 第1版 要闻\n\n" + "\n\n".join(arts) + "\n"
        (folder / f"{day.date()}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def peak_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kb, child_kb) / 1024


def timed(f, *a, **kw):
    t = time.perf_counter()
    out = f(*a, **kw)
    return out, time.perf_counter() - t


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

    # step by step, serial, on the whole corpus
    texts = [h.read_issue_text(p)[0] for p in files]
    parsed, t_parse = timed(lambda: [h._rows_from_parse(p.stem, p.name, "utf-8", t, h.parse_text(t, p.name), None, [])
                                      for p, t in zip(files, texts)])
    recs = [h.Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"], a["dateline"], a["body"])
            for rows in parsed for a in rows["articles"]]
    steps = [("parse (read + segment into articles)", t_parse)]
    app, t = timed(h._appearance_rows, recs, set())
    steps.append(("appearances", t))
    men, t = timed(h._mention_rows, recs)
    steps.append(("mentions", t))
    for name, f in [("slogans", h._slogan_rows), ("figures", h._figure_rows), ("dates", h._date_rows)]:
        steps.append((name, timed(f, recs)[1]))
    meet, t = timed(h._meeting_rows, recs, app)
    steps.append(("meetings", t))
    steps.append(("relays", timed(h._relay_rows, recs, meet)[1]))
    names = sorted({a["name"] for a in app} | {m["name"] for m in men})
    steps.append(("tokens (rjieba, names kept whole)", timed(h._token_rows, recs, names)[1]))
    print("\n| step | seconds | chars per second |\n| --- | ---: | ---: |")
    for name, t in steps:
        print(f"| {name} | {t:.2f} | {chars / t / 1e6:.2f} M |")

    # bare jieba.lcut over (at most 300 issues of) the same text
    sub = texts[:300]
    _, t_j = timed(lambda: [jieba.lcut(t) for t in sub])
    jieba_cps = sum(map(len, sub)) / t_j

    # whole pipeline: cold (no cache), 2 worker processes; then cache fill and cached rerun
    corpus, t_cold = timed(h.load_corpus, folder, use_cache=False, workers=2)
    _, t_fill = timed(h.load_corpus, folder, use_cache=True, workers=2)
    _, t_warm = timed(h.load_corpus, folder, use_cache=True)
    print("\n| whole pipeline | seconds | chars per second |\n| --- | ---: | ---: |")
    print(f"| cold, no cache, 2 workers | {t_cold:.2f} | {chars / t_cold / 1e6:.2f} M |")
    print(f"| first run filling the cache, 2 workers | {t_fill:.2f} | {chars / t_fill / 1e6:.2f} M |")
    print(f"| cached rerun, nothing changed | {t_warm:.2f} | {chars / t_warm / 1e6:.2f} M |")
    print(f"| bare jieba.lcut ({len(sub)} issues) | | {jieba_cps / 1e6:.2f} M |")
    print(f"\npipeline / jieba.lcut throughput: {chars / t_cold / jieba_cps:.1f}x; peak memory {peak_mb():.0f} MB; "
          f"{len(corpus.articles)} articles, {len(corpus.appearances)} appearances, {len(corpus.figures)} figures")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1, 100, 10000]:
        bench(n)
