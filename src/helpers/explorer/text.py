"""Clean text back to raw text: offsets through the cleaning audit, shared wording.

The cleaning audit (``run.audit``: ``start, end, replacement`` in raw offsets, edits never
overlapping) is all it takes to find where a span of the clean text came from, so the
explorer shows each hit's raw text next to its clean text without storing both.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def raw_spans(starts: np.ndarray, ends: np.ndarray, audit: pd.DataFrame) -> list[tuple[int, int]]:
    """The raw-text span of each clean-text span ``[starts[i], ends[i])`` of one article.

    ``audit`` holds that article's edits (``start, end, replacement``, raw offsets). A
    span boundary that falls inside a replacement widens to the whole edited raw region,
    so the raw span always covers what the clean span came from.
    """
    edits = audit.sort_values("start")
    raw_start = edits["start"].to_numpy(np.int64)
    raw_end = edits["end"].to_numpy(np.int64)
    length = edits["replacement"].str.len().to_numpy(np.int64)
    shift = np.cumsum(length - (raw_end - raw_start))  # clean - raw, after each edit
    before = np.concatenate([[0], shift[:-1]])
    clean_start = raw_start + before
    clean_end = clean_start + length

    def to_raw(pos: np.ndarray, is_end: bool) -> np.ndarray:
        if not len(shift):  # an article cleaning left alone
            return pos
        # the last edit starting before the position (at or before it, for a start)
        k = np.searchsorted(clean_start, pos, side="left" if is_end else "right") - 1
        kk = k.clip(0)
        inside = raw_end[kk] if is_end else raw_start[kk]
        moved = np.where(pos >= clean_end[kk], pos - shift[kk], inside)
        return np.where(k < 0, pos, moved)

    a = to_raw(np.asarray(starts, dtype=np.int64), False)
    b = to_raw(np.asarray(ends, dtype=np.int64), True)
    return list(zip(a.tolist(), b.tolist(), strict=True))


def shared_spans(a: str, b: str, min_words: int = 3) -> tuple[list[tuple[int, int]],
                                                               list[tuple[int, int]]]:
    """Character spans of the word sequences of at least ``min_words`` words that ``a``
    and ``b`` share (case ignored): ``(spans in a, spans in b)``, each in text order."""
    wa = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(a)]
    wb = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(b)]
    matcher = SequenceMatcher(None, [w[2] for w in wa], [w[2] for w in wb], autojunk=False)
    spans_a, spans_b = [], []
    for i, j, n in matcher.get_matching_blocks():
        if n >= min_words:
            spans_a.append((wa[i][0], wa[i + n - 1][1]))
            spans_b.append((wb[j][0], wb[j + n - 1][1]))
    return sorted(spans_a), spans_b


def mark(text: str, spans: list[tuple[int, int]], tag: str = "mark") -> str:
    """``text`` as HTML (escaped), with each of ``spans`` (sorted, not overlapping)
    wrapped in ``<tag>``."""
    out, pos = [], 0
    for a, b in spans:
        out += [html.escape(text[pos:a]), f"<{tag}>", html.escape(text[a:b]), f"</{tag}>"]
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)
