"""Quotations in clean text (straight ``"`` marks, as cleaning leaves them).

:func:`quoted_spans` finds each quoted passage paragraph by paragraph; an opening mark
with no closing one runs to the end of its paragraph and is flagged ``closed=False``.
"""

from __future__ import annotations

import pandas as pd

from .sentences import paragraph_spans

SPAN_COLUMNS = ["doc_id", "start", "end", "quote", "closed", "n_words"]


def quoted_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """``(start, end, quote, closed)`` for each quoted passage.

    Offsets exclude the marks, surrounding spaces and a trailing comma (``"…interest,"``).
    """
    spans = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        marks = [i for i, ch in enumerate(para) if ch == '"']
        for k in range(0, len(marks), 2):
            open_at = marks[k]
            closed = k + 1 < len(marks)
            close_at = marks[k + 1] if closed else len(para)
            inner = para[open_at + 1:close_at]
            if inner.strip(" ,"):
                left = len(inner) - len(inner.lstrip())
                right = len(inner.rstrip().rstrip(",").rstrip())
                s = p_start + open_at + 1 + left
                spans.append((s, s + right - left, inner[left:right], closed))
    return spans


def quote_spans_table(clean: pd.DataFrame) -> pd.DataFrame:
    """Every quoted passage of every article; columns :data:`SPAN_COLUMNS`."""
    rows = []
    for doc_id, text in zip(clean["doc_id"], clean["text"], strict=True):
        for start, end, quote, closed in quoted_spans(text):
            rows.append((doc_id, start, end, quote, closed, len(quote.split())))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype(
        {"start": "int64", "end": "int64", "n_words": "int64"})
