"""Figures of notebook 05: voices by side, named vs anonymous sources, the quote ledger."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .figures import short_label
from .sides import UNKNOWN, side_colours, side_names, sides_for
from .voices import SOURCING

SOURCING_COLOURS = {"named": "#0072B2", "anonymous": "#E69F00", "unresolved": "#CC79A7",
                    "unattributed": "#BBBBBB"}
RELATION_MARKERS = {"longest": "o", "verbatim": "o", "trimmed": "s", "re-translated": "D"}


def _rows(table: pd.DataFrame, labels: dict[str, str], max_rows: int) -> list[str]:
    return sorted(table["doc_id"].unique())[:max_rows]


def plot_voices(voices: pd.DataFrame, labels: dict[str, str], max_rows: int = 40,
                sides: pd.DataFrame | None = None):
    """Quoted words per article (per outlet above ``max_rows`` articles), by side, in the
    order and colours of ``sides`` (:mod:`helpers.sides`; default: from the data)."""
    sides = sides_for(sides, voices["side"])
    order, colours = side_names(sides), side_colours(sides)
    if voices["doc_id"].nunique() > max_rows:
        voices = (voices.groupby(["outlet", "side"], as_index=False)[["quotes", "words"]].sum()
                  .assign(doc_id=lambda d: d["outlet"]))
        labels = {o: short_label(o) for o in voices["outlet"]}
    docs = _rows(voices, labels, max_rows)
    grid = voices.pivot(index="doc_id", columns="side", values="words").reindex(
        index=docs, columns=order, fill_value=0)
    fig, ax = plt.subplots(figsize=(8.5, 1.4 + 0.4 * len(docs)))
    y = np.arange(len(docs))[::-1]
    left = np.zeros(len(docs))
    for side in order:
        ax.barh(y, grid[side], left=left, color=colours[side], label=side)
        left += grid[side].to_numpy()
    ax.set_yticks(y, [labels.get(d, short_label(d)) for d in docs])
    ax.set_xlabel("quoted words (full quotes and fragments)")
    ax.set_title("Who gets to speak: quoted words by the speaker's side")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="side")
    return fig, voices[voices["doc_id"].isin(docs)].reset_index(drop=True)


def plot_speakers(speakers: pd.DataFrame, sides: pd.DataFrame | None = None,
                  max_outlets: int = 8, ax=None):
    """Who speaks in each outlet: quoted words of its leading persons
    (:func:`helpers.voices.top_speakers`), coloured by side; the words of quotes attributed
    with low confidence are hatched, so an uncertain speaker never looks like a sure one.
    Draws on ``ax`` when given; returns ``(fig, data)``."""
    sides = sides_for(sides, speakers["side"] if len(speakers) else pd.Series(dtype=str))
    colours = side_colours(sides)
    outlets = sorted(speakers["outlet"].unique())[:max_outlets]
    data = speakers[speakers["outlet"].isin(outlets)].reset_index(drop=True)
    rows = [(o, r) for o in outlets for r in data[data["outlet"] == o].itertuples(index=False)]
    if ax is None:
        fig, ax = plt.subplots(figsize=(8.5, 1.2 + 0.28 * max(len(rows), 1)))
    else:
        fig = ax.figure
    y = np.arange(len(rows))[::-1]
    for yi, (_outlet, r) in zip(y, rows, strict=True):
        sure = r.words * (1 - r.low_confidence / max(r.quotes, 1))
        colour = colours.get(r.side, colours.get(UNKNOWN, "#999999"))
        ax.barh(yi, sure, color=colour)
        ax.barh(yi, r.words - sure, left=sure, color="white", edgecolor=colour, hatch="///",
                linewidth=0.6)
    ax.set_yticks(y, [f"{short_label(o)} · {r.speaker}" for o, r in rows], fontsize=8)
    ax.set_xlabel("quoted words (hatched: attributed with low confidence)")
    ax.set_title("Who speaks in each outlet: its most quoted people")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s]) for s in side_names(sides)
               if s in set(data["side"])]
    if handles:
        ax.legend(handles, [s for s in side_names(sides) if s in set(data["side"])],
                  loc="upper left", bbox_to_anchor=(1.01, 1.0), title="side")
    return fig, data


def plot_sourcing(shares: pd.DataFrame, labels: dict[str, str], max_rows: int = 40):
    """Share of quotes from named, anonymous and unattributed speakers, per article
    (per outlet above ``max_rows`` articles)."""
    if len(shares) > max_rows:
        counts = shares.groupby("outlet")[["quotes", *[f"{k}_quotes" for k in SOURCING]]].sum()
        for kind in SOURCING:
            counts[f"{kind}_share"] = (counts[f"{kind}_quotes"]
                                       / counts["quotes"].clip(lower=1)).round(4)
        shares = counts.reset_index().assign(doc_id=lambda d: d["outlet"])
        labels = {o: short_label(o) for o in shares["outlet"]}
    data = shares.sort_values("doc_id").head(max_rows).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8.5, 1.4 + 0.4 * len(data)))
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    for kind in SOURCING:
        values = data[f"{kind}_share"].to_numpy()
        ax.barh(y, values, left=left, color=SOURCING_COLOURS[kind], label=kind)
        for yi, l_, v, n in zip(y, left, values, data[f"{kind}_quotes"], strict=True):
            if v >= 0.08:
                ax.text(l_ + v / 2, yi, str(n), ha="center", va="center", fontsize=8,
                        color="white" if kind in {"named", "unresolved"} else "black")
        left += values
    ax.set_yticks(y, [f"{labels.get(d, short_label(d))} ({n})" for d, n in
                      zip(data["doc_id"], data["quotes"], strict=True)])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of quotes (numbers in bars: quotes)")
    ax.set_title("Named or anonymous: how each article sources its quotes")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig, data


def plot_ledger(ledger: pd.DataFrame, labels: dict[str, str], max_statements: int = 15,
                sides: pd.DataFrame | None = None,
                max_docs: int = 20):
    """Statements (rows) × articles (columns): who carries each one, how, in whose voice."""
    if ledger.empty:
        fig, ax = plt.subplots(figsize=(7, 2))
        ax.text(0.5, 0.5, "No statement is quoted in more than one article.", ha="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig, ledger
    order = (ledger.groupby("statement_id")["n_articles"].first()
             .sort_values(ascending=False, kind="stable").index[:max_statements])
    data = ledger[ledger["statement_id"].isin(order)]
    texts = data.groupby("statement_id")["statement"].first()
    # the articles that carry most of these statements (ties: by id), in id order
    carried = data.groupby("doc_id")["statement_id"].nunique()
    docs = sorted(carried.sort_index().sort_values(ascending=False, kind="stable")
                  .index[:max_docs])
    data = data[data["doc_id"].isin(docs)].reset_index(drop=True)
    statements = list(order)
    sides = sides_for(sides, ledger["side"])
    colours = side_colours(sides)
    fig, ax = plt.subplots(figsize=(2.8 + 1.6 * len(docs), 1.2 + 0.5 * len(statements)))
    for row in data.itertuples(index=False):
        x, y = docs.index(row.doc_id), statements.index(row.statement_id)
        ax.scatter(x, y, s=160, marker=RELATION_MARKERS.get(row.relation, "o"),
                   color=colours.get(row.side, colours[UNKNOWN]),
                   edgecolor="black" if row.kind == "full" else "none", zorder=3)
        who = row.speaker if row.sourcing == "named" else "anon."
        ax.annotate(short_label(who, 14), (x, y), xytext=(10, -3), textcoords="offset points",
                    fontsize=7)
    ax.set_yticks(range(len(statements)), [short_label(f'"{texts[s]}"', 46) for s in statements])
    ax.set_xticks(range(len(docs)), [labels.get(d, short_label(d)) for d in docs], rotation=30,
                  ha="right")
    ax.set_xlim(-0.5, len(docs) - 0.2)
    ax.invert_yaxis()
    ax.grid(True, axis="both", color="#eeeeee")
    for rel, marker in [("verbatim / source", "o"), ("trimmed", "s"), ("re-translated", "D")]:
        ax.scatter([], [], marker=marker, color="#777777", label=rel)
    for side in [s for s in side_names(sides) if s in set(data["side"]) and s != UNKNOWN]:
        ax.scatter([], [], marker="o", color=colours[side], label=side)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              title="shape: rendering; colour: side")
    ax.set_title("Quote ledger: the same statement across outlets (outlined = full quote)")
    return fig, data
