"""Write reports/index.html, a dashboard of the reports (run by `make report`): the corpus in numbers,
each report's question with a thumbnail of its main chart, and the run date.

    python scripts/report_index.py [reports/]
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The chart that stands for each report on the dashboard (figures/NAME.png).
MAIN_CHART = {"01-overview": "01-overview-issues", "02-topics": "02-topics-scores", "03-slogans": "03-slogans-top",
              "04-officials": "04-officials-most", "05-economy": "05-economy-kinds", "06-meetings": "06-meetings-timeline"}


def notebook_text(nb_path: Path) -> tuple[str, str]:
    """The first markdown heading of a notebook (without '#') and its question (the **Question.** line)."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    title, question = nb_path.stem, ""
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        head = re.search(r"^#\s+(.+)$", text, flags=re.M)
        q = re.search(r"\*\*Question\.\*\*\s*(.+?)(?:\n\n|$)", text, flags=re.S)
        if head and title == nb_path.stem:
            title = head.group(1).strip()
        if q and not question:
            question = " ".join(q.group(1).split())
        if question:
            break
    return title, question


def thumbnail(png: Path, width: int = 360) -> str:
    """A small inline PNG of a chart ('' when the chart is missing)."""
    if not png.exists():
        return ""
    from PIL import Image

    im = Image.open(png)
    im.thumbnail((width, width))
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def numbers(folder: str) -> tuple[list[tuple[str, str]], dict]:
    """The corpus in numbers, from the cached corpus the reports read (as boxes, and raw)."""
    import warnings

    import helpers as h

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        n = h.corpus_numbers(h.open_corpus(folder))
    span = f"{n['first']} – {n['last']}" if n["dated"] else "none dated"
    return [("issues", f"{n['issues']:,}"), ("date range", span + (f" (+{n['undated']} undated)" if n["undated"] and n["dated"] else "")),
            ("articles", f"{n['articles']:,}"), ("officials", f"{n['officials']:,}"),
            ("appearances", f"{n['appearances']:,}"), ("figures", f"{n['figures']:,}"),
            ("meetings", f"{n['meetings']:,}"), ("warnings", f"{n['warnings']:,}"),
            ("duplicates", f"{n['duplicates']:,}")], n


CSS = """body{max-width:64em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}
.nums{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0 2em}
.num{border:1px solid #ddd;border-radius:6px;padding:.4em .8em;min-width:7em}
.num b{display:block;font-size:1.4em}.num span{color:#555;font-size:.85em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(19em,1fr));gap:1em}
.card{border:1px solid #ddd;border-radius:6px;padding:.8em}.card img{max-width:100%;height:auto;border:1px solid #eee}
.card h2{font-size:1.1em;margin:.2em 0}.card p{font-size:.9em;color:#333}footer{margin-top:2em;color:#666;font-size:.85em}"""


def page(items: list[str], nums: list[tuple[str, str]], folder: str, when: str) -> str:
    boxes = "".join(f'<div class="num"><b>{html.escape(v)}</b><span>{html.escape(k)}</span></div>' for k, v in nums)
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>区报研究报告 · Reports</title>"
            f"<style>{CSS}</style></head>\n<body><h1>区报研究报告 · Reports</h1>\n"
            f"<p>Six reports on the issues in <code>{html.escape(folder)}</code>. Tables are in "
            "<code>data/processed/</code> (CSV), charts in <code>figures/</code>.</p>\n"
            f'<div class="nums">{boxes}</div>\n<div class="cards">\n' + "\n".join(items) +
            f"\n</div>\n<footer>Run on {html.escape(when)}.</footer></body></html>\n")


def main(out: Path) -> None:
    from bulletins.config import out_dir
    from bulletins.summaries.display import issues_folder

    folder = issues_folder()
    shown = os.path.relpath(folder, ROOT) if Path(folder).resolve().is_relative_to(ROOT) else Path(folder).name
    nums, n = numbers(folder)
    main_chart = dict(MAIN_CHART)
    if n["issues"] < 2:   # one issue: articles by kind says more than one bar over time
        main_chart["01-overview"] = "01-overview-kinds"
    items = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        report = out / f"{nb.stem}.html"
        if not report.exists():
            continue
        title, question = notebook_text(nb)
        src = thumbnail(out_dir() / "figures" / f"{main_chart.get(nb.stem, nb.stem)}.png")
        img = f'<a href="{report.name}"><img src="{src}" alt="{html.escape(title)}: main chart"></a>' if src else ""
        items.append(f'<div class="card"><h2><a href="{report.name}">{html.escape(title)}</a></h2>'
                     f"<p>{html.escape(question)}</p>{img}</div>")
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    (out / "index.html").write_text(page(items, nums, shown, when), encoding="utf-8")
    print(f"wrote {out.name}/index.html with {len(items)} reports")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0)
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports")
