"""Figures of the suite: each function returns ``(figure, data)`` for ``save_figure``.

The data table is exactly what the figure shows, so it is written beside it.
Figures stay legible from one article to thousands: above ``max_items`` rows a
bar chart becomes a histogram or keeps the top rows, and labels are capped.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .figures import annotated_heatmap, outlet_colours, short_label

MAX_BARS = 40


def doc_labels(corpus: pd.DataFrame, width: int = 30) -> dict[str, str]:
    """A short label per ``doc_id``: the outlet where it names one article, else ``outlet · id``."""
    per_outlet = corpus.groupby("outlet")["doc_id"].transform("size")
    labels = {}
    for doc_id, outlet, n in zip(corpus["doc_id"], corpus["outlet"], per_outlet, strict=True):
        if n == 1 and outlet != doc_id:
            label = outlet
        elif outlet == doc_id or doc_id.startswith(f"{outlet}/"):
            label = doc_id
        else:
            label = f"{outlet} · {doc_id}"
        labels[doc_id] = short_label(label, width)
    return labels


def plot_article_lengths(corpus: pd.DataFrame, max_bars: int = MAX_BARS):
    """Words per article, coloured by outlet; a histogram per outlet above ``max_bars`` articles."""
    colours = outlet_colours(corpus["outlet"])
    data = corpus[["doc_id", "outlet", "n_words"]].sort_values("doc_id").reset_index(drop=True)
    if len(data) <= max_bars:
        labels = doc_labels(corpus)
        fig, ax = plt.subplots(figsize=(8, 1.2 + 0.35 * len(data)))
        y = np.arange(len(data))[::-1]
        ax.barh(y, data["n_words"], color=[colours[o] for o in data["outlet"]])
        ax.set_yticks(y, [labels[d] for d in data["doc_id"]])
        for yi, n in zip(y, data["n_words"], strict=True):
            ax.text(n, yi, f" {n}", va="center", fontsize=8)
        ax.set_xlabel("words in the raw text")
    else:
        fig, ax = plt.subplots()
        outlets = sorted(data["outlet"].unique())[:8]
        bins = np.histogram_bin_edges(data["n_words"], bins=30)
        for outlet in outlets:
            ax.hist(data.loc[data["outlet"] == outlet, "n_words"], bins=bins, alpha=0.6,
                    label=short_label(outlet), color=colours[outlet])
        ax.set_xlabel("words in the raw text")
        ax.set_ylabel("articles")
        ax.legend(title="outlet (first 8)")
    ax.set_title(f"Article length ({len(data)} articles)")
    return fig, data


def plot_rule_effects(summary: pd.DataFrame):
    """Characters removed and added by each cleaning rule (from ``rule_summary``)."""
    data = summary.sort_values(["chars_removed", "rule"], ascending=[True, False]).reset_index(
        drop=True
    )
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.3 * len(data)))
    y = np.arange(len(data))
    ax.barh(y - 0.2, data["chars_removed"], height=0.4, label="characters removed",
            color="#D55E00")
    ax.barh(y + 0.2, data["chars_added"], height=0.4, label="characters added", color="#0072B2")
    ax.set_yticks(y, [short_label(r, 34) for r in data["rule"]])
    ax.set_xlabel("characters (all articles)")
    ax.set_title("What each cleaning rule changed")
    ax.legend(loc="lower right")
    return fig, data


def plot_name_variants(variants: pd.DataFrame, corpus: pd.DataFrame, max_entities: int = 8,
                       max_docs: int = MAX_BARS):
    """The spelling fingerprint: counts of each variant of the entities spelled in several ways.

    One row per article, or per outlet when there are more than ``max_docs`` articles.
    """
    labels = doc_labels(corpus)
    if corpus["doc_id"].nunique() > max_docs:
        outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
        variants = (variants.assign(doc_id=variants["doc_id"].map(outlets))
                    .groupby(["doc_id", "entity", "variant", "status"], as_index=False)["count"]
                    .sum())
        corpus = pd.DataFrame({"doc_id": sorted(set(outlets.values()))})
        labels = {o: short_label(o) for o in corpus["doc_id"]}
    multi = variants.groupby("entity")["variant"].nunique()
    entities = multi[multi > 1].index.tolist()
    totals = variants[variants["entity"].isin(entities)].groupby("entity")["count"].sum()
    entities = sorted(totals.sort_values(ascending=False, kind="stable").index[:max_entities])
    data = variants[variants["entity"].isin(entities)].copy()
    docs = sorted(corpus["doc_id"])[:max_docs]
    data = data[data["doc_id"].isin(docs)]
    columns = (data[["entity", "variant", "status"]].drop_duplicates()
               .sort_values(["entity", "status", "variant"]).reset_index(drop=True))
    grid = (data.pivot_table(index="doc_id", columns=["entity", "variant"], values="count",
                             aggfunc="sum", fill_value=0)
            .reindex(index=docs, fill_value=0))
    keys = list(zip(columns["entity"], columns["variant"], strict=True))
    grid = grid.reindex(columns=pd.MultiIndex.from_tuples(keys, names=["entity", "variant"])
                        if keys else None, fill_value=0)
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * len(keys) + 3), 1.5 + 0.4 * len(docs)))
    if keys:
        values = grid.to_numpy()
        half = values.max() / 2
        names = [f"{v}{' *' if s == 'misspelling' else ''}" for v, s in
                 zip(columns["variant"], columns["status"], strict=True)]
        annotated_heatmap(values, ax=ax, vmin=0, aspect="auto",
                          text=lambda i, j, v: str(values[i, j]) if v else None,
                          text_colour=lambda v: "white" if v > half else "black",
                          xticklabels=names, yticklabels=[labels[d] for d in docs],
                          xtick_kw={"rotation": 45, "ha": "right"})
        bounds = columns.groupby("entity", sort=False).size().cumsum().tolist()[:-1]
        for b in bounds:
            ax.axvline(b - 0.5, color="black", linewidth=1)
        ax.set_xlabel("spelling as written (* = misspelling in the actors table)")
    else:
        ax.text(0.5, 0.5, "no entity is spelled in more than one way", ha="center",
                transform=ax.transAxes)
        ax.set_axis_off()
    ax.set_title("Spelling fingerprint: how each article writes the names")
    return fig, data.sort_values(["entity", "variant", "doc_id"]).reset_index(drop=True)


def plot_sentence_counts(sentences: pd.DataFrame, corpus: pd.DataFrame, max_bars: int = MAX_BARS):
    """Sentences per article (or per outlet, for large corpora), split by speech label."""
    order = ["narration", "mixed", "quote"]
    colours = {"narration": "#999999", "mixed": "#E69F00", "quote": "#0072B2"}
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    by_doc = len(corpus) <= max_bars
    key = sentences["doc_id"] if by_doc else sentences["doc_id"].map(outlets)
    data = (sentences.assign(unit=key).groupby(["unit", "speech"]).size().unstack(fill_value=0)
            .reindex(columns=order, fill_value=0).sort_index())
    if not by_doc:
        data = data.loc[data.sum(axis=1).sort_values(ascending=False, kind="stable")
                        .index[:max_bars]].sort_index()
    labels = doc_labels(corpus) if by_doc else {u: short_label(u) for u in data.index}
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.35 * len(data)))
    left = np.zeros(len(data))
    y = np.arange(len(data))[::-1]
    for speech in order:
        ax.barh(y, data[speech], left=left, color=colours[speech], label=speech)
        left += data[speech].to_numpy()
    ax.set_yticks(y, [labels[u] for u in data.index])
    ax.set_xlabel("sentences")
    ax.set_title("Sentences per " + ("article" if by_doc else "outlet") + ", by speech")
    ax.legend(loc="lower right")
    table = data.reset_index().rename(columns={"unit": "doc_id" if by_doc else "outlet"})
    return fig, table


def plot_noise(noise: pd.DataFrame, corpus: pd.DataFrame, max_bars: int = MAX_BARS):
    """The damage indicators per article, as stacked counts per 100 sentences."""
    parts = ["unbalanced_quote_paragraphs", "nested_open_quotes", "glued_brackets",
             "misspelled_names", "lowercase_starts", "spaced_punctuation", "fragment_sentences"]
    labels = doc_labels(corpus)
    if len(noise) > max_bars:  # per outlet: counts summed over its articles
        outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
        noise = (noise.assign(doc_id=noise["doc_id"].map(outlets))
                 .groupby("doc_id", as_index=False)[["n_sentences", *parts]].sum())
        labels = {o: short_label(o) for o in noise["doc_id"]}
    data = noise.sort_values("doc_id").head(max_bars).reset_index(drop=True)
    per100 = data[parts].div(data["n_sentences"].clip(lower=1), axis=0) * 100
    fig, ax = plt.subplots(figsize=(8, 1.4 + 0.35 * len(data)))
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    palette = ["#0072B2", "#56B4E9", "#009E73", "#D55E00", "#E69F00", "#CC79A7", "#999999"]
    for part, colour in zip(parts, palette, strict=True):
        ax.barh(y, per100[part], left=left, color=colour, label=part.replace("_", " "))
        left += per100[part].to_numpy()
    ax.set_yticks(y, [labels[d] for d in data["doc_id"]])
    ax.set_xlabel("signs of damage per 100 sentences")
    ax.set_title("Noise diagnostics: where the text is damaged")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    table = pd.concat([data[["doc_id", "n_sentences"]], per100.round(3)], axis=1)
    return fig, table
