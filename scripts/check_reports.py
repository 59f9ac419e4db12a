"""Check the HTML reports in a real browser (headless Chromium), as a reader without CJK fonts sees them.

    python scripts/check_reports.py [reports/] [--shots DIR]

For each report: (1) Chinese is drawn with a font, not as empty boxes: a probe page with the report's own
font CSS and a line of its Chinese text is rendered, and again with a font that does not exist; on a
machine without CJK fonts the second shows boxes, so the two must differ; (2) the interactive tables
started (DataTables built its controls, no 'Loading ITables' left) with no network; (3) no Python output
(Traceback, stderr boxes, NaT, <NA>, reprs) in the page; (4) a full-page screenshot for people to look at.
Needs `chromium` (Debian: apt-get install chromium); the tests do not. Exit status 1 on any failure.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = [r"Traceback \(most recent", r"jp-RenderedText[^>]*data-mime-type=\"application/vnd.jupyter.stderr\"",
       r">NaT<", r"&lt;NA&gt;", r"Corpus\(\d", r"UserWarning", r">nan<"]


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("no chromium on PATH: apt-get install chromium")


def run(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    base = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--disable-background-networking", "--proxy-server=127.0.0.1:9", "--virtual-time-budget=8000"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout)


def screenshot(url: str, out: Path, size: str = "1280,900") -> bytes:
    run([f"--screenshot={out}", f"--window-size={size}", url])
    return out.read_bytes() if out.exists() else b""


def font_check(page: str, tmp: Path) -> str:
    """'' when the page's font CSS draws its Chinese, else what failed."""
    style = re.search(r"<!-- report-fonts -->\n<style>.*?</style>", page, flags=re.S)
    if not style:
        return "no embedded font (run scripts/finish_report.py)"
    text = "".join(re.findall(r"[\u4e00-\u9fff]", re.sub(r"<[^>]+>", "", page))[:24]) or "中文"
    probe = lambda fam: (f"<html><head><meta charset='utf-8'>{style.group(0)}</head><body style='margin:0'>"
                         f"<p style='font-size:40px;{fam}'>{text}</p></body></html>")
    a, b = tmp / "with.html", tmp / "without.html"
    a.write_text(probe(""), encoding="utf-8")
    b.write_text(probe("font-family:NoSuchFont !important"), encoding="utf-8")
    shot_a = screenshot(a.as_uri(), tmp / "with.png", "900,120")
    shot_b = screenshot(b.as_uri(), tmp / "without.png", "900,120")
    if not shot_a:
        return "chromium made no screenshot"
    return "" if shot_a != shot_b else "Chinese looks the same with and without the embedded font (boxes?)"


def check(path: Path, shots: Path | None, tmp: Path) -> list[str]:
    page = path.read_text(encoding="utf-8")
    problems = [f"Python output in the page: {p}" for p in BAD if re.search(p, page)]
    problems += [p for p in [font_check(page, tmp)] if p]
    if 'id="table-' in page and "dt-container" not in run(["--dump-dom", path.resolve().as_uri()]).stdout:
        problems.append("interactive tables did not start (offline)")
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        screenshot(path.resolve().as_uri(), shots / f"{path.stem}.png", "1280,4000")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="?", default=str(ROOT / "reports"), help="folder of *.html reports")
    ap.add_argument("--shots", default=None, help="folder for full-page screenshots (default: none)")
    args = ap.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as t:
        for path in sorted(Path(args.reports).glob("*.html")):
            problems = check(path, Path(args.shots) if args.shots else None, Path(t))
            print(f"{'FAIL' if problems else 'ok  '} {path.name}" + "".join(f"\n     {p}" for p in problems))
            failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
