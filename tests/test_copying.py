"""Copying versus shared facts: the seeds' verdicts, and the rules on invented articles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import copying, open_corpus

from .conftest import AP, KYIV, REUTERS, REWRITE


@pytest.fixture(scope="module")
def summary(seeds):
    return seeds.reuse_summary.set_index(["doc_a", "doc_b"])


def test_the_rewrite_is_derived_from_ap_and_nothing_else_is(summary):
    derived = summary[summary["verdict"] == "derived"]
    assert list(derived.index) == [(AP, REWRITE)]
    assert derived.loc[(AP, REWRITE), "share_derived"] >= 0.55
    assert derived.loc[(AP, REWRITE), "direction_evidence"] == "metadata"
    # the other direction is the same text, but AP is the original: AP is its source
    assert summary.loc[(REWRITE, AP), "verdict"] == "source"
    others = summary.drop(index=[(AP, REWRITE)])
    assert (others["share_derived"] < 0.15).all()
    assert (others.drop(index=[(REWRITE, AP)])["share_matched"] < 0.15).all()


def test_a_quote_carried_by_two_outlets_is_a_shared_quote_not_copying(summary, seeds):
    pair = summary.loc[(KYIV, REUTERS)]
    assert pair["verdict"] == "shares quotes only"
    assert pair["shared_quotes_b"] >= 1 and pair["copied_b"] == 0
    rows = seeds.reuse[(seeds.reuse["doc_a"] == KYIV) & (seeds.reuse["doc_b"] == REUTERS)]
    assert "quote" in set(rows["relation"])
    assert not set(rows["relation"]) & {"copied", "rewritten"}


def test_same_event_reports_are_same_facts(seeds):
    # 003 reports what 002 reports, in other words: its aligned sentences are same facts
    rows = seeds.reuse[(seeds.reuse["doc_a"] == KYIV) & (seeds.reuse["doc_b"] == REUTERS)]
    assert (rows["relation"] == "same facts").sum() >= 2


def test_the_rewrite_keeps_ap_order_in_runs(summary):
    pair = summary.loc[(AP, REWRITE)]
    assert pair["longest_run"] >= 8 and pair["runs"] >= 1
    assert pair["longest_shared_words"] >= 20


def test_runs_follow_the_source_order():
    # B's sentences 0..4 take A's 0, 1, 3, then jump back to 0 and 1: two runs, each
    # counting because it holds a copied row
    one = np.zeros(5, int)
    copied = np.array([True, False, False, True, False])
    _, length = copying.classify_rows(one, one + 1, np.array([0, 1, 3, 0, 1]),
                                      np.arange(5), copied, np.zeros(5, bool))
    assert list(length) == [3, 3, 3, 2, 2]
    # a gap of more than RUN_GAP_B sentences in B ends a run: two rows alone count for none
    _, length = copying.classify_rows(one[:2], one[:2] + 1, np.array([0, 1]),
                                      np.array([0, 1 + copying.RUN_GAP_B + 1]),
                                      np.array([True, False]), np.zeros(2, bool))
    assert list(length) == [0, 0]


def test_rows_are_classed_by_copied_words_and_runs():
    docs_a, docs_b = np.zeros(5, int), np.ones(5, int)
    sent_a, sent_b = np.array([0, 1, 2, 7, 20]), np.array([0, 1, 2, 8, 9])
    copied = np.array([False, True, False, False, False])
    in_quote = np.array([False, False, True, False, True])
    relation, length = copying.classify_rows(docs_a, docs_b, sent_a, sent_b, copied,
                                             in_quote)
    assert list(copying.RELATIONS[relation]) == ["rewritten", "copied", "rewritten",
                                                 "same facts", "quote"]
    assert list(length) == [3, 3, 3, 0, 0]
    # a verbatim quotation with its frame inside the run was taken whole: copied; the
    # same verbatim quotation outside a run is only the same words quoted
    verbatim = np.array([False, False, True, False, True])
    relation, _ = copying.classify_rows(docs_a, docs_b, sent_a, sent_b, copied, in_quote,
                                        verbatim)
    assert list(copying.RELATIONS[relation]) == ["rewritten", "copied", "copied",
                                                 "same facts", "quote"]
    # the same order without a copied sentence is no evidence of copying
    relation, _ = copying.classify_rows(docs_a, docs_b, sent_a, sent_b,
                                        np.zeros(5, bool), in_quote)
    assert list(copying.RELATIONS[relation]) == ["same facts", "same facts", "quote",
                                                 "same facts", "quote"]


def test_longest_shared_words():
    assert copying.longest_shared_words(
        "The proposal was presented by Bessent during his visit to Kyiv on Wednesday.",
        "Bessent delivered a draft during a visit to Kyiv on Feb. 12.") == 4
    assert copying.longest_shared_words("", "anything") == 0


def test_direction_comes_from_dates_then_metadata():
    dates = {"a": "2025-02-15", "b": "2025-02-16", "c": ""}
    kinds = {"a": "", "b": "original", "c": "rewrite"}
    assert copying.direction("a", "b", dates, kinds) == ("a→b", "date")
    assert copying.direction("b", "c", dates, kinds) == ("a→b", "metadata")
    assert copying.direction("c", "b", dates, kinds) == ("b→a", "metadata")
    assert copying.direction("a", "c", dates, {}) == ("unknown", "")


WIRE = [
    "Officials in the port city said on Tuesday that the new bridge over the river would "
    "open to traffic in the spring after three years of delays and rising costs.",
    "The regional transport minister told reporters that the final inspection of the steel "
    "frame had found no faults and that the paint work would be finished by March.",
    "Construction began in 2021 and was first expected to end in late 2023, but a shortage "
    "of steel and a dispute with the main contractor pushed the date back twice.",
    "The bridge will carry four lanes of traffic and a separate path for cyclists and "
    "walkers, linking the old town with the growing suburbs on the northern bank.",
]
REPORT = [
    "A bridge that has kept drivers waiting since 2021 is finally nearly ready, according "
    "to city officials, who now promise cars will use it from spring.",
    "Inspectors checked the steel structure and found nothing wrong, the minister said, "
    "adding that painters should be done in March.",
    "Work was supposed to be over by the end of 2023; missing steel and a row with the "
    "builder delayed it two times.",
    "Cyclists and people on foot get their own path next to the four traffic lanes, "
    "joining the historic centre to the northern suburbs.",
]


def test_a_wire_copy_is_derived_and_a_same_event_report_is_not(write_corpus, tmp_path):
    folder = write_corpus({
        "wire.txt": "\n\n".join(WIRE),
        "copy.txt": "\n\n".join([*WIRE[:3], "Local shops hope the bridge brings more "
                                              "customers to the old town."]),
        "report.txt": "\n\n".join(REPORT),
    })
    run = open_corpus(folder, store=tmp_path / "store")
    table = run.reuse_summary.set_index(["doc_a", "doc_b"])
    assert table.loc[("wire", "copy"), "verdict"] == "derived"
    assert table.loc[("wire", "copy"), "direction"] == "unknown"  # no dates: honest
    assert table.loc[("wire", "copy"), "share_derived"] >= 0.7
    assert table.loc[("wire", "report"), "verdict"] == "independent"
    assert table.loc[("wire", "report"), "share_derived"] == 0
    assert table.loc[("wire", "report"), "copied_b"] == 0


def test_scores_of_labelled_pairs():
    summary = pd.DataFrame({"doc_a": ["a", "b", "c", "e"], "doc_b": ["b", "a", "d", "f"],
                            "verdict": ["derived", "source", "independent", "derived"]})
    labels = pd.DataFrame({"doc_a": ["b", "c", "e", "g"], "doc_b": ["a", "d", "f", "h"],
                           "label": ["derived", "derived", "independent", "independent"]})
    row = copying.score_pairs(summary, labels).iloc[0]
    assert (row["tp"], row["fp"], row["fn"], row["tn"]) == (1, 1, 1, 1)
    assert row["precision"] == 0.5 and row["recall"] == 0.5


def test_the_recorded_outside_scores_are_shipped():
    table = copying.measured_copying()
    assert set(table["sample"]) == {"first", "held-out", "all"}
    assert (table["pairs"] > 0).all()
