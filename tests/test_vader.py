"""The fast VADER gives NLTK's scores exactly, token for token."""

from __future__ import annotations

import pandas as pd
import pytest
from nltk.sentiment.vader import SentiText

from helpers import paths, vader_analyzer
from helpers.vader import FastSentiText

EDGE_CASES = [
    "", "!", "!!", "a", "Wow!!! This is GREAT!?!", "(cat) ,cat cat, 'cat' \"cat\"",
    "He called it “short-sighted.”", "It was kind of bad... not good!!!!",
    "-- the deal -- was 'colonial' ; really?", ":-) :D <3 :( good.", "no,punct,inside",
    "Ukraine's minerals aren't for sale!", "…and then?!?", "#BAD #good @user",
    "The deal is not fair, but it's better than nothing.", "...", "?!?! ok",
    # repeated tokens: NLTK scores each at its first index ("kind" first before "of")
    "kind of bad, kind good, not good, very good, good good GOOD good, never good",
    "Good. Not good at all. Very bad, bad, bad: but good, kind of good, kind.",
]


@pytest.fixture(scope="module")
def texts(seeds):
    sentences = seeds.sentences["text"].tolist()
    readme = pd.read_csv(paths.PROJECT_ROOT / "tests" / "data" / "vader_readme_examples.csv")
    articles = seeds.clean["text"].tolist()  # long texts: many repeated tokens
    return sentences + articles + readme.iloc[:, 0].astype(str).tolist() + EDGE_CASES


def test_tokens_match_nltk(texts):
    analyzer = vader_analyzer()
    consts = analyzer.constants
    for text in texts:
        stock = SentiText(text, consts.PUNC_LIST, consts.REGEX_REMOVE_PUNCTUATION)
        fast = FastSentiText(text, consts.PUNC_LIST, consts.REGEX_REMOVE_PUNCTUATION)
        assert fast.words_and_emoticons == stock.words_and_emoticons, text
        assert fast.is_cap_diff == stock.is_cap_diff, text


def test_scores_match_nltk(texts):
    assert len(texts) > 150
    fast, stock = vader_analyzer(), vader_analyzer(fast=False)
    assert type(fast) is not type(stock)
    for text in texts:
        assert fast.polarity_scores(text) == stock.polarity_scores(text), text
