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
