"""Copying versus shared facts: who derives from whom, and what is only the same news.

Two outlets that report one event share facts, names and often the same quotation; that
is not copying. :mod:`helpers.lineage` aligns each sentence of B with its best source
sentence in A; this module classes every aligned pair and gives each ordered pair of
articles a verdict with its evidence.

Each aligned sentence pair (a row of the ``reuse`` table) has a ``relation``:

* ``copied``: verbatim or near-verbatim (word 3-shingle containment ≥
  :data:`helpers.lineage.NEAR_VERBATIM`) with at least :data:`MIN_SHARED` shared
  3-shingles outside quotation marks (``shared_narration``): the reporter's own words, or
  a quotation's frame, are the source's. A short sentence inside a long one ("Brexit
  Secretary David Davis said.") is not enough;
* ``rewritten``: reworded, but in a *run* with a copied sentence: aligned sentences of B
  whose sources follow one another in A's order (B's sentences at most
  :data:`RUN_GAP_B` apart, A's sources moving forward by 1 to :data:`RUN_GAP_A`). A
  rewrite keeps its source's sequence and some of its words; two reports of one event
  often keep the same order (the inverted pyramid) but not the words, so a run without
  a copied sentence is no evidence;
* ``same facts``: similar content outside such a run: two reports of one event;
* ``quote``: the shared words are mostly quotation (``in_quote``) outside such a run:
  everyone repeating a speaker's words copies nobody. A quotation whose frame was copied
  too is ``copied``.

Each ordered pair (A, B) gets, in the ``reuse_summary`` table:

* ``narration_b`` (B's sentences that are not all quotation), ``copied_b``,
  ``rewritten_b`` (of those, copied or rewritten from A), ``same_facts_b``,
  ``shared_quotes_b`` (B's sentences in the other classes), ``share_matched``
  (``(copied_b + rewritten_b) / narration_b``: B's narration that A's text also has,
  whoever came first), ``runs`` and ``longest_run`` (runs with a copied sentence, and the
  longest in sentences), ``longest_shared_words`` (the longest word sequence B shares
  with A, in the pair's most-contained sentence);
* ``direction``: ``a→b`` or ``b→a`` when the metadata say which came first (an earlier
  ``date``, or one article's ``relation`` is ``original`` and the other's is not), else
  ``unknown``; ``direction_evidence`` names it;
* ``verdict``: ``derived`` (B derives from A, or both carry the same wire story:
  ``share_matched`` ≥ :data:`DERIVED_SHARE` with at least :data:`MIN_COPIED` copied
  sentences, and A not known to be later), ``source`` (the same evidence, but A is known
  to be later: A derives from B), ``shares quotes only`` (shared quotations and no
  derived narration), ``independent`` otherwise (it may still report ``same_facts_b``
  sentences of the same event);
* ``share_derived``: ``share_matched`` where the verdict is ``derived``, else 0: the part
  of B's narration that is A's text.

The thresholds were checked on 96 hand-labelled pairs of the outside news corpus
(``benchmarks/copying_pairs.csv``, ``make eval-copying``, the README): precision and
recall of ``derived`` are reported there. Similarity alone never proves who copied whom;
``direction=unknown`` says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from . import paths

RELATIONS = np.array(["copied", "rewritten", "same facts", "quote"], dtype=object)
RUN_MIN = 2
RUN_GAP_B = 3
RUN_GAP_A = 4
DERIVED_SHARE = 0.3
MIN_COPIED = 2
# a copied sentence shares at least this many word 3-shingles with its source outside
# quotation marks (ten words in a row, or more in pieces)
MIN_SHARED = 8
COPYING_COLUMNS = ["narration_b", "copied_b", "rewritten_b", "same_facts_b",
                   "shared_quotes_b", "share_matched", "runs", "longest_run",
                   "longest_shared_words", "direction", "direction_evidence", "verdict",
                   "share_derived"]
_WORD = re.compile(r"[a-z0-9]+")


def classify_rows(doc_a: np.ndarray, doc_b: np.ndarray, sent_a: np.ndarray,
                  sent_b: np.ndarray, copied: np.ndarray, in_quote: np.ndarray,
                  verbatim: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(relation code, run length)`` of each aligned row (codes index :data:`RELATIONS`).

    ``doc_a`` and ``doc_b`` are integer codes of the articles; ``copied`` says whether a
    row is verbatim or near-verbatim with at least :data:`MIN_SHARED` shared word
    3-shingles *outside* quotation marks (the reporter's own words, or the frame of a
    quotation, were copied); ``in_quote`` whether the shared words are mostly quotation.
    A run is a chain of a pair's rows in B's order where each row's B sentence is at most
    :data:`RUN_GAP_B` after the previous one and its source 1 to :data:`RUN_GAP_A` after
    the previous source; it counts when it holds a copied row and at least one other: its
    reworded rows are ``rewritten`` and its quotations were taken with their frames. A
    quotation outside such a run is only the same words quoted (``quote``);
    reworded rows outside are ``same facts``. A ``verbatim`` row (the same words, quotation
    or not) inside a run is ``copied``, not ``rewritten``: the sentence was taken whole
    with the run around it. One sort and array operations, no loop.
    """
    run_length = _run_lengths(doc_a, doc_b, sent_a, sent_b, copied)
    in_run = run_length > 0
    taken = copied if verbatim is None else copied | (in_run & verbatim)
    relation = np.where(taken, 0, np.where(in_run, 1, np.where(in_quote, 3, 2)))
    return relation.astype(np.int64), run_length


def _run_lengths(doc_a: np.ndarray, doc_b: np.ndarray, sent_a: np.ndarray,
                 sent_b: np.ndarray, copied: np.ndarray) -> np.ndarray:
    """The length of the run of each row (0 outside a run that counts). Rows are sorted by
    pair, then B's sentence (see :func:`classify_rows`); a run counts when it has at least
    :data:`RUN_MIN` rows and a copied one."""
    n = len(doc_a)
    run_length = np.zeros(n, dtype=np.int64)
    if not n:
        return run_length
    order = np.lexsort((sent_b, doc_b, doc_a))
    a, b = doc_a[order], doc_b[order]
    sa, sb = sent_a[order].astype(np.int64), sent_b[order].astype(np.int64)
    new_pair = np.ones(n, dtype=bool)
    new_pair[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    step_b, step_a = np.diff(sb, prepend=0), np.diff(sa, prepend=0)
    continues = ~new_pair & (step_b > 0) & (step_b <= RUN_GAP_B) & (step_a > 0) & (
        step_a <= RUN_GAP_A)
    run_id = np.cumsum(~continues) - 1
    size = np.bincount(run_id)
    anchored = np.bincount(run_id, weights=copied[order].astype(float)) > 0
    counts = (size >= RUN_MIN) & anchored
    run_length[order] = np.where(counts[run_id], size[run_id], 0)
    return run_length


def longest_shared_words(a: str, b: str) -> int:
    """The length, in words, of the longest word sequence that ``a`` and ``b`` share."""
    wa, wb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not wa or not wb:
        return 0
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return len(short)  # one is a run of the other's words (a copy): no search needed
    at: dict[str, list[int]] = {}
    for i, w in enumerate(wa):
        at.setdefault(w, []).append(i)
    best = 0
    previous: dict[int, int] = {}
    for w in wb:
        current = {i: previous.get(i - 1, 0) + 1 for i in at.get(w, ())}
        if current:
            best = max(best, max(current.values()))
        previous = current
    return best


def direction(doc_a: str, doc_b: str, dates: dict[str, str], relations: dict[str, str]
              ) -> tuple[str, str]:
    """``(direction, evidence)`` for the pair: ``a→b`` when A came first, ``b→a`` when B
    did, ``unknown`` when nothing says. Earlier dates decide first, then metadata that
    marks one article ``original`` and the other not."""
    da, db = str(dates.get(doc_a) or ""), str(dates.get(doc_b) or "")
    if da and db and da != db:
        return ("a→b", "date") if da < db else ("b→a", "date")
    ra, rb = relations.get(doc_a) == "original", relations.get(doc_b) == "original"
    if ra != rb:
        return ("a→b", "metadata") if ra else ("b→a", "metadata")
    return "unknown", ""


def verdicts(summary: pd.DataFrame) -> pd.Series:
    """The verdict of each ordered pair of a summary with :data:`COPYING_COLUMNS`."""
    evidence = (summary["share_matched"] >= DERIVED_SHARE) & (
        summary["copied_b"] >= MIN_COPIED)
    out = np.where(summary["shared_quotes_b"] > 0, "shares quotes only", "independent")
    out = np.where(evidence & (summary["direction"] == "b→a"), "source", out)
    out = np.where(evidence & (summary["direction"] != "b→a"), "derived", out)
    return pd.Series(out, index=summary.index, dtype=object)


def add_copying(summary: pd.DataFrame, reuse: pd.DataFrame, relation: np.ndarray,
                run_length: np.ndarray, b_narration: np.ndarray, sentences: pd.DataFrame,
                texts: Callable[[np.ndarray], tuple[Sequence[str], Sequence[str]]],
                corpus: pd.DataFrame) -> pd.DataFrame:
    """``summary`` (:func:`helpers.lineage.reuse_summary`) with :data:`COPYING_COLUMNS`.

    ``reuse`` holds the aligned rows (``doc_a``, ``doc_b``, ``sent_b``, ``containment``),
    ``relation`` and ``run_length`` come from :func:`classify_rows`, ``b_narration`` says
    whether each row's sentence of B has words outside quotation marks (only those count
    as copied or rewritten narration); ``texts(rows)`` gives the two sentences of the
    given rows (asked only for each pair's most-contained row); ``corpus`` may hold
    ``date`` and ``relation`` columns. Pairs are aggregated on integer codes in one sort.
    """
    narration = sentences[sentences["speech"] != "quote"].groupby("doc_id").size()
    code_a, names_a = pd.factorize(reuse["doc_a"])
    code_b, names_b = pd.factorize(reuse["doc_b"])
    containment = reuse["containment"].to_numpy()
    order = np.lexsort((-containment, code_b, code_a))  # best row first in each pair
    a, b = code_a[order], code_b[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    pair = np.cumsum(first) - 1
    n_pairs = int(pair[-1]) + 1 if len(pair) else 0

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(pair, weights=mask[order].astype(float),
                           minlength=n_pairs).astype(np.int64)

    lengths = run_length[order]
    runs = np.bincount(pair, weights=np.where(lengths > 0, 1.0 / np.maximum(lengths, 1), 0.0),
                       minlength=n_pairs)
    best = order[first]
    text_a, text_b = texts(best)
    table = pd.DataFrame({
        "doc_a": names_a[a[first]], "doc_b": names_b[b[first]],
        "copied_b": count((relation == 0) & b_narration),
        "rewritten_b": count((relation == 1) & b_narration),
        "same_facts_b": count(relation == 2), "shared_quotes_b": count(relation == 3),
        "runs": np.rint(runs).astype(np.int64),
        "longest_run": np.maximum.reduceat(lengths, np.flatnonzero(first))
        if n_pairs else np.zeros(0, np.int64),
        "longest_shared_words": [longest_shared_words(str(x), str(y))
                                 for x, y in zip(text_a, text_b, strict=True)]})
    out = summary.merge(table, on=["doc_a", "doc_b"], how="left")
    for col in ["copied_b", "rewritten_b", "same_facts_b", "shared_quotes_b", "runs",
                "longest_run", "longest_shared_words"]:
        out[col] = out[col].fillna(0).astype("int64")
    out["narration_b"] = out["doc_b"].map(narration).fillna(0).astype("int64")
    out["share_matched"] = ((out["copied_b"] + out["rewritten_b"])
                            / out["narration_b"].clip(lower=1)).round(4)
    dates = dict(zip(corpus["doc_id"], corpus["date"], strict=True)) if "date" in corpus \
        else {}
    kinds = dict(zip(corpus["doc_id"], corpus["relation"], strict=True)) \
        if "relation" in corpus else {}
    found = [direction(x, y, dates, kinds) for x, y in zip(out["doc_a"], out["doc_b"],
                                                          strict=True)]
    out["direction"] = [d for d, _ in found]
    out["direction_evidence"] = [e for _, e in found]
    out["verdict"] = verdicts(out)
    out["share_derived"] = np.where(out["verdict"] == "derived", out["share_matched"], 0.0)
    return out


def score_pairs(summary: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of the ``derived`` verdict against hand-labelled pairs.

    ``labels`` has ``doc_a``, ``doc_b`` and ``label`` (``derived``: the two articles carry
    the same written story, or one takes at least two narration sentences from the other;
    ``independent``: otherwise) and may have ``sample``. A pair counts as found when
    either of its ordered pairs is ``derived`` or ``source``. Returns one row per sample
    (and ``all``) with ``tp, fp, fn, tn``, ``precision``, ``recall`` and their 95 %
    Wilson intervals.
    """
    from .quote_eval import wilson

    flagged = summary.loc[summary["verdict"].isin(["derived", "source"]), ["doc_a", "doc_b"]]
    found = {tuple(sorted(k)) for k in zip(flagged["doc_a"], flagged["doc_b"], strict=True)}
    table = labels.assign(
        predicted=[tuple(sorted(k)) in found for k in zip(labels["doc_a"], labels["doc_b"],
                                                          strict=True)],
        gold=labels["label"].eq("derived"))
    if "sample" not in table:
        table["sample"] = "all"
    groups = [(s, g) for s, g in table.groupby("sample", sort=True)]
    if len(groups) > 1:
        groups.append(("all", table))
    rows = []
    for name, g in groups:
        tp = int((g["predicted"] & g["gold"]).sum())
        fp = int((g["predicted"] & ~g["gold"]).sum())
        fn = int((~g["predicted"] & g["gold"]).sum())
        tn = int((~g["predicted"] & ~g["gold"]).sum())
        p_low, p_high = wilson(tp, tp + fp)
        r_low, r_high = wilson(tp, tp + fn)
        rows.append({"sample": name, "pairs": len(g), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
                     "precision": round(tp / max(tp + fp, 1), 3), "precision_low": round(p_low, 3),
                     "precision_high": round(p_high, 3), "recall": round(tp / max(tp + fn, 1), 3),
                     "recall_low": round(r_low, 3), "recall_high": round(r_high, 3)})
    return pd.DataFrame(rows)


def measured_copying() -> pd.DataFrame:
    """The scores of :func:`score_pairs` on the outside news corpus, as recorded by
    ``make eval-copying`` (``src/helpers/data/copying_eval.csv``)."""
    path = paths.PACKAGE_DATA / "copying_eval.csv"
    return pd.read_csv(str(path))
