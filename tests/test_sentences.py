"""Sentence splitting and speech labels on text like the seeds'."""

from __future__ import annotations

import pytest

import helpers

from .conftest import AP, REUTERS


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. Treasury sent a draft. It was rejected.",
     ["The U.S. Treasury sent a draft.", "It was rejected."]),
    ("Bessent visited Kyiv on Feb. 12 and left. Zelenskyy spoke on Feb. 15.",
     ["Bessent visited Kyiv on Feb. 12 and left.", "Zelenskyy spoke on Feb. 15."]),
    ("Democratic Sen. Brian Schatz agreed. Mr. Vance did not.",
     ["Democratic Sen. Brian Schatz agreed.", "Mr. Vance did not."]),
    ("They met at 9 a.m. on Friday in Munich. Talks ended.",
     ["They met at 9 a.m. on Friday in Munich.", "Talks ended."]),
    ("The U.S. seeks 50% of the minerals, worth $500 billion or 2.5 times more. Kyiv refused.",
     ["The U.S. seeks 50% of the minerals, worth $500 billion or 2.5 times more.",
      "Kyiv refused."]),
    ('"It\'s a colonial agreement and Zelenskyy cannot sign it," the former senior official '
     'said. He left.',
     ['"It\'s a colonial agreement and Zelenskyy cannot sign it," the former senior official '
      'said.', "He left."]),
    ('"Are you ready?" he asked. "No."', ['"Are you ready?" he asked.', '"No."']),
    ("First paragraph without a period\n\nSecond paragraph.",
     ["First paragraph without a period", "Second paragraph."]),
    # "No." before a number abbreviates it; "no." at the end of a sentence does not
    ("As Ada Kroll, the No. 2 in the party, put it: they lost. He said no. 2 more came.",
     ["As Ada Kroll, the No. 2 in the party, put it: they lost.", "He said no.",
      "2 more came."]),
])
def test_split_sentences(text, expected):
    assert helpers.split_sentences(text) == expected


def test_colon_introduced_quotes_are_quote_sentences(seeds):
    reuters = seeds.sentences[seeds.sentences["doc_id"] == REUTERS].set_index("sent_id")
    assert reuters.loc[9, "text"] == "Addressing reporters about his concerns, Zelenskyy stated:"
    assert reuters.loc[9, "speech"] == "narration"
    assert reuters.loc[10, "speech"] == "quote"
    assert reuters.loc[10, "text"].startswith('"It\'s not in our interest today')


def test_speech_labels_on_the_ap_story(seeds):
    ap = seeds.sentences[seeds.sentences["doc_id"] == AP].set_index("sent_id")
    assert ap.loc[5, "speech"] == "narration"
    assert ap.loc[9, "text"] == ('"It\'s a colonial agreement and Zelenskyy cannot sign it," '
                                 "the former senior official said.")
    assert ap.loc[9, "speech"] == "mixed"
    assert len(ap) == 15


def test_sentence_offsets_point_into_the_clean_text(seeds):
    clean = dict(zip(seeds.clean["doc_id"], seeds.clean["text"], strict=True))
    for row in seeds.sentences.itertuples(index=False):
        assert clean[row.doc_id][row.start:row.end] == row.text


def test_quote_mask_resets_at_paragraphs():
    text = 'He said "unclosed here.\n\nNext paragraph is narration.'
    mask = helpers.quote_mask(text)
    assert mask[text.index("unclosed")]
    assert not mask[text.index("Next")]


def test_sentences_table_columns(seeds):
    assert list(seeds.sentences.columns[:4]) == ["doc_id", "sent_id", "text", "speech"]
    assert set(seeds.sentences["speech"]) == {"quote", "narration", "mixed"}


def test_one_detector_gives_the_mask_and_the_quotes(seeds):
    """quote_mask and quoted_spans read the same passages: every quoted span lies inside
    the mask, and what the mask adds outside the spans is marks, spaces and commas."""
    import random

    from helpers.quotes import quoted_spans
    from helpers.sentences import quote_mask

    rng = random.Random(0)
    texts = list(seeds.clean["text"]) + [
        "".join(rng.choice('ab "\n\n"é,') for _ in range(rng.randint(0, 40)))
        for _ in range(2000)]
    for text in texts:
        mask = quote_mask(text)
        assert len(mask) == len(text)
        covered = [False] * len(text)
        for s, e, quote, _closed in quoted_spans(text):
            assert all(mask[s:e]) and text[s:e] == quote, repr(text)
            covered[s:e] = [True] * (e - s)
        extra = {text[i] for i in range(len(text)) if mask[i] and not covered[i]}
        assert extra <= {'"', " ", ",", "\n"}, repr(text)


def test_quote_mask_cases():
    from helpers.sentences import quote_mask

    def inside(text: str) -> str:
        return "".join(c if m else "_" for c, m in zip(text, quote_mask(text), strict=True))

    assert inside('He said "no" today.') == '________"no"_______'
    # a stray closing mark opens nothing; an opening mark inside a quote starts anew
    assert inside('Word" then "a "b" c') == '___________"a "b"__'
