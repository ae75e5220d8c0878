"""Sentiment: VADER through NLTK, the repair, and the analyst's checks, on real text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import quotes, sentiment

from .conftest import KYIV

README = pd.read_csv(Path(__file__).parent / "data" / "vader_readme_examples.csv")
EMOJI = README["sentence"].str.contains("💘")


@pytest.fixture(scope="module")
def quote_table(seeds):
    return quotes.extract_quotes(seeds.clean, seeds.actors, sides=seeds.sides)


@pytest.fixture(scope="module")
def scored(seeds, quote_table):
    return sentiment.score_sentences(seeds.sentences, quote_table, actors=seeds.actors)


@pytest.mark.parametrize("row", README[~EMOJI].to_dict("records"), ids=lambda r: r["sentence"][:30])
def test_vadersentiment_readme_examples_reproduce(row):
    scores = sentiment.polarity(row["sentence"])
    for key in ("neg", "neu", "pos", "compound"):
        assert scores[key] == pytest.approx(row[key], abs=0.01), key


def test_emoji_is_where_nltk_differs():
    text = README.loc[EMOJI, "sentence"].iloc[0]
    table = sentiment.compare_implementations([text])
    assert table["helpers.polarity"].iloc[0] == 0.0
    assert table["vaderSentiment"].iloc[0] > 0.5


def test_hyphenated_word_in_curly_quotes_scores_negative():
    assert helpers.vader_analyzer().polarity_scores("He called it “short-sighted.”")[
        "compound"] == 0.0  # NLTK as shipped misses it
    assert sentiment.polarity("He called it “short-sighted.”")["compound"] < -0.25
    assert sentiment.polarity('He called it "short-sighted."')["compound"] < -0.25


def test_no_as_negator_differs_from_vadersentiment():
    table = sentiment.compare_implementations(["There are no security guarantees"])
    assert table["nltk"].iloc[0] > 0 > table["vaderSentiment"].iloc[0]


def test_vader_text_keeps_contractions_and_emphasis():
    assert sentiment.vader_text("It isn't “short-sighted!”") == "It isn't short-sighted !"
    assert sentiment.vader_text("GOOD!!!") == "GOOD!!!"


def test_names_carry_no_valence(seeds):
    masked = sentiment.mask_names("The United States met at the Munich Security Conference.",
                                  seeds.actors)
    assert "United" not in masked and "Security" not in masked
    assert sentiment.polarity(masked)["compound"] == 0.0
    assert sentiment.polarity("The United States met.")["compound"] > 0.3


def test_whole_articles_saturate_but_sentences_do_not(seeds, scored):
    docs = sentiment.document_sentiment(scored, seeds.clean)
    assert (docs["whole_article_compound"].abs() > 0.95).all()
    assert (docs["mean_compound"].abs() < 0.6).all()
    assert (docs["sd_compound"] > 0.2).all()


def test_outlet_aggregates(scored, seeds):
    table = sentiment.outlet_sentiment(scored, seeds.clean).set_index("outlet")
    assert table.loc["Kyiv Independent", "sentences"] == 14
    kyiv = scored[scored["doc_id"] == KYIV]["compound"]
    assert table.loc["Kyiv Independent", "mean_compound"] == pytest.approx(kyiv.mean(), abs=1e-4)
    assert table.loc["Kyiv Independent", "sd_compound"] == pytest.approx(kyiv.std(), abs=1e-4)


def test_narration_and_quotes_are_scored_apart(scored):
    row = scored[scored["text"].str.startswith("Zelenskyy's decision to reject a deal")].iloc[0]
    assert row["speech"] == "mixed"
    assert row["speaker"] == "a senior White House official"
    assert row["quote_compound"] < -0.2  # "short-sighted"
    assert row["narration_compound"] < 0  # "reject"
    narration_only = scored[scored["speech"] == "narration"]
    assert narration_only["quote_compound"].isna().all()


def test_sentence_table_columns(scored, seeds):
    assert list(scored.columns[:8]) == ["doc_id", "sent_id", "speech", "speaker", "compound",
                                        "neg", "neu", "pos"]
    assert len(scored) == len(seeds.sentences)


def test_topic_words_drive_the_positive_scores(scored, seeds):
    drivers = sentiment.sentiment_drivers(scored, seeds.clean, actors=seeds.actors)
    kyiv = drivers[drivers["outlet"] == "Kyiv Independent"].set_index("word")
    assert kyiv["total"].idxmax() == "agreement" and kyiv.loc["agreement", "count"] == 13
    assert "united" not in set(drivers["word"])  # masked with the names
    entries = sentiment.lexicon_entries(["colonial", "recoup", "compensation", "guarantees",
                                         "security", "agreement"]).set_index("word")["valence"]
    assert entries[["colonial", "recoup", "compensation", "guarantees"]].isna().all()
    assert entries["security"] == 1.4 and entries["agreement"] == 2.2


def test_actor_sentiment_counts_mentions(scored, seeds):
    table = sentiment.actor_sentiment(scored, seeds.clean, seeds.actors,
                                      ["Zelenskyy", "Russia"]).set_index(["outlet", "actor"])
    # 10 mentions of Zelensky in 002, two of them in one sentence: 9 sentences
    assert table.loc[("Kyiv Independent", "Zelenskyy"), "sentences"] == 9
    assert ("AP", "Russia") not in table.index


def test_variants_show_the_ranking_is_fragile(seeds, quote_table):
    table = sentiment.sentiment_variants(seeds.sentences, quote_table, seeds.clean,
                                         lexicon=seeds.lexicon, actors=seeds.actors)
    assert set(table["variant"]) == {"baseline", "topic words neutralised",
                                     "domain lexicon added", "quotes excluded"}
    ranks = table.pivot(index="outlet", columns="variant", values="rank")
    assert ranks.loc["Kyiv Independent", "baseline"] == 1
    assert ranks.loc["Kyiv Independent", "topic words neutralised"] == 5
    assert table.groupby("outlet")["rank_stable"].first().eq(
        ranks.nunique(axis=1) == 1).all()
    # the pipeline reuses its sentiment table as the baseline: the same numbers
    pd.testing.assert_frame_equal(seeds.sentiment_variants, table, check_dtype=False)


def test_domain_supplement_changes_colonial():
    supplement = sentiment.load_lexicon()  # the seeds' sentiment_lexicon.csv
    domain = supplement[supplement["role"] == "domain"]
    overrides = dict(zip(domain["word"], domain["valence"], strict=True))
    text = "It's a colonial agreement"
    assert sentiment.polarity(text, overrides)["compound"] < sentiment.polarity(text)["compound"]


def test_without_a_lexicon_only_the_lexicon_free_variants_run(seeds, quote_table):
    variants = sentiment.sentiment_variants(seeds.sentences, quote_table, seeds.clean, None,
                                            seeds.actors)
    assert set(variants["variant"]) == {"baseline", "quotes excluded"}
    assert list(sentiment.variant_overrides(None)) == ["baseline"]


def test_a_lexicon_role_must_be_topic_or_domain(tmp_path):
    path = tmp_path / "sentiment_lexicon.csv"
    path.write_text("word,valence,role\ndeal,0,subject\n", encoding="utf-8")
    with pytest.raises(sentiment.LexiconError, match="line 2: role must be one of"):
        sentiment.read_lexicon_supplement(path)


def test_a_malformed_supplement_names_the_file(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("word,valence\ncolonial,very bad\n", encoding="utf-8")
    with pytest.raises(sentiment.LexiconError, match=r"lex\.csv: line 2"):
        sentiment.read_lexicon_supplement(path)


def test_kyiv_independent_is_scored(scored):
    assert (scored["doc_id"] == KYIV).sum() == 14


def _parts_by_mask(text, start, spans):
    """Reference: blank every character of the other part, one by one."""
    import re

    inside = [any(s <= start + k < e for s, e in spans) for k in range(len(text))]
    narration = "".join(" " if f else ch for ch, f in zip(text, inside, strict=True))
    quoted = "".join(ch if f else " " for ch, f in zip(text, inside, strict=True))
    squash = lambda t: re.sub(r"\s{2,}", " ", t).strip()  # noqa: E731
    return squash(narration), squash(quoted)


def test_quoted_parts_split_narration_from_quotes(seeds):
    from helpers.sentiment import _quoted_parts

    text = "Zelensky said “we will not sign” and left, “for now”."
    spans = [(100 + text.index("“"), 100 + text.index("”") + 1),
             (100 + text.rindex("“"), 100 + text.rindex("”") + 1)]
    assert _quoted_parts(text, 100, spans) == ("Zelensky said and left, .",
                                               "“we will not sign” “for now”")
    # overlapping, out-of-order and out-of-sentence spans; and every seed sentence
    assert _quoted_parts("abc def ghi", 10, [(18, 30), (12, 16), (14, 17), (0, 5)]) == \
        _parts_by_mask("abc def ghi", 10, [(18, 30), (12, 16), (14, 17), (0, 5)])
    quotes = seeds.quotes
    for row in seeds.sentences.itertuples():
        q = quotes[quotes["doc_id"] == row.doc_id]
        spans = list(zip(q["start"], q["end"], strict=True))
        assert _quoted_parts(row.text, row.start, spans) == \
            _parts_by_mask(row.text, row.start, spans)
