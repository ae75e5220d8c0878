"""Who speaks: quotes and quoted words by side, named vs anonymous, and the quote ledger."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .quote_variants import group_quotes
from .sides import side_names

SOURCING = ("named", "anonymous", "unresolved", "unattributed")
LEDGER_COLUMNS = ["statement_id", "statement", "group_kind", "n_articles", "doc_id", "outlet",
                  "quote", "relation", "kind", "speaker", "side", "sourcing", "in_narration"]


def voices_by_side(quotes: pd.DataFrame, corpus: pd.DataFrame,
                   sides: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: quotes and quoted words from each side, with shares of quoted words.

    Columns ``doc_id, outlet, side, quotes, words, share_words``; every side of ``sides``
    (:mod:`helpers.sides`; default: the sides found in ``quotes``, ``unknown`` last) is
    listed for every article (zeros included), so outlets compare directly.
    """
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    names = side_names(sides) if sides is not None else [
        *sorted(set(quotes["side"]) - {"unknown"}), "unknown"]
    grid = pd.MultiIndex.from_product([sorted(corpus["doc_id"]), names],
                                      names=["doc_id", "side"])
    counts = (quotes.groupby(["doc_id", "side"])
              .agg(quotes=("quote_id", "size"), words=("n_words", "sum"))
              .reindex(grid, fill_value=0).reset_index())
    totals = counts.groupby("doc_id")["words"].transform("sum")
    counts["share_words"] = (counts["words"] / totals.where(totals > 0)).fillna(0).round(4)
    counts.insert(1, "outlet", counts["doc_id"].map(outlets))
    return counts.astype({"quotes": "int64", "words": "int64"})


def sourcing_shares(quotes: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: how many quotes are named, anonymous, unresolved or unattributed."""
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    table = (quotes.groupby(["doc_id", "sourcing"]).size().unstack(fill_value=0)
             .reindex(index=sorted(corpus["doc_id"]), columns=list(SOURCING), fill_value=0))
    total = table.sum(axis=1)
    shares = table.div(total.where(total > 0), axis=0).fillna(0).round(4)
    out = table.add_suffix("_quotes").join(shares.add_suffix("_share"))
    out.insert(0, "outlet", [outlets[d] for d in out.index])
    out.insert(1, "quotes", total.astype("int64"))
    return out.reset_index()


SPEAKER_COLUMNS = ["outlet", "speaker", "side", "quotes", "words", "share_words",
                   "low_confidence", "mean_confidence"]


def top_speakers(quotes: pd.DataFrame, corpus: pd.DataFrame, per_outlet: int = 8,
                 low: float | None = None) -> pd.DataFrame:
    """The people who speak most in each outlet: quotes and quoted words per named speaker.

    Columns :data:`SPEAKER_COLUMNS`. Speakers are persons: the quotes table's ``person``
    (the actors table's canonical name, else the fullest name in the corpus; a quote
    from "the senator" counts for the senator the article named). ``share_words`` is the
    speaker's share of the outlet's quoted words (all quotes, unresolved ones included,
    so an outlet whose speakers are often unknown shows it). ``low_confidence`` counts
    the speaker's quotes attributed with a confidence of ``low`` or less (default
    :data:`helpers.quotes.LOW_CONFIDENCE`).
    Only the ``per_outlet`` first speakers of each outlet are kept.
    """
    from .quotes import LOW_CONFIDENCE

    low = LOW_CONFIDENCE if low is None else low
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    table = quotes.assign(outlet=quotes["doc_id"].map(outlets))
    total = table.groupby("outlet")["n_words"].sum()
    person = table["person"] if "person" in table else table["speaker"].where(
        table["sourcing"].eq("named"), "")
    named = table.assign(speaker=person)[person.ne("")]
    if named.empty:
        return pd.DataFrame(columns=SPEAKER_COLUMNS)
    confidence = named["confidence"] if "confidence" in named else pd.Series(1.0, named.index)
    out = (named.assign(low=confidence.le(low), conf=confidence)
           .groupby(["outlet", "speaker"], sort=True)
           .agg(side=("side", lambda s: s.mode().iloc[0]), quotes=("quote_id", "size"),
                words=("n_words", "sum"), low_confidence=("low", "sum"),
                mean_confidence=("conf", "mean"))
           .reset_index())
    out["share_words"] = (out["words"] / out["outlet"].map(total).clip(lower=1)).round(4)
    out["mean_confidence"] = out["mean_confidence"].round(3)
    out = out.sort_values(["outlet", "words", "speaker"], ascending=[True, False, True],
                          kind="stable")
    out = out.groupby("outlet", sort=False).head(per_outlet)
    return out[SPEAKER_COLUMNS].astype({"quotes": "int64", "words": "int64",
                                        "low_confidence": "int64"}).reset_index(drop=True)


def anonymous_descriptions(quotes: pd.DataFrame) -> pd.DataFrame:
    """Each anonymous source's description as written, with its side and quote count."""
    anon = quotes[quotes["sourcing"] == "anonymous"]
    return (anon.groupby(["doc_id", "speaker", "side"]).size().rename("quotes").reset_index()
            .sort_values(["doc_id", "quotes", "speaker"], ascending=[True, False, True])
            .reset_index(drop=True))


def quote_ledger(quotes: pd.DataFrame, corpus: pd.DataFrame, sentences: pd.DataFrame,
                 threshold: float = 0.45) -> pd.DataFrame:
    """The same statement traced through the outlets: who carries it, how, and whose it is.

    Quotations (fragments included) are grouped across articles as in
    :func:`helpers.quote_variants.group_quotes`. ``in_narration`` counts sentences of the
    article that carry the statement's key words outside quotation marks.
    """
    grouped = group_quotes(quotes, min_words=1, threshold=threshold)
    if grouped.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    statement = grouped.groupby("group_id")["quote"].transform(
        lambda q: max(q, key=lambda x: (len(x.split()), x)))
    grouped = grouped.assign(statement_id=grouped["group_id"].str.replace("Q", "S"),
                             statement=statement, outlet=grouped["doc_id"].map(outlets))
    narration = sentences[sentences["speech"] != "quote"]
    wanted = set(grouped["doc_id"])
    by_doc = {d: list(g) for d, g in narration[narration["doc_id"].isin(wanted)]
              .groupby("doc_id", sort=False)["text"]}
    patterns: dict[str, re.Pattern[str]] = {}
    counts = []
    for d, q in zip(grouped["doc_id"], grouped["quote"], strict=True):
        if q not in patterns:
            patterns[q] = re.compile(re.escape(q.rstrip(".")), re.I)
        search = patterns[q].search
        counts.append(sum(1 for text in by_doc.get(d, ()) if search(text)))
    grouped["in_narration"] = counts
    return grouped[LEDGER_COLUMNS].reset_index(drop=True)


def trace_phrase(phrase: str, quotes: pd.DataFrame, sentences: pd.DataFrame,
                 corpus: pd.DataFrame) -> pd.DataFrame:
    """Every sentence that carries ``phrase``, with whose voice it is in.

    Columns ``phrase, doc_id, outlet, sent_id, voice, speaker, side, sourcing, text``;
    ``voice`` is ``quote`` when the phrase lies inside a quotation (its speaker given),
    else ``narration``.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    outlets = dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.I)
    # a plain substring test in Arrow first (milliseconds for a million sentences), the
    # word-boundary pattern only on the few sentences that pass it
    texts = pa.array(sentences["text"].to_numpy(dtype=object), type=pa.large_string())
    near = np.asarray(pc.match_substring(texts, phrase, ignore_case=True)
                      .fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    candidates = sentences[near]
    carrying = candidates[candidates["text"].str.contains(pattern, regex=True)]
    columns = ["start", "end", "speaker", "side", "sourcing"]
    by_doc = {d: tuple(g[c].to_numpy() for c in columns) for d, g in
              quotes[quotes["doc_id"].isin(set(carrying["doc_id"]))].groupby("doc_id",
                                                                            sort=False)}
    rows = []
    for s in carrying.itertuples(index=False):
        here = by_doc.get(s.doc_id)
        for m in pattern.finditer(s.text):
            at = s.start + m.start()
            inside = [] if here is None else np.flatnonzero(
                (here[0] <= at) & (here[1] >= at + len(phrase)))
            if len(inside):
                k = inside[0]
                rows.append((phrase, s.doc_id, outlets[s.doc_id], s.sent_id, "quote",
                             here[2][k], here[3][k], here[4][k], s.text))
            else:
                rows.append((phrase, s.doc_id, outlets[s.doc_id], s.sent_id, "narration", "",
                             "", "", s.text))
    return pd.DataFrame(rows, columns=["phrase", "doc_id", "outlet", "sent_id", "voice",
                                       "speaker", "side", "sourcing", "text"])
