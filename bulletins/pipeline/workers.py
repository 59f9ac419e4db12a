"""Batches of files processed in worker processes (ProcessPoolExecutor or Dask); workers that
end with the process that started them."""
from __future__ import annotations

import gc
import os
import threading
import time
from typing import Iterable

from ..lexicons import lexicon_version
from ..pipeline.cache import process_file
from ..pipeline.codec import encode
from ..schema import table


VERSION_KEY = "_lexicon_version"   # not a table: combine ignores it, load_corpus reads it


def process_batch(batch: Iterable[tuple]) -> dict[str, dict[str, tuple]]:
    """process_file over a batch of files (in a worker) -> one set of encoded columns, in file order,
    with the lexicon version this worker keyed its cache entries by (under VERSION_KEY)."""
    gc_was_on = gc.isenabled()
    gc.disable()   # acyclic tables: the cycle collector would only slow the build
    merged: dict[str, dict[str, list]] = {}
    try:
        for args in batch:
            for name, cols in process_file(*args).items():
                into = merged.setdefault(name, {c: [] for c in table(name).columns})
                for c, values in cols.items():
                    into[c] += values
    finally:
        if gc_was_on:
            gc.enable()
    out = {name: {c: encode(v, table(name).kind(c)) for c, v in cols.items()} for name, cols in merged.items()}
    out[VERSION_KEY] = {"version": [lexicon_version()]}
    return out


def process_partition(batch: Iterable[tuple]) -> list[dict[str, dict[str, tuple]]]:
    return [process_batch(list(batch))]


def worker_versions(parts: list[dict]) -> set[str]:
    """The lexicon versions the workers of a run report."""
    return {v for p in parts for v in p.get(VERSION_KEY, {}).get("version", [])}


def _parent_gone(parent: int, ppid: int) -> bool:
    if os.getppid() != ppid:   # re-parented: the parent died
        return True
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def worker_init(parent: int) -> None:
    """In each worker: end when `parent` ends (Linux: the kernel's parent-death signal; everywhere:
    a watchdog thread), so killing a notebook or `make report` leaves no worker behind."""
    ppid = os.getppid()
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))   # PR_SET_PDEATHSIG
    except Exception:
        pass

    def watch() -> None:
        while not _parent_gone(parent, ppid):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def make_pool(workers: int):
    """A process pool whose workers end with this process."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, initializer=worker_init, initargs=(os.getpid(),))
