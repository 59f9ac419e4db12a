"""Saved web pages (.html, .htm) -> the text an analyst would paste, for the same parser.

The main text, title, date and author come from trafilatura (the date: the page's own
发布时间-style furniture line where it has one) (a maintained main-text extraction
library, pinned in requirements.txt). The text handed to the parser is the page title (where the
extracted text does not open with it), a `发布时间: YYYY-MM-DD` line for the page's date and a
`作者: …` line for its author (where the text does not print them), then the extracted text line
by line. That text is the issue's text: the accounting checks every character of it. A page in
which the library finds no main text keeps all of its visible text, and says so in its encoding
(`… no main text`), which the pipeline turns into a warning.
"""
from __future__ import annotations

import re

from .reading import BulletinError, decode_bytes

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def html_source(data: bytes, name: str) -> tuple[str, str]:
    """The HTML of a saved page as text, and its encoding: the <meta charset> where it names one that
    decodes the bytes, else UTF-8, UTF-16 or GB18030 as for a text file.

    >>> html_source('<meta charset="gbk"><p>某区</p>'.encode('gbk'), 'a.html')
    ('<meta charset="gbk"><p>某区</p>', 'gbk')
    """
    if not data.strip():
        raise BulletinError(f"{name}: the file is empty")
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        enc = m.group(1).decode("ascii").lower()
        enc = "gb18030" if enc in ("gb2312", "gbk", "gb_2312-80") else enc
        try:
            return data.decode(enc), m.group(1).decode("ascii").lower()
        except (LookupError, UnicodeDecodeError):
            pass
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise BulletinError(f"{name}: an HTML page in neither its declared encoding, UTF-8 nor GB18030")


_BLOCKS = ("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "header", "footer", "nav", "ul", "ol", "table", "title", "blockquote", "dd", "dt")


def _visible_text(html: str) -> str:
    """Every visible text line of a page (scripts and styles left out): the fallback when the
    library finds no main text."""
    from lxml import html as lhtml

    try:
        root = lhtml.fromstring(html)
    except Exception:   # lxml raises several kinds on broken input
        return re.sub(r"<[^>]+>", "\n", html)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):   # a block element is a line of its own
        el.tail = "\n" + (el.tail or "")
        el.text = "\n" + (el.text or "")
    lines = (ln.strip() for ln in root.text_content().splitlines())
    return "\n".join(ln for ln in lines if ln)


def extract_page(html: str) -> dict:
    """Main text and metadata of a page: {'text', 'title', 'date', 'author'} ('' where absent).

    >>> d = extract_page('<html><head><title>某区召开会议</title></head><body><article><h1>某区召开会议</h1>'
    ...                  '<p>本报讯(记者 王某)昨天,某区召开会议,研究部署有关工作。会议要求各部门认真落实。</p></article></body></html>')
    >>> d['title'], d['text'].splitlines()[-1][:9]
    ('某区召开会议', '本报讯(记者 王某')
    """
    import trafilatura

    from .parsing import is_furniture, web_date

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      deduplicate=False)
    d = (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)) if doc is not None else {}
    out = {k: (d.get(k) or "").strip() for k in ("text", "title", "date", "author")}
    own = web_date([ln for ln in _visible_text(html).splitlines() if is_furniture(ln)])[0]
    out["date"] = own or out["date"]   # the page's own 发布时间 line before the library's guess
    return out


def page_text(page: dict) -> str:
    """The text handed to the parser: title, date and author lines where the text lacks them, then the text.

    >>> page_text({'text': '本报讯 昨天,某区召开会议。', 'title': '某区召开会议', 'date': '2025-03-12', 'author': ''})
    '某区召开会议\\n发布时间: 2025-03-12\\n本报讯 昨天,某区召开会议。'
    """
    text = page["text"]
    lines = []
    head = text[:300]
    if page["title"] and page["title"] not in [ln.strip() for ln in text.splitlines()[:3]]:
        lines.append(page["title"])
    if page["date"] and page["date"] not in head.replace("/", "-"):
        lines.append(f"发布时间: {page['date']}")
    if page["author"] and page["author"] not in text:
        lines.append(f"作者: {page['author']}")
    return "\n".join(lines + [text])


def html_text(data: bytes, name: str) -> tuple[str, str]:
    """A saved web page -> (text for the parser, encoding); BulletinError naming the file if unreadable."""
    html, enc = html_source(data, name)
    if "<" not in html[:2000]:
        return decode_bytes(data, name)   # a .html file holding plain text
    page = extract_page(html)
    if page["text"]:
        text = page_text(page)
    else:
        text, enc = _visible_text(html), f"{enc} no main text"
    if not text.strip():
        raise BulletinError(f"{name}: an HTML page with no text")
    decode_bytes(text.encode("utf-8"), name)   # the checks of a text file: Chinese, not binary
    return text, enc
