"""Tokens for analysis: lower-case words, a named stop-word list, optional stemming.

The stop-word list is scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words, from the
Glasgow Information Retrieval Group), so TF-IDF and keyness use the same list.
Stemming uses NLTK's Snowball ("Porter2") English stemmer, which needs no data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

STOP_WORDS_NAME = "scikit-learn ENGLISH_STOP_WORDS (Glasgow IR group, 318 words)"
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)
TOKEN_PATTERN = r"(?:[a-z]\.){2,}|[a-z0-9]+(?:[-'][a-z0-9]+)*%?|\$[0-9]+(?:\.[0-9]+)?"
_TOKEN = re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """The Snowball (Porter2) English stem of ``word`` (memoised: news reuses its words)."""
    return _stemmer().stem(word)


def tokenize(
    text: str,
    *,
    stop_words: Iterable[str] | None = STOP_WORDS,
    stemming: bool = False,
    keep_possessive: bool = False,
) -> list[str]:
    """Lower-case word tokens of ``text``.

    Hyphenated words stay whole (``short-sighted``), percentages keep their sign
    (``50%``) and dollar amounts their ``$``. A possessive ``'s`` is dropped
    unless ``keep_possessive``. ``stop_words=None`` keeps every word.
    """
    stops = frozenset(stop_words) if stop_words is not None else frozenset()
    out = []
    for token in _TOKEN.findall(text.lower().replace("’", "'")):
        if not keep_possessive and token.endswith("'s"):
            token = token[:-2]
        if token in stops or not token:
            continue
        out.append(stem(token) if stemming else token)
    return out
