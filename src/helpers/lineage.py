"""Wire lineage: which sentences of article B derive from article A.

For every sentence of B and every other article A, the best source sentence in A is
scored two ways:

* ``containment``: the share of B's word 3-shingles that also occur in A's sentence
  (Broder 1997). High containment is copying, whatever else was added;
* ``cosine``: TF-IDF cosine of the two sentences over stemmed words, which survives
  re-ordering and synonyms better and so catches paraphrase.

Labels (thresholds calibrated on the seeds, see notebook 03):
``verbatim`` (containment ≥ 0.8), ``near-verbatim`` (≥ 0.4), ``paraphrase`` (cosine ≥
0.3), else ``new``. ``in_quote`` marks reuse that lies inside quotation marks: everyone
repeating the President's words is not copying one another.

Candidates come from an index, never from all pairs: sentences sharing a *rare* shingle
(one found in at most ``max_shingle_df`` sentences), plus pairs whose sparse TF-IDF
product reaches the paraphrase threshold, computed in chunks.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .sentences import quote_mask
from .tokens import tokenize

VERBATIM = 0.8
NEAR_VERBATIM = 0.4
PARAPHRASE = 0.3
SHINGLE = 3
REUSE_COLUMNS = ["doc_a", "sent_a", "doc_b", "sent_b", "score", "kind", "in_quote",
                 "containment", "cosine", "text_a", "text_b"]
SUMMARY_COLUMNS = ["doc_a", "doc_b", "sentences_b", "reused_b", "share_reused",
                   "reused_narration_b", "share_narration", "verbatim_b", "near_verbatim_b",
                   "paraphrase_b"]
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_EXPANSIONS = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'m": "am"}
_IRREGULAR = {"can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"]}


def _expand(word: str) -> list[str]:
    """``didn't`` → ``did not``; ``we're`` → ``we are``; a possessive ``'s`` is dropped."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, full in _EXPANSIONS.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return [word[: -len(suffix)], full]
    if "'" in word:
        return [word.split("'", 1)[0]]
    return [word]


def sentence_shingles(text: str, mask: list[bool] | None = None, start: int = 0,
                      n: int = SHINGLE) -> tuple[list[tuple[str, ...]], list[bool]]:
    """Word ``n``-shingles of a sentence and, for each, whether it lies inside quotes.

    Words are lower-cased; contractions are expanded (``didn't`` → ``did not``) so that
    a rewrite's ``did not`` still matches. ``mask`` is the article's quote mask and
    ``start`` the sentence's offset in the article.
    """
    lowered = text.lower().replace("’", "'")
    words, inside = [], []
    for m in _WORD.finditer(lowered):
        quoted = bool(mask[start + m.start()]) if mask is not None else False
        for word in _expand(m.group()):
            words.append(word)
            inside.append(quoted)
    shingles = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    flags = [all(inside[i:i + n]) for i in range(len(words) - n + 1)]
    return shingles, flags


def _analyzer(text: str) -> list[str]:
    return tokenize(text, stemming=True)


def sentence_tfidf(texts: list[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF of sentences over stemmed words (stop words removed)."""
    vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, dtype=np.float64)
    return sparse.csr_matrix(vectorizer.fit_transform(texts))


def candidate_pairs(sentences: pd.DataFrame, shingles: list[list[tuple[str, ...]]],
                    matrix: sparse.csr_matrix, min_cosine: float = PARAPHRASE,
                    max_shingle_df: int = 50, chunk_size: int = 2000) -> set[tuple[int, int]]:
    """Pairs ``(i, j)`` of sentences in different articles worth scoring (``i < j``)."""
    docs = sentences["doc_id"].to_numpy()
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        for s in set(sh):
            index[s].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if 1 < len(members) <= max_shingle_df:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if docs[i] != docs[j]:
                        pairs.add((i, j))
    transposed = matrix.T.tocsc()
    for start in range(0, matrix.shape[0], chunk_size):
        block = sparse.coo_matrix(matrix[start:start + chunk_size] @ transposed)
        keep = block.data >= min_cosine
        for i, j in zip(block.row[keep] + start, block.col[keep], strict=True):
            if i < j and docs[i] != docs[j]:
                pairs.add((int(i), int(j)))
    return pairs


def align_sentences(sentences: pd.DataFrame, clean: pd.DataFrame, *,
                    verbatim: float = VERBATIM, near_verbatim: float = NEAR_VERBATIM,
                    paraphrase: float = PARAPHRASE, max_shingle_df: int = 50) -> pd.DataFrame:
    """Best source sentence in each other article for every sentence, where one is found.

    Returns one row per (sentence of B, article A) whose best match is not ``new``, with
    columns :data:`REUSE_COLUMNS`. ``score`` is the containment for (near-)verbatim reuse
    and the cosine for paraphrase.
    """
    sentences = sentences.reset_index(drop=True)
    masks = {d: quote_mask(t) for d, t in zip(clean["doc_id"], clean["text"], strict=True)}
    shingles, flags = [], []
    for row in sentences.itertuples(index=False):
        sh, fl = sentence_shingles(row.text, masks[row.doc_id], row.start)
        shingles.append(sh)
        flags.append(fl)
    matrix = sentence_tfidf(sentences["text"].tolist())
    sets = [set(sh) for sh in shingles]
    best: dict[tuple[int, str], tuple[float, float, int, float]] = {}
    docs = sentences["doc_id"].tolist()
    for i, j in sorted(candidate_pairs(sentences, shingles, matrix, paraphrase, max_shingle_df)):
        cosine = float(matrix[i].multiply(matrix[j]).sum())
        for b, a in ((i, j), (j, i)):
            shared = sets[b] & sets[a]
            containment = len(shared) / len(sets[b]) if sets[b] else 0.0
            quoted = [f for s, f in zip(shingles[b], flags[b], strict=True) if s in shared]
            quote_share = sum(quoted) / len(quoted) if quoted else float(
                sentences.at[b, "speech"] == "quote")
            key = (b, docs[a])
            candidate = (round(containment, 6), round(cosine, 6), -a, quote_share)
            if key not in best or candidate[:3] > best[key][:3]:
                best[key] = candidate
    rows = []
    for (b, doc_a), (containment, cosine, neg_a, quote_share) in best.items():
        a = -neg_a
        if containment >= verbatim:
            kind, score = "verbatim", containment
        elif containment >= near_verbatim:
            kind, score = "near-verbatim", containment
        elif cosine >= paraphrase:
            kind, score = "paraphrase", cosine
        else:
            continue
        rows.append((doc_a, int(sentences.at[a, "sent_id"]), docs[b],
                     int(sentences.at[b, "sent_id"]), score, kind, bool(quote_share >= 0.5),
                     containment, cosine, sentences.at[a, "text"], sentences.at[b, "text"]))
    table = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return table.sort_values(["doc_b", "sent_b", "doc_a"], kind="stable").reset_index(drop=True)


def reuse_summary(reuse: pd.DataFrame, sentences: pd.DataFrame,
                  all_pairs_limit: int = 200) -> pd.DataFrame:
    """One row per ordered pair (A, B): how many of B's sentences derive from A.

    Every ordered pair is listed for corpora up to ``all_pairs_limit`` articles; above
    that, only pairs with some reuse.
    """
    n_sent = sentences.groupby("doc_id").size()
    docs = sorted(n_sent.index)
    if len(docs) <= all_pairs_limit:
        pairs = pd.DataFrame([(a, b) for b in docs for a in docs if a != b],
                             columns=["doc_a", "doc_b"])
    else:
        pairs = reuse[["doc_a", "doc_b"]].drop_duplicates()
    counts = reuse.assign(
        narration=~reuse["in_quote"],
        verbatim=reuse["kind"] == "verbatim",
        near=reuse["kind"] == "near-verbatim",
        para=reuse["kind"] == "paraphrase",
    ).groupby(["doc_a", "doc_b"]).agg(
        reused_b=("sent_b", "nunique"), reused_narration_b=("narration", "sum"),
        verbatim_b=("verbatim", "sum"), near_verbatim_b=("near", "sum"),
        paraphrase_b=("para", "sum"),
    ).reset_index()
    table = pairs.merge(counts, on=["doc_a", "doc_b"], how="left").fillna(0)
    table["sentences_b"] = table["doc_b"].map(n_sent).astype("int64")
    for col in ["reused_b", "reused_narration_b", "verbatim_b", "near_verbatim_b",
                "paraphrase_b"]:
        table[col] = table[col].astype("int64")
    table["share_reused"] = (table["reused_b"] / table["sentences_b"]).round(4)
    table["share_narration"] = (table["reused_narration_b"] / table["sentences_b"]).round(4)
    return table[SUMMARY_COLUMNS].sort_values(["doc_a", "doc_b"]).reset_index(drop=True)


def longest_in_order(positions: list[int]) -> int:
    """Length of the longest strictly increasing run (not necessarily contiguous).

    Applied to the source positions of B's reused sentences, taken in B's order, it
    says how much of the reuse follows A's sequence: a rewrite keeps the order of its
    source, independent reports of the same facts do not.
    """
    from bisect import bisect_left

    tails: list[int] = []
    for p in positions:
        i = bisect_left(tails, p)
        if i == len(tails):
            tails.append(p)
        else:
            tails[i] = p
    return len(tails)


def add_order(summary: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    """Add ``in_order_b``: how many of B's reused sentences follow A's order."""
    runs = {
        key: longest_in_order(group.sort_values("sent_b")["sent_a"].tolist())
        for key, group in reuse.groupby(["doc_a", "doc_b"])
    }
    keys = list(zip(summary["doc_a"], summary["doc_b"], strict=True))
    return summary.assign(in_order_b=[int(runs.get(k, 0)) for k in keys])


def choose_lineage_pair(summary: pd.DataFrame, corpus: pd.DataFrame) -> tuple[str, str] | None:
    """The pair of articles with the most reuse, oriented source → derivative.

    The unordered pair with the largest share of reused sentences is chosen. It is
    oriented by metadata when one article's ``relation`` is ``original`` and the other's
    is not; otherwise by containment asymmetry: the source is the article more fully
    contained in the other (a rewrite keeps its source and adds material). This is a
    heuristic: similarity alone never proves who copied whom.
    """
    if summary.empty or summary["reused_b"].max() == 0:
        return None
    share = {(a, b): s for a, b, s in summary[["doc_a", "doc_b", "share_reused"]].itertuples(
        index=False)}
    best = max(sorted(share), key=lambda k: max(share[k], share.get((k[1], k[0]), 0.0)))
    a, b = sorted(best)
    relation = dict(zip(corpus["doc_id"], corpus.get("relation", pd.Series(dtype=str)),
                        strict=False))
    if relation.get(a) == "original" and relation.get(b) != "original":
        return a, b
    if relation.get(b) == "original" and relation.get(a) != "original":
        return b, a
    # share[(b, a)] = share of a's sentences found in b: a is contained in b, so a is A.
    return (a, b) if share.get((b, a), 0) >= share.get((a, b), 0) else (b, a)
