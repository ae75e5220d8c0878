"""Figures of notebook 07: frames by outlet, by voice, by position, and by policy dimension."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .figures import annotated_heatmap, outlet_colours, short_label
from .sides import side_colours, side_names, sides_for


def _heatmap(ax, grid: pd.DataFrame, counts: pd.DataFrame | None, label: str):
    values = grid.to_numpy(dtype=float)
    top = np.nanmax(values) * 0.6 if values.size else 0.0
    image = annotated_heatmap(
        values, ax=ax, vmin=0, aspect="auto", fontsize=7.5,
        text=lambda i, j, v: (f"{v:.1f}\n({int(counts.iat[i, j])})"
                              if counts is not None and counts.iat[i, j] else None),
        text_colour=lambda v: "white" if v > top else "black",
        xticklabels=[short_label(c, 22) for c in grid.columns],
        yticklabels=[short_label(r.replace("_", " "), 30) for r in grid.index],
        xtick_kw={"rotation": 30, "ha": "right"})
    plt.colorbar(image, ax=ax, shrink=0.8, label=label)


def plot_frames_heatmap(frames: pd.DataFrame, max_outlets: int = 20):
    """Frame × outlet: hits per 1,000 words (hit counts in brackets). Generic frames are
    labelled with their validation (:func:`helpers.framing.generic_marks`)."""
    from .framing import generic_marks

    frames = frames.assign(frame=generic_marks(frames["frame"]))
    data = frames.groupby(["frame", "outlet"])[["hits", "per_1000_words"]].mean().reset_index()
    outlets = sorted(data["outlet"].unique())[:max_outlets]
    data = data[data["outlet"].isin(outlets)]
    grid = data.pivot(index="frame", columns="outlet", values="per_1000_words")
    counts = data.pivot(index="frame", columns="outlet", values="hits").round().astype(int)
    fig, ax = plt.subplots(figsize=(2.5 + 1.3 * len(outlets), 1.5 + 0.45 * len(grid)))
    _heatmap(ax, grid, counts, "hits per 1,000 words")
    ax.set_title("Which frames each outlet carries (per 1,000 words; hits in brackets)")
    return fig, data.reset_index(drop=True)


def plot_frame_voice(voice: pd.DataFrame, sides: pd.DataFrame | None = None):
    """Per frame: hits in the reporter's narration and in each side's quotations (sides in
    the order and colours of ``sides``, :mod:`helpers.sides`; default: from the data)."""
    quoted = voice["voice"][voice["voice"].str.startswith("quote: ")].str[len("quote: "):]
    sides = sides_for(sides, quoted)
    order = ["narration", *(f"quote: {k}" for k in side_names(sides))]
    colours = {"narration": "#BBBBBB",
               **{f"quote: {k}": v for k, v in side_colours(sides).items()}}
    grid = voice.pivot(index="frame", columns="voice", values="hits").reindex(
        columns=[o for o in order if o in set(voice["voice"])]).fillna(0)
    grid = grid.loc[grid.sum(axis=1).sort_values(kind="stable").index]
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.42 * len(grid)))
    left = np.zeros(len(grid))
    y = np.arange(len(grid))
    for col in grid.columns:
        ax.barh(y, grid[col], left=left, color=colours[col], label=col)
        left += grid[col].to_numpy()
    ax.set_yticks(y, [f.replace("_", " ") for f in grid.index])
    ax.set_xlabel("hits (all articles)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="voice")
    ax.set_title("In whose voice? Frame hits in narration and in each side's quotations")
    return fig, voice.reset_index(drop=True)


def plot_frame_position(frames: pd.DataFrame, max_outlets: int = 8):
    """Where each frame first appears in each article (0 = the lead, 1 = the end)."""
    present = frames[frames["hits"] > 0]
    outlets = sorted(present["outlet"].unique())[:max_outlets]
    present = present[present["outlet"].isin(outlets)]
    order = (present.groupby("frame")["first_position"].median().sort_values(kind="stable")
             .index.tolist())
    colours = outlet_colours(frames["outlet"])
    fig, ax = plt.subplots(figsize=(9, 1.5 + 0.42 * len(order)))
    offsets = np.linspace(-0.25, 0.25, max(len(outlets), 1))
    for k, outlet in enumerate(outlets):
        part = present[present["outlet"] == outlet]
        ys = [order.index(f) + offsets[k] for f in part["frame"]]
        ax.scatter(part["first_position"], ys, color=colours[outlet], s=40,
                   label=short_label(outlet, 26), zorder=3)
    ax.axvspan(0, 0.15, color="#F0E442", alpha=0.25, label="lead (first 15%)")
    ax.set_yticks(range(len(order)), [f.replace("_", " ") for f in order])
    ax.set_xlim(-0.02, 1.02)
    ax.invert_yaxis()
    ax.set_xlabel("position of the first hit in the article (share of its length)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    ax.set_title("Prominence: lead or buried? First appearance of each frame")
    return fig, present[["doc_id", "outlet", "frame", "first_position",
                         "first_sentence"]].reset_index(drop=True)


def plot_policy_frames(policy: pd.DataFrame, max_outlets: int = 20):
    """The same counts rolled up to the Policy Frames Codebook dimensions."""
    data = policy.groupby(["policy_frame", "outlet"])[["hits", "per_1000_words"]].sum()
    data = data.reset_index()
    outlets = sorted(data["outlet"].unique())[:max_outlets]
    data = data[data["outlet"].isin(outlets)]
    grid = data.pivot(index="policy_frame", columns="outlet", values="per_1000_words").fillna(0)
    counts = data.pivot(index="policy_frame", columns="outlet", values="hits").fillna(0)
    fig, ax = plt.subplots(figsize=(2.5 + 1.3 * len(outlets), 1.5 + 0.45 * len(grid)))
    _heatmap(ax, grid, counts.astype(int), "hits per 1,000 words")
    ax.set_title("Policy Frames Codebook dimensions (Boydstun et al.) per outlet")
    return fig, data.reset_index(drop=True)


def plot_frame_shares(shares: pd.DataFrame, ax=None):
    """Per frame and outlet: the share of sentences that carry the frame, measured by the
    frame's chosen route (:func:`helpers.frame_learning.outlet_shares`), with its 95 %
    interval. Frames whose route does not beat always-yes (``route == "unreliable"``) are
    grey and say so. Returns ``(figure, data)``."""
    frames = sorted(shares["frame"].unique())
    outlets = sorted(shares["outlet"].unique())
    colours = outlet_colours(outlets)
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 1.2 + 0.55 * len(frames)))
    else:
        fig = ax.figure
    step = 0.8 / max(len(outlets), 1)
    for k, outlet in enumerate(outlets):
        part = shares[shares["outlet"] == outlet].set_index("frame").reindex(frames)
        y = np.arange(len(frames))[::-1] - 0.4 + step * (k + 0.5)
        unreliable = (part["route"] == "unreliable").to_numpy()
        for rows, colour in ((~unreliable, colours[outlet]), (unreliable, "0.7")):
            if rows.any():
                ax.errorbar(part["share"].to_numpy()[rows], y[rows],
                            xerr=[(part["share"] - part["share_low"]).to_numpy()[rows],
                                  (part["share_high"] - part["share"]).to_numpy()[rows]],
                            fmt="o", ms=4, color=colour, capsize=2, lw=1,
                            label=outlet if colour != "0.7" else None)
    routes = shares.groupby("frame")["route"].first().reindex(frames)
    ax.set_yticks(np.arange(len(frames))[::-1],
                  [f"{short_label(f.replace('_', ' '), 26)} ({r})" for f, r in routes.items()],
                  fontsize=8)
    ax.set_xlabel("share of sentences carrying the frame (95 % interval)")
    ax.set_xlim(left=0)
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("Frames by outlet, each measured by the route validated for it")
    return fig, shares.reset_index(drop=True)
