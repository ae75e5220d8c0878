"""Quotations and their speakers: who gets to speak in each article.

Extraction works on clean text (cleaning turns curly and ``''`` marks into ``"``; curly
marks are accepted here too). Each ``"`` is read as opening or closing from its
neighbours (space before and a word after: opening), so a broken nested quote (an
opening mark inside an unclosed one) ends the first quote instead of swapping every
later mark. A quote never runs past its paragraph; one left open is flagged
``closed=False``, and an attribution garbled into it (``…there. [...]another Ukrainian
official told Fort.``) is cut off and used.
A title in quotation marks (a show, a book, a bill, a slogan: ``"The Late Show With
Stephen Colbert"``) is not a quotation and is left out of the table
(:func:`helpers.quote_rules.is_title`); :func:`quote_spans_table` still lists it.

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
7. a full quote in a sentence with no reporting verb takes the sentence's subject
   (``sentence_subject``); a quote standing alone after a sentence about someone takes
   that sentence's subject: ``previous_speech`` when that subject speaks in it (``Carter
   said that …. "…"``), else ``previous_subject`` (the least sure, withheld).

Rules 1 to 5 are in :mod:`helpers.quote_rules`, 6 and 7 here. The speaker phrases are
read by :mod:`helpers.attribution`; the reporting verbs, in every tense, come from
:mod:`helpers.cues`. Names are grouped into persons, and ``he``/``she``
resolved, by the article's mention model (:mod:`helpers.mentions`): ``speaker`` is the
fullest name of the person in the article (or the actors table's canonical name), and
``speaker_mention`` the words that named it. A description (``the Ukrainian president``)
is linked through the actors table's ``descriptions``; an anonymous source (``a senior
White House official``) keeps its description, and its side comes from its words, or
from an earlier sided mention it refers back to.

Each attribution has a ``confidence``: the share of attributions by the same rule and
kind of phrase that were right on the PolNeAR training split
(:mod:`helpers.quote_confidence`, and the README). A quote without a speaker
has ``unresolved=True`` and an empty ``speaker``: an honest gap, not a guess.
"""

from __future__ import annotations

import re

import pandas as pd

from .attribution import Phrase, as_phrase
from .cues import CUE_RE
from .mentions import ArticleMentions, split_title
from .names import _split, empty_actors, find_names, per_table
from .quote_confidence import LOW_CONFIDENCE as LOW_CONFIDENCE
from .quote_confidence import MIN_CONFIDENCE as MIN_CONFIDENCE
from .quote_confidence import attribution_summary as attribution_summary
from .quote_confidence import confidence_table as confidence_table
from .quote_confidence import measured_accuracy as measured_accuracy
from .quote_confidence import mention_kind, rule_confidence, withhold_if_unsure
from .quote_rules import (
    classify_kind,
    closing_attribution,
    find_frame,
    garbled_attribution,
    is_title,
    sentence_before,
    sentence_of,
    subject_of,
)
from .runs import run_bounds
from .sentences import paragraph_spans, quote_mask, quote_passages, sentence_spans
from .sides import side_from_words

SPAN_COLUMNS = ["doc_id", "start", "end", "quote", "closed", "n_words"]
QUOTE_COLUMNS = ["doc_id", "quote_id", "quote", "speaker", "side", "sourcing", "cue", "kind",
                 "start", "end", "closed", "rule", "speaker_text", "n_words",
                 "speaker_mention", "mention_kind", "mention_start", "confidence",
                 "unresolved", "person"]
ANONYMOUS_HEADS = re.compile(
    r"\b(officials?|sources?|people|persons?|person|someone|aides?|advisers?|advisors?|"
    r"diplomats?|insiders?|spokes(?:man|woman|person)|representatives?|negotiators?|"
    r"lawmakers?|analysts?|experts?|members?|one|close)\b", re.I)
PRONOUNS = {"he": "person", "she": "person", "they": "group", "i": "self", "we": "self",
            "it": "thing", "you": "self"}
_SIGNATURE = re.compile(r"^\s*[-—–]+\s*(?P<np>[^,.\n]{2,60})")
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


def _unresolved(mention: str) -> dict:
    return {"speaker": "", "side": "unknown", "sourcing": "unresolved", "person": "",
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
        phrase = as_phrase(phrase)
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
        if word == "it":
            return _thing_speaker(mention, text, position, actors, previous, sides, mentions)
        if PRONOUNS.get(word) != "person":
            return _unresolved(mention)
        speakers = named_speakers(previous)
        found = mentions.resolve_pronoun(word, position, speakers)
        if found is None:
            return _unresolved(mention)
        name, confidence = found
        entity = _named_person(name, actors) or name
        return {"speaker": entity, "side": side_of(entity, ""), "sourcing": "named",
                "person": entity, "speaker_text": mention, "speaker_mention": mention,
                "unresolved": False, "pronoun_confidence": confidence}
    if phrase.kind == "name":
        name = _name_without_title(mention)
        entity = _named_person(mention, actors)
        if entity is None:
            entity = mentions.fullest(name, position)
        return {"speaker": entity, "side": side_of(entity, mention), "sourcing": "named",
                "person": entity, "speaker_text": mention, "speaker_mention": mention,
                "unresolved": False}
    # a description: an actor's description (the actors table says who it is)
    entity = _named_person(mention, actors)
    if entity is not None:
        return {"speaker": entity, "side": side_of(entity, mention), "sourcing": "named",
                "person": entity, "speaker_text": mention, "speaker_mention": mention,
                "unresolved": False}
    # a person the article gave that role ("the senator" after "Sen. Ben Sasse"): the
    # speaker stays as the article names it, the person is who it is
    linked = mentions.link_description(mention, position)
    if linked is not None:
        entity = _named_person(linked, actors) or linked
        return {"speaker": mention, "side": side_of(entity, mention), "sourcing": "named",
                "person": entity, "speaker_text": mention, "speaker_mention": mention,
                "unresolved": False}
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
    return {"speaker": description, "side": side, "sourcing": "anonymous", "person": "",
            "speaker_text": mention, "speaker_mention": mention, "unresolved": False}


# "it said", "it also added": a reporting verb right after the pronoun
_CUE_NEXT = re.compile(r"\s+(?:\w+ly\s+|also\s+|has\s+|had\s+)*(?:" + CUE_RE.pattern + ")")
_SUBORDINATE_BEFORE = re.compile(r"\b(?:when|if|because|after|before|that|which|while|as|"
                                 r"since|until|whether|where)\s+$", re.I)
# the sentence's subject speaks: a quotation or a reporting verb follows it
_SPEAKS_NEXT = re.compile(r"\s*(?:\"|" + _CUE_NEXT.pattern + ")")
_IT_SAID = re.compile(r"(?:^|[\s,\"])[Ii]t" + _CUE_NEXT.pattern)
# a description that names no person: an organisation or a document speaks as "it"
_THING_HEAD = re.compile(
    r"\b(?:ministry|department|government|company|agency|committee|commission|council|"
    r"office|court|party|campaign|group|organi[sz]ation|union|bank|firm|airline|police|army|"
    r"military|administration|embassy|foundation|association|institute|university|network|"
    r"board|authority|service|coalition|alliance|report|statement|study|survey|poll|letter|"
    r"filing|lawsuit|website|newspaper|paper|command|club|team|station|channel|magazine|"
    r"broadcaster|regime|cabinet|presidency|parliament|senate|house|assembly|tribunal|"
    r"watchdog|regulator|charity|manufacturer|retailer|operator|"
    r"release|document|memo|ruling|order|bill|draft|resolution|plan|proposal|motion|"
    r"video|ad|post|tweet|message|site|page)$", re.I)


def _thing_speaker(mention: str, text: str, position: int, actors: pd.DataFrame,
                   previous: list[dict], sides: pd.DataFrame | None,
                   mentions: ArticleMentions) -> dict:
    """The speaker ``it`` stands for, when ``it`` is followed by a reporting verb and
    opens no subordinate clause (``if it collapses``): the subject of the sentence that
    holds ``it`` when that subject speaks (a quotation or a reporting verb follows it),
    else of the sentence before, or further back through a chain of ``It said … It
    added`` (at most three sentences), when that subject is an organisation or a document
    (``The Russian Foreign Ministry claimed … "…," it stated``). A person, ``he`` or
    ``she`` as that subject, or none within reach, leaves the quote unresolved. The
    antecedent counts as weak (``mention_kind`` ``pronoun_it``, confidence
    :data:`~helpers.quote_confidence.IT_CONFIDENCE`): about 3 in 5 were right in a check
    on outside news."""
    if not _CUE_NEXT.match(text, position + len(mention)) or _SUBORDINATE_BEFORE.search(
            text, max(0, position - 12), position):
        return _unresolved(mention)  # "if it collapses", "when it criticised"
    here = mentions.sentence_index(position)
    reach = here - 1  # the sentence before, or further through a chain of "It said"
    for index in range(here, max(here - 4, -1), -1):
        start, end = mentions.sentences[index]
        end = min(end, position)
        if end <= start:
            continue
        sentence = text[start:end]
        if index < here and _IT_SAID.search(sentence):
            reach = index - 1  # '"…," it added.': the chain goes on
            continue
        subject = subject_of(sentence, descriptions=True)
        at = start + subject.start if subject is not None else position
        if at >= position or (at < len(mentions.quote_mask) and mentions.quote_mask[at]):
            continue  # none, or inside a quotation ("Its use could …")
        words = subject.text.lower()
        if subject.kind == "pronoun":
            if words == "it":
                reach = index - 1  # "It said …. It added": the chain goes on
                continue
            break
        if index == here and not _SPEAKS_NEXT.match(text, start + subject.end):
            break  # "Issues at the bar, it said, …": the reported clause's own subject
        if index < reach or text[start + subject.end:].lstrip().startswith(":"):
            break  # too far back, or a label ("PHOTOS: …")
        if subject.kind == "name" and mentions.named_person(subject.text):
            break
        if subject.kind == "description" and not _THING_HEAD.search(words):
            break
        found = resolve_speaker(Phrase(subject.text, 0, len(subject.text), subject.kind),
                                text, start + subject.start, actors, previous, sides,
                                mentions)
        if found["unresolved"]:
            break
        return {**found, "speaker_text": mention, "speaker_mention": mention,
                "pronoun_confidence": None}
    return _unresolved(mention)


# --------------------------------------------------------------------- extract
def extract_quotes(clean: pd.DataFrame, actors: pd.DataFrame | None = None,
                   jobs: int | None = None, sides: pd.DataFrame | None = None,
                   sentences: pd.DataFrame | None = None,
                   min_confidence: float = MIN_CONFIDENCE) -> pd.DataFrame:
    """Every quotation of every article with its speaker; columns :data:`QUOTE_COLUMNS`.

    ``kind`` is ``full`` (a quotation standing as a sentence, or introduced by a cue
    and a comma or colon, or eight words or more) or ``fragment`` (a partial or scare
    quote inside the reporter's sentence: "short-sighted", "recoup"); a title in quote
    marks is no quotation and has no row (``quote_id`` counts quotations only). ``rule`` names
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
    spans = spans_by_doc(sentences) if sentences is not None else {}
    items = [(d, t, spans.get(d)) for d, t in zip(clean["doc_id"], clean["text"], strict=True)]
    per_article = map_chunks(_QuoteChunk(actors, sides, min_confidence), items, jobs=jobs,
                             desc="quotes")
    rows = [record for records in per_article for record in records]
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    table = table.astype({"start": "int64", "end": "int64", "n_words": "int64", "closed": bool,
                          "confidence": "float64", "unresolved": bool,
                          "mention_start": "int64"})
    table["speaker"] = group_speakers(table, actors)
    table["person"] = group_speakers(table, actors, column="person")
    return table


def group_speakers(table: pd.DataFrame, actors: pd.DataFrame | None = None,
                   column: str = "speaker") -> pd.Series:
    """Speakers grouped by person across articles: a bare last name (``Trump``) becomes
    the full name it stands for elsewhere in the corpus (``Donald Trump``) when one full
    name holds at least 80 % of the full names that end with it. Canonical names of the
    actors table and descriptions are left as they are. ``column`` is ``speaker`` or
    ``person``."""
    speakers = table[column].astype(str)
    named = table["sourcing"].eq("named") & speakers.str.len().gt(0)
    if column == "speaker" and "mention_kind" in table:
        named &= ~table["mention_kind"].eq("description")  # "the senator" is no name
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


def spans_by_doc(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Each article's sentence ``(start, end)`` spans, in order, from a sentence table."""
    ordered = sentences.sort_values(["doc_id", "sent_id"], kind="stable")
    docs = ordered["doc_id"].to_numpy()
    pairs = list(zip(ordered["start"].tolist(), ordered["end"].tolist(), strict=True))
    firsts, ends = run_bounds(docs)
    return {docs[a]: pairs[a:b] for a, b in zip(firsts.tolist(), ends.tolist(), strict=True)}




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
                  "mention_kind": "", "person": ""}
        p_start, p_end = sentence_of(paragraphs, start)
        open_at = text.rfind('"', p_start, start)
        open_at = open_at if open_at >= 0 else start
        close_at = end + 1 if closed and end < len(text) and text[end] == '"' else end
        if closed and text[end:end + 1] != '"':
            close_at = text.find('"', end, p_end) + 1 or end
        next_open = quoted[index + 1][0] - 1 if index + 1 < len(quoted) else len(text)
        p_index = paragraphs.index((p_start, p_end)) if (p_start, p_end) in paragraphs else -1
        ctx = {"paragraph": (p_start, p_end), "sentence": sentence_of(sentences, start),
               "open_at": open_at, "close_at": close_at, "next_open": next_open,
               "previous_close": previous_close if previous_close > p_start else p_start,
               "previous_paragraph": paragraphs[p_index - 1] if p_index > 0 else None}
        previous_close = close_at
        found = None
        if not closed:
            garbled = garbled_attribution(quote)
            if garbled:
                kept, np_text, cue = garbled
                record.update(quote=kept, end=start + len(kept))
                phrase = as_phrase(np_text)
                if phrase is not None:
                    found = (phrase, cue, "garbled_tail", start + len(kept))
        if found is None:
            found = find_frame(text, record, ctx)
        if found is not None:
            phrase, cue, rule, position = found
            resolved = resolve_speaker(phrase, text, position, actors,
                                       speakers_before(records, position), sides, mentions)
            pronoun_confidence = resolved.pop("pronoun_confidence", None)
            record.update(resolved, cue=cue.lower(), rule=rule)
            if not record["unresolved"]:
                kind = mention_kind(phrase.kind, pronoun_confidence, phrase.text)
                record.update(confidence=rule_confidence(rule, kind), mention_start=position,
                              mention_kind=kind)
        record["n_words"] = len(record["quote"].split())
        s_start = ctx["sentence"][0]
        record["kind"] = classify_kind(text, s_start, open_at, record["n_words"])
        record["paragraph"], record["p_index"] = p_start, p_index
        record["sentence_start"] = s_start
        records.append(record)
    _continue_speakers(records, paragraphs, text, sentences, mentions, actors, sides)
    rows = []
    for i, record in enumerate(r for r in records if not is_title(r["quote"])):
        withhold_if_unsure(record, min_confidence)
        record["quote_id"] = f"{doc_id}#q{i + 1:02d}"
        record.pop("paragraph")
        record.pop("p_index")
        record.pop("sentence_start")
        rows.append(record)
    return rows


_INHERITED = ("speaker", "side", "sourcing", "cue", "speaker_text", "speaker_mention",
              "unresolved", "mention_start", "mention_kind", "person")


def named_speakers(previous: list[dict]) -> list[tuple[int, str]]:
    """``(position, person)`` of the earlier quotations (:func:`speakers_before`) whose
    speaker was named, not reached through a pronoun: the pronoun ranker's evidence of who
    spoke last. ``person`` is the speaker, or for a linked description (``the mayor``) the
    person it names. Pronoun answers are left out so that the ranker's features never rest on
    its own earlier answers (and ``make train-attribution`` gives the same weights however
    often it runs)."""
    return [(q["position"], q.get("person") or q["speaker"]) for q in previous
            if q["sourcing"] == "named"
            and not str(q.get("mention_kind", "")).startswith("pronoun")]


def speakers_before(records: list[dict], position: int) -> list[dict]:
    """The attributed quotations of ``records`` whose speaker was named before
    ``position``: ``{"position", "speaker", "person", "side", "sourcing", "mention_kind"}``,
    one per mention (``person`` is who a linked description names: ``the mayor`` →
    ``Bill de Blasio``)."""
    seen, out = set(), []
    for r in records:
        at = r.get("mention_start", -1)
        if r["rule"] and not r["unresolved"] and 0 <= at < position and at not in seen:
            seen.add(at)
            out.append({"position": at, "speaker": r["speaker"], "person": r.get("person", ""),
                        "side": r["side"],
                        "sourcing": r["sourcing"], "mention_kind": r.get("mention_kind", "")})
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
                          confidence=rule_confidence("continuation", source["mention_kind"]))
            continue
        # a quote left open at the end of the previous paragraph continues here
        before = [r for r in records if r["start"] < record["start"]
                  and r["paragraph"] != record["paragraph"]]
        p_index = record["p_index"]
        if before and p_index > 0 and before[-1]["paragraph"] == paragraphs[p_index - 1][0] \
                and not before[-1]["closed"] and before[-1]["rule"] \
                and text[record["paragraph"]:record["start"]].strip() in {'"', "“"}:
            source = before[-1]
            record.update({k: source[k] for k in _INHERITED}, rule="next_paragraph",
                          confidence=rule_confidence("next_paragraph", source["mention_kind"]))
            continue
        # a signature in the next paragraph: "…" ¶ — Hillary Clinton.
        if p_index >= 0 and p_index + 1 < len(paragraphs) and not [
                r for r in records if r["paragraph"] == record["paragraph"]
                and r["start"] > record["start"]]:
            ns, ne = paragraphs[p_index + 1]
            signature = _SIGNATURE.match(text[ns:ne])
            if signature and len(text[ns:ne]) < 80:
                phrase = as_phrase(signature.group("np"))
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
                              confidence=rule_confidence("previous_paragraph",
                                                         last["mention_kind"]))
                continue
        # a quote opening a paragraph soon after an attributed one, no one named between
        if paragraph_initial and p_index > 0 and before:
            last = before[-1]
            if attributed(last) and p_index - last["p_index"] <= 2 and not _names_after(
                    max(last["end"], last["mention_start"]) + 1, record["start"], mentions,
                    last["speaker"]):
                record.update({k: last[k] for k in _INHERITED}, rule="recent_speaker",
                              confidence=rule_confidence("recent_speaker", last["mention_kind"]))
                continue
        # the sentence before the quote's: in its paragraph, or ending the previous one
        s_start = record["sentence_start"]
        within = s_start > record["paragraph"]
        if not (within or (paragraph_initial and p_index > 0)):
            continue
        ps, pe = sentence_before(sentences, s_start) if within \
            else sentence_of(sentences, paragraphs[p_index - 1][1] - 1)
        # a quote opening its sentence after one whose attribution closes it ("…, Schiff
        # said. "…"")
        if text[s_start:record["start"]].strip() in {'"', "“"}:
            closing = closing_attribution(text[ps:pe])
            if closing is not None and _take(
                    record, Phrase(closing.text, ps + closing.start, ps + closing.end,
                                   closing.kind),
                    "previous_attribution", text, ps + closing.start, records, mentions,
                    actors, sides):
                continue
        # a quote standing after a sentence about someone: one in which that someone
        # speaks ("Carter said that …. "…"") goes on with their words (previous_speech);
        # any other (previous_subject) is a guess, withheld
        lead = text[ps:s_start] if within else text[ps:paragraphs[p_index - 1][1]]
        subject = subject_of(lead)
        if subject is not None and subject.kind in {"name", "pronoun"}:
            phrase = Phrase(subject.text, ps + subject.start, ps + subject.end, subject.kind)
            rule = "previous_speech" if CUE_RE.search(lead, subject.end) else "previous_subject"
            _take(record, phrase, rule, text, ps + subject.start, records, mentions, actors,
                  sides)


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
    kind = mention_kind(phrase.kind, pronoun_confidence, phrase.text)
    record.update(resolved, cue="", rule=rule, mention_start=position, mention_kind=kind,
                  confidence=rule_confidence(rule, kind))
    return True
