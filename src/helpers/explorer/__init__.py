"""The interactive explorer: linked views over a run's stored tables (never recomputing).

``Explorer(helpers.open_corpus(CORPUS)).widget`` is what notebook 09 shows: a concordance
(KWIC by sentence or word window, filtered by outlet, voice, speaker, side and frame),
"who copied whom" (aligned sentences of any two articles), the quotations and quote
ledger, and the frame evidence behind each frame × outlet count. The search and table
logic (:mod:`.search`, :mod:`.tables`, :mod:`.text`) has no widget in it, so it is tested
directly; :mod:`.views` only lays out ipywidgets.
"""

from .search import (
    HIT_COLUMNS,
    MODES,
    Matches,
    SearchError,
    SearchResult,
    SentenceIndex,
    query_pattern,
)
from .tables import aligned_pair, frame_evidence, frame_grid, page_of, quotations
from .text import mark, raw_spans, shared_spans

__all__ = ["HIT_COLUMNS", "MODES", "Matches", "SearchError", "SearchResult", "SentenceIndex",
           "aligned_pair", "frame_evidence", "frame_grid", "mark", "page_of", "query_pattern",
           "quotations", "raw_spans", "shared_spans"]
