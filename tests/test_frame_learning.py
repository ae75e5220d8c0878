"""Frames learned from coding: the sheet, agreement, the routes and their scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import frame_learning as fl
from helpers import framing, paths


def test_the_coding_sample_is_random_fixed_and_in_corpus_order(seeds):
    one = fl.coding_sample(seeds.sentences, size=30, seed=3)
    two = fl.coding_sample(seeds.sentences, size=30, seed=3)
    pd.testing.assert_frame_equal(one, two)
    assert list(one.columns) == fl.SHEET_COLUMNS and len(one) == 30
    assert list(one["doc_id"]) == sorted(one["doc_id"])
    assert (one["coder_1"] == "").all()


def test_a_coding_sheet_with_an_unknown_frame_is_refused(tmp_path):
    path = tmp_path / "coding.csv"
    pd.DataFrame({"unit_id": ["a#s0"], "text": ["x"], "coder_1": ["payback;secruity"]}
                 ).to_csv(path, index=False)
    with pytest.raises(fl.CodingError, match=r"coding.csv, line 2, coder_1: unknown frame "
                                             r"'secruity'"):
        fl.read_coding(path, ["payback", "security"])


def test_labels_and_agreement():
    frames = ["conflict", "economy"]
    assert fl.label_matrix(["conflict;economy", "none", ""], frames).tolist() == [
        [True, True], [False, False], [False, False]]
    sheet = pd.DataFrame({"coder_1": ["conflict", "economy", "none", "conflict"],
                          "coder_2": ["conflict", "economy", "economy", ""]})
    table = fl.coder_agreement(sheet, frames).set_index("frame")
    assert table.loc["conflict", "alpha"] == 1.0 and table.loc["conflict", "units"] == 3
    assert table.loc["economy", "alpha"] < 0.5


def test_scores_against_hand_counts():
    gold = np.array([[True], [True], [False], [False]])
    pred = {"dictionary": np.array([[True], [False], [True], [False]]),
            "always-yes": np.ones((4, 1), bool)}
    scores = fl.route_scores(gold, pred, ["f"], boot=200).set_index("route")
    assert (scores.loc["dictionary", "precision"], scores.loc["dictionary", "recall"]) == (0.5,
                                                                                           0.5)
    assert scores.loc["always-yes", "f1"] == round(2 * 0.5 / 1.5, 3)
    assert scores.loc["dictionary", "f1_low"] <= 0.5 <= scores.loc["dictionary", "f1_high"]
    choice = fl.choose_routes(scores.reset_index()).iloc[0]
    assert choice["route"] == "unreliable" and not choice["reliable"]  # 0.5 < 0.667


ECONOMY = ["Prices rose and the budget deficit grew again this quarter.",
           "The central bank raised interest rates to curb inflation.",
           "Factories cut jobs as exports and profits fell sharply.",
           "Taxes on fuel went up, and household spending dropped.",
           "The currency lost value against the dollar in trading.",
           "Investors sold shares as the market slumped on weak earnings."] * 3
OTHER = ["The festival opened with a parade through the old town.",
         "Rain is expected across the north on Sunday afternoon.",
         "The museum unveiled a painting that had been lost for decades.",
         "Fans queued overnight to see the band play its farewell show.",
         "A rare bird was spotted nesting near the lake this spring.",
         "The team won the cup after a late goal in extra time."] * 3


def test_the_classifier_learns_a_frame_from_coding_and_is_cross_validated():
    texts = [*ECONOMY, *OTHER]
    gold = np.array([[True]] * len(ECONOMY) + [[False]] * len(OTHER))
    proba = fl.cross_validated_proba(texts, gold, folds=3, seed=0)
    assert ((proba[:, 0] >= 0.5) == gold[:, 0]).mean() >= 0.9
    model = fl.fit_classifier(texts, gold)
    assert fl.predict_proba(model, ["Inflation and the budget deficit hurt the economy."]
                            )[0, 0] > 0.5


def test_the_seed_example_coding_runs_every_route(seeds):
    book, _ = framing.load_codebook(paths.SEEDS)
    frames = sorted(book["frame"].unique())
    units = fl.coded(fl.read_coding(paths.SEEDS / "frame_coding.csv", frames))
    assert len(units) == 80
    gold = fl.label_matrix(units["coder_1"].tolist(), frames)
    scores = fl.route_scores(gold, fl.route_predictions(units["text"].tolist(), gold, book,
                                                        frames), frames)
    by = scores.set_index(["frame", "route"])["f1"]
    # the story's own dictionary beats always-yes on its most coded frame
    assert by[("security_guarantees", "dictionary")] > by[("security_guarantees", "always-yes")]
    choice = fl.choose_routes(scores).set_index("frame")
    assert choice.loc["security_guarantees", "reliable"]
    assert "code more" in choice.loc["pressure", "why"]  # one coded sentence


def test_shares_per_outlet_carry_an_interval(seeds):
    book, _ = framing.load_codebook(paths.SEEDS)
    frames = ["stake"]
    choice = pd.DataFrame({"frame": ["stake"], "route": ["dictionary"]})
    presence = fl.apply_routes(seeds.sentences, choice, None, book, frames)
    outlets = dict(zip(seeds.corpus["doc_id"], seeds.corpus["outlet"], strict=True))
    shares = fl.outlet_shares(presence, outlets).set_index("outlet")
    row = shares.loc["Reuters-based"]
    assert row["share"] > 0 and row["share_low"] <= row["share"] <= row["share_high"]
    assert shares.loc["AP", "share"] == 0  # AP never says what share the US wants


def test_generic_frames_are_marked_by_their_validation():
    story = pd.Series(["security_guarantees"])
    assert framing.generic_marks(story).tolist() == ["security_guarantees"]
    measured = fl.measured_frames()
    generic = sorted(set(framing.read_codebook(framing.GENERIC_CODEBOOK)["frame"]))
    # the recorded article-level scores on both held-out splits: every generic frame's
    # dictionary above always-yes
    for split in fl.HELD_OUT_SPLITS:
        articles = measured[(measured["set"] == "generic articles")
                            & (measured["split"] == split)].pivot(
            index="frame", columns="route", values="f1")
        assert sorted(articles.index) == generic
        assert (articles["dictionary"] > articles["always-yes"]).all(), split
        assert articles["dictionary"].mean() >= 0.6, split
    marked = framing.generic_marks(pd.Series(["conflict", "economic_consequences"]))
    assert marked.tolist() == ["conflict", "economic_consequences"]
    frac = measured[measured["set"] == "generic frames"].pivot(index="frame",
                                                              columns="route", values="f1")
    for frame in ("economic_consequences", "morality"):
        assert frac.loc[frame, "dictionary"] > frac.loc[frame, "always-yes"]


def test_generic_validity_prefers_the_article_level_coding():
    def rows(set_, frame, dictionary, always):
        return [{"set": set_, "frame": frame, "route": "dictionary", "f1": dictionary},
                {"set": set_, "frame": frame, "route": "always-yes", "f1": always}]
    table = pd.DataFrame(rows("generic frames", "a", 0.1, 0.3) + rows("generic articles", "a",
                                                                      0.6, 0.4)
                         + rows("generic frames", "b", 0.5, 0.2)
                         + rows("generic articles", "c", 0.3, 0.4))
    assert fl.generic_validity(table, ["a", "b", "c", "d"]) == {
        "a": "validated", "b": "validated", "c": "unreliable", "d": "not validated"}
    # with splits: every held-out split must agree; a tuning split does not count
    split = pd.DataFrame(rows("generic articles", "a", 0.6, 0.4) + rows("generic articles", "a",
                                                                        0.5, 0.6)
                         + rows("generic articles", "b", 0.6, 0.4)
                         + rows("generic articles", "b", 0.1, 0.9))
    split["split"] = ["test"] * 2 + ["blind"] * 2 + ["test"] * 2 + ["tune"] * 2
    assert fl.generic_validity(split, ["a", "b"]) == {"a": "unreliable", "b": "validated"}


def test_article_evaluation_scores_the_text_the_coder_read():
    coding = pd.DataFrame({
        "doc_id": ["t1", "t2", "t3", "t4", "x1", "x2", "b1", "b2"],
        "split": ["tune", "tune", "tune", "tune", "test", "test", "blind", "blind"],
        "words_read": [600] * 6 + [0, 0],
        "conflict": [1, 0, 1, 0, 1, 0, 1, 0]})
    texts = {"t1": "Critics accused the mayor.", "t2": "The park opened in May.",
             "t3": "The two parties disagree.", "t4": "Rain is due on Sunday.",
             "x1": "Opponents condemned the plan.",
             "x2": "The museum opened. " * 200 + "Critics condemned it.",
             "b1": "The zoo opened. " * 200 + "Critics condemned it.",
             "b2": "The zoo opened."}
    book = framing.read_codebook(framing.GENERIC_CODEBOOK)
    book = book[book["frame"] == "conflict"]
    table = fl.article_evaluation(coding, texts, book)
    test = table[table["split"] == "test"].set_index("route")
    # x2's criticism comes after its first 600 words, past what the coder read
    assert test.loc["dictionary", ["positives", "predicted", "f1"]].tolist() == [1, 1, 1.0]
    assert test.loc["always-yes", "f1"] == round(2 / 3, 3)
    # b1 was read whole, so its criticism after 600 words counts
    blind = table[table["split"] == "blind"].set_index("route")
    assert blind.loc["dictionary", ["positives", "predicted", "f1"]].tolist() == [1, 1, 1.0]
    # the classifier is scored on held-out splits only
    assert set(table.loc[table["route"] == "classifier", "split"]) == {"test", "blind"}
    assert set(table["set"]) == {"generic articles"}
    with pytest.raises(KeyError, match="not in the corpus"):
        fl.article_evaluation(coding, {"t1": "x"}, book)


def test_eval_frames_records_nothing_without_the_outside_corpus(tmp_path):
    from helpers.tools import eval_frames

    frac = tmp_path / "frac.csv"
    frac.write_text("sentence,label\n" + "".join(
        f"The economy and its budget cost {i} billion.,1\nThe judge ruled on case {i}.,5\n"
        for i in range(20)))
    record = tmp_path / "frame_eval.csv"
    code = eval_frames.main(["--frac", str(frac), "--record", str(record),
                             "--outside", str(tmp_path / "missing")])
    assert code == 2 and not record.exists()


def test_a_second_reader_of_the_articles_gives_an_alpha_per_frame():
    coding = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "split": ["test"] * 4,
                           "conflict": [1, 0, 1, 0], "morality": [0, 0, 1, 0],
                           "conflict_2": [1, 0, 1, 0], "morality_2": [1, 0, None, 0]})
    assert fl.coded_frames(coding) == ["conflict", "morality"]
    table = fl.article_agreement(coding).set_index("frame")
    assert table.loc["conflict", ["units", "alpha"]].tolist() == [4, 1.0]
    # morality: 3 double-coded units, one disagreement on the rare value; by hand, 2
    # disagreeing pairs observed where 5 × 1 × 2 / 5 = 2 were expected: alpha 0
    assert table.loc["morality", "units"] == 3 and table.loc["morality", "alpha"] == 0.0
    assert fl.article_agreement(coding.drop(columns=["conflict_2", "morality_2"])).empty


def test_the_pipelines_generic_frames_are_the_validated_presence(seeds):
    # what make eval-frames validates (dictionary_matrix on an article's text) is what the
    # pipeline's generic_frames table says per article: a frame with one hit is present
    from helpers.framing import GENERIC_CODEBOOK, read_codebook

    book = read_codebook(GENERIC_CODEBOOK)
    frames = sorted(set(book["frame"]))
    clean = seeds.table("clean")
    table = seeds.table("generic_frames")
    present = {(d, f) for d, f, h in zip(table["doc_id"], table["frame"], table["hits"],
                                         strict=True) if h > 0}
    matrix = fl.dictionary_matrix(clean["text"].tolist(), book, frames)
    expected = {(d, f) for i, d in enumerate(clean["doc_id"]) for j, f in enumerate(frames)
                if matrix[i, j]}
    assert present == expected and len(expected) >= 10
