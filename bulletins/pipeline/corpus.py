"""The Corpus: load_corpus over a folder (serial, processes or Dask), parse_issue, combine, accounting."""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import itertools
import os
import pickle
import sys
import warnings
from collections import Counter
from pathlib import Path
import pandas as pd

from ..pipeline.cache import cache_dir, cache_key, process_file
from ..pipeline.codec import frame, values_of
from ..pipeline.process import process_text
from ..pipeline.workers import process_batch, process_partition
from ..reading import issue_files, read_issue_text, read_manifest
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
    text, enc = read_issue_text(path)
    return combine([process_text(text, enc, path.name, date, extract)], extract, warn=True)


def load_corpus(folder: str | Path, extract: bool = True, use_cache: bool = True,
                progress: bool | None = None, workers: int | None = None) -> Corpus:
    """Every issue in a folder -> Corpus; unreadable files are warned about and listed in .skipped.

    Parsed and extracted tables are cached by each file's content hash (in .cache/),
    so a rerun only parses what changed, and a rerun with nothing changed loads the
    whole corpus at once. `progress=None` shows a bar on a terminal only; `workers`
    > 1 parses in that many processes (same result, same order); None uses every
    core (at most 8) for more than 200 files and one process otherwise.
    """
    jobs = _jobs(folder)
    whole = None
    if use_cache:
        keys = "|".join(cache_key(p.read_bytes(), p.name, d, extract) for p, d in jobs)
        whole = cache_dir().parent / "corpus" / f"{hashlib.sha1(keys.encode()).hexdigest()}.pkl"
        if whole.exists():
            try:
                with whole.open("rb") as f:
                    corpus = Corpus(**{field.name: pickle.load(f) for field in dataclasses.fields(Corpus)})
                _warn(corpus)
                return corpus
            except Exception:  # a broken cache entry is recomputed
                pass
    if progress is None:
        progress = sys.stderr.isatty() and len(jobs) > 20
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(jobs) > 200 else 1
    args = [(p, d, extract, use_cache) for p, d in jobs]
    gc_was_on = gc.isenabled()
    gc.disable()   # millions of small acyclic objects: the cycle collector would only slow the build
    try:
        corpus = _load(args, extract, progress, workers)
    finally:
        if gc_was_on:
            gc.enable()
    if whole is not None:
        whole.parent.mkdir(parents=True, exist_ok=True)
        tmp = whole.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:   # one table at a time, so pickle's memo never holds the whole corpus
            for field in dataclasses.fields(Corpus):
                pickle.dump(getattr(corpus, field.name), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(whole)
        for old in sorted(whole.parent.glob("*.pkl"), key=lambda p: p.stat().st_mtime)[:-4]:
            old.unlink(missing_ok=True)   # keep the four most recent corpora
    _warn(corpus)
    return corpus


def _load(args: list[tuple], extract: bool, progress: bool, workers: int) -> Corpus:
    from tqdm import tqdm

    bar = tqdm(total=len(args), desc="issues", unit="issue", disable=not progress)
    if workers > 1 and len(args) > 20:
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, min(100, len(args) // (workers * 8)))   # files per task: few round trips, even load
        batches = [args[i:i + size] for i in range(0, len(args), size)]
        parts = []
        with ProcessPoolExecutor(workers) as pool:
            for part, batch in zip(pool.map(process_batch, batches), batches):
                parts.append(part)
                bar.update(len(batch))
    else:
        parts = []
        for a in args:
            parts.append(process_file(*a))
            bar.update(1)
    bar.close()
    return combine(parts, extract)


def _warn(corpus: Corpus) -> None:
    """Re-emit the parse warnings and skips under a fixed file name (no machine path in notebook output)."""
    for msg in list(corpus.skipped["reason"]) + [w for ws in corpus.issues["warnings"] for w in ws.splitlines()]:
        warnings.warn_explicit(msg, UserWarning, "load_corpus", 0)


def _jobs(folder: str | Path) -> list[tuple[Path, str]]:
    """(file, manifest date) for every issue file of a folder; warns of manifest lines without a file."""
    files = issue_files(folder)
    manifest = read_manifest(folder)
    dates = dict(zip(manifest["file"], manifest["date"]))
    for f in sorted(set(manifest["file"]) - {p.name for p in files}):
        warnings.warn_explicit(f"manifest.csv names {f}, which is not in the folder", UserWarning, "load_corpus", 0)
    return [(p, dates.get(p.name, "")) for p in files]


def load_corpus_dask(folder: str | Path, extract: bool = True, use_cache: bool = True,
                     scheduler="processes", npartitions: int | None = None) -> Corpus:
    """load_corpus with the files spread over Dask (a dask.bag over files); the same Corpus.

    `scheduler` is 'processes', 'threads', 'sync' or a dask.distributed Client for a cluster.
    """
    import dask.bag as db

    args = [(str(p), d, extract, use_cache) for p, d in _jobs(folder)]
    bag = db.from_sequence(args, npartitions=npartitions or max(1, min(len(args), 64))).map_partitions(process_partition)
    parts = scheduler.compute(bag).result() if hasattr(scheduler, "compute") else bag.compute(scheduler=scheduler)
    return combine(list(parts), extract, warn=True)


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

    Both are empty when every character of the text is in exactly one field.
    """
    want = Counter(c for c in text if not c.isspace())
    got: Counter = Counter()
    iss = corpus.issues.iloc[0]
    for s in [iss["header"], iss["furniture"], iss["leftover"]] + list(corpus.articles["headline"]) \
            + list(corpus.articles["byline"]) + list(corpus.articles["body"]) + list(corpus.articles["credit"]):
        got.update(c for c in s if not c.isspace())
    return want - got, got - want
