"""The Corpus: load_corpus over a folder (serial, processes or Dask), parse_issue, combine, accounting."""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import itertools
import os
import sys
import warnings
from collections import Counter
from pathlib import Path
import pandas as pd

from ..lexicons import lexicon_version
from ..pipeline import cache
from ..pipeline.cache import add_warnings, process_file
from ..pipeline.codec import frame, values_of
from ..pipeline.process import process_text
from ..pipeline.workers import make_pool, process_batch, process_partition, worker_versions
from ..folder import folder_files, read_manifest_checked
from ..reading import BulletinError, read_bytes, read_issue
from ..text import strip_invisible
from ..schema import EXTRACTED, PARSED, table


def _corpus_repr(self) -> str:
    return (f"Corpus({len(self.issues)} issues, {len(self.articles)} articles, "
            f"{len(self.paragraphs)} paragraphs, {len(self.authors)} authors, {len(self.skipped)} skipped)")


# One field per table of the registry: the parsed tables, then the extracted ones (None unless
# load_corpus(extract=True) made them). A table added to the registry is a field here too.
Corpus = dataclasses.make_dataclass(
    "Corpus",
    [(n, pd.DataFrame) for n in PARSED] + [(n, "pd.DataFrame | None", dataclasses.field(default=None)) for n in EXTRACTED],
    namespace={"__repr__": _corpus_repr,
               "__doc__": "Parsed issues as DataFrames, one field per table of bulletins/schema.py; "
                          "extracted tables where load_corpus(extract=True) made them."})
Corpus.__module__ = __name__


def parse_issue(path: str | Path, date: str = "", extract: bool = False) -> Corpus:
    """One issue file -> a Corpus of one issue (BulletinError naming the file if unreadable).

    The date comes from `date`, the page header or the file name; else it stays missing.
    """
    path = Path(path)
    text, enc, warns = read_issue(path)
    rows = process_text(text, enc, path.name, date, extract)
    add_warnings(rows, warns)
    return combine([rows], extract, warn=True)


def load_corpus(folder: str | Path, extract: bool = True, use_cache: bool = True,
                progress: bool | None = None, workers: int | None = None) -> Corpus:
    """Every issue in a folder -> Corpus; every other entry, and every file that cannot be read,
    decoded or parsed, is warned about and listed in .skipped with the reason (the run goes on).

    Parsed and extracted tables are cached by each file's content hash (in .cache/),
    so a rerun only parses what changed, and a rerun with nothing changed loads the
    whole corpus at once. A cache that cannot be used gives one warning and the run goes on
    uncached. `progress=None` shows a bar on a terminal only; `workers` > 1 parses in that
    many processes (same result, same order); None uses every core (at most 8) for more
    than 200 files and one process otherwise.
    """
    jobs = _jobs(folder)
    if use_cache:
        problem = cache.usable()
        if problem:
            _say(f"cache turned off for this run: {problem}; the run goes on uncached")
            use_cache = False
        else:
            cache.clean_stale()
    whole = _whole_path(jobs, extract) if use_cache else None
    if whole is not None:
        got = cache.read_signed(whole, len(_FIELDS))
        if got is not None and _valid_corpus(got):
            corpus = Corpus(**dict(zip(_FIELDS, got)))
            _warn(corpus)
            return corpus
    if progress is None:
        progress = sys.stderr.isatty() and len(jobs.files) > 20
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(jobs.files) > 200 else 1
    args = [(p, d, extract, use_cache) for p, d in jobs.files]
    gc_was_on = gc.isenabled()
    gc.disable()   # millions of small acyclic objects: the cycle collector would only slow the build
    try:
        parts = _load(args, progress, workers)
    finally:
        if gc_was_on:
            gc.enable()
    corpus = combine(parts + [jobs.skipped_part()], extract)
    if whole is not None:
        _store_whole(whole, corpus, worker_versions(parts))
    _warn(corpus)
    return corpus


_FIELDS = [f.name for f in dataclasses.fields(Corpus)]


def _whole_path(jobs: "Jobs", extract: bool) -> Path:
    """The whole-corpus entry: keyed by every file's content, name and date, the skipped entries,
    and this process's lexicon version."""
    h = hashlib.sha1(f"{extract}|{lexicon_version()}".encode())
    for (p, d), digest in zip(jobs.files, jobs.digests):
        h.update(f"|{digest}|{p.name}|{d}".encode())
    for name, reason in jobs.skipped:
        h.update(f"|skip|{name}|{reason}".encode())
    return cache.cache_root() / "corpus" / f"{h.hexdigest()}.pkl"


def _valid_corpus(tables: list) -> bool:
    """True when a cached corpus holds a DataFrame (or None for an extracted table) with the
    registry's columns in every field."""
    for name, t in zip(_FIELDS, tables):
        if t is None and name in EXTRACTED:
            continue
        if not isinstance(t, pd.DataFrame) or tuple(t.columns) != table(name).columns:
            return False
    return len(tables) == len(_FIELDS)


def _store_whole(whole: Path, corpus: Corpus, versions: set[str]) -> None:
    """Cache the whole corpus, unless a worker read other lexicons than this process (then its
    tables do not match this process's key)."""
    if versions - {lexicon_version()}:
        _say(f"worker processes read lexicon version {', '.join(sorted(versions))}, this process "
             f"{lexicon_version()}; the corpus is not cached (restart the kernel after editing lexicons)")
        return
    if cache.write_signed(whole, (getattr(corpus, f) for f in _FIELDS)):
        try:
            for old in sorted(whole.parent.glob("*.pkl"), key=lambda p: p.stat().st_mtime)[:-4]:
                old.unlink(missing_ok=True)   # keep the four most recent corpora
        except OSError:
            pass


def _load(args: list[tuple], progress: bool, workers: int) -> list[dict]:
    from tqdm import tqdm

    bar = tqdm(total=len(args), desc="issues", unit="issue", disable=not progress)
    parts = []
    if workers > 1 and len(args) > 20:
        parts.append(process_file(*args[0]))   # here first: the workers start from this warm process
        bar.update(1)                          # (lexicons read, patterns compiled, modules imported)
        batches = _batches(args[1:], workers)
        with make_pool(workers) as pool:
            for part, batch in zip(pool.map(process_batch, batches), batches):
                parts.append(part)
                bar.update(len(batch))
    else:
        for a in args:
            parts.append(process_file(*a))
            bar.update(1)
    bar.close()
    return parts


def _batches(args: list, workers: int) -> list[list]:
    """Files per task: up to 100 (few round trips), then smaller and smaller, so that the workers
    finish together instead of one waiting for the other's last big batch.

    >>> [len(b) for b in _batches(list(range(100)), 2)]
    [12, 11, 9, 8, 7, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 2]
    """
    out, i = [], 0
    while i < len(args):
        size = max(5, min(100, (len(args) - i) // (workers * 4)))
        out.append(args[i:i + size])
        i += size
    return out


def _say(msg: str) -> None:
    warnings.warn_explicit(msg, UserWarning, "load_corpus", 0)


def _warn(corpus: Corpus) -> None:
    """Re-emit the parse warnings and skips under a fixed file name (no machine path in notebook output)."""
    for msg in list(corpus.skipped["reason"]) + [w for ws in corpus.issues["warnings"] for w in ws.splitlines()]:
        _say(msg)


@dataclasses.dataclass
class Jobs:
    """The files of a folder to parse (with manifest dates and content hashes) and the entries skipped."""
    files: list[tuple[Path, str]]
    digests: list[str]
    skipped: list[tuple[str, str]]

    def skipped_part(self) -> dict[str, dict[str, list]]:
        return {"skipped": {"source_file": [n for n, _ in self.skipped], "reason": [r for _, r in self.skipped]}}


def _jobs(folder: str | Path) -> Jobs:
    """The issue files of a folder with their manifest dates; every other entry, unreadable
    files and repeated content are skipped with a reason; manifest problems are warned about."""
    files, skipped = folder_files(folder)
    manifest, warns = read_manifest_checked(folder)
    for w in warns:
        _say(w)
    dates = dict(zip(manifest["file"], manifest["date"]))
    for f in sorted(set(manifest["file"]) - {p.name for p in files}):
        _say(f"manifest.csv names {f}, which is not in the folder")
    out, digests, by_digest, by_id = [], [], {}, {}
    for p in files:
        name = p.name
        try:
            digest = hashlib.sha1(read_bytes(p)).hexdigest()
        except BulletinError as e:
            skipped.append((name, str(e)))
            continue
        if digest in by_digest:
            skipped.append((name, f"{name}: same content as {by_digest[digest]}; counted once"))
            continue
        stem = p.stem
        if stem in by_id:
            skipped.append((name, f"{name}: same issue id ({stem}) as {by_id[stem]}; rename one of them"))
            continue
        by_digest[digest], by_id[stem] = name, name
        out.append((p, dates.get(name, "")))
        digests.append(digest)
    return Jobs(out, digests, skipped)


def load_corpus_dask(folder: str | Path, extract: bool = True, use_cache: bool = True,
                     scheduler="processes", npartitions: int | None = None) -> Corpus:
    """load_corpus with the files spread over Dask (a dask.bag over files); the same Corpus.

    `scheduler` is 'processes', 'threads', 'sync' or a dask.distributed Client for a cluster.
    """
    import dask.bag as db

    jobs = _jobs(folder)
    problem = cache.usable() if use_cache else None
    if problem:
        _say(f"cache turned off for this run: {problem}; the run goes on uncached")
        use_cache = False
    args = [(str(p), d, extract, use_cache) for p, d in jobs.files]
    bag = db.from_sequence(args, npartitions=npartitions or max(1, min(len(args), 64))).map_partitions(process_partition)
    if hasattr(scheduler, "compute"):
        parts = scheduler.compute(bag).result()
    elif scheduler == "processes":
        with make_pool(min(os.cpu_count() or 1, 8)) as pool:
            parts = bag.compute(scheduler=scheduler, pool=pool)
    else:
        parts = bag.compute(scheduler=scheduler)
    return combine(list(parts) + [jobs.skipped_part()], extract, warn=True)


def combine(parts: list[dict[str, dict[str, list]]], extract: bool = True, warn: bool = False) -> Corpus:
    """Tables of files or batches of files (columns, from process_file or a worker) -> one Corpus,
    typed and sorted; `warn` re-emits the parse warnings.

    Each file's rows come sorted, so when the parts come in issue order (files are read in
    name order) the tables are already sorted and are not sorted again.
    """
    names = PARSED + (EXTRACTED if extract else ())
    chunks = {name: {c: [] for c in table(name).columns} for name in names}
    for p in parts:
        for name, cols in p.items():
            if name in chunks:
                for c, values in cols.items():
                    chunks[name][c].append(values)
    kw = {"issues": frame(chunks["issues"], "issues")}   # sorted by issue_id
    in_order = kw["issues"]["issue_id"].tolist() == list(itertools.chain.from_iterable(map(values_of, chunks["issues"]["issue_id"])))
    for name in names[1:]:
        kw[name] = frame(chunks[name], name, presorted=in_order and name != "skipped")
    corpus = Corpus(**kw)
    if warn:
        _warn(corpus)
    return corpus


def accounting(text: str, corpus: Corpus) -> tuple[Counter, Counter]:
    """(characters missing from the parse, characters the parse added), non-whitespace only.

    Both are empty when every character of the text is in exactly one field. The text may be
    the raw text: the invisible and control characters removed before parsing (and counted in the
    issue's warnings) are removed from it first.
    """
    want = Counter(c for c in strip_invisible(text)[0] if not c.isspace())
    got: Counter = Counter()
    iss = corpus.issues.iloc[0]
    for s in [iss["header"], iss["furniture"], iss["leftover"]] + list(corpus.articles["headline"]) \
            + list(corpus.articles["byline"]) + list(corpus.articles["body"]) + list(corpus.articles["credit"]):
        got.update(c for c in s if not c.isspace())
    return want - got, got - want
