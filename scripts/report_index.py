"""Write reports/index.html linking every notebook report (run by `make report`)."""
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_heading(nb_path: Path) -> str:
    """The first markdown heading of a notebook, without its '#'."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return nb_path.stem


def main(out: Path) -> None:
    items = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        report = out / f"{nb.stem}.html"
        if report.exists():
            items.append(f'<li><a href="{report.name}">{html.escape(first_heading(nb))}</a></li>')
    page = ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>区报研究报告</title>"
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.6}</style></head>\n"
            "<body><h1>区报研究报告 · Reports</h1>\n<p>One report per notebook, run on the issues in "
            "<code>data/bulletins/</code>. Tables are in <code>data/processed/</code>, charts in "
            "<code>figures/</code>.</p>\n<ol>\n" + "\n".join(items) + "\n</ol></body></html>\n")
    (out / "index.html").write_text(page, encoding="utf-8")
    print(f"wrote {out.name}/index.html with {len(items)} reports")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports")
