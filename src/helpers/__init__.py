"""Helpers for the comparative media analysis notebook suite.

The notebooks tell the story; this package does the computing. ``open_corpus(CORPUS)``
gives a run whose attributes are the pipeline's tables (``run.clean``, ``run.quotes``,
``run.frames`` …), each computed once per corpus and stored as Parquet
(:mod:`helpers.pipeline`; :data:`helpers.pipeline.TABLES` lists them). Every stage is a
short, pure function over pandas DataFrames in a module named for it, so a reader can
follow the data from raw text (``load_corpus``) to each figure (``save_figure``).
"""

from . import languages
from .cleaning import (
    AUDIT_COLUMNS,
    RulesError,
    clean_corpus,
    clean_text,
    load_rules,
    read_rules,
    replay_audit,
    rule_summary,
)
from .corpus import (
    CORPUS_COLUMNS,
    CorpusError,
    CorpusLoad,
    count_words,
    load_corpus,
    read_corpus,
    write_checksums,
)
from .edits import Edit, apply_edits
from .figures import (
    OKABE_ITO,
    annotated_heatmap,
    outlet_colours,
    save_figure,
    short_label,
    use_style,
)
from .io import write_data, write_table, write_text
from .names import (
    ActorsError,
    count_name_variants,
    empty_actors,
    find_names,
    load_actors,
    name_forms,
    read_actors,
)
from .noise import noise_table
from .pipeline import TABLES, open_corpus
from .resources import ResourceMissingError, punkt_tokenizer, vader_analyzer
from .sentences import quote_mask, quote_passages, sentences_table, split_sentences
from .sentiment import polarity
from .sides import load_sides
from .tokens import STOP_WORDS, STOP_WORDS_NAME, stem, tokenize

__all__ = [
    "AUDIT_COLUMNS", "CORPUS_COLUMNS", "OKABE_ITO", "STOP_WORDS", "annotated_heatmap", "load_sides",
    "STOP_WORDS_NAME", "ActorsError", "CorpusError", "CorpusLoad", "Edit",
    "ResourceMissingError", "RulesError", "apply_edits", "clean_corpus", "clean_text",
    "count_name_variants", "count_words", "empty_actors", "find_names", "load_actors",
    "load_corpus", "load_rules", "name_forms", "noise_table", "open_corpus", "outlet_colours",
    "polarity", "TABLES",
    "punkt_tokenizer", "quote_mask", "quote_passages", "read_actors", "read_corpus", "read_rules",
    "replay_audit", "rule_summary", "save_figure", "sentences_table", "short_label",
    "split_sentences", "stem", "tokenize", "use_style", "vader_analyzer", "write_checksums",
    "write_data", "write_table", "write_text", "languages",
]
