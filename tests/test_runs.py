"""Runs of equal consecutive values."""

from __future__ import annotations

import numpy as np

from helpers.runs import run_bounds


def test_runs_of_one_and_of_two_keys():
    docs = np.array(["a", "a", "b", "c", "c", "c"], dtype=object)
    starts, ends = run_bounds(docs)
    assert starts.tolist() == [0, 2, 3] and ends.tolist() == [2, 3, 6]
    other = np.array([1, 2, 2, 5, 5, 6])
    starts, ends = run_bounds(docs, other)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [
        (0, 1), (1, 2), (2, 3), (3, 5), (5, 6)]
    assert [x.tolist() for x in run_bounds(np.array([]))] == [[], []]
    assert [x.tolist() for x in run_bounds(np.array([7]))] == [[0], [1]]
