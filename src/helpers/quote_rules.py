"""The attribution rules: where, around a quotation, a speaker phrase stands.

Each rule is a plain pattern a reader can check, named in the quotes table's ``rule``
column (:mod:`helpers.quotes` lists them in order). :func:`find_frame` tries them for
one quotation and returns the speaker phrase (read by :mod:`helpers.attribution`), its
reporting verb (from :mod:`helpers.cues`), the rule and where the phrase stands; the
article-level rules (continuation, paragraphs) live in :mod:`helpers.quotes`.
"""

from __future__ import annotations

import re

from .attribution import (
    SPEAKER_HEADS,
    Phrase,
    abbrev_safe,
    as_phrase,
    phrase_after_cue,
    phrase_before_cue,
    unclosed_appositive,
)
from .cues import COGNITIVE_VERBS, CUE_PATTERN, CUE_RE, NOUN_FORM_RE, OBJECT_VERBS, PARTICIPLES
from .mentions import name_runs
from .sentences import sentence_spans

_LEAD_IN = re.compile(r"^\s*[,—–\-]*\s*")


_AFTER_BY = re.compile(r"^\s*,?\s*by\s+", re.I)


_PASSIVE_BEFORE = re.compile(r"\b(?:described|called|dubbed|labell?ed|branded|termed|"
                             r"characteri[sz]ed|dismissed|criticized|criticised)\b(?:\s+\w+){0,2}"
                             r"\s*(?:as)?\s*$", re.I)


_ACCORDING = re.compile(r"\baccording to\s+", re.I)


_ENDS_CLAUSE = re.compile(
    r"^\s*(?:[.,;:!?]|$|—|(?:in|on|at|during|of|to|about|after|before|when|while|last|this|"
    r"on|from|with|via|earlier|later|recently|then|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|in an?|afterward|afterwards|as|amid|following|outside|inside|"
    r"upon|near|through|for|by|back|out|aloud|(?-i:[a-z\-]+ly))\b(?![^.]*\bthat\b))")


_CLAUSE_GAP = re.compile(r"[;:!?]|[.](?=\s)|,\s+(?:but|and|while|as|when)\b")


# a verb right after a noun phrase: the phrase is a clause's subject ("the candidate could be")
_CLAUSE_VERB = re.compile(r"\s+(?:would|could|will|can|should|might|must|may|is|are|was|were|"
                          r"has|have|had|does|did)\b")
_COMPLEMENT = re.compile(r"^\s+(?:that|he|she|they|it|we|I|there|this|his|her|their|the|a|an|"
                         r"if|whether|what|how|why)\b")


_PREPOSITION_START = re.compile(r"\s*(?:of|on|in|at|to|about|for|with|during|via|through|"
                                r"after|before|from|back|again|evenly|\w+ly)\b", re.I)


_LABEL = re.compile(r"^(?P<np>(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’.\-]*)\s*:\s+\S")


# words that open a clause with its own subject; "after", "before", "since" and "as" are
# prepositions as often ("went after Trump"), so they open one only after a comma or at
# the start of the sentence
_SUBORDINATE = re.compile(r"\b(?:when|where|while|because|with)\s+|(?:^|,\s*)(?:as|after|"
                          r"before|since)\s+", re.I)
# a dateline opening the first sentence: "WASHINGTON, Dec. 8 (UPI) — "
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'\-]+,(?:\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                       r"(?:\s*\([A-Za-z ]+\))?\s*[—–-]+\s*")
_SENTENCE_LEAD = re.compile(r"^\s*(?:(?:But|And|So|Yet|Still|Then|Now|Later|Earlier|Also|"
                            r"Meanwhile|However|Instead|Indeed)\b,?\s*)?(?:[A-Z][^,\"]{0,100},\s+)?")


# "was said to", "is called": a passive verb reports no speech of its subject
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being|get|got)\s+(?:\w+ly\s+)?$", re.I)


def subject_of(sentence: str, descriptions: bool = False) -> Phrase | None:
    """The subject phrase that opens ``sentence`` (after ``But``, ``On Sunday,`` …): a
    name or a pronoun, or also a description (``One source``) when ``descriptions``."""
    kinds = {"name", "pronoun", "description"} if descriptions else {"name", "pronoun"}
    dateline = _DATELINE.match(sentence)
    skip = dateline.end() if dateline else 0
    lead = _SENTENCE_LEAD.match(sentence, skip)
    order = (lead.end(), skip) if lead and lead.end() > skip else (skip,)
    # "Washington Post columnist Michael Gerson, a speechwriter …, calls": a lead that is
    # itself a name is the subject with its appositive, not an opening phrase
    # (but "In Washington, President Obama released": a place after a preposition opens
    # the sentence)
    first = phrase_after_cue(sentence[skip:]) if len(order) == 2 and not \
        _PLACE_OPENING.match(sentence, skip) else None
    # ("The mayor, a Democrat, said": with descriptions, a lead that is a description
    # opening with "the" or "a" is the subject too, unless a name stands in apposition:
    # "One of the associates, … Paul Manafort, called"; "Since the annexation of Crimea,"
    # is an opening phrase, though it ends with a name)
    if first is not None and not sentence[skip + first.end:lead.end()].strip(" ,") and (
            not _CLAUSE_OPENING.match(sentence, skip)) and (
            first.kind == "name" or (first.kind == "description" and "description" in kinds
                                     and _DETERMINED.match(first.text)
                                     and not _names_next(sentence[lead.end():]))):
        order = (skip,)
    for start in order:
        phrase = phrase_after_cue(sentence[start:])
        # "Appearing before supporters, …": a participle opens no subject
        if phrase is not None and phrase.kind in kinds and not re.fullmatch(
                r"[A-Z][a-z]+ing", phrase.text):
            # "Speaking in Salem, New Hampshire, Trump went …": the place ends the opening
            # phrase, the name after it is the subject
            comma = re.match(r",\s+", sentence[start + phrase.end:])
            if comma and start > skip and _OPENING_PHRASE.match(sentence, skip):
                at = start + phrase.end + comma.end()
                then = phrase_after_cue(sentence[at:])
                if then is not None and then.kind in {"name", "pronoun"} and not sentence[
                        at + then.end:].startswith(","):
                    return Phrase(then.text, at + then.start, at + then.end, then.kind)
            return Phrase(phrase.text, start + phrase.start, start + phrase.end, phrase.kind)
    return None


_DETERMINED = re.compile(r"(?:The|A|An)\s")
# a lead that opens with a preposition or a subordinator is an opening phrase
_CLAUSE_OPENING = re.compile(r"\s*(?:Since|When|Whenever|After|Before|While|Although|Though|"
                             r"As|If|Because|Despite|Until|Once|Following|During|Amid|Under|"
                             r"Over|Through|With|Without|For|From|In|At|On|By|Like|Unlike)\b")


def _names_next(text: str) -> bool:
    """Whether ``text`` opens with a name (an appositive naming the description before)."""
    phrase = phrase_after_cue(text)
    return phrase is not None and phrase.kind == "name"


_PLACE_OPENING = re.compile(r"\s*(?:In|At|From|Outside|Inside|Near|Across|Throughout)\s+[A-Z]")


# a sentence opening with a phrase before its subject: a participle or a preposition
_OPENING_PHRASE = re.compile(r"\s*(?:[A-Z][a-z]+ing|In|At|On|From|After|Before|During|"
                             r"Inside|Outside|Near|Throughout|Following|Across)\b")


# a dash and a name closing the paragraph after a full quote: "…." — Carla Sanchez
_DASH = re.compile(r"^\s*(?:[—―–]|-{1,2}(?=\s))\s*")


def signature_after(after: str, ended: bool) -> Phrase | None:
    """The name signing a quote in its own paragraph (``"…." — Carla Sanchez, 34``): a
    dash right after a quote that ends its sentence, then a name, and at most a short
    description to the end of the paragraph."""
    dash = _DASH.match(after)
    if not ended or not dash:
        return None
    rest = after[dash.end():]
    runs = name_runs(rest)
    if not runs or runs[0][0] != 0 or not runs[0][3]:
        return None
    end = runs[0][1]
    tail = rest[end:].strip()
    if tail and (not tail.startswith((",", "(", ".")) or len(tail) > 100
                 or re.search(r"[\"“”]", tail) or CUE_RE.search(tail)):
        return None
    phrase = as_phrase(rest[:end])
    if phrase is None or phrase.kind != "name":
        return None
    return Phrase(phrase.text, dash.end() + phrase.start, dash.end() + phrase.end, "name")


def closing_attribution(sentence: str) -> Phrase | None:
    """The speaker of an attribution that closes ``sentence`` after a comma: ``…, Schiff
    said.``, ``…, said Rep. Adam Schiff (D-Calif.).``, ``…, he told reporters.`` The
    paraphrase it attributes is often followed by a quote of the same speaker with no cue
    of its own. A cue inside the clause (``…, he snapped a picture of …``) is none."""
    body = sentence.rstrip().rstrip(".!?").rstrip()
    cues = list(CUE_RE.finditer(body))
    if not cues:
        return None
    # "Trump, Sexton said, has created …": an attribution set off by commas
    for cue in cues:
        head = body[:cue.start()]
        comma = head.rfind(",")
        if comma > 0 and body[cue.end():].startswith(",") and len(head) - comma < 40:
            phrase = phrase_before_cue(head[comma + 1:])
            if phrase is not None and not head[comma + 1:comma + 1 + phrase.start].strip():
                at = comma + 1
                return Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind)
    cue = cues[-1]
    head, tail = body[:cue.start()], body[cue.end():]
    # "…, Schiff said." after a comma, or a sentence that is only its attribution
    # ("Iowa State University's Dianne Bystrom agreed.")
    comma = head.rfind(",")
    if len(tail) > 60 or re.search(r"[\"“”]", tail) or _PASSIVE.search(head):
        return None
    if comma < 0 and len(head.split()) > 8:
        return None
    clause = head[comma + 1:]
    if not clause.strip():  # "…, said Rep. Adam Schiff (D-Calif.)."
        phrase = phrase_after_cue(tail)
        if phrase is None or tail[:phrase.start].strip() or (
                phrase.kind == "description" and not SPEAKER_HEADS.search(phrase.text)):
            return None
        rest = tail[phrase.end:]
        if rest.strip(" ,") and not rest.lstrip().startswith(("(", ",")) and not (
                _ENDS_CLAUSE.match(rest)):
            return None
        at = cue.end()
        return Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind)
    # "he told reporters", not "Hannity asked Trump if he would …"
    takes_object = cue.group().split()[0].lower() in OBJECT_VERBS and len(
        tail.split()) <= 5 and not re.search(r"\b(?:if|whether|that|to|why|how|what)\b", tail)
    if tail.strip() and not (takes_object or _ENDS_CLAUSE.match(tail)):
        return None
    phrase = phrase_before_cue(clause)
    # the phrase is the clause, maybe after a short description ("digital consultant")
    if phrase is None or not re.fullmatch(r"\s*(?:[a-z][\w'’\-]*\s+){0,4}",
                                          clause[:phrase.start]):
        return None
    at = comma + 1
    return Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind)


# words that stand alone before a verb without naming anyone ("…," Some said)
_NOT_A_SURNAME = frozenset("""
he she they we i it you this that these those some many most others other both all each
another one ones several few none nobody everyone everybody someone somebody anyone
there here then but and or so yet still also even just now meanwhile however instead
indeed perhaps maybe finally first later earlier today yesterday tonight tomorrow
""".split())


def _lone_surname(head: str) -> Phrase | None:
    """``"…," May said``, ``"…," Will wrote``: one capitalised word between the closing
    mark and the verb names its speaker, even a word that is also a modal or a
    preposition; a pronoun or a quantifier does not."""
    word = re.fullmatch(r"\s*([A-Z][a-z]+)\s*", head)
    if word is None or word.group(1).lower() in _NOT_A_SURNAME:
        return None
    return Phrase(word.group(1), word.start(1), word.end(1), "name")


def after_frame(after: str, ended: bool, before: str) -> tuple[Phrase, str, str] | None:
    """A speaker frame right after the closing mark: ``(phrase, cue, rule)``."""
    signed = signature_after(after, ended)
    if signed is not None:
        return signed, "—", "signature"
    lead = _LEAD_IN.match(after).end()
    rest = after[lead:]
    cue = CUE_RE.match(rest)
    if cue:
        # "…," citing an instance / promising the club will return: after a participle, or
        # before a verb of its own, the noun phrase is the object or the reported clause's
        # subject, not the speaker
        if cue.group().split()[0].lower() in PARTICIPLES:
            return None
        phrase = phrase_after_cue(rest[cue.end():])
        if phrase is not None and _CLAUSE_VERB.match(rest, cue.end() + phrase.end):
            return None
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
        if _PASSIVE.search(head) and not _active_despite_be(cue, rest):
            return None
        phrase = phrase_before_cue(head) or _lone_surname(head)
        if phrase is None:
            return None
        if _CLAUSE_GAP.search(abbrev_safe(head[:phrase.start])):
            return None
        tail = rest[cue.end():]
        rule = "after_np_verb"
        if ended:
            # "…." Park said Kim's state is …: a new sentence, not the quote's frame
            rule = "after_sentence"
            if cue.group().lower() not in OBJECT_VERBS and (
                    _COMPLEMENT.match(tail) or not _ENDS_CLAUSE.match(tail)):
                return None
            # "…." Brinkley told People she had decided …: after the object, a reported
            # clause of its own
            heard = phrase_after_cue(tail) if cue.group().lower() in OBJECT_VERBS else None
            if heard is not None and _COMPLEMENT.match(tail[heard.end:]):
                return None
            # "…." Mr. Zahed said: "…" / "…." Lt. Holstead said, "…" / "…." Rubio called
            # the statement "…": the frame of the next quote
            own = tail.rstrip().endswith(",") and not re.search(r"[.!?]\s",
                                                                abbrev_safe(tail))
            if own or tail.rstrip().endswith(":") or (tail.strip()
                                                      and tail.rstrip()[-1].isalpha()):
                return None
        return (Phrase(phrase.text, lead + phrase.start, lead + phrase.end, phrase.kind),
                cue.group(), rule)
    return None


def _active_despite_be(cue: re.Match[str], text: str) -> bool:
    """``was told``, ``is said``: passive, no frame; but ``is telling``, ``was saying``
    (progressive) and ``is quoted as saying`` still say who speaks."""
    return cue.group().split()[0].lower() in PARTICIPLES or bool(
        cue.group().lower() in ("quoted", "cited") and _QUOTED_AS.match(text, cue.end()))


_QUOTED_AS = re.compile(r"\s+as\s+(?:saying|telling|writing|stating)\b")
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|am|be|been|being)(?:\s+(?:[a-z]+ly|not|still|"
                          r"also|now|already|always|just|even|again))*\s+$")


def before_frame(text: str, s_start: int, before_start: int, open_at: int
                  ) -> tuple[Phrase, str, str, int] | None:
    """A speaker frame before the opening mark, in the same sentence."""
    before = text[before_start:open_at]
    cues = list(CUE_RE.finditer(before))
    if not cues:
        return None
    cues = [c for c in cues if _active_despite_be(c, before)
            or not _PASSIVE.search(before[:c.start()])]
    if not cues:
        return None
    # a belief reported inside reported speech is the reporting speaker's
    while len(cues) > 1 and cues[-1].group().lower() in COGNITIVE_VERBS and re.search(
            r"\bthat\b", before[cues[-2].end():cues[-1].start()]):
        cues = cues[:-1]
    cue = cues[-1]
    between = before[cue.end():]
    # VERB NP: "…, said Trump: "…"" / "said the senator, "…""
    if between.strip(" ,:—–-") and cue.group().lower() not in OBJECT_VERBS and not \
            _PREPOSITION_START.match(between):
        phrase = phrase_after_cue(between)
        # "King says Ali "talked the talk"": with no mark between them, the name after the
        # verb begins the reported clause, and the one before the verb speaks
        marked = between.rstrip().endswith((":", ",", "—", "–", "-"))
        subject_first = phrase_before_cue(before[:cue.start()]) is not None
        # a possessive description after the verb is its object ("described X's reaction:")
        if phrase is not None and not between[phrase.end:].strip(" ,:—–-()RDI.") and (
                marked or not subject_first) and (
                phrase.kind != "description" or (between.rstrip().endswith((":", ","))
                                                 and not re.search(r"['’]s\b", phrase.text))):
            at = before_start + cue.end()
            return (Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind),
                    cue.group(), "before_verb_np", at + phrase.start)
    # "Clinton is telling customers that …", "has been warning": a progressive tense is the
    # clause's own verb, not a participle hanging on another clause
    if cue.group().split()[0].lower() in PARTICIPLES and not _PROGRESSIVE.search(
            before[:cue.start()]):
        # "X said at a news conference, stating that …": the speaker of the earlier cue
        if len(cues) > 1 and before_start + cues[-2].end() <= open_at:
            earlier = before_frame(text, s_start, before_start,
                                    before_start + cues[-2].end())
            if earlier is not None:
                phrase, _cue, _rule, at = earlier
                return phrase, cue.group(), "participle", at
        # "she stated, "… by NATO …," adding, "…"": the frame of the sentence's first quote,
        # never words inside a quote
        lead = text[s_start:before_start + cue.start()]
        mark = re.search(r"[\"“]", lead)
        if mark and mark.start() > 0:
            first = before_frame(text, s_start, s_start, s_start + mark.start())
            if first is not None:
                phrase, _cue, _rule, at = first
                return phrase, cue.group(), "participle", at
            lead = lead[:mark.start()]
        # "… when Sanders protesters interrupted her, shouting": the nearest clause's subject
        # "with X" heads a clause only when its participle follows ("with protesters
        # chanting"); "celebrated with supporters, declaring" is the main subject's
        markers = [m for m in _SUBORDINATE.finditer(lead) if not (
            m.group().lower().startswith("with") and "," in lead[m.end():])]
        marker = markers[-1] if markers else None
        if marker is not None:
            subject = subject_of(lead[marker.end():], descriptions=True)
            # "Before the convention, X lobbied …, saying": a phrase, not a clause, when
            # no verb follows its noun
            if subject is not None and lead[marker.end() + subject.end:].startswith(","):
                subject = None
            if subject is not None:
                at = s_start + marker.end() + subject.start
                return (Phrase(subject.text, at, at + len(subject.text), subject.kind),
                        cue.group(), "participle", at)
        subject = subject_of(lead, descriptions=True)
        if subject is not None:
            return subject, cue.group(), "participle", s_start + subject.start
    head = before[:cue.start()]
    # "…, and Trump said": the clause after "and"; but "James Lewis, who studies … at the
    # Center for Strategic and International Studies, said": a closing comma frames the
    # appositive of one speaker, and its "and" joins no clauses
    joiner = r"[;]" if head.rstrip().endswith(",") else \
        r"[;]|\bbut\b|\band\b(?=\s+(?:[A-Z]|he\b|she\b|they\b))"
    # "Anthony Anton, president and CEO of … stated": an appositive left open holds its
    # own "and"
    unclosed = unclosed_appositive(head.rstrip())
    clause = head if unclosed else re.split(joiner, head)[-1]
    offset = len(head) - len(clause)
    phrase = unclosed or phrase_before_cue(clause)
    if phrase is not None:
        at = before_start + offset
        return (Phrase(phrase.text, at + phrase.start, at + phrase.end, phrase.kind),
                cue.group(), "before", at + phrase.start)
    subject = subject_of(text[s_start:before_start + cue.start()], descriptions=True)
    if subject is not None:
        return subject, cue.group(), "before", s_start + subject.start
    return None


def _according(text: str, s_start: int, s_end: int, open_at: int = -1, close_at: int = -1
               ) -> tuple[Phrase, int] | None:
    """``according to NP`` in the sentence ``s_start``…``s_end``, outside the quotation
    ``open_at``…``close_at`` (an "according to" inside the quoted words is the speaker's)."""
    m = next((m for m in _ACCORDING.finditer(text, s_start, s_end)
              if not open_at <= m.start() < close_at), None)
    if not m:
        return None
    phrase = phrase_after_cue(text[m.end():s_end])
    if phrase is None:
        return None
    return phrase, m.end() + phrase.start


def garbled_attribution(quote: str) -> tuple[str, str, str] | None:
    """In an unclosed quote, an attribution swallowed at its end: ``(quote, np, cue)``."""
    m = re.search(rf"(?:^|[.!?\]])\s*(?P<np>[A-Za-z][^.\]\"]{{0,60}}?)\s+(?P<cue>{CUE_PATTERN})\b"
                  r"[^.\"]{0,40}\.?\s*$", quote)
    if not m or m.start("np") == 0:
        return None
    kept = quote[:m.start("np")].rstrip(" ]")
    kept = re.sub(r"\s*\[[^\]]*$", "", kept).rstrip()
    return kept, m.group("np"), m.group("cue")


_SOURCE_BEFORE_COLON = re.compile(r"(?:\s[-—–]+\s+(?:[Mm]ore\s+from\s+)?|\b[Mm]ore\s+from\s+)"
                                  r"(?P<np>[A-Z][^-—–:;,.\"“”]{1,50}?)\s*:\s*$")


def find_frame(text: str, q: dict, ctx: dict) -> tuple | None:
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
    if closed and ended and before.strip() and not CUE_RE.match(after.lstrip(" ,")):
        # "Clinton proclaimed, "…." The candidate reiterated: …": a quote that ends its
        # sentence belongs to a frame before it in that sentence, not to the next one; but
        # "…, "why wouldn't you?" asked Dunn": a verb right after the mark goes on with it
        found = before_frame(text, s_start, before_start, open_at)
        if found:
            return found
    if closed:
        found = after_frame(after, ended, before)
        if found:
            phrase, cue, rule = found
            return phrase, cue, rule, close_at + phrase.start
    according = _according(text, s_start, s_end, open_at, close_at)
    if according:
        phrase, at = according
        return phrase, "according to", "according_to", at
    if before.strip():
        found = before_frame(text, s_start, before_start, open_at)
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
        phrase = as_phrase(label.group("np"))
        if phrase is not None and phrase.kind == "name":
            return Phrase(phrase.text, 0, len(phrase.text), "name"), ":", "label", start
    if before.rstrip().endswith(":"):
        # "Media shares blame in Iowa poll - HuffPollster: "…"", "More from Jim Harter:": a
        # name set off by a dash or "from" just before the colon is the source
        source = _SOURCE_BEFORE_COLON.search(before)
        if source:
            phrase = as_phrase(source.group("np"))
            if phrase is not None and phrase.kind == "name":
                at = before_start + source.start("np") + phrase.start
                return (Phrase(phrase.text, at, at + len(phrase.text), "name"), ":",
                        "colon_subject", at)
        subject = subject_of(text[s_start:open_at], descriptions=True)
        if subject is not None:
            return subject, ":", "colon_subject", s_start + subject.start
    if open_at == p_start and ctx["previous_paragraph"]:
        pp_start, pp_end = ctx["previous_paragraph"]
        lead = text[pp_start:pp_end].rstrip()
        if lead.endswith(":"):
            sentences = sentence_spans(lead)
            ls, _le = sentence_of(sentences, max(len(lead) - 1, 0))
            found = before_frame(text, pp_start + ls, pp_start + ls, pp_start + len(lead))
            if found:
                phrase, cue, _rule, at = found
                return phrase, cue, "colon_paragraph", at
            subject = subject_of(lead[ls:], descriptions=True)
            if subject is not None:
                at = pp_start + ls
                return (Phrase(subject.text, at + subject.start, at + subject.end, subject.kind),
                        ":", "colon_paragraph", at + subject.start)
    # a full quote inside a sentence with no reporting verb ("X decried the "…"", "X
    # thanked them for "…""): the sentence's subject; a short scare quote is nobody's
    if before.strip() and not CUE_RE.search(text, s_start, s_end) and classify_kind(
            text, s_start, open_at, len(quote.split())) == "full":
        subject = subject_of(text[s_start:open_at])
        if subject is not None and subject.start < open_at - s_start:
            return subject, "", "sentence_subject", s_start + subject.start
    return None


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The ``(start, end)`` of the span holding ``pos``, or ``(pos, pos)``."""
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return pos, pos


def sentence_before(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The ``(start, end)`` of the last span ending at or before ``pos`` (the sentence
    before the one starting at ``pos``, across the spaces between them), or ``(pos, pos)``."""
    found = (pos, pos)
    for s, e in spans:
        if e > pos:
            break
        found = (s, e)
    return found


_TITLE_SMALL = frozenset("a an the and or nor but of in on at to for with by from as is vs vs. v. "
                         "de la del du von van &".split())
_TITLE_NOT = re.compile(r"(?:I|I'm|I’m|We|You|He|She|They|It|My|Our|Your)\b")


def is_title(quote: str) -> bool:
    """Whether a quoted passage reads as a title, not as speech: a show, a book, a song,
    a bill or a slogan (``"The Late Show With Stephen Colbert"``, ``"Make America Great
    Again"``, ``"American Skin (41 Shots)"``).

    Two to eight words, each capitalised (or a number) except small words (``of``,
    ``the``, ``with``…) after the first, not in capitals throughout, and not ending as a
    sentence ends (``.``, ``!``, ``?``): a quoted sentence in headline case (``"Physically
    Assaulting A Reporter Is A Fireable Offense."``) stays a quotation, and so does one
    opening with a pronoun (``"We Can Do It"``).
    """
    text = quote.strip().rstrip(",;:")
    words = text.split()
    if not 2 <= len(words) <= 8 or text.isupper() or _TITLE_NOT.match(text):
        return False
    if re.search(r"[.!?]['\"”’)]*$", text) or re.search(r"[.!?;]\s", text):
        return False
    capitalised = 0
    for i, word in enumerate(words):
        core = word.strip("()[],:;'\"‘’“”-—–")
        if not core:
            continue
        if i > 0 and core.lower() in _TITLE_SMALL:
            continue
        if not (core[0].isupper() or core[0].isdigit()):
            return False
        capitalised += 1
    return capitalised >= 2


def classify_kind(text: str, sentence_start: int, open_at: int, n_words: int) -> str:
    before = text[sentence_start:open_at].rstrip()
    if not before or before.endswith(("—", "-")):
        return "full"
    if before.endswith((",", ":")) or n_words >= 8:
        return "full"
    return "fragment"
