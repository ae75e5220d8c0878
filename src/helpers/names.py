"""The actors table: canonical names, their variants, and each actor's side.

``actors.csv`` (in a corpus folder; optional) has one row per entity:

==============  =========================================================
canonical       the form the clean text uses (``Zelenskyy``, ``Kyiv``)
aliases         accepted spellings, ``;``-separated (``Zelensky;Zelenskiy``)
misspellings    garbled forms, ``;``-separated (``Zelenkie``); also rewritten
side            the actor's side: one of ``sides.csv`` (:mod:`helpers.sides`) or ``unknown``
descriptions    phrases that name the actor without its name, ``;``-separated
                (``Ukrainian president``): ``the Ukrainian president said`` is Zelenskyy
role            free text (``President of Ukraine``)
type            person / place / country / organisation / name part
==============  =========================================================

Matching is case-aware (``US`` is a country, ``us`` a pronoun) and whole-word,
so ``Zelensky`` never matches inside ``Zelenskyy`` and a possessive ``'s`` is
kept. An alias written all lower-case also matches its capitalised form.
Without an ``actors.csv`` there is no name merging and every side is unknown.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

ACTOR_COLUMNS = ["canonical", "aliases", "misspellings", "side", "descriptions", "role", "type"]
ACTORS_FILE = "actors.csv"


class ActorsError(ValueError):
    """A malformed actors table; the message names the file and the row."""


def _split(cell: str) -> list[str]:
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def empty_actors() -> pd.DataFrame:
    """An actors table with no rows: no name merging, every side unknown."""
    return pd.DataFrame(columns=ACTOR_COLUMNS)


def load_actors(folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """``actors.csv`` of a corpus folder (default: the seeds), validated; empty if absent.

    When the folder has a ``sides.csv``, every actor's side must be one of its sides.
    """
    from .sides import SIDES_FILE, read_sides

    folder_path = paths.corpus_dir(folder)
    path = folder_path / ACTORS_FILE
    if not path.is_file():
        return empty_actors()
    sides_path = folder_path / SIDES_FILE
    names = list(read_sides(sides_path)["side"]) if sides_path.is_file() else None
    return read_actors(path, names)


def read_actors(path: str | os.PathLike[str], sides: list[str] | None = None) -> pd.DataFrame:
    """Read and validate an actors CSV, or raise :class:`ActorsError`.

    ``sides``: the allowed side names (an empty side is ``unknown``); ``None`` allows any.
    """
    from .io import read_user_table

    path = Path(path)
    table = read_user_table(path, ActorsError, ("canonical", "side"), ACTOR_COLUMNS)
    for col in ACTOR_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    table = table[ACTOR_COLUMNS].apply(lambda s: s.str.strip())
    for i, row in table.iterrows():
        line = int(i) + 2
        if not row["canonical"]:
            raise ActorsError(f"{path}: line {line}: empty 'canonical'")
        if sides is not None and row["side"] not in {*sides, "unknown", ""}:
            raise ActorsError(f"{path}: line {line}: side '{row['side']}' is not one of "
                              f"{sides} (sides.csv)")
    table["side"] = table["side"].replace("", "unknown")
    dup = table["canonical"][table["canonical"].duplicated()]
    if len(dup):
        raise ActorsError(f"{path}: duplicate canonical name(s) {sorted(set(dup))}")
    owner: dict[str, str] = {}
    for _, row in table.iterrows():
        for form in [row["canonical"], *_split(row["aliases"]), *_split(row["misspellings"])]:
            if form in owner and owner[form] != row["canonical"]:
                raise ActorsError(
                    f"{path}: the form '{form}' belongs to both '{owner[form]}' and "
                    f"'{row['canonical']}'"
                )
            owner[form] = row["canonical"]
    return table.reset_index(drop=True)


def name_forms(actors: pd.DataFrame) -> pd.DataFrame:
    """One row per surface form: ``form``, ``entity``, ``status`` (canonical/alias/misspelling)."""
    rows = []
    for _, row in actors.iterrows():
        rows.append((row["canonical"], row["canonical"], "canonical"))
        rows += [(a, row["canonical"], "alias") for a in _split(row["aliases"])]
        rows += [(m, row["canonical"], "misspelling") for m in _split(row["misspellings"])]
    forms = pd.DataFrame(rows, columns=["form", "entity", "status"])
    return forms.drop_duplicates("form").reset_index(drop=True)


def _form_pattern(form: str) -> str:
    words = [re.escape(w) for w in form.split()]
    body = r"\s+".join(words)
    if form[:1].islower():
        first = re.escape(form[0])
        body = f"[{first}{re.escape(form[0].upper())}]" + body[len(first):]
    return body


def forms_regex(forms: list[str]) -> re.Pattern[str] | None:
    """One compiled, whole-word, case-aware alternation over ``forms``, longest first."""
    if not forms:
        return None
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    alternation = "|".join(f"(?:{_form_pattern(f)})" for f in ordered)
    return re.compile(rf"(?<!\w)({alternation})(?!\w)")


def _lookup(forms: pd.DataFrame) -> dict[str, tuple[str, str]]:
    table = {}
    for form, entity, status in forms.itertuples(index=False):
        table[form] = (entity, status)
        if form[:1].islower():
            table[form[0].upper() + form[1:]] = (entity, status)
    return table


_PER_TABLE: dict[tuple[int, str], tuple[pd.DataFrame, object]] = {}


def per_table(actors: pd.DataFrame, name: str, build):
    """``build(actors)``, remembered per table object and ``name``.

    Actors tables are treated as immutable once loaded, so derived lookups are built
    once per table rather than once per sentence.
    """
    hit = _PER_TABLE.get((id(actors), name))
    if hit is not None and hit[0] is actors:
        return hit[1]
    value = build(actors)
    if len(_PER_TABLE) > 64:
        _PER_TABLE.clear()
    _PER_TABLE[(id(actors), name)] = (actors, value)
    return value


def _key_of(actors: pd.DataFrame) -> tuple:
    cols = [c for c in ("canonical", "aliases", "misspellings") if c in actors.columns]
    return tuple(map(tuple, actors[cols].astype(str).to_numpy())) if len(actors) else ()


def _actors_key(actors: pd.DataFrame) -> tuple:
    """A hashable key of the name columns, for the compiled-pattern cache."""
    return per_table(actors, "key", _key_of)


@lru_cache(maxsize=32)
def _compiled(key: tuple) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    table = pd.DataFrame(list(key), columns=["canonical", "aliases", "misspellings"]) if key \
        else empty_actors()
    forms = name_forms(table)
    return forms_regex(forms["form"].tolist()), _lookup(forms)


def find_names(text: str, actors: pd.DataFrame) -> list[tuple[int, int, str, str, str]]:
    """Every name form in ``text``: ``(start, end, form_as_written, entity, status)``.

    The alternation regex is compiled once per actors table and cached.
    """
    regex, lookup = _compiled(_actors_key(actors))
    if regex is None:
        return []
    found = []
    for m in regex.finditer(text):
        written = m.group(1)
        key = " ".join(written.split())
        entity, status = lookup.get(key, (key, "canonical"))
        found.append((m.start(1), m.end(1), written, entity, status))
    return found


def name_changes(text: str, actors: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """Edits that rewrite every alias and misspelling to its canonical form.

    An alias ending in a period (``U.S.``) that closes a paragraph keeps the period
    when the canonical form has none, so the sentence still ends.
    """
    changes = []
    for start, end, written, entity, status in find_names(text, actors):
        if status == "canonical":
            continue
        replacement = entity
        closes_paragraph = re.match(r"[ \t]*(?:\n|\Z)", text[end:]) is not None
        if written.endswith(".") and not entity.endswith(".") and closes_paragraph:
            replacement += "."
        changes.append((start, end, replacement, f"name_{status}"))
    return changes


def count_name_variants(corpus: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """How often each name form occurs in each article's ``text``.

    Columns ``doc_id, entity, variant, status, count``; sorted; zero counts omitted.
    Run it on the raw text: the spelling fingerprint is evidence of origin.
    """
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        for _, _, written, entity, status in find_names(text, actors):
            rows.append((doc_id, entity, " ".join(written.split()), status))
    table = pd.DataFrame(rows, columns=["doc_id", "entity", "variant", "status"])
    counts = (
        table.groupby(["doc_id", "entity", "variant", "status"], sort=True)
        .size()
        .rename("count")
        .reset_index()
    )
    return counts.astype({"count": "int64"})
