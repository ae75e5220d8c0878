"""Property tests (hypothesis): the cleaning audit's round trip through its CSV file, the
loader on arbitrary bytes and names, quote extraction and edit mapping on arbitrary text.

A few dozen examples each in ``make test`` (a few seconds); ``HYPOTHESIS_EXAMPLES=2000
make test`` searches harder.
"""

from __future__ import annotations

import os
import string

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers.cleaning import load_rules
from helpers.corpus import CorpusError, read_corpus
from helpers.edits import add_edit, add_edits, apply_edits
from helpers.io import read_user_table, write_table
from helpers.quotes import extract_quotes

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
RULES = load_rules()

# news-like text with the characters that trip parsers: line endings of every kind,
# quotation marks, dashes, formula starts, non-ASCII letters and spaces
NEWSY = st.lists(st.sampled_from(
    list(string.ascii_letters[:12] + " .,;:!?'\"-=+@")
    + ["\n", "\r", "\r\n", "\t", "“", "”", "‘", "’", "—", "–", "é", "ß", "ﬁ", "\u00a0",
       "\u200b", "Said ", " said ", "Zelenskyy", "Mr. ", "0 Comments", "Recent News"]),
    max_size=120).map("".join)


@SETTINGS
@given(raw=NEWSY.filter(lambda t: t.strip()))
def test_the_cleaning_audit_replays_from_its_csv_file(raw, tmp_path_factory):
    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["a"], "text": [raw], "n_words": [0]})
    clean, audit = helpers.clean_corpus(corpus, RULES)
    path = write_table(audit, tmp_path_factory.mktemp("audit") / "cleaning_audit.csv")
    back = read_user_table(path, ValueError)
    if len(back):
        back = back.astype({"start": "int64", "end": "int64"})
        assert back["original"].tolist() == audit["original"].tolist()
        assert back["replacement"].tolist() == audit["replacement"].tolist()
    assert helpers.replay_audit(raw, back) == clean["text"].iloc[0]


NAMES = st.text(alphabet=string.ascii_letters + string.digits + " _-.éü", min_size=1,
                max_size=20).filter(lambda n: n.strip(" .") and not n.startswith("."))


@SETTINGS
@given(files=st.dictionaries(NAMES, st.binary(max_size=200), min_size=1, max_size=4))
def test_the_loader_loads_or_names_the_problem_for_any_bytes(files, tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for name, data in files.items():
        (root / f"{name}.txt").write_bytes(data)
    try:
        strict = read_corpus(root)
    except CorpusError as err:
        assert str(root) in str(err)
        strict = None
    try:
        load = read_corpus(root, on_error="skip")
    except CorpusError as err:  # only when no article at all could be loaded
        assert "no article could be loaded" in str(err)
        return
    assert len(load.articles) + len(load.skipped) == len(files)
    assert load.articles["text"].map(lambda t: bool(t.strip())).all()
    if strict is not None:
        assert strict.articles["doc_id"].tolist() == load.articles["doc_id"].tolist()


@SETTINGS
@given(text=NEWSY)
def test_quote_extraction_never_fails_and_stays_inside_the_text(text):
    clean = pd.DataFrame({"doc_id": ["a"], "outlet": ["a"], "text": [text]})
    quotes = extract_quotes(clean)
    for row in quotes.itertuples(index=False):
        assert 0 <= row.start < row.end <= len(text)
        assert row.quote.strip()


def _one_by_one(raw, edits, current, changes):
    for start, end, replacement, rule in sorted(changes, key=lambda c: (c[0], c[1]),
                                                reverse=True):
        if current[start:end] != replacement:
            edits = add_edit(raw, edits, current, start, end, replacement, rule)
            current = current[:start] + replacement + current[end:]
    return edits, current


@st.composite
def _rounds(draw):
    raw = draw(st.text(alphabet="ab c", max_size=16))
    rounds = []
    length = len(raw)
    for r in range(draw(st.integers(1, 3))):
        points = sorted(draw(st.lists(st.integers(0, length), max_size=6, unique=True)))
        changes, i = [], 0
        while i < len(points):
            a = points[i]
            b = points[i + 1] if i + 1 < len(points) and draw(st.booleans()) else a
            rep = draw(st.sampled_from(["", "X", "YY", " "]))
            changes.append((a, b, rep, f"r{r}"))
            i += 2 if b != a else 1
        rounds.append(changes)
        length += sum(len(rep) - (b - a) for a, b, rep, _r in changes)
    return raw, rounds


@settings(max_examples=EXAMPLES * 25, deadline=None, derandomize=True)
@given(case=_rounds())
def test_add_edits_equals_adding_the_changes_one_by_one(case):
    raw, rounds = case
    fast = slow = ([], raw)
    for changes in rounds:
        current = slow[1]
        changes = [c for c in changes if c[1] <= len(current)]
        slow = _one_by_one(raw, *slow, changes)
        fast = add_edits(raw, *fast, changes)
        assert fast == slow
        assert apply_edits(raw, fast[0]) == fast[1]


@settings(max_examples=EXAMPLES * 25, deadline=None, derandomize=True)
@given(case=_rounds())
def test_coarse_edits_give_the_same_text_and_an_exact_audit(case, monkeypatch_module):
    import helpers.edits as edits_module

    raw, rounds = case
    monkeypatch_module.setattr(edits_module, "MAX_TANGLED", -1)  # always one coarse edit
    coarse = slow = ([], raw)
    for changes in rounds:
        changes = [c for c in changes if c[1] <= len(slow[1])]
        slow = _one_by_one(raw, *slow, changes)
        coarse = add_edits(raw, *coarse, changes)
        assert coarse[1] == slow[1]
        assert apply_edits(raw, coarse[0]) == coarse[1]
        assert all(x.end <= y.start for x, y in zip(coarse[0], coarse[0][1:], strict=False))
