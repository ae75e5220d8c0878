"""Score the frame routes on FrAC, sentences coded by people for Policy Frames.

``python -m helpers.tools.eval_frames [--frac CSV] [--record CSV]`` (``make eval-frames``)
trains the classifier on 60 % of FrAC's 523 sentences (a fixed random split), scores it,
the generic codebook's dictionary (mapped to Policy Frames) and always-yes on the other
40 %, prints the table and, with ``--record``, writes it (numbers only) for notebook 07.
With ``--outside FOLDER`` (default: ``make outside-corpus``'s folder, when it is there) it
also scores the generic frames' article-level presence on the shipped coding of 348 of its
articles (:func:`helpers.frame_learning.article_coding`): dictionary and always-yes on
every split, and on the held-out ones (``test``, ``blind``) a classifier trained on the
others.
FrAC: Guida, Otmakhova, Hovy and Frermann (2025), arXiv:2507.04612; its text stays in
``../shared/eval/frac/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .. import paths
from ..frame_learning import article_agreement, article_coding, article_evaluation, frac_evaluation
from ..framing import GENERIC_CODEBOOK, read_codebook
from ..io import write_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frac", default=str(paths.PROJECT_ROOT.parent / "shared" / "eval" /
                                              "frac" / "gold_standard_single_label_all.csv"))
    parser.add_argument("--record", default=None)
    parser.add_argument("--outside", default=str(paths.PROJECT_ROOT / "build" / "outside" /
                                                 "news_articles"))
    args = parser.parse_args(argv)
    if not Path(args.frac).is_file():
        print(f"{args.frac}: FrAC is not here (see ../shared/eval/frac/README.md)",
              file=sys.stderr)
        return 2
    book = read_codebook(GENERIC_CODEBOOK)
    table = frac_evaluation(pd.read_csv(args.frac), book)
    coding = article_coding()
    outside = Path(args.outside)
    if (outside / "metadata.csv").is_file():
        # a coded article missing from the folder is named by article_evaluation
        texts = {d: (outside / f"{d}.txt").read_text(encoding="utf-8")
                 for d in coding["doc_id"] if (outside / f"{d}.txt").is_file()}
        table = pd.concat([table, article_evaluation(coding, texts, book)], ignore_index=True)
        agreement = article_agreement(coding)
        print("second coder of the articles: " + ("none yet (add <frame>_2 columns)"
                                                  if agreement.empty else
                                                  agreement.to_string(index=False)))
    elif args.record:  # a record without the article-level rows would be partial
        print(f"{outside}: no outside corpus; run make outside-corpus first, nothing "
              f"recorded in {args.record}", file=sys.stderr)
        return 2
    else:
        print(f"{outside}: no outside corpus (make outside-corpus); FrAC only",
              file=sys.stderr)
    with pd.option_context("display.width", 220, "display.max_rows", 100):
        # FrAC's rows have no split; without the outside corpus there is no column at all
        table = table.reindex(columns=[*table.columns.drop("split", errors="ignore"), "split"])
        print(table[["set", "split", "frame", "route", "positives", "predicted", "precision",
                     "recall", "f1", "f1_low", "f1_high"]].to_string(index=False))
        print(table.groupby(["set", "split", "route"], dropna=False, sort=False)["f1"]
              .mean().round(3).to_string())
    if args.record:
        write_data(table, Path(args.record))
        print(f"recorded in {args.record}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
