"""Time every stage of the suite on one corpus, in one process: ``python stages.py DIR``.

Prints one JSON line per stage: ``n_articles, stage, seconds, peak_rss_mb`` (the peak
resident memory of the process so far, from ``getrusage``).
"""

from __future__ import annotations

import json
import resource
import sys
import time

from helpers import framing, lineage, paths, quotes, sentiment, similarity
from helpers.cleaning import clean_corpus, load_rules
from helpers.corpus import load_corpus
from helpers.names import load_actors
from helpers.sentences import sentences_table


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(folder: str) -> None:
    state: dict = {}
    actors = load_actors(paths.SEEDS)
    rules = load_rules()
    book = framing.read_codebook(paths.SEEDS / "codebook.csv")

    def load():
        state["corpus"] = load_corpus(folder, verify_checksums=False)

    def clean():
        state["clean"], _ = clean_corpus(state["corpus"], rules, actors)

    def split():
        state["sentences"] = sentences_table(state["clean"])

    def tfidf():
        state["matrix"] = similarity.tfidf(state["clean"]["text"])[0]

    def neighbours():
        similarity.top_k_neighbours(state["matrix"], state["clean"]["doc_id"], k=5)

    def reuse():
        lineage.align_sentences(state["sentences"], state["clean"], doc_matrix=state["matrix"])

    def quote():
        state["quotes"] = quotes.extract_quotes(state["clean"], actors)

    def sentiments():
        sentiment.score_sentences(state["sentences"], state["quotes"], actors=actors)

    def frames():
        hits = framing.match_frames(state["clean"], state["sentences"], state["quotes"], book)
        framing.frame_table(hits, state["clean"], book)

    for name, step in [("load", load), ("clean", clean), ("sentences", split),
                       ("tfidf", tfidf), ("neighbours", neighbours), ("reuse", reuse),
                       ("quotes", quote), ("sentiment", sentiments), ("framing", frames)]:
        start = time.perf_counter()
        step()
        seconds = time.perf_counter() - start
        print(json.dumps({"n_articles": len(state["corpus"]), "stage": name,
                          "seconds": round(seconds, 3), "peak_rss_mb": round(peak_mb(), 1)}),
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
