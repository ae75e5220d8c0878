"""Distinctive terms: keyness of each outlet against all the others.

For a term with count ``a`` in the target (``c`` words in all) and ``b`` in the rest
(``d`` words):

* log-likelihood G² (Dunning 1993; Rayson & Garside 2000): the evidence that the two
  rates differ. 3.84 is p < 0.05 for one test, 15.13 is p < 0.0001; with thousands of
  terms tested, only the larger values mean much;
* log ratio (Hardie 2014): ``log2`` of the ratio of relative frequencies, an effect
  size (1 = twice as frequent). A zero count is replaced by 0.5 to keep it finite.

Counts under ``min_count`` are flagged ``low_count``: a term used twice is not a style.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from .similarity import preprocess
from .tokens import STOP_WORDS, TOKEN_PATTERN

KEYNESS_COLUMNS = ["outlet", "term", "count", "count_rest", "words", "words_rest",
                   "per_1000", "per_1000_rest", "log_likelihood", "log_ratio", "low_count"]


def term_counts(texts: Sequence[str], groups: Sequence[str]) -> tuple[sparse.csr_matrix,
                                                                       list[str], list[str]]:
    """A sparse group × term count matrix (words, suite tokens, stop words removed).

    Large corpora are counted in partitions (:func:`helpers.engine.compute.map_blocks`),
    each with its own vocabulary; the partitions' counts are summed over the union of
    the vocabularies, in the sorted order scikit-learn gives, so the result equals one
    ``CountVectorizer`` over every text.
    """
    from .engine.compute import map_blocks

    labels = sorted(set(groups))
    codes = pd.Index(labels).get_indexer(list(groups))
    blocks = map_blocks(_GroupCounts(len(labels)), list(zip(texts, codes, strict=True)),
                        desc="keyness counts")
    terms = sorted(set().union(*(vocab for _, vocab in blocks)))
    if not terms:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    index = pd.Index(terms)
    total = sparse.csr_matrix((len(labels), len(terms)))
    for counts, vocab in blocks:
        if vocab:
            total = total + sparse.csr_matrix(
                (counts.data, index.get_indexer(vocab)[counts.indices], counts.indptr),
                shape=(len(labels), len(terms)))
    return sparse.csr_matrix(total), labels, terms


class _GroupCounts:
    """Picklable worker: ``(group × term counts, sorted terms)`` of ``(text, group code)``
    pairs; no terms when the texts hold none."""

    def __init__(self, n_groups: int):
        self.n_groups = n_groups

    def __call__(self, items: Sequence[tuple[str, int]]) -> tuple[sparse.csr_matrix, list[str]]:
        vectorizer = CountVectorizer(preprocessor=preprocess, token_pattern=TOKEN_PATTERN,
                                     stop_words=sorted(STOP_WORDS))
        try:
            counts = vectorizer.fit_transform([text for text, _ in items])
        except ValueError as err:
            if "empty vocabulary" not in str(err):
                raise
            return sparse.csr_matrix((self.n_groups, 0)), []
        codes = np.array([code for _, code in items], dtype=np.int64)
        member = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                                   shape=(self.n_groups, len(codes)))
        return (sparse.csr_matrix(member @ counts),
                vectorizer.get_feature_names_out().tolist())


def _g2(a, b, c, d):
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def keyness(texts: Sequence[str], groups: Sequence[str], top: int = 15,
            min_count: int = 5) -> pd.DataFrame:
    """The ``top`` terms most over-used by each group (outlet) against the rest.

    Ranked by log-likelihood among terms more frequent in the target than in the rest;
    raw counts are kept alongside. Columns: see :data:`KEYNESS_COLUMNS`.
    """
    counts, labels, terms = term_counts(texts, groups)
    totals = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    all_counts = np.asarray(counts.sum(axis=0)).ravel().astype(float)
    grand = totals.sum()
    rows = []
    for g, label in enumerate(labels):
        a = counts[g].toarray().ravel().astype(float)
        b = all_counts - a
        c, d = totals[g], grand - totals[g]
        if c == 0 or d == 0:
            continue
        g2 = _g2(a, b, c, d)
        ratio = np.log2((np.maximum(a, 0.5) / c) / (np.maximum(b, 0.5) / d))
        over = np.flatnonzero((a / c > b / d) & (a > 0))
        order = over[np.lexsort((np.array(terms, dtype=object)[over], -g2[over]))][:top]
        for i in order:
            rows.append((label, terms[i], int(a[i]), int(b[i]), int(c), int(d),
                         round(1000 * a[i] / c, 3), round(1000 * b[i] / d, 3),
                         round(float(g2[i]), 3), round(float(ratio[i]), 3), bool(a[i] < min_count)))
    return pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
