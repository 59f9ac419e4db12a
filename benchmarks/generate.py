"""A generated corpus for the benchmarks: N dated issues built from the shipped sample and the
synthetic test fixtures (each issue takes ten articles of that pool in a seeded random order)."""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
import helpers as h  # noqa: E402
import pandas as pd  # noqa: E402

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
