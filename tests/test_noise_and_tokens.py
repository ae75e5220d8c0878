"""Noise diagnostics single out the machine translation; tokens are what they claim."""

from __future__ import annotations

import helpers

from .conftest import FT


def test_machine_translation_stands_out(seeds, seed_variants):
    noise = helpers.noise_table(seeds.corpus, seeds.clean, seeds.sentences,
                                seed_variants).set_index("doc_id")
    ft = noise.loc[FT]
    assert ft["unbalanced_quote_paragraphs"] == 2
    assert ft["nested_open_quotes"] == 1
    assert ft["square_brackets"] == 3
    assert ft["misspelled_names"] == 12
    assert ft["glued_brackets"] >= 1
    others = noise.drop(index=FT)
    assert (others["unbalanced_quote_paragraphs"] == 0).all()
    assert (others["garble_per_100_sentences"] == 0).all()
    assert ft["garble_per_100_sentences"] > 5
    assert noise["garble_per_100_sentences"].idxmax() == FT


def test_tokenize_keeps_hyphens_percentages_and_money():
    tokens = helpers.tokenize("He called it “short-sighted.” The U.S. wants 50% of $500 billion.")
    assert tokens == ["called", "short-sighted", "u.s.", "wants", "50%", "$500", "billion"]


def test_tokenize_stop_words_and_stemming():
    assert helpers.tokenize("The guarantees of the agreements", stop_words=None) == [
        "the", "guarantees", "of", "the", "agreements"]
    assert helpers.tokenize("guarantees guaranteed agreements", stemming=True) == [
        "guarante", "guarante", "agreement"]
    assert helpers.tokenize("Zelenskyy's team") == ["zelenskyy", "team"]
    assert "the" in helpers.STOP_WORDS and len(helpers.STOP_WORDS) == 318


def test_bracket_and_nested_quote_counts_on_edge_cases():
    from helpers.noise import nested_open_quotes, unmatched_brackets

    assert unmatched_brackets("a (b [c) d] e) (") == 2  # ")" unopened, "(" never closed
    assert unmatched_brackets("[x] (y) ") == 0
    assert unmatched_brackets("])([") == 4
    # a line break closes every quote; \r\n and \u2028 are line breaks too
    assert nested_open_quotes("“a “b”\n“c”") == 1
    assert nested_open_quotes("“a\r\n“b\u2028“c ” “d “e") == 1
    assert nested_open_quotes("“a “b “c”") == 2
