"""Figures of notebook 06: sentence scores, actors, drivers and robustness variants."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .figures import annotated_heatmap, outlet_colours, short_label

SPEECH_COLOURS = {"narration": "#999999", "quotes": "#0072B2"}


def plot_sentence_sentiment(scored: pd.DataFrame, clean: pd.DataFrame, max_outlets: int = 20):
    """Distribution of sentence compound per outlet, narration and quoted words apart."""
    outlets = dict(zip(clean["doc_id"], clean["outlet"], strict=True))
    long = pd.concat([
        scored.assign(part="narration", value=scored["narration_compound"]),
        scored.assign(part="quotes", value=scored["quote_compound"]),
    ]).dropna(subset=["value"])
    long["outlet"] = long["doc_id"].map(outlets)
    names = sorted(long["outlet"].unique())[:max_outlets]
    long = long[long["outlet"].isin(names)]
    fig, ax = plt.subplots(figsize=(9, 1.5 + 0.6 * len(names)))
    rng = np.random.default_rng(0)
    for i, outlet in enumerate(names):
        for offset, part in ((-0.18, "narration"), (0.18, "quotes")):
            values = long[(long["outlet"] == outlet) & (long["part"] == part)]["value"]
            y = len(names) - 1 - i + offset
            if len(values):
                ax.boxplot(values, positions=[y], vert=False, widths=0.28, showfliers=False,
                           patch_artist=True, boxprops={"facecolor": "white",
                                                        "edgecolor": SPEECH_COLOURS[part]},
                           medianprops={"color": SPEECH_COLOURS[part], "linewidth": 2})
                if len(values) <= 400:
                    ax.scatter(values, y + rng.uniform(-0.09, 0.09, len(values)), s=10,
                               color=SPEECH_COLOURS[part], alpha=0.6, zorder=3)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(range(len(names))[::-1], [short_label(n) for n in names])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound per sentence (proper names masked)")
    for part, colour in SPEECH_COLOURS.items():
        ax.scatter([], [], color=colour, label=f"{part} of the sentence")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Sentence sentiment per outlet: the reporter's narration vs quoted words")
    data = long[["doc_id", "sent_id", "outlet", "part", "value"]].rename(
        columns={"value": "compound"}).sort_values(["doc_id", "sent_id", "part"])
    return fig, data.reset_index(drop=True)


def plot_actor_sentiment(table: pd.DataFrame, max_outlets: int = 20):
    """Mean compound of sentences mentioning each actor, outlet by outlet (n in cells)."""
    grid = table.pivot(index="outlet", columns="actor", values="mean_compound")
    counts = table.pivot(index="outlet", columns="actor", values="sentences")
    grid = grid.iloc[:max_outlets]
    fig, ax = plt.subplots(figsize=(1.6 + 1.1 * grid.shape[1], 1.4 + 0.55 * grid.shape[0]))
    image = annotated_heatmap(
        grid, ax=ax, cmap="RdBu", vmin=-1, vmax=1, aspect="auto", fontsize=7.5,
        text=lambda i, j, v: f"{v:+.2f}\nn={int(counts.iat[i, j])}" if pd.notna(v) else None,
        xticklabels=list(grid.columns), yticklabels=[short_label(o) for o in grid.index],
        xtick_kw={"rotation": 30, "ha": "right"})
    fig.colorbar(image, ax=ax, shrink=0.8, label="mean compound")
    ax.set_title("Sentences that mention each actor: mean VADER compound")
    return fig, table.reset_index(drop=True)


def plot_drivers(drivers: pd.DataFrame, max_outlets: int = 6):
    """Per outlet, the lexicon words adding most positive and negative valence."""
    outlets = sorted(drivers["outlet"].unique())[:max_outlets]
    cols = min(3, max(len(outlets), 1))
    rows = int(np.ceil(len(outlets) / cols)) or 1
    fig, axes = plt.subplots(rows, cols, figsize=(4.3 * cols, 3.6 * rows), squeeze=False,
                             constrained_layout=True)
    for ax, outlet in zip(axes.ravel(), outlets, strict=False):
        part = drivers[drivers["outlet"] == outlet].sort_values("total")
        y = np.arange(len(part))
        colours = ["#D55E00" if t < 0 else "#0072B2" for t in part["total"]]
        ax.barh(y, part["total"], color=colours)
        ax.set_yticks(y, [f"{w} ({v:+.1f}×{c})" for w, v, c in
                          zip(part["word"], part["valence"], part["count"], strict=True)],
                      fontsize=8)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_title(short_label(outlet, 30), fontsize=10)
        ax.set_xlabel("summed lexicon valence")
    for ax in axes.ravel()[len(outlets):]:
        ax.set_axis_off()
    fig.suptitle("What drives the score: lexicon words by total valence (word (value×count))",
                 fontsize=11)
    return fig, drivers.reset_index(drop=True)


def plot_variants(variants: pd.DataFrame):
    """Mean sentence compound per outlet under each variant; lines join an outlet."""
    order = list(dict.fromkeys(variants["variant"]))
    colours = outlet_colours(variants["outlet"])
    fig, ax = plt.subplots(figsize=(9, 4.8))
    for outlet, g in variants.groupby("outlet", sort=True):
        g = g.set_index("variant").reindex(order)
        ax.plot(range(len(order)), g["mean_compound"], marker="o", color=colours[outlet],
                label=f"{short_label(outlet, 26)}{'' if g['rank_stable'].iloc[0] else ' *'}")
        for x, (value, rank) in enumerate(zip(g["mean_compound"], g["rank"], strict=True)):
            ax.annotate(f"#{rank}", (x, value), xytext=(5, 2), textcoords="offset points",
                        fontsize=7, color=colours[outlet])
    ax.set_xticks(range(len(order)), order, rotation=10)
    ax.set_ylabel("mean sentence compound")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.grid(True, axis="y")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0),
              title="outlet (* = rank changes)", fontsize=8)
    ax.set_title("Robustness: does the ranking of outlets survive each variant? (#rank)")
    return fig, variants.reset_index(drop=True)
