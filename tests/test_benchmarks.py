"""The benchmark's outside corpus and neighbour-quality helpers (no download here)."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from helpers import paths

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))

import outside_corpus  # noqa: E402
import quality  # noqa: E402


def test_url_topics():
    cases = {
        "http://abcnews.go.com/Politics/pence-break-tie/story?id=1": "politics",
        "http://abcnews.go.com/US/winter-weather/story?id=2": "us",
        "http://www.bbc.co.uk/news/world-europe-38891234": "world",
        "http://www.bbc.co.uk/news/uk-england-surrey-38891663": "uk",
        "http://www.bbc.co.uk/news/business-38893338": "business",
        "http://www.cnn.com/2017/02/07/politics/trump-travel-ban/index.html": "politics",
        "http://www.cnn.com/2017/02/07/motorsport/f1-drivers/index.html": "sport",
        "http://tass.com/economy/929410": "business",
        "http://www.aljazeera.com/news/2017/02/haiti-170207161155899.html": "",
        "http://www.dw.com/en/poland-wants-nuclear-weapons/a-37449773": "",
    }
    for url, topic in cases.items():
        assert outside_corpus.url_topic(url) == topic, url


def test_corpus_table_keeps_articles_with_a_body_and_builds_ids():
    raw = pd.DataFrame({
        "article_id": ["1", "2", "3"],
        "publish_date": ["2017/2/7", "2017/2/8 7:11", "2017/2/9"],
        "article_source_link": ["http://tass.com/politics/1", "http://www.cnn.com/x/",
                                "http://www.rte.ie/news/2017/0207/850712-x/"],
        "title": ["A", "B", "C"], "subtitle": ["", "sub", ""],
        "text": ["x" * 250, "y" * 50, "z" * 300],
    })
    table = outside_corpus.corpus_table(raw)
    assert table["doc_id"].tolist() == ["tass/0001", "rte/0003"]
    assert table["date"].tolist() == ["2017-02-07", "2017-02-09"]
    assert table["topic"].tolist() == ["politics", ""]
    assert table["text"].iloc[0].startswith("A\n\n" + "x")


def test_precision_and_paired_interval():
    labels = np.array(["a", "a", "b", "b"])
    found = np.array([[1, 2], [0, 3], [3, 0], [2, 1]])
    assert quality.precision(found, labels).tolist() == [0.5, 0.5, 0.5, 0.5]
    low, high = quality.paired_interval(np.ones(50), np.zeros(50))
    assert low == high == 1.0


def test_bench_results_merge_by_corpus_and_size(tmp_path):
    import bench

    def rows(corpus, n, seconds):
        return pd.DataFrame([{"corpus": corpus, "n_articles": n, "run": "first",
                              "kind": "total", "name": "make figures", "seconds": seconds,
                              "peak_mb": 1}], columns=bench.COLUMNS)

    path = tmp_path / "results.csv"
    pd.concat([rows("seeds", 1000, 10.0), rows("seeds", 10000, 100.0)]).to_csv(path,
                                                                             index=False)
    merged = bench.merge_results(pd.concat([rows("seeds", 10000, 90.0),
                                            rows("news_articles", 3744, 60.0)]), path)
    assert merged[["corpus", "n_articles", "seconds"]].values.tolist() == [
        ["news_articles", 3744, 60.0], ["seeds", 1000, 10.0], ["seeds", 10000, 90.0]]
    merged.to_csv(path, index=False)
    imports = rows("seeds", 10000, 17.0).assign(kind="import", name="make import (csv)")
    again = bench.merge_results(imports, path)  # --imports-only keeps make figures' rows
    assert again[["n_articles", "kind", "seconds"]].values.tolist()[1:] == [
        [1000, "total", 10.0], [10000, "total", 90.0], [10000, "import", 17.0]]
    sampler = bench.TreeMemory(root=1)
    sampler.samples = [(100.0, 2048), (101.0, 4096), (103.0, 1024)]
    assert sampler.peak_between(100.5, 1.0) == 4  # MB, the sample inside the step
    assert np.isnan(sampler.peak_between(200.0, 1.0))


def test_the_import_benchmark_exports_what_it_will_import(tmp_path):
    import bench

    from helpers import load_corpus
    from helpers.importing import import_corpus

    csv_path, parquet_path = tmp_path / "x.csv", tmp_path / "x.parquet"
    bench.export_tables(paths.SEEDS, csv_path, parquet_path, batch=2)  # three batches
    seeds = load_corpus(paths.SEEDS)
    for source in (csv_path, parquet_path):
        report = import_corpus(source, tmp_path / source.suffix[1:], id="id")
        back = load_corpus(report.folder)
        assert list(back["doc_id"]) == list(seeds["doc_id"])
        assert list(back["text"]) == list(seeds["text"])  # byte for byte, through the table
        assert list(back["outlet"]) == list(seeds["outlet"])
