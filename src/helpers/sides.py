"""The sides of a story, as data of the corpus: who speakers and actors stand with.

``sides.csv`` (optional, in a corpus folder) has one row per side:

======  ==========================================================================
side    the side's name, as the ``side`` column of ``actors.csv`` writes it
colour  its colour in every figure (``#0072B2``)
cues    a regular expression (case-insensitive) of the words that point to the side in
        an unnamed speaker's description (``ukrain|kyiv`` for "a Ukrainian official");
        may be empty
======  ==========================================================================

``unknown`` is always a side, listed last. Without ``sides.csv`` the sides are the
distinct ``side`` values of ``actors.csv`` in order of first appearance, coloured from
the Okabe-Ito palette, without cues: named actors keep their side, and an unnamed
"official" stays ``unknown``. The seeds' ``sides.csv`` holds the four sides of their
story (Ukraine, United States, Europe, Russia).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .patterns import LinearRegex

SIDES_FILE = "sides.csv"
SIDE_COLUMNS = ["side", "colour", "cues"]
UNKNOWN = "unknown"
UNKNOWN_COLOUR = "#999999"
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


class SidesError(ValueError):
    """A malformed sides table; the message names the file and the row."""


def _with_unknown(table: pd.DataFrame) -> pd.DataFrame:
    table = table[table["side"] != UNKNOWN]
    unknown = pd.DataFrame({"side": [UNKNOWN], "colour": [UNKNOWN_COLOUR], "cues": [""]})
    return pd.concat([table, unknown], ignore_index=True)[SIDE_COLUMNS]


def read_sides(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a sides CSV (``unknown`` appended), or raise :class:`SidesError`."""
    from .io import read_user_table
    from .patterns import user_regex

    path = Path(path)
    table = read_user_table(path, SidesError, ("side",), SIDE_COLUMNS)
    for col in SIDE_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    table = table[SIDE_COLUMNS].apply(lambda s: s.str.strip())
    for i, row in table.iterrows():
        where = f"{path}: line {int(i) + 2}"
        if not row["side"]:
            raise SidesError(f"{where}: empty side")
        if row["colour"] and not _HEX.fullmatch(row["colour"]):
            raise SidesError(f"{where}: colour '{row['colour']}' is not #RRGGBB")
        if row["cues"]:  # a user's pattern: RE2, linear in the text (helpers.patterns)
            user_regex(row["cues"], f"{where} (cues of side '{row['side']}')", SidesError,
                       ignore_case=True)
    dup = table["side"][table["side"].duplicated()]
    if len(dup):
        raise SidesError(f"{path}: duplicate side(s) {sorted(set(dup))}")
    return _fill_colours(_with_unknown(table))


def _fill_colours(table: pd.DataFrame) -> pd.DataFrame:
    from .figures import OKABE_ITO

    free = [c for c in OKABE_ITO if c not in set(table["colour"])]
    colours = []
    for side, colour in zip(table["side"], table["colour"], strict=True):
        colours.append(colour or (UNKNOWN_COLOUR if side == UNKNOWN or not free
                                  else free.pop(0)))
    return table.assign(colour=colours).reset_index(drop=True)


def sides_from_actors(actors: pd.DataFrame) -> pd.DataFrame:
    """Sides for a corpus without ``sides.csv``: the actors' sides, palette colours, no cues."""
    names = [s for s in pd.unique(actors["side"]) if s and s != UNKNOWN] if len(actors) else []
    table = pd.DataFrame({"side": names, "colour": "", "cues": ""}, columns=SIDE_COLUMNS)
    return _fill_colours(_with_unknown(table))


def load_sides(folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The sides of the corpus in ``folder`` (default: the seeds); see the module docstring."""
    from .names import load_actors

    path = paths.corpus_dir(folder) / SIDES_FILE
    if path.is_file():
        return read_sides(path)
    return sides_from_actors(load_actors(folder))


def side_names(sides: pd.DataFrame | None) -> list[str]:
    """The sides in order, ``unknown`` last."""
    return [UNKNOWN] if sides is None else list(sides["side"])


def side_colours(sides: pd.DataFrame | None) -> dict[str, str]:
    """Each side's colour (``unknown`` grey)."""
    if sides is None:
        return {UNKNOWN: UNKNOWN_COLOUR}
    return dict(zip(sides["side"], sides["colour"], strict=True))


def sides_for(sides: pd.DataFrame | None, present: list[str] | pd.Series) -> pd.DataFrame:
    """``sides`` when given, else sides made from the values ``present`` in a table (for a
    plot called without the corpus's sides): sorted, palette colours, ``unknown`` last."""
    if sides is not None:
        return sides
    names = sorted({str(v) for v in present} - {UNKNOWN})
    return _fill_colours(_with_unknown(pd.DataFrame(
        {"side": names, "colour": "", "cues": ""}, columns=SIDE_COLUMNS)))


@lru_cache(maxsize=32)
def _cues(key: tuple[tuple[str, str], ...]) -> tuple[tuple[str, LinearRegex], ...]:
    return tuple((side, LinearRegex(cue, ignore_case=True)) for side, cue in key if cue)


def side_cues(sides: pd.DataFrame | None) -> tuple[tuple[str, LinearRegex], ...]:
    """The compiled cue pattern of each side that has one (cached per table content)."""
    if sides is None or not len(sides):
        return ()
    return _cues(tuple(zip(sides["side"], sides["cues"], strict=True)))


def side_from_words(description: str, sides: pd.DataFrame | None) -> str:
    """The side a description's words point to (``Ukrainian official``: Ukraine), when
    exactly one side's cues match; else ``unknown``."""
    lowered = description.lower()
    found = [side for side, pattern in side_cues(sides) if pattern.search(lowered)]
    return found[0] if len(found) == 1 else UNKNOWN
