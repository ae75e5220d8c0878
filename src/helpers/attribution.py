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
from .mentions import ABBREVIATED_TITLES, FUNCTION_WORDS, _key, name_runs

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december today tonight yesterday
tomorrow morning afternoon evening night week weekend month year recently earlier later
again then also once previously repeatedly
""".split())
_ADVERBS = re.compile(
    r"(?:\s+|^)(?:(?-i:[a-z]+ly)|has|have|had|also|later|then|once|again|previously|recently|earlier|"
    r"further|simply|just|finally|never|always|often|still|even|would|will|did|does|do|"
    r"could|can|is|was|were|are|to|not|then|first|subsequently|reportedly|famously|"
    r"once\s+again|has\s+since|since|"
    r"(?-i:been|being|be|am|long|already|now|ever|used\s+to))$", re.I)
_PAREN_END = re.compile(r"\s*\([^()]{1,60}\)\s*$")
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|some|two|three|four|five|several|many|"
                         r"most|other|his|her|their|its|our|this|that|these|those|both|"
                         r"all|each|every|\d+)\b", re.I)
_BOUNDARY_AFTER = re.compile(
    r"[,;:\"“”(]|\.(?=\s|$)|\s(?:who|whose|which|that|when|while|as|after|before|during|"
    r"in|at|on|to|from|because|if|since|until|told|tells|speaking|said|says|adding|"
    r"according|via|through|last|this|earlier|later|recently|yesterday|today)\b")
# "and" joins clauses before a name or a pronoun, but not inside a name ("the Institute
# for Science and International Security")
_CLAUSE_BREAK = re.compile(r"[;:\"“”]|,|(?<=[a-z0-9\)])[.!?](?=\s)|\s(?:but|while|as|"
                           r"because|though|although|whereas|so|or|when|if|after|before|"
                           r"then)\s|\sand\s(?=[A-Z]|(?:he|she|they|I|we)\b)")
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w'’\-]*$")
# words that end a speaker phrase read forwards: its verb ("A senior official criticized")
_VERB_WORD = re.compile(r"\s(?:is|was|were|are|has|had|have|did|does|do|will|would|could|"
                        r"can|should|may|might|must|not|also|then|[a-z]+ed|"
                        r"(?!(?:ally|rally|family|supply|reply|bully|belly)\b)[a-z]+ly)\b")
SPEAKER_HEADS = re.compile(
    r"\b(?:officials?|sources?|people|persons?|aides?|advisers?|advisors?|diplomats?|"
    r"insiders?|spokes(?:man|woman|person)|representatives?|negotiators?|lawmakers?|"
    r"analysts?|experts?|members?|officers?|staffers?|strategists?|leaders?|residents?|"
    r"voters?|supporters?|critics?|protesters?|observers?|executives?|economists?|"
    r"prosecutors?|lawyers?|attorneys?|investigators?|authorities|researchers?|scientists?|"
    r"authors?|organi[sz]ers?|police|witnesses|witness|doctors?|historians?|scholars?|"
    r"activists?|pollsters?|writers?|editors?|reporters?|journalists?|commentators?|"
    r"senators?|congressmen|congresswomen|delegates?|donors?|volunteers?|workers?|"
    r"students?|teachers?|parents?|demonstrators?|campaigners?|advocates?|opponents?|"
    r"allies|ally|friends?|neighbou?rs?|relatives?|soldiers?|troops|ministers?|judges?|"
    r"justices?|consultants?|operatives?|veterans?|candidates?|owners?|employees?|"
    r"managers?|directors?|chairm[ae]n|chairwom[ae]n|presidents?|secretar(?:y|ies)|"
    r"governors?|mayors?|chiefs?|heads?|founders?|partners?|professors?|commanders?|"
    r"generals?|agents?|activists?|fans?|survivors?|victims?|users?|readers?|viewers?)$",
    re.I)


_TITLE_DOT = "|".join([*ABBREVIATED_TITLES, "Gens", "No", "Inc", "Co", "Corp", "Ltd"])
_ABBREV = re.compile(rf"\b(?:{_TITLE_DOT}|[A-Z])\.")


def abbrev_safe(text: str) -> str:
    """``text`` with the periods of titles and initials blanked (``Sen.`` → ``Sen_``), so
    that they end no sentence; offsets stay the same."""
    return _ABBREV.sub(lambda m: m.group()[:-1] + "_", text)


_PAREN_START = re.compile(r"^\s*\([^()]{1,60}\)")
# the word before a name that makes it part of a longer phrase: "of Oklahoma", "the GOP"
_INSIDE_PHRASE = re.compile(r"\b(?:of|for|at|from|with|in|on|by|to|the|a|an|and|its|their|"
                            r"his|her)\s+$", re.I)
_HEAD_OF_NAME = re.compile(r"\b(?:the|a|an|one|another|some|two|three|several|many)\s+"
                           r"(?:[\w'’\-]+\s+){0,4}?(?:for|from|of|at|with|to|by|on|in)\s+"
                           r"(?:the\s+)?$", re.I)
_DETERMINER_ONLY = re.compile(r"\s*(?:one|a|an|another|some|two|three|several)\s+", re.I)
# "said Mary Carter a spokeswoman for Planned Parenthood": an appositive with its comma lost
_BARE_APPOSITIVE = re.compile(r"\s+(?:a|an|the)\s+[a-z]")
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


# "Mr. Trump was prompted (to say)", "Clinton was quick (to add)": the subject before
_BE_PREDICATE = re.compile(r"\s+(?:was|were|is|are|been|seemed|appeared)\s+(?:[a-z]+ed|quick|"
                           r"eager|ready|happy|careful|able|keen|sure)$")


# "Priebus later Thursday (said)", "Clinton on Monday (said)": a time before the verb
_TIME_TAIL = re.compile(r"\s+(?:on\s+|last\s+|this\s+|late\s+|early\s+)?(?:Monday|Tuesday|"
                        r"Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|yesterday|"
                        r"morning|afternoon|evening|night|week)$")


# a party and state set off by commas after a name: ", R-South Carolina," ", D-Mass.,"
_PARTY_TAG = re.compile(r",\s*[RDI]-[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?,$")


def _strip_tail(s: str) -> str:
    while True:
        shorter = _PAREN_END.sub("", s)
        shorter = _TIME_TAIL.sub("", shorter)
        shorter = _BE_PREDICATE.sub("", shorter)
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
    s = _PARTY_TAG.sub(",", s)  # "Sen. Lindsey Graham, R-South Carolina, told"
    if s.endswith(",") and not re.search(r",[^,]+,$", s):
        s = s[:-1].rstrip()  # "Gov. John Kasich (R-OH), said": the comma ends no appositive
    if s.endswith(","):
        # DESCRIPTION, NAME, VERB: the name in apposition ("…'s chief of staff, Joe Kasper,")
        runs = name_runs(s)
        if runs:
            start, end, _t, name = runs[-1]
            if s[end:] == "," and s[:start].rstrip().endswith(",") and not _is_time(name):
                return Phrase(s[start:end], start, end, "name")
        # NAME, an appositive, VERB: the name before the appositive ("Rep. Jim Jordan
        # (R-Ohio), an oversight panel member,"); a name inside the appositive ("… general
        # of Oklahoma,", "the Republican …") is not the speaker
        for start, end, _t, name in reversed(name_runs(s)):
            tail = _PAREN_START.sub("", s[end:])
            if not tail.startswith(",") or len(tail) < 4:
                continue
            if _INSIDE_PHRASE.search(s[:start]):
                continue
            if re.search(r"[.!?]\s+[A-Z]|[\"“”]", abbrev_safe(tail)) or len(tail.split()) > 30:
                continue
            if _is_time(name) or all(_key(w) in FUNCTION_WORDS for w in name):
                continue
            return Phrase(s[start:end].rstrip(","), start, end, "name")
        return None
    unclosed = unclosed_appositive(s)
    if unclosed:
        return unclosed
    pieces = [m for m in _CLAUSE_BREAK.finditer(abbrev_safe(s)) if not (
        m.group().strip() == "and" and _CAPITAL_BEFORE.search(s, 0, m.start())
        and s[m.end():m.end() + 1].isupper() and not s[m.end():].startswith("I "))]
    clause_start = pieces[-1].end() if pieces else 0
    clause = s[clause_start:]
    words = clause.split()
    if not words:
        return None
    if words[-1].lower() in PRONOUNS:
        end = len(s)
        return Phrase(words[-1], end - len(words[-1]), end, "pronoun")
    named = _name_phrase(clause, clause_start, last=True)
    # "a spokesman for Bernie Sanders", "Another source speaking to Fox News": the name
    # after a preposition belongs to a description, which is the speaker
    head = _HEAD_OF_NAME.search(s, clause_start, named.start) if named else None
    if head and not name_runs(s[head.start():named.start]) and _description(s[head.start():]):
        return Phrase(s[head.start():], head.start(), len(s), "description")
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
    # "As one employee told …", "even a top strategist said", "about 200 protesters chanted"
    opener = _DESCRIPTION_LEAD.match(text)
    lead, text = lead + opener.end(), text[opener.end():]
    if not text or not _description(text):
        return None
    if text.split()[0].lower() in FUNCTION_WORDS - {"the", "a", "an", "one", "another",
                                                    "some", "his", "her", "their", "its",
                                                    "our", "this", "that", "these", "those",
                                                    "both", "all", "each", "every", "many",
                                                    "most", "several", "other"}:
        return None
    return Phrase(text, clause_start + lead, len(s), "description")


_DESCRIPTION_LEAD = re.compile(r"(?:(?:As|as|Even|even|Also|also|Only|only|Just|just)\s+)?"
                               r"(?:(?:about|nearly|almost|roughly|some|over|more\s+than|"
                               r"at\s+least)\s+(?=\d))?")


# the appositive of "NAME, who is chairman of X said" or "NAME, president and CEO of X
# stated", whose closing comma the writer left out: a lower-case start, then a
# relative pronoun or a preposition that ties it to the name
_OPEN_APPOSITIVE = re.compile(r",\s+(?:who|whose|(?:the|a|an)\s+[a-z]|[a-z]+\s+"
                              r"(?:[A-Za-z]+\s+){0,3}(?:of|for|at|with)\b)[^,;:\"“”()]*$")


def unclosed_appositive(s: str) -> Phrase | None:
    """The name of a sentence-initial ``NAME, appositive`` before a verb, when the
    appositive (``who is chairman of Our Principles PAC``) was never closed by a comma."""
    safe = abbrev_safe(s)
    appositive = _OPEN_APPOSITIVE.search(safe)
    if not appositive or not re.search(r"\b(?:who|whose|of|for|at|with)\b", appositive.group()):
        return None
    head_start = max((m.end() for m in re.finditer(r"[.!?]\s+|[\"“”;:]\s*",
                                                   safe[:appositive.start()])), default=0)
    head = s[head_start:appositive.start()]
    lead = len(head) - len(head.lstrip())
    runs = name_runs(head.strip())
    if len(runs) != 1 or runs[0][0] != 0 or runs[0][1] != len(head.strip()):
        return None
    _start, _end, title, name = runs[0]
    if _is_time(name) or all(_key(w) in FUNCTION_WORDS for w in name) or not (
            title or len(name) >= 2):
        return None
    start = head_start + lead
    return Phrase(s[start:appositive.start()], start, appositive.start(), "name")


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
            rf"(?:\b[A-Z]|\b(?:{'|'.join(ABBREVIATED_TITLES)}))$", s[:boundary.start()]):
        nxt = _BOUNDARY_AFTER.search(s, boundary.end())
        boundary = nxt
        chunk = s[:nxt.start()] if nxt else s
    verb = _VERB_WORD.search(abbrev_safe(chunk))
    # "one unaligned Florida Republican strategist", "a retired astronaut": an adjective
    # in -ed or -ly before the noun that heads the phrase is no verb
    if verb and verb.group().strip().endswith(("ed", "ly")) and SPEAKER_HEADS.search(
            chunk.rstrip()) and not _VERB_WORD.search(abbrev_safe(chunk), verb.end()):
        verb = None
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
    if possessor and len(runs) > 1 and not chunk[runs[0][1]:runs[1][0]].strip():
        # "Iowa State University's Dianne Bystrom": the person of the organisation
        named = _name_phrase(chunk[runs[1][0]:runs[1][1]], lead + runs[1][0], last=False)
    elif possessor:
        named = None  # "Ryan's campaign": the campaign speaks, not Ryan
    elif runs and runs[0][0] == 0 and (len(runs) == 1 or _PREPOSITION_NEXT.match(
            chunk, runs[0][1]) or _BARE_APPOSITIVE.match(chunk, runs[0][1])):
        named = _name_phrase(chunk[:runs[0][1]], lead, last=False)
    else:
        # "undecided voter Stephanie Hooton of Derry": not the place after "of"
        inner = [r for r in runs if not _INSIDE_PHRASE.search(chunk[:r[0]])]
        cut = inner[-1][1] if inner and _PREPOSITION_NEXT.match(chunk, inner[-1][1]) \
            else len(chunk)
        named = _name_phrase(chunk[:cut], lead, last=True) or _name_phrase(chunk, lead,
                                                                            last=False)
    if named and _DETERMINER_ONLY.fullmatch(chunk[:named.start - lead]):
        named = None  # "one Republican involved in the planning": a description
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
    # "his best friend at Lehigh, Bruce Turry": a short place or employer may come first
    appositive = re.match(r"(?:\s+(?:at|of|for|from|in|with)\s+[^,.;\"“”]{1,40}?)?\s*,\s*", rest)
    if appositive:
        tail = rest[appositive.end():]
        runs = name_runs(tail)
        if runs and runs[0][0] == 0:
            start, end, _t, name = runs[0]
            if re.match(r"\s*(?:[,.;]|$|\(|\s(?:who|said|says|of|at|from|with)\b)",
                        tail[end:]) and not _is_time(name):
                at = lead + len(chunk) + appositive.end()
                return Phrase(tail[start:end].rstrip(","), at + start, at + end, "name")
    return Phrase(chunk, lead, lead + len(chunk), "description")


def as_phrase(np_text: str) -> Phrase | None:
    """A speaker phrase from loose text (``'" she'``, ``Sen. Ana Ruiz``)."""
    text = np_text.strip().strip("\"“”'‘’ ,")
    if not text:
        return None
    return phrase_before_cue(text) or phrase_after_cue(text)
