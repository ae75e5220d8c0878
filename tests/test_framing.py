"""Framing on the seeds: the codebook, the hits and their voices, and validation tools."""

from __future__ import annotations

import re

import pytest

from helpers import framing, paths, quotes

from .conftest import AP, FT, KYIV, REUTERS, REWRITE


@pytest.fixture(scope="module")
def book():
    return framing.load_codebook(paths.SEEDS)[0]


@pytest.fixture(scope="module")
def hits(seeds, book):
    table = quotes.extract_quotes(seeds.clean, seeds.actors, sides=seeds.sides)
    return framing.match_frames(seeds.clean, seeds.sentences, table, book)


@pytest.fixture(scope="module")
def frames(hits, seeds, book):
    return framing.frame_table(hits, seeds.clean, book)


def _docs(hits, pattern):
    return set(hits.loc[hits["pattern"] == pattern, "doc_id"])


def test_colonial_only_in_the_ap_line_in_a_ukrainian_officials_quote(hits):
    colonial = hits[hits["match"].str.lower() == "colonial"]
    assert set(colonial["doc_id"]) == {AP, REWRITE}
    assert set(colonial["speech"]) == {"quote"} and set(colonial["side"]) == {"Ukraine"}


def test_short_sighted_only_in_the_ap_line_voiced_by_the_us(hits):
    short = hits[hits["pattern"] == "short-sighted"]
    assert set(short["doc_id"]) == {AP, REWRITE}
    assert set(short["side"]) == {"United States"}


def test_recoup_new_york_and_500_billion(hits):
    assert _docs(hits, "recoup") == {AP, REWRITE}
    assert _docs(hits, "New York") == {FT}
    assert _docs(hits, "$500 billion") == {KYIV, REUTERS}


def test_security_guarantees_in_all_five(frames):
    present = frames[(frames["frame"] == "security_guarantees") & (frames["hits"] > 0)]
    assert len(present) == 5


def test_at_least_five_policy_frames_in_use(frames):
    assert framing.policy_frame_table(frames)["policy_frame"].nunique() >= 5


def test_frames_table_columns_and_rates(frames, seeds):
    assert list(frames.columns[:8]) == ["doc_id", "frame", "policy_frame", "hits",
                                        "per_1000_words", "first_position", "hits_narration",
                                        "hits_quotes"]
    assert (frames["hits"] == frames["hits_narration"] + frames["hits_quotes"]).all()
    row = frames[(frames["doc_id"] == KYIV) & (frames["frame"] == "stake")].iloc[0]
    words = seeds.clean.set_index("doc_id").loc[KYIV, "n_words"]
    assert row["per_1000_words"] == pytest.approx(1000 * row["hits"] / words, abs=1e-3)
    assert frames["first_position"].min() >= 0 and frames["first_position"].max() <= 1


def test_hits_carry_kwic_evidence(hits, seeds):
    clean = dict(zip(seeds.clean["doc_id"], seeds.clean["text"], strict=True))
    for row in hits.itertuples(index=False):
        assert clean[row.doc_id][row.start:row.end] == row.match
        assert clean[row.doc_id][:row.start].replace("\n", " ").endswith(row.left)


@pytest.mark.parametrize(("pattern", "text", "found"), [
    ("guarantee", "no guarantees, nothing guaranteed", ["guarantees", "guaranteed"]),
    ("take-it-or-leave-it", "a take it or leave it offer", ["take it or leave it"]),
    ("50%", "50 percent, 50 per cent and 50%", ["50 percent", "50 per cent", "50%"]),
    ("$500 billion", "$500bn or $500 billion or 500 billion dollars",
     ["$500bn", "$500 billion", "500 billion dollars"]),
    ("half", "behalf of half", ["half"]),
    ("war", "warm war-torn", ["war"]),
    # a final silent e or consonant + y changes before a suffix, as in English
    ("tackle", "tackles, tackled, tackling", ["tackles", "tackled", "tackling"]),
    ("blame", "blaming others", ["blaming"]),
    ("policy", "policy and policies", ["policy", "policies"]),
    ("deny", "denies, denied, denying", ["denies", "denied", "denying"]),
    ("responsibility", "shared responsibilities", ["responsibilities"]),
    ("play", "plays played", ["plays", "played"]),
    # three letters or fewer keep the plain suffixes: the is not thing, use not using
    ("the", "the thing", ["the"]),
    ("use", "uses using", ["uses"]),
])
def test_literal_patterns(pattern, text, found):
    regex = re.compile(framing.literal_regex(pattern), re.I)
    assert [m.group() for m in regex.finditer(text)] == found


@pytest.mark.parametrize(("body", "message"), [
    ("frame,policy_frame,pattern\nx,Sports,abc\n", "policy_frame 'Sports'"),
    ("frame,policy_frame,pattern,regex\nx,Economic,(abc,true\n", "does not compile"),
    ("frame,policy_frame,pattern,regex\nx,Economic,a*,true\n", "empty string"),
    ("frame,pattern\nx,abc\n", "missing column"),
    ("frame,policy_frame,pattern\nx,Economic,\n", "empty frame or pattern"),
    ("frame,policy_frame,pattern\nx,Economic,a\nx,Political,b\n", "more than one policy_frame"),
])
def test_a_malformed_codebook_names_the_file(tmp_path, body, message):
    path = tmp_path / "codebook.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(framing.CodebookError, match=message) as err:
        framing.read_codebook(path)
    assert "codebook.csv" in str(err.value)


def test_without_a_codebook_the_generic_one_is_used(write_corpus):
    root = write_corpus({"a.txt": "The war cost billions."})
    book, source = framing.load_codebook(root)
    assert source.startswith("generic")
    assert set(book["frame"]) == {"conflict", "responsibility", "economic_consequences",
                                  "human_interest", "morality"}


def test_krippendorff_alpha_on_the_textbook_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal data: 0.743.
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    assert framing.krippendorff_alpha_nominal(data) == pytest.approx(0.743, abs=0.001)
    assert framing.krippendorff_alpha_nominal([["a", "b", "a"], ["a", "b", "a"]]) == 1.0


def test_coding_sheet_is_deterministic_and_agreement_computed(hits):
    one, two = framing.coding_sheet(hits, 10, seed=0), framing.coding_sheet(hits, 10, seed=0)
    assert one.equals(two) and len(one) == 10 and (one["reader_frame"] == "").all()
    filled = one.assign(reader_frame=one["dictionary_frame"])
    result = framing.sheet_agreement(filled)
    assert result["precision"] == 1.0 and result["coded"] == 10


def test_pattern_report_lists_every_pattern(hits, book):
    report = framing.pattern_report(hits, book)
    assert len(report) == len(book)
    row = report[report["pattern"] == "colonial"].iloc[0]
    assert row["hits"] == 2 and "[colonial]" in row["kwic_sample"]


def test_fold_case_covers_every_character_that_ignorecase_maps_to_ascii():
    ascii_alnum = re.compile("[a-z0-9]", re.I)
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        if ascii_alnum.fullmatch(ch):
            folded = framing.fold_case(ch)
            assert len(folded) == 1 and folded.isascii(), hex(cp)


def test_every_seed_hit_contains_its_patterns_anchor(hits, book):
    literal = set(book.loc[book["regex"].str.lower() != "true", "pattern"])
    anchors = {p: framing.literal_anchor(p) for p in hits["pattern"].unique() if p in literal}
    assert len(anchors) > 20 and all(anchors.values())
    for pattern, match in zip(hits["pattern"], hits["match"], strict=True):
        if pattern not in literal:
            continue
        assert anchors[pattern] in framing.fold_case(match), (pattern, match)


@pytest.mark.parametrize("text", ["Kyiv's SOVEREIGNTY.", "its ſovereignty", "a $500bn deal",
                                  "they would RECOUP it", "rival sovereignties"])
def test_the_anchor_prefilter_never_hides_a_match(tmp_path, text):
    book_path = tmp_path / "codebook.csv"
    book_path.write_text("frame,description,policy_frame,pattern,regex\n"
                         "f,,Economic,sovereignty,false\nf,,Economic,$500 billion,false\n"
                         "f,,Economic,recoup,false\n", encoding="utf-8")
    book = framing.read_codebook(book_path)
    compiled = framing.compile_codebook(book)
    # a final consonant + y inflects (sovereignties), so the anchor is the stem
    assert compiled[0][4] == ("500", "recoup", "sovereignt")
    assert compiled[0][5] is not None
    regex = compiled[0][3]
    assert regex.search(text)
    assert any(a in framing.fold_case(text) for a in compiled[0][4])
    found = [m.span() for m in framing.frame_matches(regex, compiled[0][5], text,
                                                     framing.fold_case(text))]
    assert found == [m.span() for m in regex.finditer(text)] != []


@pytest.mark.parametrize("text, frame, present", [
    # revised on coded outside articles (helpers.frame_learning.article_coding)
    ("The Justice Department said the judge would rule on Friday.", "morality", False),
    ("He was denied a fair trial, his lawyer said.", "morality", False),
    ("The pope urged leaders to act on their conscience.", "morality", True),
    ("A 16-year-old boy has been missing since Monday.", "human_interest", True),
    ("Critics said the plan had drawn an outcry.", "conflict", True),
    ("The opposition filed a lawsuit on Tuesday.", "conflict", True),
    ("The government announced its policy on Tuesday.", "responsibility", False),
    ("The minister said officials were to blame for the failure to act.", "responsibility",
     True),
    ("There was no loss of life.", "economic_consequences", False),
    ("Unemployment and wages rose.", "economic_consequences", True),
    # the second revision (climate, environment and health articles)
    ("Three million people live in the city.", "economic_consequences", False),
    ("He had a heart attack.", "human_interest", False),
    ("Residents complained about the smell.", "conflict", True),
    ("The plan is intended to curb emissions.", "responsibility", True),
    ("Ministers pledged to act on air pollution.", "responsibility", True),
    ("The agency is tackling obesity.", "responsibility", True),
])
def test_generic_codebook_reads_frames_not_topics(text, frame, present):
    from helpers.frame_learning import dictionary_matrix

    book = framing.read_codebook(framing.GENERIC_CODEBOOK)
    assert bool(dictionary_matrix([text], book, [frame])[0, 0]) is present
