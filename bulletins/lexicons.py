"""Every lexicon loader (data/lexicons/): entries, TAB fields, the version hash the cache keys on."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .config import LEXICONS, PACKAGE, PARSER_VERSION


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of data/lexicons/NAME.txt, one a line, comments and blanks dropped.

    >>> '区委' in lexicon('offices')
    True
    """
    path = LEXICONS / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such lexicon")
    out = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.rstrip("\r\n"))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def lexicon_fields(name: str) -> tuple[tuple[str, ...], ...]:
    """Entries of a TAB-separated lexicon, split into fields.

    >>> lexicon_fields('levels')[0]
    ('中共中央', '中央')
    """
    return tuple(tuple(f.strip() for f in line.split("\t")) for line in lexicon(name))


@functools.lru_cache(maxsize=1)
def lexicon_version() -> str:
    """A hash of the code that makes tables (reading, parsing, extractors, segmentation, schema)
    and of every lexicon file: part of every cache key. Charts, summaries and notebooks are not
    in it, so changing a colour re-parses nothing. Read once per process (see reload()).

    >>> len(lexicon_version())
    16
    """
    h = hashlib.sha1(PARSER_VERSION.encode())
    for p in table_code_files() + sorted(LEXICONS.glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


# The modules whose code decides what the tables hold (the cache key covers these and the lexicons).
TABLE_CODE = ("config.py", "lexicons.py", "patterns.py", "text.py", "reading.py", "webpages.py", "bylines.py",
              "lines.py", "parsing.py", "schema.py", "segment.py", "extract", "pipeline/process.py", "pipeline/codec.py")


def table_code_files() -> list[Path]:
    """The source files of TABLE_CODE, sorted (folders expanded).

    >>> any(p.name == 'parsing.py' for p in table_code_files()), any(p.name == 'charts.py' for p in table_code_files())
    (True, False)
    """
    out = []
    for rel in TABLE_CODE:
        p = PACKAGE / rel
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out
