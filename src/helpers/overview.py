"""The one-page overview of notebook 08: five panels, one per question of the suite."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .figures import annotated_heatmap, outlet_colours, short_label
from .framing import generic_marks
from .sides import side_colours, side_names, sides_for


def overview_tables(run, max_outlets: int = 10) -> dict[str, pd.DataFrame]:
    """The five small tables the overview plots, all at outlet level.

    ``similarity`` (mean cosine between outlets), ``reuse`` (:func:`copying_by_outlet`:
    the share of each outlet's narration derived from another outlet's article, and the
    share that only reports the same facts), ``voices`` (quoted
    words by side), ``frames`` (hits per 1,000 words) and ``sentiment`` (mean narration and
    quote compound). ``run`` is a :func:`helpers.open_corpus` run: every table is read
    from its stored stage.
    """
    from .similarity import outlet_similarity

    # only the columns used: a large corpus's reuse, sentence and sentiment tables without
    # their texts are a fraction of the memory and of the time to read
    corpus, frames = run.corpus, run.frames
    sentences = run.table("sentences", columns=["doc_id", "speech"])
    quotes = run.table("quotes", columns=["doc_id", "side", "n_words"])
    reuse = run.table("reuse", columns=["doc_a", "doc_b", "sent_b", "relation"])
    summary = run.table("reuse_summary", columns=["doc_a", "doc_b", "verdict"])
    scored = run.table("sentiment", columns=["doc_id", "narration_compound", "quote_compound"])
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    top = (corpus["outlet"].value_counts().sort_index()
           .sort_values(ascending=False, kind="stable").index[:max_outlets])
    keep = sorted(top)
    sim = outlet_similarity(run.tfidf_matrix, run.clean["outlet"]).loc[keep, keep]

    reuse_table = copying_by_outlet(reuse, summary, sentences, outlets, keep)
    voices = (quotes.assign(outlet=quotes["doc_id"].map(outlets))
              .groupby(["outlet", "side"])["n_words"].sum().unstack(fill_value=0)
              .reindex(index=keep, columns=side_names(run.sides), fill_value=0))
    frames = frames.assign(frame=generic_marks(frames["frame"]))
    frame_grid = (frames.groupby(["frame", "outlet"])["per_1000_words"].mean().unstack()
                  .reindex(columns=keep).fillna(0))
    frame_grid = frame_grid.loc[frame_grid.sum(axis=1).sort_values(
        ascending=False, kind="stable").index[:10]].sort_index()
    mood = (scored.assign(outlet=scored["doc_id"].map(outlets))
            .groupby("outlet")[["narration_compound", "quote_compound"]].mean()
            .reindex(keep).round(4))
    return {"similarity": sim, "reuse": reuse_table, "voices": voices, "frames": frame_grid,
            "sentiment": mood}


def copying_by_outlet(reuse: pd.DataFrame, summary: pd.DataFrame, sentences: pd.DataFrame,
                      outlets: dict[str, str], keep: list[str]) -> pd.DataFrame:
    """Per outlet: its narration sentences, how many were copied or rewritten from another
    outlet's article that the verdict calls its source (``derived``, :mod:`helpers.copying`),
    and how many only report the same facts as another outlet's sentence. Columns
    ``outlet, narration, derived, same_facts, share_derived, share_same_facts``."""
    told = sentences[sentences["speech"] != "quote"]
    per_outlet = told["doc_id"].map(outlets).value_counts()
    rows = reuse.assign(outlet_a=reuse["doc_a"].map(outlets), outlet_b=reuse["doc_b"].map(outlets))
    rows = rows[rows["outlet_a"] != rows["outlet_b"]]
    derived = summary.loc[summary["verdict"] == "derived", ["doc_a", "doc_b"]]
    taken = rows.merge(derived, on=["doc_a", "doc_b"])
    taken = taken[taken["relation"].isin(["copied", "rewritten"])]
    taken = taken.drop_duplicates(["doc_b", "sent_b"])
    same = rows[rows["relation"] == "same facts"].drop_duplicates(["doc_b", "sent_b"])
    same = same.merge(taken[["doc_b", "sent_b"]], how="left", indicator=True)
    same = same[same["_merge"] == "left_only"]
    table = pd.DataFrame({"outlet": keep})
    table["narration"] = [int(per_outlet.get(o, 0)) for o in keep]
    got, alike = taken.groupby("outlet_b").size(), same.groupby("outlet_b").size()
    table["derived"] = [int(got.get(o, 0)) for o in keep]
    table["same_facts"] = [int(alike.get(o, 0)) for o in keep]
    table["share_derived"] = (table["derived"] / table["narration"].clip(lower=1)).round(4)
    table["share_same_facts"] = (table["same_facts"] / table["narration"].clip(lower=1)).round(4)
    return table


def plot_overview(tables: dict[str, pd.DataFrame], sides: pd.DataFrame | None = None):
    """Five panels: how alike, who copied, who speaks, which frames, what tone.

    ``sides`` (:mod:`helpers.sides`, e.g. ``run.sides``) colours the speakers' sides."""
    sim, reuse, voices = tables["similarity"], tables["reuse"], tables["voices"]
    frames, mood = tables["frames"], tables["sentiment"]
    outlets = list(sim.index)
    colours = outlet_colours(outlets)
    names = [short_label(o, 18) for o in outlets]
    fig = plt.figure(figsize=(15, 10.5), constrained_layout=True)
    grid = fig.add_gridspec(2, 3)

    ax = fig.add_subplot(grid[0, 0])
    values = sim.to_numpy()
    off = values[~np.eye(len(values), dtype=bool)]
    top = off.max() if off.size else 1
    annotated_heatmap(values, ax=ax, cmap="viridis", vmin=0,
                      vmax=float(off.max()) if off.size else 1, fontsize=7,
                      text=lambda i, j, v: f"{v:.2f}",
                      text_colour=lambda v: "white" if v < 0.6 * top else "black",
                      xticklabels=names, yticklabels=names,
                      xtick_kw={"rotation": 40, "ha": "right", "fontsize": 8},
                      ytick_kw={"fontsize": 8})
    ax.set_title("1 · How alike? TF-IDF cosine", fontsize=11)

    ax = fig.add_subplot(grid[0, 1])
    y = np.arange(len(reuse))[::-1]
    bar_colours = [colours[o] for o in reuse["outlet"]]
    ax.barh(y, reuse["share_derived"], color=bar_colours, label="copied or rewritten")
    ax.barh(y, reuse["share_same_facts"], left=reuse["share_derived"], color=bar_colours,
            alpha=0.3, hatch="//", edgecolor="white", label="only the same facts")
    for yi, share, n, other in zip(y, reuse["share_derived"], reuse["derived"],
                                   reuse["share_derived"] + reuse["share_same_facts"],
                                   strict=True):
        ax.text(other, yi, f" {share:.0%} copied ({n})", va="center", fontsize=8)
    ax.set_yticks(y, [short_label(o, 18) for o in reuse["outlet"]], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the outlet's narration sentences")
    ax.legend(handles=[Patch(color="0.35", label="copied or rewritten (derived)"),
                       Patch(facecolor="0.35", alpha=0.3, hatch="//", edgecolor="white",
                             label="only the same facts")], fontsize=7, loc="lower right")
    ax.set_title("2 · Who copied? Derived vs same facts", fontsize=11)

    ax = fig.add_subplot(grid[0, 2])
    left = np.zeros(len(voices))
    y = np.arange(len(voices))[::-1]
    colours_of = side_colours(sides_for(sides, list(voices.columns)))
    for side in voices.columns:
        ax.barh(y, voices[side], left=left, color=colours_of[side], label=side)
        left += voices[side].to_numpy()
    ax.set_yticks(y, [short_label(o, 18) for o in voices.index], fontsize=8)
    ax.set_xlabel("quoted words")
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("3 · Who speaks? Quoted words by side", fontsize=11)

    ax = fig.add_subplot(grid[1, 0:2])
    annotated_heatmap(frames, ax=ax, vmin=0, aspect="auto", fontsize=7,
                      text=lambda i, j, v: f"{v:.1f}" if v > 0 else None,
                      xticklabels=[short_label(c, 18) for c in frames.columns],
                      yticklabels=[f.replace("_", " ") for f in frames.index],
                      xtick_kw={"fontsize": 8}, ytick_kw={"fontsize": 8})
    ax.set_title("4 · Which frames? Hits per 1,000 words", fontsize=11)

    ax = fig.add_subplot(grid[1, 2])
    y = np.arange(len(mood))[::-1]
    ax.scatter(mood["narration_compound"], y, color="#999999", s=50, label="narration")
    ax.scatter(mood["quote_compound"], y, color="#0072B2", s=50, label="quoted words")
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(y, [short_label(o, 18) for o in mood.index], fontsize=8)
    ax.set_xlim(-0.6, 0.6)
    ax.set_xlabel("mean sentence compound (VADER)")
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("5 · What tone? (fragile: see 05)", fontsize=11)
    fig.suptitle("Comparative overview of the corpus", fontsize=14)
    return fig


def overview_data(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """All five panels' numbers in one long table: ``panel, row, column, value``."""
    parts = []
    for panel, table in tables.items():
        frame = table.set_index("outlet") if "outlet" in table.columns else table
        long = frame.stack().rename("value").reset_index()
        long.columns = ["row", "column", "value"]
        parts.append(long.assign(panel=panel))
    data = pd.concat(parts, ignore_index=True)[["panel", "row", "column", "value"]]
    data["value"] = pd.to_numeric(data["value"], errors="coerce").round(4)
    return data
