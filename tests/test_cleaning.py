"""Cleaning on the real seed text: boilerplate, typography, names, audit replay."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.cleaning import RulesError, audit_examples
from helpers.quotes import extract_quotes
from helpers.sentences import sentence_spans

from .conftest import AP, FT, KYIV, REUTERS, REWRITE

BOILERPLATE = [
    (AP, "date_prefix", "date 2025-02-16"),
    (REWRITE, "image_stub", "![]() |"),
    (REWRITE, "image_caption", "Mining Minerals (Image: Pexels) |"),
    (REWRITE, "comment_counter", "0 Comments"),
    (REUTERS, "also_read", "Also Read | Stampede at New Delhi Railway Station Kills 15"),
    (REUTERS, "also_read", "Also Read | Job Security or a Payout? Why Thousands of U.S. Workers"),
    (REUTERS, "recent_news_footer", "Recent News"),
]


@pytest.mark.parametrize(("doc_id", "rule", "snippet"), BOILERPLATE)
def test_boilerplate_is_gone_and_audited(seeds, doc_id, rule, snippet):
    raw = seeds.corpus.set_index("doc_id").loc[doc_id, "text"]
    clean = seeds.clean.set_index("doc_id").loc[doc_id, "text"]
    assert snippet in raw
    assert snippet not in clean
    rows = seeds.audit[(seeds.audit["doc_id"] == doc_id) & (seeds.audit["rule"] == rule)]
    assert rows["original"].str.contains(snippet, regex=False).any()
    assert (rows["replacement"] == "").all()


def test_stray_lone_punctuation_is_removed(seeds):
    clean = seeds.clean.set_index("doc_id").loc[FT, "text"]
    assert 'further." .' not in clean and "at the time. ." not in clean
    assert 'to "encourse our economy further."' in clean
    rows = seeds.audit[seeds.audit["rule"] == "lone_punctuation"]
    assert rows["doc_id"].tolist() == [FT, FT]
    assert rows["original"].tolist() == [" .", " ."]


def test_the_clean_text_keeps_the_dateline(seeds):
    clean = seeds.clean.set_index("doc_id").loc[AP, "text"]
    assert clean.startswith("MUNICH, Germany (AP) — Ukrainian President Volodymyr Zelenskyy")


def test_replaying_the_audit_rebuilds_the_clean_text(seeds):
    for doc_id, raw, clean in zip(seeds.corpus["doc_id"], seeds.corpus["text"],
                                  seeds.clean["text"], strict=True):
        rows = seeds.audit[seeds.audit["doc_id"] == doc_id]
        assert len(rows) > 0
        assert helpers.replay_audit(raw, rows) == clean


def test_audit_offsets_point_at_the_raw_text(seeds):
    raw = dict(zip(seeds.corpus["doc_id"], seeds.corpus["text"], strict=True))
    for row in seeds.audit.itertuples(index=False):
        assert raw[row.doc_id][row.start:row.end] == row.original


def test_audit_edits_never_overlap(seeds):
    for _, rows in seeds.audit.groupby("doc_id"):
        starts, ends = rows["start"].tolist(), rows["end"].tolist()
        assert all(e <= s for e, s in zip(ends[:-1], starts[1:], strict=True))


def test_typography_is_straightened(seeds):
    for text in seeds.sentences["text"]:
        assert not any(ch in text for ch in "“”‘’…\u00a0")
        assert "''" not in text
    rewrite = seeds.clean.set_index("doc_id").loc[REWRITE, "text"]
    assert 'taxpayers to "recoup" financial support' in rewrite
    assert seeds.audit.query("rule == 'double_single_quotes'")["doc_id"].eq(REWRITE).all()
    assert (seeds.audit["rule"] == "double_single_quotes").sum() == 18


@pytest.mark.parametrize("wrong", ["Zelenkie", "Bescent", "Becent", "Bassent", "Kiev", "ukrane",
                                   "Kseniiia", "Voldymir", "Zelenskiy"])
def test_no_name_variant_is_left_in_the_sentences(seeds, wrong):
    assert not seeds.sentences["text"].str.contains(rf"\b{wrong}\b", regex=True).any()


def test_names_are_canonical_and_possessives_kept(seeds):
    ft = seeds.clean.set_index("doc_id").loc[FT, "text"]
    assert ft.startswith("Ukrainian President Volodymyr Zelenskyy has rejected a United States bid")
    assert "During a visit to Kyiv's presidential office" in ft
    assert "negotiations for the United States Ukraine." in ft
    kyiv = seeds.clean.set_index("doc_id").loc[KYIV, "text"]
    assert "after Bessent's presentation" in kyiv
    assert "to protect us, our interests" in kyiv  # the pronoun "us" is not the country


def test_name_variants_record_the_spelling_fingerprint(seed_variants):
    table = seed_variants.set_index(["doc_id", "variant"])["count"]
    assert table[(FT, "Zelenkie")] == 1
    assert table[(FT, "Bescent")] == 8
    assert table[(FT, "Becent")] == 1
    assert table[(FT, "Kiev")] == 6
    assert table[(KYIV, "Zelensky")] == 10
    assert table[(AP, "Bassent")] == 1 and table[(REWRITE, "Bassent")] == 1
    zelenskiy = seed_variants[seed_variants["variant"] == "Zelenskiy"]
    assert zelenskiy["doc_id"].tolist() == [REUTERS]
    assert set(seed_variants.columns) >= {"doc_id", "entity", "variant", "count"}


def test_without_actors_nothing_is_merged():
    clean, audit = helpers.clean_corpus(helpers.load_corpus(), actors=helpers.empty_actors())
    assert not audit["rule"].str.startswith("name_").any()
    assert "Zelenkie" in clean.set_index("doc_id").loc[FT, "text"]


def test_audit_examples_show_before_and_after(seeds):
    examples = audit_examples(seeds.corpus, seeds.audit).set_index("rule")
    assert "【''】" in examples.loc["double_single_quotes", "before"]
    assert '【"】' in examples.loc["double_single_quotes", "after"]


def test_rule_summary_counts_characters(seeds):
    summary = helpers.rule_summary(seeds.audit).set_index("rule")
    assert summary.loc["also_read", "changes"] == 2
    assert summary.loc["also_read", "chars_removed"] == len(
        "Also Read | Stampede at New Delhi Railway Station Kills 15, Injures 15\n\n"
        "Also Read | Job Security or a Payout? Why Thousands of U.S. Workers Walked Away\n\n")


def test_crlf_and_wrapped_lines_are_normalised_with_audit():
    raw = "Title line\r\n\r\nA sentence that was\r\nwrapped here.\r\nNext   paragraph.\r\n"
    clean, edits = helpers.clean_text(raw)
    assert clean == "Title line\n\nA sentence that was wrapped here.\n\nNext paragraph."
    assert helpers.apply_edits(raw, edits) == clean


def test_a_dash_mangled_into_a_quote_mark_is_repaired_and_opens_no_quotation():
    # scraped news (make outside-corpus: 1,470 times) where a lossy re-encoding left '"?'
    # for an em dash; a question mark after a closing quotation mark stays
    raw = ('WASHINGTON "?In his run, Sen. Sanders amassed supporters "?along with their '
           'emails. Did he call it "ridiculous"? He did.')
    clean, edits = helpers.clean_text(raw, helpers.load_rules(), helpers.empty_actors())
    assert clean == ("WASHINGTON — In his run, Sen. Sanders amassed supporters — along with "
                     'their emails. Did he call it "ridiculous"? He did.')
    assert [e.rule for e in edits] == ["mojibake_dash+dash", "mojibake_dash+dash"]
    passages = helpers.quote_passages(clean)
    assert [(clean[s:e], closed) for s, e, closed in passages] == [('"ridiculous', True)]


def test_a_closing_quote_mangled_after_punctuation_is_repaired_so_the_speaker_is_read():
    # the same re-encoding left '"?' for a closing mark and its space after a comma or a
    # period (make outside-corpus: 2,780 times), and a replacement character after an
    # opening mark; the speaker after the quotation is read again
    raw = ('Lena Ortiz spoke. "This time, the vote matters,"?Tomas Brandt said. '
           '"\ufffdWe are ready."?Then he left. Did he call it "ridiculous"? He did.')
    clean, edits = helpers.clean_text(raw, helpers.load_rules(), helpers.empty_actors())
    assert clean == ('Lena Ortiz spoke. "This time, the vote matters," Tomas Brandt said. '
                     '"We are ready." Then he left. Did he call it "ridiculous"? He did.')
    assert [e.rule for e in edits] == ["mojibake_close_quote", "mojibake_open_quote",
                                       "mojibake_close_quote"]
    table = extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [clean]}))
    assert table["speaker"].iloc[0] == "Tomas Brandt"
    raw_table = extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [raw]}))
    assert raw_table["speaker"].iloc[0] != "Tomas Brandt"  # the damage the rule repairs


def test_a_space_turned_hyphen_before_a_reporting_verb_is_restored():
    # the re-encoding of make outside-corpus also turned spaces into hyphens: 84 times
    # between a name and its verb; a compound in lower case ("so-called") stays
    raw = ('Reporting from Beirut, Nadia Karam-said the mood was tense. "We are tired," '
           'she said of the so-called reform. "It is over," Karam-told reporters. The '
           'mayor, a Democrat,-said: "Enough."')
    clean, edits = helpers.clean_text(raw, helpers.load_rules(), helpers.empty_actors())
    assert clean == ('Reporting from Beirut, Nadia Karam said the mood was tense. "We are '
                     'tired," she said of the so-called reform. "It is over," Karam told '
                     'reporters. The mayor, a Democrat, said: "Enough."')
    assert [e.rule for e in edits] == ["mojibake_space_before_verb"] * 2 + [
        "mojibake_space_after_comma"]
    table = extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [clean]}))
    assert table["speaker"].tolist() == ["Nadia Karam", "Nadia Karam", "The mayor"]


def test_a_space_turned_hyphen_between_sentences_is_restored():
    # 2,281 times in make outside-corpus: "the mayor said.- The mayor, …" read as one
    # sentence, so the second one's subject sat inside the first
    raw = ('"It is right," the mayor said.- The mayor, Ann Voss, spoke again.-"We stay," '
           'she said. It ran Jan.-Feb. in the U.S.-Mexico border towns.')
    clean, edits = helpers.clean_text(raw, helpers.load_rules(), helpers.empty_actors())
    assert clean == ('"It is right," the mayor said. The mayor, Ann Voss, spoke again. "We '
                     'stay," she said. It ran Jan.-Feb. in the U.S.-Mexico border towns.')
    assert [e.rule for e in edits] == ["mojibake_space_after_sentence"] * 2
    assert len(sentence_spans(clean)) == 4


def test_an_apostrophe_turned_quotation_mark_is_restored():
    # 1,153 times in make outside-corpus: "she couldn"t get loose," cut the quotation short
    raw = ('"She was fishing bags out and she couldn"t get her hand loose," Chief Brian '
           'Hollenbush told reporters. We"re sure it"s "fine" now.')
    clean, edits = helpers.clean_text(raw, helpers.load_rules(), helpers.empty_actors())
    assert clean == ('"She was fishing bags out and she couldn\'t get her hand loose," Chief '
                     'Brian Hollenbush told reporters. We\'re sure it\'s "fine" now.')
    assert [e.rule for e in edits] == ["mojibake_apostrophe"] * 3
    table = extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [clean]}))
    assert table["quote"].iloc[0].endswith("couldn't get her hand loose")
    assert table["speaker"].iloc[0] == "Brian Hollenbush"
    raw_table = extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [raw]}))
    assert raw_table["quote"].iloc[0].endswith("she couldn")  # the damage repaired


def test_corpus_rules_extend_the_built_in_ones(write_corpus):
    root = write_corpus({
        "a.txt": "Real news here.\nSubscribe to our newsletter!\nMore news.",
        "cleaning_rules.csv": "name,stage,pattern,replacement,description\n"
                              'newsletter,boilerplate,"(?m)^Subscribe to our newsletter!\\n",,'
                              "A sign-up line\n",
    })
    rules = helpers.load_rules(root)
    assert "newsletter" in rules["name"].tolist()
    clean, audit = helpers.clean_corpus(helpers.load_corpus(root), rules)
    assert clean["text"].iloc[0] == "Real news here.\n\nMore news."
    assert "newsletter" in audit["rule"].tolist()


@pytest.mark.parametrize(("body", "message"), [
    ("name,stage,pattern,replacement,description\nx,boilerplate,(unclosed,,d\n",
     "rule 'x'.*does not compile"),
    ("name,stage,pattern,replacement,description\nx,nowhere,abc,,d\n", "stage 'nowhere'"),
    ("name,stage,pattern\nx,boilerplate,abc\n", "missing column"),
    ("name,stage,pattern,replacement,description\nx,boilerplate,a*,,d\n", "empty string"),
])
def test_malformed_rules_name_the_file_and_rule(write_corpus, body, message):
    root = write_corpus({"a.txt": "News.", "cleaning_rules.csv": body})
    with pytest.raises(RulesError, match=message) as err:
        helpers.load_rules(root)
    assert "cleaning_rules.csv" in str(err.value)


@pytest.mark.parametrize(("body", "message"), [
    ("canonical,side\nX,Mars\n", "side 'Mars'"),
    ("name,side\nX,Ukraine\n", "missing column"),
    ("canonical,aliases,side\nA,B,Ukraine\nC,B,Russia\n", "'B' belongs to both"),
])
def test_malformed_actors_name_the_file(write_corpus, body, message):
    root = write_corpus({"a.txt": "News.", "actors.csv": body,
                         "sides.csv": "side,colour,cues\nUkraine,,\nRussia,,\n"})
    with pytest.raises(helpers.ActorsError, match=message) as err:
        helpers.load_actors(root)
    assert "actors.csv" in str(err.value)


def test_replay_matches_checks_every_article_and_catches_a_wrong_row(seeds):
    from helpers.cleaning import replay_matches

    ok = replay_matches(seeds.corpus, seeds.audit, seeds.clean)
    assert ok.all() and list(ok.index) == list(seeds.corpus["doc_id"])
    # an article without audit rows replays to its raw text: unequal if cleaning changed it
    first = seeds.corpus["doc_id"].iloc[0]
    missing = replay_matches(seeds.corpus, seeds.audit[seeds.audit["doc_id"] != first],
                             seeds.clean)
    assert missing.tolist() == [False] + [True] * (len(ok) - 1)
    # a replacement edited in the audit no longer rebuilds that article
    bad = seeds.audit.copy()
    bad.loc[bad.index[0], "replacement"] = bad["replacement"].iloc[0] + "X"
    assert not replay_matches(seeds.corpus, bad, seeds.clean)[bad["doc_id"].iloc[0]]
