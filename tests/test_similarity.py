"""Similarity, neighbours, keyness, lineage and quote variants on the seed articles."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.metrics.pairwise import cosine_similarity

from helpers import keyness, lineage, quote_variants, similarity

from .conftest import AP, FT, KYIV, REUTERS, REWRITE


@pytest.fixture(scope="module")
def word_matrix(seeds):
    return similarity.tfidf(seeds.clean["text"])


@pytest.fixture(scope="module")
def reuse(seeds):
    return lineage.align_sentences(seeds.sentences, seeds.clean)


@pytest.fixture(scope="module")
def summary(seeds, reuse):
    return lineage.add_order(lineage.reuse_summary(reuse, seeds.sentences), reuse)


def test_ap_and_its_rewrite_are_clearly_the_most_similar_pair(seeds, word_matrix):
    sim = similarity.similarity_matrix(word_matrix[0], seeds.clean["doc_id"])
    values = sim.to_numpy(copy=True)
    np.fill_diagonal(values, 0)
    i, j = np.unravel_index(values.argmax(), values.shape)
    assert {sim.index[i], sim.columns[j]} == {AP, REWRITE}
    others = values[np.triu_indices(5, 1)]
    assert sim.loc[AP, REWRITE] > 2.5 * np.sort(others)[-2]


def test_the_pair_survives_every_variant(seeds):
    for name, sim in similarity.similarity_variants(seeds.corpus, seeds.clean).items():
        nearest = similarity.nearest_pairs(sim).set_index("doc_id")["nearest"]
        assert nearest[AP] == REWRITE and nearest[REWRITE] == AP, name


def test_idf_takes_five_values_with_five_documents(word_matrix):
    table = similarity.idf_table(word_matrix[1])
    assert table["df"].tolist() == [1, 2, 3, 4, 5]
    assert table["idf"].iloc[-1] == 1.0
    assert table["idf"].iloc[0] == pytest.approx(1 + math.log(6 / 2), abs=1e-4)
    assert table["terms"].sum() == word_matrix[0].shape[1]


def test_top_k_neighbours_match_a_dense_brute_force():
    rng = np.random.default_rng(0)
    dense = rng.random((60, 40)) * (rng.random((60, 40)) < 0.2)
    dense[dense.sum(axis=1) == 0, 0] = 1.0
    matrix = sparse.csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))
    ids = [f"d{i:02d}" for i in range(60)]
    table = similarity.top_k_neighbours(matrix, ids, k=3, chunk_size=7)
    full = cosine_similarity(dense)
    np.fill_diagonal(full, -1)
    for i, doc in enumerate(ids):
        got = table[table["doc_id"] == doc]
        assert got["rank"].tolist() == [1, 2, 3]
        expected = np.sort(full[i])[::-1][:3]
        assert np.allclose(got["cosine"].to_numpy(), expected, atol=1e-6)
        assert got["neighbour_id"].iloc[0] == ids[int(full[i].argmax())]


def test_neighbours_on_the_seeds(seeds, word_matrix):
    table = similarity.top_k_neighbours(word_matrix[0], seeds.clean["doc_id"], k=5)
    assert len(table) == 5 * 4
    first = table[table["rank"] == 1].set_index("doc_id")["neighbour_id"]
    assert first[AP] == REWRITE and first[REWRITE] == AP
    assert list(table.columns) == ["doc_id", "neighbour_id", "rank", "cosine"]


def test_outlet_similarity_is_the_mean_of_pairwise_cosines():
    rng = np.random.default_rng(1)
    dense = rng.random((9, 12))
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    outlets = ["a", "a", "b", "b", "b", "c", "a", "c", "b"]
    table = similarity.outlet_similarity(sparse.csr_matrix(dense), outlets)
    full = dense @ dense.T
    groups = {o: [i for i, x in enumerate(outlets) if x == o] for o in "abc"}
    for x in "abc":
        for y in "abc":
            expected = full[np.ix_(groups[x], groups[y])].mean()
            assert table.loc[x, y] == pytest.approx(expected, abs=1e-6)


def test_square_matrix_is_refused_above_the_limit(word_matrix, seeds):
    with pytest.raises(ValueError, match="over the square-matrix limit"):
        similarity.similarity_matrix(word_matrix[0], seeds.clean["doc_id"], limit=3)


def test_mds_map_is_deterministic_and_keeps_the_closest_pair_close(seeds, word_matrix):
    sim = similarity.similarity_matrix(word_matrix[0], seeds.clean["doc_id"])
    one, two = similarity.mds_coordinates(sim), similarity.mds_coordinates(sim)
    pd.testing.assert_frame_equal(one, two)
    xy = one.set_index("doc_id")[["x", "y"]]
    dist = lambda a, b: float(np.hypot(*(xy.loc[a] - xy.loc[b])))  # noqa: E731
    assert dist(AP, REWRITE) < min(dist(AP, d) for d in [KYIV, REUTERS, FT])


def test_log_likelihood_matches_a_hand_computation():
    texts = ["alpha alpha alpha beta", "beta beta gamma delta"]
    table = keyness.keyness(texts, ["x", "y"], top=5, min_count=2)
    row = table[(table["outlet"] == "x") & (table["term"] == "alpha")].iloc[0]
    a, b, c, d = 3, 0, 4, 4
    e1 = c * (a + b) / (c + d)
    assert row["log_likelihood"] == pytest.approx(2 * a * math.log(a / e1), abs=1e-3)
    assert row["log_ratio"] == pytest.approx(math.log2((3 / 4) / (0.5 / 4)), abs=1e-3)
    assert not row["low_count"]


def test_seed_keyness_flags_small_counts(seeds):
    table = keyness.keyness(seeds.clean["text"], seeds.clean["outlet"], top=10)
    assert table["low_count"].mean() > 0.5
    reuters = table[table["outlet"] == "Reuters-based"].set_index("term")
    assert reuters.loc["sources", "count"] == 5 and reuters.loc["sources", "count_rest"] == 0


def test_most_of_the_rewrite_is_traced_to_ap_in_order(summary):
    row = summary.set_index(["doc_a", "doc_b"]).loc[(AP, REWRITE)]
    assert row["sentences_b"] == 21
    assert row["share_reused"] > 0.6
    assert row["in_order_b"] >= row["reused_b"] - 1


def test_unrelated_pairs_show_little_reuse(summary):
    rest = summary[~summary[["doc_a", "doc_b"]].isin([AP, REWRITE]).all(axis=1)]
    assert rest["share_reused"].max() < 0.3
    assert rest["share_narration"].max() < 0.25
    assert rest["in_order_b"].max() <= 4


def test_quoted_reuse_is_kept_apart(reuse):
    colonial = reuse[(reuse["doc_a"] == AP) & (reuse["doc_b"] == REWRITE)
                     & reuse["text_b"].str.contains("colonial agreement")]
    assert colonial["kind"].tolist() == ["verbatim"]
    assert colonial["in_quote"].tolist() == [True]
    narration = reuse[(reuse["doc_a"] == AP) & (reuse["doc_b"] == REWRITE)
                      & reuse["text_b"].str.startswith("Ukraine possesses")]
    assert narration["kind"].tolist() == ["near-verbatim"]
    assert narration["in_quote"].tolist() == [False]


def test_the_rewrites_last_paragraphs_are_new(reuse):
    from_ap = reuse[(reuse["doc_a"] == AP) & (reuse["doc_b"] == REWRITE)]
    assert not set(from_ap["sent_b"]) & {16, 17, 18, 19, 20}


def test_large_corpora_compare_only_neighbouring_articles(seeds):
    partners = lineage.partner_documents(seeds.clean, k=1, all_pairs_limit=2)
    assert REWRITE in partners[AP] and AP in partners[REWRITE]
    assert all(len(p) < 4 for p in partners.values())
    reuse = lineage.align_sentences(seeds.sentences, seeds.clean, k=1, all_pairs_limit=2)
    full = lineage.align_sentences(seeds.sentences, seeds.clean)
    pair = (reuse["doc_a"] == AP) & (reuse["doc_b"] == REWRITE)
    full_pair = (full["doc_a"] == AP) & (full["doc_b"] == REWRITE)
    assert reuse[pair].drop(columns=[]).reset_index(drop=True).equals(
        full[full_pair].reset_index(drop=True))
    assert len(reuse) < len(full)


def test_shingle_matrices_count_intersections():
    a, fa = lineage.sentence_shingles('He said "we will not sign it" today')
    b, fb = lineage.sentence_shingles("we will not sign it")
    every, _quoted = lineage.shingle_matrices([a, b], [fa, fb])
    assert (every @ every.T).toarray()[0, 1] == 3  # we will not / will not sign / not sign it


def test_contractions_are_expanded_in_shingles():
    shingles, _ = lineage.sentence_shingles("I didn't let them sign")
    assert ("did", "not", "let") in shingles


def test_longest_in_order():
    assert lineage.longest_in_order([0, 1, 4, 2, 3, 5]) == 5
    assert lineage.longest_in_order([]) == 0


def test_lineage_pair_is_ap_then_rewrite(summary, seeds):
    assert lineage.choose_lineage_pair(summary, seeds.corpus) == (AP, REWRITE)
    no_meta = seeds.corpus.drop(columns=["relation"])
    assert lineage.choose_lineage_pair(summary, no_meta) == (AP, REWRITE)


def test_quote_variants_group_translations_and_trims(seeds):
    table = quote_variants.quote_variants(seeds.clean)
    refusal = table[table["quote"].str.contains("the ministers")]
    assert set(refusal["doc_id"]) == {AP, REWRITE, KYIV}
    assert refusal["group_kind"].iloc[0] == "re-translated"
    assert refusal.set_index("doc_id").loc[KYIV, "quote"].startswith("I did not allow")
    colonial = table[table["quote"].str.contains("colonial")]
    assert set(colonial["doc_id"]) == {AP, REWRITE} and set(colonial["group_kind"]) == {
        "verbatim"}
    connection = table[table["quote"].str.contains("the connection between")]
    assert set(connection["doc_id"]) == {AP, REWRITE, REUTERS}
    relations = connection.set_index("doc_id")["relation"]
    assert relations[AP] == relations[REWRITE] == "trimmed" and relations[REUTERS] == "longest"
    group = table[table["group_id"] == connection["group_id"].iloc[0]]
    kyiv = group[group["doc_id"] == KYIV]
    assert kyiv["quote"].tolist() == ["There are no security guarantees"]
    assert kyiv["relation"].tolist() == ["re-translated"]


def test_relation_labels():
    assert quote_variants.relation("It is not ready.", "it is not ready") == "verbatim"
    assert quote_variants.relation("not ready to protect us",
                                   "It is not ready to protect us today") == "trimmed"
    assert quote_variants.relation("I didn't let them sign",
                                   "I did not allow them to sign") == "re-translated"


def test_block_products_equal_plain_sparse_products():
    rng = np.random.default_rng(4)

    def random_csr(rows):
        dense = rng.random((rows, 5000)) * (rng.random((rows, 5000)) < 0.002)
        return sparse.csr_matrix(dense)

    left_a, left_b, right = random_csr(30), random_csr(30), random_csr(40)
    got = lineage.block_products([left_a, left_b], right)
    assert np.allclose(got[0], (left_a @ right.T).toarray())
    assert np.allclose(got[1], (left_b @ right.T).toarray())


def test_hashed_tfidf_gives_the_vocabulary_cosines(seeds, word_matrix):
    hashed, transformer = similarity.tfidf(seeds.clean["text"], hashing=True)
    assert hashed.shape == word_matrix[0].shape  # no two seed terms share a column
    assert np.allclose((hashed @ hashed.T).toarray(), (word_matrix[0] @ word_matrix[0].T)
                       .toarray(), atol=1e-12)
    assert np.allclose(np.sort(transformer.idf_), np.sort(word_matrix[1].idf_))
    with pytest.raises(ValueError, match="min_df"):
        similarity.tfidf(seeds.clean["text"], hashing=True, min_df=2)


def test_add_order_counts_each_pair_apart():
    reuse = pd.DataFrame({"doc_a": ["x", "y", "x", "x", "y", "x"],
                          "doc_b": ["z", "z", "z", "z", "z", "w"],
                          "sent_b": [3, 0, 0, 1, 1, 0], "sent_a": [9, 5, 1, 7, 2, 4]})
    summary = pd.DataFrame({"doc_a": ["x", "y", "x", "y"], "doc_b": ["z", "z", "w", "w"]})
    # x→z in B's order: sources 1, 7, 9 (all in order); y→z: 5, 2 (one); x→w: one; y→w: none
    assert lineage.add_order(summary, reuse)["in_order_b"].tolist() == [3, 1, 1, 0]
    # no reuse at all (a one-article corpus): every pair has none in order
    assert lineage.add_order(summary, reuse.iloc[0:0])["in_order_b"].tolist() == [0] * 4


def test_partitioned_shingle_digests_give_the_plain_matrices(seeds):
    """Digests of word numbers, computed where the partition runs, number the columns as
    the shingle tuples themselves do: the same matrices, quotes included."""
    from helpers.sentences import quote_mask

    sentences, clean = seeds.sentences, seeds.clean
    texts = dict(zip(clean["doc_id"], clean["text"], strict=True))
    assert any('"' in t for t in texts.values())
    pairs = [lineage.sentence_shingles(r.text, quote_mask(texts[r.doc_id]), r.start)
             for r in sentences.itertuples()]
    plain = lineage.shingle_matrices([p[0] for p in pairs], [p[1] for p in pairs])
    fast = lineage.sentence_shingle_matrices(sentences, clean)
    for a, b in zip(plain, fast, strict=True):
        assert a.shape == b.shape and a.nnz > 0
        assert (a != b).nnz == 0
    assert fast[1].nnz > 0  # some shingles lie inside quotes


def test_sentence_tfidf_from_joined_tokens_equals_token_lists(seeds):
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    from helpers.tokens import tokenize

    texts = seeds.sentences["text"].tolist() + ["", "  ", "U.S. 50% $500 short-sighted"]
    tokens = [tokenize(t, stemming=True) for t in texts]
    assert all(tok and not any(c.isspace() for c in tok) for ts in tokens for tok in ts)
    lists = sparse.csr_matrix(TfidfVectorizer(analyzer=list, sublinear_tf=True,
                                              dtype=np.float64).fit_transform(tokens))
    joined = lineage.sentence_tfidf(texts)
    assert joined.shape == lists.shape and (joined != lists).nnz == 0


def test_reuse_written_in_pieces_reads_back_as_the_whole_table(seeds, reuse, tmp_path):
    from helpers.engine.artefacts import read_parquet, write_parquet

    aligned = lineage.aligned_sentences(seeds.sentences, seeds.clean)
    assert len(aligned) == len(reuse) > 20
    pd.testing.assert_frame_equal(aligned.table(), reuse)
    parts = aligned.parts(rows=7)  # many pieces, the last one shorter
    assert len(list(parts.pieces())) == -(-len(reuse) // 7)
    path = write_parquet(parts, tmp_path / "reuse.parquet")
    pd.testing.assert_frame_equal(read_parquet(path), reuse)
    one_piece = write_parquet(aligned.parts(), tmp_path / "one.parquet")
    assert one_piece.read_bytes() == write_parquet(reuse, tmp_path / "whole.parquet").read_bytes()
    narrow = aligned.table(5, 9, columns=["doc_b", "sent_b", "text_b"])
    pd.testing.assert_frame_equal(narrow, reuse.loc[5:8, ["doc_b", "sent_b", "text_b"]]
                                  .reset_index(drop=True))


def test_pieces_that_do_not_add_up_leave_no_file(tmp_path):
    from helpers.engine.artefacts import TableParts, write_parquet

    piece = pd.DataFrame({"x": [1, 2]})
    short = TableParts(lambda: iter([piece]), rows=3)
    with pytest.raises(ValueError, match="hold 2 rows, not 3"):
        write_parquet(short, tmp_path / "t.parquet")
    assert list(tmp_path.iterdir()) == []
