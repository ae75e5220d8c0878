"""Where the work runs: in this process, on a local Dask cluster, or on a remote one.

Every stage that handles articles one by one (cleaning, sentences, quotes, sentiment,
framing, hashing counts) calls :func:`map_blocks` or :func:`map_chunks`. They cut the
items into contiguous partitions, run the worker on each partition and return the
results **in the partitions' order**, so the output is the same whatever the number of
partitions and whichever scheduler ran them.

The scheduler is chosen once per process (:func:`client`):

* ``DASK_SCHEDULER_ADDRESS`` (or ``HELPERS_SCHEDULER=tcp://…``): an existing Dask cluster
  (``dask scheduler`` and ``dask worker``, dask-jobqueue, Kubernetes …). Every input goes
  there, whatever its size; the workers need this package installed (``pip install -e .``).
* ``HELPERS_SCHEDULER=sync``: in this process, partition by partition (tests, debugging).
* otherwise (the default): small inputs (fewer than :data:`MIN_PARALLEL` items) run in this
  process; larger ones start, once, a ``distributed.LocalCluster`` with one single-threaded
  worker process per core (``HELPERS_JOBS`` sets how many), closed when the process exits.

A partition travels as one pickled blob (:class:`_Packed`), scattered to a worker as data
(:class:`_Sent`), never inside a task graph: Dask serialises lists element by element, and
its scheduler keeps the graphs it receives.

:func:`configure` changes these for a block of code (the tests use it to force small
partitions and to compare schedulers).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import gc
import logging
import os
import pickle
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

T = TypeVar("T")

MIN_PARALLEL = 2000


@dataclass(frozen=True)
class Settings:
    """How :func:`map_blocks` runs. ``scheduler``: ``"auto"``, ``"sync"``, ``"local"`` (a
    local cluster whatever the size) or a scheduler address; ``partition_size``: items per
    partition (``None``: about four partitions per worker); ``min_parallel``: below this
    many items ``"auto"`` stays in this process."""

    scheduler: str = "auto"
    partition_size: int | None = None
    min_parallel: int = MIN_PARALLEL
    workers: int | None = None


_SETTINGS: list[Settings] = []
_CLIENTS: dict[str, Any] = {}


def settings() -> Settings:
    """The settings in force: the innermost :func:`configure`, else the environment."""
    if _SETTINGS:
        return _SETTINGS[-1]
    address = os.environ.get("DASK_SCHEDULER_ADDRESS") or os.environ.get("HELPERS_SCHEDULER")
    return Settings(scheduler=address or "auto")


@contextlib.contextmanager
def configure(**changes: Any) -> Iterator[Settings]:
    """Run a block with other :class:`Settings` (``scheduler=``, ``partition_size=`` …)."""
    current = replace(settings(), **changes)
    _SETTINGS.append(current)
    try:
        yield current
    finally:
        _SETTINGS.pop()


def default_jobs() -> int:
    """Worker processes of a local cluster: ``HELPERS_JOBS``, else the CPU count."""
    env = os.environ.get("HELPERS_JOBS")
    return max(1, int(env)) if env else max(1, os.cpu_count() or 1)


def _quiet() -> None:
    """Silence what a user cannot act on: the cluster's start-up and shutdown chatter."""
    for name in ("distributed", "distributed.worker", "distributed.scheduler",
                 "distributed.nanny", "distributed.core", "distributed.http.proxy"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message=".*[Ss]ending large graph.*")
    warnings.filterwarnings("ignore", message=".*[Ll]arge object of size.*")
    warnings.filterwarnings("ignore", message=".*Port 8787 is already in use.*")


# Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers, which also fixes glibc's
# mmap threshold at 128 KiB: every array above that is mapped afresh and page-faulted in.
# The cross-article stages allocate many arrays of a few MB per task, and spent half their
# CPU time there (reuse at 10,000 articles: 9 s of worker CPU instead of 5.5 s). Arrays up
# to 64 MiB now come from the heap, which returns memory to the system above 256 MiB free.
_WORKER_MALLOC = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": str(2**28),
                  "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": str(2**26)}


def client(scheduler: str | None = None, workers: int | None = None):
    """The Dask client for ``scheduler`` (an address, or ``"local"``), started once.

    Returns ``None`` for ``"sync"``. A local cluster has ``workers`` single-threaded worker
    processes (default :func:`default_jobs`) and no dashboard; a remote cluster's dashboard
    link is printed once, so a user can watch the work.
    """
    scheduler = scheduler or settings().scheduler
    if scheduler in ("sync", ""):
        return None
    key = f"{scheduler}:{workers}" if scheduler in ("auto", "local") else scheduler
    if key in _CLIENTS:
        return _CLIENTS[key]
    _quiet()
    from distributed import Client, LocalCluster

    if scheduler in ("auto", "local"):
        import dask

        trim_heap()
        with dask.config.set(_WORKER_MALLOC):
            cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
        dask_client = Client(cluster, set_as_default=False)
    else:
        dask_client = Client(scheduler, set_as_default=False)
        print(f"Dask cluster {scheduler}: dashboard {dask_client.dashboard_link}", flush=True)
    _CLIENTS[key] = dask_client
    return dask_client


def shutdown() -> None:
    """Close every client this process started (and the local clusters behind them)."""
    while _CLIENTS:
        _key, dask_client = _CLIENTS.popitem()
        cluster = getattr(dask_client, "cluster", None)
        with contextlib.suppress(Exception):
            dask_client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


atexit.register(shutdown)


def partitions(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    """``items`` cut into contiguous slices of ``size`` (the last may be shorter)."""
    size = max(1, size)
    return [items[i:i + size] for i in range(0, len(items), size)]


def map_chunks(func: Callable[[Sequence[Any]], list[T]], items: Sequence[Any],
               jobs: int | None = None, min_parallel: int | None = None,
               desc: str = "") -> list[T]:
    """``func`` applied to contiguous partitions of ``items``, results joined in order.

    ``func`` takes a sequence and returns one result per item; it must be picklable (a
    module-level function, or an instance of a module-level class). The result equals
    ``func(items)``.
    """
    return [x for block in map_blocks(func, items, jobs, min_parallel, desc) for x in block]


def _pack(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class _Packed:
    """A worker function whose partition arrives, and whose result travels back, as one
    pickled blob.

    Dask serialises a list or dict element by element, which for a partition's thousands
    of small Python objects costs far more than computing them; one ``bytes`` object
    crosses at the speed of the network, and the scheduler never unpacks it."""

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func

    def __call__(self, blob: bytes) -> bytes:
        return _pack(self.func(pickle.loads(blob)))


class _Sent:
    """A task whose input was scattered to a worker: ``result`` and ``data`` futures.

    The input goes to the worker as data, not inside the task graph: the scheduler keeps
    the graphs it has received (at 10,000 articles, 700 MB of partitions stayed in the
    stage process after sentence reuse), never the data of released futures."""

    def __init__(self, dask_client: Any, func: _Packed, part: Any):
        self.data = dask_client.scatter(_pack(part), hash=False)
        self.result = dask_client.submit(func, self.data, pure=False)

    def release(self) -> None:
        self.result.release()
        self.data.release()


def _unpack(sent: _Sent) -> Any:
    try:
        return pickle.loads(sent.result.result())
    finally:
        sent.release()


def _active_client(jobs: int | None):
    """The client of the scheduler in force (a local cluster gets ``jobs`` workers)."""
    conf = settings()
    remote = conf.scheduler not in ("auto", "local")
    return client(conf.scheduler, conf.workers or (None if remote else jobs))


def _workers(dask_client) -> int:
    return max(1, len(dask_client.scheduler_info().get("workers", {})))


def _runs_here(n_items: int, jobs: int | None) -> bool:
    conf = settings()
    return (jobs == 1 or n_items == 0 or conf.scheduler == "sync"
            or (conf.scheduler == "auto" and n_items < conf.min_parallel))


def plan(n_items: int, jobs: int | None = None) -> int:
    """How many partitions :func:`map_blocks` cuts ``n_items`` into under the settings in
    force (for stages that cut their input themselves, at article boundaries)."""
    conf = settings()
    if _runs_here(n_items, jobs):
        return 1 if conf.partition_size is None or jobs == 1 else -(-n_items // max(
            1, conf.partition_size))
    if conf.partition_size:
        return -(-n_items // conf.partition_size)
    return min(n_items, _workers(_active_client(jobs)) * 4)


def map_blocks(func: Callable[[Sequence[Any]], T], items: Sequence[Any],
               jobs: int | None = None, min_parallel: int | None = None,
               desc: str = "") -> list[T]:
    """``func`` applied to contiguous partitions of ``items``: one result per partition.

    ``jobs=1`` runs in this process as one partition. Otherwise the partitions run where
    :func:`settings` says (see the module docstring); ``desc`` labels the progress bar.
    """
    if min_parallel is not None:
        with configure(min_parallel=min_parallel):
            return map_blocks(func, items, jobs, None, desc)
    pieces = plan(len(items), jobs)
    if pieces <= 1:
        return [func(items)]
    parts = partitions(items, -(-len(items) // pieces))
    return map_partitions(func, parts, len(items), jobs, desc)


def map_partitions(func: Callable[[Any], T], parts: Sequence[Any], n_items: int,
                   jobs: int | None = None, desc: str = "") -> list[T]:
    """``func`` applied to each of ``parts`` (already cut), results in order.

    ``n_items`` (what the parts hold in all) decides, as in :func:`map_blocks`, whether
    the work stays in this process or goes to the Dask cluster.
    """
    if _runs_here(n_items, jobs) or len(parts) <= 1:
        return [func(part) for part in parts]
    dask_client = _active_client(jobs)
    gc.collect()
    packed = _Packed(func)
    futures = [_Sent(dask_client, packed, p) for p in parts]
    try:  # results in partition order; the bar moves as each partition arrives
        return [_unpack(future) for future in progress(
            futures, total=len(futures), desc=desc,
            min_total=1 if desc else len(futures) + 1)]
    finally:
        for future in futures:
            future.release()


def map_stream(func: Callable[[Any], T], parts: Iterable[Any], n_items: int,
               jobs: int | None = None, desc: str = "", in_flight: int = 3) -> Iterator[T]:
    """``func`` applied to each part of a (lazy) iterable, results yielded in order.

    For cross-article stages whose parts are built one at a time (so they are never all in
    memory): at most ``in_flight`` parts per worker are out at once. ``n_items`` decides
    where the work runs, as in :func:`map_blocks`.
    """
    if _runs_here(n_items, jobs):
        for part in parts:
            yield func(part)
        return
    dask_client = _active_client(jobs)
    limit = in_flight * _workers(dask_client)
    window: list[Any] = []
    packed = _Packed(func)
    bar = progress(None, total=None, desc=desc) if desc else None
    try:
        for part in parts:
            window.append(_Sent(dask_client, packed, part))
            if len(window) >= limit:
                yield _unpack(window.pop(0))
                if bar is not None and hasattr(bar, "update"):
                    bar.update(1)
        while window:
            yield _unpack(window.pop(0))
    finally:
        for future in window:
            future.release()
        if bar is not None and hasattr(bar, "close"):
            bar.close()


def trim_heap() -> None:
    """Return the heap memory this process has freed to the system (glibc; else nothing)."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


_ON_RELEASE: list[Callable[[], Any]] = []


def on_release(func: Callable[[], Any]) -> Callable[[], Any]:
    """Register ``func`` to drop a cache that one stage needs and the next ones do not (a
    model, say); :func:`drop_caches` calls it between stages, here and on the workers
    (where the module that registers it was imported by the stage that used it)."""
    _ON_RELEASE.append(func)
    return func


def drop_caches() -> None:
    """Drop the caches registered with :func:`on_release` (the pipeline does it between
    stages, then returns the freed heap: :func:`trim_heap`)."""
    for func in _ON_RELEASE:
        func()


def _release() -> None:  # on a worker, between stages
    drop_caches()
    gc.collect()
    trim_heap()


def _release_on(dask_client: Any) -> None:
    with contextlib.suppress(Exception):  # a cluster closing meanwhile
        dask_client.run(_release)


def trim_workers() -> None:
    """Have the workers of every cluster this process uses collect their garbage and
    return freed heap memory to the system (the runner does it after each stage: a
    worker's heap otherwise keeps the high-water mark of the largest stage so far).
    It is sent from a background thread: the next stage does not wait for it."""
    import threading

    for dask_client in list(_CLIENTS.values()):
        threading.Thread(target=_release_on, args=(dask_client,), daemon=True).start()


def progress(iterable, total: int | None = None, desc: str = "", min_total: int = 5000):
    """A tqdm progress bar for long loops in a terminal; silent for short ones, when
    standard error is not a terminal (a log file) and where ``TQDM_DISABLE`` is set (the
    notebook runner and the tests set it)."""
    if total is not None and total < min_total:
        return iterable
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return iterable
    quiet = os.environ.get("TQDM_DISABLE", "") not in {"", "0"} or not sys.stderr.isatty()
    return tqdm(iterable, total=total, desc=desc, leave=False, disable=quiet)
