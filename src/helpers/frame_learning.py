"""Frames learned from a researcher's coding, validated beside the dictionary.

A dictionary (:mod:`helpers.framing`) says a frame is present when one of its phrases
occurs. Whether that measures the frame is an empirical question, and content analysis
answers it the same way every time: **sample** units at random, **code** them by hand
(twice, by two coders), **measure agreement** (Krippendorff's alpha), then **validate**
the measurement against the coding. This module does the last steps and adds a second
route to the measurement:

1. :func:`coding_sample` draws the units to code (sentences, at random, with a fixed
   seed) into a sheet with one column per coder; :func:`read_coding` reads it back, and
   :func:`coder_agreement` gives alpha per frame.
2. :func:`route_predictions` puts three routes side by side on the coded units: the
   dictionary (:func:`dictionary_matrix`), a scikit-learn classifier trained on the coding
   (TF-IDF words and word pairs, one logistic regression per frame) and scored by k-fold
   cross-validation, so that no unit is predicted by a model that saw it, and the trivial
   *always-yes*.
3. :func:`route_scores` gives precision, recall and F1 per frame and route with 95 %
   intervals (Wilson for precision and recall, a seeded bootstrap over units for F1);
   :func:`choose_routes` says which route to trust for which frame: the one with the
   higher F1, and ``unreliable`` when neither beats always-yes.
4. :func:`apply_routes` measures the whole corpus with the chosen route per frame (the
   classifier's probability, or the dictionary's 0/1) and :func:`outlet_shares` gives each
   outlet's share of sentences that carry a frame, with a bootstrap interval over its
   articles.

Columns of a coding sheet (:data:`SHEET_COLUMNS`): ``unit_id, doc_id, sent_id, text,
coder_1, coder_2``. A coder writes the frames present, separated by ``;``, or ``none``;
an empty cell is not coded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .framing import compile_codebook, fold_case, frame_matches, krippendorff_alpha_nominal
from .quote_eval import wilson

SHEET_COLUMNS = ["unit_id", "doc_id", "sent_id", "text", "coder_1", "coder_2"]
ROUTES = ("dictionary", "classifier", "always-yes")
# fewer coded units carrying a frame than this, and its scores are anecdotes
MIN_POSITIVES = 5
SCORE_COLUMNS = ["frame", "route", "units", "positives", "predicted", "precision",
                 "precision_low", "precision_high", "recall", "recall_low", "recall_high",
                 "f1", "f1_low", "f1_high"]


class CodingError(ValueError):
    """A coding sheet that cannot be read; the message names the file and the problem."""


def coding_sample(sentences: pd.DataFrame, size: int = 200, seed: int = 0) -> pd.DataFrame:
    """A coding sheet of ``size`` sentences drawn at random (fixed ``seed``), in corpus
    order, with empty ``coder_1`` and ``coder_2`` columns. A uniform sample keeps the
    frames at their real prevalence, so the scores measured on it hold for the corpus."""
    pick = sentences.sample(n=min(size, len(sentences)), random_state=seed) \
        if len(sentences) else sentences
    pick = pick.sort_values(["doc_id", "sent_id"], kind="stable")
    sheet = pd.DataFrame({
        "unit_id": pick["doc_id"].astype(str) + "#s" + pick["sent_id"].astype(str),
        "doc_id": pick["doc_id"].astype(str), "sent_id": pick["sent_id"].astype("int64"),
        "text": pick["text"].astype(str), "coder_1": "", "coder_2": ""})
    return sheet[SHEET_COLUMNS].reset_index(drop=True)


def read_coding(sheet: pd.DataFrame | str | os.PathLike[str], frames: Sequence[str]
                ) -> pd.DataFrame:
    """A filled coding sheet, checked: every coded frame must be one of ``frames`` (or
    ``none``). Returns the sheet with its text columns as strings; raises
    :class:`CodingError` naming the file, the row and the unknown frame."""
    name = "the coding sheet"
    if not isinstance(sheet, pd.DataFrame):
        name = str(sheet)
        if not Path(sheet).is_file():
            raise CodingError(f"{name}: no such file")
        sheet = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    missing = [c for c in ("unit_id", "text", "coder_1") if c not in sheet.columns]
    if missing:
        raise CodingError(f"{name}: missing column(s) {', '.join(missing)}")
    sheet = sheet.copy()
    for col in ("coder_1", "coder_2"):
        sheet[col] = sheet[col].fillna("").astype(str) if col in sheet else ""
    known = set(frames) | {"none"}
    for col in ("coder_1", "coder_2"):
        for row, cell in enumerate(sheet[col].tolist(), start=2):
            for label in _labels(cell):
                if label not in known:
                    raise CodingError(f"{name}, line {row}, {col}: unknown frame {label!r}"
                                      f" (known: {', '.join(sorted(known))})")
    return sheet


def _labels(cell: str) -> list[str]:
    return [p.strip() for p in str(cell).split(";") if p.strip()]


def label_matrix(cells: Sequence[str], frames: Sequence[str]) -> np.ndarray:
    """Units × frames, True where the coder wrote the frame (``none``: no frame)."""
    out = np.zeros((len(cells), len(frames)), dtype=bool)
    index = {f: j for j, f in enumerate(frames)}
    for i, cell in enumerate(cells):
        for label in _labels(cell):
            if label in index:
                out[i, index[label]] = True
    return out


def coded(sheet: pd.DataFrame, coder: str = "coder_1") -> pd.DataFrame:
    """The rows of ``sheet`` that ``coder`` has coded."""
    return sheet[sheet[coder].astype(str).str.strip() != ""].reset_index(drop=True)


def coder_agreement(sheet: pd.DataFrame, frames: Sequence[str]) -> pd.DataFrame:
    """Krippendorff's alpha between the two coders, per frame (presence, nominal) on the
    units both coded: ``frame, units, alpha``. Alpha below 0.667 is too low to draw
    conclusions from (Krippendorff 2004); 0.8 is the usual bar."""
    both = sheet[(sheet["coder_1"].str.strip() != "") & (sheet["coder_2"].str.strip() != "")]
    one = label_matrix(both["coder_1"].tolist(), frames)
    two = label_matrix(both["coder_2"].tolist(), frames)
    rows = [{"frame": f, "units": len(both),
             "alpha": round(krippendorff_alpha_nominal([one[:, j].tolist(), two[:, j].tolist()]),
                            3) if len(both) else float("nan")}
            for j, f in enumerate(frames)]
    return pd.DataFrame(rows, columns=["frame", "units", "alpha"])


def dictionary_matrix(texts: Sequence[str], book: pd.DataFrame, frames: Sequence[str]
                      ) -> np.ndarray:
    """Units × frames, True where the codebook ``book`` (see :mod:`helpers.framing`) has
    at least one hit of the frame in the unit's text."""
    compiled = {frame: (regex, starts) for frame, _p, _pats, regex, _a, starts in
                compile_codebook(book)}
    out = np.zeros((len(texts), len(frames)), dtype=bool)
    for i, text in enumerate(texts):
        folded = fold_case(text)
        for j, frame in enumerate(frames):
            if frame in compiled and compiled[frame][0] is not None:
                regex, starts = compiled[frame]
                out[i, j] = next(frame_matches(regex, starts, text, folded), None) is not None
    return out


def fit_classifier(texts: Sequence[str], gold: np.ndarray, c: float = 4.0):
    """The learning route, fitted on coded units: TF-IDF over words and word pairs
    (sublinear counts, words in at least two units), then one logistic regression per
    frame with balanced class weights (rare frames are not ignored); a frame that no unit
    (or every unit) carries gets a constant model. Deterministic. Returns ``(vectorizer,
    one estimator per frame)`` for :func:`predict_proba`."""
    from sklearn.dummy import DummyClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    features = vectorizer.fit_transform(list(texts))
    estimators = []
    for j in range(gold.shape[1]):
        y = gold[:, j].astype(int)
        if y.min() == y.max():
            estimators.append(DummyClassifier(strategy="constant", constant=int(y[0]))
                              .fit(features, y))
        else:
            estimators.append(LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
                              .fit(features, y))
    return vectorizer, estimators


def predict_proba(model, texts: Sequence[str]) -> np.ndarray:
    """Units × frames: the fitted classifier's probability that each frame is present."""
    vectorizer, estimators = model
    features = vectorizer.transform(list(texts))
    out = np.zeros((features.shape[0], len(estimators)))
    for j, est in enumerate(estimators):
        proba = est.predict_proba(features)
        classes = list(est.classes_)
        out[:, j] = proba[:, classes.index(1)] if 1 in classes else 0.0
    return out


def cross_validated_proba(texts: Sequence[str], gold: np.ndarray, folds: int = 5,
                          seed: int = 0, c: float = 4.0) -> np.ndarray:
    """Each unit's probabilities from a classifier trained on the other folds (k-fold,
    shuffled with ``seed``): honest out-of-sample predictions on the coded sample."""
    from sklearn.model_selection import KFold

    texts = list(texts)
    out = np.zeros(gold.shape)
    folds = max(2, min(folds, len(texts)))
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(texts):
        model = fit_classifier([texts[i] for i in train], gold[train], c)
        out[test] = predict_proba(model, [texts[i] for i in test])
    return out


def route_predictions(texts: Sequence[str], gold: np.ndarray, book: pd.DataFrame | None,
                      frames: Sequence[str], folds: int = 5, seed: int = 0
                      ) -> dict[str, np.ndarray]:
    """The three routes' presence predictions on the coded units (units × frames):
    ``dictionary`` (when a codebook is given), ``classifier`` (cross-validated,
    probability ≥ 0.5) and ``always-yes``."""
    out = {"classifier": cross_validated_proba(texts, gold, folds, seed) >= 0.5,
           "always-yes": np.ones(gold.shape, dtype=bool)}
    if book is not None:
        out["dictionary"] = dictionary_matrix(texts, book, frames)
    return out


def _f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold & pred).sum())
    denom = float(gold.sum() + pred.sum())
    return 2 * tp / denom if denom else 0.0


def route_scores(gold: np.ndarray, predictions: dict[str, np.ndarray],
                 frames: Sequence[str], boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Precision, recall and F1 per frame and route (:data:`SCORE_COLUMNS`), with 95 %
    intervals: Wilson for precision and recall, a bootstrap over units (``boot``
    resamples, ``seed``) for F1. The same resamples serve every route and frame, so their
    intervals are comparable."""
    rng = np.random.default_rng(seed)
    n = gold.shape[0]
    draws = rng.integers(0, n, size=(boot, n)) if n else np.zeros((0, 0), dtype=int)
    rows = []
    for j, frame in enumerate(frames):
        g = gold[:, j]
        for route in ROUTES:
            if route not in predictions:
                continue
            p = predictions[route][:, j]
            tp, pos, pred = int((g & p).sum()), int(g.sum()), int(p.sum())
            boots = [_f1(g[d], p[d]) for d in draws]
            low, high = (np.percentile(boots, [2.5, 97.5]) if boots else (np.nan, np.nan))
            pl, ph = wilson(tp, pred)
            rl, rh = wilson(tp, pos)
            rows.append({"frame": frame, "route": route, "units": n, "positives": pos,
                         "predicted": pred, "precision": round(tp / pred, 3) if pred else 0.0,
                         "precision_low": round(pl, 3), "precision_high": round(ph, 3),
                         "recall": round(tp / pos, 3) if pos else 0.0,
                         "recall_low": round(rl, 3), "recall_high": round(rh, 3),
                         "f1": round(_f1(g, p), 3), "f1_low": round(float(low), 3),
                         "f1_high": round(float(high), 3)})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def choose_routes(scores: pd.DataFrame) -> pd.DataFrame:
    """Which route to trust for each frame: ``frame, route, f1, always_yes_f1, reliable,
    why``. The route (dictionary or classifier) with the higher F1 is chosen; a frame
    whose chosen F1 does not beat always-yes is ``unreliable``: show it greyed, or drop
    it."""
    rows = []
    for frame, g in scores.groupby("frame", sort=False):
        by = g.set_index("route")["f1"]
        yes = float(by.get("always-yes", 0.0))
        candidates = {r: float(by[r]) for r in ("dictionary", "classifier") if r in by}
        route = max(sorted(candidates), key=lambda r: candidates[r])
        best = candidates[route]
        reliable = best > yes
        other = [r for r in candidates if r != route]
        why = (f"{route} F1 {best:.2f}" + (f" vs {other[0]} {candidates[other[0]]:.2f}"
                                           if other else "") + f"; always-yes {yes:.2f}")
        positives = int(g["positives"].iloc[0])
        if positives < MIN_POSITIVES:
            why += f"; only {positives} coded unit(s) carry it: code more before trusting it"
        rows.append({"frame": frame, "route": route if reliable else "unreliable",
                     "positives": positives, "f1": best, "always_yes_f1": yes,
                     "reliable": reliable, "why": why})
    return pd.DataFrame(rows, columns=["frame", "route", "positives", "f1", "always_yes_f1",
                                       "reliable", "why"])


def apply_routes(sentences: pd.DataFrame, choice: pd.DataFrame, model, book: pd.DataFrame | None,
                 frames: Sequence[str], hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every sentence measured with its frame's chosen route: ``doc_id, sent_id, frame,
    route, presence`` (the classifier's probability, or the dictionary's 0/1; unreliable
    frames keep the better route's value, flagged by ``route``). ``hits`` (the stored
    ``frame_hits``, with ``doc_id, sent_id, frame``) gives the dictionary's answer without
    scanning the text again; the classifier reads the text only when a frame chose it."""
    chosen = dict(zip(choice["frame"], choice["route"], strict=True))
    texts = sentences["text"].astype(str).tolist() if "text" in sentences else []
    wants_model = model is not None and any(chosen.get(f, "classifier") == "classifier"
                                            or book is None for f in frames)
    proba = predict_proba(model, texts) if wants_model else None
    if hits is not None:
        keys = pd.MultiIndex.from_arrays([sentences["doc_id"], sentences["sent_id"]])
        dictionary = np.zeros((len(sentences), len(frames)), dtype=bool)
        for j, frame in enumerate(frames):
            found = hits[hits["frame"] == frame]
            dictionary[:, j] = keys.isin(pd.MultiIndex.from_arrays(
                [found["doc_id"], found["sent_id"]]))
    else:
        dictionary = dictionary_matrix(texts, book, frames) if book is not None else None
    parts = []
    for j, frame in enumerate(frames):
        route = chosen.get(frame, "classifier")
        use_dictionary = dictionary is not None and (route == "dictionary" or proba is None)
        values = dictionary[:, j].astype(float) if use_dictionary else proba[:, j]
        parts.append(pd.DataFrame({"doc_id": sentences["doc_id"].to_numpy(),
                                   "sent_id": sentences["sent_id"].to_numpy(),
                                   "frame": frame, "route": route,
                                   "presence": np.round(values, 4)}))
    return pd.concat(parts, ignore_index=True)


def outlet_shares(presence: pd.DataFrame, outlets: dict[str, str], boot: int = 500,
                  seed: int = 0) -> pd.DataFrame:
    """Each outlet's share of sentences carrying each frame (mean presence), with a 95 %
    bootstrap interval over its articles: ``outlet, frame, route, articles, share,
    share_low, share_high``; resampled over articles (over sentences when an outlet has
    fewer than five). The interval is sampling error only: the route's own errors are in
    :func:`route_scores`."""
    rng = np.random.default_rng(seed)
    table = presence.assign(outlet=presence["doc_id"].map(outlets))
    per_doc = table.groupby(["outlet", "frame", "route", "doc_id"], sort=True).agg(
        total=("presence", "sum"), sentences=("presence", "size")).reset_index()
    rows = []
    for (outlet, frame, route), g in per_doc.groupby(["outlet", "frame", "route"], sort=True):
        total, count = g["total"].to_numpy(), g["sentences"].to_numpy()
        share = total.sum() / max(count.sum(), 1)
        k = len(g)
        if k >= 5:  # articles are the sampled units: resample them
            picks = rng.integers(0, k, size=(boot, k))
            boots = total[picks].sum(axis=1) / np.maximum(count[picks].sum(axis=1), 1)
        else:  # one or a few articles: resample their sentences
            values = table.loc[(table["outlet"] == outlet) & (table["frame"] == frame),
                               "presence"].to_numpy()
            boots = values[rng.integers(0, len(values), size=(boot, len(values)))].mean(axis=1)
        low, high = np.percentile(boots, [2.5, 97.5])
        rows.append({"outlet": outlet, "frame": frame, "route": route, "articles": k,
                     "share": round(float(share), 4), "share_low": round(float(low), 4),
                     "share_high": round(float(high), 4)})
    return pd.DataFrame(rows, columns=["outlet", "frame", "route", "articles", "share",
                                       "share_low", "share_high"])


# FrAC (Guida et al. 2025): Policy Frames codes of its sentences, and the generic frames
# whose codebook dimension FrAC codes (conflict and human interest map to dimensions it
# does not code: Political, Quality of life)
FRAC_CODES = {1: "Economic", 3: "Morality", 4: "Fairness and equality",
              5: "Legality, constitutionality and jurisprudence",
              6: "Policy prescription and evaluation", 8: "Security and defense",
              9: "Health and safety", 11: "Cultural identity", 12: "Public opinion",
              15: "Other"}


def frac_evaluation(table: pd.DataFrame, book: pd.DataFrame, share: float = 0.6,
                    seed: int = 0) -> pd.DataFrame:
    """The routes on FrAC (``table``: ``sentence, label``): a classifier trained on a
    random ``share`` of the sentences, the dictionary ``book`` (its frames mapped to
    Policy Frames by its ``policy_frame`` column) and always-yes, all scored on the rest.
    Rows: :data:`SCORE_COLUMNS` plus ``set`` (``policy frames``: FrAC's ten codes;
    ``generic frames``: the codebook's frames whose dimension FrAC codes, with the
    classifier of that dimension as the supervised baseline)."""
    order = np.random.RandomState(seed).permutation(len(table))
    cut = int(share * len(table))
    train, test = order[:cut], order[cut:]
    texts = table["sentence"].astype(str).tolist()
    labels = table["label"].map(FRAC_CODES).fillna("Other").tolist()
    frames = list(FRAC_CODES.values())
    gold = label_matrix(labels, frames)
    model = fit_classifier([texts[i] for i in train], gold[train])
    test_texts = [texts[i] for i in test]
    mapping = book.groupby("frame", sort=True)["policy_frame"].first()
    generic = [f for f, dim in mapping.items() if dim in frames]
    found = dictionary_matrix(test_texts, book, generic)
    by_dimension = np.zeros((len(test), len(frames)), dtype=bool)
    for j, frame in enumerate(generic):
        by_dimension[:, frames.index(mapping[frame])] |= found[:, j]
    learned = predict_proba(model, test_texts) >= 0.5
    policy = route_scores(gold[test], {
        "classifier": learned, "dictionary": by_dimension,
        "always-yes": np.ones_like(by_dimension)}, frames)
    columns = [frames.index(mapping[f]) for f in generic]
    generic_scores = route_scores(gold[test][:, columns], {
        "dictionary": found, "classifier": learned[:, columns],
        "always-yes": np.ones_like(found)}, generic)
    return pd.concat([policy.assign(set="policy frames"),
                      generic_scores.assign(set="generic frames")], ignore_index=True)


ARTICLE_WORDS = 600  # the coders of the tune and test splits read each article's first 600 words
# splits of the article coding that no codebook revision looked at before they were scored
HELD_OUT_SPLITS = ("test", "blind")


def article_coding() -> pd.DataFrame:
    """The shipped article-level coding of the five generic frames:
    ``src/helpers/data/generic_article_coding.csv``, one row per article of the outside
    corpus (``make outside-corpus``: nine outlets, international news, 2016–17):
    ``doc_id``, ``split``, ``words_read`` and a 0/1 column per frame. One reader, the
    developer who revised the codebook (not an independent human coder), answered
    Semetko and Valkenburg's (2000) yes/no questions for each article; no second coder,
    so no agreement figure. Labels only: the text comes from the outside corpus.

    ``words_read`` is what the coder read: the first :data:`ARTICLE_WORDS` words (600) or
    the whole article (0); the dictionary is scored on the same text. The splits:

    - ``tune`` (120 articles, drawn at random, first 600 words): the codebook was revised
      on them;
    - ``test`` (80, at random, first 600 words): coded after the first revision, held
      out from it; a second revision (27 November 2026) was chosen with them in view;
    - ``climate`` (38, every article about climate change outside the other samples,
      whole text) and ``environment`` (50, at random among energy, environment and
      health articles, whole text): coded for the second revision, which was tuned on
      them;
    - ``blind`` (60, at random among all remaining articles, whole text): coded after
      the second revision was fixed, scored once (:data:`HELD_OUT_SPLITS`); the only
      change after that score is the inflection of a final *e* or *y*
      (:func:`helpers.framing.literal_regex`), a fix to every codebook."""
    return pd.read_csv(paths.PACKAGE_DATA / "generic_article_coding.csv")


def coded_frames(coding: pd.DataFrame) -> list[str]:
    """The frame columns of an article coding: all but ``doc_id``, ``split``,
    ``words_read`` and a second coder's ``<frame>_2`` columns."""
    return [c for c in coding.columns if c not in ("doc_id", "split", "words_read")
            and not c.endswith("_2")]


def article_agreement(coding: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's alpha between the coder of :func:`article_coding` and a second
    reader who filled ``<frame>_2`` columns (0/1, empty where not coded), per frame, on
    the articles both coded: ``frame, units, alpha``. Frames without a second column are
    left out, so an empty table means nobody has double-coded yet."""
    rows = []
    for frame in coded_frames(coding):
        second = f"{frame}_2"
        if second not in coding.columns:
            continue
        both = coding[coding[second].notna() & coding[frame].notna()]
        alpha = krippendorff_alpha_nominal([both[frame].astype(int).tolist(),
                                            both[second].astype(int).tolist()])
        rows.append({"frame": frame, "units": len(both),
                     "alpha": round(alpha, 3) if len(both) else float("nan")})
    return pd.DataFrame(rows, columns=["frame", "units", "alpha"])


def _read_text(text: str, words_read: int) -> str:
    """What the coder read: the first ``words_read`` words, or all of ``text`` (0)."""
    return " ".join(text.split()[:words_read]) if words_read else text


def article_evaluation(coding: pd.DataFrame, texts: dict[str, str], book: pd.DataFrame
                       ) -> pd.DataFrame:
    """Article-level presence of the generic frames (at least one hit in the text the
    coder read, ``words_read``), scored on every split of ``coding``
    (:func:`article_coding`): the dictionary and always-yes on each, and on each held-out
    split (:data:`HELD_OUT_SPLITS`) also a classifier trained on the splits that are not
    held out. ``texts`` maps ``doc_id`` to the article's text. Rows:
    :data:`SCORE_COLUMNS` plus ``set`` = ``generic articles`` and ``split``. A coding
    without ``words_read`` was read to :data:`ARTICLE_WORDS` words."""
    missing = sorted(set(coding["doc_id"]) - set(texts))
    if missing:
        raise KeyError(f"{len(missing)} coded articles are not in the corpus, e.g. {missing[0]}")
    frames = coded_frames(coding)
    words = (coding["words_read"] if "words_read" in coding.columns
             else pd.Series(ARTICLE_WORDS, index=coding.index)).astype(int)
    read = {d: _read_text(texts[d], w) for d, w in zip(coding["doc_id"], words, strict=True)}
    training = coding[~coding["split"].isin(HELD_OUT_SPLITS)]
    model = fit_classifier([read[d] for d in training["doc_id"]],
                           training[frames].to_numpy(dtype=bool))
    tables = []
    for split, rows in coding.groupby("split", sort=False):
        unit_texts = [read[d] for d in rows["doc_id"]]
        gold = rows[frames].to_numpy(dtype=bool)
        predictions = {"dictionary": dictionary_matrix(unit_texts, book, frames),
                       "always-yes": np.ones_like(gold)}
        if split in HELD_OUT_SPLITS:
            predictions["classifier"] = predict_proba(model, unit_texts) >= 0.5
        tables.append(route_scores(gold, predictions, frames)
                      .assign(set="generic articles", split=split))
    return pd.concat(tables, ignore_index=True)


def generic_validity(evaluation: pd.DataFrame, frames: Sequence[str]) -> dict[str, str]:
    """Per generic frame: ``validated`` (its dictionary beats always-yes on human-coded
    outside text), ``unreliable`` (it does not) or ``not validated`` (no coded outside
    text for it). The article-level coding (``set`` = ``generic articles``), the unit
    the frames are read at, decides where it exists, on its held-out splits
    (:data:`HELD_OUT_SPLITS`; a table without ``split`` counts as held out): the
    dictionary must beat always-yes on every one of them. Else FrAC's sentences
    (``generic frames``)."""
    articles = evaluation[evaluation["set"] == "generic articles"]
    if "split" in articles.columns:
        articles = articles[articles["split"].isna() | articles["split"].isin(HELD_OUT_SPLITS)]
    out = {}
    for frame in frames:
        scores = articles[articles["frame"] == frame]
        if scores.empty:
            scores = evaluation[(evaluation["set"] == "generic frames")
                                & (evaluation["frame"] == frame)]
        split = (scores["split"].fillna("") if "split" in scores.columns
                 else pd.Series("", index=scores.index))
        verdicts = []
        for _split, group in scores.groupby(split, sort=False):
            f1 = group.set_index("route")["f1"]
            if "dictionary" in f1:
                verdicts.append(f1["dictionary"] > f1.get("always-yes", 0))
        if not verdicts:
            out[frame] = "not validated"
        else:
            out[frame] = "validated" if all(verdicts) else "unreliable"
    return out


def measured_frames() -> pd.DataFrame:
    """The scores recorded by ``make eval-frames`` (numbers only):
    ``src/helpers/data/frame_eval.csv``: FrAC's sentences (``set`` = ``policy frames``,
    ``generic frames``) and the article coding (``generic articles``, one block per
    ``split``; :func:`article_evaluation`)."""
    return pd.read_csv(paths.PACKAGE_DATA / "frame_eval.csv")
