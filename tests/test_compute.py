"""Work split into partitions, run on a local Dask cluster, gives exactly the one-partition
result. ``two_workers`` forces small partitions onto a two-worker cluster, so these tests
really ship work to other processes."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import quotes, sentiment
from helpers.cleaning import clean_corpus
from helpers.engine import compute as parallel


@pytest.fixture(scope="module")
def _cluster():
    yield
    parallel.shutdown()


@pytest.fixture
def two_workers(_cluster):
    """A local cluster of two workers (started once for the module), partitions of 2."""
    with parallel.configure(scheduler="local", workers=2, partition_size=2, min_parallel=1):
        yield


def _square(items):
    return [x * x for x in items]


def test_map_chunks_keeps_order(two_workers):
    items = list(range(1000))
    assert parallel.map_chunks(_square, items, jobs=2, min_parallel=1) == _square(items)


def test_parallel_cleaning_equals_single_process(seeds, two_workers):
    many = pd.concat([seeds.corpus.assign(doc_id=seeds.corpus["doc_id"] + f"-{k}")
                      for k in range(6)], ignore_index=True)
    one = clean_corpus(many, seeds.rules, seeds.actors, jobs=1)
    two = clean_corpus(many, seeds.rules, seeds.actors, jobs=2)
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])


def test_parallel_sentiment_equals_single_process(seeds, two_workers):
    table = quotes.extract_quotes(seeds.clean, seeds.actors, sides=seeds.sides)
    one = sentiment.score_sentences(seeds.sentences, table, actors=seeds.actors, jobs=1)
    two = sentiment.score_sentences(seeds.sentences, table, actors=seeds.actors, jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_progress_is_silent_for_short_loops():
    items = [1, 2, 3]
    assert parallel.progress(items, total=3) is items


def test_parallel_quotes_and_framing_equal_single_process(seeds, two_workers):
    from helpers import framing

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


def test_parallel_sentences_and_sentence_tfidf_equal_single_process(seeds, two_workers):
    from helpers import lineage
    from helpers.sentences import sentences_table

    one = sentences_table(seeds.clean, jobs=1)
    two = sentences_table(seeds.clean, jobs=2)
    assert len(one) > 100
    pd.testing.assert_frame_equal(one, two)
    a = lineage.sentence_tfidf(one["text"].tolist(), jobs=1)
    b = lineage.sentence_tfidf(one["text"].tolist(), jobs=2)
    assert (a != b).nnz == 0 and a.shape == b.shape


def test_map_blocks_returns_chunks_in_order(two_workers):
    items = list(range(1000))
    blocks = parallel.map_blocks(_square, items, jobs=2, min_parallel=1)
    assert len(blocks) > 1
    assert [x for block in blocks for x in block] == _square(items)
    assert parallel.map_blocks(_square, items, jobs=1) == [_square(items)]
    assert len(blocks) == 500  # partition_size=2


def test_small_inputs_stay_in_process_by_default(monkeypatch):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    monkeypatch.delenv("HELPERS_SCHEDULER", raising=False)
    assert parallel.plan(100) == 1
    assert parallel.map_blocks(_square, list(range(10))) == [_square(list(range(10)))]


def test_partitions_leave_nothing_on_the_cluster(two_workers):
    """Inputs are scattered as data and every future is released: after a map, the
    scheduler holds no task, so no partition stays in memory anywhere."""
    items = list(range(100))
    assert parallel.map_chunks(_square, items, jobs=2) == _square(items)
    assert list(parallel.map_stream(_square, [[1, 2], [3]] * 10, 20, jobs=2)) == \
        [[1, 4], [9]] * 10
    import time

    dask_client = parallel.client("local", 2)
    for _ in range(50):  # releases reach the scheduler in batches, a moment later
        left = dask_client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
        if left == 0:
            break
        time.sleep(0.1)
    assert left == 0


def test_partitioned_keyness_equals_one_vocabulary(seeds, two_workers):
    """Counted in partitions of two articles, each with its own vocabulary, keyness is the
    table of one CountVectorizer over every text."""
    from sklearn.feature_extraction.text import CountVectorizer

    from helpers import keyness
    from helpers.similarity import preprocess
    from helpers.tokens import STOP_WORDS, TOKEN_PATTERN

    texts, outlets = seeds.clean["text"].tolist(), seeds.clean["outlet"].tolist()
    counts, labels, terms = keyness.term_counts(texts, outlets)
    whole = CountVectorizer(preprocessor=preprocess, token_pattern=TOKEN_PATTERN,
                            stop_words=sorted(STOP_WORDS))
    matrix = whole.fit_transform(texts)
    assert terms == whole.get_feature_names_out().tolist()
    for g, label in enumerate(labels):
        rows = [i for i, o in enumerate(outlets) if o == label]
        expected = matrix[rows].sum(axis=0).A.ravel()
        assert (counts[g].toarray().ravel() == expected).all()
    assert "colonial" in terms
    with parallel.configure(min_parallel=10**9):  # one partition, in this process
        alone = keyness.keyness(texts, outlets, top=10)
    pd.testing.assert_frame_equal(keyness.keyness(texts, outlets, top=10), alone)


def test_a_partition_without_words_is_counted_as_empty(two_workers):
    from helpers import keyness

    counts, labels, terms = keyness.term_counts(["the and of", "it is", "rare earths",
                                                 "earths"], ["a", "a", "b", "b"])
    assert labels == ["a", "b"] and terms == ["earths", "rare"]
    assert counts.toarray().tolist() == [[0, 0], [2, 1]]
