"""Do the suite's neighbours find same-topic articles as well as plain scikit-learn does?

``python benchmarks/quality.py [CORPUS]`` (``make bench-quality``) runs on a corpus whose
``metadata.csv`` has a ``topic`` column, by default the outside corpus of
``outside_corpus.py``. Only articles with a topic take part. For each one it takes the
``k`` nearest other articles three ways and scores the share that have the same topic
(precision at k):

* ``scikit-learn``: plain ``TfidfVectorizer()`` on the raw text, exact cosine neighbours
  (``NearestNeighbors(metric="cosine", algorithm="brute")``), the baseline;
* ``suite, exact``: the suite's cleaning and vectorizer, every pair scored;
* ``suite, index``: the suite's :func:`helpers.similarity.top_k_neighbours` with candidates
  from its inverted index, the route it takes above ``EXACT_LIMIT`` articles.

It also reports how many of the exact top-k the index route recovers, and a paired
bootstrap interval (fixed seed) for the difference from scikit-learn. Results go to
``build/bench/neighbour_quality.csv``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import NearestNeighbors

import helpers
from helpers import open_corpus, paths, similarity

OUT = paths.BUILD / "bench"
K = 5


def sklearn_neighbours(texts: list[str], k: int = K) -> np.ndarray:
    """Row indices of each text's ``k`` nearest other texts, plain scikit-learn TF-IDF."""
    matrix = TfidfVectorizer().fit_transform(texts)
    index = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(matrix)
    found = index.kneighbors(matrix, return_distance=False)
    return np.array([[j for j in row if j != i][:k] for i, row in enumerate(found)])


def suite_neighbours(matrix, ids: list[str], k: int = K, **options) -> np.ndarray:
    """Row indices of each article's ``k`` nearest others, by the suite's function."""
    table = similarity.top_k_neighbours(matrix, ids, k=k, **options)
    position = {doc: i for i, doc in enumerate(ids)}
    rows = table.groupby("doc_id", sort=False)["neighbour_id"].agg(list)
    return np.array([[position[d] for d in rows[doc]] for doc in ids])


def precision(found: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per article, the share of its neighbours with its label."""
    return (labels[found] == labels[:, None]).mean(axis=1)


def paired_interval(a: np.ndarray, b: np.ndarray, draws: int = 2000,
                    seed: int = 0) -> tuple[float, float]:
    """95 % bootstrap interval of ``mean(a - b)`` over articles."""
    rng = np.random.default_rng(seed)
    diff = a - b
    means = [diff[rng.integers(0, len(diff), len(diff))].mean() for _ in range(draws)]
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else paths.BUILD / "outside" / "news_articles"
    meta = pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False)
    prep = open_corpus(folder)
    clean = prep.clean.drop(columns="topic", errors="ignore").merge(meta[["doc_id", "topic"]],
                                                                   on="doc_id")
    clean = clean[clean["topic"] != ""].reset_index(drop=True)
    raw = prep.corpus.set_index("doc_id").loc[clean["doc_id"], "text"].tolist()
    labels = clean["topic"].to_numpy()
    ids = clean["doc_id"].tolist()
    matrix = similarity.tfidf(clean["text"])[0]

    found, seconds = {}, {}
    for name, run in [("scikit-learn", lambda: sklearn_neighbours(raw)),
                      ("suite, exact", lambda: suite_neighbours(matrix, ids, exact=True)),
                      ("suite, index", lambda: suite_neighbours(matrix, ids, exact=False))]:
        start = time.perf_counter()
        found[name] = run()
        seconds[name] = time.perf_counter() - start
    base = precision(found["scikit-learn"], labels)
    rows = []
    for name, got in found.items():
        score = precision(got, labels)
        low, high = paired_interval(score, base)
        exact = found["suite, exact"]
        recall = np.mean([len(set(a) & set(b)) / K for a, b in zip(got, exact, strict=True)])
        rows.append({"method": name, "articles": len(ids), "topics": len(set(labels)), "k": K,
                     "precision_at_k": round(float(score.mean()), 4),
                     "minus_sklearn": round(float((score - base).mean()), 4),
                     "ci_low": round(low, 4), "ci_high": round(high, 4),
                     "recall_of_exact": round(float(recall), 4),
                     "seconds": round(seconds[name], 2)})
    result = pd.DataFrame(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    helpers.write_table(result.drop(columns="seconds"), OUT / "neighbour_quality.csv")
    print(result.to_string(index=False))
    print(f"wrote {OUT / 'neighbour_quality.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
