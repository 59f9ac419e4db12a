"""Run the notebooks and write each as reports/NAME.html without its code (run by `make report`).

    python scripts/run_reports.py [--jobs N] [--out reports] [--logs build/logs] notebooks/*.ipynb

What `jupyter nbconvert --to html --execute --no-input` does, for all notebooks in ONE process: the
kernels run side by side (--jobs at a time, the longest notebooks first so the slots finish together)
and one HTML exporter serves them all, so its template, its HTML checks and the notebook schema are
compiled once instead of once per notebook. Each report is finished (fonts and CSS,
scripts/finish_report.py) in a helper process while the other notebooks run. Each kernel's own output
goes to LOGS/NAME.log, shown only if its notebook fails (then the exit status is 1, once the running
notebooks are done).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finish_report import finish  # noqa: E402

# Seconds of each notebook at 2,000 issues (measured): the order the slots take them in, longest first.
LONGEST_FIRST = ("02-topics", "03-slogans", "04-officials", "01-overview", "05-economy", "06-meetings")


def ordered(paths: list[Path]) -> list[Path]:
    """Notebooks longest first (LONGEST_FIRST), any other after them by name.

    >>> [p.stem for p in ordered([Path("01-overview.ipynb"), Path("07-new.ipynb"), Path("02-topics.ipynb")])]
    ['02-topics', '01-overview', '07-new']
    """
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    return sorted(paths, key=lambda p: (rank.get(p.stem, len(rank)), p.name))


def exporter():
    """The HTML exporter of `nbconvert --to html --no-input`."""
    from nbconvert import HTMLExporter

    return HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


async def run_one(path: Path, out: Path, logs: Path, html, slots: asyncio.Semaphore, pool) -> bool:
    """Execute one notebook in its folder, write its HTML and finish it in the pool; False (and its log
    shown) when it fails."""
    import nbformat
    from nbclient import NotebookClient

    async with slots:
        start = time.monotonic()
        log = logs / f"{path.stem}.log"
        with log.open("w", encoding="utf-8") as f:
            try:
                nb = nbformat.read(path, as_version=4)
                client = NotebookClient(nb, timeout=3600, resources={"metadata": {"path": str(path.parent)}},
                                        extra_arguments=["--IPKernelApp.log_level=ERROR"])
                await client.async_execute(stdout=f, stderr=f)
                resources = {"unique_key": path.stem, "output_files_dir": f"{path.stem}_files",
                             "metadata": {"name": path.stem, "path": str(path.parent),
                                          "modified_date": dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%B %d, %Y")}}
                body, _ = html.from_notebook_node(nb, resources=resources)
                (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
            except Exception:
                f.write(traceback.format_exc())
                ok = False
            else:
                ok = True
        if ok:
            print(f"   {path.stem} ({time.monotonic() - start:.0f} s)", flush=True)
        else:
            print(f"== {path.stem} FAILED:\n" + log.read_text(encoding="utf-8"), flush=True)
            return False
    await asyncio.wrap_future(pool.submit(finish, out / f"{path.stem}.html"))   # the slot is free meanwhile
    return True


async def run_all(paths: list[Path], out: Path, logs: Path, jobs: int) -> bool:
    out.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    html, slots = exporter(), asyncio.Semaphore(max(1, jobs))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = await asyncio.gather(*(run_one(p, out, logs, html, slots, pool) for p in ordered(paths)))
    return all(done)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--jobs", type=int, default=2, help="notebooks run at a time (default 2)")
    ap.add_argument("--out", type=Path, default=Path("reports"), help="folder of the HTML reports")
    ap.add_argument("--logs", type=Path, default=Path("build/logs"), help="folder of the kernels' logs")
    args = ap.parse_args(argv)
    return 0 if asyncio.run(run_all([p.resolve() for p in args.notebooks], args.out, args.logs, args.jobs)) else 1


if __name__ == "__main__":
    sys.exit(main())
