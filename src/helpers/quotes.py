"""Quotations and their speakers: who gets to speak in each article.

Extraction works on clean text (cleaning turns curly and ``''`` marks into ``"``; curly
marks are accepted here too). Each ``"`` is read as opening or closing from its
neighbours (space before and a word after: opening), so a broken nested quote (an
opening mark inside an unclosed one) ends the first quote instead of swapping every
later mark. A quote never runs past its paragraph; one left open is flagged
``closed=False``, and an attribution garbled into it (``…there. [...]another Ukrainian
official told Fort.``) is cut off and used.

Attribution rules, in order (each is a plain pattern a reader can check; the ``rule``
column names the one that fired):

1. after the quote: ``"…," VERB NP`` (``after_verb_np``), ``"…," NP [, appositive,]
   VERB`` (``after_np_verb``), ``"…" by NP`` (``after_by``). A quote that ends its own
   sentence (``"…?" Sanders asked.``) takes them too when the clause ends with the verb;
2. ``according to NP`` in the same sentence (``according_to``);
3. before it, in the same sentence: ``NP VERB [that|,|:] "…"`` (``before``), ``VERB NP:
   "…"`` (``before_verb_np``), ``NP …, saying "…"`` (``participle``: the subject of the
   main clause);
4. a cue later in the same sentence: ``…"…" for support, NP said`` (``later_in_sentence``);
5. a colon: ``NP …: "…"`` without a cue (``colon_subject``), or ``NP VERB:`` closing the
   previous paragraph (``colon_paragraph``); a transcript label opening the quote
   (``"CLINTON: I feel …"``, ``label``);
6. the same speaker continues: a quote with no cue takes the speaker of the nearest
   attributed quote in its paragraph (``continuation``), of the quote left open at the
   end of the previous paragraph (``next_paragraph``), of a quote ending the previous
   paragraph (``previous_paragraph``) or of one at most two paragraphs back with no other
   person named between (``recent_speaker``); or a signature follows it (``signature``:
   ``— Hillary Clinton`` in the next paragraph);
7. a quote standing alone after a sentence about someone takes that sentence's subject
   (``previous_subject``, the least sure).

The speaker phrases are read by :mod:`helpers.attribution`; the reporting verbs, in every
tense, come from :mod:`helpers.cues`. Names are grouped into persons, and ``he``/``she``
resolved, by the article's mention model (:mod:`helpers.mentions`): ``speaker`` is the
fullest name of the person in the article (or the actors table's canonical name), and
``speaker_mention`` the words that named it. A description (``the Ukrainian president``)
is linked through the actors table's ``descriptions``; an anonymous source (``a senior
White House official``) keeps its description, and its side comes from its words, or
from an earlier sided mention it refers back to.

Each attribution has a ``confidence``: the share of attributions by the same rule and
kind of phrase that were right on the PolNeAR training split (see
``helpers/data/attribution_confidence.csv`` and the README). A quote without a speaker
has ``unresolved=True`` and an empty ``speaker``: an honest gap, not a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd

from .attribution import Phrase, abbrev_safe, phrase_after_cue, phrase_before_cue
from .cues import CUE_PATTERN, CUE_RE, NOUN_FORM_RE, OBJECT_VERBS, PARTICIPLES
from .mentions import ArticleMentions, split_title
from .names import _split, empty_actors, find_names, per_table
from .runs import run_bounds
from .sentences import paragraph_spans, quote_mask, quote_passages, sentence_spans
from .sides import side_from_words

SPAN_COLUMNS = ["doc_id", "start", "end", "quote", "closed", "n_words"]
QUOTE_COLUMNS = ["doc_id", "quote_id", "quote", "speaker", "side", "sourcing", "cue", "kind",
                 "start", "end", "closed", "rule", "speaker_text", "n_words",
                 "speaker_mention", "mention_kind", "mention_start", "confidence",
                 "unresolved"]
ANONYMOUS_HEADS = re.compile(
    r"\b(officials?|sources?|people|persons?|person|someone|aides?|advisers?|advisors?|"
    r"diplomats?|insiders?|spokes(?:man|woman|person)|representatives?|negotiators?|"
    r"lawmakers?|analysts?|experts?|members?|one|close)\b", re.I)
PRONOUNS = {"he": "person", "she": "person", "they": "group", "i": "self", "we": "self",
            "it": "thing", "you": "self"}
# below this confidence an attribution is shown as uncertain in tables and figures
LOW_CONFIDENCE = 0.6
_LEAD_IN = re.compile(r"^\s*[,—–\-]*\s*")
_AFTER_BY = re.compile(r"^\s*,?\s*by\s+", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:described|called|dubbed|labell?ed|branded|termed|"
                             r"characteri[sz]ed|dismissed|criticized|criticised)\b(?:\s+\w+){0,2}"
                             r"\s*(?:as)?\s*$", re.I)
_ACCORDING = re.compile(r"\baccording to\s+", re.I)
_ENDS_CLAUSE = re.compile(
    r"^\s*(?:[.,;:!?]|$|—|(?:in|on|at|during|of|to|about|after|before|when|while|last|this|"
    r"on|from|with|via|earlier|later|recently|then|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|in an?|afterward|afterwards)\b(?![^.]*\bthat\b))")
_CLAUSE_GAP = re.compile(r"[;:!?]|[.](?=\s)|,\s+(?:but|and|while|as|when)\b")
_COMPLEMENT = re.compile(r"^\s+(?:that|he|she|they|it|we|I|there|this|his|her|their|the|a|an|"
                         r"if|whether|what|how|why)\b")
_PREPOSITION_START = re.compile(r"\s*(?:of|on|in|at|to|about|for|with|during|via|through|"
                                r"after|before|from|back|again|evenly|\w+ly)\b", re.I)
_LABEL = re.compile(r"^(?P<np>(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’.\-]*)\s*:\s+\S")
_SIGNATURE = re.compile(r"^\s*[-—–]+\s*(?P<np>[^,.\n]{2,60})")
_SENTENCE_LEAD = re.compile(r"^\s*(?:(?:But|And|So|Yet|Still|Then|Now|Later|Earlier|Also|"
                            r"Meanwhile|However|Instead|Indeed)\b,?\s*)?(?:[A-Z][^,\"]{0,60},\s+)?")
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
def _norm(text: str) -> str:
    text = text.lower().replace("united states", "us").replace("u.s.", "us")
    return re.sub(r"\s+", " ", text).strip()


def _actor_rows(actors: pd.DataFrame) -> dict[str, dict]:
    return per_table(actors, "rows", lambda table: {
        row["canonical"]: row.to_dict() for _, row in table.iterrows()})


def _named_person(np_text: str, actors: pd.DataFrame) -> str | None:
    """The canonical name of a person named in ``np_text`` (not as ``close to X``)."""
    if not len(actors):
        return None
    rows = _actor_rows(actors)
    for start, _end, _w, entity, _s in reversed(find_names(np_text, actors)):
        kind = rows[entity]["type"] if entity in rows else ""
        before = np_text[:start].lower()
        possessive = np_text[_end:_end + 2] in {"'s", "’s"} or np_text[_end:_end + 1] in {
            "'", "’"}
        if kind in {"person", ""} and not possessive and not re.search(
                r"\b(close to|of|to|for|with)\s*$", before):
            return entity
    for canonical, row in rows.items():
        for description in _split(row.get("descriptions", "")):
            if re.search(rf"\b{re.escape(_norm(description))}\b", _norm(np_text)):
                return canonical
    return None


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


def _as_phrase(np_text: str) -> Phrase | None:
    """A speaker phrase from loose text (``'" she'``, ``Sen. Ana Ruiz``)."""
    text = np_text.strip().strip("\"“”'‘’ ,")
    if not text:
        return None
    return phrase_before_cue(text) or phrase_after_cue(text)


def _unresolved(mention: str) -> dict:
    return {"speaker": "", "side": "unknown", "sourcing": "unresolved",
            "speaker_text": mention, "speaker_mention": mention, "unresolved": True}


def _name_without_title(text: str) -> str:
    words = text.split()
    _title, name = split_title(words)
    return " ".join(name or words).rstrip(".,")


def resolve_speaker(phrase: Phrase | str, text: str, position: int, actors: pd.DataFrame,
                    previous: list[dict], sides: pd.DataFrame | None = None,
                    mentions: ArticleMentions | None = None) -> dict:
    """Turn a speaker phrase into ``speaker``, ``side``, ``sourcing`` and its mention.

    ``phrase`` is a :class:`~helpers.attribution.Phrase` (or loose text, read as one);
    ``text`` is the article and ``position`` where the phrase stands; ``previous`` holds
    the article's earlier attributed quotes (``position``, ``speaker``, ``sourcing``).
    ``mentions`` is the article's mention model (built here when not given). ``sides``
    (:mod:`helpers.sides`) gives the words that tie an unnamed speaker to a side.
    """
    if isinstance(phrase, str):
        raw = phrase.strip().strip("\"“”'‘’ ,")
        phrase = _as_phrase(phrase)
        if phrase is None:
            return _unresolved(raw)
    if mentions is None:
        mentions = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    rows = _actor_rows(actors)

    def side_of(entity: str, words: str) -> str:
        return rows[entity]["side"] if entity in rows else side_from_words(words, sides)

    mention = phrase.text
    if phrase.kind == "pronoun":
        word = mention.lower()
        if PRONOUNS.get(word) != "person":
            return _unresolved(mention)
        speakers = [(q["position"], q["speaker"]) for q in previous if q["sourcing"] == "named"]
        found = mentions.resolve_pronoun(word, position, speakers)
        if found is None:
            return _unresolved(mention)
        name, confidence = found
        entity = _named_person(name, actors) or name
        return {"speaker": entity, "side": side_of(entity, ""), "sourcing": "named",
                "speaker_text": mention, "speaker_mention": mention, "unresolved": False,
                "pronoun_confidence": confidence}
    if phrase.kind == "name":
        name = _name_without_title(mention)
        entity = _named_person(mention, actors)
        if entity is None:
            entity = mentions.fullest(name, position)
        return {"speaker": entity, "side": side_of(entity, mention), "sourcing": "named",
                "speaker_text": mention, "speaker_mention": mention, "unresolved": False}
    # a description: an actor's description, else an anonymous or described source
    entity = _named_person(mention, actors)
    if entity is not None:
        return {"speaker": entity, "side": side_of(entity, mention), "sourcing": "named",
                "speaker_text": mention, "speaker_mention": mention, "unresolved": False}
    description = mention
    side = side_from_words(description, sides)
    if side == "unknown":
        for _s, _e, _w, found_entity, _st in find_names(description, actors):
            side = rows[found_entity]["side"] if found_entity in rows else side
    if side == "unknown" and re.match(r"(?i)^(the|that|this)\b", mention):
        mods = {w.lower() for w in mention.split()} & {"current", "former", "senior", "top",
                                                       "third", "second"}
        head = ANONYMOUS_HEADS.search(mention)
        head_word = head.group(1).rstrip("s").lower() if head else ""
        for _end, m_mods, m_head, m_side in reversed(_sided_mentions(text[:position], sides)):
            if mods <= m_mods and (m_head == head_word or head_word in {"", "person"}):
                side = m_side
                break
    return {"speaker": description, "side": side, "sourcing": "anonymous",
            "speaker_text": mention, "speaker_mention": mention, "unresolved": False}


# ------------------------------------------------------------------ attribution
def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return pos, pos


def _classify(text: str, sentence_start: int, open_at: int, n_words: int) -> str:
    before = text[sentence_start:open_at].rstrip()
    if not before or before.endswith(("—", "-")):
        return "full"
    if before.endswith((",", ":")) or n_words >= 8:
        return "full"
    return "fragment"


def _garbled_attribution(quote: str) -> tuple[str, str, str] | None:
    """In an unclosed quote, an attribution swallowed at its end: ``(quote, np, cue)``."""
    m = re.search(rf"(?:^|[.!?\]])\s*(?P<np>[A-Za-z][^.\]\"]{{0,60}}?)\s+(?P<cue>{CUE_PATTERN})\b"
                  r"[^.\"]{0,40}\.?\s*$", quote)
    if not m or m.start("np") == 0:
        return None
    kept = quote[:m.start("np")].rstrip(" ]")
    kept = re.sub(r"\s*\[[^\]]*$", "", kept).rstrip()
    return kept, m.group("np"), m.group("cue")


def _subject_of(sentence: str, descriptions: bool = False) -> Phrase | None:
    """The subject phrase that opens ``sentence`` (after ``But``, ``On Sunday,`` …): a
    name or a pronoun, or also a description (``One source``) when ``descriptions``."""
    kinds = {"name", "pronoun", "description"} if descriptions else {"name", "pronoun"}
    lead = _SENTENCE_LEAD.match(sentence)
    for start in ((lead.end(), 0) if lead and lead.end() else (0,)):
        phrase = phrase_after_cue(sentence[start:])
        if phrase is not None and phrase.kind in kinds:
            return Phrase(phrase.text, start + phrase.start, start + phrase.end, phrase.kind)
    return None


# "was said to", "is called": a passive verb reports no speech of its subject
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being|get|got)\s+(?:\w+ly\s+)?$", re.I)


def _after_frame(after: str, ended: bool, before: str) -> tuple[Phrase, str, str] | None:
    """A speaker frame right after the closing mark: ``(phrase, cue, rule)``."""
    lead = _LEAD_IN.match(after).end()
    rest = after[lead:]
    cue = CUE_RE.match(rest)
    if cue:
        phrase = phrase_after_cue(rest[cue.end():])
        if phrase is not None:
            tail = rest[cue.end() + phrase.end:]
            if not ended or _ENDS_CLAUSE.match(tail) or phrase.kind != "pronoun":
                shift = lead + cue.end()
                return Phrase(phrase.text, shift + phrase.start, shift + phrase.end,
                              phrase.kind), cue.group(), "after_verb_np"
        return None
    if _AFTER_BY.match(rest) and _PASSIVE_BEFORE.search(before) and not ended:
        start = _AFTER_BY.match(rest).end()
        phrase = phrase_after_cue(rest[start:])
        if phrase is not None:
            return (Phrase(phrase.text, lead + start + phrase.start, lead + start + phrase.end,
                           phrase.kind), "by", "after_by")
    cues = sorted([*CUE_RE.finditer(rest[:300]), *NOUN_FORM_RE.finditer(rest[:300])],
                  key=lambda m: m.start())
    for cue in cues:
        head = rest[:cue.start()]
        if re.search(r"[\"“”]|[.!?](?:\s|$)", abbrev_safe(head)):
            return None
        if _PASSIVE.search(head):
            return None
        phrase = phrase_before_cue(head)
        if phrase is None:
            return None
        if _CLAUSE_GAP.search(abbrev_safe(head[:phrase.start])):
            return None
        tail = rest[cue.end():]
        rule = "after_np_verb"
        if ended:
            rule = "after_sentence"
            if cue.group().lower() not in OBJECT_VERBS and _COMPLEMENT.match(tail):
                return None
        return (Phrase(phrase.text, lead + phrase.start, lead + phrase.end, phrase.kind),
                cue.group(), rule)
    return None


def _before_frame(text: str, s_start: int, before_start: int, open_at: int
                  ) -> tuple[Phrase, str, str, int] | None:
    """A speaker frame before the opening mark, in the same sentence."""
    before = text[before_start:open_at]
    cues = list(CUE_RE.finditer(before))
    if not cues:
        return None
    cues = [c for c in cues if not _PASSIVE.search(before[:c.start()])]
    if not cues:
        return None
    cue = cues[-1]
    between = before[cue.end():]
    # VERB NP: "…, said Trump: "…"" / "said the senator, "…""
    if between.strip(" ,:—–-") and cue.group().lower() not in OBJECT_VERBS and not \
            _PREPOSITION_START.match(between):
        phrase = phrase_after_cue(between)
        if phrase is not None and not between[phrase.end:].strip(" ,:—–-()RDI.") and (
                phrase.kind != "description" or between.rstrip().endswith((":", ","))):
            at = before_start + cue.end()
            return (Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind),
                    cue.group(), "before_verb_np", at + phrase.start)
    if cue.group().split()[0].lower() in PARTICIPLES:
        # "X said at a news conference, stating that …": the speaker of the earlier cue
        if len(cues) > 1 and before_start + cues[-2].end() <= open_at:
            earlier = _before_frame(text, s_start, before_start,
                                    before_start + cues[-2].end())
            if earlier is not None:
                phrase, _cue, _rule, at = earlier
                return phrase, cue.group(), "participle", at
        subject = _subject_of(text[s_start:before_start + cue.start()], descriptions=True)
        if subject is not None:
            return subject, cue.group(), "participle", s_start + subject.start
    head = before[:cue.start()]
    clause = re.split(r"[;]|\bbut\b|\band\b(?=\s+(?:[A-Z]|he\b|she\b|they\b))", head)[-1]
    offset = len(head) - len(clause)
    phrase = phrase_before_cue(clause)
    if phrase is not None:
        at = before_start + offset
        return (Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind),
                cue.group(), "before", at + phrase.start)
    subject = _subject_of(text[s_start:before_start + cue.start()], descriptions=True)
    if subject is not None:
        return subject, cue.group(), "before", s_start + subject.start
    return None


def _according(text: str, s_start: int, s_end: int) -> tuple[Phrase, int] | None:
    m = _ACCORDING.search(text, s_start, s_end)
    if not m:
        return None
    phrase = phrase_after_cue(text[m.end():s_end])
    if phrase is None:
        return None
    return phrase, m.end() + phrase.start


# ----------------------------------------------------------------- confidence
@lru_cache(maxsize=1)
def confidence_table() -> dict[tuple[str, str], float]:
    """``(rule, phrase kind) -> confidence``: the share of right speakers by that rule on
    the PolNeAR training split, shipped as numbers only (``attribution_confidence.csv``)."""
    path = resources.files("helpers") / "data" / "attribution_confidence.csv"
    table = pd.read_csv(str(path))
    return {(r.rule, r.kind): float(r.confidence) for r in table.itertuples(index=False)}


# a pronoun whose best antecedent holds less than this share of the ranker's probability
# is a "pronoun_weak" attribution, with a confidence of its own
WEAK_PRONOUN = 0.6


def mention_kind(kind: str, pronoun_confidence: float | None = None) -> str:
    """The kind of speaker phrase for the confidence table: ``name``, ``description``,
    ``pronoun``, or ``pronoun_weak`` (an antecedent the ranker is unsure of)."""
    if kind == "pronoun" and pronoun_confidence is not None and pronoun_confidence < WEAK_PRONOUN:
        return "pronoun_weak"
    return kind


# an attribution right less often than this on outside news is withheld: the quote is
# ``unresolved`` with an empty speaker, and ``speaker_mention`` keeps the candidate
MIN_CONFIDENCE = 0.5


def _withhold_if_unsure(record: dict, floor: float) -> None:
    if record["rule"] and not record["unresolved"] and record["confidence"] < floor:
        record.update(speaker="", side="unknown", sourcing="unresolved", unresolved=True)


def _confidence(rule: str, kind: str) -> float:
    known = confidence_table()
    value = known.get((rule, kind), known.get((rule, "any"), known.get(("default", "any"), 0.5)))
    return round(value, 2)


def measured_accuracy() -> pd.DataFrame:
    """The attribution scores measured on outside news (``make eval-polnear``): one row
    per measure with ``right``, ``n``, ``score`` and its 95 % interval. The gold is
    PolNeAR's development split, never used to build or tune the rules."""
    path = resources.files("helpers") / "data" / "attribution_eval.csv"
    return pd.read_csv(str(path))


def attribution_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per attribution rule of a quotes table: quotes, how many got a speaker, how many
    are withheld or unresolved, and the mean confidence of the attributed ones (the
    rule's measured accuracy on outside news). Rules in order of use."""
    if table.empty:
        return pd.DataFrame(columns=["rule", "quotes", "attributed", "unresolved",
                                     "mean_confidence"])
    rule = table["rule"].replace("", "(no cue)")
    out = (table.assign(rule=rule, attributed=~table["unresolved"])
           .groupby("rule", sort=False)
           .agg(quotes=("quote_id", "size"), attributed=("attributed", "sum"),
                unresolved=("unresolved", "sum")))
    given = table[~table["unresolved"]].assign(rule=rule)
    out["mean_confidence"] = given.groupby("rule")["confidence"].mean().round(2)
    return (out.reset_index().sort_values(["quotes", "rule"], ascending=[False, True])
            .astype({"attributed": "int64", "unresolved": "int64"}).reset_index(drop=True))


# --------------------------------------------------------------------- extract
def extract_quotes(clean: pd.DataFrame, actors: pd.DataFrame | None = None,
                   jobs: int | None = None, sides: pd.DataFrame | None = None,
                   sentences: pd.DataFrame | None = None,
                   min_confidence: float = MIN_CONFIDENCE) -> pd.DataFrame:
    """Every quotation of every article with its speaker; columns :data:`QUOTE_COLUMNS`.

    ``kind`` is ``full`` (a quotation standing as a sentence, or introduced by a cue
    and a comma or colon, or eight words or more) or ``fragment`` (a partial or scare
    quote inside the reporter's sentence: "short-sighted", "recoup"). ``rule`` names
    the attribution rule that fired; ``speaker_text`` and ``speaker_mention`` are the
    phrase as written; ``confidence`` how often that rule was right on outside news;
    ``unresolved`` marks a quote without a speaker, or whose attribution is right less
    often than ``min_confidence`` (:data:`MIN_CONFIDENCE`; its candidate stays in
    ``speaker_mention``). Without an actors table the names
    are grouped by person across the corpus (:func:`group_speakers`).
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
    per_article = map_chunks(_QuoteChunk(actors, sides, min_confidence), items, jobs=jobs,
                             desc="quotes")
    rows = [record for records in per_article for record in records]
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    table = table.astype({"start": "int64", "end": "int64", "n_words": "int64", "closed": bool,
                          "confidence": "float64", "unresolved": bool,
                          "mention_start": "int64"})
    table["speaker"] = group_speakers(table, actors)
    return table


def group_speakers(table: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.Series:
    """Speakers grouped by person across articles: a bare last name (``Trump``) becomes
    the full name it stands for elsewhere in the corpus (``Donald Trump``) when one full
    name holds at least 80 % of the full names that end with it. Canonical names of the
    actors table and descriptions are left as they are."""
    speakers = table["speaker"].astype(str)
    named = table["sourcing"].eq("named") & speakers.str.len().gt(0)
    if not named.any():
        return speakers
    known = set(_actor_rows(actors)) if actors is not None and len(actors) else set()
    full = speakers[named & speakers.str.contains(" ", regex=False)]
    full = full[~full.isin(known)]
    if full.empty:
        return speakers
    last = full.str.split().str[-1].str.lower()
    counts = pd.DataFrame({"last": last, "full": full}).value_counts().reset_index(name="n")
    share = counts["n"] / counts.groupby("last")["n"].transform("sum")
    best = counts[share >= 0.8].set_index("last")["full"].to_dict()
    single = named & ~speakers.str.contains(" ", regex=False) & ~speakers.isin(known)
    mapped = speakers[single].str.lower().map(best)
    out = speakers.copy()
    out[mapped.dropna().index] = mapped.dropna()
    return out


class _QuoteChunk:
    """Picklable worker: the quotations of a chunk of ``(doc_id, text)`` articles."""

    def __init__(self, actors: pd.DataFrame, sides: pd.DataFrame | None,
                 min_confidence: float = MIN_CONFIDENCE):
        self.actors, self.sides, self.min_confidence = actors, sides, min_confidence

    def __call__(self, items) -> list[list[dict]]:
        return [article_quotes(doc_id, text, self.actors, self.sides, spans,
                               self.min_confidence)
                for doc_id, text, spans in items]


def _spans_by_doc(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Each article's sentence ``(start, end)`` spans, in order, from a sentence table."""
    ordered = sentences.sort_values(["doc_id", "sent_id"], kind="stable")
    docs = ordered["doc_id"].to_numpy()
    pairs = list(zip(ordered["start"].tolist(), ordered["end"].tolist(), strict=True))
    firsts, ends = run_bounds(docs)
    return {docs[a]: pairs[a:b] for a, b in zip(firsts.tolist(), ends.tolist(), strict=True)}


def _frame(text: str, q: dict, ctx: dict) -> tuple | None:
    """The attribution frame of one quote: ``(phrase, cue, rule, position)`` or None."""
    start, closed = q["start"], q["closed"]
    p_start, p_end = ctx["paragraph"]
    s_start, s_end = ctx["sentence"]
    open_at, close_at = ctx["open_at"], ctx["close_at"]
    next_open = ctx["next_open"]
    after = text[close_at:min(p_end, next_open)]
    before_start = max(s_start, p_start, ctx["previous_close"])
    before = text[before_start:open_at]
    quote = q["quote"]
    ended = quote.rstrip().endswith((".", "?", "!", "…"))
    if closed:
        found = _after_frame(after, ended, before)
        if found:
            phrase, cue, rule = found
            return phrase, cue, rule, close_at + phrase.start
    according = _according(text, s_start, s_end)
    if according:
        phrase, at = according
        return phrase, "according to", "according_to", at
    if before.strip():
        found = _before_frame(text, s_start, before_start, open_at)
        if found:
            return found
    if closed and not ended:
        tail = text[close_at:min(s_end, next_open)]
        for cue in CUE_RE.finditer(tail):
            head = tail[:cue.start()]
            comma = head.rfind(",")
            if comma < 0:
                continue
            if not head[comma + 1:].strip():  # "…" in 2008, said Prof. Paul Beck.
                phrase = phrase_after_cue(tail[cue.end():])
                if phrase is not None and phrase.kind == "name":
                    at = close_at + cue.end()
                    return (Phrase(phrase.text, at + phrase.start, at + phrase.end, "name"),
                            cue.group(), "later_in_sentence", at + phrase.start)
                break
            phrase = phrase_before_cue(head[comma + 1:])
            if phrase is not None:
                at = close_at + comma + 1
                return (Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind),
                        cue.group(), "later_in_sentence", at + phrase.start)
            break
    label = _LABEL.match(quote)
    if label and open_at == p_start:
        phrase = _as_phrase(label.group("np"))
        if phrase is not None and phrase.kind == "name":
            return Phrase(phrase.text, 0, len(phrase.text), "name"), ":", "label", start
    if before.rstrip().endswith(":"):
        subject = _subject_of(text[s_start:open_at])
        if subject is not None:
            return subject, ":", "colon_subject", s_start + subject.start
    if open_at == p_start and ctx["previous_paragraph"]:
        pp_start, pp_end = ctx["previous_paragraph"]
        lead = text[pp_start:pp_end].rstrip()
        if lead.endswith(":"):
            sentences = sentence_spans(lead)
            ls, _le = _sentence_of(sentences, max(len(lead) - 1, 0))
            found = _before_frame(text, pp_start + ls, pp_start + ls, pp_start + len(lead))
            if found:
                phrase, cue, _rule, at = found
                return phrase, cue, "colon_paragraph", at
            subject = _subject_of(lead[ls:], descriptions=True)
            if subject is not None:
                at = pp_start + ls
                return (Phrase(subject.text, at + subject.start, at + subject.end, subject.kind),
                        ":", "colon_paragraph", at + subject.start)
    return None


def article_quotes(doc_id: str, text: str, actors: pd.DataFrame,
                   sides: pd.DataFrame | None = None,
                   spans: list[tuple[int, int]] | None = None,
                   min_confidence: float = MIN_CONFIDENCE) -> list[dict]:
    """The quotation records of one article (see :func:`extract_quotes`); ``spans`` are
    its sentences' ``(start, end)`` (by default, :func:`sentence_spans` of ``text``). An
    attribution less sure than ``min_confidence`` is withheld (``unresolved``)."""
    sentences = sentence_spans(text) if spans is None else spans
    paragraphs = paragraph_spans(text)
    quoted = quoted_spans(text)
    if not quoted:
        return []
    mentions = ArticleMentions(text, sentences, quote_mask(text))
    records: list[dict] = []
    previous_close = 0
    for index, (start, end, quote, closed) in enumerate(quoted):
        record = {"doc_id": doc_id, "quote": quote, "start": start, "end": end,
                  "closed": closed, "cue": "", "rule": "", "speaker": "", "side": "unknown",
                  "sourcing": "unattributed", "speaker_text": "", "speaker_mention": "",
                  "confidence": 0.0, "unresolved": True, "mention_start": -1,
                  "mention_kind": ""}
        p_start, p_end = _sentence_of(paragraphs, start)
        open_at = text.rfind('"', p_start, start)
        open_at = open_at if open_at >= 0 else start
        close_at = end + 1 if closed and end < len(text) and text[end] == '"' else end
        if closed and text[end:end + 1] != '"':
            close_at = text.find('"', end, p_end) + 1 or end
        next_open = quoted[index + 1][0] - 1 if index + 1 < len(quoted) else len(text)
        p_index = paragraphs.index((p_start, p_end)) if (p_start, p_end) in paragraphs else -1
        ctx = {"paragraph": (p_start, p_end), "sentence": _sentence_of(sentences, start),
               "open_at": open_at, "close_at": close_at, "next_open": next_open,
               "previous_close": previous_close if previous_close > p_start else p_start,
               "previous_paragraph": paragraphs[p_index - 1] if p_index > 0 else None}
        previous_close = close_at
        found = None
        if not closed:
            garbled = _garbled_attribution(quote)
            if garbled:
                kept, np_text, cue = garbled
                record.update(quote=kept, end=start + len(kept))
                phrase = _as_phrase(np_text)
                if phrase is not None:
                    found = (phrase, cue, "garbled_tail", start + len(kept))
        if found is None:
            found = _frame(text, record, ctx)
        if found is not None:
            phrase, cue, rule, position = found
            resolved = resolve_speaker(phrase, text, position, actors,
                                       speakers_before(records, position), sides, mentions)
            pronoun_confidence = resolved.pop("pronoun_confidence", None)
            record.update(resolved, cue=cue.lower(), rule=rule)
            if not record["unresolved"]:
                kind = mention_kind(phrase.kind, pronoun_confidence)
                record.update(confidence=_confidence(rule, kind), mention_start=position,
                              mention_kind=kind)
        record["n_words"] = len(record["quote"].split())
        s_start = ctx["sentence"][0]
        record["kind"] = _classify(text, s_start, open_at, record["n_words"])
        record["paragraph"] = p_start
        record["sentence_start"] = s_start
        records.append(record)
    _continue_speakers(records, paragraphs, text, sentences, mentions, actors, sides)
    rows = []
    for i, record in enumerate(records, start=1):
        _withhold_if_unsure(record, min_confidence)
        record["quote_id"] = f"{doc_id}#q{i:02d}"
        record.pop("paragraph")
        record.pop("sentence_start")
        rows.append(record)
    return rows


_INHERITED = ("speaker", "side", "sourcing", "cue", "speaker_text", "speaker_mention",
              "unresolved", "mention_start", "mention_kind")


def speakers_before(records: list[dict], position: int) -> list[dict]:
    """The attributed quotations of ``records`` whose speaker was named before
    ``position``: ``{"position", "speaker", "side", "sourcing"}``, one per mention."""
    seen, out = set(), []
    for r in records:
        at = r.get("mention_start", -1)
        if r["rule"] and not r["unresolved"] and 0 <= at < position and at not in seen:
            seen.add(at)
            out.append({"position": at, "speaker": r["speaker"], "side": r["side"],
                        "sourcing": r["sourcing"]})
    return out


def _continue_speakers(records: list[dict], paragraphs: list[tuple[int, int]], text: str,
                       sentences: list[tuple[int, int]], mentions: ArticleMentions,
                       actors: pd.DataFrame, sides: pd.DataFrame | None) -> None:
    """Rules 6 and 7 for the quotes no frame attributed (see the module's docstring)."""
    def attributed(r: dict) -> bool:
        return bool(r["rule"]) and not r["unresolved"]

    for record in records:
        if record["rule"]:
            continue
        same = [r for r in records if r["paragraph"] == record["paragraph"] and attributed(r)
                and r["rule"] not in {"continuation", "previous_subject"} and r is not record]
        if same:
            earlier = [r for r in same if r["start"] < record["start"]]
            source = earlier[-1] if earlier else same[0]
            record.update({k: source[k] for k in _INHERITED}, rule="continuation",
                          confidence=_confidence("continuation", source["mention_kind"]))
            continue
        # a quote left open at the end of the previous paragraph continues here
        before = [r for r in records if r["start"] < record["start"]
                  and r["paragraph"] != record["paragraph"]]
        p_index = next((i for i, p in enumerate(paragraphs) if p[0] == record["paragraph"]), -1)
        if before and p_index > 0 and before[-1]["paragraph"] == paragraphs[p_index - 1][0] \
                and not before[-1]["closed"] and before[-1]["rule"] \
                and text[record["paragraph"]:record["start"]].strip() in {'"', "“"}:
            source = before[-1]
            record.update({k: source[k] for k in _INHERITED}, rule="next_paragraph",
                          confidence=_confidence("next_paragraph", source["mention_kind"]))
            continue
        # a signature in the next paragraph: "…" ¶ — Hillary Clinton.
        if p_index >= 0 and p_index + 1 < len(paragraphs) and not [
                r for r in records if r["paragraph"] == record["paragraph"]
                and r["start"] > record["start"]]:
            ns, ne = paragraphs[p_index + 1]
            signature = _SIGNATURE.match(text[ns:ne])
            if signature and len(text[ns:ne]) < 80:
                phrase = _as_phrase(signature.group("np"))
                if phrase is not None and phrase.kind == "name":
                    at = ns + signature.start("np")
                    phrase = Phrase(phrase.text, at, at + len(phrase.text), "name")
                    if _take(record, phrase, "signature", text, at, records, mentions, actors,
                             sides):
                        continue
        paragraph_initial = text[record["paragraph"]:record["start"]].strip() in {'"', "“"}
        # a quote opening a paragraph after one that ended with an attributed quote
        if paragraph_initial and p_index > 0 and before:
            last = before[-1]
            ps, pe = paragraphs[p_index - 1]
            if last["paragraph"] == ps and attributed(last) and not _names_after(
                    max(last["end"], last["mention_start"]) + 1, pe, mentions,
                    last["speaker"]):
                record.update({k: last[k] for k in _INHERITED}, rule="previous_paragraph",
                              confidence=_confidence("previous_paragraph", last["mention_kind"]))
                continue
        # a quote opening a paragraph soon after an attributed one, no one named between
        if paragraph_initial and p_index > 0 and before:
            last = before[-1]
            at = next((i for i, p in enumerate(paragraphs) if p[0] == last["paragraph"]), -9)
            if attributed(last) and p_index - at <= 2 and not _names_after(
                    max(last["end"], last["mention_start"]) + 1, record["start"], mentions,
                    last["speaker"]):
                record.update({k: last[k] for k in _INHERITED}, rule="recent_speaker",
                              confidence=_confidence("recent_speaker", last["mention_kind"]))
                continue
        # a quote standing after a sentence about someone
        s_start = record["sentence_start"]
        if s_start > record["paragraph"] or (paragraph_initial and p_index > 0):
            ps, _pe = _sentence_of(sentences, s_start - 1) if s_start > record["paragraph"] \
                else _sentence_of(sentences, paragraphs[p_index - 1][1] - 1)
            subject = _subject_of(text[ps:s_start] if s_start > record["paragraph"]
                                  else text[ps:paragraphs[p_index - 1][1]])
            if subject is not None and subject.kind in {"name", "pronoun"}:
                phrase = Phrase(subject.text, ps + subject.start, ps + subject.end,
                                subject.kind)
                _take(record, phrase, "previous_subject", text, ps + subject.start, records,
                      mentions, actors, sides)


def _names_after(start: int, end: int, mentions: ArticleMentions, speaker: str) -> bool:
    """Whether a person other than ``speaker`` is named in ``start``…``end``."""
    own = speaker.split()[-1].lower() if speaker.split() else ""
    for m in mentions.mentions:
        if start <= m.start < end and m.person >= 0 and (m.subject or m.before_verb):
            person = mentions.persons[m.person]
            if person.person_like and person.tokens[-1] != own:
                return True
    return False


def _take(record: dict, phrase: Phrase, rule: str, text: str, position: int,
          records: list[dict], mentions: ArticleMentions, actors: pd.DataFrame,
          sides: pd.DataFrame | None) -> bool:
    """Attribute ``record`` to ``phrase`` by ``rule`` unless it stays unresolved."""
    resolved = resolve_speaker(phrase, text, position, actors,
                               speakers_before(records, position), sides, mentions)
    pronoun_confidence = resolved.pop("pronoun_confidence", None)
    if resolved["unresolved"]:
        return False
    kind = mention_kind(phrase.kind, pronoun_confidence)
    record.update(resolved, cue="", rule=rule, mention_start=position, mention_kind=kind,
                  confidence=_confidence(rule, kind))
    return True
