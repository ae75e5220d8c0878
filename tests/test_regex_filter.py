"""Required strings: a text the filter rules out never matches the expression."""

from __future__ import annotations

import random
import re

import pytest

from helpers.cleaning import load_rules
from helpers.regex_filter import may_match, required_strings


@pytest.mark.parametrize(("pattern", "expected"), [
    ("[ \\t]*[–—―][ \\t]*", {"–", "—", "―"}),
    ("(?m)^\\d+[ \\t]+Comments?$", {"Comment"}),
    ("Also Read|Read More", {"Also Read", "Read More"}),
    ("(ab|cd)+e?", {"ab", "cd"}),
    ("a(?i:b)c", {"a"}),
    ("(?i)abc", None), ("[^x]+", None), ("x{0,3}", None), ("\\s+\\Z", None),
    ("(?=abc)", None), ("a|\\d", None),
])
def test_required_strings(pattern, expected):
    found = required_strings(pattern)
    assert (None if found is None else set(found)) == expected


def test_rules_never_skip_a_text_they_match(seeds):
    rng = random.Random(1)
    pieces = ["Also Read | x", "0 Comments", "a – b", "''ok''", "(Image: Pexels) |", "…",
              "word\u00a0word", "line\nwrapped", "x ,", "date 2025-02-16 ", "\r\n", "  "]
    texts = list(seeds.corpus["text"]) + ["".join(rng.sample(pieces, 4)) for _ in range(300)]
    for rule in load_rules().itertuples():
        regex, required = re.compile(rule.pattern), required_strings(rule.pattern)
        for text in texts:
            if regex.search(text):
                assert may_match(required, text), (rule.name, text[:80])
