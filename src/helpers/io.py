"""Atomic, deterministic writing of tables and files.

A partial result is never left under its final name: every writer writes a
temporary file in the same folder, then renames it over the target.
"""

from __future__ import annotations

import csv
import io
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


# OWASP "CSV injection": a spreadsheet runs a cell that begins with =, +, -, @, a tab or a
# carriage return as a formula. Such a text cell is written with a leading apostrophe,
# which spreadsheets show as plain text; cells that already begin with apostrophes before
# one of these get one more, so that removing one (:func:`read_user_table`) gives every
# text back exactly.
_NEUTRALISED = r"'*[=+\-@\t\r]"  # a cell that gets one more apostrophe
_RESTORE_PREFIX = r"^'(?='*[=+\-@\t\r])"  # the apostrophe the reader removes


def _text_columns(table: pd.DataFrame):
    """``(name, column)`` of each column that may hold text."""
    for col in table.columns:
        column = table[col]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            yield col, column


def _where_text(column: pd.Series, test) -> pd.Series:
    """``test(column.str)`` as booleans (``False`` for cells that are not text)."""
    try:
        return test(column.str).fillna(False).astype(bool)
    except AttributeError:  # no text at all in the column
        return pd.Series(False, index=column.index)


def safe_for_spreadsheets(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell that a spreadsheet would run as a formula given a
    leading apostrophe (see :data:`_NEUTRALISED`); columns that need none are not copied."""
    out = None
    for col, column in _text_columns(table):
        risky = _where_text(column, lambda s: s.match(_NEUTRALISED))
        if risky.any():
            out = table.copy() if out is None else out
            texts = column.astype(object)
            out[col] = texts.where(~risky, "'" + texts[risky].astype(str))
    return table if out is None else out


def table_to_csv_text(table: pd.DataFrame) -> str:
    """The suite's one CSV format: no index, ``\\n`` endings, floats to 6 significant
    digits, text cells safe to open in a spreadsheet (:func:`safe_for_spreadsheets`).

    A table with a carriage return inside a text cell quotes every text cell, so that the
    ``\\r`` is read back as part of its cell (the csv module quotes ``\\n`` but not a lone
    ``\\r`` when rows end with ``\\n``)."""
    table = safe_for_spreadsheets(table)
    carriage = any(_where_text(column, lambda s: s.contains("\r", regex=False)).any()
                   for _col, column in _text_columns(table))
    return table.to_csv(index=False, lineterminator="\n", float_format="%.6g",
                        quoting=csv.QUOTE_NONNUMERIC if carriage else csv.QUOTE_MINIMAL)


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


def _ragged_row(text: str) -> str:
    """The first row whose number of cells differs from the header's, described; ``""``
    when every row has as many cells as the header (blank lines are ignored)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return ""
        for row in reader:
            if row and len(row) != len(header):
                return (f"line {reader.line_num} has {len(row)} cells, the header has "
                        f"{len(header)} ({', '.join(header)}); quote cells that hold commas")
    except csv.Error as err:
        return f"line {reader.line_num} is not valid CSV ({err})"
    return ""


def read_user_table(path: str | os.PathLike[str], error: type[ValueError],
                    required: list[str] | tuple[str, ...] = (),
                    expected: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a user-edited CSV as strings (empty cells as ``""``), or raise ``error``.

    The message names the file: when it is not UTF-8 CSV, or when ``required`` columns
    are missing (``expected`` lists all the columns the table may have).
    """
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise error(f"{path}: not valid UTF-8 at byte offset {err.start} ({err.reason}); "
                    "re-save it as UTF-8 CSV") from None
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror or err})") from None
    ragged = _ragged_row(text)
    if ragged:
        raise error(f"{path}: {ragged}")
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            index_col=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise error(f"{path}: cannot be read as a UTF-8 CSV ({err})") from None
    table.columns = [str(c).strip() for c in table.columns]
    for col in table.columns:  # the texts as they were before the suite wrote them
        table[col] = table[col].str.replace(_RESTORE_PREFIX, "", regex=True)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise error(f"{path}: missing column(s) {missing}; expected {list(expected or required)}")
    return table
