"""Wire lineage: which sentences of article B derive from article A.

For every sentence of B and every other article A, the best source sentence in A is
scored two ways:

* ``containment``: the share of B's word 3-shingles that also occur in A's sentence
  (Broder 1997). High containment is copying, whatever else was added;
* ``cosine``: TF-IDF cosine of the two sentences over stemmed words, which survives
  re-ordering and synonyms better and so catches paraphrase.

Labels (thresholds calibrated on the seeds, see notebook 04):
``verbatim`` (containment ≥ 0.8), ``near-verbatim`` (≥ 0.4), ``paraphrase`` (cosine ≥
0.3), else ``new``. ``in_quote`` marks reuse that lies inside quotation marks: everyone
repeating the President's words is not copying one another.

Candidates come from an index, never from all pairs: above 200 articles each article is
compared only with its nearest articles (a sparse top-k TF-IDF index), and the sentence
pairs of those articles are scored in blocks of sparse products (shingle intersections
and TF-IDF cosines), never one pair at a time in Python.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .runs import run_bounds
from .sentences import quote_mask
from .tokens import tokenize

if TYPE_CHECKING:
    from .engine.artefacts import TableParts

VERBATIM = 0.8
NEAR_VERBATIM = 0.4
PARAPHRASE = 0.3
SHINGLE = 3
REUSE_COLUMNS = ["doc_a", "sent_a", "doc_b", "sent_b", "score", "kind", "in_quote",
                 "containment", "cosine", "text_a", "text_b", "relation", "shared",
                 "shared_narration"]
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


def sentence_words(text: str, mask: list[bool] | None = None, start: int = 0
                   ) -> tuple[list[str], list[bool]]:
    """The words :func:`sentence_shingles` uses and, for each, whether it lies inside
    quotes (an empty list when no word does)."""
    lowered = text.lower().replace("’", "'")
    if mask is None or not any(mask[start:start + len(text)]):  # no quote: words only
        words = _WORD.findall(lowered)
        if "'" in lowered:
            words = [w for word in words for w in (_expand(word) if "'" in word else (word,))]
        return words, []
    words, inside = [], []
    for m in _WORD.finditer(lowered):
        quoted = bool(mask[start + m.start()])
        word = m.group()
        expanded = _expand(word) if "'" in word else [word]
        words.extend(expanded)
        inside.extend([quoted] * len(expanded))
    return words, inside


def sentence_shingles(text: str, mask: list[bool] | None = None, start: int = 0,
                      n: int = SHINGLE) -> tuple[list[tuple[str, ...]], list[bool]]:
    """Word ``n``-shingles of a sentence and, for each, whether it lies inside quotes.

    Words are lower-cased; contractions are expanded (``didn't`` → ``did not``) so that
    a rewrite's ``did not`` still matches. ``mask`` is the article's quote mask and
    ``start`` the sentence's offset in the article.
    """
    words, inside = sentence_words(text, mask, start)
    count = len(words) - n + 1
    shingles = list(zip(*(words[i:i + count] for i in range(n)), strict=True)) if count > 0 else []
    if not any(inside):
        return shingles, [False] * len(shingles)
    flags = [all(inside[i:i + n]) for i in range(count)]
    return shingles, flags


def _stemmed(texts: list[str]) -> list[str]:
    """Stemmed tokens of each text, joined by spaces (a :func:`map_chunks` worker): one
    string per sentence travels and waits in memory, not a list of strings (at 100,000
    articles the lists took over a gigabyte). Tokens never hold whitespace."""
    return [" ".join(tokenize(text, stemming=True)) for text in texts]


def _split(joined: str) -> list[str]:
    return joined.split(" ") if joined else []


def sentence_tfidf(texts: list[str], jobs: int | None = None) -> sparse.csr_matrix:
    """L2-normalised TF-IDF of sentences over stemmed words (stop words removed).

    Large inputs are tokenised in ``jobs`` processes; the result equals a one-process run.
    """
    from .engine.compute import map_chunks

    tokens = map_chunks(_stemmed, list(texts), jobs=jobs, desc="stemming")
    vectorizer = TfidfVectorizer(analyzer=_split, sublinear_tf=True, dtype=np.float64)
    return sparse.csr_matrix(vectorizer.fit_transform(tokens))


def shingle_matrices(shingles: list[list[tuple[str, ...]]], flags: list[list[bool]]
                     ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Binary sentence × shingle matrices: every shingle, and those lying inside quotes."""
    return _shingle_matrices(zip(shingles, flags, strict=True))


def sentence_shingle_matrices(sentences: pd.DataFrame, clean: pd.DataFrame
                              ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """:func:`shingle_matrices` of every sentence, articles in partitions.

    ``sentences`` must be grouped by article. Each partition of articles is shingled where
    :mod:`helpers.engine.compute` runs it (a Dask worker for large corpora); a shingle
    travels back as a 64-bit digest, and the digests become column numbers here, in order
    of first appearance, so the matrices equal those of :func:`shingle_matrices`.
    """
    from .engine.compute import map_blocks

    texts = dict(zip(clean["doc_id"], clean["text"], strict=True))
    docs = sentences["doc_id"].to_numpy()
    starts, ends = run_bounds(docs)
    sent_texts, sent_starts = sentences["text"].tolist(), sentences["start"].tolist()
    items = [(texts[docs[a]], sent_texts[a:b], sent_starts[a:b])
             for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    parts = map_blocks(_shingle_digests, items, desc="shingles")
    lengths = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    digests = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    flags = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, bool)
    codes, uniques = pd.factorize(digests)
    cols = codes.astype(np.int32)
    indptr = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    shape = (len(sentences), max(len(uniques), 1))
    every = sparse.csr_matrix((np.ones(len(cols), np.float32), cols, indptr), shape=shape)
    rows = np.repeat(np.arange(len(sentences), dtype=np.int32), lengths)
    quoted = sparse.csr_matrix((np.ones(int(flags.sum()), np.float32),
                                (rows[flags], cols[flags])), shape=shape)
    return every, quoted


class _WordDigests(dict):
    """Word → a stable 64-bit number (Python's ``hash`` differs between processes),
    computed once per word."""

    def __missing__(self, word: str) -> int:
        value = self[word] = int.from_bytes(
            hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
        return value


_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9),
        np.uint64(0x94D049BB133111EB))


def _combine(keys: np.ndarray, n: int = SHINGLE) -> np.ndarray:
    """One 64-bit number per run of ``n`` consecutive word numbers (multiply and xor,
    SplitMix64's constants): ``len(keys) - n + 1`` values."""
    count = len(keys) - n + 1
    out = np.zeros(max(count, 0), np.uint64)
    with np.errstate(over="ignore"):
        for i in range(n):
            out = (out ^ keys[i:i + count]) * _MIX[i % len(_MIX)]
            out ^= out >> np.uint64(29)
    return out


def _shingle_digests(items: list[tuple[str, list[str], list[int]]]
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a partition of ``(article text, sentence texts, sentence starts)``: each
    sentence's number of distinct shingles, their digests in order of first appearance,
    and whether each lies inside quotes anywhere in the sentence.

    Words are numbered once (:class:`_WordDigests`); the shingles of the whole partition
    are then combined and de-duplicated with array operations."""
    numbers = _WordDigests()
    keys, sent, inside = array("Q"), array("q"), array("b")
    n_sent = 0
    for full, texts, starts in items:
        mask = quote_mask(full) if '"' in full else None
        for text, start in zip(texts, starts, strict=True):
            words, flags = sentence_words(text, mask, int(start))
            keys.extend(map(numbers.__getitem__, words))
            sent.extend([n_sent] * len(words))
            inside.extend(flags if flags else bytes(len(words)))
            n_sent += 1
    k = np.frombuffer(keys, np.uint64) if keys else np.zeros(0, np.uint64)
    s = np.frombuffer(sent, np.int64) if sent else np.zeros(0, np.int64)
    f = np.frombuffer(inside, np.int8).astype(bool) if inside else np.zeros(0, bool)
    m = SHINGLE - 1
    whole = s[:-m] == s[m:] if len(s) > m else np.zeros(0, bool)  # within one sentence
    digests = _combine(k)[whole].view(np.int64)
    rows = s[:-m][whole] if len(s) > m else np.zeros(0, np.int64)
    quoted = np.ones(len(whole), bool)
    for i in range(SHINGLE):
        quoted &= f[i:i + len(whole)]
    table = pd.DataFrame({"s": rows, "d": digests, "f": quoted[whole]})
    first = table.groupby(["s", "d"], sort=False)["f"].max().reset_index()
    lengths = np.bincount(first["s"].to_numpy(), minlength=n_sent).astype(np.int64)
    return lengths, first["d"].to_numpy(np.int64), first["f"].to_numpy(bool)


def _shingle_matrices(pairs, n_rows: int | None = None
                      ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    vocab: dict[tuple[str, ...], int] = {}
    indptr, cols = array("q", [0]), array("i")  # 4-byte column ids: half the memory
    qrows, qcols = array("i"), array("i")
    for i, (sh, fl) in enumerate(pairs):
        if not any(fl):  # the common case: no shingle inside quotes
            ids = dict.fromkeys([vocab.setdefault(s, len(vocab)) for s in sh])
            cols.extend(ids)
            indptr.append(len(cols))
            continue
        quoted: dict[int, bool] = {}
        for s, f in zip(sh, fl, strict=True):
            j = vocab.setdefault(s, len(vocab))
            quoted[j] = quoted.get(j, False) or f
        cols.extend(quoted)
        indptr.append(len(cols))
        for j, f in quoted.items():
            if f:
                qrows.append(i)
                qcols.append(j)
    n_rows = len(indptr) - 1 if n_rows is None else n_rows
    shape = (n_rows, max(len(vocab), 1))
    # 0/1 entries in float32: shingle counts stay exact integers at half the memory
    every = sparse.csr_matrix((np.ones(len(cols), np.float32), _ints(cols), _ints(indptr)),
                              shape=shape)
    quoted_m = sparse.csr_matrix((np.ones(len(qrows), np.float32),
                                  (_ints(qrows), _ints(qcols))), shape=shape)
    return every, quoted_m


def _ints(values: array) -> np.ndarray:
    """An ``array('i')`` or ``array('q')`` as a NumPy integer array, without a copy."""
    dtype = np.dtype(f"i{values.itemsize}")
    return np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype)


def block_products(lefts: list[sparse.csr_matrix], right: sparse.csr_matrix
                   ) -> list[np.ndarray]:
    """Dense ``left @ right.T`` for each left matrix, over the columns they use only.

    The shingle vocabulary of a large corpus has millions of columns; a plain sparse
    product transposes ``right`` through an index as long as the vocabulary, for every
    block. Renumbering the block's columns first makes each product cost its non-zeros.
    """
    parts = [*lefts, right]
    codes, used = pd.factorize(np.concatenate([m.indices for m in parts]))  # hashing, no sort
    bounds = np.cumsum([0, *(len(m.indices) for m in parts)])
    compact = [sparse.csr_matrix((m.data, codes[a:b], m.indptr), shape=(m.shape[0], len(used)))
               for m, a, b in zip(parts, bounds[:-1], bounds[1:], strict=True)]
    right_t = compact[-1].T.tocsr()
    return [(m @ right_t).toarray() for m in compact[:-1]]


def partner_documents(clean: pd.DataFrame, k: int = 5, all_pairs_limit: int = 200,
                      neighbours: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """The articles each article's sentences are compared with.

    Up to ``all_pairs_limit`` articles, every other article. Above it, the ``k`` nearest
    articles by TF-IDF cosine and the articles that have it among theirs (a sparse top-k
    index): sentence reuse is only looked for between articles that are alike at all.
    ``neighbours`` is the :func:`~helpers.neighbours.top_k_neighbours` table when it is
    already computed (its ``k`` is used as it is); else it is computed here.
    """
    ids = clean["doc_id"].tolist()
    if len(ids) <= all_pairs_limit:
        return {d: [o for o in ids if o != d] for d in ids}
    from .similarity import tfidf, top_k_neighbours

    if neighbours is not None:
        table = neighbours
    else:
        table = top_k_neighbours(tfidf(clean["text"])[0], ids, k=k)
    partners: dict[str, set[str]] = {d: set() for d in ids}
    for d, o in zip(table["doc_id"], table["neighbour_id"], strict=True):
        partners[d].add(o)
        partners[o].add(d)
    return {d: sorted(p) for d, p in partners.items()}


def align_sentences(sentences: pd.DataFrame, clean: pd.DataFrame, *,
                    verbatim: float = VERBATIM, near_verbatim: float = NEAR_VERBATIM,
                    paraphrase: float = PARAPHRASE, k: int = 5,
                    all_pairs_limit: int = 200, chunk_docs: int = 16,
                    neighbours: pd.DataFrame | None = None) -> pd.DataFrame:
    """Best source sentence in each other article for every sentence, where one is found.

    Returns one row per (sentence of B, article A) whose best match is not ``new``, with
    columns :data:`REUSE_COLUMNS`. The best match maximises containment, then cosine.
    ``score`` is the containment for (near-)verbatim reuse and the cosine for paraphrase.
    Articles are compared only with their partners (:func:`partner_documents`); sentence
    pairs are scored in blocks of sparse products, never one pair at a time.
    ``neighbours``: see :func:`partner_documents`. :func:`aligned_sentences` gives the same
    rows without building the table (to write a large one piece by piece).
    """
    return aligned_sentences(
        sentences, clean, verbatim=verbatim, near_verbatim=near_verbatim,
        paraphrase=paraphrase, k=k, all_pairs_limit=all_pairs_limit, chunk_docs=chunk_docs,
        neighbours=neighbours).table()


def aligned_sentences(sentences: pd.DataFrame, clean: pd.DataFrame, *,
                      verbatim: float = VERBATIM, near_verbatim: float = NEAR_VERBATIM,
                      paraphrase: float = PARAPHRASE, k: int = 5,
                      all_pairs_limit: int = 200, chunk_docs: int = 16,
                      neighbours: pd.DataFrame | None = None) -> Aligned:
    """The rows of :func:`align_sentences` as an :class:`Aligned`: row numbers into the
    sentence table and scores, from which the table is built whole, by columns or by
    pieces."""
    order = {d: i for i, d in enumerate(clean["doc_id"])}
    rank_o = sentences["doc_id"].map(order).to_numpy()
    ids = sentences["sent_id"].to_numpy()
    ordered = (rank_o[1:] > rank_o[:-1]) | ((rank_o[1:] == rank_o[:-1]) & (ids[1:] >= ids[:-1]))
    if not ordered.all():
        sentences = sentences.assign(_o=rank_o).sort_values(["_o", "sent_id"], kind="stable"
                                                            ).drop(columns="_o")
    sentences = sentences.reset_index(drop=True)  # already in order: no copy
    del rank_o, ids, ordered
    every, quoted = sentence_shingle_matrices(sentences, clean)
    sizes = np.asarray(every.sum(axis=1), dtype=np.float64).ravel()
    matrix = sentence_tfidf(sentences["text"].tolist()) if len(sentences) else every
    docs = sentences["doc_id"].to_numpy()
    names, firsts, counts = np.unique(docs, return_index=True, return_counts=True)
    bounds = {d: (int(a), int(a + n)) for d, a, n in zip(names, firsts, counts, strict=True)}
    is_quote = (sentences["speech"] == "quote").to_numpy()
    sent_ids = sentences["sent_id"].to_numpy()
    partners = partner_documents(clean, k=k, all_pairs_limit=all_pairs_limit,
                                 neighbours=neighbours)
    doc_list = [d for d in clean["doc_id"] if d in bounds]

    def parts(every, quoted, matrix, sizes):
        """One payload per chunk of articles: their rows and their partners' rows."""
        for c0 in range(0, len(doc_list), chunk_docs):
            chunk = doc_list[c0:c0 + chunk_docs]
            need = sorted({p for d in chunk for p in partners.get(d, []) if p in bounds},
                          key=order.get)
            if not need:
                continue
            rows = np.concatenate([np.arange(*bounds[d]) for d in chunk])
            cols = np.concatenate([np.arange(*bounds[p]) for p in need])
            yield _ReusePart(
                [(d, bounds[d][0], bounds[d][1] - bounds[d][0],
                  [p for p in partners.get(d, []) if p in bounds]) for d in chunk],
                [(p, bounds[p][0], bounds[p][1] - bounds[p][0]) for p in need],
                every[rows], quoted[rows], every[cols], matrix[rows], matrix[cols],
                sizes[rows], is_quote[rows])

    from .engine.compute import map_stream

    worker = _ReuseChunk(verbatim, near_verbatim, paraphrase)
    found = [r for r in map_stream(worker, parts(every, quoted, matrix, sizes),
                                   len(doc_list), desc="reuse") if r is not None]
    del every, quoted, matrix, sizes  # the table below needs the memory more
    docs_arr = sentences["doc_id"].to_numpy()
    if found:
        b_idx, a_idx, score, cont, cos, in_quote, kind, shared, told = (
            np.concatenate(column) for column in zip(*found, strict=True))
    else:
        b_idx = a_idx = kind = shared = told = np.zeros(0, np.int64)
        score = cont = cos = np.zeros(0)
        in_quote = np.zeros(0, bool)
    # Rows in (doc_b, sent_b, doc_a) order, sorted as row numbers before the table exists:
    # the table's string columns copy every text, and sorting the table would copy them
    # all again (at 100,000 articles, two more gigabytes at the stage's peak).
    rank = np.unique(docs_arr, return_inverse=True)[1].ravel()  # doc_ids in sorted order
    order = np.lexsort((rank[a_idx], sent_ids[b_idx], rank[b_idx]))
    b_idx, a_idx, score, cont, cos, in_quote, kind, shared, told = (
        column[order] for column in (b_idx, a_idx, score, cont, cos, in_quote, kind, shared,
                                     told))
    return Aligned(sentences, a_idx, b_idx, score, cont, cos, in_quote, kind, shared, told)


class Aligned:
    """Reuse rows (see :func:`align_sentences`) as row numbers into the sentence table
    (``a_idx``: the source sentence, ``b_idx``: the sentence of B) and score columns, in
    the table's order. :meth:`table` builds the table or part of it; :meth:`parts` hands
    it to the artefact store piece by piece, so the repeated sentence texts of a large
    corpus (gigabytes at 100,000 articles) never exist all at once."""

    def __init__(self, sentences: pd.DataFrame, a_idx: np.ndarray, b_idx: np.ndarray,
                 score: np.ndarray, cont: np.ndarray, cos: np.ndarray, in_quote: np.ndarray,
                 kind: np.ndarray, shared: np.ndarray | None = None,
                 shared_narration: np.ndarray | None = None):
        self.sentences, self.a_idx, self.b_idx = sentences, a_idx, b_idx
        self.score, self.cont, self.cos = score, cont, cos
        self.in_quote, self.kind = in_quote, kind
        self.shared = np.zeros(len(a_idx), np.int64) if shared is None else shared
        self.shared_narration = self.shared if shared_narration is None else shared_narration
        self.relation: np.ndarray | None = None  # see helpers.copying.classify_rows

    def __len__(self) -> int:
        return len(self.a_idx)

    def _pick(self, column: str, rows: np.ndarray) -> pd.Series:
        """Rows of a sentence-table column, taken in its own storage (for Arrow strings,
        no Python string object per row)."""
        taken = self.sentences[column].array.take(rows)
        if taken.dtype == object:  # a table built in memory: strings as the table infers
            return pd.Series(np.asarray(taken))
        return pd.Series(taken, copy=False)

    def table(self, start: int = 0, stop: int | None = None,
              columns: Sequence[str] = REUSE_COLUMNS) -> pd.DataFrame:
        """Rows ``start:stop`` of the reuse table, with ``columns`` (default: all)."""
        part = slice(start, stop)
        a, b = self.a_idx[part], self.b_idx[part]
        sent_ids = self.sentences["sent_id"].to_numpy()
        make = {
            "doc_a": lambda: self._pick("doc_id", a),
            "sent_a": lambda: sent_ids[a].astype(np.int64),
            "doc_b": lambda: self._pick("doc_id", b),
            "sent_b": lambda: sent_ids[b].astype(np.int64),
            "score": lambda: self.score[part].astype(np.float64),
            "kind": lambda: _KINDS[self.kind[part].astype(np.int64)],
            "in_quote": lambda: self.in_quote[part].astype(bool),
            "containment": lambda: self.cont[part].astype(np.float64),
            "cosine": lambda: self.cos[part].astype(np.float64),
            "text_a": lambda: self._pick("text", a),
            "text_b": lambda: self._pick("text", b),
            "relation": lambda: self._relations(part),
            "shared": lambda: self.shared[part].astype(np.int64),
            "shared_narration": lambda: self.shared_narration[part].astype(np.int64),
        }
        return pd.DataFrame({c: make[c]() for c in columns}, columns=list(columns))

    def _relations(self, part: slice) -> np.ndarray:
        from .copying import RELATIONS

        if self.relation is None:
            self.classify()
        return RELATIONS[self.relation[part]]

    def classify(self) -> np.ndarray:
        """Class every row (:func:`helpers.copying.classify_rows`): sets ``relation`` and
        ``run_length`` and returns ``relation``."""
        from .copying import MIN_SHARED, classify_rows

        docs = self.sentences["doc_id"].to_numpy()
        codes = pd.factorize(docs)[0]
        sent_ids = self.sentences["sent_id"].to_numpy()
        self.relation, self.run_length = classify_rows(
            codes[self.a_idx], codes[self.b_idx], sent_ids[self.a_idx], sent_ids[self.b_idx],
            (self.kind < 2) & (self.shared_narration >= MIN_SHARED), self.in_quote.astype(bool),
            self.kind == 0)
        return self.relation

    def texts(self, rows: np.ndarray) -> tuple[list[str], list[str]]:
        """The source and reused sentences of the given rows."""
        return (self._pick("text", self.a_idx[rows]).tolist(),
                self._pick("text", self.b_idx[rows]).tolist())

    def parts(self, rows: int | None = None) -> TableParts:
        """The whole table as pieces of ``rows`` rows (default: one Parquet row group)."""
        from .engine.artefacts import ROW_GROUP, TableParts

        size = rows or ROW_GROUP

        def pieces() -> Iterator[pd.DataFrame]:
            for start in range(0, max(len(self), 1), size):
                yield self.table(start, start + size)

        return TableParts(pieces, len(self))


_KINDS = np.array(["verbatim", "near-verbatim", "paraphrase"], dtype=object)


class _ReusePart(NamedTuple):
    """What one chunk of articles needs: ``docs`` as ``(doc, first row, rows, partners)``,
    ``partners`` as ``(doc, first row, rows)`` (first rows in the whole sentence table),
    and the rows of the shingle and TF-IDF matrices, sizes and quote flags."""

    docs: list[tuple[str, int, int, list[str]]]
    partners: list[tuple[str, int, int]]
    every_rows: sparse.csr_matrix
    quoted_rows: sparse.csr_matrix
    every_cols: sparse.csr_matrix
    tfidf_rows: sparse.csr_matrix
    tfidf_cols: sparse.csr_matrix
    sizes: np.ndarray
    is_quote: np.ndarray


class _ReuseChunk:
    """Picklable worker: the reuse rows of one :class:`_ReusePart`, as columns with indices
    into the whole sentence table (or ``None`` when nothing is reused)."""

    def __init__(self, verbatim: float, near_verbatim: float, paraphrase: float):
        self.verbatim, self.near_verbatim, self.paraphrase = verbatim, near_verbatim, paraphrase

    def __call__(self, part: _ReusePart) -> tuple[np.ndarray, ...] | None:
        inter, quoted_inter = (b.astype(np.float64) for b in block_products(
            [part.every_rows, part.quoted_rows], part.every_cols))
        (cosine,) = block_products([part.tfidf_rows], part.tfidf_cols)
        col_at, pos = {}, 0
        for p, first, n in part.partners:
            col_at[p] = (pos, n, first)
            pos += n
        found: list[tuple[np.ndarray, ...]] = []
        r0 = 0
        for _b_doc, b_first, n_rows, partners in part.docs:
            r1 = r0 + n_rows
            spans = [col_at[a] for a in partners if a in col_at]
            if spans:
                found.append(self.best_sources(
                    inter[r0:r1], quoted_inter[r0:r1], cosine[r0:r1], part.sizes[r0:r1],
                    part.is_quote[r0:r1], b_first, spans))
            r0 = r1
        if not found:  # one set of arrays per chunk, not per article
            return None
        rows = tuple(np.concatenate(c) for c in zip(*found, strict=True))
        return rows if len(rows[0]) else None

    def best_sources(self, inter: np.ndarray, quoted_inter: np.ndarray, cosine: np.ndarray,
                     sizes: np.ndarray, is_quote: np.ndarray, b_first: int,
                     spans: list[tuple[int, int, int]]) -> tuple[np.ndarray, ...]:
        """The reuse rows of one article B against each of its partners A at once.

        ``inter``, ``quoted_inter`` and ``cosine`` hold B's rows against the chunk's
        columns; ``spans`` gives each partner's ``(first column, columns, first row in the
        sentence table)``. Each partner's columns form one segment: the best source
        sentence of each B sentence in each segment is found with segment reductions
        (``reduceat``), the first column with the largest containment, then the largest
        cosine, as a per-partner ``argmax`` would find it.
        """
        cols = np.concatenate([np.arange(c0, c0 + n) for c0, n, _ in spans])
        lengths = np.array([n for _, n, _ in spans])
        seg = np.r_[0, np.cumsum(lengths)[:-1]]
        shared = inter[:, cols]
        size = sizes[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            cont = np.round(np.where(size > 0, shared / size, 0.0), 6)
        cos = np.round(cosine[:, cols], 6)
        best_c = np.maximum.reduceat(cont, seg, axis=1)
        masked = np.where(cont == np.repeat(best_c, lengths, axis=1), cos, -1.0)
        best_cos = np.maximum.reduceat(masked, seg, axis=1)
        at = np.where(masked == np.repeat(best_cos, lengths, axis=1),
                      np.arange(len(cols)), len(cols))
        j = np.minimum.reduceat(at, seg, axis=1)  # first best column of each segment
        hit_r, hit_p = np.nonzero((best_c >= self.near_verbatim)
                                  | (best_cos >= self.paraphrase))
        jj = j[hit_r, hit_p]
        a_first = np.array([first for _, _, first in spans])
        return _reuse_rows(
            b_first + hit_r, a_first[hit_p] + jj - seg[hit_p], shared[hit_r, jj],
            quoted_inter[hit_r, cols[jj]], best_c[hit_r, hit_p], best_cos[hit_r, hit_p],
            is_quote[hit_r], (self.verbatim, self.near_verbatim))


def _reuse_rows(b_idx: np.ndarray, a_idx: np.ndarray, n_shared: np.ndarray,
                quoted_shared: np.ndarray, cont: np.ndarray, cos: np.ndarray,
                b_is_quote: np.ndarray, limits: tuple[float, float]) -> tuple[np.ndarray, ...]:
    """The reuse rows of one (B, A) pair as columns: ``b, a, score, containment, cosine,
    in_quote, kind code`` (0 verbatim, 1 near-verbatim, 2 paraphrase), shared shingles and
    shared shingles outside quotation marks. ``b_is_quote``:
    whether each B sentence is a quotation."""
    verbatim, near_verbatim = limits
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(n_shared > 0, quoted_shared / np.where(n_shared > 0, n_shared, 1),
                         b_is_quote.astype(np.float64))
    kind = np.where(cont >= verbatim, 0, np.where(cont >= near_verbatim, 1, 2))
    score = np.where(kind < 2, cont, cos)
    narration = np.rint(n_shared - quoted_shared).astype(np.int64)
    return (b_idx, a_idx, score, cont, cos, share >= 0.5, kind, n_shared.astype(np.int64),
            narration)


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
    reuse = reuse[["doc_a", "doc_b", "sent_b", "in_quote", "kind"]]  # not the texts
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
    # One sort of integer codes, then one pass over the pairs' runs of rows: no per-pair
    # pandas work, and no sorted copy of the table nor a Python string per row (at
    # 100,000 articles, 5 million rows: the strings alone took over a gigabyte).
    code_a, names_a = pd.factorize(reuse["doc_a"])
    code_b, names_b = pd.factorize(reuse["doc_b"])
    order = np.lexsort((reuse["sent_b"].to_numpy(), code_b, code_a))
    code_a, code_b = code_a[order], code_b[order]
    sources = reuse["sent_a"].to_numpy()[order].tolist()
    starts, ends = run_bounds(code_a, code_b)
    names_a, names_b = names_a.tolist(), names_b.tolist()  # one string per article
    first_a, first_b = code_a[starts].tolist(), code_b[starts].tolist()
    runs = {(names_a[ca], names_b[cb]): longest_in_order(sources[i:j])
            for ca, cb, i, j in zip(first_a, first_b, starts.tolist(), ends.tolist(),
                                    strict=True)}
    keys = zip(summary["doc_a"], summary["doc_b"], strict=True)
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
