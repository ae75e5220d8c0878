"""Findings that stay true: the paragraphs computed from the data (``helpers.findings``) on
the seeds and on another corpus, and every sentence of a notebook that reports a result of
the seeds ("On the seed corpus, …"), checked against the seeds' own tables. A test here
fails when a change to the analysis makes a notebook's words false."""

from __future__ import annotations

import json
import re

import pandas as pd

from helpers import findings, frame_learning, framing, paths, sentiment, voices
from helpers.pipeline import open_corpus

AP, REWRITE, KI, REUTERS, FT = ("000_6c54d4c076695658", "001_dca0a1ec10f67a9e",
                                "002_5ebc537bfe5f0ae8", "003_0750e0b6a9e59ec0",
                                "004_766c8d58a70347a6")
SCOPE = "**On the seed corpus**"


# ------------------------------------------------------------ computed findings
def test_the_computed_findings_on_the_seeds(seeds):
    closest = findings.closest_pairs(seeds)
    assert closest.startswith("**On this corpus")
    assert f"1. AP (`{AP}`) and AP rewrite (`{REWRITE}`): cosine 0.47" in closest
    assert "far ahead of the next" in closest
    stable = findings.stable_partners(seeds)
    assert "2 of 5 articles keep the same nearest partner under all 4 variants" in stable
    derived = findings.derived_pairs(seeds)
    assert "1 ordered pair is derived" in derived
    assert f"AP rewrite (`{REWRITE}`) from AP (`{AP}`): 67%" in derived
    assert "13 in the source's order" in derived
    by_side = findings.voices_by_outlet(seeds)
    assert "Kyiv Independent: Ukraine (98%" in by_side and "AP: United States" in by_side
    spread = findings.frame_spread(seeds)
    assert "5 of 11 frames appear in every outlet" in spread
    assert "security_guarantees" in spread


def test_the_computed_findings_say_what_another_corpus_shows(write_corpus, tmp_path,
                                                             monkeypatch):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    folder = write_corpus({
        "a.txt": "The council approved the budget on Monday. Taxes will rise next year.",
        "b.txt": "A storm closed the harbour. Fishing boats stayed in port all week.",
        "c.txt": "The museum opened a new wing. Visitors queued for paintings.",
    })
    run = open_corpus(folder)
    assert "no article is derived from another" in findings.derived_pairs(run)
    assert "no quotation was found" in findings.voices_by_outlet(run)
    text = findings.closest_pairs(run) + findings.stable_partners(run)
    assert "AP" not in text and "Zelenskyy" not in text  # nothing of the seeds leaks in


# ------------------------------------------------------------ the seeds' scoped claims
# notebook -> how many paragraphs report a result of the seeds; each is tested below
CLAIMS = {"02_cleaning": 2, "04_lineage": 2, "05_voices": 2, "06_sentiment": 4,
          "07_framing": 3}


def test_every_seed_claim_of_the_notebooks_has_a_test():
    counts = {}
    for book in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(book.read_text(encoding="utf-8"))["cells"]
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        if text.count(SCOPE):
            counts[book.stem] = text.count(SCOPE)
    assert counts == CLAIMS  # a new "On the seed corpus" paragraph needs its test here


def test_02_spelling_fingerprint_and_noise(seeds):
    variants = seeds.name_variants
    spelt = variants[variants["count"] > 0].groupby("doc_id")["variant"].apply(set)
    assert "Zelenskyy" in spelt[AP] and "Zelensky" in spelt[KI] and "Zelenskiy" in spelt[REUTERS]
    assert {"Zelenkie", "Zelensky", "Zelenskyy", "Bescent", "Becent", "Bessent"} <= spelt[FT]
    assert "Bassent" in spelt[AP] and "Bassent" in spelt[REWRITE]
    noise = seeds.noise.set_index("doc_id")
    for column in ["unbalanced_quote_paragraphs", "nested_open_quotes", "square_brackets",
                   "misspelled_names", "garble_per_100_sentences"]:
        assert noise[column].idxmax() == FT, column


def test_04_lineage_and_translations(seeds):
    summary = seeds.reuse_summary.set_index(["doc_a", "doc_b"])
    row = summary.loc[(AP, REWRITE)]
    assert (row["reused_b"], row["sentences_b"], row["in_order_b"]) == (14, 21, 13)
    qv = seeds.quote_variants
    ap = qv[qv["quote"].str.startswith("I didn't let the ministers sign")]
    ki = qv[qv["quote"].str.startswith("I did not allow the ministers to sign")]
    assert set(ap["doc_id"]) >= {AP, REWRITE} and set(ki["doc_id"]) == {KI}
    assert set(ap["group_id"]) == set(ki["group_id"])  # one statement, two translations
    assert set(ki["group_kind"]) == {"re-translated"}


def _words_by_side(run) -> pd.DataFrame:
    q = run.quotes.assign(outlet=lambda t: t["doc_id"].map(
        dict(zip(run.corpus["doc_id"], run.corpus["outlet"], strict=True))))
    return q.groupby(["outlet", "side"])["n_words"].sum().unstack(fill_value=0)


def test_05_voices(seeds):
    words = _words_by_side(seeds)
    share = words.div(words.sum(axis=1), axis=0)
    assert share.loc["Kyiv Independent", "Ukraine"] > 0.9  # almost only Zelenskyy
    for outlet in ["AP", "AP rewrite"]:  # both sides quoted
        assert share.loc[outlet, "Ukraine"] > 0.25 and share.loc[outlet, "United States"] > 0.25
    quotes = seeds.quotes
    assert "Lammy" in set(quotes.loc[quotes["doc_id"] == REUTERS, "person"])
    assert share.loc["Reuters-based", "unknown"] > 0.1  # sources of unknown side
    assert (share.loc["FT (machine translation)"] > 0).sum() >= 3  # it mixes them
    colonial = quotes[quotes["quote"].str.contains("colonial agreement")
                      & (quotes["doc_id"] == AP)].iloc[0]
    assert colonial["speaker"] == "the former senior official"
    assert (colonial["side"], colonial["sourcing"]) == ("Ukraine", "anonymous")


def test_06_sentiment(seeds):
    docs = seeds.sentiment_docs
    assert (docs["whole_article_compound"] > 0.98).all()
    assert docs["mean_compound"].between(0.1, 0.4).all()
    assert docs["sd_compound"].between(0.3, 0.45).all()
    scored = seeds.sentiment
    colonial = scored[scored["text"].str.contains("It's a colonial agreement")]
    assert (colonial["compound"] > 0).all()
    values = sentiment.lexicon_entries(["agreement", "security", "interest", "protect", "kind",
                                        "war", "critical", "guarantee"])
    values = dict(zip(values["word"], values["valence"], strict=True))
    assert values == {"agreement": 2.2, "security": 1.4, "interest": 2.0, "protect": 1.6,
                      "kind": 2.4, "war": -2.9, "critical": -1.3, "guarantee": 1.0}
    missing = sentiment.lexicon_entries(["colonial", "recoup", "compensation", "guarantees"])
    assert missing["valence"].isna().all()  # not in VADER's lexicon at all
    ranks = seeds.sentiment_variants.pivot(index="outlet", columns="variant", values="rank")
    assert ranks.loc["Kyiv Independent", "baseline"] == 1
    assert ranks.loc["Kyiv Independent", "topic words neutralised"] == len(ranks)
    assert not seeds.sentiment_variants["rank_stable"].all()
    ki = seeds.clean.set_index("doc_id").loc[KI, "text"]
    assert len(re.findall(r"\bagreement\b", ki, flags=re.I)) == 13


def test_07_frames_voices_and_routes(seeds):
    hits = seeds.frames.pivot_table(index="frame", columns="outlet", values="hits",
                                    aggfunc="sum", fill_value=0)
    carried = lambda frame: set(hits.columns[hits.loc[frame] > 0])  # noqa: E731
    assert carried("leadership_criticism") == {"AP", "AP rewrite"}
    assert carried("pressure") == {"Reuters-based", "FT (machine translation)"}
    assert hits.loc["legal"].idxmax() == "FT (machine translation)"
    first = seeds.frames.pivot_table(index="frame", columns="outlet",
                                     values="first_position", aggfunc="min")
    for outlet in ["Reuters-based", "FT (machine translation)"]:
        assert first.loc["stake", outlet] < 0.1  # up front
    traces = pd.concat([voices.trace_phrase(p, seeds.quotes, seeds.sentences, seeds.corpus)
                        for p in ["colonial agreement", "short-sighted"]])
    assert set(traces["voice"]) == {"quote"} and set(traces["outlet"]) == {"AP", "AP rewrite"}
    short = traces[(traces["phrase"] == "short-sighted") & (traces["doc_id"] == AP)]
    assert set(short["sourcing"]) == {"anonymous", "named"}


def test_07_the_shipped_coding_chooses_the_dictionary_for_most_frames(seeds):
    book, _ = framing.load_codebook(paths.SEEDS)
    frames = sorted(book["frame"].unique())
    units = frame_learning.coded(frame_learning.read_coding(paths.SEEDS / "frame_coding.csv",
                                                            frames))
    assert len(units) == 80
    gold = frame_learning.label_matrix(units["coder_1"].tolist(), frames)
    predictions = frame_learning.route_predictions(units["text"].tolist(), gold, book, frames,
                                                   folds=5, seed=0)
    choice = frame_learning.choose_routes(frame_learning.route_scores(gold, predictions,
                                                                      frames))
    routes = choice.set_index("frame")["route"]
    assert routes.get("payback") == "classifier"
    assert (routes == "dictionary").sum() > len(routes) / 2
