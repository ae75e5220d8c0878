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
from collections.abc import Sequence
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

PARQUET_OPTIONS = {"compression": "zstd", "row_group_size": 1 << 20,
                   "write_statistics": False, "use_dictionary": True}


def write_parquet(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``table`` (its index dropped) to ``path`` as Parquet, atomically."""
    arrow = pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False)
    return atomic_write(path, lambda tmp: pq.write_table(arrow, tmp, **PARQUET_OPTIONS))


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

    def save(self, stage: str, key: str, tables: dict[str, pd.DataFrame],
             info: dict[str, Any]) -> None:
        """Store ``tables`` of ``stage``, then its record (the commit point)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        old = self.folder / f"{stage}.json"
        old.unlink(missing_ok=True)  # from here the stage is not stored until the record is
        for name, table in tables.items():
            write_parquet(table, self.folder / f"{name}.parquet")
        record = {"stage": stage, "key": key, "tables": sorted(tables), **info}
        write_text(old, json.dumps(record, indent=1, sort_keys=True) + "\n")
