"""Offline language resources: NLTK's VADER analyser and a sentence tokenizer.

Nothing here downloads. NLTK's VADER needs ``vader_lexicon.txt``; the suite
takes it from the ``vaderSentiment`` wheel (MIT licence), copies it into a data
folder the suite controls (:func:`helpers.paths.nltk_data_dir`) and adds that
folder to ``nltk.data.path``. nltk >= 3.10 opens resources only below its data
path roots, so this is the supported way to hand it a file.

The sentence tokenizer is NLTK's Punkt algorithm with hand-set parameters (no
trained model, so no ``punkt_tab`` download).
"""

from __future__ import annotations

import hashlib
import shutil
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

from . import paths

LEXICON_RESOURCE = "sentiment/vader_lexicon/vader_lexicon.txt"
_INSTALL_HINT = (
    "install the suite's environment (make test, or: pip install -e '.[test]'), "
    "which brings the 'vaderSentiment' package and its lexicon"
)

# Abbreviations that end with a period but rarely end a sentence in news text. Words
# that are also common sentence-final words (no, ill, miss, sun, ...) are left out.
# Punkt wants them lower-case and without the final period.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt",
    "sgt", "adm", "st", "jr", "sr", "rev", "hon", "pres", "u.s", "u.k", "u.n", "e.u",
    "u.s.a", "a.m", "p.m", "e.g", "i.e", "etc", "vs", "approx", "dept", "corp", "inc",
    "ltd", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "tues", "thur", "thurs", "ala", "ariz", "calif", "colo", "conn", "fla", "mich", "minn",
    "mont", "neb", "nev", "okla", "tenn", "tex", "wis", "wyo", "del", "amb", "asst", "atty",
    "cmdr", "supt", "cpl", "pvt",
})


class ResourceMissingError(RuntimeError):
    """A language resource the suite needs is not installed; the message says how to fix it."""


def vader_lexicon_source() -> Path:
    """The ``vader_lexicon.txt`` shipped inside the installed ``vaderSentiment`` package."""
    try:
        source = importlib_resources.files("vaderSentiment") / "vader_lexicon.txt"
    except ModuleNotFoundError:
        raise ResourceMissingError(
            f"The VADER lexicon is missing: package 'vaderSentiment' is not installed; "
            f"{_INSTALL_HINT}."
        ) from None
    path = Path(str(source))
    if not path.is_file():
        raise ResourceMissingError(f"The VADER lexicon is missing at {path}; {_INSTALL_HINT}.")
    return path


def ensure_nltk_data() -> Path:
    """Put the VADER lexicon into the suite's NLTK data folder and add it to NLTK's path.

    Idempotent; the copy is refreshed when its checksum differs from the source.
    Returns the data folder.
    """
    import nltk

    root = paths.nltk_data_dir()
    source = vader_lexicon_source()
    target = root / LEXICON_RESOURCE
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != digest:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root


@lru_cache(maxsize=2)
def vader_analyzer(fast: bool = True):
    """NLTK's VADER on the offline lexicon (cached), in its faster, score-identical form.

    See :mod:`helpers.vader`; ``fast=False`` gives NLTK's stock analyzer.
    """
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from .vader import FastSentimentAnalyzer

    ensure_nltk_data()
    try:
        return (FastSentimentAnalyzer if fast else SentimentIntensityAnalyzer)(
            lexicon_file=LEXICON_RESOURCE)
    except (LookupError, PermissionError, OSError) as err:
        raise ResourceMissingError(
            f"NLTK could not open the VADER lexicon at {paths.nltk_data_dir()}: {err}. "
            f"Delete that folder and retry, or {_INSTALL_HINT}."
        ) from None


@lru_cache(maxsize=1)
def punkt_tokenizer():
    """NLTK's Punkt sentence tokenizer with the suite's abbreviation list; needs no model."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)
