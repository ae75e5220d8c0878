"""Stages, their fingerprints, and a run that computes each stage once per corpus.

A :class:`Stage` is a pure function of upstream tables, side inputs (:class:`Source`:
the corpus files, the actors table, the codebook …) and its settings. It returns its
tables by name. A :class:`Run` binds a graph of stages to one corpus folder and one
:class:`~helpers.engine.artefacts.Store`:

* ``run.table("quotes")`` (or ``run.quotes``) returns the stored table when the stage's
  fingerprint matches; otherwise it computes the stage, and first any upstream stage
  that is missing or stale, stores the tables and returns them;
* a stage's fingerprint is a digest of its name, its settings, the code version, the
  fingerprints of its sources and the fingerprints of its upstream stages; so editing one
  input recomputes exactly the stages downstream of it;
* every table a stage hands on is the one read back from the store, so a fresh run and a
  cached run see the same bytes.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .artefacts import Filters, Store, TableParts
from .compute import drop_caches, trim_heap, trim_workers
from .fingerprint import digest


@dataclass(frozen=True)
class Source:
    """A side input of the pipeline: ``fingerprint(folder)`` and ``load(folder)``."""

    name: str
    fingerprint: Callable[[Path, Store], str]
    load: Callable[[Path], Any]
    doc: str = ""


@dataclass(frozen=True)
class Stage:
    """One step: ``func(inputs)`` returns ``{table name: DataFrame}`` for ``outputs`` (a
    table too large to hold whole may be a :class:`~helpers.engine.artefacts.TableParts`,
    stored piece by piece).

    ``inputs`` are upstream table names, ``sources`` side inputs, ``settings`` the
    parameters that change its result (part of its fingerprint).
    """

    name: str
    func: Callable[[StageInputs], Mapping[str, pd.DataFrame | TableParts]]
    outputs: tuple[str, ...]
    inputs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""


@dataclass
class StageInputs:
    """What a stage function receives: upstream tables, sources, settings, folder."""

    tables: dict[str, pd.DataFrame]
    sources: dict[str, Any]
    settings: dict[str, Any]
    folder: Path

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


class Graph:
    """Stages and sources by name; checks that every input has exactly one producer."""

    def __init__(self, stages: Iterable[Stage], sources: Iterable[Source], code_version: str):
        self.stages = {s.name: s for s in stages}
        self.sources = {s.name: s for s in sources}
        self.code_version = code_version
        self.producer: dict[str, str] = {}
        for stage in self.stages.values():
            for table in stage.outputs:
                if table in self.producer:
                    raise ValueError(f"table {table!r} produced by {self.producer[table]!r} "
                                     f"and {stage.name!r}")
                self.producer[table] = stage.name
        for stage in self.stages.values():
            unknown = [t for t in stage.inputs if t not in self.producer]
            unknown += [s for s in stage.sources if s not in self.sources]
            if unknown:
                raise ValueError(f"stage {stage.name!r}: unknown input(s) {unknown}")

    def upstream(self, stage: str) -> list[str]:
        """The stages ``stage`` reads from directly, in a fixed order."""
        return sorted({self.producer[t] for t in self.stages[stage].inputs})

    def order(self, stages: Iterable[str] | None = None) -> list[str]:
        """``stages`` (default: all) and their upstream stages, upstream first."""
        done: list[str] = []

        def visit(name: str) -> None:
            if name in done:
                return
            for up in self.upstream(name):
                visit(up)
            done.append(name)

        for name in stages if stages is not None else self.stages:
            visit(name)
        return done


class Run:
    """One corpus through the pipeline; tables on demand, each stage computed once.

    ``run.log`` lists what happened, one dict per stage asked for: ``stage``, ``status``
    (``computed`` or ``stored``), ``seconds``. ``on_stage(stage, event, seconds)`` is
    called as each stage starts and ends (the runner prints it).
    """

    def __init__(self, graph: Graph, folder: Path, store: Store,
                 settings: Mapping[str, Mapping[str, Any]] | None = None,
                 on_stage: Callable[[str, str, float], None] | None = None):
        self.graph, self.folder, self.store = graph, Path(folder), store
        self.overrides = {k: dict(v) for k, v in (settings or {}).items()}
        unknown = sorted(set(self.overrides) - set(graph.stages))
        if unknown:
            raise ValueError(f"settings for unknown stage(s) {unknown}; stages are "
                             f"{sorted(graph.stages)}")
        self.on_stage = on_stage
        self.log: list[dict[str, Any]] = []
        self._keys: dict[str, str] = {}
        self._source_keys: dict[str, str] = {}
        self._sources: dict[str, Any] = {}
        self._tables: dict[str, pd.DataFrame] = {}
        self._locked = 0

    # fingerprints --------------------------------------------------------------------
    def settings(self, stage: str) -> dict[str, Any]:
        """The settings of ``stage``: its defaults, updated by this run's overrides."""
        return {**self.graph.stages[stage].settings, **self.overrides.get(stage, {})}

    def source_key(self, name: str) -> str:
        if name not in self._source_keys:
            self._source_keys[name] = self.graph.sources[name].fingerprint(self.folder,
                                                                           self.store)
        return self._source_keys[name]

    def key(self, stage: str) -> str:
        """The fingerprint of ``stage`` on this corpus (see the module docstring)."""
        if stage not in self._keys:
            spec = self.graph.stages[stage]
            self._keys[stage] = digest({
                "stage": stage, "settings": self.settings(stage),
                "code": self.graph.code_version,
                "sources": {s: self.source_key(s) for s in spec.sources},
                "upstream": {u: self.key(u) for u in self.graph.upstream(stage)},
            })
        return self._keys[stage]

    def is_stored(self, stage: str) -> bool:
        return self.store.has(stage, self.key(stage))

    def stale(self) -> list[str]:
        """The stages that a full run would compute, upstream first."""
        return [s for s in self.graph.order() if not self.is_stored(s)]

    # data ----------------------------------------------------------------------------
    def source(self, name: str) -> Any:
        """A side input, loaded once (e.g. ``run.source("actors")``)."""
        if name not in self._sources:
            self._sources[name] = self.graph.sources[name].load(self.folder)
        return self._sources[name]

    def table(self, name: str, keep: bool = True, columns: Sequence[str] | None = None,
              filters: Filters | None = None) -> pd.DataFrame:
        """The table ``name``: stored, or computed with whatever it needs first.

        ``columns`` reads only those columns from the store (a large corpus's ``reuse`` or
        ``sentences`` without their texts takes a fraction of the memory and time), and
        ``filters`` only the rows that pass them, e.g. ``[("doc_id", "in", ["a", "b"])]``
        (:func:`~helpers.engine.artefacts.read_parquet`). Such a partial table is read
        from the store every time; a whole table is kept (unless ``keep=False``).
        """
        if name in self._tables and filters is None:
            whole = self._tables[name]
            return whole if columns is None else whole[list(columns)]
        self._ensure_table(name)
        if columns is not None or filters is not None:
            return self.store.table(name, columns, filters)
        table = self.store.table(name)
        if keep:
            self._tables[name] = table
        return table

    def arrow(self, name: str, columns: Sequence[str] | None = None,
              filters: Filters | None = None):
        """The stored table ``name`` as a ``pyarrow.Table`` (computed first if needed).

        For readers that keep a large table in memory, such as the explorer's search
        index: Arrow strings take a fraction of the memory of pandas objects.
        """
        import pyarrow.parquet as pq

        self._ensure_table(name)
        return pq.read_table(self.store.path(name),
                             columns=list(columns) if columns is not None else None,
                             filters=list(filters) if filters is not None else None)

    def _ensure_table(self, name: str) -> None:
        if name not in self.graph.producer:
            raise KeyError(f"no stage produces a table {name!r}; tables are "
                           f"{sorted(self.graph.producer)}")
        self.ensure([self.graph.producer[name]])

    def write_data(self, name: str, path: str | os.PathLike[str]) -> Path:
        """Write table ``name`` for readers as :func:`helpers.io.write_data` does (CSV up
        to :data:`~helpers.io.CSV_ROW_LIMIT` rows, else Parquet beside it), without
        loading a large table: its stored Parquet file is copied. Returns the path."""
        from ..io import CSV_ROW_LIMIT, atomic_write, write_data

        self._ensure_table(name)
        record = self.store.record(self.graph.producer[name]) or {}
        rows = record.get("rows", {}).get(name)
        if rows is None or rows <= CSV_ROW_LIMIT:
            return write_data(self.table(name, keep=False), path)
        csv = Path(path).with_suffix(".csv")
        csv.unlink(missing_ok=True)
        source = self.store.path(name)
        return atomic_write(csv.with_suffix(".parquet"),
                            lambda tmp: shutil.copyfile(source, tmp))

    def ensure(self, stages: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Compute ``stages`` (default: all) and anything stale upstream of them."""
        done = []
        for stage in self.graph.order(stages):
            if self.is_stored(stage):
                continue
            with self._lock():
                if self.is_stored(stage):  # another process computed it meanwhile
                    continue
                done.append(self._compute(stage))
        return done

    def _compute(self, stage: str) -> dict[str, Any]:
        spec = self.graph.stages[stage]
        if self.on_stage:
            self.on_stage(stage, "start", 0.0)
        start = time.perf_counter()
        inputs = StageInputs(
            tables={t: self.table(t, keep=False) for t in spec.inputs},
            sources={s: self.source(s) for s in spec.sources},
            settings=self.settings(stage), folder=self.folder)
        # The inputs live through the whole stage: freezing them keeps the garbage collector
        # from rescanning millions of long-lived objects at every collection (its cost
        # would otherwise grow with the corpus at each of the stage's many collections).
        gc.collect()
        gc.freeze()
        try:
            tables = dict(spec.func(inputs))
        finally:
            gc.unfreeze()
        missing = sorted(set(spec.outputs) - set(tables))
        if missing:
            raise RuntimeError(f"stage {stage!r} did not return {missing}")
        del inputs
        self.store.save(stage, self.key(stage), {t: tables[t] for t in spec.outputs},
                        {"seconds": round(time.perf_counter() - start, 3),
                         "rows": {t: int(len(tables[t])) for t in spec.outputs}})
        del tables
        for t in spec.outputs:
            self._tables.pop(t, None)
        drop_caches()
        trim_heap()
        trim_workers()
        seconds = time.perf_counter() - start
        entry = {"stage": stage, "status": "computed", "seconds": round(seconds, 3)}
        self.log.append(entry)
        if self.on_stage:
            self.on_stage(stage, "end", seconds)
        return entry

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """One process at a time computes in this store (others wait, then reuse)."""
        if self._locked:
            yield
            return
        self.store.folder.mkdir(parents=True, exist_ok=True)
        with open(self.store.folder / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            self._locked += 1
            try:
                yield
            finally:
                self._locked -= 1
                fcntl.flock(handle, fcntl.LOCK_UN)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self.graph.producer:
            raise AttributeError(name)
        return self.table(name)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self.graph.producer})

    def __repr__(self) -> str:
        return (f"<Run {self.folder} · {len(self.graph.stages)} stages, "
                f"{len(self.stale())} to compute · store {self.store.folder}>")


def store_for(folder: Path, root: Path) -> Store:
    """The artefact folder of corpus ``folder`` below ``root``: ``NAME-HASH`` of its path."""
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in folder.name)[:40]
    return Store(root / f"{name}-{digest(os.fspath(folder.resolve()))[:10]}")
