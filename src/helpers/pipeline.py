"""Shared preparation: load, clean and split a corpus in one call.

Every notebook after 02 starts from :func:`prepare`, so each one runs on its
own in a fresh kernel, in any order, without reading another notebook's output.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from .cleaning import clean_corpus, load_rules
from .corpus import load_corpus
from .names import load_actors
from .sentences import sentences_table


@dataclass
class Prepared:
    """A corpus at every stage: raw articles, actors, rules, clean text, audit, sentences."""

    corpus: pd.DataFrame
    actors: pd.DataFrame
    rules: pd.DataFrame
    clean: pd.DataFrame
    audit: pd.DataFrame
    sentences: pd.DataFrame


def prepare(folder: str | os.PathLike[str] | None = None) -> Prepared:
    """Load the corpus in ``folder`` (default: seeds), clean it and split it into sentences.

    Uses the folder's ``actors.csv`` and ``cleaning_rules.csv`` when present.
    """
    corpus = load_corpus(folder)
    actors = load_actors(folder)
    rules = load_rules(folder)
    clean, audit = clean_corpus(corpus, rules, actors)
    return Prepared(corpus, actors, rules, clean, audit, sentences_table(clean))
