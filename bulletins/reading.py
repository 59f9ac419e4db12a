"""Reading issues: decoding bytes, issue files, manifest.csv, the issue date and its source."""
from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path
from typing import NamedTuple, Sequence
import pandas as pd

from .text import ANSI_ESCAPE, invisible_warning, normalize, strip_invisible, visible_chars


class BulletinError(ValueError):
    """An issue file that cannot be read; the message names the file and the problem."""


class Decoded(NamedTuple):
    """An issue's text as the parser reads it, its encoding and what reading it had to say."""
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


_CJK_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


_BAD = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


_ASCII = re.compile(r"[!-~]")


# Candidates without a BOM, in order of preference when two score the same.
_CANDIDATES = ("utf-8", "gb18030", "cp950", "utf-16-le", "utf-16-be")
_LABEL = {"cp950": "big5"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16"), (b"\xfe\xff", "utf-16-be", "utf-16"))


@functools.lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Common Chinese characters and punctuation, derived from the codecs: GB2312 level 1 and
    symbol rows (simplified) and Big5 level 1 (traditional)."""
    out = set()
    pairs = [(hi, lo) for hi in list(range(0xA1, 0xA4)) + list(range(0xB0, 0xD8)) for lo in range(0xA1, 0xFF)]
    for hi, lo in pairs:
        try:
            out.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
    for hi in range(0xA1, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (hi, lo) <= (0xC6, 0x7E):
                try:
                    out.add(bytes([hi, lo]).decode("cp950"))
                except UnicodeDecodeError:
                    pass
    return frozenset(out)


def plausibility(text: str, size: int = 3000) -> float:
    """How much a decoded text looks like Chinese text: common Chinese characters and ASCII count
    for it, rare characters (mojibake) against it, replacement, private-use and control characters
    heavily against it. 1.0 for clean text; mojibake scores far lower.

    >>> plausibility('区委召开会议') > 0.9 > plausibility('鍖哄鍙紑浼氳')
    True
    """
    sample = "".join(text[:size].split())
    if not sample:
        return 0.0
    common = sum(map(_common_chars().__contains__, sample))
    ascii_ = len(_ASCII.findall(sample))
    bad = len(_BAD.findall(sample))
    other = len(sample) - common - ascii_ - bad
    return (common + ascii_ - other - 10 * bad) / len(sample)


def _decode_marking(data: bytes, enc: str, limit: int = 50) -> tuple[str, list[tuple[int, int]]]:
    """Decode, marking each undecodable byte sequence with U+FFFD -> (text, [(start, end) of bad bytes])."""
    parts, bad, pos = [], [], 0
    while True:
        try:
            parts.append(data[pos:].decode(enc))
            return "".join(parts), bad
        except UnicodeDecodeError as e:
            start, end = pos + e.start, pos + max(e.end, e.start + 1)
            parts.append(data[pos:start].decode(enc, errors="replace"))
            parts.append("\ufffd")
            bad.append((start, end))
            pos = end
            if len(bad) >= limit:   # hopeless: the rest in one go
                rest = data[pos:].decode(enc, errors="replace")
                bad += [(pos, pos)] * rest.count("\ufffd")
                return "".join(parts) + rest, bad


def _candidates(data: bytes) -> list[tuple[str, str, int]]:
    """(codec, label, offset of the text) to try: the BOM's codec alone, else every candidate."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return [(codec, label, len(bom))]
    return [(c, _LABEL.get(c, c), 0) for c in _CANDIDATES]


def best_decoding(data: bytes, name: str) -> tuple[str, str, list[tuple[int, int]], float]:
    """The most plausible decoding: strict UTF-8 first; else every candidate on a sample, scored."""
    cands = _candidates(data)
    if len(cands) > 1:
        if b"\x00" not in data:   # NUL bytes: UTF-16 without BOM, or binary
            try:
                return data.decode("utf-8"), "utf-8", [], 1.0
            except UnicodeDecodeError:
                pass
        try:   # the usual case after UTF-8: GB18030 that reads as plain Chinese
            text = data.decode("gb18030")
            score = plausibility(text, 1000)
            if score >= 0.9:
                return text, "gb18030", [], score
        except UnicodeDecodeError:
            pass
        head = data[:8000]
        scored = [(plausibility(head.decode(c, errors="replace")), -i) for i, (c, _, _) in enumerate(cands)]
        cands = [cands[-max(scored)[1]]]
    codec, label, off = cands[0]
    text, bad = _decode_marking(data[off:], codec)
    return text, label, [(s + off, e + off) for s, e in bad], plausibility(text.replace("\ufffd", ""))


def _bad_bytes_warning(data: bytes, name: str, label: str, bad: list[tuple[int, int]]) -> str:
    where = ", ".join(f"byte {s} (0x{data[s:e or s + 1].hex()})" for s, e in bad[:5]) + (" ..." if len(bad) > 5 else "")
    cut = " — the file ends in the middle of a character (cut short?)" if bad and bad[-1][1] >= len(data) else ""
    return f"{name}: {len(bad)} undecodable byte sequence(s) in {label}, marked U+FFFD: at {where}{cut}"


def decode_text(data: bytes, name: str = "<bytes>") -> Decoded:
    """Bytes of an issue -> Decoded(text, encoding, warnings), the decoding proving itself.

    With a BOM: UTF-8 or UTF-16. Without: strict UTF-8, else the most plausible of GB18030,
    Big5 and UTF-16 LE/BE (see plausibility). Bytes no candidate can read are kept as U+FFFD with a
    warning giving their byte offsets; a text that is mostly such bytes, binary or not Chinese
    raises BulletinError naming the file.

    >>> decode_text('區委召開會議'.encode('big5'))
    Decoded(text='區委召開會議', encoding='big5', warnings=())
    """
    if not data.strip():
        raise BulletinError(f"{name}: the file is empty")
    text, label, bad, score = best_decoding(data, name)
    nuls = data.count(b"\x00")   # a few in a text are control characters (removed); many make a binary file
    if nuls and (score < 0.2 or nuls > max(3, len(data) // 1000) and not label.startswith("utf-16")):
        raise BulletinError(f"{name}: binary file (NUL bytes), not extracted text")
    if len(bad) > max(3, len(text) // 20):
        raise BulletinError(f"{name}: not text in UTF-8, GB18030, Big5 or UTF-16 ({len(bad)} undecodable byte "
                            f"sequences, the first at byte {bad[0][0]})")
    if score < 0.2:
        raise BulletinError(f"{name}: not text in UTF-8, GB18030, Big5 or UTF-16 (the best guess, {label}, "
                            f"gives mostly rare characters: plausibility {score:.2f})")
    head = text[:20000]   # the checks read a sample: enough to tell text from binary
    controls = len(_CONTROL.findall(ANSI_ESCAPE.sub("", head))) if _CONTROL.search(head) else 0
    if controls > max(3, len(head) // 100):
        raise BulletinError(f"{name}: {controls} control characters; looks binary, not extracted text")
    if not text.strip():
        raise BulletinError(f"{name}: the file holds only white space")
    sample = head[:3000]
    seen = visible_chars(sample)
    cjk = sum(map(len, _CJK_RUNS.findall(sample)))
    if cjk < 0.2 * seen:
        raise BulletinError(f"{name}: only {cjk} of {seen} characters are Chinese; not a Chinese newspaper issue")
    warns = [_bad_bytes_warning(data, name, label, bad)] if bad else []
    if score < 0.6:
        warns.append(f"{name}: read as {label}, but only a few characters are common Chinese "
                     f"(plausibility {score:.2f}); the encoding may be wrong")
    return Decoded(text, label, tuple(warns))


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Bytes of an issue -> (text, encoding); see decode_text, whose warnings this emits.

    >>> decode_bytes('武进'.encode('gb18030'))
    ('武进', 'gb18030')
    """
    text, enc, warns = decode_text(data, name)
    for w in warns:
        warnings.warn(w, UserWarning, stacklevel=2)
    return text, enc


ISSUE_SUFFIXES = (".txt", ".html", ".htm")


def _html_text(data: bytes, name: str) -> Decoded:
    """A saved web page (.html, .htm) -> its main text, title, date and author (webpages.html_text)."""
    from .webpages import html_text

    text, enc = html_text(data, name)
    return Decoded(text, enc, ())


def issue_text(data: bytes, name: str) -> Decoded:
    """Bytes of an issue file -> the text the parser reads: decoded (or extracted from HTML), line
    ends as \\n, invisible and control characters removed (counted in the warnings)."""
    if Path(name).suffix.lower() in (".html", ".htm"):
        text, enc, warns = _html_text(data, name)
    else:
        text, enc, warns = decode_text(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = strip_invisible(text)
    if removed:
        warns = warns + (invisible_warning(name, removed),)
    return Decoded(text, enc, warns)


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; BulletinError naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise BulletinError(f"{path.name}: cannot read ({e.strerror or type(e).__name__})") from None


def read_issue(path: str | Path) -> Decoded:
    """An issue file -> Decoded(text the parser reads, encoding, warnings); BulletinError if unreadable."""
    path = Path(path)
    return issue_text(read_bytes(path), path.name)


def read_issue_text(path: str | Path) -> tuple[str, str]:
    """An issue file -> (text with \\n line ends, encoding); BulletinError naming the file if unreadable."""
    text, enc, _ = read_issue(path)
    return text, enc


def _ymd(m: re.Match | None) -> pd.Timestamp | None:
    """The day of a match whose groups 1-3 are year, month and day; None if no match or no such day."""
    if not m:
        return None
    try:
        return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_name(name: str) -> pd.Timestamp | None:
    """A date in a file name (2024-11-27.txt, wj_20241127_p1.txt), else None.

    >>> date_from_name('2024-11-27.txt')
    Timestamp('2024-11-27 00:00:00')
    """
    return _ymd(re.search(r"(?<!\d)(20\d{2}|19\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)", name))


def date_from_header(lines: Sequence[str]) -> pd.Timestamp | None:
    """The date printed in a page header, else None.

    >>> date_from_header(['武进日报 2024年11月27日 星期三 第1版 要闻'])
    Timestamp('2024-11-27 00:00:00')
    """
    for ln in lines:
        day = _ymd(re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", normalize(ln)))
        if day is not None:
            return day
    return None


def manifest_date(value: str) -> pd.Timestamp | None:
    """A manifest date: YYYY-MM-DD only (nothing guessed: not today, not 2024, not 03/04/2024).

    >>> manifest_date('2024-11-27'), manifest_date('today'), manifest_date('03/04/2024'), manifest_date('2024-02-30')
    (Timestamp('2024-11-27 00:00:00'), None, None, None)
    """
    return _ymd(re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value))


def resolve_issue_date(name: str, header: list[str], manifest_date_: str) -> tuple[pd.Timestamp | None, list[str]]:
    """The issue date from manifest.csv, the page header or the file name, in that order, and warnings."""
    date, _, warns = issue_date(name, header, manifest_date_)
    return date, warns


def issue_date(name: str, header: list[str], manifest_date_: str, web_date: str = "",
               web_line: str = "") -> tuple[pd.Timestamp | None, str, list[str]]:
    """(date, its source, warnings): manifest.csv (YYYY-MM-DD only), then the web page's own date
    (发布时间: 2025-03-12, from parsing.web_date), then the page header, then the file name. Sources
    that disagree are named in a warning.

    >>> issue_date('a.txt', [], '', '2025-03-12', '发布时间:2025-03-12')[:2]
    (Timestamp('2025-03-12 00:00:00'), 'web page')
    """
    warns = []
    candidates = []
    if manifest_date_.strip():
        d = manifest_date(manifest_date_)
        if d is None:
            warns.append(f"{name}: manifest.csv date {manifest_date_!r} is not a date in the form YYYY-MM-DD; ignored")
        else:
            candidates.append(("manifest.csv", d))
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


def read_manifest(folder: str | Path) -> pd.DataFrame:
    """manifest.csv of a folder (file, date[, paper, page]); empty when there is none. Its
    problems are warned about (see folder.read_manifest_checked)."""
    from .folder import read_manifest_checked

    m, warns = read_manifest_checked(folder)
    for w in warns:
        warnings.warn(w, UserWarning, stacklevel=2)
    return m


def issue_files(folder: str | Path) -> list[Path]:
    """The issue files of a folder: every *.txt, *.html and *.htm (any case), sorted by name
    (the other entries: folder.folder_files)."""
    from .folder import folder_files

    return folder_files(folder)[0]
