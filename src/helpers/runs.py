"""Runs of equal consecutive values: where each group of a sorted table starts and ends."""

from __future__ import annotations

import numpy as np


def run_bounds(*keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, ends)`` of the runs of rows whose ``keys`` are all equal, in order.

    The rows must already be grouped (sorted) by the keys; ``rows[starts[i]:ends[i]]`` is
    the ``i``-th group. Empty keys give two empty arrays.
    """
    n = len(keys[0])
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    change = np.zeros(n - 1, bool)
    for key in keys:
        change |= key[1:] != key[:-1]
    starts = np.flatnonzero(np.r_[True, change])
    return starts, np.r_[starts[1:], n]
