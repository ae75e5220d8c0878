"""The suite's pipeline: every stage computed once per corpus, stored as Parquet.

``run = helpers.open_corpus(CORPUS)`` binds the stages below to a corpus folder; then
``run.quotes`` (or ``run.table("quotes")``) is the quotations table, loaded from
``build/artefacts/`` when it is up to date, otherwise computed, together with whatever it
needs upstream, and stored. :data:`TABLES` lists every table, the stage that makes it and
the module whose code it runs; ``make figures`` computes all of them before the notebooks
start, so the notebooks only narrate and plot.

A stage's fingerprint covers the article files, the side tables it reads (``actors.csv``,
``cleaning_rules.csv``, ``codebook.csv``), its settings and the code version (the analysis
modules of this package). Editing the codebook recomputes the framing stages only; editing
an article or the actors table recomputes what reads the articles' clean text.

Where it runs: see :mod:`helpers.engine.compute` (in this process for small corpora, a
local Dask cluster for large ones, a remote cluster with ``DASK_SCHEDULER_ADDRESS``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths
from .engine import artefacts, fingerprint
from .engine.graph import Graph, Run, Source, Stage, StageInputs, store_for

# The analysis modules: their code is the code version of every stage. The tools
# (helpers.tools: runner, report, drift check, catalogue), the explorer (helpers.explorer:
# it only reads stored tables) and plotting modules are left out, so
# a new figure style does not recompute the analysis.
# not analysis: plotting, and the recorded evaluation scores (a report on the code)
_NOT_ANALYSIS = {"plots.py", "figures.py", "overview.py", "exercises.py", "answers.py",
                 "importing.py",
                 "findings.py",
                 "attribution_eval.csv",
                 "quote_eval.py", "copying_eval.csv",
                 "frame_eval.csv"}


def code_version() -> str:
    """Digest of the analysis code and data of this package (see ``_NOT_ANALYSIS``)."""
    root = paths.PACKAGE_DIR
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".csv", ".json"}
             and p.name not in _NOT_ANALYSIS and not p.name.endswith("_plots.py")
             and "__pycache__" not in p.parts
             and not {"tools", "explorer"} & set(p.relative_to(root).parts)]
    return fingerprint.code_digest(files, root)


# sources -----------------------------------------------------------------------------
def _articles_key(folder: Path, store: artefacts.Store) -> str:
    from .corpus import CHECKSUM_FILE, METADATA_FILE, find_articles

    if not folder.is_dir():
        return "missing"
    files = find_articles(folder)
    return fingerprint.digest([
        fingerprint.files_digest(folder, files, store.folder / "files.parquet"),
        fingerprint.file_digest(folder / METADATA_FILE),
        fingerprint.file_digest(folder / CHECKSUM_FILE)])


def _file_key(*names: str, package: tuple[Path, ...] = ()
              ) -> Callable[[Path, artefacts.Store], str]:
    """A source fingerprint: the bytes of the corpus folder's files ``names`` (absent files
    count as absent) and of the package's data files ``package``."""
    def key(folder: Path, _store: artefacts.Store) -> str:
        return fingerprint.digest([*(fingerprint.file_digest(folder / n) for n in names),
                                   *(fingerprint.file_digest(f) for f in package)])
    return key


def _sources() -> list[Source]:
    from .cleaning import BUILTIN_RULES, RULES_FILE, load_rules
    from .framing import CODEBOOK_FILE, GENERIC_CODEBOOK, load_codebook, read_codebook
    from .names import ACTORS_FILE, load_actors
    from .sentiment import LEXICON_FILE, load_lexicon
    from .sides import SIDES_FILE, load_sides

    return [
        Source("articles", _articles_key, lambda folder: folder,
               "the .txt files, metadata.csv and SHA256SUMS"),
        Source("actors", _file_key(ACTORS_FILE), load_actors, "actors.csv"),
        Source("sides", _file_key(SIDES_FILE, ACTORS_FILE), load_sides,
               "sides.csv (else the sides of actors.csv)"),
        Source("rules", _file_key(RULES_FILE, package=(BUILTIN_RULES,)), load_rules,
               "the built-in cleaning rules and cleaning_rules.csv"),
        Source("lexicon", _file_key(LEXICON_FILE), load_lexicon,
               "sentiment_lexicon.csv: topic words and domain valences"),
        Source("codebook", _file_key(CODEBOOK_FILE, package=(GENERIC_CODEBOOK,)),
               lambda folder: load_codebook(folder)[0], "codebook.csv, else the generic one"),
        Source("generic_codebook", _file_key(package=(GENERIC_CODEBOOK,)),
               lambda _folder: read_codebook(GENERIC_CODEBOOK),
               "the generic news frames (Semetko & Valkenburg 2000)"),
    ]


# stages: each a short function of its inputs -------------------------------------------
def _corpus(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .corpus import load_corpus

    return {"corpus": load_corpus(i.folder)}


def _clean(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .cleaning import clean_corpus

    clean, audit, languages = clean_corpus(i["corpus"], i.sources["rules"],
                                           i.sources["actors"], languages=True)
    return {"clean": clean, "audit": audit, "languages": languages}


def _english(i: StageInputs, table: str) -> pd.DataFrame:
    """The rows of table ``table`` that the English-only stages read (see
    :mod:`helpers.languages`)."""
    from .languages import english_only

    return english_only(i[table], i["languages"])


def _sentences(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .sentences import sentences_table

    return {"sentences": sentences_table(i["clean"])}


def _name_variants(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .names import count_name_variants

    return {"name_variants": count_name_variants(i["corpus"], i.sources["actors"])}


def _noise(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .noise import noise_table

    return {"noise": noise_table(i["corpus"], i["clean"], i["sentences"], i["name_variants"])}


def _quotes(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .quotes import extract_quotes

    return {"quotes": extract_quotes(_english(i, "clean"), i.sources["actors"],
                                     sides=i.sources["sides"],
                                     sentences=_english(i, "sentences"))}


def _sentiment(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .sentiment import score_sentences

    return {"sentiment": score_sentences(_english(i, "sentences"), i["quotes"],
                                         actors=i.sources["actors"])}


def _sentiment_docs(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .sentiment import document_sentiment

    return {"sentiment_docs": document_sentiment(i["sentiment"], _english(i, "clean"))}


def _sentiment_variants(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .sentiment import sentiment_variants

    return {"sentiment_variants": sentiment_variants(
        _english(i, "sentences"), i["quotes"], i["clean"], lexicon=i.sources["lexicon"],
        actors=i.sources["actors"], scored=i["sentiment"])}


def _actor_sentiment(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .sentiment import actor_sentiment, sentiment_drivers

    actors = i.sources["actors"]
    return {"actor_sentiment": actor_sentiment(i["sentiment"], i["clean"], actors),
            "sentiment_drivers": sentiment_drivers(i["sentiment"], i["clean"],
                                                   top=i.settings["drivers_top"],
                                                   actors=actors)}


def _frames(book_source: str, prefix: str) -> Callable[[StageInputs], dict[str, pd.DataFrame]]:
    def stage(i: StageInputs) -> dict[str, pd.DataFrame]:
        from .framing import frame_table, match_frames

        book = i.sources[book_source]
        clean = _english(i, "clean")
        hits = match_frames(clean, i["sentences"], i["quotes"], book)
        return {f"{prefix}frame_hits": hits, f"{prefix}frames": frame_table(hits, clean, book)}
    return stage


def _tfidf(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .similarity import idf_table, tfidf

    matrix, vectorizer = tfidf(i["clean"]["text"])
    terms = idf_table(vectorizer) if hasattr(vectorizer, "vocabulary_") else pd.DataFrame(
        columns=["term", "idf"])
    shape = pd.DataFrame({"rows": [matrix.shape[0]], "cols": [matrix.shape[1]]})
    return {"tfidf": artefacts.sparse_to_table(matrix), "tfidf_terms": terms,
            "tfidf_shape": shape}


def _neighbours(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .similarity import top_k_neighbours

    matrix = tfidf_matrix_of(i.tables)
    return {"neighbours": top_k_neighbours(matrix, i["clean"]["doc_id"], k=i.settings["k"])}


def _similarity_variants(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .similarity import variants_table

    return {"similarity_variants": variants_table(
        i["corpus"], i["clean"], tfidf_matrix_of(i.tables), top=i.settings["top_outlets"])}


def _reuse(i: StageInputs) -> dict[str, pd.DataFrame | artefacts.TableParts]:
    from .copying import add_copying
    from .lineage import add_order, aligned_sentences, reuse_summary

    aligned = aligned_sentences(i["sentences"], i["clean"], neighbours=i["neighbours"])
    # the summaries need neither text; the texts are taken piece by piece as it is stored
    narrow = aligned.table(columns=["doc_a", "sent_a", "doc_b", "sent_b", "kind", "in_quote",
                                    "containment"])
    relation = aligned.classify()
    summary = add_order(reuse_summary(narrow, i["sentences"]), narrow)
    told = aligned.sentences["speech"].to_numpy()[aligned.b_idx] != "quote"
    summary = add_copying(summary, narrow, relation, aligned.run_length, told,
                          i["sentences"], aligned.texts, i["clean"])
    return {"reuse": aligned.parts(), "reuse_summary": summary}


def _quote_variants(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .quote_variants import quote_variants

    return {"quote_variants": quote_variants(_english(i, "clean"))}


def _quote_ledger(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .voices import quote_ledger

    return {"quote_ledger": quote_ledger(i["quotes"], i["corpus"], i["sentences"],
                                         threshold=i.settings["threshold"])}


def _keyness(i: StageInputs) -> dict[str, pd.DataFrame]:
    from .keyness import keyness

    return {"keyness": keyness(i["clean"]["text"], i["clean"]["outlet"],
                               top=i.settings["top"])}


def tfidf_matrix_of(tables: Mapping[str, pd.DataFrame]):
    """The TF-IDF matrix (CSR) from the ``tfidf`` and ``tfidf_shape`` tables."""
    shape = tables["tfidf_shape"]
    return artefacts.table_to_sparse(tables["tfidf"], (int(shape["rows"].iloc[0]),
                                                       int(shape["cols"].iloc[0])))


_TF = ("tfidf", "tfidf_shape")
STAGES: list[Stage] = [
    Stage("corpus", _corpus, ("corpus",), sources=("articles",),
          doc="helpers.corpus.load_corpus: the articles with their metadata"),
    Stage("clean", _clean, ("clean", "audit", "languages"), ("corpus",), ("rules", "actors"),
          doc="helpers.cleaning.clean_corpus: clean text, the audit trail and each "
              "article's language (helpers.languages; the English-only stages read English "
              "and undetermined articles)"),
    Stage("sentences", _sentences, ("sentences",), ("clean",),
          doc="helpers.sentences.sentences_table"),
    Stage("name_variants", _name_variants, ("name_variants",), ("corpus",), ("actors",),
          doc="helpers.names.count_name_variants"),
    Stage("noise", _noise, ("noise",), ("corpus", "clean", "sentences", "name_variants"),
          doc="helpers.noise.noise_table"),
    Stage("quotes", _quotes, ("quotes",), ("clean", "sentences", "languages"),
          ("actors", "sides"),
          doc="helpers.quotes.extract_quotes: quotations and their speakers"),
    Stage("sentiment", _sentiment, ("sentiment",), ("sentences", "quotes", "languages"),
          ("actors",),
          doc="helpers.sentiment.score_sentences"),
    Stage("sentiment_docs", _sentiment_docs, ("sentiment_docs",),
          ("sentiment", "clean", "languages"),
          doc="helpers.sentiment.document_sentiment: per-article summaries"),
    Stage("sentiment_variants", _sentiment_variants, ("sentiment_variants",),
          ("sentences", "quotes", "clean", "sentiment", "languages"), ("actors", "lexicon"),
          doc="helpers.sentiment.sentiment_variants"),
    Stage("actor_sentiment", _actor_sentiment, ("actor_sentiment", "sentiment_drivers"),
          ("sentiment", "clean"), ("actors",), {"drivers_top": 6},
          doc="helpers.sentiment.actor_sentiment and sentiment_drivers"),
    Stage("frames", _frames("codebook", ""), ("frame_hits", "frames"),
          ("clean", "sentences", "quotes", "languages"), ("codebook",),
          doc="helpers.framing.match_frames and frame_table, with the corpus's codebook"),
    Stage("generic_frames", _frames("generic_codebook", "generic_"),
          ("generic_frame_hits", "generic_frames"),
          ("clean", "sentences", "quotes", "languages"), ("generic_codebook",),
          doc="the same with the generic news frames"),
    Stage("tfidf", _tfidf, ("tfidf", "tfidf_terms", "tfidf_shape"), ("clean",),
          doc="helpers.similarity.tfidf: the article × term matrix, stored as triplets"),
    Stage("neighbours", _neighbours, ("neighbours",), ("clean", *_TF), settings={"k": 5},
          doc="helpers.neighbours.top_k_neighbours"),
    Stage("similarity_variants", _similarity_variants, ("similarity_variants",),
          ("corpus", "clean", *_TF), settings={"top_outlets": 20},
          doc="helpers.similarity.variants_table: cosine under other choices"),
    Stage("reuse", _reuse, ("reuse", "reuse_summary"), ("sentences", "clean", "neighbours"),
          doc="helpers.lineage.aligned_sentences (stored piece by piece), reuse_summary, "
              "add_order, helpers.copying.classify_rows and add_copying"),
    Stage("quote_variants", _quote_variants, ("quote_variants",), ("clean", "languages"),
          doc="helpers.quote_variants.quote_variants"),
    Stage("quote_ledger", _quote_ledger, ("quote_ledger",), ("quotes", "corpus", "sentences"),
          settings={"threshold": 0.45}, doc="helpers.voices.quote_ledger"),
    Stage("keyness", _keyness, ("keyness",), ("clean",), settings={"top": 12},
          doc="helpers.keyness.keyness"),
]


def graph() -> Graph:
    """The suite's stages and sources, with the current code version."""
    return Graph(STAGES, _sources(), code_version())


def tables() -> pd.DataFrame:
    """Every table of the pipeline: ``table, stage, inputs, sources, settings, code``."""
    rows = [(t, s.name, ", ".join(s.inputs), ", ".join(s.sources),
             ", ".join(f"{k}={v}" for k, v in s.settings.items()), s.doc)
            for s in STAGES for t in s.outputs]
    return pd.DataFrame(rows, columns=["table", "stage", "inputs", "sources", "settings",
                                       "code"])


TABLES = [t for s in STAGES for t in s.outputs]


def artefacts_root() -> Path:
    """Where stage artefacts go: ``HELPERS_ARTEFACTS``, else ``build/artefacts``."""
    env = os.environ.get("HELPERS_ARTEFACTS")
    return Path(env).expanduser().resolve() if env else paths.BUILD / "artefacts"


class CorpusRun(Run):
    """A :class:`~helpers.engine.graph.Run` of the suite, with the side tables at hand:
    ``run.actors``, ``run.rules``, ``run.codebook`` and ``run.tfidf_matrix``."""

    @property
    def actors(self) -> pd.DataFrame:
        return self.source("actors")

    @property
    def rules(self) -> pd.DataFrame:
        return self.source("rules")

    @property
    def sides(self) -> pd.DataFrame:
        """The corpus's sides (:mod:`helpers.sides`): ``side, colour, cues``."""
        return self.source("sides")

    @property
    def lexicon(self) -> pd.DataFrame | None:
        """The corpus's sentiment lexicon (topic words, domain valences), or ``None``."""
        return self.source("lexicon")

    @property
    def codebook(self) -> pd.DataFrame:
        return self.source("codebook")

    @property
    def tfidf_matrix(self):
        """The article × term TF-IDF matrix (rows in ``run.clean`` order, L2-normalised)."""
        return tfidf_matrix_of({t: self.table(t) for t in _TF})


def open_corpus(corpus: str | os.PathLike[str] | None = None, *,
                store: str | os.PathLike[str] | None = None,
                settings: Mapping[str, Mapping[str, Any]] | None = None,
                on_stage: Callable[[str, str, float], None] | None = None) -> CorpusRun:
    """The pipeline on the corpus folder ``corpus`` (default: the seeds).

    ``store`` is the artefact folder (default: one per corpus below
    :func:`artefacts_root`); ``settings`` overrides stage settings, e.g.
    ``{"neighbours": {"k": 10}}``. Raises :class:`~helpers.corpus.CorpusError` at once
    when the folder does not exist or holds no articles.
    """
    from .corpus import CorpusError, find_articles

    folder = paths.corpus_dir(corpus)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: corpus folder does not exist")
    if not find_articles(folder):
        raise CorpusError(f"{folder}: corpus folder has no .txt articles")
    where = artefacts.Store(store) if store is not None else store_for(folder, artefacts_root())
    return CorpusRun(graph(), folder, where, settings, on_stage)
