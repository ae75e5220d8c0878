"""Which language each article is in, and which articles the English-only stages read.

The suite's sentiment (VADER), its codebooks and its quotation rules are English. An
article in Russian, Chinese or Arabic would pass through them as noise, or not at all, so
each article's language is detected and recorded, and the English-only stages read only
the articles that are English or undetermined; the others are listed, not dropped
silently. Every other stage (sentences, TF-IDF, neighbours, lineage, keyness) reads all.

Detection uses ``py3langid`` (BSD licence), a maintained fork of langid.py whose model
ships inside the wheel: offline, with no download. It reads the first
:data:`SAMPLE_CHARS` characters of the clean text (0.3 ms an article; only these
characters travel to the workers). A text with fewer than :data:`MIN_LETTERS` letters,
or whose best language has a probability below :data:`MIN_CONFIDENCE`, is ``und``
(undetermined): a headline alone, a name, a number.
Undetermined articles are analysed like English ones, and the table says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .engine.compute import on_release

SAMPLE_CHARS = 500
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.5
ENGLISH = "en"
UNDETERMINED = "und"
LANGUAGE_COLUMNS = ["doc_id", "outlet", "language", "confidence", "english_stages"]
# the stages that read English only (see helpers.pipeline)
ENGLISH_STAGES = ("quotes", "sentiment", "frames", "generic frames", "quote variants")


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:  # pragma: no cover - the environment installs it
        raise ImportError("language detection needs the 'py3langid' package: install the "
                          "suite's environment (make test, or pip install -e '.[test]')"
                          ) from None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# The model takes about 270 MB in each process that detects; no stage after cleaning needs
# it, so it is dropped between stages, here and on the Dask workers.
on_release(_identifier.cache_clear)


def detect_language(text: str) -> tuple[str, float]:
    """``(language, confidence)`` of one text: an ISO 639-1 code (``en``, ``ru``, ``zh``…)
    or ``und``, and the detector's probability for it (0 when there is too little text)."""
    sample = text[:SAMPLE_CHARS]
    letters = 0
    for ch in sample:  # stops at the MIN_LETTERS-th letter, a few characters in
        letters += ch.isalpha()
        if letters >= MIN_LETTERS:
            break
    else:
        return UNDETERMINED, 0.0
    language, confidence = _identifier().classify(sample)
    confidence = round(float(confidence), 4)
    return (language if confidence >= MIN_CONFIDENCE else UNDETERMINED), confidence


def _detect_chunk(texts: Sequence[str]) -> list[tuple[str, float]]:
    return [detect_language(t) for t in texts]


def language_table(clean: pd.DataFrame, jobs: int | None = None) -> pd.DataFrame:
    """One row per article: ``doc_id, outlet, language, confidence, english_stages``.

    ``english_stages`` is ``analysed`` for English and undetermined articles, else
    ``skipped (not English)``. Large corpora are detected in ``jobs`` processes; the
    result equals a one-process run.
    """
    from .engine.compute import map_chunks

    samples = [text[:SAMPLE_CHARS] for text in clean["text"]]
    found = map_chunks(_detect_chunk, samples, jobs=jobs, desc="languages")
    return languages_from(clean, found)


def languages_from(clean: pd.DataFrame, found: Sequence[tuple[str, float]]) -> pd.DataFrame:
    """The :func:`language_table` of ``clean`` from its articles' :func:`detect_language`
    results, in order (the pipeline detects them while it cleans)."""
    language = [f[0] for f in found]
    analysed = np.isin(language, [ENGLISH, UNDETERMINED])
    return pd.DataFrame({
        "doc_id": clean["doc_id"].to_numpy(), "outlet": clean["outlet"].to_numpy(),
        "language": language,
        "confidence": np.array([f[1] for f in found], dtype="float64"),
        "english_stages": np.where(analysed, "analysed", "skipped (not English)"),
    }, columns=LANGUAGE_COLUMNS)


def english_only(table: pd.DataFrame, languages: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` whose ``doc_id`` the English-only stages analyse (``table``
    itself when that is every article)."""
    skipped = languages["doc_id"][languages["english_stages"] != "analysed"]
    if skipped.empty:
        return table
    return table[~table["doc_id"].isin(skipped)].reset_index(drop=True)


def skipped_note(languages: pd.DataFrame, analysis: str = "this analysis") -> str:
    """One sentence for a notebook: how many articles, in which languages, were left out
    of ``analysis`` because they are not in English (or that none was)."""
    skipped = languages[languages["english_stages"] != "analysed"]
    if skipped.empty:
        return (f"All {len(languages)} articles are in English or undetermined: "
                f"{analysis} reads every one.")
    counts = skipped["language"].value_counts().sort_index()
    which = ", ".join(f"{n} in '{lang}'" for lang, n in counts.items())
    return (f"{len(skipped)} of {len(languages)} articles are not in English ({which}) and "
            f"are left out of {analysis}, whose rules and word lists are English; "
            "see the `languages` table.")
