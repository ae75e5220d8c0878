"""Concordance search over a run's stored sentences: KWIC by sentence or by word window.

:class:`SentenceIndex` reads the stored ``sentences`` table once (as Arrow strings) and
lays out, per sentence, integer codes for what the explorer filters on: outlet, voice
(narration, quote or mixed), speaker, the speaker's side and the frames hit in the
sentence. Nothing is recomputed from the text: the codes come from the ``clean``,
``sentiment``, ``quotes``, ``frame_hits`` and ``generic_frame_hits`` tables.

A search filters with those codes first, then scans the remaining sentences: a word or
phrase query first for its longest word as a plain substring (fast), then with RE2
(``pyarrow.compute.match_substring_regex``, linear time, no catastrophic backtracking)
over what is left, on all cores. It counts the matching sentences per outlet and builds
only the requested page of hits. On 100,000 articles (1.5 million sentences) a search
takes a tenth to a few tenths of a second; ``make bench`` measures it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .text import raw_spans

MODES = ("word", "phrase", "regex")
UNITS = ("sentence", "window")
VOICES = ("narration", "quote", "mixed")
PAGE_SIZE = 20
# one row per hit on the page: where it is, who speaks, and the text around it
HIT_COLUMNS = ["doc_id", "outlet", "sent_id", "position", "voice", "speaker", "side",
               "frames", "left", "match", "right", "clean", "raw"]
COUNT_COLUMNS = ["outlet", "sentences", "articles", "per_1000_sentences"]


class SearchError(ValueError):
    """A query that cannot be searched (empty, or an invalid regular expression)."""


def query_pattern(query: str, mode: str = "phrase") -> str:
    """The regular expression that ``query`` stands for in ``mode``.

    ``word``: one whole word (``colonial`` does not match ``colonialism``); ``phrase``:
    the words in order, whole, with any spacing between them; ``regex``: the query as it
    is (RE2 syntax: no look-behind, no back-references). Case is ignored in every mode.
    """
    if mode not in MODES:
        raise SearchError(f"mode must be one of {MODES}, not {mode!r}")
    query = query.strip()
    if not query:
        raise SearchError("the query is empty")
    if mode == "regex":
        try:
            re.compile(query)
        except re.error as err:
            raise SearchError(f"invalid regular expression {query!r}: {err}") from err
        return query
    words = query.split()
    if mode == "word" and len(words) > 1:
        raise SearchError(f"{query!r} is several words: use the phrase mode")
    inner = r"\s+".join(re.escape(w) for w in words)
    left = r"\b" if re.match(r"\w", words[0]) else ""
    right = r"\b" if re.search(r"\w$", words[-1]) else ""
    return f"{left}{inner}{right}"


@dataclass
class SearchResult:
    """One page of a search, with the totals over every match.

    ``hits`` has :data:`HIT_COLUMNS`; ``counts`` has :data:`COUNT_COLUMNS` (every outlet
    of the corpus, zero where nothing matched); ``sentences`` and ``articles`` count all
    matches, not just this page; ``seconds`` is the time the search took.
    """

    query: str
    pattern: str
    hits: pd.DataFrame
    counts: pd.DataFrame
    sentences: int
    articles: int
    page: int
    pages: int
    seconds: float


@dataclass
class Matches:
    """The sentence rows matching a query (corpus order) and their counts per outlet."""

    query: str
    pattern: str
    rows: np.ndarray
    counts: pd.DataFrame
    articles: int
    seconds: float

    def pages(self, page_size: int = PAGE_SIZE) -> int:
        return max(1, -(-len(self.rows) // page_size))


def _codes(values: pa.ChunkedArray | pd.Series) -> tuple[np.ndarray, list[str]]:
    """Dictionary codes of ``values`` (labels sorted) and the labels."""
    series = values.to_pandas() if not isinstance(values, pd.Series) else values
    cat = pd.Categorical(series.fillna(""))
    return cat.codes.astype(np.int32), [str(c) for c in cat.categories]


def _encode(values: pa.ChunkedArray) -> pa.DictionaryArray:
    """``values`` as strings (nulls as ``""``), dictionary-encoded; an empty column of a
    small corpus may come back from Parquet with the null type."""
    strings = pc.fill_null(pc.cast(values, pa.large_string()), "")
    return pc.dictionary_encode(strings).combine_chunks()


def _longest_word(query: str) -> str:
    """The longest word of a word or phrase query: every match contains it."""
    return max(query.split(), key=len, default="")


SCAN_SLICE = 200_000  # sentences per thread of a scan


def _scan(texts: pa.Array, kernel, **options) -> np.ndarray:
    """Positions in ``texts`` where the Arrow ``kernel`` is true, scanned in slices on
    threads (Arrow's string kernels release the GIL: the cores share a large scan)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    n = len(texts)
    starts = range(0, n, SCAN_SLICE)
    if n <= SCAN_SLICE:
        return np.flatnonzero(kernel(texts, **options).to_numpy(zero_copy_only=False))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        parts = list(pool.map(lambda a: kernel(texts.slice(a, SCAN_SLICE), **options)
                              .to_numpy(zero_copy_only=False), starts))
    return np.flatnonzero(np.concatenate(parts))


def _holds(sorted_rows: np.ndarray, row: int) -> bool:
    i = int(np.searchsorted(sorted_rows, row))
    return i < len(sorted_rows) and sorted_rows[i] == row


class SentenceIndex:
    """The per-sentence codes of a run, for filtering and searching (see module doc)."""

    def __init__(self, run):
        self.run = run
        sent = run.arrow("sentences", ["doc_id", "sent_id", "text", "speech", "start", "end"])
        clean = run.table("clean", columns=["doc_id", "outlet", "headline", "date"])
        self.articles = clean.reset_index(drop=True)
        self.doc_pos = {d: i for i, d in enumerate(self.articles["doc_id"])}
        self._doc_ids = pa.array(self.articles["doc_id"], type=pa.large_string())
        self.doc = self._positions(sent["doc_id"])
        self.sent_id = sent["sent_id"].to_numpy()
        self.start = sent["start"].to_numpy()
        self.end = sent["end"].to_numpy()
        self.text = sent["text"].combine_chunks()
        self.voice, self.voices = _codes(sent["speech"])
        self.outlet_of_doc, self.outlets = _codes(self.articles["outlet"])
        self.outlet = self.outlet_of_doc[self.doc]
        # sentences are stored article by article, in order: a sentence's neighbours are
        # the rows around it, and the first row of each article locates any (doc, sent_id)
        order = np.lexsort((self.start, self.doc))
        if not np.array_equal(order, np.arange(len(order))):
            raise ValueError("the sentences table is not in article order")
        self.first_row = np.searchsorted(self.doc, np.arange(len(self.articles)))
        self.doc_end = np.searchsorted(self.doc, np.arange(len(self.articles)), side="right")
        self._speakers()
        self._frames()
        self._raw: dict[str, object] = {}

    # codes ----------------------------------------------------------------------------
    def _positions(self, doc_ids) -> np.ndarray:
        """The position in :attr:`articles` of each of ``doc_ids`` (``-1`` if unknown)."""
        ids = pa.array(doc_ids) if not isinstance(doc_ids, (pa.Array, pa.ChunkedArray)) \
            else doc_ids
        found = pc.index_in(pc.cast(ids, pa.large_string()), value_set=self._doc_ids)
        return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)

    def rows_of(self, doc_ids, sent_ids) -> np.ndarray:
        """The row of each ``(doc_id, sent_id)`` (``-1`` where unknown); Arrow arrays or
        pandas Series."""
        doc = self._positions(doc_ids)
        sent = np.asarray(sent_ids, dtype=np.int64)
        rows = np.where(doc >= 0, self.first_row[doc.clip(0)] + sent, -1)
        ok = (rows >= 0) & (rows < len(self.doc))
        ok[ok] &= (self.doc[rows[ok]] == doc[ok]) & (self.sent_id[rows[ok]] == sent[ok])
        return np.where(ok, rows, -1)

    def _speakers(self) -> None:
        senti = self.run.arrow("sentiment", ["doc_id", "sent_id", "speaker"])
        rows = self.rows_of(senti["doc_id"], senti["sent_id"].to_numpy())
        coded = _encode(senti["speaker"])
        # sorted labels with "" (no speaker) first, as code 0: the default of every row
        rank, self.speakers = _codes(pd.Series(["", *coded.dictionary.to_pylist()]))
        self.speaker = np.zeros(len(self.doc), dtype=np.int32)
        codes = rank[1:][coded.indices.to_numpy(zero_copy_only=False)]
        self.speaker[rows[rows >= 0]] = codes[rows >= 0]
        quotes = self.run.table("quotes", columns=["speaker", "side"])
        quotes = quotes[quotes["speaker"] != ""]
        side_of = (quotes.groupby("speaker")["side"]
                   .agg(lambda s: s.value_counts().sort_index().idxmax()) if len(quotes)
                   else pd.Series(dtype=object))
        sides = pd.Series(self.speakers).map(side_of).fillna("").replace("", "unknown")
        sides[pd.Series(self.speakers) == ""] = ""
        self.side_of_speaker, self.sides = _codes(sides)
        self.side = self.side_of_speaker[self.speaker]

    def _frames(self) -> None:
        frames: dict[str, np.ndarray] = {}
        for table, prefix in (("frame_hits", ""), ("generic_frame_hits", "generic: ")):
            hits = self.run.arrow(table, ["doc_id", "sent_id", "frame"])
            rows = self.rows_of(hits["doc_id"], hits["sent_id"].to_numpy())
            coded = _encode(hits["frame"])
            codes = coded.indices.to_numpy(zero_copy_only=False)
            for i, frame in enumerate(coded.dictionary.to_pylist()):
                picked = rows[(codes == i) & (rows >= 0)]
                frames[prefix + str(frame)] = np.unique(picked)
        self.frame_rows = frames
        self.frames = sorted(frames)

    # filters and search ---------------------------------------------------------------
    def mask(self, outlets: list[str] | None = None, voice: str | None = None,
             speaker: str | None = None, side: str | None = None,
             frame: str | None = None) -> np.ndarray | None:
        """The sentences that pass the filters (``None``: no filter, every sentence).

        ``speaker`` keeps sentences whose speaker contains it (case ignored); the others
        must equal a label of :attr:`outlets`, :attr:`voices`, :attr:`sides`, :attr:`frames`.
        """
        mask = None

        def both(m: np.ndarray) -> np.ndarray:
            return m if mask is None else mask & m

        if outlets:
            codes = [self.outlets.index(o) for o in outlets if o in self.outlets]
            mask = both(np.isin(self.outlet, codes))
        if voice:
            mask = both(self.voice == (self.voices.index(voice) if voice in self.voices
                                       else -1))
        if side:
            mask = both(self.side == (self.sides.index(side) if side in self.sides else -1))
        if speaker:
            wanted = [i for i, s in enumerate(self.speakers) if speaker.lower() in s.lower()]
            mask = both(np.isin(self.speaker, wanted))
        if frame:
            m = np.zeros(len(self.doc), dtype=bool)
            m[self.frame_rows.get(frame, np.array([], dtype=np.int64))] = True
            mask = both(m)
        return mask

    def find(self, query: str, mode: str = "phrase", **filters) -> Matches:
        """Every sentence that matches ``query`` (see :func:`query_pattern`) among those
        that pass ``filters`` (see :meth:`mask`), in corpus order, with counts per
        outlet. Paging or a new window width reuses this: see :meth:`page`."""
        started = time.perf_counter()
        pattern = query_pattern(query, mode)
        mask = self.mask(**filters)
        rows = np.arange(len(self.doc)) if mask is None else np.flatnonzero(mask)
        literal = _longest_word(query) if mode != "regex" else ""
        if literal:  # a fast substring scan first; the pattern checks what it keeps
            texts = self.text if mask is None else self.text.take(pa.array(rows))
            rows = rows[_scan(texts, pc.match_substring, pattern=literal, ignore_case=True)]
        texts = self.text if len(rows) == len(self.text) else self.text.take(pa.array(rows))
        try:
            matched = rows[_scan(texts, pc.match_substring_regex, pattern=pattern,
                                 ignore_case=True)]
        except pa.ArrowInvalid as err:
            raise SearchError(f"RE2 cannot search {query!r}: {err}") from err
        return Matches(query, pattern, matched, self._counts(matched),
                       int(len(np.unique(self.doc[matched]))), time.perf_counter() - started)

    def page(self, matches: Matches, page: int = 0, *, unit: str = "sentence",
             width: int = 8, page_size: int = PAGE_SIZE) -> pd.DataFrame:
        """Page ``page`` of ``matches`` as hits (:data:`HIT_COLUMNS`).

        ``unit="sentence"``: one row per matching sentence, ``left``/``right`` the rest
        of the sentence; ``unit="window"``: one row per match, ``width`` words each side,
        reaching across sentence boundaries (marked ``¶``) within the article.
        """
        if unit not in UNITS:
            raise SearchError(f"unit must be one of {UNITS}, not {unit!r}")
        page = min(max(page, 0), matches.pages(page_size) - 1)
        on_page = matches.rows[page * page_size:(page + 1) * page_size]
        return self._page(on_page, re.compile(matches.pattern, re.IGNORECASE), unit, width)

    def search(self, query: str, mode: str = "phrase", *, unit: str = "sentence",
               width: int = 8, page: int = 0, page_size: int = PAGE_SIZE,
               **filters) -> SearchResult:
        """:meth:`find` then :meth:`page`: page ``page`` of the hits of ``query``."""
        started = time.perf_counter()
        matches = self.find(query, mode, **filters)
        hits = self.page(matches, page, unit=unit, width=width, page_size=page_size)
        pages = matches.pages(page_size)
        return SearchResult(query, matches.pattern, hits, matches.counts, len(matches.rows),
                            matches.articles, min(max(page, 0), pages - 1), pages,
                            time.perf_counter() - started)

    def _counts(self, matched: np.ndarray) -> pd.DataFrame:
        n = len(self.outlets)
        sentences = np.bincount(self.outlet[matched], minlength=n)
        docs = np.unique(self.doc[matched])
        articles = np.bincount(self.outlet_of_doc[docs], minlength=n)
        total = np.bincount(self.outlet, minlength=n)
        per = np.round(1000 * sentences / np.maximum(total, 1), 2)
        return pd.DataFrame({"outlet": self.outlets, "sentences": sentences,
                             "articles": articles, "per_1000_sentences": per},
                            columns=COUNT_COLUMNS)

    def sentence_frames(self, row: int) -> str:
        """The frames hit in sentence ``row``, joined by ``; ``."""
        return "; ".join(f for f in self.frames if _holds(self.frame_rows[f], row))

    def _page(self, rows: np.ndarray, regex: re.Pattern[str], unit: str,
              width: int) -> pd.DataFrame:
        out = []
        raws = self.raw_sentences(rows)
        for row, raw in zip(rows.tolist(), raws, strict=True):
            text = self.text[row].as_py()
            matches = list(regex.finditer(text)) or [None]
            if unit == "sentence":
                matches = matches[:1]
            for m in matches:
                if m is None:  # RE2 and Python disagree on this sentence: show it whole
                    left, hit, right = text, "", ""
                elif unit == "sentence":
                    left, hit, right = text[:m.start()], m.group(), text[m.end():]
                else:
                    left, hit, right = self._window(row, text, m, width)
                doc = int(self.doc[row])
                out.append((self.articles["doc_id"].iat[doc], self.outlets[self.outlet[row]],
                            int(self.sent_id[row]), f"{self.sent_id[row] + 1}/"
                            f"{self.doc_end[doc] - self.first_row[doc]}",
                            self.voices[self.voice[row]], self.speakers[self.speaker[row]],
                            self.sides[self.side[row]], self.sentence_frames(row),
                            left, hit, right, text, raw))
        return pd.DataFrame(out, columns=HIT_COLUMNS)

    def _window(self, row: int, text: str, m: re.Match[str],
                width: int) -> tuple[str, str, str]:
        """``width`` words each side of ``m``, reaching into the article's neighbouring
        sentences when the sentence runs out."""
        doc = self.doc[row]
        before = text[:m.start()].split()
        after = text[m.end():].split()
        r = row - 1
        while len(before) < width and r >= self.first_row[doc]:
            before = self.text[r].as_py().split() + ["¶"] + before
            r -= 1
        r = row + 1
        while len(after) < width and r < self.doc_end[doc]:
            after = after + ["¶"] + self.text[r].as_py().split()
            r += 1
        left = " ".join(before[-width:]) if width else ""
        right = " ".join(after[:width]) if width else ""
        return left, m.group(), right

    def raw_sentences(self, rows: np.ndarray) -> list[str]:
        """The raw (uncleaned) text of each sentence ``rows``, found through the cleaning
        audit (:func:`helpers.explorer.text.raw_spans`)."""
        if not len(rows):
            return []
        docs = sorted({self.articles["doc_id"].iat[int(self.doc[r])] for r in rows})
        missing = [d for d in docs if d not in self._raw]
        if missing:
            raw = self.run.table("corpus", columns=["doc_id", "text"],
                                 filters=[("doc_id", "in", missing)])
            audit = self.run.table("audit", columns=["doc_id", "start", "end", "replacement"],
                                   filters=[("doc_id", "in", missing)])
            by_doc = dict(tuple(audit.groupby("doc_id")))
            for d, text in zip(raw["doc_id"], raw["text"], strict=True):
                self._raw[d] = (text, by_doc.get(d, audit.iloc[:0]))
        out = []
        for r in rows.tolist():
            text, audit = self._raw[self.articles["doc_id"].iat[int(self.doc[r])]]
            (a, b), = raw_spans(np.array([self.start[r]]), np.array([self.end[r]]), audit)
            out.append(text[a:b])
        return out

    def context(self, doc_id: str, start: int, end: int, around: int = 1) -> pd.DataFrame:
        """The sentences of ``doc_id`` that overlap ``[start, end)`` in the clean text,
        with ``around`` sentences before and after: ``sent_id, text, raw, here``."""
        doc = self.doc_pos[doc_id]
        lo, hi = self.first_row[doc], self.doc_end[doc]
        first = lo + int(np.searchsorted(self.end[lo:hi], start, side="right"))
        last = lo + int(np.searchsorted(self.start[lo:hi], end, side="left"))
        rows = np.arange(max(lo, first - around), min(hi, max(last, first + 1) + around))
        here = (rows >= first) & (rows < max(last, first + 1))
        return pd.DataFrame({"sent_id": self.sent_id[rows],
                             "text": [self.text[r].as_py() for r in rows.tolist()],
                             "raw": self.raw_sentences(rows), "here": here})
