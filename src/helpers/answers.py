"""The answers to the notebooks' exercises, computed from the data of any corpus.

Each function takes the run of the corpus being studied (``helpers.open_corpus``) and
returns what :func:`helpers.exercises.check` compares with the student's prediction, so
an exercise stays right on a corpus other than the seeds: nothing here is a stored value.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths

# the tables each answer reads, so that the runner starts a notebook as soon as they are
# stored (helpers.tools.run.notebook_needs); keep in step with the functions below
SEARCH_TABLES = ("sentences", "clean", "sentiment", "quotes", "frame_hits",
                 "generic_frame_hits")
NEEDS: dict[str, tuple[str, ...]] = {
    "longest_outlet": ("corpus",),
    "most_alike_outlets": ("neighbours", "clean"),
    "idf_values": ("tfidf_terms",),
    "outlets_using": SEARCH_TABLES,
    "voices_using": SEARCH_TABLES,
    "busiest_outlet": ("quotes", "clean"),
    "dominant_side": ("quotes", "clean"),
    "frames_everywhere": ("frames",),
    "user_copy": ("corpus",),
    "busiest_rule": ("audit",),
    "closest_pair": ("clean",),
    "most_derived_outlet": ("reuse_summary", "corpus"),
    "verdict_without_quotes": ("reuse_summary", "corpus"),
    "top_pair": ("reuse_summary",),
    "most_quoted_person": ("quotes",),
    "names_without_actors": ("quotes", "corpus"),
    "saturated_share": ("sentiment_docs",),
    "most_positive_sentence": ("sentiment",),
    "most_anonymous_outlet": ("quotes", "clean"),
    "direction_without_metadata": ("reuse_summary", "corpus"),
    "alias_actor": ("name_variants",),
    "mentions_without_aliases": ("sentences", "name_variants"),
}

# where the exercises' user copies of a corpus go: never the corpus itself, never figures/
EXERCISE_COPIES = paths.BUILD / "scratch" / "exercises"
METADATA = "metadata.csv"


def longest_outlet(run) -> str:
    """The outlet of the longest article (in words; the first in ``doc_id`` order on a
    tie)."""
    corpus = run.table("corpus", columns=["doc_id", "outlet", "n_words"])
    return str(corpus.sort_values(["n_words", "doc_id"], ascending=[False, True])
               ["outlet"].iat[0])


def edited_copy_loads(folder: str | Path) -> bool:
    """Whether a copy of the corpus ``folder``'s first article, with one character
    changed, still loads under the folder's own checksum rules. It does not when the
    folder has ``SHA256SUMS``: the checksum catches the edit. Only that article and its
    checksum line are copied (into a temporary folder, removed after), so the answer
    costs the same on 100,000 articles as on five."""
    from .corpus import CHECKSUM_FILE, CorpusError, find_articles, load_corpus, read_checksums

    folder = Path(folder)
    first = find_articles(folder)[0]
    rel = first.relative_to(folder).as_posix()
    sums = read_checksums(folder)
    with tempfile.TemporaryDirectory(prefix="helpers-exercise-") as tmp:
        copy = Path(tmp) / "corpus"
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        data = first.read_bytes()
        (copy / rel).write_bytes(data[:-1] + (b"!" if data[-1:] != b"!" else b"?"))
        if sums is not None:
            (copy / CHECKSUM_FILE).write_text(f"{sums.get(rel, '0' * 64)}  {rel}\n",
                                              encoding="utf-8")
        try:
            load_corpus(copy)
        except CorpusError:
            return False
        return True


def most_alike_outlets(run) -> set[str]:
    """The outlets of the two most similar articles (highest TF-IDF cosine)."""
    near = run.table("neighbours")
    if near.empty:  # a corpus of one article has no pair
        return set()
    outlets = run.table("clean", columns=["doc_id", "outlet"]).set_index("doc_id")["outlet"]
    best = near.sort_values(["cosine", "doc_id", "neighbour_id"],
                            ascending=[False, True, True]).iloc[0]
    return {str(outlets[best["doc_id"]]), str(outlets[best["neighbour_id"]])}


def idf_values(run) -> int:
    """How many distinct values IDF takes on the corpus (one per document frequency)."""
    return int(run.table("tfidf_terms")["idf"].round(12).nunique())


def _index(run, index):
    from .explorer import SentenceIndex

    return index if index is not None else SentenceIndex(run)


def outlets_using(run, phrase: str, index=None) -> set[str]:
    """The outlets with at least one sentence containing ``phrase`` (phrase search).
    ``index``: the run's :class:`~helpers.explorer.SentenceIndex` when one is open
    (notebook 09's), else one is built."""
    counts = _index(run, index).find(phrase).counts
    return set(counts.loc[counts["sentences"] > 0, "outlet"])


def voices_using(run, phrase: str, index=None) -> set[str]:
    """The voices (narration, quote, mixed) of the sentences containing ``phrase``
    (``index`` as for :func:`outlets_using`)."""
    index = _index(run, index)
    found = index.find(phrase)
    return {index.voices[v] for v in index.voice[found.rows]}


def _quotes_by_outlet(run, column: str = "side") -> pd.DataFrame:
    """``doc_id``, ``column`` and ``outlet`` of every quotation."""
    quotes = run.table("quotes", columns=["doc_id", column])
    outlets = run.table("clean", columns=["doc_id", "outlet"])
    return quotes.merge(outlets, on="doc_id")


def busiest_outlet(run) -> str:
    """The outlet with the most quotations (the first by name on a tie)."""
    counts = _quotes_by_outlet(run).groupby("outlet").size()
    return str(counts.sort_index().idxmax()) if len(counts) else ""


def dominant_side(run, outlet: str) -> str:
    """The side whose speakers ``outlet`` quotes most often (``unknown`` counts as a side;
    the first by name on a tie)."""
    quotes = _quotes_by_outlet(run)
    sides = quotes.loc[quotes["outlet"] == outlet, "side"].replace("", "unknown")
    return str(sides.value_counts().sort_index().idxmax()) if len(sides) else ""


def frames_everywhere(run) -> set[str]:
    """The codebook frames with at least one hit in every outlet."""
    frames = run.table("frames", columns=["frame", "outlet", "hits"])
    table = frames.groupby(["frame", "outlet"])["hits"].sum().unstack(fill_value=0)
    return set(table.index[(table > 0).all(axis=1)])


# ---------------------------------------------------------------- inputs a student changes
def user_copy(run, name: str, *, docs: Sequence[str] | None = None, max_articles: int = 50,
              without: Iterable[str] = ()) -> Path:
    """A copy of the corpus that an exercise may change, in ``build/scratch/exercises/NAME``
    (replaced if it exists): the articles ``docs`` (by default all of them, or a sample of
    ``max_articles`` drawn with a fixed seed from a larger corpus: enough to see what a
    change does, small enough to run in a few seconds), their rows of
    ``metadata.csv`` and ``SHA256SUMS``, and every other side table of the corpus folder
    (``actors.csv``, ``codebook.csv``, ``sentiment_lexicon.csv`` …) except the files named
    in ``without``. The corpus itself is never touched: a student edits the copy's side
    tables and opens it with ``helpers.open_corpus(copy)``."""
    from .corpus import CHECKSUM_FILE, find_articles, read_checksums

    folder = Path(run.folder)
    files = {p.relative_to(folder).with_suffix("").as_posix(): p
             for p in find_articles(folder)}
    if docs is None:
        ids = sorted(files)
        if len(ids) > max_articles:
            rng = np.random.default_rng(0)
            ids = sorted(rng.choice(ids, size=max_articles, replace=False).tolist())
    else:
        missing = sorted(set(docs) - set(files))
        if missing:
            raise ValueError(f"{folder}: no article {missing[0]!r} to copy")
        ids = sorted(set(docs))
    dest = EXERCISE_COPIES / name
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for doc in ids:
        target = dest / f"{doc}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(files[doc], target)
    sums = read_checksums(folder)
    if sums is not None:
        rels = [f"{doc}.txt" for doc in ids]
        (dest / CHECKSUM_FILE).write_text("".join(f"{sums[r]}  {r}\n" for r in rels if r in sums),
                                          encoding="utf-8")
    skip = set(without) | {METADATA, CHECKSUM_FILE}
    for side in sorted(folder.glob("*.csv")):
        if side.name not in skip:
            shutil.copyfile(side, dest / side.name)
    if (folder / METADATA).is_file() and METADATA not in set(without):
        meta = pd.read_csv(folder / METADATA, dtype=str, keep_default_na=False)
        meta[meta["doc_id"].isin(ids)].to_csv(dest / METADATA, index=False)
    return dest


def add_rows(table: str | Path, rows: Sequence[dict[str, object]]) -> Path:
    """Append ``rows`` to the side table ``table`` (a CSV in a user copy), creating it with
    the rows' columns when it does not exist. Returns the path."""
    table = Path(table)
    if EXERCISE_COPIES.resolve() not in table.resolve().parents:
        raise ValueError(f"{table}: exercises change side tables of a user copy only "
                         f"(below {EXERCISE_COPIES}), never the corpus itself")
    new = pd.DataFrame(list(rows))
    if table.is_file():
        old = pd.read_csv(table, dtype=str, keep_default_na=False)
        new = pd.concat([old, new.astype(str)], ignore_index=True)
    new.to_csv(table, index=False)
    return table


def copy_table(folder: str | Path, table: str,
               columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The table ``table`` of the suite's run on a user copy ``folder``, computed in this
    process: a copy is small, so no Dask cluster is started for it."""
    from .engine.compute import configure
    from .pipeline import open_corpus

    with configure(scheduler="sync"):
        return open_corpus(folder).table(table, columns=list(columns) if columns else None)


def busiest_rule(run) -> str:
    """The cleaning rule with the most changes in the audit (the first by name on a tie);
    ``""`` when cleaning changed nothing."""
    rules = run.table("audit", columns=["rule"])["rule"].str.split("+").explode()
    counts = rules.value_counts().sort_index()
    return str(counts.idxmax()) if len(counts) else ""


def rule_edits(folder: str | Path, rule: str) -> int:
    """How many changes the cleaning rule ``rule`` made in the corpus ``folder`` (a user
    copy with its own ``cleaning_rules.csv``)."""
    audit = copy_table(folder, "audit", ["rule"])
    return int(audit["rule"].str.split("+").apply(lambda names: rule in names).sum())


def closest_pair(run, stop_words: Iterable[str] | None = None, *,
                 max_articles: int = 1000) -> tuple[set[str], float]:
    """The outlets of the two most similar articles and their cosine, with the TF-IDF of
    notebook 03 but the stop-word list ``stop_words`` (``None``: the suite's list; ``[]``:
    no stop words). Above ``max_articles`` articles it is computed on a sample drawn with a
    fixed seed, the same for every list, so two lists compare like with like."""
    from .neighbours import top_k_neighbours
    from .similarity import make_vectorizer

    clean = run.table("clean", columns=["doc_id", "outlet", "text"])
    if len(clean) > max_articles:
        keep = np.sort(np.random.default_rng(0).choice(len(clean), max_articles,
                                                         replace=False))
        clean = clean.iloc[keep]
    if len(clean) < 2:
        return set(), 0.0
    vectorizer = make_vectorizer()
    if stop_words is not None:
        vectorizer.set_params(stop_words=sorted(set(stop_words)) or None)
    matrix = vectorizer.fit_transform(clean["text"].tolist())
    near = top_k_neighbours(matrix.tocsr(), clean["doc_id"].tolist(), k=1)
    if near.empty:
        return set(), 0.0
    best = near.sort_values(["cosine", "doc_id"], ascending=[False, True]).iloc[0]
    outlets = dict(zip(clean["doc_id"], clean["outlet"], strict=True))
    return ({str(outlets[best["doc_id"]]), str(outlets[best["neighbour_id"]])},
            round(float(best["cosine"]), 4))


def top_pair(run) -> tuple[str, str] | None:
    """The ordered pair ``(doc_a, doc_b)`` judged derived with the largest derived share,
    else the pair that shares most; ``None`` when no two articles share a sentence."""
    summary = run.table("reuse_summary")
    if summary.empty:
        return None
    derived = summary[summary["verdict"] == "derived"]
    pick = (derived.sort_values(["share_derived", "doc_a", "doc_b"],
                                ascending=[False, True, True]) if len(derived) else
            summary.sort_values(["share_matched", "doc_a", "doc_b"],
                                ascending=[False, True, True]))
    row = pick.iloc[0]
    return str(row["doc_a"]), str(row["doc_b"])


def most_derived_outlet(run) -> str:
    """The outlet of the article with the largest share of its narration derived from
    another article, or ``"none"`` when no pair is ``derived``."""
    summary = run.table("reuse_summary")
    derived = summary[summary["verdict"] == "derived"]
    if derived.empty:
        return "none"
    best = derived.sort_values(["share_derived", "doc_b"], ascending=[False, True]).iloc[0]
    corpus = run.table("corpus", columns=["doc_id", "outlet"])
    return str(dict(zip(corpus["doc_id"], corpus["outlet"], strict=True))[best["doc_b"]])


QUOTATION_RULE = {
    "name": "drop_quotations", "stage": "whitespace", "pattern": r'"[^"\n]*"',
    "replacement": "",
    "description": "Exercise: every quotation (straight marks, within a paragraph) deleted."}


def _pair_row(folder: str | Path, pair: tuple[str, str]) -> pd.DataFrame:
    """The ``reuse_summary`` row of the ordered pair ``pair`` in a user copy (maybe none)."""
    summary = copy_table(folder, "reuse_summary")
    return summary[(summary["doc_a"] == pair[0]) & (summary["doc_b"] == pair[1])]


def pair_verdict(folder: str | Path, pair: tuple[str, str]) -> str:
    """The verdict of the ordered pair ``pair`` (source, derived candidate) in the corpus
    ``folder`` (a user copy); ``independent`` when the pair shares no sentence there."""
    row = _pair_row(folder, pair)
    return str(row["verdict"].iat[0]) if len(row) else "independent"


def pair_direction(folder: str | Path, pair: tuple[str, str]) -> str:
    """The ``direction`` of the ordered pair ``pair`` in the corpus ``folder`` (a user
    copy): ``a→b``, ``b→a`` or ``unknown``."""
    row = _pair_row(folder, pair)
    return str(row["direction"].iat[0]) if len(row) else "unknown"


def verdict_without_quotes(run) -> str:
    """The verdict of :func:`top_pair` once every quotation is deleted from both articles
    by :data:`QUOTATION_RULE` in a user copy's ``cleaning_rules.csv``; ``"no pair"`` when
    no two articles share a sentence."""
    pair = top_pair(run)
    if pair is None:
        return "no pair"
    copy = user_copy(run, "lineage_without_quotes", docs=list(pair))
    add_rows(copy / "cleaning_rules.csv", [QUOTATION_RULE])
    return pair_verdict(copy, pair)


def most_quoted_person(run) -> str:
    """The person with the most attributed quotations (the first by name on a tie)."""
    quotes = run.table("quotes", columns=["person", "unresolved"])
    persons = quotes.loc[~quotes["unresolved"] & (quotes["person"] != ""), "person"]
    counts = persons.value_counts().sort_index()
    return str(counts.idxmax()) if len(counts) else ""


def names_without_actors(run, person: str) -> set[str]:
    """The speaker names that ``person``'s quotations get in a user copy of the corpus
    without ``actors.csv`` (their articles only, at most 50). The actors table merges
    spellings ("Zelensky", "Zelenskiy") and descriptions ("the Ukrainian president") into
    one person; without it, each spelling is a person of its own. A quotation is found in
    the copy by its article and words (offsets move when names are no longer normalised);
    quotations left without a speaker in the copy are counted as ``"(unresolved)"``."""
    quotes = run.table("quotes", columns=["doc_id", "quote", "person"])
    theirs = quotes[quotes["person"] == person]
    if theirs.empty:
        return set()
    docs = sorted(theirs["doc_id"].unique())[:50]
    theirs = theirs[theirs["doc_id"].isin(docs)]
    copy = user_copy(run, "voices_without_actors", docs=docs, without=["actors.csv"])
    after = copy_table(copy, "quotes", ["doc_id", "quote", "person"])
    after = after.drop_duplicates(["doc_id", "quote"])
    merged = theirs.merge(after, on=["doc_id", "quote"], how="left", suffixes=("", "_after"))
    return set(merged["person_after"].fillna("").replace("", "(unresolved)"))


def saturated_share(run, threshold: float = 0.9) -> float:
    """The share of articles whose whole text scores beyond ±``threshold`` with VADER."""
    docs = run.table("sentiment_docs", columns=["whole_article_compound"])
    if docs.empty:
        return 0.0
    return round(float((docs["whole_article_compound"].abs() >= threshold).mean()), 2)


def most_positive_sentence(run) -> dict[str, object]:
    """The corpus's most positive sentence (``doc_id, sent_id, text, compound``) and
    ``word``, the word of VADER's lexicon that lifts it most."""
    from .sentiment import lexicon_entries

    scored = run.table("sentiment", columns=["doc_id", "sent_id", "compound"])
    if scored.empty:
        return {}
    top = scored.sort_values(["compound", "doc_id", "sent_id"],
                             ascending=[False, True, True]).iloc[0]
    # only the top sentence's text is read (a large corpus has millions of sentences)
    texts = run.table("sentiment", columns=["sent_id", "text"],
                      filters=[("doc_id", "==", top["doc_id"])])
    top = top.copy()
    top["text"] = texts.loc[texts["sent_id"] == top["sent_id"], "text"].iat[0]
    words = re.findall(r"[a-z][a-z'-]*", str(top["text"]).lower())
    entries = lexicon_entries(words)
    word = (str(entries.sort_values(["valence", "word"], ascending=[False, True])
                ["word"].iat[0]) if len(entries) else "")
    return {"doc_id": str(top["doc_id"]), "sent_id": int(top["sent_id"]),
            "text": str(top["text"]), "compound": round(float(top["compound"]), 4),
            "word": word}


def score_with_lexicon(text: str, folder: str | Path) -> float:
    """The VADER compound of ``text`` with the domain words of the ``sentiment_lexicon.csv``
    in ``folder`` (a user copy) added to the lexicon; names are masked through the folder's
    ``actors.csv`` first, as the suite scores every sentence."""
    from .names import load_actors
    from .sentiment import load_lexicon, mask_names, polarity

    lexicon = load_lexicon(folder)
    domain = ({} if lexicon is None else
              dict(zip(lexicon.loc[lexicon["role"] == "domain", "word"],
                       lexicon.loc[lexicon["role"] == "domain", "valence"].astype(float),
                       strict=True)))
    masked = mask_names(text, load_actors(folder))
    return round(float(polarity(masked, domain)["compound"]), 4)


def outlets_with_frame(folder: str | Path, frame: str) -> set[str]:
    """The outlets with at least one hit of ``frame`` in the corpus ``folder`` (a user
    copy with its own ``codebook.csv``)."""
    frames = copy_table(folder, "frames", ["frame", "outlet", "hits"])
    return set(frames.loc[(frames["frame"] == frame) & (frames["hits"] > 0), "outlet"])


def most_anonymous_outlet(run) -> str:
    """The outlet with the largest share of anonymous quotations (the first by name on a
    tie); ``""`` without quotations."""
    quotes = _quotes_by_outlet(run, "sourcing")
    if quotes.empty:
        return ""
    share = (quotes["sourcing"] == "anonymous").groupby(quotes["outlet"]).mean().sort_index()
    return str(share.idxmax())


def direction_without_metadata(run) -> str:
    """The ``direction`` of the most derived pair (else the pair that shares most) in a
    user copy of the two articles without ``metadata.csv``: ``a→b``, ``b→a`` or
    ``unknown``; ``"no pair"`` when no two articles share a sentence."""
    pair = top_pair(run)
    if pair is None:
        return "no pair"
    copy = user_copy(run, "overview_without_metadata", docs=list(pair), without=[METADATA])
    return pair_direction(copy, pair)


def alias_actor(run) -> tuple[str, list[str]]:
    """The actor whose other spellings (aliases and misspellings, as counted in the raw
    text) occur most often, with the articles that use them; ``("", [])`` when the corpus
    has no actors table or no variant occurs."""
    variants = run.table("name_variants")
    if variants.empty:
        return "", []
    other = variants[(variants["status"] != "canonical") & (variants["count"] > 0)]
    if other.empty:
        return "", []
    totals = other.groupby("entity")["count"].sum().sort_index()
    actor = str(totals.idxmax())
    docs = sorted(other.loc[other["entity"] == actor, "doc_id"].unique())
    return actor, docs


def _sentences_naming(sentences: pd.DataFrame, name: str) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return int(sentences["text"].str.contains(pattern).sum())


def mentions_without_aliases(run) -> tuple[int, int]:
    """For the actor of :func:`alias_actor`: how many clean sentences of the articles that
    spell it otherwise name it by its canonical form, with the corpus's actors table and in
    a user copy where its aliases and misspellings are emptied (at most 50 articles)."""
    actor, docs = alias_actor(run)
    if not actor:
        return 0, 0
    docs = docs[:50]
    before = _sentences_naming(run.table("sentences", columns=["doc_id", "text"],
                                         filters=[("doc_id", "in", docs)]), actor)
    copy = user_copy(run, "explore_without_aliases", docs=docs)
    actors = pd.read_csv(copy / "actors.csv", dtype=str, keep_default_na=False)
    actors.loc[actors["canonical"] == actor, ["aliases", "misspellings"]] = ""
    actors.to_csv(copy / "actors.csv", index=False)
    after = _sentences_naming(copy_table(copy, "sentences", ["doc_id", "text"]), actor)
    return before, after


def summary(answers: dict[str, object]) -> pd.DataFrame:
    """A table of named answers, for a teacher's key."""
    return pd.DataFrame({"exercise": list(answers), "answer": [repr(v) for v in
                                                                answers.values()]})
