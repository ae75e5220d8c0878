"""The answers to the notebooks' exercises, computed from the data of any corpus.

Each function takes the run of the corpus being studied (``helpers.open_corpus``) and
returns what :func:`helpers.exercises.check` compares with the student's prediction, so
an exercise stays right on a corpus other than the seeds: nothing here is a stored value.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

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
}


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
    (notebook 08's), else one is built."""
    counts = _index(run, index).find(phrase).counts
    return set(counts.loc[counts["sentences"] > 0, "outlet"])


def voices_using(run, phrase: str, index=None) -> set[str]:
    """The voices (narration, quote, mixed) of the sentences containing ``phrase``
    (``index`` as for :func:`outlets_using`)."""
    index = _index(run, index)
    found = index.find(phrase)
    return {index.voices[v] for v in index.voice[found.rows]}


def _quotes_by_outlet(run) -> pd.DataFrame:
    quotes = run.table("quotes", columns=["doc_id", "side"])
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


def summary(answers: dict[str, object]) -> pd.DataFrame:
    """A table of named answers, for a teacher's key."""
    return pd.DataFrame({"exercise": list(answers), "answer": [repr(v) for v in
                                                                answers.values()]})
