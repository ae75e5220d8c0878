"""Cleaning with an audit trail: boilerplate rules, typography, names, white space.

The rules are data: ``helpers/data/cleaning_rules.csv`` holds each rule's
``name``, ``stage``, ``pattern`` (a Python regular expression), ``replacement``
(a regex template: ``\\n`` and group references work) and ``description``.
A corpus folder may add its own ``cleaning_rules.csv`` with the same columns;
its rules run after the built-in rules of the same stage.

Stages run in this order: ``layout`` (line endings), ``boilerplate``,
``typography`` (then Unicode NFKC), ``names`` (the actors table), ``whitespace``.
Every change is an :class:`~helpers.edits.Edit` in raw-text offsets, so
``apply_edits(raw, audit)`` gives the clean text back exactly.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .edits import Edit, add_edits, apply_edits
from .io import read_user_table
from .names import empty_actors, name_changes
from .regex_filter import may_match, required_strings
from .runs import run_bounds

STAGES = ("layout", "boilerplate", "typography", "names", "whitespace")
RULE_COLUMNS = ["name", "stage", "pattern", "replacement", "description"]
AUDIT_COLUMNS = ["doc_id", "rule", "original", "replacement", "start", "end"]
RULES_FILE = "cleaning_rules.csv"
BUILTIN_RULES = paths.PACKAGE_DATA / RULES_FILE
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACE = re.compile(r"\s")
MAX_CHARS = 200_000  # an article's text is analysed up to here (see _clean)


class RulesError(ValueError):
    """A malformed cleaning-rules table; the message names the file and the rule."""


def read_rules(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a cleaning-rules CSV; every pattern must compile and every
    replacement template expand.

    A user's rules (any file but the built-in one) must be RE2 patterns, which run in
    linear time (:mod:`helpers.patterns`); the built-in rules are Python ``re``."""
    from .patterns import check_template, user_regex

    path = Path(path)
    builtin = path.resolve() == BUILTIN_RULES.resolve()
    rules = read_user_table(path, RulesError, RULE_COLUMNS)
    for i, row in rules.iterrows():
        where = f"{path}: line {int(i) + 2} (rule '{row['name']}')"
        if not row["name"]:
            raise RulesError(f"{path}: line {int(i) + 2}: empty rule name")
        if row["stage"] not in STAGES or row["stage"] == "names":
            raise RulesError(f"{where}: stage '{row['stage']}' is not one of "
                             f"{[s for s in STAGES if s != 'names']}")
        if builtin:
            try:
                compiled = re.compile(row["pattern"])
            except re.error as err:
                raise RulesError(f"{where}: pattern does not compile ({err})") from None
        else:
            compiled = user_regex(row["pattern"], where, RulesError)
        if _matches_empty(compiled):
            raise RulesError(f"{where}: pattern matches the empty string")
        check_template(row["replacement"], compiled.groups, dict(compiled.groupindex),
                       where, RulesError)
    dup = rules["name"][rules["name"].duplicated()]
    if len(dup):
        raise RulesError(f"{path}: duplicate rule name(s) {sorted(set(dup))}")
    return rules[RULE_COLUMNS].reset_index(drop=True)


def _matches_empty(compiled) -> bool:
    """Whether the pattern matches the empty string as a whole."""
    found = compiled.search("")
    return found is not None and found.end() == 0


def load_rules(folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The built-in rules, plus ``cleaning_rules.csv`` from the corpus ``folder`` if present."""
    rules = read_rules(BUILTIN_RULES)
    if folder is not None:
        extra_path = paths.corpus_dir(folder) / RULES_FILE
        if extra_path.is_file():
            extra = read_rules(extra_path)
            clash = sorted(set(extra["name"]) & set(rules["name"]))
            if clash:
                raise RulesError(f"{extra_path}: rule name(s) {clash} already built in")
            rules = pd.concat([rules, extra], ignore_index=True)
    order = {stage: i for i, stage in enumerate(STAGES)}
    return rules.sort_values("stage", key=lambda s: s.map(order), kind="stable").reset_index(
        drop=True
    )


def _compile(rules: pd.DataFrame) -> list[tuple[str, str, re.Pattern[str], str,
                                                 frozenset[str] | None]]:
    """Each rule compiled, with the strings a text needs for it to match at all. The
    built-in rules are Python ``re``; any other rule runs on RE2, in linear time."""
    from .patterns import LinearRegex

    shipped = _builtin_patterns()
    return [(r.stage, r.name,
             re.compile(r.pattern) if (r.name, r.pattern) in shipped
             else LinearRegex(r.pattern), r.replacement,
             required_strings(r.pattern)) for r in rules.itertuples(index=False)]


@lru_cache(maxsize=1)
def _builtin_patterns() -> frozenset[tuple[str, str]]:
    rules = read_rules(BUILTIN_RULES)
    return frozenset(zip(rules["name"], rules["pattern"], strict=True))


def _regex_changes(text: str, name: str, regex: re.Pattern[str], template: str):
    if "\\" not in template:  # a plain replacement: no group to expand
        return [(m.start(), m.end(), template, name) for m in regex.finditer(text)]
    return [(m.start(), m.end(), m.expand(template), name) for m in regex.finditer(text)]


def _nfkc_changes(text: str) -> list[tuple[int, int, str, str]]:
    changes = []
    for start, end in _non_ascii_tokens(text):
        token = text[start:end]
        normal = unicodedata.normalize("NFKC", token)
        if normal != token:
            changes.append((start, end, normal, "unicode_nfkc"))
    return changes


def _non_ascii_tokens(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each whitespace-delimited token holding a non-ASCII character,
    in order: what ``re.finditer(r"\\S*[^\\x00-\\x7f]\\S*", text)`` finds, in time linear in
    the text (that expression takes time in proportion to a long token's length
    squared)."""
    pos = 0
    while True:
        hit = _NON_ASCII.search(text, pos)
        if hit is None:
            return
        start = hit.start()
        while start > pos and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, hit.end())
        end = space.start() if space else len(text)
        yield start, end
        pos = end


def clean_text(
    raw: str,
    rules: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> tuple[str, list[Edit]]:
    """Clean one text. Returns ``(clean, edits)``; ``apply_edits(raw, edits) == clean``."""
    compiled = _compile(load_rules() if rules is None else rules)
    return _clean(raw, compiled, empty_actors() if actors is None else actors)


def _clean(raw: str, compiled, actors: pd.DataFrame) -> tuple[str, list[Edit]]:
    edits: list[Edit] = []
    current = raw
    if len(raw) > MAX_CHARS:  # a bound on every later stage's time for one article
        edits, current = add_edits(raw, edits, current,
                                   [(MAX_CHARS, len(raw), "", "length_limit")])
    for stage in STAGES:
        if stage == "names":
            edits, current = add_edits(raw, edits, current, name_changes(current, actors))
            continue
        for rule_stage, name, regex, template, required in compiled:
            if rule_stage == stage and may_match(required, current):
                changes = _regex_changes(current, name, regex, template)
                edits, current = add_edits(raw, edits, current, changes)
        if stage == "typography":
            edits, current = add_edits(raw, edits, current, _nfkc_changes(current))
    return current, edits


class _CleanChunk:
    """Picklable worker: clean a chunk of raw texts with fixed rules and actors (and, with
    ``detect``, add each clean text's :func:`helpers.languages.detect_language`)."""

    def __init__(self, rules: pd.DataFrame, actors: pd.DataFrame | None,
                 detect: bool = False):
        self.rules, self.detect = rules, detect
        self.actors = empty_actors() if actors is None else actors

    def __call__(self, texts):
        compiled = _compile(self.rules)
        done = [_clean(t, compiled, self.actors) for t in texts]
        if not self.detect:
            return done
        from .languages import detect_language

        return [(clean, edits, detect_language(clean)) for clean, edits in done]


def clean_corpus(
    corpus: pd.DataFrame,
    rules: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    jobs: int | None = None,
    languages: bool = False,
) -> tuple[pd.DataFrame, ...]:
    """Clean every article of a corpus table (from :func:`helpers.load_corpus`).

    Returns ``(clean, audit)``:

    * ``clean``: the corpus table with ``text`` replaced by the clean text and
      ``n_words`` recounted (the raw table is not modified);
    * ``audit``: one row per change, columns ``doc_id, rule, original,
      replacement, start, end`` (offsets in the raw text), sorted.

    With ``languages=True`` a third table comes back: each article's language
    (:func:`helpers.languages.language_table` of ``clean``), detected in the same pass.

    Large corpora are cleaned in ``jobs`` processes (default: all cores); the result is
    identical to a single-process run.
    """
    from .corpus import count_words
    from .engine.compute import map_chunks

    rules = load_rules() if rules is None else rules
    results = map_chunks(_CleanChunk(rules, actors, detect=languages), list(corpus["text"]),
                         jobs=jobs, desc="clean")
    texts, rows = [], []
    for doc_id, raw, (clean, edits, *_found) in zip(corpus["doc_id"], corpus["text"],
                                                    results, strict=True):
        texts.append(clean)
        rows += [(doc_id, e.rule, raw[e.start:e.end], e.replacement, e.start, e.end)
                 for e in edits]
    clean_table = corpus.copy()
    clean_table["text"] = texts
    clean_table["n_words"] = clean_table["text"].map(count_words).astype("int64")
    audit = pd.DataFrame(rows, columns=AUDIT_COLUMNS).astype({"start": "int64", "end": "int64"})
    audit = audit.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    if languages:
        from .languages import languages_from

        return clean_table, audit, languages_from(clean_table, [r[2] for r in results])
    return clean_table, audit


def replay_audit(raw: str, audit: pd.DataFrame) -> str:
    """Rebuild the clean text from the raw text and one article's audit rows."""
    return _replay(raw, *(audit[c].tolist() for c in _REPLAY_COLUMNS))


_REPLAY_COLUMNS = ["start", "end", "replacement", "rule", "original"]


def _replay(raw: str, starts: list, ends: list, replacements: list, rules: list,
            originals: list) -> str:
    """:func:`replay_audit` on one article's audit columns, as lists."""
    edits = [Edit(int(a), int(b), str(r), str(u))
             for a, b, r, u in zip(starts, ends, replacements, rules, strict=True)]
    for edit, original in zip(edits, originals, strict=True):
        if raw[edit.start:edit.end] != original:
            raise ValueError(f"audit row at {edit.start}: raw text is not {original!r}")
    return apply_edits(raw, edits)


def rule_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Per rule: how many changes, characters removed and characters added."""
    table = audit.assign(
        chars_removed=audit["original"].str.len(),
        chars_added=audit["replacement"].str.len(),
    )
    summary = table.groupby("rule", sort=True).agg(
        changes=("rule", "size"),
        articles=("doc_id", "nunique"),
        chars_removed=("chars_removed", "sum"),
        chars_added=("chars_added", "sum"),
    )
    summary["net_chars"] = summary["chars_added"] - summary["chars_removed"]
    return summary.reset_index().sort_values(["chars_removed", "rule"], ascending=[False, True],
                                             kind="stable").reset_index(drop=True)


def audit_examples(corpus: pd.DataFrame, audit: pd.DataFrame, per_rule: int = 1,
                   width: int = 40) -> pd.DataFrame:
    """Before/after snippets for the first ``per_rule`` changes of each rule.

    Columns ``rule, doc_id, start, before, after``: the raw text around the change,
    and the same window with the change applied (``⏎`` marks a line break).
    """
    raw = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    rows = []
    for rule, group in audit.groupby("rule", sort=True):
        for r in group.head(per_rule).itertuples(index=False):
            text = raw[r.doc_id]
            left, right = text[max(r.start - width, 0):r.start], text[r.end:r.end + width]
            rows.append({
                "rule": rule, "doc_id": r.doc_id, "start": r.start,
                "before": (left + "【" + r.original + "】" + right).replace("\n", "⏎"),
                "after": (left + "【" + r.replacement + "】" + right).replace("\n", "⏎"),
            })
    return pd.DataFrame(rows, columns=["rule", "doc_id", "start", "before", "after"])


def replay_matches(corpus: pd.DataFrame, audit: pd.DataFrame, clean: pd.DataFrame) -> pd.Series:
    """Per article (``doc_id`` index): whether replaying its audit rows on the raw text
    gives its clean text exactly. Each article's rows are found once (grouped), not by
    scanning the whole audit per article."""
    ordered = audit.sort_values("doc_id", kind="stable")  # each article's rows in order
    docs = ordered["doc_id"].to_numpy()
    columns = [ordered[c].tolist() for c in _REPLAY_COLUMNS]
    firsts, ends = run_bounds(docs)
    bounds = dict(zip(docs[firsts], zip(firsts, ends, strict=True), strict=True))
    cleaned = dict(zip(clean["doc_id"], clean["text"], strict=True))
    matches = []
    for d, raw in zip(corpus["doc_id"], corpus["text"], strict=True):
        a, b = bounds.get(d, (0, 0))
        matches.append(_replay(raw, *(c[a:b] for c in columns)) == cleaned[d])
    return pd.Series(matches, index=pd.Index(corpus["doc_id"], name="doc_id"), dtype=bool)
