"""The explorer's tables: quotations, aligned sentence pairs and frame evidence, read from
a run's stored tables, filtered, sorted and paged (never rendered whole)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .search import PAGE_SIZE

QUOTE_COLUMNS = ["doc_id", "outlet", "quote", "speaker", "side", "sourcing", "kind",
                 "confidence", "unresolved", "rule", "start", "end"]
LEDGER_COLUMNS = ["statement_id", "statement", "group_kind", "n_articles", "doc_id", "outlet",
                  "quote", "relation", "kind", "speaker", "side", "sourcing"]
PAIR_COLUMNS = ["sent_b", "text_b", "sent_a", "text_a", "relation", "kind", "score",
                "in_quote"]
EVIDENCE_COLUMNS = ["doc_id", "outlet", "sent_id", "pattern", "left", "match", "right",
                    "speech", "speaker", "side"]
GENERIC = "generic: "


def page_of(table: pd.DataFrame, *, equals: dict[str, str] | None = None,
            contains: dict[str, str] | None = None, sort: str | None = None,
            descending: bool = False, page: int = 0,
            page_size: int = PAGE_SIZE) -> tuple[pd.DataFrame, int, int]:
    """Rows of ``table`` whose columns equal ``equals`` and contain ``contains`` (case
    ignored; empty values are no filter), sorted by ``sort`` (stable, ties in table
    order); returns ``(page, matching rows, pages)``."""
    keep = np.ones(len(table), dtype=bool)
    for col, value in (equals or {}).items():
        if value not in (None, ""):
            keep &= (table[col].astype(str) == str(value)).to_numpy()
    for col, value in (contains or {}).items():
        if value not in (None, ""):
            keep &= table[col].astype(str).str.contains(value, case=False, regex=False
                                                        ).to_numpy()
    rows = table[keep]
    if sort:
        rows = rows.sort_values(sort, ascending=not descending, kind="stable")
    pages = max(1, -(-len(rows) // page_size))
    page = min(max(page, 0), pages - 1)
    return rows.iloc[page * page_size:(page + 1) * page_size], len(rows), pages


def quotations(run) -> pd.DataFrame:
    """The quotations table with each article's outlet (:data:`QUOTE_COLUMNS`)."""
    quotes = run.table("quotes", columns=[c for c in QUOTE_COLUMNS if c != "outlet"])
    outlet = run.table("clean", columns=["doc_id", "outlet"]).set_index("doc_id")["outlet"]
    return quotes.assign(outlet=quotes["doc_id"].map(outlet))[QUOTE_COLUMNS]


def ledger(run) -> pd.DataFrame:
    """The quote ledger: each statement with the articles that carry it."""
    return run.table("quote_ledger", columns=LEDGER_COLUMNS)


def similarity_cells(run, limit: int = 40) -> pd.DataFrame | None:
    """Article × article cosine similarity for a corpus of at most ``limit`` articles
    (from the stored nearest neighbours), else ``None``: a grid to click is only readable
    for a handful of articles; larger corpora pick pairs from :func:`top_pairs`."""
    clean = run.table("clean", columns=["doc_id"])
    if len(clean) > limit:
        return None
    near = run.table("neighbours")
    grid = near.pivot_table(index="doc_id", columns="neighbour_id", values="cosine")
    ids = list(clean["doc_id"])
    return grid.reindex(index=ids, columns=ids)


def top_pairs(run, n: int = 200) -> pd.DataFrame:
    """The ``n`` ordered pairs that share the most: derived first, then by share of B's
    narration matched (``doc_a, doc_b, verdict, share_derived, share_matched``)."""
    summary = run.table("reuse_summary", columns=["doc_a", "doc_b", "verdict",
                                                   "share_derived", "share_matched"])
    return summary.sort_values(["share_derived", "share_matched", "doc_a", "doc_b"],
                               ascending=[False, False, True, True]).head(n).reset_index(
                                   drop=True)


def aligned_pair(run, doc_a: str, doc_b: str) -> tuple[pd.Series | None, pd.DataFrame]:
    """The verdict on ``doc_b`` against ``doc_a`` (a row of ``reuse_summary``, or
    ``None`` when they share nothing) and their aligned sentences in B's order
    (:data:`PAIR_COLUMNS`)."""
    pair = [("doc_a", "==", doc_a), ("doc_b", "==", doc_b)]
    summary = run.table("reuse_summary", filters=pair)
    aligned = run.table("reuse", columns=PAIR_COLUMNS + ["doc_a", "doc_b"], filters=pair)
    aligned = aligned.sort_values(["sent_b", "sent_a"], kind="stable")[PAIR_COLUMNS]
    return (summary.iloc[0] if len(summary) else None), aligned.reset_index(drop=True)


class PairIndex:
    """Every aligned sentence pair of the run in memory as integer codes, sorted by
    (B, A): a pair's rows are one binary search away, and their texts come from the
    sentence index, so the ``reuse`` table's text columns are never read.

    On 100,000 articles (5 million aligned rows) it takes about 150 MB and opens in a
    couple of seconds, once; a pair then shows in milliseconds, where filtering the
    stored table takes more than a second per click.
    """

    COLUMNS = ["doc_a", "sent_a", "doc_b", "sent_b", "relation", "kind", "score", "in_quote"]
    SUMMARY = ["doc_a", "doc_b", "verdict", "share_derived", "runs", "longest_shared_words",
               "direction"]

    def __init__(self, run, index):
        from .search import _encode

        self.index = index
        table = run.arrow("reuse", self.COLUMNS)
        a = index._positions(table["doc_a"])
        b = index._positions(table["doc_b"])
        n = max(len(index.articles), 1)
        key = b * n + a
        order = np.argsort(key, kind="stable")
        self.key = key[order]
        self.n = n
        self.sent_a = table["sent_a"].to_numpy()[order].astype(np.int32)
        self.sent_b = table["sent_b"].to_numpy()[order].astype(np.int32)
        self.a, self.b = a[order].astype(np.int32), b[order].astype(np.int32)
        self.columns = {}
        for col in ("relation", "kind"):
            coded = _encode(table[col])
            self.columns[col] = (coded.indices.to_numpy(zero_copy_only=False)[order],
                                 np.array(coded.dictionary.to_pylist(), dtype=object))
        self.score = table["score"].to_numpy()[order].astype(np.float32)
        self.in_quote = table["in_quote"].to_numpy(zero_copy_only=False)[order].astype(bool)
        summary = run.table("reuse_summary", columns=self.SUMMARY)
        self.summary = summary.set_index(["doc_a", "doc_b"]).sort_index()

    def pair(self, doc_a: str, doc_b: str) -> tuple[pd.Series | None, pd.DataFrame]:
        """As :func:`aligned_pair`, from memory."""
        ix = self.index
        pa_, pb = ix.doc_pos.get(doc_a), ix.doc_pos.get(doc_b)
        if pa_ is None or pb is None:
            return None, pd.DataFrame(columns=PAIR_COLUMNS)
        k = pb * self.n + pa_
        lo, hi = np.searchsorted(self.key, k), np.searchsorted(self.key, k, side="right")
        rows = np.arange(lo, hi)
        rows = rows[np.lexsort((self.sent_a[rows], self.sent_b[rows]))]
        row_a = ix.first_row[self.a[rows]] + self.sent_a[rows]
        row_b = ix.first_row[self.b[rows]] + self.sent_b[rows]
        text = ix.text
        aligned = pd.DataFrame({
            "sent_b": self.sent_b[rows].astype(np.int64),
            "text_b": [text[int(r)].as_py() for r in row_b],
            "sent_a": self.sent_a[rows].astype(np.int64),
            "text_a": [text[int(r)].as_py() for r in row_a],
            **{col: labels[codes[rows]] for col, (codes, labels) in self.columns.items()},
            "score": self.score[rows].astype(np.float64),
            "in_quote": self.in_quote[rows]}, columns=PAIR_COLUMNS)
        try:
            summary = self.summary.loc[(doc_a, doc_b)]
        except KeyError:
            summary = None
        return summary, aligned


def frame_grid(run) -> pd.DataFrame:
    """Hits per outlet (rows) and frame (columns): the story codebook's frames, then the
    generic frames prefixed ``generic: ``."""
    parts = []
    for table, prefix in (("frames", ""), ("generic_frames", GENERIC)):
        f = run.table(table, columns=["outlet", "frame", "hits"])
        parts.append(f.assign(frame=prefix + f["frame"].astype(str)))
    both = pd.concat(parts, ignore_index=True)
    order = list(dict.fromkeys(both["frame"]))
    return both.pivot_table(index="outlet", columns="frame", values="hits", aggfunc="sum",
                            fill_value=0).reindex(columns=order).astype("int64")


def frame_evidence(run, frame: str, outlet: str | None = None) -> pd.DataFrame:
    """The KWIC evidence of ``frame`` (``generic: …`` for a generic frame), in ``outlet``
    when given: which pattern matched what, where, in whose voice
    (:data:`EVIDENCE_COLUMNS`)."""
    table, name = (("generic_frame_hits", frame[len(GENERIC):]) if frame.startswith(GENERIC)
                   else ("frame_hits", frame))
    hits = run.table(table, columns=[c for c in EVIDENCE_COLUMNS if c != "outlet"] + ["frame"],
                     filters=[("frame", "==", name)])
    outlets = run.table("clean", columns=["doc_id", "outlet"]).set_index("doc_id")["outlet"]
    hits = hits.assign(outlet=hits["doc_id"].map(outlets))
    if outlet:
        hits = hits[hits["outlet"] == outlet]
    return hits[EVIDENCE_COLUMNS].reset_index(drop=True)
