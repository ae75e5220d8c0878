"""TF-IDF similarity between articles and outlets, built to scale.

Choices (each a parameter, stated in notebook 03):

* words: the suite's token pattern (``helpers.tokens``), lower-case, a possessive
  ``'s`` dropped, scikit-learn's English stop list, unigrams and bigrams;
* ``sublinear_tf=True`` (1 + log tf): a word repeated ten times is not ten times the
  evidence; ``min_df=1`` so that five articles keep their vocabulary;
* characters: ``char_wb`` 3- to 5-grams, robust to spelling variants and inflection;
* rows are L2-normalised, so a dot product is the cosine.

Pairwise matrices are built only up to :data:`SQUARE_LIMIT` articles. Beyond it the
suite works with sparse top-k neighbours (:func:`top_k_neighbours`, from
:mod:`helpers.neighbours`: chunked, candidates from an inverted index, never a dense
n × n) and outlet-level means (:func:`outlet_similarity`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer

from .neighbours import top_k_neighbours  # noqa: F401  (re-exported: similarity's API)
from .sentences import quote_mask
from .tokens import STOP_WORDS, TOKEN_PATTERN

SQUARE_LIMIT = 200
HASHING_LIMIT = 20_000
HASH_FEATURES = 2**22
_POSSESSIVE = re.compile(r"'s\b")


def preprocess(text: str) -> str:
    """Lower-case and drop possessive ``'s`` (the TF-IDF preprocessor)."""
    return _POSSESSIVE.sub("", text.lower().replace("’", "'"))


def make_vectorizer(kind: str = "word", *, ngram_range: tuple[int, int] | None = None,
                    min_df: int | float = 1, max_df: int | float = 1.0,
                    sublinear_tf: bool = True) -> TfidfVectorizer:
    """The suite's TF-IDF vectorizer: ``kind="word"`` (1-2 grams) or ``"char"`` (3-5 grams)."""
    if kind == "word":
        return TfidfVectorizer(preprocessor=preprocess, token_pattern=TOKEN_PATTERN,
                               stop_words=sorted(STOP_WORDS), ngram_range=ngram_range or (1, 2),
                               sublinear_tf=sublinear_tf, min_df=min_df, max_df=max_df,
                               dtype=np.float64)
    if kind == "char":
        return TfidfVectorizer(preprocessor=preprocess, analyzer="char_wb",
                               ngram_range=ngram_range or (3, 5), sublinear_tf=sublinear_tf,
                               min_df=min_df, max_df=max_df, dtype=np.float64)
    raise ValueError(f"kind must be 'word' or 'char', not {kind!r}")


def tfidf(texts: Sequence[str], kind: str = "word", hashing: bool | None = None,
          **options) -> tuple[sparse.csr_matrix, TfidfVectorizer | TfidfTransformer]:
    """Fit TF-IDF on ``texts``; returns the L2-normalised sparse matrix and the vectorizer.

    Above :data:`HASHING_LIMIT` texts (or with ``hashing=True``) terms are hashed into
    :data:`HASH_FEATURES` columns instead of a vocabulary: the word-bigram vocabulary of
    100,000 articles holds millions of entries and takes gigabytes. The same tokens and
    weights are used; counting runs in both processes; columns no text uses are dropped.
    Two terms may share a column (rarely, with 4 million columns), and there are no
    feature names: the second value returned is then the fitted ``TfidfTransformer``
    (its ``idf_`` still feeds :func:`idf_table`).
    """
    texts = list(texts)
    if hashing is None:
        hashing = len(texts) > HASHING_LIMIT
    if not hashing:
        vectorizer = make_vectorizer(kind, **options)
        return sparse.csr_matrix(vectorizer.fit_transform(texts)), vectorizer
    if options.get("min_df", 1) != 1 or options.get("max_df", 1.0) != 1.0:
        raise ValueError("min_df and max_df need a vocabulary: use hashing=False")
    from .engine.compute import map_blocks

    counts = sparse.csr_matrix(sparse.vstack(map_blocks(_HashCounts(kind, options), texts)))
    present = np.bincount(counts.indices, minlength=HASH_FEATURES) > 0
    renumber = np.cumsum(present) - 1  # drop the columns no text uses
    counts = sparse.csr_matrix((counts.data, renumber[counts.indices], counts.indptr),
                               shape=(counts.shape[0], int(present.sum())))
    sublinear = options.get("sublinear_tf", True)
    transformer = TfidfTransformer(sublinear_tf=sublinear)
    return sparse.csr_matrix(transformer.fit_transform(counts)), transformer


class _HashCounts:
    """Picklable worker: term counts of a chunk of texts, hashed (no vocabulary)."""

    def __init__(self, kind: str, options: dict):
        self.kind, self.options = kind, options

    def __call__(self, texts: Sequence[str]) -> sparse.csr_matrix:
        base = make_vectorizer(self.kind, **self.options)
        hasher = HashingVectorizer(
            preprocessor=base.preprocessor, token_pattern=base.token_pattern,
            stop_words=base.stop_words, analyzer=base.analyzer, ngram_range=base.ngram_range,
            n_features=HASH_FEATURES, alternate_sign=False, norm=None, dtype=np.float64)
        return sparse.csr_matrix(hasher.transform(list(texts)))


def idf_table(vectorizer: TfidfVectorizer | TfidfTransformer) -> pd.DataFrame:
    """How many terms share each IDF value (document frequency ``df`` and ``idf``)."""
    idf = vectorizer.idf_
    n_docs = int(round(np.exp(idf.max() - 1) * 2 - 1)) if len(idf) else 0
    df = np.rint((1 + n_docs) / np.exp(idf - 1) - 1).astype(int)
    table = pd.DataFrame({"df": df, "idf": idf.round(4)})
    return (table.groupby(["df", "idf"]).size().rename("terms").reset_index()
            .sort_values("df").reset_index(drop=True))


def similarity_matrix(matrix: sparse.csr_matrix, doc_ids: Sequence[str],
                      limit: int = SQUARE_LIMIT) -> pd.DataFrame:
    """Square cosine matrix with ``doc_id`` on both axes (refused above ``limit`` rows)."""
    if matrix.shape[0] > limit:
        raise ValueError(f"{matrix.shape[0]} articles: over the square-matrix limit of {limit}; "
                         "use top_k_neighbours or outlet_similarity")
    values = (matrix @ matrix.T).toarray()
    np.fill_diagonal(values, 1.0)
    values = np.clip(values.round(6), 0.0, 1.0)
    ids = list(doc_ids)
    return pd.DataFrame(values, index=pd.Index(ids, name="doc_id"), columns=ids)


def outlet_similarity(matrix: sparse.csr_matrix, outlets: Sequence[str]) -> pd.DataFrame:
    """Mean cosine between the articles of each pair of outlets, without an n × n matrix.

    The mean of all pairwise dot products between two groups equals the dot product of
    their mean vectors. The diagonal includes each article's similarity with itself.
    """
    labels = pd.Index(sorted(set(outlets)))
    codes = labels.get_indexer(list(outlets))
    counts = np.bincount(codes, minlength=len(labels))
    member = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                               shape=(len(labels), len(codes)))
    means = sparse.diags(1.0 / counts) @ member @ matrix
    values = np.clip((means @ means.T).toarray().round(6), 0, 1)
    return pd.DataFrame(values, index=labels.rename("outlet"), columns=list(labels))


def without_quotes(text: str) -> str:
    """``text`` with every quoted passage (inside ``"`` marks) blanked out."""
    mask = quote_mask(text)
    return "".join(" " if inside else ch for ch, inside in zip(text, mask, strict=True))


def linkage_order(similarity: pd.DataFrame):
    """Average-linkage clustering on ``1 - cosine``; returns the SciPy linkage matrix."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - similarity.to_numpy()
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2
    return linkage(squareform(np.clip(distance, 0, None), checks=False), method="average")


def mds_coordinates(similarity: pd.DataFrame) -> pd.DataFrame:
    """A 2-D map of the articles: classical (Torgerson) MDS on ``1 - cosine``.

    Classical MDS is an eigendecomposition, so it needs no random seed and gives the same
    map every run; each axis's sign is fixed so the map never flips.
    """
    n = len(similarity)
    distance = 1.0 - similarity.to_numpy()
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2
    centre = np.eye(n) - np.ones((n, n)) / max(n, 1)
    gram = -0.5 * centre @ (distance ** 2) @ centre
    values, vectors = np.linalg.eigh(gram)
    top = np.argsort(values)[::-1][:2]
    coords = np.zeros((n, 2))
    for axis, idx in enumerate(top):
        coords[:, axis] = vectors[:, idx] * np.sqrt(max(values[idx], 0.0))
        if n and coords[np.argmax(np.abs(coords[:, axis])), axis] < 0:
            coords[:, axis] *= -1
    return pd.DataFrame({"doc_id": similarity.index, "x": coords[:, 0].round(6) + 0.0,
                         "y": coords[:, 1].round(6) + 0.0})


def similarity_variants(raw: pd.DataFrame, clean: pd.DataFrame,
                        limit: int = SQUARE_LIMIT) -> dict[str, pd.DataFrame]:
    """The cosine matrix under four choices: clean words, raw words, no quotes, characters."""
    ids = clean["doc_id"].tolist()
    texts = {
        "clean text, words": (clean["text"], "word"),
        "raw text, words": (raw["text"], "word"),
        "quotes removed, words": (clean["text"].map(without_quotes), "word"),
        "clean text, characters": (clean["text"], "char"),
    }
    return {name: similarity_matrix(tfidf(t, kind)[0], ids, limit)
            for name, (t, kind) in texts.items()}


def nearest_pairs(similarity: pd.DataFrame) -> pd.DataFrame:
    """Each article's most similar other article, with the cosine."""
    values = similarity.to_numpy(copy=True)
    np.fill_diagonal(values, -1)
    best = values.argmax(axis=1)
    return pd.DataFrame({"doc_id": similarity.index, "nearest": similarity.columns[best],
                         "cosine": values[np.arange(len(best)), best]})


VARIANT_TABLE_COLUMNS = ["variant", "level", "row", "col", "cosine"]


def variants_table(raw: pd.DataFrame, clean: pd.DataFrame, matrix: sparse.csr_matrix,
                   limit: int = SQUARE_LIMIT, top: int = 20,
                   per_outlet: int = 200) -> pd.DataFrame:
    """The cosine squares of :func:`similarity_variants` as one long table.

    Up to ``limit`` articles: article by article under four choices (the first, clean
    words, from ``matrix``). Above it: outlet by outlet for the ``top`` largest outlets,
    from words (``matrix``, every article) and from characters. The character variant is
    estimated from at most ``per_outlet`` articles of each outlet, evenly spaced in corpus
    order (a mean over 200 × 200 article pairs is precise to about a hundredth; the cost stays
    bounded however large the corpus). Columns :data:`VARIANT_TABLE_COLUMNS`, squares in
    row-major order; :func:`variants_from_table` gives the squares back.
    """
    if len(clean) <= limit:
        squares = {"clean text, words": similarity_matrix(matrix, clean["doc_id"], limit)}
        squares.update({k: v for k, v in similarity_variants(raw, clean, limit).items()
                        if k != "clean text, words"})
        level = "article"
    else:
        keep = sorted(clean["outlet"].value_counts().sort_index().sort_values(
            ascending=False, kind="stable").index[:top])
        chosen = clean[clean["outlet"].isin(keep)]
        position = chosen.groupby("outlet", sort=False).cumcount().to_numpy()
        size = chosen.groupby("outlet", sort=False)["outlet"].transform("size").to_numpy()
        sample = chosen[position % np.maximum(1, -(-size // per_outlet)) == 0]
        squares = {
            "clean text, words": outlet_similarity(matrix, clean["outlet"]),
            "clean text, characters": outlet_similarity(tfidf(sample["text"], "char")[0],
                                                        sample["outlet"]),
        }
        squares = {k: v.loc[keep, keep] for k, v in squares.items()}
        level = "outlet"
    parts = []
    for name, square in squares.items():
        labels = [str(x) for x in square.index]
        n = len(labels)
        parts.append(pd.DataFrame({
            "variant": name, "level": level, "row": [r for r in labels for _ in range(n)],
            "col": labels * n, "cosine": square.to_numpy(dtype=np.float64).ravel()}))
    return pd.concat(parts, ignore_index=True)[VARIANT_TABLE_COLUMNS]


def variants_from_table(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The squares of :func:`variants_table`, by variant, in stored order."""
    squares = {}
    for name in pd.unique(table["variant"]):
        part = table[table["variant"] == name]
        labels = list(pd.unique(part["row"]))
        values = part["cosine"].to_numpy(dtype=np.float64).reshape(len(labels), len(labels))
        axis = "doc_id" if part["level"].iloc[0] == "article" else "outlet"
        squares[name] = pd.DataFrame(values, index=pd.Index(labels, name=axis),
                                     columns=pd.Index(labels, name=None))
    return squares
