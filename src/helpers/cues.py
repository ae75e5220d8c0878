"""Reporting verbs in every tense: the cues that tie a quotation to its speaker.

The list is written as lemmas; :func:`inflections` spells out each one's forms (``say``
→ ``say says said saying``). Irregular forms are listed in :data:`IRREGULAR`. The lemmas
are the verbs of speech, writing and posting that English news uses to introduce a
direct quotation (Bergler's reporting verbs, extended with the informal ones of political
reporting: ``quipped``, ``fired back``, ``tweeted``). A verb that is rarely a cue in news
(``think``, ``feel``) is left out: it would attach quotations to the wrong clause more
often than it would find a speaker.

:data:`CUE_WORDS` is every form; :data:`CUE_PATTERN` an alternation for regular
expressions, longest forms first; :data:`PARTICIPLES` the ``-ing`` forms (``saying``,
``adding``), whose subject is the subject of the main clause.
"""

from __future__ import annotations

import re

LEMMAS = tuple("""
say tell add state describe argue explain note write ask reply respond conclude insist
claim warn stress emphasize emphasise continue acknowledge admit announce believe
suggest characterize characterise call criticize criticise recall declare comment
confirm deny urge indicate reiterate maintain observe remark agree concede predict
promise pledge vow demand tweet post testify contend complain implore answer shout chant
scream yell exclaim boast joke quip muse mutter whisper sigh laugh boom thunder snap
retort counter protest object assert affirm allege caution advise recount report read
text email wonder grumble lament proclaim interject charge scoff gush rave marvel plead
beg challenge admonish scold mock tease pronounce mention reveal disclose confide
confess reminisce speculate reason posit theorize theorise surmise elaborate clarify
summarize summarise concur rail fume bristle blast slam lash rip chide assure inform
instruct remind reassure accuse quote cite preach lecture opine editorialize
editorialise recite sing cheer retaliate rebut snipe gloat brag vent jab taunt sneer
hiss groan moan murmur stammer chuckle bark growl roar snarl bellow holler gasp blurt
drawl rasp sputter press beam remember reflect crack riff exhort deadpan intone chirp
""".split())

# forms that the regular rules would spell wrongly: lemma -> (3rd person, past, -ing)
IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing"),
    "read": ("reads", "read", "reading"),
    "sing": ("sings", "sang", "singing"),
    "admit": ("admits", "admitted", "admitting"),
    "snap": ("snaps", "snapped", "snapping"),
    "quip": ("quips", "quipped", "quipping"),
    "rip": ("rips", "ripped", "ripping"),
    "beg": ("begs", "begged", "begging"),
    "text": ("texts", "texted", "texting"),
    "email": ("emails", "emailed", "emailing"),
    "answer": ("answers", "answered", "answering"),
    "counter": ("counters", "countered", "countering"),
    "mutter": ("mutters", "muttered", "muttering"),
    "whisper": ("whispers", "whispered", "whispering"),
    "thunder": ("thunders", "thundered", "thundering"),
    "wonder": ("wonders", "wondered", "wondering"),
    "lecture": ("lectures", "lectured", "lecturing"),
    "offer": ("offers", "offered", "offering"),
    "boom": ("booms", "boomed", "booming"),
    "jab": ("jabs", "jabbed", "jabbing"),
    "riff": ("riffs", "riffed", "riffing"),
    "deadpan": ("deadpans", "deadpanned", "deadpanning"),
    "rebut": ("rebuts", "rebutted", "rebutting"),
}

# multi-word cues: "pointed out", "went on", "fired back" (verb forms + particle)
PHRASAL = {
    "point": "out", "go": "on", "fire": "back", "shoot": "back", "hit": "back",
    "chime": "in", "weigh": "in", "sum": "up", "spell": "out", "put": "it", "cry": "out",
}
_PHRASAL_IRREGULAR = {
    "go": ("goes", "went", "going"), "shoot": ("shoots", "shot", "shooting"),
    "hit": ("hits", "hit", "hitting"), "sum": ("sums", "summed", "summing"),
    "spell": ("spells", "spelled", "spelling"), "put": ("puts", "put", "putting"),
}
_VOWELS = "aeiou"


def inflections(lemma: str) -> tuple[str, str, str, str]:
    """``(lemma, 3rd person singular, past, -ing form)`` of a reporting verb."""
    if lemma in IRREGULAR:
        return (lemma, *IRREGULAR[lemma])
    if lemma in _PHRASAL_IRREGULAR:
        return (lemma, *_PHRASAL_IRREGULAR[lemma])
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("ee"):
        past, ing = lemma + "d", lemma + "ing"
    elif lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return lemma, third, past, ing


# verbs whose base and -s forms are more often nouns in news ("a call", "the report",
# "his tweets"): only their past and -ing forms are cues
NOUNISH = frozenset("""
call post report text quote charge object counter state note comment email answer
challenge reason cheer joke boast vow pledge promise demand claim protest laugh sigh
mention blast slam rip lash rail fume snap boom thunder chant shout scream yell muse
whisper mutter rave gush scoff tease mock beg reply tweet cite sing read lecture remark
press retort jab taunt sneer hiss groan moan murmur chuckle bark growl roar snarl
bellow holler gasp drawl rasp sputter vent caution lament wonder marvel snipe beam
crack riff chirp
""".split())


def _forms() -> list[str]:
    forms: set[str] = set()
    for lemma in LEMMAS:
        base, third, past, ing = inflections(lemma)
        forms.update((past, ing) if lemma in NOUNISH else (base, third, past, ing))
    for verb, particle in PHRASAL.items():
        forms.update(f"{form} {particle}" for form in inflections(verb))
    return sorted(forms, key=lambda f: (-len(f), f))


CUE_WORDS: tuple[str, ...] = tuple(_forms())
PARTICIPLES: frozenset[str] = frozenset(f for f in CUE_WORDS if f.split()[0].endswith("ing"))
CUE_PATTERN = "|".join(f.replace(" ", r"\s+") for f in CUE_WORDS)
# cues are lower case: "The Post" and "States" are names, "posted" and "states" verbs
CUE_RE = re.compile(rf"\b(?:{CUE_PATTERN})\b")
# the base and -s forms of the verbs in NOUNISH: cues only right after a name and before
# the end of the clause ("…," Viguerie notes.)
NOUN_FORMS = tuple(sorted({form for lemma in NOUNISH for form in inflections(lemma)[:2]}))
NOUN_FORM_RE = re.compile(rf"\b(?:{'|'.join(NOUN_FORMS)})\b(?=\s*(?:[.,;:]|$))")
# verbs whose next noun phrase is the one spoken to, never the speaker ("telling CNN")
OBJECT_LEMMAS = frozenset("tell ask inform remind assure reassure urge implore beg warn advise "
                          "instruct challenge accuse answer call text email".split())
OBJECT_VERBS = frozenset(form for lemma in OBJECT_LEMMAS for form in inflections(lemma))


# verbs of belief rather than speech: inside reported speech ("Hughes added that the
# White House believes "…"") the words are the reporting speaker's
COGNITIVE_LEMMAS = frozenset("believe suggest wonder speculate reason posit theorize theorise "
                             "surmise".split())
COGNITIVE_VERBS = frozenset(form for lemma in COGNITIVE_LEMMAS for form in inflections(lemma))


def is_cue(word: str) -> bool:
    """Whether ``word`` (any case, single spaces) is a form of a reporting verb."""
    return re.sub(r"\s+", " ", word.lower()) in _CUE_SET


_CUE_SET = frozenset(CUE_WORDS)
