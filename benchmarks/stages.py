"""Time every stage of the suite on one corpus, in one process: ``python stages.py DIR``.

Prints one JSON line per stage: ``n_articles, stage, seconds, peak_rss_mb``. The memory
is the peak so far of this process and its worker processes together: the larger of this
process's own peak resident memory (``getrusage``) and the largest sum of their
proportional set sizes (PSS, so pages shared after a fork count once), sampled from
``/proc`` every 0.2 s.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

from helpers import framing, lineage, paths, quotes, sentiment, similarity
from helpers.cleaning import clean_corpus, load_rules
from helpers.corpus import load_corpus
from helpers.names import load_actors
from helpers.sentences import sentences_table


class TreeMemory(threading.Thread):
    """Samples the summed PSS (kB) of this process and its children; keeps the maximum."""

    def __init__(self, every: float = 0.2):
        super().__init__(daemon=True)
        self.every, self.peak_kb = every, 0

    @staticmethod
    def pss_kb(pid: int) -> int:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            return 0
        return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))

    @staticmethod
    def children(pid: int) -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:  # the field after the state is the parent's pid
                found.append(int(stat.parent.name))
        return found

    def run(self) -> None:
        me = os.getpid()
        while True:
            total = sum(self.pss_kb(p) for p in [me, *self.children(me)])
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(self.every)


MEMORY = TreeMemory()


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, MEMORY.peak_kb) / 1024


def main(folder: str) -> None:
    MEMORY.start()
    state: dict = {}
    actors = load_actors(paths.SEEDS)
    rules = load_rules()
    book = framing.read_codebook(paths.SEEDS / "codebook.csv")

    def load():
        state["corpus"] = load_corpus(folder, verify_checksums=False)
        state["n"] = len(state["corpus"])

    def clean():
        state["clean"], _ = clean_corpus(state["corpus"], rules, actors)
        del state["corpus"]  # later stages work on the clean text only

    def split():
        state["sentences"] = sentences_table(state["clean"])

    def tfidf():
        state["matrix"] = similarity.tfidf(state["clean"]["text"])[0]

    def neighbours():
        state["neighbours"] = similarity.top_k_neighbours(state["matrix"],
                                                          state["clean"]["doc_id"], k=5)

    def reuse():
        del state["matrix"]  # the article TF-IDF is not needed any more
        lineage.align_sentences(state["sentences"], state["clean"],
                                neighbours=state.pop("neighbours"))

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
        print(json.dumps({"n_articles": state["n"], "stage": name,
                          "seconds": round(seconds, 3), "peak_rss_mb": round(peak_mb(), 1)}),
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
