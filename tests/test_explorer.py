"""The explorer's search, tables and text helpers on the seeds (no browser: see
test_explorer_browser.py for the views)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from helpers import paths
from helpers.explorer import (
    SearchError,
    SentenceIndex,
    aligned_pair,
    frame_evidence,
    frame_grid,
    mark,
    page_of,
    query_pattern,
    raw_spans,
    shared_spans,
)
from helpers.explorer.tables import quotations, similarity_cells, top_pairs

from .conftest import AP, REUTERS, REWRITE


@pytest.fixture(scope="module")
def index(seeds):
    return SentenceIndex(seeds)


def test_query_patterns():
    assert re.search(query_pattern("colonial", "word"), "a colonial deal")
    assert not re.search(query_pattern("colonial", "word"), "colonialism")
    assert re.search(query_pattern("rare earth", "phrase"), "rare\n earth minerals")
    assert query_pattern("U.S.", "phrase") == r"\bU\.S\."  # no \b after a full stop
    for bad, mode in (("", "phrase"), ("two words", "word"), ("(", "regex"), ("x", "fuzzy")):
        with pytest.raises(SearchError):
            query_pattern(bad, mode)


def test_search_colonial_finds_the_ap_and_its_rewrite(index):
    result = index.search("colonial", "word")
    assert (result.sentences, result.articles) == (2, 2)
    assert list(result.hits["doc_id"]) == [AP, REWRITE]
    assert list(result.hits["match"]) == ["colonial", "colonial"]
    counts = result.counts.set_index("outlet")
    assert counts.loc["AP", "sentences"] == 1 and counts.loc["Kyiv Independent", "sentences"] == 0
    assert counts["sentences"].sum() == 2
    first = result.hits.iloc[0]
    assert first["left"] + first["match"] + first["right"] == first["clean"]
    assert first["voice"] == "mixed" and first["side"] == "Ukraine"
    assert "sovereignty" in first["frames"]


def test_counts_agree_with_a_plain_pandas_scan(index, seeds):
    sentences = seeds.sentences
    outlet = sentences["doc_id"].map(seeds.clean.set_index("doc_id")["outlet"])
    for query in ("Zelenskyy", "minerals", "security guarantees"):
        found = sentences["text"].str.contains(query_pattern(query), case=False, regex=True)
        expected = found.groupby(outlet).sum()
        counts = index.find(query).counts.set_index("outlet")["sentences"]
        assert counts.to_dict() == expected.to_dict(), query


def test_filters_narrow_the_search(index, seeds):
    everything = index.find("Zelenskyy")
    narration = index.find("Zelenskyy", voice="narration")
    ap = index.find("Zelenskyy", outlets=["AP"])
    assert 0 < len(narration.rows) < len(everything.rows)
    assert set(index.voice[narration.rows]) == {index.voices.index("narration")}
    assert set(index.outlet[ap.rows]) == {index.outlets.index("AP")}
    us = index.find(r"\w", "regex", side="United States")
    speakers = {index.speakers[s] for s in index.speaker[us.rows]}
    quotes = seeds.quotes
    assert speakers <= set(quotes.loc[quotes["side"] == "United States", "speaker"])
    assert len(index.find("colonial", frame="sovereignty").rows) == 2
    assert len(index.find("colonial", frame="no such frame").rows) == 0


def test_windows_reach_across_sentences_and_pages_are_stable(index):
    matches = index.find("colonial")
    hits = index.page(matches, unit="window", width=12)
    left = hits.iloc[0]["left"].split()
    assert len(left) == 12 and "¶" in left  # the sentence before supplied the rest
    assert hits.iloc[0]["right"].split()[:2] == ["agreement", "and"]
    many = index.find("the")
    pages = [index.page(many, p, page_size=7) for p in range(many.pages(7))]
    assert sum(len(p) for p in pages) == len(many.rows)
    assert index.page(many, 99, page_size=7).equals(pages[-1])  # past the end: the last


def test_raw_text_comes_back_through_the_audit(index, seeds):
    corpus = seeds.corpus.set_index("doc_id")["text"]
    rows = index.find("colonial").rows
    raw = index.raw_sentences(rows)
    assert raw[0].startswith("“It’s a colonial agreement")  # curly quotes before cleaning
    assert raw[1].startswith("''It’s a colonial agreement")
    assert all(r in corpus[d] for r, d in zip(raw, [AP, REWRITE], strict=True))
    # spans map through a replacement, a deletion and untouched text alike
    raw_text = "DATE say ab Kyiv"  # cleaning drops "DATE " and writes "xyz" for "ab"
    audit = pd.DataFrame({"start": [0, 9], "end": [5, 11], "replacement": ["", "xyz"]})
    clean = "say xyz Kyiv"
    spans = raw_spans(np.array([0, 4, 8]), np.array([3, 7, 12]), audit)
    assert [clean[a:b] for a, b in ((0, 3), (4, 7), (8, 12))] == ["say", "xyz", "Kyiv"]
    assert [raw_text[a:b] for a, b in spans] == ["say", "ab", "Kyiv"]
    assert raw_spans(np.array([2]), np.array([5]), audit.iloc[:0]) == [(2, 5)]  # no edits


def test_context_of_a_quotation(index, seeds):
    quote = seeds.quotes[seeds.quotes["quote"].str.contains("colonial")].iloc[0]
    ctx = index.context(quote["doc_id"], int(quote["start"]), int(quote["end"]))
    assert ctx["here"].sum() == 1 and len(ctx) == 3
    assert quote["quote"] in ctx.loc[ctx["here"], "text"].iat[0]


def test_shared_wording_is_marked():
    a = "It's a colonial agreement and Zelenskyy cannot sign it, the former official said."
    b = "It's a colonial agreement and Zelenskyy cannot sign it, the official said."
    spans_a, spans_b = shared_spans(a, b)
    assert [a[s:e] for s, e in spans_a] == ["It's a colonial agreement and Zelenskyy cannot "
                                            "sign it, the"]
    assert [b[s:e] for s, e in spans_b][0].startswith("It's a colonial")
    assert mark("a <b> c", [(2, 5)]) == "a <mark>&lt;b&gt;</mark> c"


def test_tables_for_the_views(seeds):
    summary, aligned = aligned_pair(seeds, AP, REWRITE)
    assert summary["verdict"] == "derived"
    colonial = aligned[aligned["text_b"].str.contains("colonial agreement")]
    assert list(colonial["relation"]) == ["copied"]
    assert aligned_pair(seeds, REUTERS, AP)[1]["relation"].isin(
        ["same facts", "quote"]).all()
    grid = frame_grid(seeds)
    evidence = frame_evidence(seeds, "sovereignty", "AP")
    assert len(evidence) == grid.loc["AP", "sovereignty"] > 0
    generic = [c for c in grid.columns if c.startswith("generic: ")]
    assert generic and frame_evidence(seeds, generic[0])["outlet"].notna().all()
    cells = similarity_cells(seeds)
    assert cells.loc[AP, REWRITE] == pytest.approx(cells.loc[REWRITE, AP])
    assert top_pairs(seeds).iloc[0][["doc_a", "doc_b"]].tolist() == [AP, REWRITE]
    quotes = quotations(seeds)
    page, total, pages = page_of(quotes, equals={"side": "United States"}, sort="confidence",
                                 descending=True, page_size=5)
    assert total == (quotes["side"] == "United States").sum() and len(page) == min(5, total)
    assert page["confidence"].is_monotonic_decreasing
    assert pages == -(-total // 5)


def test_a_notebook_run_by_hand_writes_to_the_scratch_folder():
    assert paths.figures_dir(None) == paths.SCRATCH_FIGURES
    assert paths.SCRATCH_FIGURES.is_relative_to(paths.BUILD)
    assert paths.output_dir(None) == paths.FIGURES  # what `make figures` writes


def test_the_views_work_without_a_browser(seeds):
    """The widgets' Python side: what each view renders after an interaction."""
    from helpers.explorer.views import Explorer, _doubtful, frame_labels

    explorer = Explorer(seeds, page_size=5)
    kwic = explorer.concordance
    kwic.query.value = "colonial"
    assert kwic.status.value.startswith("<span class='cm-total'>2 sentences in 2 articles")
    assert kwic.hits.value.count("<mark>colonial</mark>") == 2
    kwic.query.value = "("
    kwic.mode.value = "regex"
    assert "invalid regular expression" in kwic.status.value and kwic.hits.value == ""
    explorer.copying.show(AP, REWRITE)
    assert "derived" in explorer.copying.verdict.value
    explorer.copying.doc_a.value = "no/such/article"
    explorer.copying.show("no/such/article", REWRITE)
    assert "no article no/such/article" in explorer.copying.verdict.value
    quotes = explorer.quotes
    quotes.side.value = "United States"
    total = (seeds.quotes["side"] == "United States").sum()
    assert f"{total} rows" in quotes.status.value
    quotes.pick.value = 0
    assert "<mark>" in quotes.context.value
    explorer.frames.show("sovereignty", "AP")
    explorer.frames.to_kwic.click()
    assert explorer.tabs.selected_index == 0
    assert kwic.status.value.startswith("<span class='cm-total'>1 sentences in 1 articles")
    # validated on coded outside articles (frame_eval.csv): no mark
    labels = frame_labels(["sovereignty", "generic: conflict", "generic: economic_consequences"])
    assert labels == ["sovereignty", "generic: conflict", "generic: economic_consequences"]
    assert _doubtful(pd.Series({"speaker": "", "confidence": 0.9, "unresolved": True}))
    assert _doubtful(pd.Series({"speaker": "Hughes", "confidence": 0.3, "unresolved": False}))
    assert not _doubtful(pd.Series({"speaker": "Hughes", "confidence": 0.9,
                                    "unresolved": False}))


def test_the_pair_index_gives_what_the_stored_table_gives(seeds, index):
    from helpers.explorer.tables import PairIndex

    pairs = PairIndex(seeds, index)
    for a, b in ((AP, REWRITE), (REWRITE, AP), (REUTERS, AP)):
        summary, aligned = aligned_pair(seeds, a, b)
        fast_summary, fast = pairs.pair(a, b)
        pd.testing.assert_frame_equal(fast, aligned, check_dtype=False)
        assert fast_summary["verdict"] == summary["verdict"]
    assert pairs.pair(AP, "no such article")[0] is None


def test_frame_labels_mark_what_validation_found(monkeypatch):
    from helpers import frame_learning
    from helpers.explorer.views import frame_labels

    rows = [{"set": "generic articles", "frame": "conflict", "route": r, "f1": f}
            for r, f in (("dictionary", 0.3), ("always-yes", 0.6))]
    monkeypatch.setattr(frame_learning, "measured_frames", lambda: pd.DataFrame(rows))
    assert frame_labels(["generic: conflict", "generic: morality", "sovereignty"]) == [
        "generic: conflict (unreliable)", "generic: morality (not validated)", "sovereignty"]
