"""The same statement in several outlets: group quotations across articles.

Quoted passages of at least ``min_words`` words are compared across articles by
character n-gram TF-IDF cosine (robust to ``didn't``/``did not`` and
``interest``/``interests``); pairs above ``threshold`` are linked, and linked passages
form a group. Each group is labelled by how its renderings relate:

* ``verbatim``: the same words (ignoring case and punctuation);
* ``trimmed``: one rendering's words are contained in another's (a cut, not a rewrite);
* ``re-translated``: the same statement in different words (typical of quotes
  translated from Ukrainian by different newsrooms).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse

from .quotes import quote_spans_table
from .similarity import tfidf

VARIANT_COLUMNS = ["group_id", "group_kind", "n_articles", "doc_id", "start", "end", "quote",
                   "relation"]
_WORDS = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    text = text.lower().replace("n't", " not").replace("'s", " is")
    return _WORDS.findall(text)


def _contained(short: list[str], long: list[str], n: int = 2) -> float:
    grams = {tuple(short[i:i + n]) for i in range(len(short) - n + 1)}
    if not grams:
        return 1.0 if set(short) <= set(long) else 0.0
    other = {tuple(long[i:i + n]) for i in range(len(long) - n + 1)}
    return len(grams & other) / len(grams)


def relation(a: str, b: str) -> str:
    """``verbatim``, ``trimmed`` or ``re-translated``: how two renderings relate."""
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return "verbatim"
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return "trimmed" if _contained(short, long) >= 0.8 else "re-translated"


def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(n)]


def group_quotes(quotes: pd.DataFrame, *, min_words: int = 4, threshold: float = 0.45,
                 chunk_size: int = 2000) -> pd.DataFrame:
    """Group rows of a quotations table (``doc_id``, ``quote`` …) that render one statement.

    Returns the grouped rows with ``group_id``, ``group_kind``, ``n_articles`` and
    ``relation`` added (only groups found in two or more articles), in group order.
    """
    words = quotes["quote"].str.split().str.len()
    spans = quotes[words >= min_words].reset_index(drop=True)
    empty = pd.DataFrame(columns=["group_id", "group_kind", "n_articles", *spans.columns,
                                  "relation"])
    if spans["doc_id"].nunique() < 2:
        return empty
    matrix = tfidf(spans["quote"], "char")[0]
    docs = spans["doc_id"].to_numpy()
    edges = []
    transposed = matrix.T.tocsc()
    for start in range(0, len(spans), chunk_size):
        block = sparse.coo_matrix(matrix[start:start + chunk_size] @ transposed)
        keep = block.data >= threshold
        for i, j in zip(block.row[keep] + start, block.col[keep], strict=True):
            if i < j and docs[i] != docs[j]:
                edges.append((int(i), int(j)))
    spans["_root"] = np.array(_components(len(spans), edges))
    spans["_words"] = spans["quote"].str.split().str.len()
    parts = []
    groups = [g for _, g in spans.groupby("_root", sort=True) if g["doc_id"].nunique() > 1]
    for number, group in enumerate(groups, start=1):
        longest = group.loc[group["_words"].idxmax()]
        relations = [
            "longest" if idx == longest.name else relation(q, longest["quote"])
            for idx, q in zip(group.index, group["quote"], strict=True)
        ]
        kinds = set(relations) - {"longest"}
        kind = ("re-translated" if "re-translated" in kinds else
                "trimmed" if "trimmed" in kinds else "verbatim")
        parts.append(group.drop(columns=["_root", "_words"]).assign(
            group_id=f"Q{number:03d}", group_kind=kind, n_articles=int(group["doc_id"].nunique()),
            relation=relations))
    if not parts:
        return empty
    table = pd.concat(parts, ignore_index=True)
    first = ["group_id", "group_kind", "n_articles"]
    return table[first + [c for c in table.columns if c not in first]]


def quote_variants(clean: pd.DataFrame, *, min_words: int = 4,
                   threshold: float = 0.45) -> pd.DataFrame:
    """Groups of quotations rendering the same statement in two or more articles.

    One row per quotation in a group; columns :data:`VARIANT_COLUMNS`. ``relation`` is
    each rendering's relation to the group's longest one (``longest`` for itself).
    """
    grouped = group_quotes(quote_spans_table(clean), min_words=min_words, threshold=threshold)
    return grouped.reindex(columns=VARIANT_COLUMNS)
