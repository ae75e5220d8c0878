"""``make eval-quotes GOLD=… CORPUS=…``: score the quotes table against a hand-coded gold.

Runs (or reuses) the pipeline's ``quotes`` stage on ``CORPUS`` and scores it with
:func:`helpers.quote_eval.score_quotes`. Prints recall, precision and speaker accuracy
with 95 % intervals, the speaker accuracy of each attribution rule, and writes
``summary.csv``, ``by_rule.csv`` and ``rows.csv`` (every gold passage with what it was
matched to) into ``OUT`` (default ``build/eval/<corpus name>/``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd


def by_rule(rows: pd.DataFrame) -> pd.DataFrame:
    """Speaker accuracy of each attribution rule over the keyed, found direct passages."""
    keyed = rows[rows["kind"].eq("direct") & rows["speaker_right"].notna()]
    if keyed.empty or "pred_rule" not in keyed:
        return pd.DataFrame(columns=["rule", "n", "right", "accuracy"])
    table = (keyed.assign(rule=keyed["pred_rule"].replace("", "(none)"),
                          right=keyed["speaker_right"].astype(bool))
             .groupby("rule", sort=True)["right"].agg(["size", "sum"]).reset_index()
             .rename(columns={"size": "n", "sum": "right"}))
    table["accuracy"] = (table["right"] / table["n"]).round(3)
    return table.sort_values(["n", "rule"], ascending=[False, True], kind="stable")


def _gold_name(gold: Path) -> str:
    """``polnear/dev`` for ``…/polnear/dev/gold.csv``: the gold's folder, not the machine's."""
    parts = gold.resolve().parts
    return "/".join(parts[-3:-1]) if len(parts) >= 3 else gold.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, help="gold CSV: doc_id, text, speaker[, kind, "
                        "speaker_type, speaker_key]")
    parser.add_argument("--corpus", required=True, help="the corpus folder the gold codes")
    parser.add_argument("--out", help="folder for the score tables")
    parser.add_argument("--record", help="also write the summary here, with the gold's name "
                        "(make eval-polnear: the scores the README and notebook 05 show)")
    args = parser.parse_args(argv)
    import helpers
    from helpers.io import write_table
    from helpers.quote_eval import read_gold, score_quotes

    corpus = Path(args.corpus)
    try:
        gold = read_gold(args.gold)
    except (OSError, ValueError) as error:
        print(f"eval-quotes: {error}", file=sys.stderr)
        return 2
    run = helpers.open_corpus(corpus)
    quotes = run.table("quotes")
    unknown = sorted(set(gold["doc_id"]) - set(run.table("corpus")["doc_id"]))
    if unknown:
        print(f"eval-quotes: {len(unknown)} gold doc_id(s) are not articles of {corpus} "
              f"(e.g. {unknown[0]!r}); doc_id is the article's file name stem", file=sys.stderr)
        return 2
    summary, rows = score_quotes(quotes, gold)
    rules = by_rule(rows)
    out = Path(args.out) if args.out else (Path("build") / "eval"
                                           / Path(args.gold).resolve().parent.name)
    out.mkdir(parents=True, exist_ok=True)
    write_table(summary, out / "summary.csv")
    write_table(rules, out / "by_rule.csv")
    write_table(rows, out / "rows.csv")
    print(f"quotes of {corpus} against {args.gold}:")
    for r in summary.itertuples(index=False):
        print(f"  {r.measure:16s} {r.score:.3f} ({r.right}/{r.n}; "
              f"95% {r.low95:.3f}-{r.high95:.3f})")
    print("speaker accuracy by attribution rule:")
    for r in rules.itertuples(index=False):
        print(f"  {r.rule:20s} {r.accuracy:.3f} ({r.right}/{r.n})")
    if args.record:
        recorded = summary.assign(gold=_gold_name(Path(args.gold)))
        write_table(recorded[["gold", *summary.columns]], Path(args.record))
        print(f"recorded in {args.record}")
    print(f"tables in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
