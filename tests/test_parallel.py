"""Work split across processes gives exactly the single-process result."""

from __future__ import annotations

import pandas as pd

from helpers import parallel, quotes, sentiment
from helpers.cleaning import clean_corpus


def _square(items):
    return [x * x for x in items]


def test_map_chunks_keeps_order():
    items = list(range(1000))
    assert parallel.map_chunks(_square, items, jobs=2, min_parallel=1) == _square(items)


def test_parallel_cleaning_equals_single_process(seeds, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    many = pd.concat([seeds.corpus.assign(doc_id=seeds.corpus["doc_id"] + f"-{k}")
                      for k in range(6)], ignore_index=True)
    one = clean_corpus(many, seeds.rules, seeds.actors, jobs=1)
    two = clean_corpus(many, seeds.rules, seeds.actors, jobs=2)
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])


def test_parallel_sentiment_equals_single_process(seeds, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    table = quotes.extract_quotes(seeds.clean, seeds.actors)
    one = sentiment.score_sentences(seeds.sentences, table, actors=seeds.actors, jobs=1)
    two = sentiment.score_sentences(seeds.sentences, table, actors=seeds.actors, jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_progress_is_silent_for_short_loops():
    items = [1, 2, 3]
    assert parallel.progress(items, total=3) is items
