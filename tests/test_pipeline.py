"""The pipeline computes each stage once, stores it, and recomputes exactly what an edit
touches; artefacts are byte-stable and never left half-written."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import helpers
from helpers import pipeline
from helpers.engine import artefacts
from helpers.pipeline import open_corpus

from .conftest import AP, REWRITE

ALL = {s.name for s in pipeline.STAGES}


def _computed(run) -> set[str]:
    return {entry["stage"] for entry in run.log if entry["status"] == "computed"}


@pytest.fixture
def computed_copy(seeds_copy, tmp_path):
    """A copy of the seeds with every stage computed into its own store."""
    store = tmp_path / "store"
    run = open_corpus(seeds_copy, store=store)
    run.ensure()
    assert _computed(run) == ALL
    return seeds_copy, store


def test_second_run_computes_nothing_and_reads_the_same_tables(computed_copy):
    folder, store = computed_copy
    first = open_corpus(folder, store=store)
    assert first.stale() == []
    quotes = first.quotes
    assert len(quotes) > 40 and quotes["speaker"].str.contains("Zelenskyy").any()
    assert _computed(first) == set()


def test_editing_one_article_recomputes_every_stage_and_shows_the_edit(computed_copy):
    folder, store = computed_copy
    article = folder / "002_5ebc537bfe5f0ae8.txt"
    article.write_text(article.read_text(encoding="utf-8")
                       + '\n"We will not sign it," a spokesperson said.\n', encoding="utf-8")
    helpers.write_checksums(folder)
    run = open_corpus(folder, store=store)
    assert set(run.stale()) == ALL
    run.ensure()
    assert _computed(run) == ALL
    assert run.quotes["quote"].str.contains("We will not sign it").any()


def test_editing_the_codebook_recomputes_the_framing_stage_only(computed_copy):
    folder, store = computed_copy
    book = pd.read_csv(folder / "codebook.csv", dtype=str, keep_default_na=False)
    extra = book.iloc[[0]].assign(pattern="critical minerals deal")
    pd.concat([book, extra]).to_csv(folder / "codebook.csv", index=False)
    run = open_corpus(folder, store=store)
    run.ensure()
    assert _computed(run) == {"frames"}
    assert "critical minerals deal" in set(run.frame_hits["pattern"]) | set(
        run.codebook["pattern"])


def test_editing_the_actors_table_recomputes_what_reads_clean_text_not_the_load(
        computed_copy):
    folder, store = computed_copy
    actors = pd.read_csv(folder / "actors.csv", dtype=str, keep_default_na=False)
    actors.iloc[:-1].to_csv(folder / "actors.csv", index=False)
    run = open_corpus(folder, store=store)
    run.ensure()
    assert _computed(run) == ALL - {"corpus"}


def test_a_stage_setting_recomputes_that_stage_and_its_dependants(computed_copy):
    folder, store = computed_copy
    run = open_corpus(folder, store=store, settings={"neighbours": {"k": 2}})
    run.ensure()
    assert _computed(run) == {"neighbours", "reuse"}
    assert run.neighbours["rank"].max() == 2


def test_unknown_setting_and_unknown_table_are_named(seeds_copy, tmp_path):
    with pytest.raises(ValueError, match="nieghbours"):
        open_corpus(seeds_copy, store=tmp_path / "s", settings={"nieghbours": {"k": 2}})
    run = open_corpus(seeds_copy, store=tmp_path / "s")
    with pytest.raises(KeyError, match="no stage produces a table 'quote'"):
        run.table("quote")


def test_missing_corpus_folder_raises_corpus_error(tmp_path):
    with pytest.raises(helpers.CorpusError, match="does not exist"):
        open_corpus(tmp_path / "nowhere")


def test_failed_stage_leaves_no_record_and_is_recomputed(seeds_copy, tmp_path, monkeypatch):
    store = tmp_path / "store"
    stage = next(s for s in pipeline.STAGES if s.name == "quotes")

    def broken(_inputs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "STAGES", [
        s if s.name != "quotes" else type(s)(**{**s.__dict__, "func": broken})
        for s in pipeline.STAGES])
    with pytest.raises(RuntimeError, match="disk full"):
        open_corpus(seeds_copy, store=store).ensure(["quotes"])
    assert not (store / "quotes.json").exists()
    monkeypatch.setattr(pipeline, "STAGES", [s if s.name != "quotes" else stage
                                             for s in pipeline.STAGES])
    run = open_corpus(seeds_copy, store=store)
    assert "quotes" in run.stale() and "clean" not in run.stale()
    assert len(run.quotes) > 40


def test_artefacts_are_byte_identical_across_runs(computed_copy, tmp_path):
    folder, store = computed_copy
    other = tmp_path / "again"
    open_corpus(folder, store=other).ensure()
    names = sorted(p.name for p in store.glob("*.parquet") if p.name != "files.parquet")
    assert len(names) == len(pipeline.TABLES)
    for name in names:
        assert (store / name).read_bytes() == (other / name).read_bytes(), name


def test_sparse_round_trip_keeps_entries_in_order(seeds):
    matrix = seeds.tfidf_matrix
    back = artefacts.table_to_sparse(artefacts.sparse_to_table(matrix), matrix.shape)
    assert (back.indptr == matrix.indptr).all() and (back.indices == matrix.indices).all()
    assert (back.data == matrix.data).all()
    assert matrix.shape[0] == 5 and abs((matrix.multiply(matrix)).sum() - 5) < 1e-9


def test_tables_list_every_stage_output_once():
    table = pipeline.tables()
    assert table["table"].is_unique
    assert {"quotes", "quote_ledger", "reuse", "frames", "sentiment"} <= set(table["table"])
    assert list(table["table"]) == pipeline.TABLES


def test_copied_corpus_gets_its_own_store(seeds_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "root"))
    a = open_corpus(seeds_copy)
    twin = tmp_path / "twin"
    shutil.copytree(seeds_copy, twin)
    b = open_corpus(twin)
    assert a.store.folder != b.store.folder
    assert a.store.folder.parent == b.store.folder.parent == tmp_path / "root"


def test_write_data_switches_to_parquet_for_large_tables(tmp_path, monkeypatch):
    from helpers import io

    table = pd.DataFrame({"doc_id": [f"d{i}" for i in range(30)], "n": range(30)})
    small = io.write_data(table, tmp_path / "t.csv")
    assert small.suffix == ".csv" and pd.read_csv(small)["n"].sum() == 435
    monkeypatch.setattr(io, "CSV_ROW_LIMIT", 10)
    large = io.write_data(table, tmp_path / "t.csv")
    assert large.suffix == ".parquet" and not (tmp_path / "t.csv").exists()
    pd.testing.assert_frame_equal(artefacts.read_parquet(large), table)


def test_similarity_variants_at_outlet_level_round_trip(seeds):
    from helpers import similarity

    corpus = seeds.corpus.assign(outlet=["wire", "wire", "kyiv", "wire", "kyiv"])
    clean = seeds.clean.assign(outlet=corpus["outlet"])
    table = similarity.variants_table(corpus, clean, seeds.tfidf_matrix, limit=2,
                                      per_outlet=1)
    assert set(table["level"]) == {"outlet"}
    squares = similarity.variants_from_table(table)
    assert list(squares) == ["clean text, words", "clean text, characters"]
    words = squares["clean text, words"]
    assert list(words.index) == ["kyiv", "wire"] and words.index.name == "outlet"
    exact = similarity.outlet_similarity(seeds.tfidf_matrix, clean["outlet"])
    assert (words.to_numpy() == exact.loc[["kyiv", "wire"], ["kyiv", "wire"]].to_numpy()).all()
    # one article per outlet for the characters: each outlet's mean is one article's vector
    chars = squares["clean text, characters"]
    assert chars.loc["kyiv", "kyiv"] == pytest.approx(1.0) and 0 < chars.loc["kyiv", "wire"] < 1


def test_a_table_can_be_read_by_columns(seeds):
    whole = seeds.reuse
    part = seeds.table("reuse", columns=["doc_a", "sent_b"])
    assert list(part.columns) == ["doc_a", "sent_b"]
    pd.testing.assert_frame_equal(part, whole[["doc_a", "sent_b"]])
    fresh = helpers.open_corpus(seeds.folder, store=seeds.store.folder)
    read = fresh.table("sentences", columns=["doc_id", "start"])
    pd.testing.assert_frame_equal(read, seeds.sentences[["doc_id", "start"]])
    assert "sentences" not in fresh._tables  # a partial read is not kept as the table


def test_a_table_can_be_read_by_rows(seeds):
    pair = [AP, REWRITE]
    some = seeds.table("sentences", filters=[("doc_id", "in", pair)])
    whole = seeds.sentences
    expected = whole[whole["doc_id"].isin(pair)].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)
    assert set(some["doc_id"]) == set(pair) and len(some) < len(whole)
    rows = seeds.table("reuse", columns=["doc_a", "sent_b"],
                       filters=[("doc_a", "==", pair[0]), ("doc_b", "==", pair[1])])
    reuse = seeds.reuse
    assert len(rows) == ((reuse["doc_a"] == pair[0]) & (reuse["doc_b"] == pair[1])).sum() > 10


def test_write_data_copies_a_large_stored_table_without_loading_it(seeds, tmp_path,
                                                                   monkeypatch):
    import helpers.io

    small = seeds.write_data("reuse", tmp_path / "small" / "reuse.csv")
    assert small.suffix == ".csv"
    assert small.read_bytes() == helpers.write_data(
        seeds.reuse, tmp_path / "direct" / "reuse.csv").read_bytes()
    monkeypatch.setattr(helpers.io, "CSV_ROW_LIMIT", 10)  # reuse now counts as large
    stale = tmp_path / "small" / "reuse.csv"
    large = seeds.write_data("reuse", stale)
    assert large == stale.with_suffix(".parquet") and not stale.exists()
    assert large.read_bytes() == seeds.store.path("reuse").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(large), seeds.reuse)
