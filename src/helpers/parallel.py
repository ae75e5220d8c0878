"""Split work across processes with a deterministic merge, and quiet progress bars.

:func:`map_chunks` cuts a list of items into contiguous chunks, runs ``func`` on each in a
process pool and concatenates the results in the original order, so the output is the same
as ``func(items)`` run in one process; :func:`map_blocks` returns the chunks' results
unjoined (a sparse matrix or a table per chunk). Small inputs run in-process (a pool costs
more than it saves). ``HELPERS_JOBS`` sets the default number of processes (default: the machine's
cores, at most 2 here).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

MIN_PARALLEL = 2000


def default_jobs() -> int:
    """Processes to use: ``HELPERS_JOBS``, else the CPU count (at least 1)."""
    env = os.environ.get("HELPERS_JOBS")
    return max(1, int(env)) if env else max(1, os.cpu_count() or 1)


def map_chunks(func: Callable[[Sequence[Any]], list[T]], items: Sequence[Any],
               jobs: int | None = None, min_parallel: int | None = None,
               desc: str = "") -> list[T]:
    """``func`` applied to contiguous chunks of ``items`` in ``jobs`` processes, in order.

    ``func`` takes a sequence and returns a list with one result per item; it must be
    picklable (a module-level function or an instance of a module-level class). The
    result equals ``func(items)``. ``desc`` labels a progress bar over the chunks.
    """
    return [x for block in map_blocks(func, items, jobs, min_parallel, desc) for x in block]


def map_blocks(func: Callable[[Sequence[Any]], T], items: Sequence[Any],
               jobs: int | None = None, min_parallel: int | None = None,
               desc: str = "") -> list[T]:
    """``func`` applied to contiguous chunks of ``items`` in ``jobs`` processes.

    Returns one result per chunk, in order (one chunk when the input is small or
    ``jobs`` is 1): for workers that return a block, such as a sparse matrix of rows.
    ``desc`` labels a progress bar over the chunks.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    min_parallel = MIN_PARALLEL if min_parallel is None else min_parallel
    if jobs == 1 or len(items) < min_parallel:
        return [func(items)]
    size = -(-len(items) // (jobs * 4))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    # Forked workers share the parent's memory until they write to it; the garbage
    # collector would write to every object it scans. Freezing the parent's objects
    # first keeps those pages shared, so workers cost what they compute, not a copy;
    # heap pages the parent has freed go back to the system first.
    trim_heap()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(progress(pool.map(func, chunks), total=len(chunks), desc=desc,
                                 min_total=1 if desc else len(chunks) + 1))
    finally:
        gc.unfreeze()


def trim_heap() -> None:
    """Return the heap memory this process has freed to the system (glibc; else nothing).

    After a large stage the C allocator keeps freed pages for reuse, so the process looks
    as big as at its peak; a process forked then starts with all of it.
    """
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def progress(iterable, total: int | None = None, desc: str = "", min_total: int = 5000):
    """A tqdm progress bar for long loops; silent for short ones, in tests and headless runs.

    Set ``TQDM_DISABLE=1`` to silence it everywhere (the notebook runner and the tests do).
    """
    if total is not None and total < min_total:
        return iterable
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return iterable
    return tqdm(iterable, total=total, desc=desc, leave=False,
                disable=os.environ.get("TQDM_DISABLE", "") not in {"", "0"})
