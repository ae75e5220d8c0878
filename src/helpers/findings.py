"""Findings written from the data: the sentences a notebook would otherwise state as fact.

A notebook that says "the AP story and its rewrite are the closest pair" is right on the
seeds and wrong on a reader's own corpus. Each function here takes the run of the corpus
being studied (``helpers.open_corpus``) and returns a short Markdown paragraph computed
from its stored tables, so what a notebook reports is what the run found, on any corpus.
The notebooks show it with ``display(Markdown(findings.<name>(run)))``.

Each function reads only small or filtered tables: no step over all pairs of articles.
"""

from __future__ import annotations

import pandas as pd

# the tables each finding reads, for the runner (helpers.tools.run.notebook_needs)
NEEDS: dict[str, tuple[str, ...]] = {
    "closest_pairs": ("neighbours", "corpus"),
    "stable_partners": ("similarity_variants",),
    "derived_pairs": ("reuse_summary", "corpus"),
    "voices_by_outlet": ("quotes", "corpus"),
    "frame_spread": ("frames",),
}


def _outlets(run) -> dict[str, str]:
    corpus = run.table("corpus", columns=["doc_id", "outlet"])
    return dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))


def _name(doc_id: str, outlets: dict[str, str]) -> str:
    outlet = outlets.get(doc_id, doc_id)
    return f"`{doc_id}`" if outlet == doc_id else f"{outlet} (`{doc_id}`)"


def closest_pairs(run, top: int = 3) -> str:
    """The ``top`` most similar pairs of articles by TF-IDF cosine, and how far the closest
    stands ahead of the next: a pair far ahead is worth reading sentence by sentence."""
    nb = run.neighbours
    if nb.empty:
        return "**This corpus has no pair of articles that share a term.**"
    a, b = nb["doc_id"].to_numpy(), nb["neighbour_id"].to_numpy()
    pairs = nb.assign(first=[min(x, y) for x, y in zip(a, b, strict=True)],
                      second=[max(x, y) for x, y in zip(a, b, strict=True)])
    pairs = (pairs.drop_duplicates(["first", "second"])
             .sort_values(["cosine", "first", "second"], ascending=[False, True, True])
             .head(top))
    outlets = _outlets(run)
    lines = [f"{i}. {_name(r.first, outlets)} and {_name(r.second, outlets)}: cosine "
             f"{r.cosine:.2f}" for i, r in enumerate(pairs.itertuples(), 1)]
    text = "**On this corpus, the closest pairs of articles:**\n\n" + "\n".join(lines)
    if len(pairs) > 1:
        first, second = pairs["cosine"].iat[0], pairs["cosine"].iat[1]
        ratio = first / second if second > 0 else float("inf")
        lead = ("far ahead of the next" if ratio >= 2 else
                "ahead of the next" if ratio >= 1.25 else "in a narrow band with the next")
        text += (f"\n\nThe closest pair is {lead} ({first:.2f} against {second:.2f}, "
                 f"{ratio:.1f} times).")
    identical = int((pairs["cosine"] >= 0.99).sum())
    if identical:
        text += (f" A cosine of 1.00 means the same words twice: read "
                 f"{'that pair' if identical == 1 else 'those pairs'} for duplicates "
                 f"before anything else.")
    return text


def _nearest(variants: pd.DataFrame) -> pd.DataFrame:
    """Each row's nearest other column, per variant (ties: the first column)."""
    off = variants[variants["row"] != variants["col"]]
    off = off.sort_values(["variant", "row", "cosine", "col"],
                          ascending=[True, True, False, True])
    return off.drop_duplicates(["variant", "row"])[["variant", "row", "col"]]


def stable_partners(run) -> str:
    """Which articles (or outlets, on a large corpus) keep their nearest partner under every
    variant of the sensitivity check, and which do not."""
    variants = run.similarity_variants
    if variants.empty:
        return "**No similarity variants were computed for this corpus.**"
    level = str(variants["level"].iat[0])
    near = _nearest(variants)
    n_variants = near["variant"].nunique()
    partners = near.groupby("row")["col"].nunique()
    stable = sorted(partners.index[partners == 1])
    moving = sorted(partners.index[partners > 1])
    outlets = _outlets(run) if level == "article" else {}
    name = (lambda x: _name(x, outlets)) if level == "article" else str
    text = (f"**On this corpus, {len(stable)} of {len(partners)} {level}s keep the same "
            f"nearest partner under all {n_variants} variants.**")
    if stable:
        firsts = near[near["row"].isin(stable)].drop_duplicates("row").head(8)
        text += "\n\nStable: " + "; ".join(f"{name(r.row)} → {name(r.col)}"
                                           for r in firsts.itertuples()) + "."
    if moving:
        text += (f"\n\nThe nearest partner changes with the choice for {len(moving)}: "
                 + ", ".join(name(x) for x in moving[:8])
                 + (" …" if len(moving) > 8 else "")
                 + ". No claim about their closest partner should rest on one setting.")
    return text


def derived_pairs(run, top: int = 5) -> str:
    """The ordered pairs judged ``derived``, with their evidence, or a plain statement that
    the corpus has none."""
    summary = run.reuse_summary
    counts = summary["verdict"].value_counts()
    outlets = _outlets(run)
    derived = summary[summary["verdict"] == "derived"].sort_values(
        ["share_derived", "doc_a", "doc_b"], ascending=[False, True, True])
    tally = ", ".join(f"{v}: {int(n)}" for v, n in counts.items())
    if derived.empty:
        return (f"**On this corpus no article is derived from another** (verdicts of the "
                f"ordered pairs with any aligned sentence: {tally or 'none'}). Shared facts "
                f"and shared quotations are not copying.")
    lines = []
    for r in derived.head(top).itertuples():
        order = "known" if r.direction == "a→b" else "unknown: read both"
        lines.append(
            f"* {_name(r.doc_b, outlets)} from {_name(r.doc_a, outlets)}: {r.share_derived:.0%}"
            f" of its {r.narration_b} narration sentences copied or rewritten, "
            f"{r.in_order_b} in the source's order; longest shared run "
            f"{r.longest_shared_words} words; direction {order}.")
    more = f"\n\n… and {len(derived) - top} more." if len(derived) > top else ""
    many = "ordered pairs are" if len(derived) > 1 else "ordered pair is"
    return (f"**On this corpus, {len(derived)} {many} derived** "
            f"(all verdicts: {tally}).\n\n" + "\n".join(lines) + more)


def voices_by_outlet(run, top: int = 10) -> str:
    """For each outlet (the ``top`` with the most quoted words): the side whose speakers
    fill most of its quoted words, with that side's share, and its most quoted person.
    Without a sides table every side is unknown, and the paragraph says so."""
    quotes = run.table("quotes", columns=["doc_id", "side", "person", "n_words"])
    if quotes.empty:
        return "**On this corpus no quotation was found.**"
    outlets = _outlets(run)
    quotes = quotes.assign(outlet=quotes["doc_id"].map(outlets),
                           side=quotes["side"].replace("", "unknown"))
    words = quotes.groupby(["outlet", "side"])["n_words"].sum().rename("words").reset_index()
    totals = words.groupby("outlet")["words"].sum()
    words["share"] = words["words"] / words["outlet"].map(totals)
    lead = (words.sort_values(["outlet", "share", "side"], ascending=[True, False, True])
            .drop_duplicates("outlet").set_index("outlet"))
    named = quotes[quotes["person"] != ""]
    person = (named.groupby(["outlet", "person"])["n_words"].sum().rename("words")
              .reset_index().sort_values(["outlet", "words", "person"],
                                         ascending=[True, False, True])
              .drop_duplicates("outlet").set_index("outlet")["person"])
    sides_known = bool((quotes["side"] != "unknown").any())
    order = totals.sort_values(ascending=False, kind="stable").index[:top]
    lines = []
    for o in order:
        who = f"most quoted: {person[o]}" if o in person.index else "no named speaker"
        side = (f"{lead.at[o, 'side']} ({lead.at[o, 'share']:.0%} of "
                f"{int(totals[o]):,} quoted words); " if sides_known else
                f"{int(totals[o]):,} quoted words; ")
        lines.append(f"* {o}: {side}{who}")
    more = (f"\n\n… and {len(totals) - top} more outlets." if len(totals) > top else "")
    head = ("**On this corpus, the side with the most quoted words in each outlet:**"
            if sides_known else
            "**On this corpus every speaker's side is unknown** (no `sides.csv` or "
            "`actors.csv` gives sides); the most quoted person of each outlet:")
    return head + "\n\n" + "\n".join(lines) + more


def frame_spread(run) -> str:
    """Which frames every outlet carries, which only one outlet carries, and how small the
    counts are."""
    frames = run.table("frames", columns=["frame", "outlet", "hits"])
    if frames.empty or frames["hits"].sum() == 0:
        return "**On this corpus the codebook found no frame.**"
    table = frames.groupby(["frame", "outlet"])["hits"].sum().unstack(fill_value=0)
    carried = (table > 0).sum(axis=1)
    everywhere = sorted(table.index[carried == table.shape[1]])
    single = table[carried == 1]
    alone = [f"{f} ({single.columns[single.loc[f].to_numpy() > 0][0]})"
             for f in sorted(single.index)]
    cells = table.to_numpy()[table.to_numpy() > 0]
    small = float((cells <= 3).mean()) if cells.size else 0.0
    text = (f"**On this corpus, {len(everywhere)} of {len(table)} frames appear in every "
            f"outlet**" + (f": {', '.join(everywhere)}." if everywhere else "."))
    if alone:
        text += f"\n\nCarried by one outlet only: {', '.join(alone[:10])}" + (
            " …" if len(alone) > 10 else "") + "."
    text += (f"\n\n{small:.0%} of the non-empty outlet × frame cells rest on three hits or "
             f"fewer: they say a frame is *present*, not how strongly.")
    return text
