"""Top-k neighbours: the inverted-index route against the exact one."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from helpers import neighbours, similarity


def random_matrix(n: int = 300, terms: int = 80, density: float = 0.1, seed: int = 0):
    rng = np.random.default_rng(seed)
    dense = rng.random((n, terms)) * (rng.random((n, terms)) < density)
    dense[dense.sum(axis=1) == 0, 0] = 1.0
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    return sparse.csr_matrix(dense), [f"d{i:03d}" for i in range(n)]


@pytest.fixture(scope="module")
def paragraphs(seeds):
    """Every paragraph of the five seed articles with at least 150 characters: real text."""
    texts = [p for t in seeds.clean["text"] for p in t.split("\n\n") if len(p) >= 150]
    return similarity.tfidf(texts)[0], [f"p{i:03d}" for i in range(len(texts))]


def recall(found, exact) -> float:
    return len(found.merge(exact, on=["doc_id", "neighbour_id"])) / len(exact)


def test_index_route_is_exact_when_nothing_is_pruned():
    matrix, ids = random_matrix()
    exact = neighbours.top_k_neighbours(matrix, ids, k=4, exact=True, chunk_size=37)
    index = neighbours.top_k_neighbours(matrix, ids, k=4, exact=False, chunk_size=37,
                                        terms=80, postings=300, candidates=300)
    assert index.equals(exact)


def test_index_route_finds_most_exact_neighbours_of_seed_paragraphs(paragraphs):
    matrix, ids = paragraphs
    assert len(ids) > 60
    exact = neighbours.top_k_neighbours(matrix, ids, k=3, exact=True)
    pruned = neighbours.top_k_neighbours(matrix, ids, k=3, exact=False, terms=8, postings=16,
                                         candidates=6, chunk_size=16)
    share = recall(pruned, exact)
    assert 0.6 <= share < 1.0  # pruned hard enough to miss some, still finds most
    # the cosines it reports are exact ones, never the pruned estimate
    found = pruned.merge(exact, on=["doc_id", "neighbour_id"], suffixes=("", "_exact"))
    assert np.allclose(found["cosine"], found["cosine_exact"])


def test_an_article_sharing_no_term_falls_back_to_the_exact_row():
    matrix, ids = random_matrix(n=40, terms=12, density=0.4, seed=3)
    lonely = sparse.csr_matrix(([1.0], ([0], [12])), shape=(1, 13))
    matrix = sparse.vstack([lonely, sparse.hstack([matrix, sparse.csr_matrix((40, 1))])])
    ids = ["a_lonely", *ids]
    exact = neighbours.top_k_neighbours(matrix.tocsr(), ids, k=3, exact=True)
    index = neighbours.top_k_neighbours(matrix.tocsr(), ids, k=3, exact=False, terms=4,
                                        postings=8, candidates=5)
    row = index[index["doc_id"] == "a_lonely"]
    assert row["neighbour_id"].tolist() == ["d000", "d001", "d002"]  # ties go to the lower id
    assert row["cosine"].tolist() == [0.0, 0.0, 0.0]
    assert row.reset_index(drop=True).equals(
        exact[exact["doc_id"] == "a_lonely"].reset_index(drop=True))


def test_shared_terms_keep_every_cosine():
    matrix, _ = random_matrix(n=50, terms=200, density=0.03, seed=5)
    reduced = neighbours.shared_terms(matrix)
    assert reduced.nnz < matrix.nnz and reduced.shape == matrix.shape
    assert np.allclose((reduced @ reduced.T - sparse.diags((reduced @ reduced.T).diagonal()))
                       .toarray(),
                       (matrix @ matrix.T - sparse.diags((matrix @ matrix.T).diagonal()))
                       .toarray())


def test_index_route_is_deterministic_and_sorted():
    matrix, ids = random_matrix(n=200, seed=7)
    order = np.random.default_rng(1).permutation(200)
    first = neighbours.top_k_neighbours(matrix, ids, k=5, exact=False, terms=6, postings=20)
    again = neighbours.top_k_neighbours(matrix, ids, k=5, exact=False, terms=6, postings=20)
    assert first.equals(again)
    assert first["rank"].tolist() == [1, 2, 3, 4, 5] * 200
    shuffled = neighbours.top_k_neighbours(matrix[order], [ids[i] for i in order], k=5,
                                           exact=False, terms=6, postings=20)
    assert recall(shuffled, first) > 0.9  # row order only moves ties between equal weights


def test_heavy_terms_are_each_rows_largest_weights_in_any_block_size():
    matrix, _ = random_matrix(n=70, terms=40, density=0.5, seed=9)
    matrix.data = np.round(matrix.data, 1)  # many ties: they go to the lower column
    for block in (7, 64, 8192):
        heavy = neighbours.heavy_terms(matrix, terms=5, block=block)
        for i in range(70):
            row = matrix.getrow(i)
            order = sorted(zip(-row.data, row.indices, strict=True))[:5]
            assert sorted(heavy.getrow(i).indices.tolist()) == sorted(c for _, c in order)


def test_heaviest_per_row_equals_one_stable_sort_with_ties():
    """The partition route picks the same positions, in the same order, as one stable sort
    on (row, descending weight), ties included."""
    from helpers.neighbours import _heaviest_per_row

    def by_sort(rows, weights, n_rows, limit):
        order = np.argsort(rows + 0.5 * (1.0 - np.clip(weights, 0.0, 1.0)), kind="stable")
        starts = np.searchsorted(rows[order], np.arange(n_rows))
        return order[np.arange(len(order)) - starts[rows[order]] < limit]

    rng = np.random.default_rng(7)
    for trial in range(200):
        n_rows = int(rng.integers(1, 30))
        rows = np.repeat(np.arange(n_rows), rng.integers(0, 50, n_rows))
        weights = (rng.choice(np.round(rng.random(6), 2), len(rows)) if trial % 2
                   else rng.random(len(rows)))  # many ties, or none
        limit = int(rng.integers(1, 25))
        assert np.array_equal(_heaviest_per_row(rows, weights, n_rows, limit),
                              by_sort(rows, weights, n_rows, limit)), trial
