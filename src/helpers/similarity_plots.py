"""Figures of notebooks 03 and 04: similarity heatmap, dendrogram, map, variants, keyness,
lineage."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .figures import annotated_heatmap, outlet_colours, short_label

KIND_STYLE = {
    "verbatim": ("#0072B2", "-", 2.2),
    "near-verbatim": ("#56B4E9", "-", 1.6),
    "paraphrase": ("#E69F00", "--", 1.2),
}


def _square(ax, matrix: pd.DataFrame, labels: list[str], annotate: bool = True,
            vmax: float | None = None):
    values = matrix.to_numpy()
    off = values[~np.eye(len(values), dtype=bool)] if len(values) > 1 else values.ravel()
    top = vmax if vmax is not None else (float(off.max()) if off.size else 1.0) or 1.0
    return annotated_heatmap(
        values, ax=ax, cmap="viridis", vmin=0, vmax=top,
        text=(lambda i, j, v: f"{v:.2f}") if annotate and len(labels) <= 20 else None,
        text_colour=lambda v: "black" if v > 0.6 * top else "white",
        xticklabels=labels, yticklabels=labels, xtick_kw={"rotation": 40, "ha": "right"})


def plot_similarity(matrix: pd.DataFrame, labels: dict[str, str], title: str):
    """Annotated cosine heatmap (the colour scale stops at the largest off-diagonal value)."""
    names = [labels.get(i, short_label(i)) for i in matrix.index]
    fig, ax = plt.subplots(figsize=(1.6 + 0.75 * len(names), 1.2 + 0.65 * len(names)))
    image = _square(ax, matrix, names)
    fig.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity")
    ax.set_title(title)
    data = matrix.reset_index().rename(columns={matrix.index.name or "index": "doc_id"})
    return fig, data


def plot_dendrogram(matrix: pd.DataFrame, labels: dict[str, str], title: str):
    """Average-linkage dendrogram on ``1 - cosine``; the data table is the linkage."""
    from scipy.cluster.hierarchy import dendrogram

    from .similarity import linkage_order

    names = [labels.get(i, short_label(i)) for i in matrix.index]
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.4 * len(names)))
    if len(names) >= 2:
        link = linkage_order(matrix)
        dendrogram(link, labels=names, orientation="right", ax=ax, color_threshold=0,
                   above_threshold_color="#0072B2")
        ax.set_xlabel("distance (1 - cosine), average linkage")
        data = pd.DataFrame(link, columns=["cluster_a", "cluster_b", "distance", "size"]).round(6)
        data.insert(0, "step", range(1, len(data) + 1))
    else:
        ax.text(0.5, 0.5, "one item: nothing to cluster", ha="center", transform=ax.transAxes)
        ax.set_axis_off()
        data = pd.DataFrame(columns=["step", "cluster_a", "cluster_b", "distance", "size"])
    ax.grid(False)
    ax.set_title(title)
    return fig, data


def plot_map(coords: pd.DataFrame, outlets: dict[str, str], labels: dict[str, str],
             title: str):
    """2-D map of the articles (or outlets), one colour per outlet."""
    colours = outlet_colours(set(outlets.values()))
    fig, ax = plt.subplots(figsize=(7, 5.5))
    for row in coords.itertuples(index=False):
        outlet = outlets.get(row.doc_id, row.doc_id)
        ax.scatter(row.x, row.y, s=90, color=colours.get(outlet, "#999999"), zorder=3,
                   edgecolor="white")
        if len(coords) <= 40:
            ax.annotate(labels.get(row.doc_id, short_label(row.doc_id)), (row.x, row.y),
                        xytext=(6, 4), textcoords="offset points", fontsize=9)
    ax.set_xlabel("MDS dimension 1")
    ax.set_ylabel("MDS dimension 2")
    ax.grid(True, axis="both")
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_title(title)
    return fig, coords


def plot_variants(variants: dict[str, pd.DataFrame], labels: dict[str, str]):
    """Small multiples: the same heatmap under each analysis choice, one shared scale."""
    names = list(variants)
    first = variants[names[0]]
    ticks = [labels.get(i, short_label(i)) for i in first.index]
    cols = 2
    rows = int(np.ceil(len(names) / cols))
    size = 1.5 + 0.55 * len(ticks)
    fig, axes = plt.subplots(rows, cols, figsize=(cols * size + 1, rows * size),
                             squeeze=False, constrained_layout=True)
    tables = []
    for ax, name in zip(axes.ravel(), names, strict=False):
        matrix = variants[name]
        _square(ax, matrix, ticks, vmax=1.0)
        ax.set_title(name, fontsize=10)
        long = matrix.stack().rename("cosine").reset_index()
        long.columns = ["doc_a", "doc_b", "cosine"]
        tables.append(long.assign(variant=name))
    for ax in axes.ravel()[len(names):]:
        ax.set_axis_off()
    fig.suptitle("Similarity under four analysis choices (same colour scale, 0 to 1)")
    data = pd.concat(tables, ignore_index=True)[["variant", "doc_a", "doc_b", "cosine"]]
    return fig, data


def plot_keyness(table: pd.DataFrame, top: int = 8, max_outlets: int = 8):
    """Top distinctive terms per outlet (log-likelihood); pale bars are too rare to trust."""
    outlets = sorted(table["outlet"].unique())[:max_outlets]
    colours = outlet_colours(outlets)
    cols = min(3, max(len(outlets), 1))
    rows = int(np.ceil(len(outlets) / cols)) or 1
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 0.35 * top * rows + 1.2 * rows),
                             squeeze=False, constrained_layout=True)
    shown = []
    for ax, outlet in zip(axes.ravel(), outlets, strict=False):
        part = table[table["outlet"] == outlet].head(top).iloc[::-1]
        shown.append(part.iloc[::-1])
        y = np.arange(len(part))
        alpha = np.where(part["low_count"], 0.35, 1.0)
        for yi, value, a in zip(y, part["log_likelihood"], alpha, strict=True):
            ax.barh(yi, value, color=colours[outlet], alpha=a)
        ax.set_yticks(y, [f"{t} ({c}/{r})" for t, c, r in
                          zip(part["term"], part["count"], part["count_rest"], strict=True)])
        ax.set_title(short_label(outlet, 30), fontsize=10)
        ax.axvline(3.84, color="#555555", linewidth=0.8, linestyle=":")
        ax.set_xlabel("log-likelihood G²")
    for ax in axes.ravel()[len(outlets):]:
        ax.set_axis_off()
    fig.suptitle("Distinctive terms per outlet: term (count here / count elsewhere); "
                 "pale = fewer than 5 uses", fontsize=10)
    data = pd.concat(shown, ignore_index=True) if shown else table.head(0)
    return fig, data


def plot_lineage(sentences: pd.DataFrame, reuse: pd.DataFrame, doc_a: str, doc_b: str,
                 labels: dict[str, str], width: int = 48):
    """B's sentences (right) linked to their best source sentence in A (left)."""
    left = sentences[sentences["doc_id"] == doc_a].sort_values("sent_id")
    right = sentences[sentences["doc_id"] == doc_b].sort_values("sent_id")
    links = reuse[(reuse["doc_a"] == doc_a) & (reuse["doc_b"] == doc_b)]
    n = max(len(left), len(right), 1)
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.32 * n))
    ya = {s: n - 1 - k * (n - 1) / max(len(left) - 1, 1) for k, s in enumerate(left["sent_id"])}
    yb = {s: n - 1 - k * (n - 1) / max(len(right) - 1, 1) for k, s in enumerate(right["sent_id"])}
    for row in links.itertuples(index=False):
        colour, style, lw = KIND_STYLE[row.kind]
        ax.plot([0.0, 1.0], [ya[row.sent_a], yb[row.sent_b]], color=colour, linestyle=style,
                linewidth=lw, alpha=0.5 if row.in_quote else 0.95)
    linked = set(links["sent_b"])
    for row in left.itertuples(index=False):
        ax.text(-0.02, ya[row.sent_id], f"{short_label(row.text, width)}  {row.sent_id:>2}",
                ha="right", va="center", fontsize=7.5)
    for row in right.itertuples(index=False):
        new = row.sent_id not in linked
        ax.text(1.02, yb[row.sent_id], f"{row.sent_id:>2}  {short_label(row.text, width)}",
                ha="left", va="center", fontsize=7.5, color="#999999" if new else "black",
                style="italic" if new else "normal")
    for kind, (colour, style, lw) in KIND_STYLE.items():
        ax.plot([], [], color=colour, linestyle=style, linewidth=lw, label=kind)
    ax.plot([], [], color="#999999", linewidth=3, alpha=0.5, label="(pale: inside a quotation)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=4, fontsize=8)
    ax.set_xlim(-1.1, 2.1)
    ax.set_ylim(-1, n)
    ax.set_axis_off()
    ax.set_title(f"Wire lineage: {labels.get(doc_b, doc_b)} (right) traced to "
                 f"{labels.get(doc_a, doc_a)} (left); grey italics = new")
    table = right[["doc_id", "sent_id", "text"]].rename(
        columns={"doc_id": "doc_b", "sent_id": "sent_b", "text": "text_b"}).merge(
        links[["sent_b", "doc_a", "sent_a", "kind", "score", "in_quote"]], on="sent_b",
        how="left")
    table["kind"] = table["kind"].fillna("new")
    return fig, table[["doc_a", "sent_a", "doc_b", "sent_b", "kind", "score", "in_quote",
                       "text_b"]]
