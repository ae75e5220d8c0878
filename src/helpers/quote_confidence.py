"""How sure each attribution is: confidences measured on outside news, and the scores.

``attribution_confidence.csv`` (written by ``make train-attribution``) holds, for each
attribution rule and kind of speaker phrase, how often it named the right speaker on the
PolNeAR training split, shrunk towards the rule's and all rules' rates.
``attribution_eval.csv`` (written by ``make eval-polnear``) holds the scores on PolNeAR's
development split. Both are numbers only.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import paths

# at or below this confidence an attribution is shown as uncertain in tables and figures
LOW_CONFIDENCE = 0.6

# a pronoun whose best antecedent holds less than this share of the ranker's probability
# is a "pronoun_weak" attribution, with a confidence of its own
WEAK_PRONOUN = 0.6


# "it said" for an organisation or a document: about 3 in 5 of 25 such attributions read
# on make outside-corpus were right (PolNeAR's gold keys one "it" in its training split,
# too few for a fit)
IT_CONFIDENCE = 0.6


# an attribution right less often than this on outside news is withheld: the quote is
# ``unresolved`` with an empty speaker, and ``speaker_mention`` keeps the candidate
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def confidence_table() -> dict[tuple[str, str], float]:
    """``(rule, phrase kind) -> confidence``: the share of right speakers by that rule on
    the PolNeAR training split, shipped as numbers only (``attribution_confidence.csv``)."""
    path = paths.PACKAGE_DATA / "attribution_confidence.csv"
    table = pd.read_csv(str(path))
    return {(r.rule, r.kind): float(r.confidence) for r in table.itertuples(index=False)}


def mention_kind(kind: str, pronoun_confidence: float | None = None, word: str = "") -> str:
    """The kind of speaker phrase for the confidence table: ``name``, ``description``,
    ``pronoun``, ``pronoun_weak`` (an antecedent the ranker is unsure of) or ``pronoun_it``
    (``it said``: an organisation or a document, :data:`IT_CONFIDENCE`)."""
    if kind == "pronoun" and word.lower() == "it":
        return "pronoun_it"
    if kind == "pronoun" and pronoun_confidence is not None and pronoun_confidence < WEAK_PRONOUN:
        return "pronoun_weak"
    return kind


def withhold_if_unsure(record: dict, floor: float) -> None:
    if record["rule"] and not record["unresolved"] and record["confidence"] < floor:
        record.update(speaker="", person="", side="unknown", sourcing="unresolved",
                      unresolved=True)


def rule_confidence(rule: str, kind: str) -> float:
    known = confidence_table()
    if kind == "pronoun_it":
        return IT_CONFIDENCE  # PolNeAR keys almost no "it": the outside corpus's measurement
    value = known.get((rule, kind), known.get((rule, "any"), known.get(("default", "any"), 0.5)))
    return round(value, 2)


def measured_accuracy() -> pd.DataFrame:
    """The attribution scores measured on outside news (``make eval-polnear``): one row
    per measure with ``right``, ``n``, ``score`` and its 95 % interval. The gold is
    PolNeAR's development split, never used to build or tune the rules."""
    path = paths.PACKAGE_DATA / "attribution_eval.csv"
    return pd.read_csv(str(path))


def attribution_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per attribution rule of a quotes table: quotes, how many got a speaker, how many
    are withheld or unresolved, and the mean confidence of the attributed ones (the
    rule's measured accuracy on outside news). Rules in order of use."""
    if table.empty:
        return pd.DataFrame(columns=["rule", "quotes", "attributed", "unresolved",
                                     "mean_confidence"])
    rule = table["rule"].replace("", "(no cue)")
    out = (table.assign(rule=rule, attributed=~table["unresolved"])
           .groupby("rule", sort=False)
           .agg(quotes=("quote_id", "size"), attributed=("attributed", "sum"),
                unresolved=("unresolved", "sum")))
    given = table[~table["unresolved"]].assign(rule=rule)
    out["mean_confidence"] = given.groupby("rule")["confidence"].mean().round(2)
    return (out.reset_index().sort_values(["quotes", "rule"], ascending=[False, True])
            .astype({"attributed": "int64", "unresolved": "int64"}).reset_index(drop=True))
