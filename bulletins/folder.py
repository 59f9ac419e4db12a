"""The folder of issues: which entries are issue files (and why the others are not), and
manifest.csv read line by line (encodings, ragged, repeated and conflicting rows reported)."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
import pandas as pd

from .reading import ISSUE_SUFFIXES, BulletinError, best_decoding, read_bytes


MANIFEST_COLUMNS = ["file", "date", "paper", "page"]


def _manifest_text(path: Path) -> tuple[str, list[str]]:
    """manifest.csv -> its text (UTF-8, UTF-16 or GB18030, with or without BOM) and warnings."""
    data = read_bytes(path)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return "", [f"{path.name}: the file is empty; no dates from it"]
    text, label, bad, _ = best_decoding(data, path.name)
    if bad or "\x00" in text:
        bad = bad or [(data.index(b"\x00"), 0)]
        line = data[:bad[0][0]].count(b"\n") + 1
        raise BulletinError(f"{path.name} line {line}: undecodable bytes at byte {bad[0][0]} "
                            f"(not UTF-8, GB18030 or UTF-16); save it as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), []


def _manifest_rows(rows: list[tuple[int, list[str]]], header: list[str], where: str) -> tuple[dict, list[str]]:
    """Manifest rows (line number, fields) -> {file: (line, fields)} and warnings: ragged,
    empty, repeated and conflicting rows are reported by line; a file given two dates gets none."""
    warns, seen, conflicts = [], {}, set()
    fi, di = header.index("file"), header.index("date")
    for line, row in rows:
        if not any(f.strip() for f in row):
            continue
        if len(row) != len(header):
            warns.append(f"{where} line {line}: {len(row)} fields, the header has {len(header)}; "
                         + ("missing fields left empty" if len(row) < len(header) else "extra fields ignored"))
            row = (row + [""] * len(header))[:len(header)]
        f = row[fi].strip()
        if not f:
            warns.append(f"{where} line {line}: no file name; row ignored")
            continue
        if f in seen:
            first, old = seen[f]
            same = old[di].strip() == row[di].strip()
            warns.append(f"{where} line {line}: {f} again (first on line {first})"
                         + ("; repeated row ignored" if same else
                            f" with another date ({row[di].strip()!r} vs {old[di].strip()!r}); no manifest date for {f}"))
            if not same:
                conflicts.add(f)
            continue
        seen[f] = (line, row)
    for f in conflicts:
        line, row = seen[f]
        seen[f] = (line, row[:di] + [""] + row[di + 1:])
    return seen, warns


def read_manifest_checked(folder: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """manifest.csv of a folder -> (one row per file: file, date[, paper, page], warnings naming
    manifest.csv and the line). Empty when there is none; BulletinError when it has no file and
    date columns or cannot be decoded."""
    path = Path(folder) / "manifest.csv"
    if not path.is_file():
        return pd.DataFrame(columns=MANIFEST_COLUMNS), []
    text, warns = _manifest_text(path)
    try:
        lines = [(n, r) for n, r in _numbered(text) if any(f.strip() for f in r)]
    except csv.Error as e:
        raise BulletinError(f"{path.name}: not a CSV file ({e})") from None
    if not lines:
        return pd.DataFrame(columns=MANIFEST_COLUMNS), warns
    hline, header = lines[0]
    header = [c.strip().lower() for c in header]
    if "file" not in header or "date" not in header:
        raise BulletinError(f"{path.name}: needs the columns file and date (line {hline} has {', '.join(header)})")
    seen, more = _manifest_rows(lines[1:], header, path.name)
    cols = list(dict.fromkeys(header + MANIFEST_COLUMNS))
    rows = [dict(zip(header, r)) for _, r in seen.values()]
    m = pd.DataFrame([[r.get(c, "").strip() for c in cols] for r in rows], columns=cols, dtype=str)
    return m, warns + more


def _numbered(text: str) -> list[tuple[int, list[str]]]:
    """CSV rows with the line each starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text))
    out, start = [], 1
    for row in reader:
        out.append((start, row))
        start = reader.line_num + 1
    return out


def _not_an_issue(p: os.DirEntry | Path) -> str | None:
    """Why a folder entry is not read as an issue, or None for an issue file (a DirEntry of
    os.scandir answers from the listing, with no system call per file)."""
    if p.is_symlink() and not os.path.exists(p):
        return "a broken link; skipped"
    if p.is_dir():
        return "a folder; issues in subfolders are not read (load that folder on its own)"
    if not p.is_file():
        return "not a regular file; skipped"
    suffix = _suffix(p.name)
    if suffix.lower() in ISSUE_SUFFIXES:
        return None
    if not suffix:
        return "no file extension; issues are read from .txt, .html and .htm files (rename it if it is one)"
    return f"not an issue file ({suffix}); issues are .txt, .html or .htm files"


def _suffix(name: str) -> str:
    """A file name's extension as pathlib tells it.

    >>> _suffix('a.TXT'), _suffix('.txt'), _suffix('a.'), _suffix('a.b.htm')
    ('.TXT', '', '', '.htm')
    """
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def folder_files(folder: str | Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every entry of a folder: (issue files sorted by name, [(entry, why it is skipped)]).

    Issue files are *.txt, *.html and *.htm in any case; manifest.csv is read on its own."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BulletinError(f"{folder}: no such folder of issues")
    files, skipped = [], []
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for e in entries:
        name = e.name
        if name == "manifest.csv" and e.is_file():
            continue
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:   # undecodable bytes in the name: it could not be shown or saved
            shown = os.fsencode(name).decode("utf-8", errors="replace")
            skipped.append((shown, f"{shown}: the file name is not valid UTF-8; rename the file"))
            continue
        why = _not_an_issue(e)
        if why is None:
            files.append(folder / name)
        else:
            skipped.append((name, f"{name}: {why}"))
    return files, skipped
