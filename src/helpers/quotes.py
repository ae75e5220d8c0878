"""Quotations and their speakers: who gets to speak in each article.

Extraction works on clean text (cleaning turns curly and ``''`` marks into ``"``; curly
marks are accepted here too). Each ``"`` is read as opening or closing from its
neighbours (space before and a word after: opening), so a broken nested quote (an
opening mark inside an unclosed one) ends the first quote instead of swapping every
later mark. A quote never runs past its paragraph; one left open is flagged
``closed=False``, and an attribution garbled into it (``…there. [...]another Ukrainian
official told Fort.``) is cut off and used.

Attribution rules, in order (each is a plain pattern a reader can check):

1. after the quote: ``"…," NP VERB`` / ``"…," VERB NP`` / ``"…" by NP``;
2. before it, in the same sentence: ``NP VERB [that|,|:] "…"`` and ``according to NP``;
3. a cue later in the same sentence: ``…"…" for support, NP said``;
4. a colon: ``NP VERB:`` closing the previous paragraph (a quote in its own paragraph);
5. the same speaker continues: a quote with no cue takes the speaker of the nearest
   attributed quote in its paragraph (``"…," he said. "…"``).

A pronoun speaker (he, she) is resolved to the nearest named person before it; a
description (``the Ukrainian president``) through the actors table's ``descriptions``;
an anonymous source (``a senior White House official``) keeps its description, and its
side comes from its words, or from an earlier sided mention it refers back to
(``the former senior official`` after ``current and former senior Ukrainian officials``).
"""

from __future__ import annotations

import re

import pandas as pd

from .names import _split, empty_actors, find_names, per_table
from .runs import run_bounds
from .sentences import paragraph_spans, quote_passages, sentence_spans
from .sides import side_from_words

SPAN_COLUMNS = ["doc_id", "start", "end", "quote", "closed", "n_words"]
QUOTE_COLUMNS = ["doc_id", "quote_id", "quote", "speaker", "side", "sourcing", "cue", "kind",
                 "start", "end", "closed", "rule", "speaker_text", "n_words"]
CUES = (
    "said|says|say|told|tells|added|adds|stated|states|described|describes|argued|argues|"
    "explained|noted|wrote|asked|replied|responded|concluded|insisted|claimed|claims|"
    "warned|stressed|emphasized|emphasised|continued|acknowledged|admitted|announced|"
    "believes|believe|believed|suggested|suggesting|characterized|characterised|called|"
    "calling|criticized|criticised|recalled|declared|commented|confirmed|denied|urged|"
    "indicated|reiterated|maintained|observed|remarked|agreed|conceded|predicted|"
    "promised|pledged|vowed|demanded|tweeted|posted|testified|contended|complained|"
    "stating|saying|adding|arguing|speaking|referred"
)
_CUE = rf"(?<!United )(?:{CUES})"
CUE_RE = re.compile(rf"\b({_CUE})\b", re.I)
ANONYMOUS_HEADS = re.compile(
    r"\b(officials?|sources?|people|persons?|person|someone|aides?|advisers?|advisors?|"
    r"diplomats?|insiders?|spokes(?:man|woman|person)|representatives?|negotiators?|"
    r"lawmakers?|analysts?|experts?|members?|one|close)\b", re.I)
PRONOUNS = {"he": "person", "she": "person", "they": "group", "i": "self", "we": "self"}
_NP = r"[A-Za-z][\w'.\-]*(?:\s+[A-Za-z][\w'.\-]*){0,8}?"
_AFTER_NP_VERB = re.compile(rf"^\s*,?\s*(?P<np>{_NP})\s+(?:\w+ly\s+)?(?P<cue>{_CUE})\b", re.I)
_AFTER_APPOSITIVE = re.compile(rf"^\s*,?\s*(?P<np>[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){{0,4}}),"
                               rf"\s+[^,\"]{{1,90}},\s+(?:\w+ly\s+)?(?P<cue>{_CUE})\b")
_AFTER_VERB_NP = re.compile(rf"^\s*,?\s*(?P<cue>{_CUE})\s+(?P<np>{_NP})(?=\s*(?:[.,;]|$|\s+"
                            r"(?:who|which|that|in|at|on|after|before|during|speaking)\b))",
                            re.I)
_AFTER_BY = re.compile(rf"^\s*,?\s*by\s+(?P<np>{_NP})(?=\s*(?:[.,;]|$))", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:described|called|dubbed|labell?ed|branded|termed|"
                             r"characteri[sz]ed|dismissed|criticized|criticised)\b(?:\s+\w+){0,2}"
                             r"\s*(?:as)?\s*$", re.I)
_ACCORDING = re.compile(rf"\baccording to\s+(?P<np>{_NP})(?=\s*(?:[.,;\"]|$))", re.I)
_LATER_CUE = re.compile(rf",\s*(?P<np>{_NP})\s+(?P<cue>{_CUE})\b", re.I)
_NAME_CUE = re.compile(rf"(?P<np>\b[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*)*)\s+(?:\w+ly\s+)?"
                       rf"(?P<cue>{_CUE})\b")
_CUT = re.compile(r"\s+(?:who|which|that|speaking|explained|familiar|involved|on|in|at|"
                  r"after|before|during|because)\b.*$|,.*$", re.I)
_LEAD = re.compile(r"^(?:but|and|while|as|so|however|then|also|now)\s+", re.I)
_AUX = re.compile(r"\s+(?:has|have|had|did|does|do|was|were|is|are|will|would|also|further|"
                  r"then|not|never|already|later|previously|earlier|reportedly|explicitly|"
                  r"\w+ly)$", re.I)
_TITLES = re.compile(
    r"^(?:(?:Democratic|Republican|Former|Senior|Deputy|Acting|Chief|U\.S\.|US|British|"
    r"Ukrainian|Russian|European|American|President|Vice|Prime|Foreign|Defense|Defence|"
    r"Finance|Treasury|Secretary|Minister|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|"
    r"Mayor|Ambassador|General|Gen\.|Spokesman|Spokeswoman|Spokesperson|Mr\.|Mrs\.|Ms\.|"
    r"Dr\.|Professor|Prof\.|Chancellor|King|Queen|Pope|Judge|Justice|Commissioner|"
    r"Director|Chairman|Chairwoman|CEO|The|A|An)\s+)+")
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|some|two|three|four|five|several)\s+",
                         re.I)


# --------------------------------------------------------------------------- spans
def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def quoted_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """``(start, end, quote, closed)`` for each quoted passage, paragraph by paragraph.

    Offsets exclude the marks, surrounding spaces and a trailing comma (``"…interest,"``).
    An opening mark met inside an open quote closes it there (flagged ``closed=False``);
    an open quote at the end of a paragraph ends there, also flagged.
    """
    spans = []
    for opening, end, closed in quote_passages(text):
        s, e = _trim(text, opening + 1, end)
        if e > s:
            spans.append((s, e, text[s:e], closed))
    return spans


def quote_spans_table(clean: pd.DataFrame) -> pd.DataFrame:
    """Every quoted passage of every article; columns :data:`SPAN_COLUMNS`."""
    rows = []
    for doc_id, text in zip(clean["doc_id"], clean["text"], strict=True):
        for start, end, quote, closed in quoted_spans(text):
            rows.append((doc_id, start, end, quote, closed, len(quote.split())))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype(
        {"start": "int64", "end": "int64", "n_words": "int64", "closed": bool})


# --------------------------------------------------------------------- speakers
def _clean_np(np_text: str) -> str:
    # a quotation mark is never part of a speaker phrase: the closing one of a quote that
    # a phrase's pattern reached over (`" he said`) would hide the pronoun behind it
    np_text = _CUT.sub("", np_text.strip().strip("\"“”'‘’ "))
    np_text = _LEAD.sub("", np_text)
    while True:
        shorter = _AUX.sub("", np_text)
        if shorter == np_text:
            break
        np_text = shorter
    return np_text.strip(" ,.;:\"“”'‘’")


def _norm(text: str) -> str:
    text = text.lower().replace("united states", "us").replace("u.s.", "us")
    return re.sub(r"\s+", " ", text).strip()


def _actor_rows(actors: pd.DataFrame) -> dict[str, dict]:
    return per_table(actors, "rows", lambda table: {
        row["canonical"]: row.to_dict() for _, row in table.iterrows()})


def _named_person(np_text: str, actors: pd.DataFrame) -> str | None:
    """The canonical name of a person named in ``np_text`` (not as ``close to X``)."""
    rows = _actor_rows(actors)
    for start, _end, _w, entity, _s in reversed(find_names(np_text, actors)):
        kind = rows[entity]["type"] if entity in rows else ""
        before = np_text[:start].lower()
        if kind in {"person", ""} and not re.search(r"\b(close to|of|to|for|with)\s*$", before):
            return entity
    for canonical, row in rows.items():
        for description in _split(row.get("descriptions", "")):
            if re.search(rf"\b{re.escape(_norm(description))}\b", _norm(np_text)):
                return canonical
    return None


def _proper_name(np_text: str) -> str | None:
    """Without an actors table: the last run of capitalised words (``Brian Hughes``)."""
    words = np_text.split()
    runs, current = [], []
    for i, w in enumerate(words):
        if w[:1].isupper() and not (i == 0 and _DETERMINER.match(w + " ")):
            current.append(w)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs or ANONYMOUS_HEADS.search(np_text) and len(runs[-1]) < 2:
        return None
    name = " ".join(runs[-1]).rstrip(".,")
    return _TITLES.sub("", name + " ").strip() or name


def _sided_mentions(text: str, sides: pd.DataFrame | None
                    ) -> list[tuple[int, set[str], str, str]]:
    """Anonymous mentions with a side in ``text``: ``(end, modifiers, head, side)``."""
    pattern = re.compile(
        r"\b((?:(?:current|former|senior|top|high-level|and|one|two|three|four|another|"
        r"a|an|the|third|second|first)\s+)*)"
        r"((?:[A-Z][\w.]*\s+){0,3})"
        r"(officials?|sources?|diplomats?|aides?|people|person|advisers?)\b")
    found = []
    for m in pattern.finditer(text):
        side = side_from_words(m.group(2), sides)
        if side != "unknown":
            mods = {w.lower() for w in m.group(1).split()} & {"current", "former", "senior",
                                                              "top", "third", "second", "first"}
            found.append((m.end(), mods, m.group(3).rstrip("s").lower(), side))
    return found


def resolve_speaker(np_text: str, text: str, position: int, actors: pd.DataFrame,
                    previous: list[dict], sides: pd.DataFrame | None = None) -> dict:
    """Turn a speaker phrase into ``speaker``, ``side`` and ``sourcing``.

    ``text`` is the article and ``position`` where the phrase stands; ``previous`` holds
    the article's earlier attributed quotes (for pronouns and continuations). ``sides``
    (:mod:`helpers.sides`) gives the words that tie an unnamed speaker to a side; without
    it such a speaker's side is ``unknown``.
    """
    np_text = _clean_np(np_text)
    rows = _actor_rows(actors)
    word = np_text.lower()
    if word in PRONOUNS:
        candidates = [(q["position"], q["speaker"], q["side"]) for q in previous
                      if q["sourcing"] == "named" and q["position"] < position]
        for m in _NAME_CUE.finditer(text[:position]):
            entity = _named_person(m.group("np"), actors) if len(actors) else _proper_name(
                m.group("np"))
            if entity:
                side = rows[entity]["side"] if entity in rows else "unknown"
                candidates.append((m.start(), entity, side))
        if PRONOUNS[word] != "group" and candidates:
            _pos, speaker, side = max(candidates, key=lambda c: c[0])
            return {"speaker": speaker, "side": side, "sourcing": "named",
                    "speaker_text": np_text}
        for _s, _e, _w, entity, _st in reversed(find_names(text[:position], actors)):
            if entity in rows and rows[entity]["type"] == "person":
                return {"speaker": entity, "side": rows[entity]["side"], "sourcing": "named",
                        "speaker_text": np_text}
        return {"speaker": np_text, "side": "unknown", "sourcing": "unresolved",
                "speaker_text": np_text}
    person = _named_person(np_text, actors)
    if person is not None:
        return {"speaker": person, "side": rows[person]["side"] if person in rows else "unknown",
                "sourcing": "named", "speaker_text": np_text}
    words = np_text.split()
    ends_with_name = len(words) >= 2 and all(w[:1].isupper() for w in words[-2:])
    if ends_with_name and side_from_words(" ".join(words[-2:]), sides) == "unknown":
        name = _proper_name(np_text)
        if name:
            return {"speaker": name, "side": side_from_words(np_text, sides), "sourcing": "named",
                    "speaker_text": np_text}
    if ANONYMOUS_HEADS.search(np_text) or not np_text:
        description = np_text
        side = side_from_words(description, sides)
        if side == "unknown":
            for _s, _e, _w, entity, _st in find_names(description, actors):
                side = rows[entity]["side"] if entity in rows else side
        if side == "unknown" and re.match(r"(?i)^(the|that|this)\b", description):
            mods = {w.lower() for w in description.split()} & {"current", "former", "senior",
                                                                "top", "third", "second"}
            head = ANONYMOUS_HEADS.search(description)
            head_word = head.group(1).rstrip("s").lower() if head else ""
            for _end, m_mods, m_head, m_side in reversed(_sided_mentions(text[:position], sides)):
                if mods <= m_mods and (m_head == head_word or head_word in {"", "person"}):
                    side = m_side
                    break
        return {"speaker": description, "side": side, "sourcing": "anonymous",
                "speaker_text": np_text}
    name = _proper_name(np_text)
    if name:
        entity = next((e for *_x, e, _st in find_names(name, actors)), name)
        side = rows[entity]["side"] if entity in rows else side_from_words(np_text, sides)
        return {"speaker": entity, "side": side, "sourcing": "named", "speaker_text": np_text}
    return {"speaker": np_text, "side": side_from_words(np_text, sides), "sourcing": "anonymous",
            "speaker_text": np_text}


# ------------------------------------------------------------------ attribution
def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return pos, pos


def _subject_before(before: str) -> str | None:
    """The speaker phrase before the last cue verb of ``before`` (same sentence)."""
    cues = list(CUE_RE.finditer(before))
    if not cues:
        return None
    for cue in reversed(cues):
        head = before[:cue.start()]
        clause = re.split(r"[,;]|\bbut\b|\band\b(?=\s+(?:[A-Z]|he\b|she\b|they\b))", head)[-1]
        subject = _clean_np(clause)
        if subject and len(subject.split()) <= 10:
            return subject
    first = _clean_np(re.split(CUE_RE, before, maxsplit=1)[0])
    first = re.split(r"\s+(?:did|has|had|was|is|will|would|criticized|refused)\b", first)[0]
    return first or None


def _classify(text: str, sentence_start: int, open_at: int, n_words: int) -> str:
    before = text[sentence_start:open_at].rstrip()
    if not before or before.endswith(("—", "-")):
        return "full"
    if before.endswith((",", ":")) or n_words >= 8:
        return "full"
    return "fragment"


def _garbled_attribution(quote: str) -> tuple[str, str, str] | None:
    """In an unclosed quote, an attribution swallowed at its end: ``(quote, np, cue)``."""
    m = re.search(rf"(?:^|[.!?\]])\s*(?P<np>[A-Za-z][^.\]\"]{{0,60}}?)\s+(?P<cue>{CUES})\b"
                  r"[^.\"]{0,40}\.?\s*$", quote, re.I)
    if not m or m.start("np") == 0:
        return None
    kept = quote[:m.start("np")].rstrip(" ]")
    kept = re.sub(r"\s*\[[^\]]*$", "", kept).rstrip()
    return kept, m.group("np"), m.group("cue")


def extract_quotes(clean: pd.DataFrame, actors: pd.DataFrame | None = None,
                   jobs: int | None = None, sides: pd.DataFrame | None = None,
                   sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every quotation of every article with its speaker; columns :data:`QUOTE_COLUMNS`.

    ``kind`` is ``full`` (a quotation standing as a sentence, or introduced by a cue
    and a comma or colon, or eight words or more) or ``fragment`` (a partial or scare
    quote inside the reporter's sentence: "short-sighted", "recoup"). ``rule`` names
    the attribution rule that fired; ``speaker_text`` is the phrase as written.
    ``sides`` (:func:`helpers.sides.load_sides`) ties unnamed speakers to sides by their
    description. ``sentences`` is the corpus's sentence table
    (:func:`helpers.sentences.sentences_table` of ``clean``), when it is at hand: its
    sentence boundaries are used instead of splitting the articles again. Large corpora
    are read in partitions; the result equals one partition.
    """
    from .engine.compute import map_chunks

    actors = empty_actors() if actors is None else actors
    spans = _spans_by_doc(sentences) if sentences is not None else {}
    items = [(d, t, spans.get(d)) for d, t in zip(clean["doc_id"], clean["text"], strict=True)]
    per_article = map_chunks(_QuoteChunk(actors, sides), items, jobs=jobs, desc="quotes")
    rows = [record for records in per_article for record in records]
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype({"start": "int64", "end": "int64", "n_words": "int64", "closed": bool})


class _QuoteChunk:
    """Picklable worker: the quotations of a chunk of ``(doc_id, text)`` articles."""

    def __init__(self, actors: pd.DataFrame, sides: pd.DataFrame | None):
        self.actors, self.sides = actors, sides

    def __call__(self, items) -> list[list[dict]]:
        return [article_quotes(doc_id, text, self.actors, self.sides, spans)
                for doc_id, text, spans in items]


def _spans_by_doc(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Each article's sentence ``(start, end)`` spans, in order, from a sentence table."""
    ordered = sentences.sort_values(["doc_id", "sent_id"], kind="stable")
    docs = ordered["doc_id"].to_numpy()
    pairs = list(zip(ordered["start"].tolist(), ordered["end"].tolist(), strict=True))
    firsts, ends = run_bounds(docs)
    return {docs[a]: pairs[a:b] for a, b in zip(firsts.tolist(), ends.tolist(), strict=True)}


def article_quotes(doc_id: str, text: str, actors: pd.DataFrame,
                   sides: pd.DataFrame | None = None,
                   spans: list[tuple[int, int]] | None = None) -> list[dict]:
    """The quotation records of one article (see :func:`extract_quotes`); ``spans`` are
    its sentences' ``(start, end)`` (by default, :func:`sentence_spans` of ``text``)."""
    rows: list[dict] = []
    sentences = sentence_spans(text) if spans is None else spans
    paragraphs = paragraph_spans(text)
    attributed: list[dict] = []
    doc_rows: list[dict] = []
    for start, end, quote, closed in quoted_spans(text):
        record = {"doc_id": doc_id, "quote": quote, "start": start, "end": end,
                  "closed": closed, "cue": "", "rule": "", "speaker": "", "side": "unknown",
                  "sourcing": "unattributed", "speaker_text": ""}
        p_start, p_end = _sentence_of(paragraphs, start)
        s_start, s_end = _sentence_of(sentences, start)
        open_at = text.rfind('"', p_start, start)
        open_at = open_at if open_at >= 0 else start
        found = None
        if not closed:
            garbled = _garbled_attribution(quote)
            if garbled:
                kept, np_text, cue = garbled
                record.update(quote=kept, end=start + len(kept))
                found = (np_text, cue, "garbled_tail", start + len(kept))
        close_at = end + 1 if closed and end < len(text) and text[end] == '"' else end
        if closed and text[end:end + 1] != '"':
            close_at = text.find('"', end, p_end) + 1 or end
        after = text[close_at:p_end]
        before = text[max(s_start, p_start):open_at]
        ended = record["quote"].endswith(".") or (
            record["quote"].endswith(("?", "!")) and after.strip()[:1].isupper())
        if found is None and closed and not ended:
            for rule, pattern in (("after_np_verb", _AFTER_NP_VERB),
                                  ("after_verb_np", _AFTER_VERB_NP), ("after_by", _AFTER_BY),
                                  ("after_appositive", _AFTER_APPOSITIVE)):
                m = pattern.match(after)
                if m and rule == "after_by" and not _PASSIVE_BEFORE.search(before):
                    continue
                if m and not (rule == "after_np_verb" and CUE_RE.search(m.group("np"))):
                    cue = m.groupdict().get("cue") or "by"
                    found = (m.group("np"), cue, rule, close_at + m.start("np"))
                    break
        if found is None:
            m = _ACCORDING.search(text[s_start:s_end])
            if m:
                found = (m.group("np"), "according to", "according_to", s_start + m.start())
        if found is None and before.strip():
            subject = _subject_before(before)
            cue = CUE_RE.findall(before)
            if subject and cue:
                found = (subject, cue[-1], "before", open_at)
        if found is None and closed and not ended:
            m = _LATER_CUE.search(text[close_at:s_end])
            if m:
                found = (m.group("np"), m.group("cue"), "later_in_sentence",
                         close_at + m.start("np"))
        if found is None and before.strip() and CUE_RE.search(text[s_start:s_end]):
            people = [n for n in find_names(before, actors) if n[3] in _actor_rows(actors)
                      and _actor_rows(actors)[n[3]]["type"] == "person"]
            if people:
                entity = people[-1][3]
                rows_ = _actor_rows(actors)
                record["fallback"] = {
                    "speaker": entity, "side": rows_[entity]["side"], "sourcing": "named",
                    "speaker_text": people[-1][2], "rule": "sentence_subject",
                    "cue": CUE_RE.search(text[s_start:s_end]).group(1).lower()}
        if found is None and open_at == p_start:
            prev = [p for p in paragraphs if p[1] <= p_start]
            if prev and text[prev[-1][0]:prev[-1][1]].rstrip().endswith(":"):
                lead = text[prev[-1][0]:prev[-1][1]].rstrip()[:-1]
                lead_sent = _sentence_of(sentence_spans(lead), max(len(lead) - 1, 0))
                subject = _subject_before(lead[lead_sent[0]:])
                cue = CUE_RE.findall(lead[lead_sent[0]:])
                if subject and cue:
                    found = (subject, cue[-1], "colon_paragraph", prev[-1][0])
        if found is not None:
            np_text, cue, rule, position = found
            resolved = resolve_speaker(np_text, text, position, actors, attributed, sides)
            record.update(resolved, cue=cue.lower(), rule=rule)
            attributed.append({"position": position, **{k: record[k] for k in (
                "speaker", "side", "sourcing")}})
        record["n_words"] = len(record["quote"].split())
        record["kind"] = _classify(text, s_start, open_at, record["n_words"])
        record["paragraph"] = p_start
        doc_rows.append(record)
    _continue_speakers(doc_rows)
    for i, record in enumerate(doc_rows, start=1):
        record["quote_id"] = f"{doc_id}#q{i:02d}"
        fallback = record.pop("fallback", None)
        if not record["rule"] and fallback:
            record.update(fallback)
        record.pop("paragraph")
        rows.append(record)
    return rows


def _continue_speakers(records: list[dict]) -> None:
    """Rule 5: an unattributed quote takes the nearest attributed speaker in its paragraph."""
    for i, record in enumerate(records):
        if record["rule"]:
            continue
        same = [r for r in records if r["paragraph"] == record["paragraph"] and r["rule"]
                and r["rule"] != "continuation" and r is not record]
        if not same:
            continue
        earlier = [r for r in same if r["start"] < record["start"]]
        source = earlier[-1] if earlier else same[0]
        record.update({k: source[k] for k in ("speaker", "side", "sourcing", "cue",
                                               "speaker_text")}, rule="continuation")
        records[i] = record
