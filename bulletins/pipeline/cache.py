"""Per-file cache by content hash, and process_file (one file -> its tables, or a skipped row).

The cache is only an optimisation and may fail without harm: a folder that cannot be written
turns it off for the run (one warning, see usable()); an entry that cannot be read, is not signed
with this machine's key, or has the wrong shape is recomputed. Entries are pickles signed with an
HMAC whose key lives outside the cache folder ($BULLETIN_CACHE_KEY or ~/.config/bulletins/cache.key),
so nothing in the cache folder is unpickled unless this user wrote it. Entries are keyed by the
lexicon version of the process that computed them.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import pickle
import time
from pathlib import Path
from typing import Iterable

from ..config import ROOT
from ..lexicons import lexicon_version
from ..pipeline.process import process_text
from ..reading import BulletinError, issue_text, read_bytes
from ..schema import TABLES

_MAGIC = b"BULLETIN-CACHE-1\n"
_TAG = hashlib.sha256().digest_size


def cache_root() -> Path:
    """$BULLETIN_CACHE or .cache/ in the project: issues/ (one entry a file) and corpus/ (whole corpora)."""
    return Path(os.environ.get("BULLETIN_CACHE", ROOT / ".cache"))


def cache_dir() -> Path:
    return cache_root() / "issues"


def key_file() -> Path:
    """The HMAC key's file, outside the cache: $BULLETIN_CACHE_KEY or ~/.config/bulletins/cache.key."""
    if os.environ.get("BULLETIN_CACHE_KEY"):
        return Path(os.environ["BULLETIN_CACHE_KEY"])
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "bulletins" / "cache.key"


@functools.lru_cache(maxsize=4)
def _secret(path: Path) -> bytes:
    """The HMAC key (32 random bytes, created once, readable by this user only)."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(os.urandom(32))
        except FileExistsError:
            pass
        key = path.read_bytes()
    if len(key) < 16:
        raise OSError(f"{path}: cache key too short")
    return key


def usable() -> str | None:
    """None when the cache can be used; else why not (the caller warns once and runs uncached)."""
    root, kf = cache_root(), key_file()
    try:
        if kf.resolve().is_relative_to(root.resolve()):
            return f"the cache key {kf} must not lie inside the cache folder {root}"
        _secret(kf)
        cache_dir().mkdir(parents=True, exist_ok=True)
        probe = cache_dir() / f".probe.{os.getpid()}.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except (OSError, ValueError) as e:
        return f"{root}: {getattr(e, 'strerror', None) or e}"
    return None


class _Signer:
    """A binary file wrapper that feeds what is written to an HMAC."""

    def __init__(self, f, mac):
        self.f, self.mac = f, mac

    def write(self, b) -> int:
        self.mac.update(b)
        return self.f.write(b)


def write_signed(path: Path, objects: Iterable) -> bool:
    """Pickle objects one after the other into path (atomically, via a temporary file), signed
    with the HMAC key. False (and nothing left behind) when it cannot be written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        mac = hmac.new(_secret(key_file()), digestmod="sha256")
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            f.write(_MAGIC)
            out = _Signer(f, mac)
            for obj in objects:   # one at a time, so pickle's memo never holds them all
                pickle.dump(obj, out, protocol=pickle.HIGHEST_PROTOCOL)
            f.write(mac.digest())
        tmp.replace(path)
        return True
    except Exception:   # the cache is only an optimisation
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return False


def read_signed(path: Path, n: int) -> list | None:
    """The n objects of a signed entry, or None when it is missing, unsigned, altered or broken.
    The signature is checked before anything is unpickled (on the same open file)."""
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size < len(_MAGIC) + _TAG or f.read(len(_MAGIC)) != _MAGIC:
                return None
            mac = hmac.new(_secret(key_file()), digestmod="sha256")
            left = size - len(_MAGIC) - _TAG
            while left > 0:
                chunk = f.read(min(left, 1 << 20))
                if not chunk:
                    return None
                mac.update(chunk)
                left -= len(chunk)
            if not hmac.compare_digest(mac.digest(), f.read(_TAG)):
                return None
            f.seek(len(_MAGIC))
            return [pickle.load(f) for _ in range(n)]
    except Exception:   # missing, unreadable or broken: recomputed
        return None


def clean_stale(max_age: float = 3600.0) -> int:
    """Remove temporary files of killed writes (their process gone, or older than max_age seconds)."""
    root, removed, now = cache_root(), 0, time.time()
    try:
        tmps = [t for pat in ("issues/*/*.tmp", "corpus/*.tmp", "issues/*.tmp", "derived/*/*.tmp") for t in root.glob(pat)]
    except OSError:
        return 0
    for t in tmps:
        try:
            pid = int(t.name.rsplit(".", 2)[-2])
        except (ValueError, IndexError):
            pid = 0
        try:
            if not _alive(pid) or now - t.stat().st_mtime > max_age:
                t.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cache_key(data: bytes, name: str, manifest_date: str, extract: bool, version: str | None = None) -> str:
    """Content hash of a file plus everything else its tables depend on (name, date, code, lexicons)."""
    version = version or lexicon_version()
    return hashlib.sha1(data + f"|{name}|{manifest_date}|{extract}|{version}".encode()).hexdigest()


def valid_rows(rows) -> bool:
    """True for rows as process_file makes them: {table: {column: list}} with the registry's columns.

    >>> valid_rows({'skipped': {'source_file': ['a.txt'], 'reason': ['a.txt: empty']}}), valid_rows([1])
    (True, False)
    """
    if not isinstance(rows, dict) or not rows:
        return False
    for name, cols in rows.items():
        if name not in TABLES or not isinstance(cols, dict) or set(cols) != set(TABLES[name].columns):
            return False
        if not all(isinstance(v, list) for v in cols.values()) or len({len(v) for v in cols.values()}) > 1:
            return False
    return True


def add_warnings(rows: dict[str, dict[str, list]], warns: Iterable[str]) -> None:
    """Put reading's warnings before the parse's in an issue's warnings column."""
    warns = list(warns)
    if warns and rows.get("issues", {}).get("warnings"):
        col = rows["issues"]["warnings"]
        col[0] = "\n".join(warns + ([col[0]] if col[0] else []))


def cached_process(path: Path, manifest_date: str, extract: bool, use_cache: bool) -> dict[str, list[dict]]:
    data = read_bytes(path)
    cfile = None
    if use_cache:
        key = cache_key(data, path.name, manifest_date, extract)   # this process's lexicon version
        cfile = cache_dir() / key[:2] / f"{key}.pkl"
        got = read_signed(cfile, 1)
        if got is not None and valid_rows(got[0]):
            return got[0]
    text, enc, warns = issue_text(data, path.name)
    rows = process_text(text, enc, path.name, manifest_date, extract)
    add_warnings(rows, warns)
    if cfile is not None:
        write_signed(cfile, [rows])
    return rows


def skipped_row(name: str, reason: str) -> dict[str, dict[str, list]]:
    return {"skipped": {"source_file": [name], "reason": [reason]}}


def process_file(path: str | Path, manifest_date: str = "", extract: bool = True,
                 use_cache: bool = True) -> dict[str, list[dict]]:
    """One file -> rows of its tables (cached by content hash); the unit of work for serial or Dask runs.

    A file that cannot be read, decoded or parsed gives one 'skipped' row naming it and the
    reason, instead of raising.
    """
    path = Path(path)
    try:
        return cached_process(path, manifest_date, extract, use_cache)
    except BulletinError as e:
        return skipped_row(path.name, str(e))
    except Exception as e:   # a bug met by one odd file must not stop the corpus
        return skipped_row(path.name, f"{path.name}: could not be parsed ({type(e).__name__}: {e})")
