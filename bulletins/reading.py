"""Reading issues: decoding bytes, issue files, manifest.csv, the issue date and its source."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence
import pandas as pd

from .text import normalize, visible_chars


class BulletinError(ValueError):
    """An issue file that cannot be read; the message names the file and the problem."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


_CJK_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Bytes of an issue -> (text, encoding); UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030.

    >>> decode_bytes('武进'.encode('gb18030'))
    ('武进', 'gb18030')
    """
    if not data.strip():
        raise BulletinError(f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data:
            raise BulletinError(f"{name}: binary file (NUL bytes), not extracted text")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as e:
                raise BulletinError(f"{name}: neither UTF-8 nor GB18030 ({e.reason} at byte {e.start})") from None
    head = text[:20000]   # the checks read a sample: enough to tell text from binary
    controls = len(_CONTROL.findall(head)) if _CONTROL.search(head) else 0
    if controls > max(3, len(head) // 100):
        raise BulletinError(f"{name}: {controls} control characters; looks binary, not extracted text")
    if not text.strip():
        raise BulletinError(f"{name}: the file holds only white space")
    sample = head[:3000]
    seen = visible_chars(sample)
    cjk = sum(map(len, _CJK_RUNS.findall(sample)))
    if cjk < 0.2 * seen:
        raise BulletinError(f"{name}: only {cjk} of {seen} characters are Chinese; not a Chinese newspaper issue")
    return text, enc


WEB_SUFFIXES = (".html", ".htm")


def issue_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of an issue file -> (text, encoding): a saved web page (.html, .htm) through
    webpages.html_text (its main text, title, date and author), anything else through decode_bytes."""
    if name.lower().endswith(WEB_SUFFIXES):
        from .webpages import html_text

        return html_text(data, name)
    return decode_bytes(data, name)


def read_issue_text(path: str | Path) -> tuple[str, str]:
    """An issue file -> (text with \\n line ends, encoding); BulletinError naming the file if unreadable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BulletinError(f"{path.name}: cannot read ({e.strerror})") from None
    text, enc = issue_text(data, path.name)
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def date_from_name(name: str) -> pd.Timestamp | None:
    """A date in a file name (2024-11-27.txt, wj_20241127_p1.txt), else None.

    >>> date_from_name('2024-11-27.txt')
    Timestamp('2024-11-27 00:00:00')
    """
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)", name)
    if not m:
        return None
    try:
        return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_header(lines: Sequence[str]) -> pd.Timestamp | None:
    """The date printed in a page header, else None.

    >>> date_from_header(['武进日报 2024年11月27日 星期三 第1版 要闻'])
    Timestamp('2024-11-27 00:00:00')
    """
    for ln in lines:
        m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", normalize(ln))
        if m:
            try:
                return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def read_manifest(folder: str | Path) -> pd.DataFrame:
    """manifest.csv of a folder (file, date[, paper, page]); empty when there is none."""
    path = Path(folder) / "manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=["file", "date", "paper", "page"])
    m = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    if "file" not in m.columns or "date" not in m.columns:
        raise BulletinError(f"{path.name}: needs the columns file and date (has {', '.join(m.columns)})")
    return m


def resolve_issue_date(name: str, header: list[str], manifest_date: str) -> tuple[pd.Timestamp | None, list[str]]:
    date, _, warns = issue_date(name, header, manifest_date)
    return date, warns


def issue_date(name: str, header: list[str], manifest_date: str, web_date: str = "",
               web_line: str = "") -> tuple[pd.Timestamp | None, str, list[str]]:
    """(date, its source, warnings): manifest.csv, then the web page's own date (发布时间: 2025-03-12,
    from parsing.web_date), then the page header, then the file name. A date from the web page is
    named in a warning; sources that disagree are too.

    >>> issue_date('a.txt', [], '', '2025-03-12', '发布时间:2025-03-12')[:2]
    (Timestamp('2025-03-12 00:00:00'), 'web page')
    """
    warns = []
    candidates = []
    if manifest_date:
        try:
            candidates.append(("manifest.csv", pd.Timestamp(manifest_date)))
        except ValueError:
            warns.append(f"{name}: manifest.csv date {manifest_date!r} is not a date")
    web = None
    if web_date:
        try:
            web = pd.Timestamp(web_date)
        except ValueError:
            warns.append(f"{name}: web page date {web_date!r} is not a date")
    for src, d in (("web page", web), ("page header", date_from_header(header)), ("file name", date_from_name(name))):
        if d is not None:
            candidates.append((src, d))
    if not candidates:
        warns.append(f"{name}: no date in manifest.csv, web page, page header or file name; date left missing")
        return None, "", warns
    src, date = candidates[0]
    if src == "web page":
        warns.append(f"{name}: date {date.date()} from the web page ({web_line.strip()[:40]})")
    for other, d in candidates[1:]:
        if d != date:
            warns.append(f"{name}: {other} says {d.date()}, {src} says {date.date()}; {src} wins")
    return date, src, warns


def issue_files(folder: str | Path) -> list[Path]:
    """The issue files of a folder: every *.txt, *.html and *.htm, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BulletinError(f"{folder}: no such folder of issues")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".txt",) + WEB_SUFFIXES)
