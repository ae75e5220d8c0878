"""Score the quotes table against a hand-coded gold: recall, precision, speaker accuracy.

The gold is a CSV with one row per quoted passage: ``doc_id`` (the article's file name
stem), ``text`` (the passage), ``speaker``, and optionally ``kind`` (``direct`` or
``partial``; default ``direct``), ``speaker_type`` (``name``, ``nominal``, ``pronoun``…)
and ``speaker_key`` (a regular expression for the name word a right speaker contains;
default: the speaker's last word). It is the format of the PolNeAR development sets
(Newell, Margolin and Ruths, LREC 2018) that the suite is tuned on, and the one a user
writes for a hand-coded sample of their own corpus (see the README).

Matching follows the same definitions as ``shared/eval/score_quotes.py``: on words
(NFKC, lower case, letters, digits, apostrophes), never on offsets.

* A gold passage is **found** when one extracted quote of the same article holds at least
  half of its words in order; the best such quote gives the speaker.
* **Recall** counts ``direct`` passages. **Precision** judges extracted quotes of 4 or more
  words: right when half of their words lie in one gold passage (any kind), or when they
  are the best match of a found passage.
* **Speaker** accuracy is over found direct passages with a key: right when the key
  matches at the start of a word of the extracted speaker. It is given for all, for
  named or described sources and for pronoun sources, each with a 95 % Wilson interval;
  ``speaker_when_given`` counts only the quotes the suite gave a speaker (an honest
  "unresolved" is left out of it, while the other measures count it as wrong).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from .io import read_user_table

GOLD_COLUMNS = ("doc_id", "text", "speaker")


def words(text: str) -> list[str]:
    """The words a match is made of: NFKC, lower case, ``[a-z0-9']``."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9']+", text.lower())


def matched(a: list[str], b: list[str]) -> int:
    """Words of ``a`` found in ``b`` in order (blocks of 2+ words, 1 when ``a`` is short)."""
    least = 1 if len(a) <= 2 else 2
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks if m.size >= least)


def read_gold(path: str | Path) -> pd.DataFrame:
    """The gold table, checked: the required columns, a ``kind`` and a ``speaker_key``."""
    gold = read_user_table(Path(path), ValueError, required=GOLD_COLUMNS,
                           expected=(*GOLD_COLUMNS, "kind", "speaker_type", "speaker_key"))
    gold = gold.copy()
    if "kind" not in gold.columns:
        gold["kind"] = "direct"
    gold["kind"] = gold["kind"].replace("", "direct")
    bad = sorted(set(gold["kind"]) - {"direct", "partial"})
    if bad:
        raise ValueError(f"{path}: kind must be direct or partial, not {bad[0]!r}")
    if "speaker_type" not in gold.columns:
        gold["speaker_type"] = ""
    if "speaker_key" not in gold.columns:
        gold["speaker_key"] = [re.escape(w[-1]) if (w := words(s)) else ""
                               for s in gold["speaker"]]
    for i, key in enumerate(gold["speaker_key"]):
        try:
            re.compile(key)
        except re.error as error:
            raise ValueError(f"{path}: row {i + 2}: speaker_key {key!r} is not a valid "
                             f"regular expression ({error})") from None
    return gold


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of ``k`` successes out of ``n``."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def score_quotes(quotes: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(summary, rows)``: the scores, and every gold row with what it was matched to.

    ``quotes`` needs ``doc_id``, ``quote`` and ``speaker``; other columns (``rule``,
    ``confidence``) are carried into ``rows`` for error analysis.
    """
    preds: dict[str, list[dict]] = defaultdict(list)
    for record in quotes.to_dict("records"):
        record["_w"] = words(record["quote"])
        preds[str(record["doc_id"])].append(record)
    rows, best_of = [], set()
    for g in gold.to_dict("records"):
        gw = words(g["text"])
        if not gw:
            continue
        best, cover = None, 0
        for p in preds.get(str(g["doc_id"]), []):
            m = matched(gw, p["_w"])
            if m > cover:
                best, cover = p, m
        found = best is not None and cover >= 0.5 * len(gw)
        if found:
            best_of.add(id(best))
        right = None
        if found and g["speaker_key"]:
            right = bool(re.search(rf"\b(?:{g['speaker_key']})", " ".join(words(best["speaker"]))))
        row = {k: g[k] for k in ("doc_id", "text", "speaker", "kind", "speaker_type",
                                 "speaker_key")}
        row.update(found=found, coverage=round(cover / len(gw), 2),
                   pred_quote=best["quote"] if found else "",
                   pred_speaker=best["speaker"] if found else "", speaker_right=right)
        for extra in ("rule", "mention_kind", "speaker_mention", "confidence"):
            if extra in quotes.columns:
                row[f"pred_{extra}"] = best[extra] if found else ("" if extra != "confidence"
                                                                  else float("nan"))
        rows.append(row)
    table = pd.DataFrame(rows)
    golds_by_doc: dict[str, list[list[str]]] = defaultdict(list)
    for g in gold.to_dict("records"):
        golds_by_doc[str(g["doc_id"])].append(words(g["text"]))
    judged = right_quotes = 0
    for doc, records in preds.items():
        for p in records:
            if len(p["_w"]) < 4:
                continue
            judged += 1
            right_quotes += id(p) in best_of or any(
                matched(p["_w"], gw) >= 0.5 * len(p["_w"]) for gw in golds_by_doc.get(doc, []))
    direct = table[table["kind"].eq("direct")] if len(table) else table
    keyed = direct[direct["speaker_right"].notna()] if len(direct) else direct
    pronoun = keyed["speaker_type"].eq("pronoun") if len(keyed) else pd.Series(dtype=bool)
    measures = [
        ("recall", int(direct["found"].sum()) if len(direct) else 0, len(direct)),
        ("precision_4plus", right_quotes, judged),
        ("speaker", int(keyed["speaker_right"].sum()) if len(keyed) else 0, len(keyed)),
        ("speaker_named", int(keyed.loc[~pronoun, "speaker_right"].sum()) if len(keyed) else 0,
         int((~pronoun).sum())),
        ("speaker_pronoun", int(keyed.loc[pronoun, "speaker_right"].sum()) if len(keyed) else 0,
         int(pronoun.sum())),
    ]
    given = keyed[keyed["pred_speaker"].astype(str).ne("")] if len(keyed) else keyed
    measures.append(("speaker_when_given", int(given["speaker_right"].sum()) if len(given)
                     else 0, len(given)))
    summary = pd.DataFrame([
        {"measure": name, "right": k, "n": n, "score": round(k / n, 3) if n else float("nan"),
         "low95": round(wilson(k, n)[0], 3), "high95": round(wilson(k, n)[1], 3)}
        for name, k, n in measures])
    return summary, table
