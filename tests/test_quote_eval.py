"""Scoring the quotes table against a hand-coded gold (``make eval-quotes``)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.quote_eval import read_gold, score_quotes, wilson, words
from helpers.tools import eval_quotes
from helpers.tools.train_attribution import confidences

ARTICLE = ('"We will not sign this deal," said Maria Duval, the minister. "It is unfair," '
           'she added.\n\nThe plan was "short-sighted," a senior official said.\n\n'
           '"We stand by it," Tom Okafor said.')


def _gold(tmp_path, rows: list[dict]) -> pd.DataFrame:
    path = tmp_path / "gold.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return read_gold(path)


def test_words_match_the_shared_scorer():
    assert words("It’s “short-sighted”, 2025!") == ["it's", "short", "sighted", "2025"]


def test_scores_on_a_hand_coded_article(tmp_path):
    from helpers import quotes

    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [ARTICLE]}))
    gold = _gold(tmp_path, [
        {"doc_id": "a", "text": "We will not sign this deal,", "speaker": "Maria Duval",
         "speaker_key": "duval"},
        {"doc_id": "a", "text": "It is unfair,", "speaker": "she", "speaker_type": "pronoun",
         "speaker_key": "duval"},
        {"doc_id": "a", "text": "short-sighted", "speaker": "a senior official",
         "kind": "partial", "speaker_key": "official"},
        {"doc_id": "a", "text": "We stand by it,", "speaker": "Tom Okafor",
         "speaker_key": "okafor"},
        # an empty key: a source no one can resolve, left out of speaker accuracy
        {"doc_id": "a", "text": "A quote the suite never saw", "speaker": "Nobody",
         "speaker_key": ""},
    ])
    summary, rows = score_quotes(table, gold)
    got = summary.set_index("measure")
    assert (got.loc["recall", "right"], got.loc["recall", "n"]) == (3, 4)
    assert (got.loc["speaker", "right"], got.loc["speaker", "n"]) == (3, 3)
    assert (got.loc["speaker_pronoun", "right"], got.loc["speaker_pronoun", "n"]) == (1, 1)
    assert got.loc["precision_4plus", "score"] == 1.0
    assert rows.loc[1, "pred_speaker"] == "Maria Duval" and rows.loc[1, "pred_rule"] == (
        "after_np_verb")
    assert not rows.loc[4, "found"]


def test_a_wrong_speaker_and_a_false_quote_are_counted(tmp_path):
    table = pd.DataFrame({"doc_id": ["a", "a"], "speaker": ["Tom Okafor", "X"],
                          "quote": ["We will not sign this deal,", "words nobody coded here"]})
    gold = _gold(tmp_path, [{"doc_id": "a", "text": "We will not sign this deal,",
                             "speaker": "Maria Duval"}])
    got = score_quotes(table, gold)[0].set_index("measure")
    assert got.loc["speaker", "score"] == 0.0
    assert (got.loc["precision_4plus", "right"], got.loc["precision_4plus", "n"]) == (1, 2)


def test_wilson_interval():
    low, high = wilson(425, 520)
    assert round(low, 3) == 0.782 and round(high, 3) == 0.848
    assert wilson(0, 0) == (0.0, 1.0)


def test_a_bad_gold_is_named(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("doc_id,text\na,hello\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.csv.*speaker"):
        read_gold(path)
    path.write_text("doc_id,text,speaker,kind\na,hello,X,quoted\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind must be direct or partial"):
        read_gold(path)
    path.write_text("doc_id,text,speaker,speaker_key\na,hello,X,(\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: speaker_key"):
        read_gold(path)


def test_eval_quotes_on_a_corpus_folder(tmp_path, write_corpus, capsys):
    corpus = write_corpus({"a.txt": ARTICLE})
    gold = tmp_path / "gold.csv"
    pd.DataFrame([{"doc_id": "a", "text": "We stand by it,", "speaker": "Tom Okafor"}]).to_csv(
        gold, index=False)
    out = tmp_path / "out"
    assert eval_quotes.main(["--gold", str(gold), "--corpus", str(corpus), "--out",
                             str(out)]) == 0
    summary = pd.read_csv(out / "summary.csv").set_index("measure")
    assert summary.loc["speaker", "score"] == 1.0
    assert "after_np_verb" in capsys.readouterr().out
    missing = tmp_path / "missing.csv"
    pd.DataFrame([{"doc_id": "zz", "text": "x", "speaker": "y"}]).to_csv(missing, index=False)
    assert eval_quotes.main(["--gold", str(missing), "--corpus", str(corpus), "--out",
                             str(out)]) == 2
    assert "'zz'" in capsys.readouterr().err


def test_rule_confidences_are_shrunk_towards_the_rule():
    rows = pd.DataFrame({
        "kind": ["direct"] * 6, "speaker_right": [True, True, True, False, True, False],
        "pred_rule": ["a", "a", "a", "a", "b", "b"],
        "pred_mention_kind": ["name", "name", "name", "pronoun", "name", "name"]})
    table = confidences(rows).set_index(["rule", "kind"])
    overall = 4 / 6
    rule_a = (3 + 10 * overall) / (4 + 10)
    assert table.loc[("a", "any"), "confidence"] == round(rule_a, 3)
    assert table.loc[("a", "pronoun"), "confidence"] == round((0 + 10 * rule_a) / 11, 3)
    assert table.loc[("default", "any"), "n"] == 6
