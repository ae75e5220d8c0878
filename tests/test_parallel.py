"""Work split across processes gives exactly the single-process result."""

from __future__ import annotations

import pandas as pd

from helpers import quotes, sentiment
from helpers.engine import compute as parallel
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


def test_parallel_quotes_and_framing_equal_single_process(seeds, monkeypatch):
    from helpers import framing

    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    one = quotes.extract_quotes(seeds.clean, seeds.actors, jobs=1)
    two = quotes.extract_quotes(seeds.clean, seeds.actors, jobs=2)
    assert len(one) > 40
    pd.testing.assert_frame_equal(one, two)
    book = framing.load_codebook()[0]  # the seeds' own codebook
    hits_one = framing.match_frames(seeds.clean, seeds.sentences, one, book, jobs=1)
    hits_two = framing.match_frames(seeds.clean, seeds.sentences, one, book, jobs=2)
    assert len(hits_one) > 50
    pd.testing.assert_frame_equal(hits_one, hits_two)


def test_repeated_sentences_score_as_when_scored_alone(seeds):
    doubled = pd.concat([seeds.sentences, seeds.sentences.assign(
        doc_id=seeds.sentences["doc_id"] + "-copy")], ignore_index=True)
    scored = sentiment.score_sentences(doubled, None, actors=seeds.actors, jobs=1)
    alone = sentiment.score_sentences(seeds.sentences, None, actors=seeds.actors, jobs=1)
    half = scored.iloc[len(alone):].reset_index(drop=True)
    pd.testing.assert_frame_equal(half.drop(columns="doc_id"), alone.drop(columns="doc_id"))


def test_parallel_sentences_and_sentence_tfidf_equal_single_process(seeds, monkeypatch):
    from helpers import lineage
    from helpers.sentences import sentences_table

    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    one = sentences_table(seeds.clean, jobs=1)
    two = sentences_table(seeds.clean, jobs=2)
    assert len(one) > 100
    pd.testing.assert_frame_equal(one, two)
    a = lineage.sentence_tfidf(one["text"].tolist(), jobs=1)
    b = lineage.sentence_tfidf(one["text"].tolist(), jobs=2)
    assert (a != b).nnz == 0 and a.shape == b.shape


def test_map_blocks_returns_chunks_in_order():
    items = list(range(1000))
    blocks = parallel.map_blocks(_square, items, jobs=2, min_parallel=1)
    assert len(blocks) > 1
    assert [x for block in blocks for x in block] == _square(items)
    assert parallel.map_blocks(_square, items, jobs=1) == [_square(items)]
