"""Framing with a codebook: dictionary matching with KWIC evidence, by outlet and by voice.

A codebook is data (``codebook.csv`` in the corpus folder, else the generic one in
``helpers/data``), one row per pattern:

============  ==================================================================
frame         short name of the frame (``security_guarantees``)
description   what the frame says
policy_frame  one of the 15 dimensions of the Policy Frames Codebook (Boydstun et al.)
pattern       a phrase, matched literally, or a regular expression if ``regex``
regex         ``true``/``false`` (default false)
============  ==================================================================

Literal patterns match whole words, case-insensitively; a space or hyphen matches either
(``take-it-or-leave-it`` finds ``take it or leave it``); the last word takes common
inflections (``guarantee`` finds ``guarantees``, ``guaranteed``; a final silent *e* or *y*
is dropped where English drops it: ``tackle`` finds ``tackling``, ``policy`` finds
``policies``, ``deny`` finds ``denied``). Numbers are normalised:
``50%`` finds ``50 percent`` and ``50 per cent``; ``$500 billion`` finds ``$500bn``.
The codebook is validated and compiled once.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .io import read_user_table
from .patterns import LinearRegex, user_regex
from .runs import run_bounds

POLICY_FRAMES = (
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
    "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
    "Cultural identity", "Public opinion", "Political", "External regulation and reputation",
    "Other",
)
CODEBOOK_COLUMNS = ["frame", "description", "policy_frame", "pattern", "regex"]
CODEBOOK_FILE = "codebook.csv"
GENERIC_CODEBOOK = paths.PACKAGE_DATA / "generic_codebook.csv"
HIT_COLUMNS = ["doc_id", "frame", "pattern", "left", "match", "right", "speech", "speaker",
               "side", "sent_id", "start", "end", "policy_frame"]
FRAME_COLUMNS = ["doc_id", "frame", "policy_frame", "hits", "per_1000_words", "first_position",
                 "hits_narration", "hits_quotes", "first_sentence", "outlet"]
INFLECTION = r"(?:s|es|ed|d|ing|ting|red|ring|rent)?"
# a final silent e (tackle: tackling) or consonant + y (policy: policies) changes before a
# suffix; words of three letters or fewer keep INFLECTION (the, use, buy)
E_INFLECTION = r"(?:e(?:s|d)?|ing)"
Y_INFLECTION = r"(?:y(?:s|ed|ing)?|ies|ied)"
WORD_START = r"(?<![\w$])"
MAX_PATTERN = 300


class CodebookError(ValueError):
    """A malformed codebook; the message names the file, the line and the problem."""


def _number_regex(token: str) -> str | None:
    """Regex for a number-like literal (``50%``, ``$500 billion``), else ``None``."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|percent|per cent)", token, re.I)
    if m:
        return rf"{re.escape(m.group(1))}\s*(?:%|percent\b|per\s+cent\b)"
    m = re.fullmatch(r"\$\s*(\d+(?:\.\d+)?)\s*(billion|bn|million|mn|m|trillion|tn)", token, re.I)
    if m:
        unit = {"billion": "billion|bn", "bn": "billion|bn", "million": "million|mn|m",
                "mn": "million|mn|m", "m": "million|mn|m", "trillion": "trillion|tn",
                "tn": "trillion|tn"}[m.group(2).lower()]
        number = re.escape(m.group(1))
        return (rf"(?:\$\s*{number}\s*(?:{unit})\b|\b{number}\s*(?:{unit})\s+"
                r"(?:US\s+)?dollars\b)")
    return None


def _inflected(word: str) -> tuple[str, str]:
    """``(stem, suffix regex)`` for the last word of a literal pattern: the stem is the
    part every inflected form keeps (``tackl`` for ``tackle``, ``polic`` for ``policy``)."""
    lower = word.lower()
    if len(word) >= 4 and lower.endswith("e") and not lower.endswith("ee"):
        return word[:-1], E_INFLECTION
    if len(word) >= 4 and lower.endswith("y") and lower[-2] not in "aeiou":
        return word[:-1], Y_INFLECTION
    return word, INFLECTION


def _stemmed_words(pattern: str) -> list[str]:
    """The pattern's words, the last one cut to its :func:`_inflected` stem when it is
    alphabetic: text that every match contains."""
    words = [w for w in re.split(r"[\s\-]+", pattern.strip()) if w]
    if words and words[-1].isalpha():
        words[-1] = _inflected(words[-1])[0]
    return words


def literal_anchor(pattern: str) -> str | None:
    """Lower-case text that every match of the literal ``pattern`` contains, or ``None``.

    The anchor is the pattern's number or its longest word, when that is ASCII.
    :func:`match_frames` looks for a frame's anchors with plain substring search in the
    folded text (:func:`fold_case`) and runs the frame's expression only where one occurs.
    """
    number = re.fullmatch(r"\$?\s*(\d+(?:\.\d+)?).*", pattern.strip())
    if number and _number_regex(pattern.strip()):
        return number.group(1)
    words = _stemmed_words(pattern)
    anchor = max(words, key=len).lower()
    return anchor if anchor.isascii() else None


def literal_starts(pattern: str) -> tuple[str, ...] | None:
    """Lower-case ASCII text with which every match of the literal ``pattern`` begins
    (one of them), or ``None`` when there is none to say.

    Folded text (:func:`fold_case`) begins with one of these wherever the pattern's
    case-insensitive expression matches, so :func:`match_frames` tries the frame's
    expression only at those positions.
    """
    token = pattern.strip()
    number = re.fullmatch(r"\$?\s*(\d+(?:\.\d+)?).*", token)
    if number and _number_regex(token):
        return ("$", number.group(1)) if token.startswith("$") else (number.group(1),)
    words = _stemmed_words(token)
    if not words:
        return None
    first = words[0].lower()
    ascii_head = first[:next((i for i, c in enumerate(first) if not c.isascii()), len(first))]
    return (ascii_head,) if ascii_head else None


# the only characters outside ASCII that re.IGNORECASE matches to an ASCII letter or digit
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_case(text: str) -> str:
    """``text`` lower-cased so that an ASCII anchor occurs in it wherever ``re.I`` finds it."""
    return text.translate(_FOLD).lower()


def literal_regex(pattern: str) -> str:
    """The regular expression a literal pattern stands for (see the module docstring)."""
    number = _number_regex(pattern.strip())
    if number:
        return number
    words = [w for w in re.split(r"[\s\-]+", pattern.strip()) if w]
    if words and words[-1].isalpha():
        stem, suffix = _inflected(words[-1])
        body = r"[\s\-]+".join([re.escape(w) for w in words[:-1]] + [re.escape(stem)])
        body += suffix
    else:
        body = r"[\s\-]+".join(re.escape(w) for w in words)
    return rf"{WORD_START}{body}(?![\w%])"


def read_codebook(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a codebook CSV; adds the compiled ``regex_text`` of each pattern."""
    path = Path(path)
    book = read_user_table(path, CodebookError, ("frame", "policy_frame", "pattern"),
                           CODEBOOK_COLUMNS)
    for col in ("description", "regex"):
        if col not in book.columns:
            book[col] = ""
    book = book[CODEBOOK_COLUMNS].apply(lambda s: s.str.strip())
    texts = []
    for i, row in book.iterrows():
        where = f"{path}: line {int(i) + 2}"
        if not row["frame"] or not row["pattern"]:
            raise CodebookError(f"{where}: empty frame or pattern")
        if row["policy_frame"] not in POLICY_FRAMES:
            raise CodebookError(f"{where}: policy_frame '{row['policy_frame']}' is not one of "
                                f"the Policy Frames Codebook dimensions {list(POLICY_FRAMES)}")
        if row["regex"].lower() not in {"", "true", "false", "yes", "no", "1", "0"}:
            raise CodebookError(f"{where}: regex must be true or false, not '{row['regex']}'")
        if len(row["pattern"]) > MAX_PATTERN:
            raise CodebookError(f"{where}: pattern longer than {MAX_PATTERN} characters")
        is_regex = row["regex"].lower() in {"true", "yes", "1"}
        text = row["pattern"] if is_regex else literal_regex(row["pattern"])
        if is_regex:  # a user's expression runs on RE2, in linear time (helpers.patterns)
            compiled = user_regex(text, where, CodebookError, ignore_case=True)
        else:  # the suite writes literal patterns itself, escaped
            compiled = re.compile(text, re.I)
        if compiled.groupindex:
            raise CodebookError(f"{where}: pattern '{row['pattern']}' has a named group; "
                                "use (?:...) instead")
        if compiled.search("") is not None:
            raise CodebookError(f"{where}: pattern '{row['pattern']}' matches the empty string")
        texts.append(text)
    dup = book.duplicated(["frame", "pattern"])
    if dup.any():
        raise CodebookError(f"{path}: duplicate pattern '{book.loc[dup, 'pattern'].iloc[0]}'")
    per_frame = book.groupby("frame")["policy_frame"].nunique()
    if (per_frame > 1).any():
        raise CodebookError(f"{path}: frame '{per_frame[per_frame > 1].index[0]}' is mapped to "
                            "more than one policy_frame")
    return book.assign(regex_text=texts).reset_index(drop=True)


def load_codebook(folder: str | os.PathLike[str] | None = None) -> tuple[pd.DataFrame, str]:
    """The corpus folder's ``codebook.csv``, else the generic one. Returns ``(book, source)``."""
    path = paths.corpus_dir(folder) / CODEBOOK_FILE
    if path.is_file():
        return read_codebook(path), str(path)
    return read_codebook(GENERIC_CODEBOOK), "generic (Semetko & Valkenburg 2000)"


def compile_codebook(book: pd.DataFrame) -> list[tuple[str, str, list[str], re.Pattern[str],
                                                      tuple[str, ...] | None]]:
    """One compiled alternation per frame:
    ``(frame, policy_frame, patterns, regex, anchors, starts)``.

    Each pattern is a named group ``p0``, ``p1``… so a match says which pattern fired;
    one scan per frame instead of one per pattern. The word-start test that literal
    patterns share is tested once per position, before the alternatives. ``anchors`` holds the
    :func:`literal_anchor` of every pattern of the frame (``None`` when the frame has a
    regular-expression pattern or a non-ASCII anchor): a text without any of them cannot
    match the frame, so its scan is skipped. ``starts`` matches the :func:`literal_starts`
    of every pattern (``None`` as for ``anchors``): :func:`frame_matches` tries the frame's
    expression only where one of them begins. Compiled once per codebook.
    """
    compiled = []
    for frame, rows in book.groupby("frame", sort=False):
        patterns = rows["pattern"].tolist()
        literal = ~rows["regex"].str.lower().isin(["true", "yes", "1"])
        users = [(i, LinearRegex(text, ignore_case=True)) for i, (text, plain) in
                 enumerate(zip(rows["regex_text"], literal, strict=True)) if not plain]
        parts = []  # runs of literal patterns share one word-start test; order is kept
        for starts, run in groupby([(i, t) for i, (t, plain) in enumerate(
                zip(rows["regex_text"], literal, strict=True)) if plain],
                                   key=lambda item: item[1].startswith(WORD_START)):
            run = list(run)
            if starts:
                inner = "|".join(f"(?P<p{i}>{text[len(WORD_START):]})" for i, text in run)
                parts.append(f"{WORD_START}(?:{inner})")
            else:
                parts.extend(f"(?P<p{i}>{text})" for i, text in run)
        alternation = "|".join(parts)
        anchors = tuple(sorted({literal_anchor(p) for p in patterns}, key=str))
        if not literal.all() or None in anchors:
            anchors = None
        heads = [literal_starts(p) for p in patterns]
        starts = None
        if literal.all() and None not in heads:
            alternatives = sorted({h for hs in heads for h in hs}, key=lambda h: (-len(h), h))
            starts = re.compile("|".join(re.escape(h) for h in alternatives))
        regex = re.compile(alternation, re.I) if parts else None
        if users:
            regex = MixedFrameRegex(regex, users)
        compiled.append((frame, rows["policy_frame"].iloc[0], patterns, regex, anchors,
                         starts))
    return compiled


class FrameHit:
    """A match of one pattern of a frame: ``start()``, ``end()``, ``group()`` and
    ``lastgroup`` (``p<i>``, the pattern's index in the frame), as :func:`frame_matches`
    gives for a ``re`` match."""

    __slots__ = ("_start", "_end", "_text", "lastgroup")

    def __init__(self, start: int, end: int, text: str, index: int):
        self._start, self._end, self._text, self.lastgroup = start, end, text, f"p{index}"

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


class MixedFrameRegex:
    """A frame whose codebook mixes literal patterns (one Python alternation, written by
    the suite) with a user's regular expressions (RE2, :class:`~helpers.patterns.
    LinearRegex`). ``finditer`` gives the hits of all, in order of position then of
    pattern, without overlap: what one alternation of them all would give."""

    def __init__(self, literal: re.Pattern[str] | None, users: list[tuple[int, LinearRegex]]):
        self.literal, self.users = literal, users

    def finditer(self, text: str) -> Iterator[FrameHit]:
        found = []
        if self.literal is not None:
            found += [(m.start(), int(m.lastgroup[1:]), m.end(), m.group())
                      for m in self.literal.finditer(text)]
        for index, regex in self.users:
            found += [(m.start(), index, m.end(), m.group()) for m in regex.finditer(text)]
        end = -1
        for start, index, stop, matched in sorted(found):
            if start < end or (start == end and stop == start):
                continue
            end = stop
            yield FrameHit(start, stop, matched, index)


def frame_matches(regex: re.Pattern[str], starts: re.Pattern[str] | None, text: str,
                  folded: str) -> Iterator[re.Match[str]]:
    """The matches of ``regex.finditer(text)``, found by trying ``regex`` only where the
    folded text matches ``starts`` (see :func:`compile_codebook`).

    A case-insensitive expression that begins with a look-behind gets no fast scan from
    Python's ``re``: it is tried at every character. ``starts`` is a case-sensitive
    alternation of literal beginnings, which ``re`` scans for quickly; the matches are the
    same, one at a time and without overlap, as ``finditer`` gives.
    """
    if starts is None:
        yield from regex.finditer(text)
        return
    pos, end = 0, len(text)
    while pos <= end:
        hit = starts.search(folded, pos)
        if hit is None:
            return
        m = regex.match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
            continue
        yield m
        pos = m.end()


def match_frames(clean: pd.DataFrame, sentences: pd.DataFrame, quotes: pd.DataFrame,
                 book: pd.DataFrame, width: int = 45, jobs: int | None = None) -> pd.DataFrame:
    """Every codebook hit with its KWIC context, sentence and voice.

    ``speech`` is ``quote`` when the hit lies inside a quotation (then ``speaker`` and
    ``side`` come from the quotes table), else ``narration``. Overlapping hits of one frame
    (``security guarantee`` inside a longer pattern) count once. Columns
    :data:`HIT_COLUMNS`. Large corpora are scanned in ``jobs`` processes; the result
    equals a one-process run.
    """
    from .engine.compute import map_blocks

    ordered = sentences[["doc_id", "start", "sent_id"]].sort_values(["doc_id", "start"],
                                                                    kind="stable")
    docs, s_start, s_id = (ordered[c].to_numpy() for c in ("doc_id", "start", "sent_id"))
    sents = {docs[a]: (s_start[a:b].tolist(), s_id[a:b].tolist())
             for a, b in zip(*run_bounds(docs), strict=True)}
    ordered = quotes[["doc_id", "start", "end", "speaker", "side"]].sort_values(
        "doc_id", kind="stable")
    docs, *columns = (ordered[c].to_numpy() for c in ordered.columns)
    quote_groups = {docs[a]: tuple(c[a:b] for c in columns)
                    for a, b in zip(*run_bounds(docs), strict=True)}
    items = [(d, t, sents.get(d, ([], [])), quote_groups.get(d))
             for d, t in zip(clean["doc_id"], clean["text"], strict=True)]
    blocks = map_blocks(_FrameChunk(compile_codebook(book), width), items, jobs=jobs,
                        desc="framing")
    hits = pd.concat(blocks, ignore_index=True) if len(blocks) > 1 else blocks[0]
    return hits.sort_values(["doc_id", "start", "frame"], kind="stable").reset_index(drop=True)


class _FrameChunk:
    """Picklable worker: the codebook hits of a chunk of articles."""

    def __init__(self, compiled, width: int):
        self.compiled, self.width = compiled, width

    def __call__(self, items) -> pd.DataFrame:
        """The hits of a chunk of articles, as a table (columns travel lighter than rows)."""
        rows = [row for item in items for row in self.article(*item)]
        return pd.DataFrame(rows, columns=HIT_COLUMNS).astype(
            {"sent_id": "int64", "start": "int64", "end": "int64"})

    def article(self, doc_id: str, text: str, sents: tuple[list[int], list[int]],
                q: tuple[np.ndarray, ...] | None) -> list[tuple]:
        """The hits of one article: ``sents`` is (starts, sent_ids), ``q`` its quotes."""
        starts, sent_ids = sents
        width = self.width
        rows = []
        seen: dict[str, list[tuple[int, int]]] = {}
        folded = fold_case(text)
        for frame, policy, patterns, regex, anchors, heads in self.compiled:
            if anchors is not None and not any(a in folded for a in anchors):
                continue
            for m in frame_matches(regex, heads, text, folded):
                pattern = patterns[int(m.lastgroup[1:])]
                taken = seen.setdefault(frame, [])
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                k = bisect_right(starts, m.start()) - 1
                sent_id = int(sent_ids[k]) if k >= 0 else -1
                speech, speaker, side = "narration", "", ""
                if q is not None:
                    inside = np.flatnonzero((q[0] <= m.start()) & (q[1] >= m.end()))
                    if len(inside):
                        speech = "quote"
                        speaker, side = q[2][inside[0]], q[3][inside[0]]
                left = text[max(0, m.start() - width):m.start()].replace("\n", " ")
                right = text[m.end():m.end() + width].replace("\n", " ")
                rows.append((doc_id, frame, pattern, left, m.group(), right, speech, speaker,
                             side, sent_id, m.start(), m.end(), policy))
        return rows


def frame_table(hits: pd.DataFrame, clean: pd.DataFrame, book: pd.DataFrame) -> pd.DataFrame:
    """Per article and frame: presence, hits per 1,000 words, prominence and voice.

    Every frame of the codebook is listed for every article (``hits = 0`` where absent).
    ``first_position`` is the first hit's offset as a share of the article (0 = the very
    start, the lead; 1 = the end); empty where the frame is absent.
    """
    frames = book.drop_duplicates("frame")[["frame", "policy_frame"]]
    grid = pd.MultiIndex.from_product([sorted(clean["doc_id"]), frames["frame"]],
                                      names=["doc_id", "frame"])
    length = dict(zip(clean["doc_id"], clean["text"].str.len(), strict=True))
    words = dict(zip(clean["doc_id"], clean["n_words"], strict=True))
    outlets = dict(zip(clean["doc_id"], clean["outlet"], strict=True))
    agg = hits.assign(
        in_narration=(hits["speech"] == "narration").astype("int64"),
        in_quotes=(hits["speech"] == "quote").astype("int64"),
    ).groupby(["doc_id", "frame"]).agg(
        hits=("match", "size"), first_start=("start", "min"), first_sentence=("sent_id", "min"),
        hits_narration=("in_narration", "sum"), hits_quotes=("in_quotes", "sum"),
    ).reindex(grid).reset_index()
    agg = agg.merge(frames, on="frame", how="left")
    for col in ("hits", "hits_narration", "hits_quotes"):
        agg[col] = agg[col].fillna(0).astype("int64")
    agg["per_1000_words"] = (1000 * agg["hits"] / agg["doc_id"].map(words).clip(lower=1)).round(3)
    agg["first_position"] = (agg["first_start"] / agg["doc_id"].map(length).clip(lower=1)).round(4)
    agg["first_sentence"] = agg["first_sentence"].astype("Int64")
    agg["outlet"] = agg["doc_id"].map(outlets)
    return agg[FRAME_COLUMNS]


def policy_frame_table(frames: pd.DataFrame) -> pd.DataFrame:
    """The frame counts rolled up to the Policy Frames Codebook dimensions, per article."""
    table = (frames.groupby(["doc_id", "outlet", "policy_frame"])[["hits", "per_1000_words"]]
             .sum().reset_index())
    return table[table["hits"] > 0].reset_index(drop=True)


def frame_voice(hits: pd.DataFrame) -> pd.DataFrame:
    """Who voices each frame: hits in narration and in each side's quotations."""
    voice = np.where(hits["speech"] == "quote", "quote: " + hits["side"].replace("", "unknown"),
                     "narration")
    return (hits.assign(voice=voice).groupby(["frame", "voice"]).size().rename("hits")
            .reset_index())


def pattern_report(hits: pd.DataFrame, book: pd.DataFrame, sample: int = 3) -> pd.DataFrame:
    """Per pattern: hit count, articles, and a KWIC sample to judge its precision by eye."""
    rows = []
    for r in book.itertuples(index=False):
        h = hits[(hits["frame"] == r.frame) & (hits["pattern"] == r.pattern)]
        examples = [f"…{a[-25:]}[{m}]{b[:25]}…" for a, m, b in
                    zip(h["left"], h["match"], h["right"], strict=True)][:sample]
        rows.append((r.frame, r.pattern, len(h), h["doc_id"].nunique(), " | ".join(examples)))
    return pd.DataFrame(rows, columns=["frame", "pattern", "hits", "articles", "kwic_sample"])


def coding_sheet(hits: pd.DataFrame, size: int = 40, seed: int = 0) -> pd.DataFrame:
    """A sample of hits for a human coder: the reader fills ``reader_frame``.

    ``reader_frame`` should be the frame the reader sees in the context, or ``none``. The
    sample is drawn with a fixed seed and sorted, so everyone codes the same sheet.
    """
    sample = hits.sample(n=min(size, len(hits)), random_state=seed) if len(hits) else hits
    sheet = sample.sort_values(["doc_id", "start"]).assign(
        hit_id=lambda d: d["doc_id"] + "@" + d["start"].astype(str),
        context=lambda d: d["left"] + "[" + d["match"] + "]" + d["right"],
        dictionary_frame=lambda d: d["frame"], reader_frame="")
    return sheet[["hit_id", "doc_id", "context", "dictionary_frame", "reader_frame"]].reset_index(
        drop=True)


def krippendorff_alpha_nominal(data: list[list[object]]) -> float:
    """Krippendorff's alpha for nominal data.

    ``data`` is a coders × units matrix; ``None`` or ``NaN`` marks a missing value. Units
    coded by fewer than two coders are ignored. Returns 1.0 for perfect agreement.
    """
    from collections import Counter
    from itertools import permutations

    units = list(zip(*data, strict=True))
    coincidence: Counter = Counter()
    for unit in units:
        values = [v for v in unit if v is not None and not (isinstance(v, float) and np.isnan(v))]
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(range(m), 2):
            coincidence[(values[a], values[b])] += 1 / (m - 1)
    totals: Counter = Counter()
    for (a, _b), w in coincidence.items():
        totals[a] += w
    n = sum(totals.values())
    if n <= 1:
        return float("nan")
    observed = sum(w for (a, b), w in coincidence.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n - 1)
    return 1.0 if expected == 0 else 1.0 - observed / expected


def sheet_agreement(sheet: pd.DataFrame) -> dict[str, float]:
    """Agreement between the dictionary and a filled coding sheet: alpha and precision."""
    filled = sheet[sheet["reader_frame"].astype(str).str.strip() != ""]
    if filled.empty:
        return {"coded": 0, "precision": float("nan"), "alpha": float("nan")}
    reader = filled["reader_frame"].str.strip().tolist()
    machine = filled["dictionary_frame"].tolist()
    return {"coded": len(filled),
            "precision": float(np.mean([a == b for a, b in zip(machine, reader, strict=True)])),
            "alpha": krippendorff_alpha_nominal([machine, reader])}


def generic_marks(frames: pd.Series) -> pd.Series:
    """``frames`` with each generic frame (:data:`GENERIC_CODEBOOK`) marked by what its
    validation on human-coded outside text found (:func:`helpers.frame_learning.
    generic_validity`): a frame whose dictionary beats always-yes stays as it is, one with
    no coded outside text becomes ``… (not validated)``, one below always-yes ``…
    (unreliable)``. Other frames are kept."""
    from .frame_learning import generic_validity, measured_frames

    generic = set(read_codebook(GENERIC_CODEBOOK)["frame"])
    if not set(frames) <= generic:
        return frames  # a corpus codebook: its frames are the researcher's to validate
    status = generic_validity(measured_frames(), sorted(generic))
    return frames.map(lambda f: f if status.get(f) == "validated" else f"{f} ({status[f]})")
