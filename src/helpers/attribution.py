"""Speaker phrases around a quotation: which words name the one who speaks.

Two readers of a clause, both plain rules:

* :func:`phrase_before_cue` reads the speaker phrase that ends where a reporting verb
  begins (``Sen. Ben Sasse (R-Neb.) said``, ``Douglas Holtz-Eakin, an economic adviser
  …, wrote``, ``he later said``);
* :func:`phrase_after_cue` reads the one that begins after it (``said Sen. Ben Sasse,
  who …``, ``said a Democratic strategist who …``, ``said a spokeswoman for the
  campaign, Jennifer Palmieri``).

Each returns a :class:`Phrase`: its text, where it stands, and its kind: ``name`` (a run
of name words, titles set apart), ``pronoun``, or ``description`` (``the senator``,
``a senior White House official``). A phrase that names a time (``said Monday``) or is
only a title (``Sen.``) or a function word (``And``, ``When``) is no phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import is_cue
from .mentions import FUNCTION_WORDS, _key, name_runs

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december today tonight yesterday
tomorrow morning afternoon evening night week weekend month year recently earlier later
again then also once previously repeatedly
""".split())
_ADVERBS = re.compile(
    r"(?:\s+|^)(?:\w+ly|has|have|had|also|later|then|once|again|previously|recently|earlier|"
    r"further|simply|just|finally|never|always|often|still|even|would|will|did|does|do|"
    r"could|can|is|was|were|are|to|not|then|first|subsequently|reportedly|famously|"
    r"once\s+again|has\s+since|since)$", re.I)
_PAREN_END = re.compile(r"\s*\([^()]{1,60}\)\s*$")
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|some|two|three|four|five|several|many|"
                         r"most|other|his|her|their|its|our|this|that|these|those|both|"
                         r"all|each|every|\d+)\b", re.I)
_BOUNDARY_AFTER = re.compile(
    r"[,;:\"“”(]|\.(?=\s|$)|\s(?:who|whose|which|that|when|while|as|after|before|during|"
    r"in|at|on|to|from|because|if|since|until|told|tells|speaking|said|says|adding|"
    r"according|via|through|last|this|earlier|later|recently|yesterday|today)\b")
_CLAUSE_BREAK = re.compile(r"[;:\"“”]|,|(?<=[a-z0-9\)])[.!?](?=\s)|\s(?:but|while|as|"
                           r"because|though|although|whereas|so|or|when|if|after|before|"
                           r"then)\s|\sand\s(?=[A-Z]|(?:he|she|they|I|we)\b)")
# words that end a speaker phrase read forwards: its verb ("A senior official criticized")
_VERB_WORD = re.compile(r"\s(?:is|was|were|are|has|had|have|did|does|do|will|would|could|"
                        r"can|should|may|might|must|not|also|then|[a-z]+ed|"
                        r"(?!(?:ally|rally|family|supply|reply|bully|belly)\b)[a-z]+ly)\b")
SPEAKER_HEADS = re.compile(
    r"\b(?:officials?|sources?|people|persons?|aides?|advisers?|advisors?|diplomats?|"
    r"insiders?|spokes(?:man|woman|person)|representatives?|negotiators?|lawmakers?|"
    r"analysts?|experts?|members?|officers?|staffers?|strategists?|leaders?|residents?|"
    r"voters?|supporters?|critics?|protesters?|observers?|executives?|economists?)$", re.I)


_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Capt|Adm|Maj|Rev|Prof|St|"
                     r"Jr|Sr|Sens|Reps|Gens|Ft|Mt|No|Inc|Co|Corp|Ltd|[A-Z])\.")


def abbrev_safe(text: str) -> str:
    """``text`` with the periods of titles and initials blanked (``Sen.`` → ``Sen_``), so
    that they end no sentence; offsets stay the same."""
    return _ABBREV.sub(lambda m: m.group()[:-1] + "_", text)


_PREPOSITION_NEXT = re.compile(r"\s+(?:of|for|at|from|with|in|on|to|and|or)\b")


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase: ``text`` at ``start``…``end`` of the string read, and its kind."""

    text: str
    start: int
    end: int
    kind: str  # "name", "pronoun" or "description"


def _description(text: str) -> bool:
    """Whether ``text`` can describe a speaker: a determiner or a capital first, and a
    noun last (not a verb of speech, an adverb or a particle: "interjected", "evenly")."""
    words = text.split()
    last = words[-1].lower().strip(".,;:")
    if is_cue(last) or last.endswith("ly") or last in _PARTICLES or last in FUNCTION_WORDS:
        return False
    return bool(_DETERMINER.match(text) or text[:1].isupper() or SPEAKER_HEADS.search(text))


_PARTICLES = frozenset("back out up in on off down over again away along".split())


def _is_time(words: list[str]) -> bool:
    return all(_key(w) in TIME_WORDS or _key(w).isdigit() for w in words)


def _name_phrase(chunk: str, offset: int, last: bool) -> Phrase | None:
    """The name run that ends (``last``) or begins ``chunk``, if one does."""
    runs = name_runs(chunk)
    if not runs:
        return None
    start, end, _title, name = runs[-1] if last else runs[0]
    rest = chunk[end:] if last else chunk[:start]
    if rest.strip(" ,.'’s"):
        return None
    if _is_time(name) or all(_key(w) in FUNCTION_WORDS for w in name):
        return None
    return Phrase(chunk[start:end].rstrip(",").removesuffix("'s").removesuffix("’s"),
                  offset + start, offset + end, "name")


def _strip_tail(s: str) -> str:
    while True:
        shorter = _PAREN_END.sub("", s)
        shorter = _ADVERBS.sub("", shorter).rstrip()
        if shorter == s:
            return s
        s = shorter


def phrase_before_cue(before: str) -> Phrase | None:
    """The speaker phrase that ends ``before`` (the text up to a reporting verb)."""
    s = _strip_tail(before.rstrip())
    if not s:
        return None
    s = re.sub(r"\s*\([^()]{1,60}\),$", ",", s)
    if s.endswith(",") and not re.search(r",[^,]+,$", s):
        s = s[:-1].rstrip()  # "Gov. John Kasich (R-OH), said": the comma ends no appositive
    if s.endswith(","):
        # DESCRIPTION, NAME, VERB: the name in apposition ("…'s chief of staff, Joe Kasper,")
        runs = name_runs(s)
        if runs:
            start, end, _t, name = runs[-1]
            if s[end:] == "," and s[:start].rstrip().endswith(",") and not _is_time(name):
                return Phrase(s[start:end], start, end, "name")
        # NAME, an appositive, VERB: the name before the appositive
        for start, end, _t, name in reversed(name_runs(s)):
            tail = s[end:]
            if not tail.startswith(",") or len(tail) < 4:
                continue
            if re.search(r"[.!?]\s+[A-Z]|[\"“”]", abbrev_safe(tail)) or len(tail.split()) > 30:
                continue
            if _is_time(name) or all(_key(w) in FUNCTION_WORDS for w in name):
                continue
            return Phrase(s[start:end].rstrip(","), start, end, "name")
        return None
    pieces = list(_CLAUSE_BREAK.finditer(abbrev_safe(s)))
    clause_start = pieces[-1].end() if pieces else 0
    clause = s[clause_start:]
    words = clause.split()
    if not words:
        return None
    if words[-1].lower() in PRONOUNS:
        end = len(s)
        return Phrase(words[-1], end - len(words[-1]), end, "pronoun")
    named = _name_phrase(clause, clause_start, last=True)
    if named:
        # "Sen. Tom Udall of New Mexico said": the person, not the place
        runs = name_runs(clause)
        for (start, end, _t, name), (next_start, *_rest) in zip(runs, runs[1:], strict=False):
            between = clause[end:next_start]
            if re.fullmatch(r"\s+(?:of|for|at|from|with)\s+(?:the\s+)?", between) and not (
                    _is_time(name)):
                return Phrase(clause[start:end], clause_start + start, clause_start + end,
                              "name")
        return named
    if len(words) > 10 or words[-1].lower() in FUNCTION_WORDS or not words[-1][:1].isalpha():
        return None
    lead = len(clause) - len(clause.lstrip())
    text = clause.strip()
    if not _description(text):
        return None
    if text.split()[0].lower() in FUNCTION_WORDS - {"the", "a", "an", "one", "another",
                                                    "some", "his", "her", "their", "its",
                                                    "our", "this", "that", "these", "those",
                                                    "both", "all", "each", "every", "many",
                                                    "most", "several", "other"}:
        return None
    return Phrase(text, clause_start + lead, len(s), "description")


def phrase_after_cue(after: str) -> Phrase | None:
    """The speaker phrase that begins ``after`` (the text following a reporting verb)."""
    lead = len(after) - len(after.lstrip())
    s = after[lead:]
    first = re.match(r"[A-Za-z]+", s)
    if first and first.group().lower() in PRONOUNS and re.match(r"[A-Za-z]+(?![\w'’])", s):
        if first.group().lower() in {"it", "you"}:
            return None  # "calling it", "telling you": the one spoken of or to
        return Phrase(first.group(), lead, lead + first.end(), "pronoun")
    boundary = _BOUNDARY_AFTER.search(s)
    chunk = s[:boundary.start()] if boundary else s
    # a period inside a title or an initial ("Sen.", "R.") is no boundary
    while boundary and s[boundary.start()] == "." and re.search(
            r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Capt|Adm|Maj|Rev|"
            r"Prof|St|Jr|Sr|Sens|Reps))$", s[:boundary.start()]):
        nxt = _BOUNDARY_AFTER.search(s, boundary.end())
        boundary = nxt
        chunk = s[:nxt.start()] if nxt else s
    verb = _VERB_WORD.search(abbrev_safe(chunk))
    if verb and chunk[:verb.start()].strip():
        chunk = chunk[:verb.start()]
    chunk = chunk.rstrip()
    if not chunk:
        return None
    words = chunk.split()
    # "Sen. Tammy Baldwin of Wisconsin": the name before its preposition; "Former Obama
    # speechwriter Jon Favreau": the name after its description
    runs = name_runs(chunk)
    possessor = bool(runs) and runs[0][0] == 0 and chunk[:runs[0][1]].endswith(
        ("'s", "’s")) and bool(chunk[runs[0][1]:].strip())
    if possessor:
        named = None  # "Ryan's campaign": the campaign speaks, not Ryan
    elif runs and runs[0][0] == 0 and (len(runs) == 1 or _PREPOSITION_NEXT.match(
            chunk, runs[0][1])):
        named = _name_phrase(chunk[:runs[0][1]], lead, last=False)
    else:
        named = _name_phrase(chunk, lead, last=True) or _name_phrase(chunk, lead, last=False)
    if named:
        return named
    if _is_time(words) or words[0].lower() in FUNCTION_WORDS - {
            "the", "a", "an", "one", "another", "some", "his", "her", "their", "its", "our",
            "several", "many", "most", "other", "both", "all", "each", "every"}:
        return None
    if len(words) > 10 or not _description(chunk):
        return None
    # a description with its name in apposition: "a spokeswoman for X, Jennifer Palmieri"
    rest = s[len(chunk):]
    appositive = re.match(r"\s*,\s*", rest)
    if appositive:
        tail = rest[appositive.end():]
        runs = name_runs(tail)
        if runs and runs[0][0] == 0:
            start, end, _t, name = runs[0]
            if re.match(r"\s*(?:[,.;]|$|\(|\s(?:who|said|says))", tail[end:]) and not _is_time(
                    name):
                at = lead + len(chunk) + appositive.end()
                return Phrase(tail[start:end].rstrip(","), at + start, at + end, "name")
    return Phrase(chunk, lead, lead + len(chunk), "description")


def as_phrase(np_text: str) -> Phrase | None:
    """A speaker phrase from loose text (``'" she'``, ``Sen. Ana Ruiz``)."""
    text = np_text.strip().strip("\"“”'‘’ ,")
    if not text:
        return None
    return phrase_before_cue(text) or phrase_after_cue(text)
