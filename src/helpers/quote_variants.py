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


EXACT_LIMIT = 5000


def _candidate_pairs(matrix: sparse.csr_matrix, threshold: float, chunk_size: int,
                     k: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)``, ``i < j``, of rows whose cosine reaches ``threshold``.

    Up to :data:`EXACT_LIMIT` rows every pair is scored (blocks of sparse products).
    Above it, each row's ``k`` nearest rows come from the candidate index of
    :func:`helpers.neighbours.top_k_neighbours`, so the work grows as n, not n²; a
    statement quoted in many articles still forms one group, as its renderings are
    linked to one another in chains.
    """
    n = matrix.shape[0]
    if n <= EXACT_LIMIT:
        transposed = matrix.T.tocsc()
        rows, cols = [], []
        for start in range(0, n, chunk_size):
            block = sparse.coo_matrix(matrix[start:start + chunk_size] @ transposed)
            keep = (block.data >= threshold) & (block.row + start < block.col)
            rows.append(block.row[keep] + start)
            cols.append(block.col[keep])
        if not rows:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64)
    from .neighbours import top_k_neighbours

    ids = np.arange(n)
    table = top_k_neighbours(matrix, [f"{i:012d}" for i in ids], k=k)
    table = table[table["cosine"] >= threshold]
    a = table["doc_id"].astype(np.int64).to_numpy()
    b = table["neighbour_id"].astype(np.int64).to_numpy()
    return np.minimum(a, b), np.maximum(a, b)


def group_quotes(quotes: pd.DataFrame, *, min_words: int = 4, threshold: float = 0.45,
                 chunk_size: int = 2000, k: int = 10) -> pd.DataFrame:
    """Group rows of a quotations table (``doc_id``, ``quote`` …) that render one statement.

    Identical renderings are compared once. Two renderings are linked when their
    character n-gram cosine reaches ``threshold`` and they stand in different articles;
    linked renderings form a group (connected components). Returns the grouped rows with
    ``group_id``, ``group_kind``, ``n_articles`` and ``relation`` added (only groups found
    in two or more articles), in the order of each group's first row.
    """
    words = quotes["quote"].str.split().str.len()
    spans = quotes[words >= min_words].reset_index(drop=True)
    empty = pd.DataFrame(columns=["group_id", "group_kind", "n_articles", *spans.columns,
                                  "relation"])
    if spans["doc_id"].nunique() < 2:
        return empty
    text_id, texts = pd.factorize(spans["quote"])
    # the article of a text seen in one article only (else -1): such texts are not linked
    # with each other when that article is the same
    per_text = pd.DataFrame({"t": text_id, "d": pd.factorize(spans["doc_id"])[0]})
    n_docs = per_text.groupby("t")["d"].nunique().to_numpy()
    only_doc = np.where(n_docs == 1, per_text.groupby("t")["d"].first().to_numpy(), -1)
    matrix = tfidf(list(texts), "char")[0]
    a, b = _candidate_pairs(matrix, threshold, chunk_size, k)
    linked = (only_doc[a] < 0) | (only_doc[a] != only_doc[b])
    components = np.array(_components(len(texts), list(zip(a[linked].tolist(),
                                                            b[linked].tolist(),
                                                            strict=True))))
    spans["_component"] = components[text_id]
    spans["_root"] = spans.index.to_series().groupby(
        spans["_component"].to_numpy()).transform("min").to_numpy()
    spans["_docs"] = spans.groupby("_root")["doc_id"].transform("nunique")
    spans["_words"] = spans["quote"].str.split().str.len()
    grouped = spans[spans["_docs"] > 1]
    helper_columns = ["_component", "_root", "_docs", "_words"]
    parts = []
    seen: dict[tuple[str, str], str] = {}
    for number, (_root, group) in enumerate(grouped.groupby("_root", sort=True), start=1):
        longest = group.loc[group["_words"].idxmax()]
        relations = []
        for idx, q in zip(group.index, group["quote"], strict=True):
            if idx == longest.name:
                relations.append("longest")
                continue
            pair = (q, longest["quote"])
            if pair not in seen:
                seen[pair] = relation(*pair)
            relations.append(seen[pair])
        kinds = set(relations) - {"longest"}
        kind = ("re-translated" if "re-translated" in kinds else
                "trimmed" if "trimmed" in kinds else "verbatim")
        parts.append(group.drop(columns=helper_columns).assign(
            group_id=f"Q{number:03d}", group_kind=kind, n_articles=int(group["_docs"].iloc[0]),
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
