"""Compare every table of two revisions of the project on the same corpus (for refactors).

    python scripts/compare_tables.py REV [--issues N]

Checks out REV into a temporary git worktree, builds N generated issues (benchmarks/generate.py's
generator) plus the sample and the synthetic fixtures, runs load_corpus with the code of REV and
with the working tree, and compares each table with pandas.testing.assert_frame_equal. Tables
that only one side has are listed. Exit status 1 when any shared table differs.
"""
from __future__ import annotations

import argparse
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DUMP = """
import pickle, sys, warnings
sys.path.insert(0, sys.argv[1])
import helpers as h
warnings.simplefilter("ignore")
c = h.load_corpus(sys.argv[2], use_cache=False, workers=1)
names = [n for n in vars(c) if not n.startswith("_")]
pickle.dump({n: getattr(c, n) for n in names if getattr(c, n) is not None}, open(sys.argv[3], "wb"))
"""


def tables_of(code: Path, corpus: Path, out: Path) -> dict:
    subprocess.run([sys.executable, "-c", DUMP, str(code), str(corpus), str(out)], check=True, cwd=code)
    with out.open("rb") as f:
        return pickle.load(f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", help="the revision to compare with the working tree (e.g. HEAD~1)")
    ap.add_argument("--issues", type=int, default=300, help="generated issues besides the sample and fixtures")
    args = ap.parse_args()
    import pandas as pd

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate as bench

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        bench.build(args.issues, corpus)
        for p in [ROOT / "tests/pinned/000_1144f10260e1dc7b.txt"] + sorted((ROOT / "tests/fixtures/corpus").glob("*.txt")):
            shutil.copy(p, corpus / p.name)
        old = tmp / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.rev], check=True, cwd=ROOT)
        try:
            a = tables_of(old, corpus, tmp / "old.pkl")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], check=True, cwd=ROOT)
        b = tables_of(ROOT, corpus, tmp / "new.pkl")
    differ = 0
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            print(f"only in {'the working tree' if name in b else args.rev}: {name}")
            continue
        try:
            pd.testing.assert_frame_equal(a[name], b[name])
            print(f"same     {name} ({len(a[name])} rows)")
        except AssertionError as e:
            differ += 1
            print(f"DIFFERS  {name}: {str(e).splitlines()[0]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
