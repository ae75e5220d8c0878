"""The catalogue of figures: which notebook makes each one, and its caption.

Notebook 08 writes ``FIGURES/README.md`` from this list, so the index can never drift
from what the notebooks produce (a test checks that every catalogued figure is built).
"""

from __future__ import annotations

import pandas as pd

FIGURES = [
    ("01_article_lengths", "01_loading", "Words per article, coloured by outlet."),
    ("02_cleaning_rules", "02_cleaning", "Characters removed and added by each cleaning rule."),
    ("02_name_variants", "02_cleaning",
     "Spelling fingerprint: how each article writes the names (* = misspelling)."),
    ("02_sentences", "02_cleaning", "Sentences per article, by speech: narration, mixed, quote."),
    ("02_noise", "02_cleaning", "Signs of damage per 100 sentences: the machine translation "
                                "stands out."),
    ("03_similarity", "03_similarity", "Cosine similarity of TF-IDF vectors between articles."),
    ("03_dendrogram", "03_similarity", "Average-linkage clustering on 1 − cosine."),
    ("03_map", "03_similarity", "A 2-D map of the articles (classical MDS)."),
    ("03_similarity_variants", "03_similarity",
     "The similarity matrix under four analysis choices: what holds and what does not."),
    ("03_distinctive_terms", "03_similarity",
     "Keyness: each outlet's distinctive terms (log-likelihood), with raw counts."),
    ("03_lineage", "04_lineage",
     "Wire lineage: the rewrite's sentences traced to their source, sentence by sentence."),
    ("04_voices", "05_voices", "Quoted words per article by the speaker's side."),
    ("04_speakers", "05_voices",
     "The people each outlet quotes most, by quoted words; hatched: low-confidence attribution."),
    ("04_anonymous_sources", "05_voices", "Named, anonymous and unattributed quotes per article."),
    ("04_quote_ledger", "05_voices",
     "The same statement across outlets: verbatim, trimmed or re-translated, and whose."),
    ("05_sentence_sentiment", "06_sentiment",
     "Sentence-level VADER scores per outlet, narration vs quoted words."),
    ("05_actor_sentiment", "06_sentiment", "Mean score of the sentences mentioning each actor."),
    ("05_sentiment_drivers", "06_sentiment", "The lexicon words that drive each outlet's score."),
    ("05_variants", "06_sentiment", "Outlet means under four variants: rankings do not survive."),
    ("06_frames_heatmap", "07_framing", "Frames per outlet, hits per 1,000 words."),
    ("06_frame_voice", "07_framing", "Who voices each frame: narration or each side's quotes."),
    ("06_frame_position", "07_framing", "Where each frame first appears: lead or buried."),
    ("06_frame_routes", "07_framing",
     "Frames per outlet, each by the route (dictionary or classifier) validated for it, "
     "with 95 % intervals."),
    ("06_policy_frames", "07_framing",
     "Frame counts rolled up to the Policy Frames Codebook dimensions."),
    ("07_overview", "08_overview", "One-page overview: similarity, lineage, voices, frames, "
                                  "sentiment."),
]


TABLES = [
    ("cleaning_audit.csv", "02_cleaning", "every removal and replacement, with raw offsets"),
    ("clean_corpus.csv", "02_cleaning", "the clean text of every article"),
    ("name_variants.csv", "02_cleaning", "each name variant's count per article"),
    ("sentences.csv", "02_cleaning", "sentences with their speech label"),
    ("noise.csv", "02_cleaning", "damage indicators per article"),
    ("languages.csv", "02_cleaning", "each article's language; which the English-only stages "
                                    "read"),
    ("similarity.csv", "03_similarity", "article × article cosine (up to 200 articles)"),
    ("neighbours.csv", "03_similarity", "top-5 neighbours of every article"),
    ("keyness.csv", "03_similarity", "distinctive terms per outlet"),
    ("reuse.csv", "04_lineage",
     "sentence-level reuse between articles, classed copied, rewritten, same facts or quote"),
    ("reuse_summary.csv", "04_lineage",
     "reuse per ordered pair of articles, with the copying verdict and its evidence"),
    ("quote_variants.csv", "04_lineage", "quotations grouped across outlets"),
    ("quotes.csv", "05_voices",
     "every quotation with speaker, mention, confidence, side, sourcing"),
    ("speakers.csv", "05_voices", "the most quoted people of each outlet"),
    ("voices.csv", "05_voices", "quotes and quoted words by side"),
    ("sourcing.csv", "05_voices", "named vs anonymous quotes"),
    ("quote_ledger.csv", "05_voices", "the same statement traced through the outlets"),
    ("phrase_trace.csv", "07_framing",
     "phrases of the parameters cell (the seeds: 'colonial agreement', 'short-sighted') by voice"),
    ("sentiment_sentences.csv", "06_sentiment", "VADER scores per sentence"),
    ("sentiment_docs.csv", "06_sentiment", "sentence scores aggregated per article"),
    ("sentiment_outlets.csv", "06_sentiment", "sentence scores aggregated per outlet"),
    ("actor_sentiment.csv", "06_sentiment", "scores of sentences mentioning each actor"),
    ("sentiment_drivers.csv", "06_sentiment", "lexicon words driving each outlet's score"),
    ("sentiment_variants.csv", "06_sentiment", "outlet means and ranks under each variant"),
    ("vader_implementations.csv", "06_sentiment", "NLTK vs vaderSentiment vs helpers.polarity"),
    ("frames.csv", "07_framing", "frames per article: hits, rate, prominence, voice"),
    ("frame_hits.csv", "07_framing", "every codebook hit with its KWIC context and voice"),
    ("frame_patterns.csv", "07_framing", "hits and a KWIC sample per pattern"),
    ("policy_frames.csv", "07_framing", "frames rolled up to Policy Frames dimensions"),
    ("coding_sheet.csv", "07_framing", "a sample of hits for a human coder to fill in"),
    ("frame_coding_sheet.csv", "07_framing",
     "a random sample of sentences for two coders to code with the codebook's frames"),
    ("frame_routes.csv", "07_framing",
     "dictionary, classifier and always-yes scored against the coding, per frame"),
]


def figure_catalog() -> pd.DataFrame:
    """The catalogue as a table: ``name, notebook, caption``."""
    return pd.DataFrame(FIGURES, columns=["name", "notebook", "caption"])


def index_markdown() -> str:
    """``FIGURES/README.md``: every figure with its caption, notebook and data file.

    Built from the catalogue alone, so it is the same whichever notebooks have run.
    """
    lines = [
        "# Figures",
        "",
        "Written by `notebooks/08_overview.ipynb` (`make figures`). Each figure has a PNG, an "
        "SVG and the data it plots in `data/NAME.csv`. Analysis tables are in `data/` too. "
        "A figure's name is a stable identifier kept from the suite's first numbering of the "
        "notebooks; the notebook column says which notebook writes it now.",
        "",
        "| figure | caption | notebook | data |",
        "|---|---|---|---|",
    ]
    for name, notebook, caption in FIGURES:
        lines.append(f"| [{name}]({name}.svg) | {caption} | `notebooks/{notebook}.ipynb` | "
                     f"[`data/{name}.csv`](data/{name}.csv) |")
    lines += ["", "## Analysis tables", "", "| table | contents | notebook |", "|---|---|---|"]
    lines += [f"| [`data/{t}`](data/{t}) | {what} | `notebooks/{nb}.ipynb` |"
              for t, nb, what in TABLES]
    return "\n".join(lines) + "\n"
