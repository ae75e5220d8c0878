"""The explorer's linked views, in ipywidgets: concordance, who copied whom, quotes, frames.

Every view reads the run's stored tables through :mod:`helpers.explorer.search` and
:mod:`helpers.explorer.tables` and renders one page at a time as an HTML table, so a
100,000-article corpus stays responsive. ipywidgets 8 is the widget library: it ships its
JavaScript with JupyterLab (``jupyterlab_widgets``) and Voilà, so nothing is fetched from
a CDN, and it is the most widely used and maintained widget toolkit of the Jupyter
project. Each control carries a CSS class ``cm-…`` so that the browser tests (and a
reader's own automation) can find it.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from .search import MODES, PAGE_SIZE, SearchError, SentenceIndex
from .tables import (
    GENERIC,
    LEDGER_COLUMNS,
    QUOTE_COLUMNS,
    PairIndex,
    aligned_pair,
    frame_evidence,
    frame_grid,
    ledger,
    page_of,
    quotations,
    similarity_cells,
    top_pairs,
)
from .text import mark, shared_spans

RELATION_COLOURS = {"copied": "#f4c27a", "rewritten": "#f7e1a0", "same facts": "#d9e8f5",
                    "quote": "#e3d7f0"}
STYLE = """<style>
.cm-table {border-collapse: collapse; font-size: 12px; width: 100%}
.cm-table th {text-align: left; border-bottom: 1px solid #888; padding: 2px 6px}
.cm-table td {vertical-align: top; border-bottom: 1px solid #ddd; padding: 2px 6px}
.cm-counts-table {width: auto}
.cm-hits-table td.col-left {text-align: right; min-width: 14em}
.cm-hits-table td.col-right {min-width: 14em}
.cm-table tr.cm-doubt td {color: #777; font-style: italic}
.cm-table mark {background: #ffd54f; padding: 0}
.cm-aligned-table mark {background: transparent; border-bottom: 2px solid #8c510a;
                        font-weight: 600}
.cm-raw {color: #666; font-size: 11px}
.cm-note {color: #555; font-size: 12px}
</style>"""


def _esc(value: object) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and np.isnan(value))
                       else str(value))


def html_table(rows: pd.DataFrame, columns: list[str], cls: str,
               cells: dict[str, callable] | None = None,
               row_style: callable | None = None, row_class: callable | None = None) -> str:
    """``rows`` as an HTML table of ``columns`` (escaped; ``cells[col](row)`` gives a
    column's own HTML), with CSS class ``cls``, each row ``data-row`` numbered and styled
    by ``row_style(row)`` and ``row_class(row)`` when given."""
    cells = cells or {}
    head = "".join(f"<th>{_esc(c)}</th>" for c in columns)
    body = []
    for i, (_, r) in enumerate(rows.iterrows()):
        style = f' style="{row_style(r)}"' if row_style else ""
        klass = f" class='{row_class(r)}'" if row_class and row_class(r) else ""
        tds = "".join(f"<td class='col-{c}'>{cells[c](r) if c in cells else _esc(r[c])}</td>"
                      for c in columns)
        body.append(f"<tr data-row='{i}'{klass}{style}>{tds}</tr>")
    return (f"{STYLE}<table class='cm-table {cls}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


LOW_CONFIDENCE = 0.5


def _doubtful(row: pd.Series) -> str:
    """``cm-doubt`` for a quotation whose speaker is unresolved or below
    :data:`LOW_CONFIDENCE`: shown grey and italic, so a guess never reads as a fact."""
    unresolved = bool(row.get("unresolved", False)) or not str(row.get("speaker", "")).strip()
    confidence = row.get("confidence", 1.0)
    low = confidence == confidence and float(confidence) < LOW_CONFIDENCE
    return "cm-doubt" if unresolved or low else ""


def _classed(widget: w.Widget, *classes: str) -> w.Widget:
    for c in classes:
        widget.add_class(c)
    return widget


def _pager(prefix: str) -> tuple[w.Button, w.Button, w.HTML]:
    prev = _classed(w.Button(description="◀ previous", layout=w.Layout(width="110px")),
                    f"cm-{prefix}-prev")
    nxt = _classed(w.Button(description="next ▶", layout=w.Layout(width="110px")),
                   f"cm-{prefix}-next")
    status = _classed(w.HTML(), f"cm-{prefix}-status")
    return prev, nxt, status


class Concordance:
    """KWIC search: by sentence or word window, filtered by outlet, voice, speaker, side
    and frame, with counts per outlet and each hit's raw text beside its clean text."""

    def __init__(self, index: SentenceIndex, page_size: int = PAGE_SIZE):
        self.index, self.page_size = index, page_size
        self.matches = None
        self.page_no = 0
        self.query = _classed(w.Text(placeholder="a word, a phrase or a regex",
                                     description="Search", continuous_update=False),
                              "cm-query")
        self.mode = _classed(w.ToggleButtons(options=list(MODES), value="phrase"), "cm-mode")
        self.unit = _classed(w.ToggleButtons(options=["sentence", "window"], value="sentence"),
                             "cm-unit")
        self.width = _classed(w.IntSlider(value=8, min=1, max=40, description="window",
                                          continuous_update=False), "cm-width")
        self.outlets = _classed(w.SelectMultiple(options=index.outlets, description="outlets",
                                                 rows=min(6, max(2, len(index.outlets)))),
                                "cm-outlets")
        self.voice = _classed(w.Dropdown(options=[""] + index.voices, description="voice"),
                              "cm-voice")
        self.speaker = _classed(w.Text(description="speaker", placeholder="name contains",
                                       continuous_update=False), "cm-speaker")
        self.side = _classed(w.Dropdown(options=[""] + [s for s in index.sides if s],
                                        description="side"), "cm-side")
        self.frame = _classed(w.Dropdown(options=[""] + index.frames, description="frame"),
                              "cm-frame")
        self.go = _classed(w.Button(description="Search", button_style="primary"),
                           "cm-search")
        self.prev, self.next, self.status = _pager("kwic")
        self.counts = _classed(w.HTML(), "cm-counts")
        self.hits = _classed(w.HTML(), "cm-hits")
        self.go.on_click(lambda _: self.run())
        self.query.observe(lambda _: self.run(), "value")
        for control in (self.mode, self.outlets, self.voice, self.speaker, self.side,
                        self.frame):
            control.observe(lambda _: self.run() if self.query.value.strip() else None,
                            "value")
        for control in (self.unit, self.width):  # the page only: no new search
            control.observe(lambda _: self.show(), "value")
        self.prev.on_click(lambda _: self.show(self.page_no - 1))
        self.next.on_click(lambda _: self.show(self.page_no + 1))
        filters = w.HBox([self.outlets, w.VBox([self.voice, self.side]),
                          w.VBox([self.speaker, self.frame])])
        self.widget = w.VBox([w.HBox([self.query, self.go]), w.HBox([self.mode, self.unit,
                                                                     self.width]),
                              filters, w.HBox([self.prev, self.next, self.status]),
                              self.counts, self.hits])

    def run(self) -> None:
        """Search with the current query and filters, then show the first page."""
        if not self.query.value.strip():
            self.matches = None
            self.status.value = self.counts.value = self.hits.value = ""
            return
        try:
            self.matches = self.index.find(
                self.query.value, self.mode.value, outlets=list(self.outlets.value),
                voice=self.voice.value, speaker=self.speaker.value.strip(),
                side=self.side.value, frame=self.frame.value)
        except SearchError as err:
            self.matches = None
            self.status.value = f"<b>{_esc(err)}</b>"
            self.counts.value = self.hits.value = ""
            return
        c = self.matches.counts
        self.counts.value = html_table(c, list(c.columns), "cm-counts-table")
        self.show(0)

    def show(self, page: int = 0) -> None:
        """Show page ``page`` of the last search (also after the window or unit changes)."""
        if self.matches is None:
            return
        pages = self.matches.pages(self.page_size)
        self.page_no = min(max(page, 0), pages - 1)
        hits = self.index.page(self.matches, self.page_no, unit=self.unit.value,
                               width=self.width.value, page_size=self.page_size)
        m = self.matches
        self.status.value = (f"<span class='cm-total'>{len(m.rows)} sentences in {m.articles} "
                             f"articles</span> · page {self.page_no + 1}/{pages} · "
                             f"{m.seconds:.2f} s")
        self.hits.value = html_table(
            hits, ["outlet", "position", "voice", "speaker", "side", "frames", "left", "match",
                   "right", "raw"], "cm-hits-table",
            cells={"match": lambda r: f"<mark>{_esc(r['match'])}</mark>",
                   "raw": lambda r: ("<span class='cm-raw'>= clean</span>"
                                     if r["raw"] == r["clean"]
                                     else f"<span class='cm-raw'>{_esc(r['raw'])}</span>")})


class Copying:
    """Who copied whom: click a cell of the similarity grid (or pick a pair) and read the
    two articles' aligned sentences, coloured by relation, shared wording marked."""

    def __init__(self, run, labels: dict[str, str], index: SentenceIndex | None = None):
        self.run, self.labels, self.index = run, labels, index
        self._pairs: PairIndex | None = None
        self.verdict = _classed(w.HTML(), "cm-verdict")
        self.aligned = _classed(w.HTML(), "cm-aligned")
        grid = similarity_cells(run)
        if grid is not None:
            ids = list(grid.index)
            cells = [w.HTML("<b>B ↓ copied from A →</b>")] + [
                w.HTML(f"<b>{_esc(labels[d])}</b>") for d in ids]
            for b in ids:
                cells.append(w.HTML(f"<b>{_esc(labels[b])}</b>"))
                for a in ids:
                    value = grid.loc[a, b]
                    button = _classed(w.Button(
                        description="—" if a == b or pd.isna(value) else f"{value:.2f}",
                        tooltip=f"{labels[b]} against {labels[a]}", disabled=a == b,
                        layout=w.Layout(width="auto")), "cm-cell",
                        f"cm-cell-{ids.index(b)}-{ids.index(a)}")
                    button.on_click(lambda _, a=a, b=b: self.show(a, b))
                    cells.append(button)
            picker = w.GridBox(cells, layout=w.Layout(
                grid_template_columns=f"repeat({len(ids) + 1}, auto)"))
        else:
            pairs = top_pairs(run)
            options = [(f"{labels.get(r.doc_b, r.doc_b)} ← {labels.get(r.doc_a, r.doc_a)} "
                        f"({r.verdict}, {r.share_derived:.2f})", (r.doc_a, r.doc_b))
                       for r in pairs.itertuples()]
            picker = _classed(w.Dropdown(options=options, description="pair",
                                         layout=w.Layout(width="90%")), "cm-pair")
            picker.observe(lambda ch: self.show(*ch["new"]), "value")
        # any two articles, by doc_id: B read against A
        self.doc_b = _classed(w.Text(description="B", placeholder="doc_id",
                                     layout=w.Layout(width="40%")), "cm-doc-b")
        self.doc_a = _classed(w.Text(description="against A", placeholder="doc_id",
                                     layout=w.Layout(width="40%")), "cm-doc-a")
        compare = _classed(w.Button(description="compare"), "cm-compare")
        compare.on_click(lambda _: self.show(self.doc_a.value.strip(),
                                             self.doc_b.value.strip()))
        legend = " ".join(f"<span style='background:{c};padding:0 6px'>{_esc(k)}</span>"
                          for k, c in RELATION_COLOURS.items())
        self.widget = w.VBox([w.HTML("<span class='cm-note'>Cells: cosine similarity of the "
                                     "two articles. Rows are B, columns A: a click shows "
                                     "B's sentences aligned with A's.</span>"), picker,
                              w.HBox([self.doc_b, self.doc_a, compare]),
                              w.HTML(f"<span class='cm-note'>{legend}</span>"),
                              self.verdict, self.aligned])

    def show(self, doc_a: str, doc_b: str) -> None:
        """Show ``doc_b``'s sentences aligned with ``doc_a``'s, and the verdict."""
        unknown = [d for d in (doc_b, doc_a) if d not in self.labels]
        if unknown:
            self.verdict.value = f"<b>no article {_esc(unknown[0])} in this corpus</b>"
            self.aligned.value = ""
            return
        self.doc_a.value, self.doc_b.value = doc_a, doc_b
        if self.index is None:
            summary, aligned = aligned_pair(self.run, doc_a, doc_b)
        else:  # built at the first click: every later pair is a binary search away
            if self._pairs is None:
                self._pairs = PairIndex(self.run, self.index)
            summary, aligned = self._pairs.pair(doc_a, doc_b)
        a, b = self.labels.get(doc_a, doc_a), self.labels.get(doc_b, doc_b)
        if summary is None:
            self.verdict.value = f"<b>{_esc(b)}</b> shares no aligned sentence with {_esc(a)}."
        else:
            self.verdict.value = (
                f"<b>{_esc(b)} against {_esc(a)}: <span class='cm-verdict-word'>"
                f"{_esc(summary['verdict'])}</span></b> · copied or rewritten "
                f"{summary['share_derived']:.0%} of B's narration · runs {summary['runs']} · "
                f"longest shared wording {summary['longest_shared_words']} words · "
                f"direction: {_esc(summary['direction'])}")

        def texts(r: pd.Series) -> tuple[str, str]:
            sa, sb = shared_spans(r["text_a"], r["text_b"])
            return mark(r["text_a"], sa), mark(r["text_b"], sb)

        marked = [texts(r) for _, r in aligned.iterrows()]
        aligned = aligned.assign(html_a=[m[0] for m in marked], html_b=[m[1] for m in marked])
        self.aligned.value = html_table(
            aligned, ["sent_b", "text_b", "sent_a", "text_a", "relation"], "cm-aligned-table",
            cells={"text_a": lambda r: r["html_a"], "text_b": lambda r: r["html_b"]},
            row_style=lambda r: f"background:{RELATION_COLOURS.get(r['relation'], '#fff')}")


class Quotes:
    """The quotations table and the quote ledger: filter, sort, page; each row leads to
    its sentence in context."""

    def __init__(self, run, index: SentenceIndex, page_size: int = PAGE_SIZE):
        self.index, self.page_size, self.page_no = index, page_size, 0
        self.tables = {"quotations": (quotations(run), QUOTE_COLUMNS),
                       "ledger": (ledger(run), LEDGER_COLUMNS)}
        quotes = self.tables["quotations"][0]
        self.which = _classed(w.ToggleButtons(options=list(self.tables)), "cm-quote-table")
        self.speaker = _classed(w.Text(description="speaker", placeholder="name contains",
                                       continuous_update=False), "cm-quote-speaker")
        self.text = _classed(w.Text(description="quote", placeholder="words contain",
                                    continuous_update=False), "cm-quote-text")

        def choices(col: str) -> list[str]:
            return [""] + sorted(str(v) for v in quotes[col].dropna().unique() if str(v))

        self.side = _classed(w.Dropdown(options=choices("side"), description="side"),
                             "cm-quote-side")
        self.sourcing = _classed(w.Dropdown(options=choices("sourcing"),
                                            description="sourcing"), "cm-quote-sourcing")
        self.kind = _classed(w.Dropdown(options=choices("kind"), description="kind"),
                             "cm-quote-kind")
        self.outlet = _classed(w.Dropdown(options=choices("outlet"), description="outlet"),
                               "cm-quote-outlet")
        self.sort = _classed(w.Dropdown(options=[""] + QUOTE_COLUMNS, description="sort by"),
                             "cm-quote-sort")
        self.descending = _classed(w.Checkbox(description="descending"), "cm-quote-desc")
        self.prev, self.next, self.status = _pager("quotes")
        self.rows = _classed(w.HTML(), "cm-quote-rows")
        self.pick = _classed(w.Dropdown(description="context of", options=[],
                                        layout=w.Layout(width="90%")), "cm-quote-pick")
        self.context = _classed(w.HTML(), "cm-quote-context")
        for control in (self.which, self.speaker, self.text, self.side, self.sourcing,
                        self.kind, self.outlet, self.sort, self.descending):
            control.observe(lambda _: self.show(0), "value")
        self.prev.on_click(lambda _: self.show(self.page_no - 1))
        self.next.on_click(lambda _: self.show(self.page_no + 1))
        self.pick.observe(lambda ch: self.show_context(ch["new"]), "value")
        self.widget = w.VBox([self.which, w.HBox([self.speaker, self.text, self.side]),
                              w.HBox([self.sourcing, self.kind, self.outlet]),
                              w.HBox([self.sort, self.descending]),
                              w.HBox([self.prev, self.next, self.status]), self.rows,
                              self.pick, self.context])
        self.show(0)

    def show(self, page: int = 0) -> None:
        table, columns = self.tables[self.which.value]
        text_col = "quote" if self.which.value == "quotations" else "statement"
        sort = self.sort.value if self.sort.value in table.columns else None
        rows, total, pages = page_of(
            table, equals={"side": self.side.value, "sourcing": self.sourcing.value,
                           "kind": self.kind.value, "outlet": self.outlet.value},
            contains={"speaker": self.speaker.value, text_col: self.text.value},
            sort=sort, descending=self.descending.value, page=page, page_size=self.page_size)
        self.page_no = min(max(page, 0), pages - 1)
        self.page = rows
        self.status.value = (f"<span class='cm-total'>{total} rows</span> · page "
                             f"{self.page_no + 1}/{pages}")
        self.rows.value = html_table(rows, columns, "cm-quotes-table", row_class=_doubtful)
        self.pick.options = [(f"{i + 1}. {r['speaker'] or '(unresolved)'}: "
                              f"{str(r['quote'])[:70]}", i) for i, (_, r) in
                             enumerate(rows.iterrows())]
        self.pick.value = None
        self.context.value = ""

    def show_context(self, i: int | None) -> None:
        """The sentence of row ``i`` of the page, with one sentence either side."""
        if i is None:
            return
        r = self.page.iloc[i]
        if "start" in r.index:
            start, end = int(r["start"]), int(r["end"])
        else:  # a ledger row: find its quotation in the article
            found = self.tables["quotations"][0]
            found = found[(found["doc_id"] == r["doc_id"]) & (found["quote"] == r["quote"])]
            if found.empty:
                self.context.value = "<i>the quotation is not in the quotations table</i>"
                return
            start, end = int(found["start"].iat[0]), int(found["end"].iat[0])
        ctx = self.index.context(r["doc_id"], start, end)
        quote = str(r["quote"])

        def show(t: str, here: bool) -> str:
            at = t.find(quote) if here else -1
            body = mark(t, [(at, at + len(quote))]) if at >= 0 else _esc(t)
            return f"<b>{body}</b>" if here else body

        parts = [f"<p>{show(t, h)}<br><span class='cm-raw'>raw: {_esc(raw)}</span></p>"
                 for t, raw, h in zip(ctx["text"], ctx["raw"], ctx["here"], strict=True)]
        self.context.value = (f"<div class='cm-context-body'><i>{_esc(r['doc_id'])} "
                              f"({_esc(r['outlet'])})</i>{''.join(parts)}</div>")


def frame_labels(frames) -> list[str]:
    """Column labels of the frame grid: a generic frame carries what its validation on
    human-coded outside text found (:func:`helpers.framing.generic_marks`):
    ``generic: conflict`` when it beat always-yes, ``generic: … (unreliable)`` when it did
    not, ``generic: … (not validated)`` when no coded outside text covers it."""
    from ..framing import generic_marks

    frames = pd.Series(list(frames), dtype=object)
    generic = frames.str.startswith(GENERIC)
    if generic.any():
        marked = generic_marks(frames[generic].str[len(GENERIC):])
        frames[generic] = GENERIC + marked
    return frames.tolist()


class Frames:
    """Frame × outlet hits; a click on a cell shows the KWIC evidence, the matched
    pattern marked, and can open the concordance on that frame."""

    def __init__(self, run, on_search=None, page_size: int = PAGE_SIZE):
        self.run, self.page_size, self.page_no = run, page_size, 0
        self.on_search = on_search
        grid = frame_grid(run)
        self.selected: tuple[str, str] | None = None
        cells = [w.HTML("<b>outlet \\ frame</b>")] + [w.HTML(f"<b>{_esc(label)}</b>")
                                                       for label in frame_labels(grid.columns)]
        for i, outlet in enumerate(grid.index):
            cells.append(w.HTML(f"<b>{_esc(outlet)}</b>"))
            for j, frame in enumerate(grid.columns):
                button = _classed(w.Button(description=str(grid.loc[outlet, frame]),
                                           tooltip=f"{frame} in {outlet}",
                                           layout=w.Layout(width="auto")),
                                  "cm-frame-cell", f"cm-frame-cell-{i}-{j}")
                button.on_click(lambda _, o=outlet, f=frame: self.show(f, o))
                cells.append(button)
        self.grid = w.GridBox(cells, layout=w.Layout(
            grid_template_columns=f"repeat({len(grid.columns) + 1}, auto)",
            overflow="auto"))
        self.prev, self.next, self.status = _pager("evidence")
        self.evidence = _classed(w.HTML(), "cm-evidence")
        self.to_kwic = _classed(w.Button(description="open in concordance", disabled=True,
                                         layout=w.Layout(width="auto")), "cm-frame-kwic")
        self.prev.on_click(lambda _: self.show(*self.selected, page=self.page_no - 1))
        self.next.on_click(lambda _: self.show(*self.selected, page=self.page_no + 1))
        self.to_kwic.on_click(lambda _: self.on_search and self.on_search(*self.selected))
        self.widget = w.VBox([w.HTML("<span class='cm-note'>Hits of each frame's patterns "
                                     "per outlet; click a cell for its evidence.</span>"),
                              self.grid, w.HBox([self.prev, self.next, self.status,
                                                 self.to_kwic]), self.evidence])

    def show(self, frame: str, outlet: str, page: int = 0) -> None:
        self.selected = (frame, outlet)
        hits = frame_evidence(self.run, frame, outlet)
        rows, total, pages = page_of(hits, page=page, page_size=self.page_size)
        self.page_no = min(max(page, 0), pages - 1)
        self.status.value = (f"<b class='cm-evidence-title'>{_esc(frame)} in "
                             f"{_esc(outlet)}</b>: {total} hits · page {self.page_no + 1}/"
                             f"{pages}")
        self.to_kwic.disabled = False
        self.evidence.value = html_table(
            rows, ["doc_id", "pattern", "left", "match", "right", "speech", "speaker"],
            "cm-evidence-table", cells={"match": lambda r: f"<mark>{_esc(r['match'])}</mark>"})


class Explorer:
    """The four linked views of one run, in tabs: ``display(Explorer(run).widget)``."""

    TITLES = ("Concordance", "Who copied whom", "Quotes", "Frames")

    def __init__(self, run, page_size: int = PAGE_SIZE):
        self.index = SentenceIndex(run)
        articles = self.index.articles
        labels = {d: f"{d[:3]} {o}" if len(articles) <= 40 else d
                  for d, o in zip(articles["doc_id"], articles["outlet"], strict=True)}
        self.concordance = Concordance(self.index, page_size)
        self.copying = Copying(run, labels, self.index)
        self.quotes = Quotes(run, self.index, page_size)
        self.frames = Frames(run, on_search=self.search_frame, page_size=page_size)
        self.tabs = _classed(w.Tab(children=[self.concordance.widget, self.copying.widget,
                                             self.quotes.widget, self.frames.widget],
                                   titles=self.TITLES), "cm-tabs")
        self.widget = w.VBox([w.HTML(STYLE), self.tabs])

    def search_frame(self, frame: str, outlet: str) -> None:
        """Open the concordance on the sentences of ``outlet`` that hit ``frame``."""
        c = self.concordance
        with c.query.hold_trait_notifications():
            c.frame.value = frame if frame in c.frame.options else ""
            c.outlets.value = (outlet,) if outlet in c.outlets.options else ()
            c.mode.value = "regex"
            c.query.value = r"\w"
        c.run()
        self.tabs.selected_index = 0
