"""Synthetic corpora for the benchmark, built from real sentences.

``make_corpus(n, out)`` writes ``n`` articles of about ``chars`` characters each. Each
article draws its sentences (with a fixed seed) from a source corpus (the seeds by
default, with the seeds' ``actors.csv`` and ``codebook.csv``), grouped in paragraphs of
one or two sentences, and belongs to one of ten outlets (a subfolder each). Articles are
shuffled mixtures, so they differ, and every sentence is real news text with real
quotations, names and boilerplate-free prose.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

import helpers
from helpers import open_corpus

OUTLETS = 10


def source_sentences(folder: str | os.PathLike[str] | None = None) -> list[str]:
    """The sentences of a corpus (default: the seeds), from its raw text.

    A user's corpus is read leniently (bad files skipped) and without name merging.
    """
    if folder is None:
        prep = open_corpus(folder)
        return [s for s in prep.sentences["text"] if len(s) > 20]
    from helpers.sentences import split_sentences

    articles = helpers.read_corpus(folder, on_error="skip", verify_checksums=False).articles
    return [s for t in articles["text"] for s in split_sentences(t) if len(s) > 20]


def make_corpus(n: int, out: str | os.PathLike[str], chars: int = 2300, seed: int = 0,
                source: str | os.PathLike[str] | None = None) -> Path:
    """Write ``n`` articles into ``out`` (reused when it already holds ``n`` articles)."""
    out = Path(out)
    if source is None:  # the seeds' side tables, so names merge and the codebook applies
        from helpers import paths

        out.mkdir(parents=True, exist_ok=True)
        for name in ("actors.csv", "codebook.csv"):
            if not (out / name).is_file():
                shutil.copyfile(paths.SEEDS / name, out / name)
    if out.is_dir() and sum(1 for _ in out.rglob("*.txt")) == n:
        return out
    sentences = source_sentences(source)
    lengths = np.array([len(s) + 1 for s in sentences])
    rng = np.random.default_rng(seed)
    for k in range(n):
        outlet = f"outlet_{k % OUTLETS:02d}"
        order = rng.permutation(len(sentences))
        picked = order[: max(1, int(np.searchsorted(np.cumsum(lengths[order]), chars)))]
        paragraphs, i = [], 0
        while i < len(picked):
            step = int(rng.integers(1, 3))
            paragraphs.append(" ".join(sentences[j] for j in picked[i:i + step]))
            i += step
        path = out / outlet / f"{k:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return out


def corpus_summary(folder: Path) -> pd.DataFrame:
    """Articles and mean characters per outlet of a generated corpus."""
    corpus = helpers.load_corpus(folder)
    return corpus.groupby("outlet").agg(articles=("doc_id", "size"),
                                        chars=("text", lambda t: t.str.len().mean()))
