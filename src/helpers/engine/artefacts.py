"""Stage artefacts: tables stored as Parquet (pyarrow), written atomically and byte-stable.

A stage's tables are written first, each to a temporary file renamed into place; its
record (``STAGE.json``: the fingerprint, the tables, the time it took) is written last.
A stage counts as stored only when its record names the fingerprint asked for and every
table it lists exists, so an interrupted run never passes for a complete one.

The Parquet files carry no time stamps and are written with fixed options, so the same
table gives the same bytes on every run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from scipy import sparse

from ..io import atomic_write, write_text

Filters = Sequence[tuple[str, str, Any]]
"""Row conditions for :func:`read_parquet`: ``(column, op, value)``, op one of pyarrow's
``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in``, ``not in``."""

ROW_GROUP = 1 << 20
PARQUET_OPTIONS = {"compression": "zstd", "row_group_size": ROW_GROUP,
                   "write_statistics": False, "use_dictionary": True}


class TableParts:
    """A table too large to hold whole, as consecutive pieces: ``pieces()`` yields
    DataFrames with the same columns, ``len()`` is the total number of rows.

    A stage may return one instead of a DataFrame; :func:`write_parquet` writes it piece by
    piece, so only one piece's rows exist at a time. Pieces of :data:`ROW_GROUP` rows (the
    last one shorter) give the same file as the whole table would.
    """

    def __init__(self, pieces: Callable[[], Iterator[pd.DataFrame]], rows: int):
        self.pieces, self.rows = pieces, int(rows)

    def __len__(self) -> int:
        return self.rows

    def whole(self) -> pd.DataFrame:
        """The pieces joined (for small tables and tests)."""
        return pd.concat(list(self.pieces()), ignore_index=True)


def write_parquet(table: pd.DataFrame | TableParts, path: str | os.PathLike[str]) -> Path:
    """Write ``table`` (its index dropped) to ``path`` as Parquet, atomically.

    A :class:`TableParts` is written one piece at a time (one or more row groups each).
    """
    if not isinstance(table, TableParts):
        arrow = pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False)
        return atomic_write(path, lambda tmp: pq.write_table(arrow, tmp, **PARQUET_OPTIONS))
    options = {k: v for k, v in PARQUET_OPTIONS.items() if k != "row_group_size"}

    def write(tmp: Path) -> None:
        writer, written = None, 0
        try:
            for piece in table.pieces():
                arrow = pa.Table.from_pandas(piece.reset_index(drop=True), preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, arrow.schema, **options)
                writer.write_table(arrow, row_group_size=ROW_GROUP)
                written += len(piece)
        finally:
            if writer is not None:
                writer.close()
        if writer is None or written != len(table):
            raise ValueError(f"{path}: the pieces hold {written} rows, not {len(table)}")

    return atomic_write(path, write)


def read_parquet(path: str | os.PathLike[str], columns: Sequence[str] | None = None,
                 filters: Filters | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_parquet`: only ``columns``, when given, and
    only the rows that pass ``filters`` (pyarrow's form: ``[("doc_id", "in", ids)]``,
    conditions joined by *and*), in their stored order."""
    return pq.read_table(path, columns=list(columns) if columns is not None else None,
                         filters=list(filters) if filters is not None else None).to_pandas()


def sparse_to_table(matrix: sparse.csr_matrix) -> pd.DataFrame:
    """A CSR matrix as a table ``row, col, value`` in storage order (no re-sorting)."""
    matrix = sparse.csr_matrix(matrix)
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int32), np.diff(matrix.indptr))
    return pd.DataFrame({"row": rows, "col": matrix.indices.astype(np.int32),
                         "value": matrix.data})


def table_to_sparse(table: pd.DataFrame, shape: tuple[int, int]) -> sparse.csr_matrix:
    """The CSR matrix of :func:`sparse_to_table`, with the same entry order."""
    counts = np.bincount(table["row"].to_numpy(), minlength=shape[0])
    indptr = np.r_[0, np.cumsum(counts)].astype(np.int64)
    return sparse.csr_matrix((table["value"].to_numpy(), table["col"].to_numpy(), indptr),
                             shape=shape)


class Store:
    """The artefacts of one corpus: ``folder/STAGE.json`` and ``folder/TABLE.parquet``."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)

    def record(self, stage: str) -> dict[str, Any] | None:
        """The stored record of ``stage``, or ``None``."""
        path = self.folder / f"{stage}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def has(self, stage: str, key: str) -> bool:
        """Whether ``stage`` is stored under fingerprint ``key`` with all its tables."""
        record = self.record(stage)
        return bool(record and record.get("key") == key and all(
            (self.folder / f"{t}.parquet").is_file() for t in record.get("tables", [])))

    def table(self, name: str, columns: Sequence[str] | None = None,
              filters: Filters | None = None) -> pd.DataFrame:
        """The stored table ``name`` (see :func:`read_parquet` for ``columns``, ``filters``)."""
        return read_parquet(self.path(name), columns, filters)

    def path(self, name: str) -> Path:
        """The Parquet file of table ``name``."""
        return self.folder / f"{name}.parquet"

    def save(self, stage: str, key: str, tables: dict[str, pd.DataFrame | TableParts],
             info: dict[str, Any]) -> None:
        """Store ``tables`` of ``stage``, then its record (the commit point)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        old = self.folder / f"{stage}.json"
        old.unlink(missing_ok=True)  # from here the stage is not stored until the record is
        for name, table in tables.items():
            write_parquet(table, self.folder / f"{name}.parquet")
        record = {"stage": stage, "key": key, "tables": sorted(tables), **info}
        write_text(old, json.dumps(record, indent=1, sort_keys=True) + "\n")
