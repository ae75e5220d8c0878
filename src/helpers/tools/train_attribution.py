"""``make train-attribution``: fit the pronoun ranker and the attribution confidences.

Reads a training corpus with its gold (by default the PolNeAR training split in
``../shared/eval/polnear/train/``; PolNeAR v1.0.0, Newell, Margolin and Ruths, LREC 2018)
and writes two files of numbers into ``src/helpers/data/``, never any of its text:

* ``pronoun_ranker.json``: a scikit-learn logistic regression over the features of
  :meth:`helpers.mentions.ArticleMentions.pronoun_candidates`. Each ``he``/``she``
  speaker whose gold passage names its person gives one group of candidates; a candidate
  is positive when its name holds the gold's key word.
* ``attribution_confidence.csv``: for each attribution rule and kind of speaker phrase,
  how many found quotations it attributed and how many rightly; the confidence is that
  share, shrunk towards the rule's share and the rule's towards all rules' with 10
  pseudo-counts (so that a rule seen a few times is neither sure nor dismissed).

The confidences are measured with the ranker just fitted. Run it again after changing
the attribution rules; the README reports the scores on the development split, which
the fit never sees.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd

EVAL = Path(__file__).resolve().parents[4] / "shared" / "eval" / "polnear"
DATA = Path(__file__).resolve().parents[1] / "data"
CITATION = ("PolNeAR v1.0.0 training split: Edward Newell, Drew Margolin and Derek Ruths "
            "(2018), An Attribution Relations Corpus for Political News, LREC 2018")


def extract(corpus: Path, min_confidence: float = 0.0
            ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, list]]:
    """``(clean, quotes, spans)`` of a corpus folder, with the current rules; no
    attribution is withheld (``min_confidence=0``), so that each rule is measured whole."""
    import helpers
    from helpers.cleaning import load_rules
    from helpers.quotes import extract_quotes, spans_by_doc
    from helpers.sentences import sentences_table

    articles = helpers.read_corpus(corpus, on_error="skip").articles
    clean = helpers.clean_corpus(articles, load_rules())[0]
    sentences = sentences_table(clean)
    quotes = extract_quotes(clean, sentences=sentences, min_confidence=min_confidence)
    return clean, quotes, spans_by_doc(sentences)


def candidate_groups(clean: pd.DataFrame, quotes: pd.DataFrame, rows: pd.DataFrame,
                     spans: dict[str, list]) -> pd.DataFrame:
    """One row per candidate antecedent of each pronoun speaker that the gold keys."""
    from helpers.mentions import PRONOUN_FEATURES, ArticleMentions
    from helpers.quote_eval import words
    from helpers.quotes import named_speakers, speakers_before
    from helpers.sentences import quote_mask

    texts = dict(zip(clean["doc_id"], clean["text"], strict=True))
    by_doc = {d: g.to_dict("records") for d, g in quotes.groupby("doc_id", sort=False)}
    keyed = rows[rows["kind"].eq("direct") & rows["speaker_right"].notna()
                 & rows["pred_speaker_mention"].str.lower().isin(["he", "she"])]
    models: dict[str, ArticleMentions] = {}
    out = []
    for group, g in enumerate(keyed.itertuples(index=False)):
        records = by_doc[g.doc_id]
        record = next((r for r in records if r["quote"] == g.pred_quote
                       and r["mention_start"] >= 0), None)
        if record is None:
            continue
        text = texts[g.doc_id]
        if g.doc_id not in models:
            models[g.doc_id] = ArticleMentions(text, spans[g.doc_id], quote_mask(text))
        position = record["mention_start"]
        speakers = named_speakers(speakers_before(records, position))
        pronoun = record["speaker_mention"].lower()
        for name, features in models[g.doc_id].pronoun_candidates(pronoun, position, speakers):
            label = bool(re.search(rf"\b(?:{g.speaker_key})", " ".join(words(name))))
            out.append({"group": group, "doc_id": g.doc_id, "label": label,
                        "key": f"{g.doc_id}|{position}|{name}",
                        **{f: features[f] for f in PRONOUN_FEATURES}})
    return pd.DataFrame(out)


def _pairs(data: pd.DataFrame, features: list[str]):
    import numpy as np

    diffs, weights = [], []
    weighted = "weight" in data
    for _group, g in data.groupby("group", sort=True):
        x = g[features].to_numpy()
        labels = g["label"].to_numpy()
        weight = float(g["weight"].iloc[0]) if weighted else 1.0
        for p in x[labels]:
            for n in x[~labels]:
                diffs.append(p - n)
                weights.append(weight)
    diffs = np.array(diffs).reshape(-1, len(features))
    w = np.array(weights)
    return (np.vstack([diffs, -diffs]), np.r_[np.ones(len(diffs)), np.zeros(len(diffs))],
            np.r_[w, w])


def _top1(data: pd.DataFrame, features: list[str], weights) -> float:
    scores = data[features].to_numpy() @ weights
    best = data.assign(score=scores).sort_values(["group", "score"], ascending=[True, False],
                                                 kind="stable")
    return float(best.groupby("group")["label"].first().mean())


def _fit(data: pd.DataFrame, features: list[str], c: float):
    from sklearn.linear_model import LogisticRegression

    x, y, w = _pairs(data, features)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(x, y, sample_weight=w)
    return model.coef_[0]


# the features a name the US census lists do not know ("Vladimir Chizhov") lacks
GENDER_FEATURES = ("gender_match", "gender_clash", "census_first", "census_surname")
FOREIGN_SHARE = 0.5
COPIES = 4


def without_gender(data: pd.DataFrame, share: float, seed: int) -> pd.DataFrame:
    """``data`` with the gender and census features (:data:`GENDER_FEATURES`) of a random
    ``share`` of its candidates set to 0, as if their first names were foreign; whether a
    candidate is right plays no part in the draw.

    With a ``key`` column (article, pronoun position, candidate), each candidate's draw is
    a hash of its key and ``seed``: a change to one article's candidates leaves every
    other candidate's draw, and so the refit, as it was."""
    import hashlib

    import numpy as np

    out = data.copy()
    if "key" in out:
        draws = np.array([int.from_bytes(hashlib.blake2b(f"{seed}|{k}".encode(),
                                                         digest_size=8).digest(), "big")
                          / 2 ** 64 for k in out["key"]])
    else:
        draws = np.random.default_rng(seed).random(len(out))
    out.loc[draws < share, list(GENDER_FEATURES)] = 0.0
    return out


def _augmented(data: pd.DataFrame, seed: int) -> pd.DataFrame:
    """``data`` and :data:`COPIES` copies of it :func:`without_gender`, each with its own
    draw and weighing ``1 / COPIES`` (groups renumbered): together they count as one
    copy, and averaging the draws keeps a refit from hanging on one draw."""
    step = int(data["group"].max()) + 1
    parts = [data.assign(weight=1.0)]
    for i in range(COPIES):
        copy = without_gender(data, FOREIGN_SHARE, seed * COPIES + i)
        parts.append(copy.assign(group=copy["group"] + step * (i + 1), weight=1 / COPIES))
    return pd.concat(parts)


def fit_ranker(candidates: pd.DataFrame, folds: int = 5) -> dict:
    """A pairwise logistic ranker: each right candidate against each wrong one of its
    pronoun, as differences of features (scikit-learn's logistic regression, no
    intercept). Its regularisation ``C`` is chosen by ``folds``-fold cross-validation
    over articles (top-1 accuracy); the report gives the cross-validated top-1 too.

    PolNeAR's people are mostly American, so gender and the census lists decide many of
    its pronouns; in international news many first names are unknown to the lists and the
    ranker must lean on where the names stand. The training data therefore get copies
    whose candidates lose their gender and census evidence at random (:func:`_augmented`,
    :func:`without_gender`, half of them), and the report gives the cross-validated top-1
    on test folds treated the same way (``…_half_foreign``)."""
    import numpy as np

    from helpers.mentions import PRONOUN_FEATURES

    features = list(PRONOUN_FEATURES)
    usable = candidates.groupby("group")["label"].transform("any")
    data = candidates[usable]
    docs = sorted(data["doc_id"].unique())
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    fold = data["doc_id"].map(fold_of).to_numpy()
    cv, cv_foreign = {}, {}
    for c in (0.01, 0.1, 1.0, 10.0):
        right = foreign = total = 0
        for k in range(folds):
            train, test = data[fold != k], data[fold == k]
            weights = _fit(_augmented(train, seed=k), features, c)
            n = test["group"].nunique()
            right += _top1(test, features, weights) * n
            foreign += _top1(without_gender(test, FOREIGN_SHARE, seed=100 + k), features,
                             weights) * n
            total += n
        cv[c], cv_foreign[c] = right / total, foreign / total
    best_c = max(cv, key=lambda c: (round(cv[c], 4), -c))
    weights = _fit(_augmented(data, seed=folds), features, best_c)
    return {
        "model": f"pairwise sklearn.linear_model.LogisticRegression(C={best_c}, no intercept)",
        "trained_on": CITATION,
        "augmentation": f"{COPIES} copies of the training data, weighing 1/{COPIES} each, in "
                        f"which each candidate loses its {', '.join(GENDER_FEATURES)} with "
                        f"probability {FOREIGN_SHARE} (a hash of the candidate: one draw per "
                        f"copy)",
        "features": features,
        "weights": {f: round(float(w), 6) for f, w in zip(features, weights, strict=True)},
        "intercept": 0.0,
        "groups": int(candidates["group"].nunique()),
        "groups_with_a_right_candidate": int(data["group"].nunique()),
        "candidates": int(len(data)),
        "cross_validated_top1_by_C": {str(c): round(v, 4) for c, v in cv.items()},
        "cross_validated_top1_half_foreign_by_C": {str(c): round(v, 4)
                                                   for c, v in cv_foreign.items()},
        "train_top1_where_reachable": round(_top1(data, features, np.asarray(weights)), 4),
    }


PSEUDO_COUNT = 10


def confidences(rows: pd.DataFrame) -> pd.DataFrame:
    """Right and total of each ``(rule, mention kind)`` over the keyed found passages, and
    a confidence shrunk towards its rule's, and the rule's towards all rules' (``m = 10``
    pseudo-counts), so that a rule seen a few times is neither sure nor dismissed."""
    keyed = rows[rows["kind"].eq("direct") & rows["speaker_right"].notna()
                 & rows["pred_rule"].ne("") & rows["pred_mention_kind"].ne("")
                 & rows["pred_mention_kind"].ne("pronoun_it")]  # see IT_CONFIDENCE
    table = (keyed.assign(right=keyed["speaker_right"].astype(bool))
             .groupby(["pred_rule", "pred_mention_kind"], sort=True)["right"]
             .agg(["size", "sum"]).reset_index())
    table.columns = ["rule", "kind", "n", "right"]
    overall = table["right"].sum() / table["n"].sum()
    rules = table.groupby("rule", as_index=False)[["n", "right"]].sum().assign(kind="any")
    rules["confidence"] = (rules["right"] + PSEUDO_COUNT * overall) / (rules["n"] + PSEUDO_COUNT)
    prior = table["rule"].map(rules.set_index("rule")["confidence"])
    table["confidence"] = (table["right"] + PSEUDO_COUNT * prior) / (table["n"] + PSEUDO_COUNT)
    total = pd.DataFrame([{"rule": "default", "kind": "any", "n": int(table["n"].sum()),
                           "right": int(table["right"].sum()), "confidence": overall}])
    table = pd.concat([table, rules, total], ignore_index=True)
    table["confidence"] = table["confidence"].astype(float).round(3)
    return table.sort_values(["rule", "kind"], kind="stable").reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default=str(EVAL / "train"),
                        help="folder with corpus/ and gold.csv (default: PolNeAR train)")
    parser.add_argument("--out", default=str(DATA), help="folder for the two files")
    args = parser.parse_args(argv)
    split, out = Path(args.split), Path(args.out)
    if not (split / "gold.csv").is_file():
        print(f"train-attribution: no {split / 'gold.csv'}; this step needs the PolNeAR "
              f"training split beside the project (../shared/eval/polnear/train)",
              file=sys.stderr)
        return 2
    from helpers.io import write_table, write_text
    from helpers.mentions import ranker_weights
    from helpers.quote_eval import read_gold, score_quotes
    from helpers.quotes import MIN_CONFIDENCE, confidence_table

    gold = read_gold(split / "gold.csv")
    clean, quotes, spans = extract(split / "corpus")
    _summary, rows = score_quotes(quotes, gold)
    candidates = candidate_groups(clean, quotes, rows, spans)
    ranker = fit_ranker(candidates)
    write_text(out / "pronoun_ranker.json", json.dumps(ranker, indent=1) + "\n")
    ranker_weights.cache_clear()
    print(f"pronoun ranker: {ranker['groups']} pronoun speakers, "
          f"{ranker['groups_with_a_right_candidate']} with a right candidate, top-1 "
          f"{ranker['train_top1_where_reachable']:.3f} of those; cross-validated "
          f"{ranker['cross_validated_top1_by_C']}")
    # the confidences of the rules, with the ranker just fitted
    _clean, quotes, _spans = extract(split / "corpus")
    summary, rows = score_quotes(quotes, gold)
    table = confidences(rows)
    write_table(table, out / "attribution_confidence.csv")
    confidence_table.cache_clear()
    for r in summary.itertuples(index=False):
        print(f"  train, nothing withheld: {r.measure:16s} {r.score:.3f} ({r.right}/{r.n})")
    _clean, quotes, _spans = extract(split / "corpus", min_confidence=MIN_CONFIDENCE)
    summary, _rows = score_quotes(quotes, gold)
    for r in summary.itertuples(index=False):
        print(f"  train, as shipped:       {r.measure:16s} {r.score:.3f} ({r.right}/{r.n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
