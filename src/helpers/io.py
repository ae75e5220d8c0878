"""Atomic, deterministic writing of tables and files.

A partial result is never left under its final name: every writer writes a
temporary file in the same folder, then renames it over the target.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)``, then rename ``tmp_path`` to ``path``.

    If ``write`` raises, the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 text with ``\\n`` line endings, atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))


def table_to_csv_text(table: pd.DataFrame) -> str:
    """The suite's one CSV format: no index, ``\\n`` endings, floats to 6 significant digits."""
    return table.to_csv(index=False, lineterminator="\n", float_format="%.6g")


def write_table(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``table`` as CSV atomically, in the suite's deterministic format."""
    return write_text(path, table_to_csv_text(table))


CSV_ROW_LIMIT = 100_000


def write_data(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write an analysis table for readers: CSV (:func:`write_table`) up to
    :data:`CSV_ROW_LIMIT` rows; above it Parquet, beside it under the same name with
    ``.parquet`` (a table that large is for code, not for a spreadsheet, and Parquet writes
    it ten times faster and smaller). The other format's stale file is removed. Returns
    the path written."""
    from .engine.artefacts import write_parquet

    csv = Path(path).with_suffix(".csv")
    parquet = csv.with_suffix(".parquet")
    if len(table) <= CSV_ROW_LIMIT:
        parquet.unlink(missing_ok=True)
        return write_table(table, csv)
    csv.unlink(missing_ok=True)
    return write_parquet(table, parquet)


def read_user_table(path: str | os.PathLike[str], error: type[ValueError],
                    required: list[str] | tuple[str, ...] = (),
                    expected: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a user-edited CSV as strings (empty cells as ``""``), or raise ``error``.

    The message names the file: when it is not UTF-8 CSV, or when ``required`` columns
    are missing (``expected`` lists all the columns the table may have).
    """
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise error(f"{path}: cannot be read as a UTF-8 CSV ({err})") from None
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise error(f"{path}: missing column(s) {missing}; expected {list(expected or required)}")
    return table
