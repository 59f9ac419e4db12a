"""Make HTML reports readable everywhere: a CSS font stack with the common CJK fonts and, last before the
generic family, the bundled Noto Sans CJK (mplfonts) embedded as a subset of the characters the page uses,
so a machine without any CJK font still shows Chinese. Also a little CSS for tables and notes.

    python scripts/finish_report.py reports/*.html      (run by `make report`)
"""
from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILY = "ReportCJK"   # the embedded subset's family name
STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", '
         '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback", '
         f'"{FAMILY}", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif')
MARK = "<!-- report-fonts -->"
CSS = """
:root { --jp-content-font-family: %(stack)s; --jp-ui-font-family: %(stack)s; }
body, .jp-RenderedHTMLCommon, table, th, td, p, li, h1, h2, h3, pre, code, input, select, button { font-family: %(stack)s !important; }
.report-table { border-collapse: collapse; margin: 0.3em 0 1em; font-size: 13px; }
.report-table th, .report-table td { border-bottom: 1px solid #ddd; padding: 2px 8px; text-align: left !important; vertical-align: top; }
.report-table th { background: #f3f3f3; }
p.table-note { color: #555; font-size: 12px; margin: 0.2em 0; }
"""


def cjk_chars(text: str) -> str:
    """Every character outside ASCII that the page may draw: literal ones and those written as \\uXXXX or &#NNNN;.

    >>> sorted(cjk_chars('a 武 \\\\u8fdb &#21306;'))
    ['区', '武', '进']
    """
    chars = {c for c in set(text) if ord(c) > 0x7F}
    chars |= {chr(int(h, 16)) for h in re.findall(r"\\u([0-9a-fA-F]{4})", text)}
    chars |= {chr(int(d)) for d in re.findall(r"&#(\d{2,6});", text)}
    chars |= {chr(int(h, 16)) for h in re.findall(r"&#x([0-9a-fA-F]{2,6});", text)}
    return "".join(sorted(c for c in chars if ord(c) > 0x7F and not 0xD800 <= ord(c) <= 0xDFFF))


def subset_font(chars: str) -> bytes:
    """The bundled CJK font cut down to `chars`, as WOFF (zlib; no extra package needed). Kept in the cache
    (cache_root()/derived/fonts/, signed like the issue cache) by the font file, fontTools' version and the
    characters, so a report rerun on the same issues does not cut the font again."""
    from fontTools import version as ft_version

    from bulletins.config import cjk_font_path
    from bulletins.pipeline.cache import cache_root, read_signed, usable, write_signed

    font = cjk_font_path()
    st = font.stat()
    key = hashlib.sha256(f"{font}|{st.st_size}|{st.st_mtime_ns}|{ft_version}|{chars}".encode()).hexdigest()
    path = cache_root() / "derived" / "fonts" / f"{key}.pkl" if usable() is None else None
    got = read_signed(path, 2) if path else None
    if got is not None and got[0] == key and isinstance(got[1], bytes):
        return got[1]
    data = _subset(font, chars)
    if path:
        write_signed(path, [key, data])
    return data


def _subset(font: Path, chars: str) -> bytes:
    from fontTools import subset

    opts = subset.Options()
    opts.flavor = "woff"
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    loaded = subset.load_font(str(font), opts)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(loaded)
    buf = io.BytesIO()
    subset.save_font(loaded, buf, opts)
    return buf.getvalue()


def style_block(chars: str) -> str:
    """The <style> with the font stack and the embedded subset."""
    face = ""
    if chars:
        data = base64.b64encode(subset_font(chars)).decode("ascii")
        face = (f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 100 900; '
                f'src: url(data:font/woff;base64,{data}) format("woff"); }}\n')
    return f"{MARK}\n<style>\n{face}{CSS % {'stack': STACK}}</style>\n"


def finish(path: Path) -> int:
    """Add the fonts and CSS to one report (again if it was already finished); returns the subset's size."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(re.escape(MARK) + r"\n<style>.*?</style>\n", "", page, flags=re.S)
    chars = cjk_chars(re.sub(r"data:[a-z/+-]+;base64,[A-Za-z0-9+/=]+", "", page))
    block = style_block(chars)
    page = page.replace("</head>", block + "</head>", 1) if "</head>" in page else block + page
    path.write_text(page, encoding="utf-8")
    return len(block)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0)
    for p in sys.argv[1:]:
        finish(Path(p))
