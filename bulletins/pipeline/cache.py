"""Per-file cache by content hash, and process_file (one file -> its tables, or a skipped row)."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..config import ROOT
from ..lexicons import lexicon_version
from ..pipeline.process import process_text
from ..reading import BulletinError, issue_text


def cache_dir() -> Path:
    return Path(os.environ.get("BULLETIN_CACHE", ROOT / ".cache")) / "issues"


def cache_key(data: bytes, name: str, manifest_date: str, extract: bool) -> str:
    """Content hash of a file plus everything else its tables depend on (name, date, code, lexicons)."""
    return hashlib.sha1(data + f"|{name}|{manifest_date}|{extract}|{lexicon_version()}".encode()).hexdigest()


def cached_process(path: Path, manifest_date: str, extract: bool, use_cache: bool) -> dict[str, list[dict]]:
    data = path.read_bytes()
    if use_cache:
        key = cache_key(data, path.name, manifest_date, extract)
        cfile = cache_dir() / key[:2] / f"{key}.pkl"
        if cfile.exists():
            try:
                with cfile.open("rb") as f:
                    return pickle.load(f)
            except Exception:  # a broken cache entry is recomputed
                pass
    text, enc = issue_text(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = process_text(text, enc, path.name, manifest_date, extract)
    if use_cache:
        cfile.parent.mkdir(parents=True, exist_ok=True)
        tmp = cfile.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cfile)
    return rows


def process_file(path: str | Path, manifest_date: str = "", extract: bool = True,
                 use_cache: bool = True) -> dict[str, list[dict]]:
    """One file -> rows of its tables (cached by content hash); the unit of work for serial or Dask runs.

    A file that cannot be read gives one 'skipped' row instead of raising.
    """
    path = Path(path)
    try:
        return cached_process(path, manifest_date, extract, use_cache)
    except BulletinError as e:
        return {"skipped": {"source_file": [path.name], "reason": [str(e)]}}
