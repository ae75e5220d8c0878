"""Sentences and speech: split clean text into sentences and label quoted speech.

:func:`split_sentences` splits each paragraph (blank-line separated) with NLTK's
Punkt algorithm and a hand-set abbreviation list (no model download), then
re-joins the pieces Punkt cuts wrongly in news text: a piece that starts with
a lower-case letter continues the sentence before it (``"Ready?" he asked.``).

``speech`` says whether a sentence is the reporter's ``narration``, a
``quote`` (all its words inside double quotation marks) or ``mixed``.
Quotation marks are tracked paragraph by paragraph, since news style opens a
quote again at each new paragraph; run it on clean text (straight ``"`` marks).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .resources import punkt_tokenizer

SENTENCE_COLUMNS = ["doc_id", "sent_id", "text", "speech", "start", "end"]
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: runs of non-empty lines between blank lines."""
    spans = []
    for m in _PARAGRAPH.finditer(text):
        chunk = m.group()
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            spans.append((m.start() + left, m.start() + right))
    return spans


# "the No. 2 in the party", "Nos. 3 and 4": the abbreviation of a number ends no sentence
_NUMBER_ABBREV = re.compile(r"\bNos?\.$")


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip("\"'([ ")
    return bool(stripped) and stripped[0].islower()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; see :func:`split_sentences`."""
    tokenizer = punkt_tokenizer()
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        pieces: list[list[int]] = []
        for s, e in tokenizer.span_tokenize(para):
            if pieces and (_starts_lower(para[s:e]) or (para[s:s + 1].isdigit() and (
                    _NUMBER_ABBREV.search(para[max(0, pieces[-1][1] - 6):pieces[-1][1]])))):
                pieces[-1][1] = e
            else:
                pieces.append([s, e])
        spans += [(p_start + s, p_start + e) for s, e in pieces]
    return spans


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, keeping abbreviations, numbers and quotes whole.

    Abbreviated titles, months and countries (``U.S.``, ``Feb. 15``, ``Sen.``,
    ``Mr.``, ``a.m.``), numbers and percentages (``50%``, ``$500 billion``,
    ``2.5``) and a quotation closed by ``,"`` before its attribution stay inside
    their sentence. Paragraph breaks always end a sentence.
    """
    return [text[s:e] for s, e in sentence_spans(text)]


_MARK = re.compile('["“”]')


def quote_marks(text: str) -> list[tuple[int, str]]:
    """Each quotation mark with its direction: ``open``, ``close`` or ``?`` (ambiguous).

    Curly marks say their direction; a straight mark opens after a space or an opening
    bracket or dash and before a non-space, and closes after a non-space and before a
    space or punctuation."""
    marks = []
    for m in _MARK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "“":
            marks.append((i, "open"))
            continue
        if ch == "”":
            marks.append((i, "close"))
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if (before.isspace() or before in "([—-") and not after.isspace():
            marks.append((i, "open"))
        elif not before.isspace() and (after.isspace() or after in ".,;:!?)]—"):
            marks.append((i, "close"))
        else:
            marks.append((i, "?"))
    return marks


def quote_passages(text: str) -> list[tuple[int, int, bool]]:
    """The suite's one quotation detector: ``(opening, end, closed)`` for each quoted
    passage, paragraph by paragraph.

    ``opening`` is the offset of the opening mark. A passage is ``closed`` at the next
    closing or ambiguous mark (``end`` is that mark's offset). An opening mark met inside
    an open passage ends it there, and so does the end of the paragraph (``closed`` is
    then ``False`` and ``end`` is where it stopped): an unclosed quote, common in damaged
    text, never swallows the rest of the article. A closing mark with nothing open is
    ignored. :func:`quote_mask` and :func:`helpers.quotes.quoted_spans` are both read off
    these passages.
    """
    passages = []
    for p_start, p_end in paragraph_spans(text):
        opened: int | None = None
        for pos, direction in quote_marks(text[p_start:p_end]):
            pos += p_start
            if opened is None:
                if direction != "close":
                    opened = pos
                continue
            if direction == "open":  # broken nesting: end the open passage here
                passages.append((opened, pos, False))
                opened = pos
                continue
            passages.append((opened, pos, True))
            opened = None
        if opened is not None:
            passages.append((opened, p_end, False))
    return passages


def quote_mask(text: str) -> list[bool]:
    """For each character, whether it lies inside a quoted passage (:func:`quote_passages`).

    The marks of a passage count as inside it.
    """
    if not _MARK.search(text):
        return [False] * len(text)
    inside = bytearray(len(text))
    for opening, end, closed in quote_passages(text):
        stop = end + 1 if closed else end
        inside[opening:stop] = b"\x01" * (stop - opening)
    return np.frombuffer(bytes(inside), dtype=bool).tolist()


def speech_label(mask: list[bool], text: str, start: int, end: int) -> str:
    """``quote``, ``narration`` or ``mixed`` for ``text[start:end]`` given its quote mask."""
    if not any(mask[start:end]):
        return "narration"
    inside = outside = 0
    for i in range(start, end):
        if text[i].isalnum():
            if mask[i]:
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "quote"
    if outside and not inside:
        return "narration"
    return "mixed" if inside else "narration"


def sentences_table(clean: pd.DataFrame, jobs: int | None = None) -> pd.DataFrame:
    """One row per sentence of every article of a clean corpus table.

    Columns ``doc_id, sent_id, text, speech, start, end``; ``sent_id`` counts
    from 0 within each article and ``start``/``end`` are offsets in the clean text.
    Large corpora are split in ``jobs`` processes; the result equals a one-process run.
    """
    from .engine.compute import map_chunks

    items = list(zip(clean["doc_id"], clean["text"], strict=True))
    per_article = map_chunks(_article_sentences, items, jobs=jobs, desc="sentences")
    table = pd.DataFrame([row for rows in per_article for row in rows], columns=SENTENCE_COLUMNS)
    return table.astype({"sent_id": "int64", "start": "int64", "end": "int64"})


def _article_sentences(items: list[tuple[str, str]]) -> list[list[tuple]]:
    """The sentence rows of each ``(doc_id, text)`` article (a :func:`map_chunks` worker)."""
    out = []
    for doc_id, text in items:
        mask = quote_mask(text)
        out.append([(doc_id, sent_id, text[s:e], speech_label(mask, text, s, e), s, e)
                    for sent_id, (s, e) in enumerate(sentence_spans(text))])
    return out
