"""Batches of files processed in worker processes (ProcessPoolExecutor or Dask)."""
from __future__ import annotations

import gc
from typing import Iterable

from ..pipeline.cache import process_file
from ..pipeline.codec import encode
from ..schema import table


def process_batch(batch: Iterable[tuple]) -> dict[str, dict[str, tuple]]:
    """process_file over a batch of files (in a worker) -> one set of encoded columns, in file order."""
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
    return {name: {c: encode(v, table(name).kind(c)) for c, v in cols.items()} for name, cols in merged.items()}


def process_partition(batch: Iterable[tuple]) -> list[dict[str, dict[str, tuple]]]:
    return [process_batch(list(batch))]
