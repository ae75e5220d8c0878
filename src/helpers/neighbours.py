"""Top-k nearest articles by cosine, without a dense n × n matrix.

Two ways, one result table (``doc_id, neighbour_id, rank, cosine``):

* **exact** (up to :data:`EXACT_LIMIT` articles, or ``exact=True``): each chunk of rows is
  multiplied with the whole matrix and the best ``k`` are kept. Memory is ``chunk × n``;
  time grows as n².
* **candidates, then exact scores** (above the limit): an inverted index proposes
  candidates and only those are scored. Terms found in one article only are dropped
  first (:func:`shared_terms`: they add nothing to any cosine). Each article is then
  represented by its ``terms`` heaviest TF-IDF terms, and each term's posting list keeps
  the ``postings`` articles that weigh it most. An article's candidates are the articles
  that share one of its heavy terms, ranked by the product of the pruned vectors; the
  best ``candidates`` of them get their exact cosine, and the top ``k`` of those are
  returned. Work per article is bounded by ``terms × postings`` plus ``candidates``
  sparse dot products, so time grows as n (plus the n log n of sorting). An article with
  fewer than ``k`` candidates falls back to the exact product for its row.

The candidate route is approximate: a true neighbour that shares none of an article's
heavy terms is missed. ``benchmarks/quality.py`` measures how many of the exact top-k it
recovers, and whether the neighbours share a topic as often as scikit-learn's, on a real
outside corpus; the tests check it against brute force.

Scores are rounded to 9 decimals before ranking and ties go to the smaller ``doc_id``, so
the table is the same on every run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from .engine.compute import progress

EXACT_LIMIT = 5000
NEIGHBOUR_COLUMNS = ["doc_id", "neighbour_id", "rank", "cosine"]


def _first_per_row(rows: np.ndarray, keys: tuple[np.ndarray, ...], limit: int) -> np.ndarray:
    """Positions of the first ``limit`` entries of each row when sorted by ``keys``.

    ``keys`` are lexsort keys, least significant first; ``rows`` is the primary key.
    Returns positions sorted by row, then by the keys.
    """
    order = np.lexsort((*keys, rows))
    sorted_rows = rows[order]
    starts = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    lengths = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, lengths)
    return order[rank < limit]


def shared_terms(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """``matrix`` without the entries of terms found in one row only.

    Such a term adds nothing to the dot product of two different rows, so every cosine
    between articles is unchanged (rows are not re-normalised; columns keep their
    numbers); products get cheaper.
    """
    matrix = sparse.csr_matrix(matrix)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = df[matrix.indices] > 1
    if keep.all():
        return matrix
    row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    indptr = np.concatenate(([0], np.cumsum(np.bincount(row_of[keep],
                                                        minlength=matrix.shape[0]))))
    return sparse.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr),
                             shape=matrix.shape)


def _heaviest_per_row(rows: np.ndarray, weights: np.ndarray, n_rows: int,
                      limit: int) -> np.ndarray:
    """Positions of each row's ``limit`` largest weights (weights in (0, 1], rows 0..n-1).

    The order is that of one stable sort on a single key (row, then descending weight):
    equal weights keep their input order. When ``rows`` are grouped (as from a CSR
    matrix), the ``limit``-th key of each row is found by a partition, not a sort, and
    only the chosen positions are sorted.
    """
    key = rows + 0.5 * (1.0 - np.clip(weights, 0.0, 1.0))
    n = len(rows)
    counts = np.bincount(rows, minlength=n_rows)
    width = int(counts.max()) if n else 0
    if width <= limit or n_rows * width > 4 * n + 1_000_000 or np.any(rows[1:] < rows[:-1]):
        order = np.argsort(key, kind="stable")
        if width <= limit:
            return order
        starts = np.searchsorted(rows[order], np.arange(n_rows))
        return order[np.arange(len(order)) - starts[rows[order]] < limit]
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    dense = np.full((n_rows, width), np.inf)
    dense[rows, np.arange(n) - starts[rows]] = key
    threshold = np.partition(dense, limit - 1, axis=1)[:, limit - 1][rows]
    less = key < threshold
    tie = key == threshold
    tie_rank = np.cumsum(tie)
    tie_rank -= np.r_[0, tie_rank][starts][rows]  # 1, 2, … within each row
    room = limit - np.bincount(rows[less], minlength=n_rows)[rows]
    chosen = np.flatnonzero(less | (tie & (tie_rank <= room)))
    return chosen[np.argsort(key[chosen], kind="stable")]


def heavy_terms(matrix: sparse.csr_matrix, terms: int = 32,
                block: int = 8192) -> sparse.csr_matrix:
    """Each row's ``terms`` largest weights (ties to the lower column).

    Rows are taken ``block`` at a time, so the sort never holds the whole matrix.
    """
    matrix = sparse.csr_matrix(matrix)
    rows, cols, vals = [], [], []
    for b0 in range(0, matrix.shape[0], block):
        sub = matrix[b0:b0 + block].copy()
        sub.sort_indices()
        local = np.repeat(np.arange(sub.shape[0]), np.diff(sub.indptr))
        chosen = _heaviest_per_row(local, sub.data, sub.shape[0], terms)
        rows.append(local[chosen] + b0)
        cols.append(sub.indices[chosen])
        vals.append(sub.data[chosen])
    if not rows:
        return sparse.csr_matrix(matrix.shape)
    return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                     np.concatenate(cols))), shape=matrix.shape)


def posting_index(heavy: sparse.csr_matrix, postings: int = 256) -> sparse.csr_matrix:
    """The inverted index (terms × articles): each term keeps its ``postings`` heaviest."""
    coo = heavy.tocoo()
    keep = _first_per_row(coo.col, (coo.row, -coo.data), postings)
    return sparse.csr_matrix((coo.data[keep], (coo.col[keep], coo.row[keep])),
                             shape=(heavy.shape[1], heavy.shape[0]))


def _select(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, id_rank: np.ndarray,
            k: int) -> np.ndarray:
    """Positions of each row's best ``k`` by score (rounded), ties to the smaller id."""
    return _first_per_row(rows, (id_rank[cols], -np.round(scores, 9)), k)


def _exact_rows(matrix: sparse.csr_matrix, transposed: sparse.csr_matrix, rows: np.ndarray,
                id_rank: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(row, neighbour, cosine)`` of the exact top-k for the given rows."""
    n = matrix.shape[0]
    block = np.round((matrix[rows] @ transposed).toarray(), 9)
    block[np.arange(len(rows)), rows] = -np.inf
    m = min(n - 1, k + 8)  # spare candidates so that ties at rank k break by id
    cand = np.argpartition(-block, kth=m - 1, axis=1)[:, :m]
    scores = np.take_along_axis(block, cand, axis=1)
    r = np.repeat(rows, m)
    keep = _select(r, cand.ravel(), scores.ravel(), id_rank, k)
    return r[keep], cand.ravel()[keep], scores.ravel()[keep]


def _candidate_rows(matrix: sparse.csr_matrix, heavy: sparse.csr_matrix,
                    index: sparse.csr_matrix, start: int, stop: int, id_rank: np.ndarray,
                    k: int, candidates: int) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                      np.ndarray]:
    """Top-k of rows ``start:stop`` among their index candidates, exactly re-scored.

    Returns ``(row, neighbour, cosine, short_rows)``; ``short_rows`` had fewer than ``k``.
    """
    approx = sparse.csr_matrix(heavy[start:stop] @ index)
    approx.sum_duplicates()  # canonical: sorted columns, so the order below is fixed
    local = np.repeat(np.arange(stop - start), np.diff(approx.indptr))
    cols = approx.indices.astype(np.int64)
    other = local + start != cols
    local, cols, vals = local[other], cols[other], approx.data[other]
    pick = _heaviest_per_row(local, vals, stop - start, candidates)  # by the pruned score
    rows, cols = local[pick] + start, cols[pick]
    exact = np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
    keep = _select(rows, cols, exact, id_rank, k)
    counts = np.bincount(rows - start, minlength=stop - start)
    short = np.flatnonzero(counts < k) + start
    return rows[keep], cols[keep], np.round(exact[keep], 9), short


def top_k_neighbours(matrix: sparse.csr_matrix, doc_ids: Sequence[str], k: int = 5, *,
                     exact: bool | None = None, chunk_size: int = 512, terms: int = 32,
                     postings: int = 256, candidates: int = 20) -> pd.DataFrame:
    """The ``k`` nearest articles of each article by cosine (rows must be L2-normalised).

    Columns ``doc_id, neighbour_id, rank`` (1 = nearest) and ``cosine``, sorted by
    ``doc_id`` and ``rank``. ``exact`` defaults to ``n <= EXACT_LIMIT``; otherwise
    candidates come from the inverted index described in the module docstring.
    """
    ids = np.asarray(list(doc_ids), dtype=object)
    n = matrix.shape[0]
    k = min(k, n - 1)
    if k <= 0:
        return pd.DataFrame(columns=NEIGHBOUR_COLUMNS)
    matrix = shared_terms(matrix)
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[np.argsort(ids, kind="stable")] = np.arange(n)
    transposed: sparse.csr_matrix | None = None  # built only when an exact row is needed
    exact = n <= EXACT_LIMIT if exact is None else exact
    if not exact:
        heavy = heavy_terms(matrix, terms)
        index = posting_index(heavy, postings)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in progress(range(0, n, chunk_size), total=-(-n // chunk_size),
                          desc="neighbours", min_total=50):
        stop = min(start + chunk_size, n)
        if exact:
            transposed = matrix.T.tocsr() if transposed is None else transposed
            parts.append(_exact_rows(matrix, transposed, np.arange(start, stop), id_rank, k))
            continue
        rows, cols, scores, short = _candidate_rows(matrix, heavy, index, start, stop,
                                                    id_rank, k, max(candidates, k))
        if len(short):
            drop = np.isin(rows, short)
            rows, cols, scores = rows[~drop], cols[~drop], scores[~drop]
            transposed = matrix.T.tocsr() if transposed is None else transposed
            parts.append(_exact_rows(matrix, transposed, short, id_rank, k))
        parts.append((rows, cols, scores))
    rows, cols, scores = (np.concatenate(p) for p in zip(*parts, strict=True))
    keep = _select(rows, cols, scores, id_rank, k)
    rows, cols, scores = rows[keep], cols[keep], scores[keep]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)])) + 1
    table = pd.DataFrame({"doc_id": ids[rows], "neighbour_id": ids[cols], "rank": rank,
                          "cosine": np.clip(scores, 0, 1).round(6)})
    return table.sort_values(["doc_id", "rank"], kind="stable").reset_index(drop=True)
