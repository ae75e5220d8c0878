"""Measurable signs of damage in an article: quotes, brackets, names, garbling.

Every indicator is a count a reader can check by searching the text:

* ``unbalanced_quote_paragraphs``: paragraphs of the clean text with an odd
  number of ``"`` marks (an unclosed quotation);
* ``nested_open_quotes``: in the raw text, an opening ``“`` that follows another
  opening ``“`` in the same paragraph with no ``”`` between (a broken nested quote);
* ``unmatched_brackets`` and ``square_brackets`` (editorial insertions such as
  ``[with Kyiv]``, which a translation engine often leaves stranded);
* ``misspelled_names``: occurrences of forms the actors table marks as misspellings;
* the garbling indicator ``garble_per_100_sentences``: per 100 sentences, the sum of
  sentence pieces that start in lower case, stray spaced punctuation (``word .``),
  brackets glued to a word (``]another``), and sentences of one or two words.
"""

from __future__ import annotations

import re

import pandas as pd

from .sentences import paragraph_spans

NOISE_COLUMNS = [
    "doc_id", "n_sentences", "unbalanced_quote_paragraphs", "nested_open_quotes",
    "unmatched_brackets", "square_brackets", "misspelled_names", "lowercase_starts",
    "spaced_punctuation", "glued_brackets", "fragment_sentences", "garble_per_100_sentences",
]
_SPACED_PUNCT = re.compile(r"(?<=\S) [.,;:](?=\s|$)")
_GLUED_BRACKET = re.compile(r"\][A-Za-z]|[A-Za-z]\[")
_WORD = re.compile(r"[A-Za-z0-9]+")


def unbalanced_quote_paragraphs(text: str) -> int:
    """Paragraphs with an odd number of straight double quotation marks."""
    return sum(text[s:e].count('"') % 2 for s, e in paragraph_spans(text))


def nested_open_quotes(raw: str) -> int:
    """Opening curly quotes that follow an unclosed opening curly quote, line by line."""
    count = depth = 0
    for m in _CURLY_OR_LINE.finditer(raw):  # the marks and line ends only, not every char
        ch = m.group()
        if ch == "“":
            count += depth > 0
            depth += 1
        elif ch == "”":
            depth = max(depth - 1, 0)
        else:
            depth = 0
    return count


_CURLY_OR_LINE = re.compile("[“”\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_BRACKETS = {"()": re.compile(r"[()]"), "[]": re.compile(r"[\[\]]")}


def unmatched_brackets(text: str) -> int:
    """Closing brackets with no opener plus openers never closed, ``()`` and ``[]``."""
    unmatched = 0
    for pair, marks in _BRACKETS.items():
        open_ch, close_ch = pair
        depth = 0
        for m in marks.finditer(text):
            ch = m.group()
            if ch == open_ch:
                depth += 1
            elif ch == close_ch:
                if depth:
                    depth -= 1
                else:
                    unmatched += 1
        unmatched += depth
    return unmatched


def _raw_pieces(text: str) -> list[str]:
    from .resources import punkt_tokenizer

    tokenizer = punkt_tokenizer()
    return [piece for s, e in paragraph_spans(text) for piece in tokenizer.tokenize(text[s:e])]


def noise_table(
    corpus: pd.DataFrame,
    clean: pd.DataFrame,
    sentences: pd.DataFrame,
    name_variants: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row of damage indicators per article (see the module docstring)."""
    misspelled = {}
    if name_variants is not None and len(name_variants):
        wrong = name_variants[name_variants["status"] == "misspelling"]
        misspelled = wrong.groupby("doc_id")["count"].sum().to_dict()
    from .engine.compute import map_chunks

    n_sent = sentences.groupby("doc_id").size().to_dict()
    items = [(d, raw, text, int(n_sent.get(d, 0)), int(misspelled.get(d, 0))) for d, raw, text
             in zip(corpus["doc_id"], corpus["text"], clean["text"], strict=True)]
    return pd.DataFrame(map_chunks(_noise_rows, items, desc="noise"), columns=NOISE_COLUMNS)


def _noise_rows(items: list[tuple[str, str, str, int, int]]) -> list[dict]:
    """The noise row of each ``(doc_id, raw, clean, sentences, misspelled)`` article (a
    :func:`~helpers.engine.compute.map_chunks` worker)."""
    rows = []
    for doc_id, raw, text, sentence_count, misspelled_count in items:
        pieces = _raw_pieces(text)
        lower = sum(p.lstrip("\"'([ ")[:1].islower() for p in pieces)
        spaced = len(_SPACED_PUNCT.findall(raw))
        glued = len(_GLUED_BRACKET.findall(text))
        fragments = sum(1 for p in pieces if len(_WORD.findall(p)) <= 2)
        n = max(sentence_count, 1)
        rows.append({
            "doc_id": doc_id,
            "n_sentences": sentence_count,
            "unbalanced_quote_paragraphs": unbalanced_quote_paragraphs(text),
            "nested_open_quotes": nested_open_quotes(raw),
            "unmatched_brackets": unmatched_brackets(text),
            "square_brackets": text.count("["),
            "misspelled_names": misspelled_count,
            "lowercase_starts": lower,
            "spaced_punctuation": spaced,
            "glued_brackets": glued,
            "fragment_sentences": fragments,
            "garble_per_100_sentences": round(100 * (lower + spaced + glued + fragments) / n, 2),
        })
    return rows
