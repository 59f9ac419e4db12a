"""Heavy notebook results memoised on disk with the corpus cache (cache_root()/derived/), so a second
`make report` over the same issues recomputes no keywords, topics, NMF, parallel decisions...

The key of an entry is a content hash of the actual inputs (every DataFrame, Series, array, Corpus
table, number and string passed, defaults included), the function's qualified name, the code and
lexicon version (lexicon_version() plus the source of the whole package) and the library versions:
a filtered or edited frame is a new key. Entries are written and read like the per-issue cache
(pipeline/cache.py: pickles signed with this user's HMAC key, checked before unpickling) and hold
their own key, so a corrupt, foreign or renamed entry is recomputed. An argument that cannot be
hashed (an axes, a generator), a cache that cannot be used or BULLETIN_MEMO=0 simply compute.

helpers.py applies memoise_names() to the names listed in MEMOISED: the functions themselves are
not changed (bulletins.keywords.keywords computes every time; h.keywords is memoised).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import os
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

# The notebook calls whose results are kept (the heavy ones; cheap reshapes are not worth a hash).
MEMOISED = ("keywords", "topic_weights", "word_frequencies", "stopword_candidates", "unsupervised_topics",
            "nmf_top_words", "term_changes", "parallel_decisions", "corpus_bare_appearances", "slogan_matrix",
            "slogan_trend", "appearances_over_time")
LIBRARIES = ("numpy", "pandas", "scipy", "scikit-learn", "jieba")


class Unkeyable(TypeError):
    """An argument whose content cannot be hashed: the call is computed, not memoised."""


def _strings(values: np.ndarray, h) -> bool:
    """Feed an object array of str to h (joined by NUL); False when a value is not a str or holds a NUL
    (then the join would not tell the values apart).

    >>> _strings(np.array(["a", "b"], dtype=object), hashlib.sha256()), _strings(np.array(["a", 1], dtype=object), hashlib.sha256())
    (True, False)
    """
    try:
        text = "\0".join(values)
    except TypeError:
        return False
    if text.count("\0") != max(len(values) - 1, 0):
        return False
    h.update(f"{len(values)}:".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return True


def _column(s: pd.Series, h) -> None:
    """One column's values (not its index) into h."""
    h.update(f"|{s.name!r}:{s.dtype}:{len(s)}|".encode())
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "biufcmM":
        h.update(np.ascontiguousarray(s.to_numpy()).tobytes())
        return
    if (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)) and not s.hasnans \
            and _strings(s.to_numpy(dtype=object), h):
        return
    h.update(pd.util.hash_pandas_object(s, index=False, categorize=False).to_numpy().tobytes())


def _index(ix: pd.Index, h) -> None:
    if isinstance(ix, pd.RangeIndex):
        h.update(f"range({ix.start},{ix.stop},{ix.step},{ix.name!r})".encode())
    else:
        h.update(f"index:{ix.names!r}".encode())
        h.update(pd.util.hash_pandas_object(ix, categorize=False).to_numpy().tobytes())


def frame_digest(df: pd.DataFrame | pd.Series, h) -> None:
    """The content of a DataFrame or Series (values, dtypes, column names, index) into h.

    >>> def d(x):
    ...     h = hashlib.sha256(); frame_digest(x, h); return h.hexdigest()
    >>> a = pd.DataFrame({"w": ["甲", "乙"], "n": [1, 2]})
    >>> d(a) == d(a.copy()), d(a) == d(a.head(1)), d(a) == d(a.assign(n=[1, 3])), d(a) == d(a[::-1])
    (True, False, False, False)
    >>> d(pd.DataFrame({"w": ["ab", "c"]})) == d(pd.DataFrame({"w": ["a", "bc"]}))
    False
    """
    if isinstance(df, pd.Series):
        _index(df.index, h)
        _column(df, h)
        return
    h.update(f"frame:{df.shape}:{list(map(repr, df.columns))}".encode())
    _index(df.index, h)
    for i in range(df.shape[1]):
        _column(df.iloc[:, i], h)


def digest(value, h) -> None:
    """Any argument into h; Unkeyable for what has no content hash (axes, generators, functions...).

    >>> def d(x):
    ...     h = hashlib.sha256(); digest(x, h); return h.hexdigest()
    >>> d([1, "a", None]) == d([1, "a", None]), d({"b", "a"}) == d({"a", "b"}), d((1,)) == d([1]), d(1) == d(1.0)
    (True, True, False, False)
    """
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        h.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, (pd.DataFrame, pd.Series)):
        frame_digest(value, h)
    elif isinstance(value, pd.Index):
        _index(value, h)
    elif isinstance(value, np.ndarray):
        digest(pd.Series(value.ravel()), h)
        h.update(f"shape{value.shape}".encode())
    elif isinstance(value, (list, tuple)):
        h.update(f"{type(value).__name__}[{len(value)}](".encode())
        for v in value:
            digest(v, h)
        h.update(b")")
    elif isinstance(value, (set, frozenset, dict)):
        items = value.items() if isinstance(value, dict) else ((v, None) for v in value)
        h.update(f"{type(value).__name__}{{".encode())
        for part in sorted(_sub(k) + _sub(v) for k, v in items):
            h.update(part.encode())
        h.update(b"}")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(f"{type(value).__module__}.{type(value).__qualname__}(".encode())
        for f in dataclasses.fields(value):
            h.update(f"{f.name}=".encode())
            digest(getattr(value, f.name), h)
        h.update(b")")
    else:
        raise Unkeyable(type(value).__name__)


def _sub(value) -> str:
    h = hashlib.sha256()
    digest(value, h)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """The lexicon version (table code and lexicons), the source of every module of the package (the
    summaries, keywords and topics are not in lexicon_version) and the libraries' versions."""
    from importlib import metadata

    from .lexicons import lexicon_version

    h = hashlib.sha256(lexicon_version().encode())
    for p in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        h.update(p.as_posix().encode() + b"\0" + p.read_bytes())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none;".encode())
    return h.hexdigest()


def entry_key(name: str, arguments: dict) -> str:
    """The key of one call: qualified name, code version and the content of every argument."""
    h = hashlib.sha256(f"{name}|{code_version()}|".encode())
    for arg, value in arguments.items():
        h.update(f"{arg}=".encode())
        digest(value, h)
    return h.hexdigest()


@functools.lru_cache(maxsize=8)
def _usable(root: str) -> bool:
    from .pipeline.cache import usable

    return usable() is None


def entry_path(key: str) -> Path | None:
    """Where an entry lives (cache_root()/derived/), or None when the cache is off or cannot be used."""
    from .pipeline.cache import cache_root

    if os.environ.get("BULLETIN_MEMO", "1") == "0" or not _usable(str(cache_root())):
        return None
    return cache_root() / "derived" / key[:2] / f"{key}.pkl"


KEEP = 300   # entries kept in derived/: the most recently used (about 25 full reruns of the reports)


def _touch(path: Path) -> None:
    """Mark an entry as just used (its mtime), so prune() keeps it."""
    now = time.time_ns()    # explicit: a file's own mtime may tick only every few milliseconds
    try:
        os.utime(path, ns=(now, now))
    except OSError:
        pass


def prune(folder: Path, keep: int | None = None) -> int:
    """Delete all but the `keep` most recently used entries of folder (derived/); returns how many went.
    Entries of other issues, code or lexicons are never read again, so the folder would only grow."""
    entries = []
    for p in folder.glob("*/*.pkl"):
        try:
            entries.append((p.stat().st_mtime_ns, str(p)))
        except OSError:    # removed meanwhile by another process
            pass
    gone = sorted(entries, reverse=True)[KEEP if keep is None else keep:]
    for _, p in gone:
        Path(p).unlink(missing_ok=True)
    return len(gone)


def memoised(fn: Callable) -> Callable:
    """fn with its results kept on disk by the content of its arguments (see the module's text)."""
    from .pipeline.cache import read_signed, write_signed

    name = f"{fn.__module__}.{fn.__qualname__}"
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            bound = sig.bind(*args, **kwargs)
            bound.apply_defaults()
            key = entry_key(name, bound.arguments)
        except (Unkeyable, TypeError, ValueError):
            return fn(*args, **kwargs)
        path = entry_path(key)
        if path is None:
            return fn(*args, **kwargs)
        got = read_signed(path, 2)
        if got is not None and got[0] == key:
            _touch(path)
            return got[1]
        result = fn(*args, **kwargs)
        write_signed(path, [key, result])
        _touch(path)
        prune(path.parent.parent)
        return result

    wrapper.__wrapped_memo__ = fn
    return wrapper


def memoise_names(namespace: dict) -> dict:
    """{name: memoised function} for the names of MEMOISED found in namespace (helpers.py's globals)."""
    return {n: memoised(namespace[n]) for n in MEMOISED if callable(namespace.get(n))}
