"""People named in an article: mentions, the persons they refer to, and pronouns.

A within-article mention model, written as rules a reader can check:

* **Mentions** are runs of capitalised name words outside quotation marks (``Sen. Ben
  Sasse``, ``Jennifer R. Palmieri``, ``Beto O'Rourke``), with the titles before them kept
  apart (``Sen.``, ``Air Force 1st Lt.``, ``President``) and sentence-initial function words
  (``When``, ``Asked``, ``On Friday``) dropped.
* **Persons** group the mentions: a full name opens a person; a later last name, title
  plus last name or first name alone (``Sasse``, ``Mr. Sasse``) joins the most recent
  person it fits, and the person is named by its fullest form.
* **Person or not**: a title of a person, a role word next to the name (``spokeswoman
  Jen Psaki``), a later short form, the subject of a reporting verb, or a census surname
  opening its sentence with a verb make a person; words of places and organisations
  (``House``, ``News``, ``County``, ``New …``) and all-capital runs (``MIDWAY ATOLL``)
  make a non-person. An office before "of" is a title (``Secretary of State Hillary
  Clinton``). Only persons are antecedents of ``he`` and ``she``.
* **Gender** comes from titles (``Mr.``, ``Mrs.``), role words (``spokeswoman``), the
  census first names (also a first name used alone: ``Melanie said``) and the pronouns
  outside quotation marks of the sentences in which the person is the only one named.
* **Pronouns** ``he``/``she`` are resolved by a ranker over the persons named before
  (:meth:`ArticleMentions.resolve_pronoun`): recency, subject position, gender
  agreement, earlier speakers, the person the paragraph opens with; a name used as a
  modifier (``the Trump campaign``) or as an object counts against it.

No model is loaded: everything here is a function of the article's own text.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import paths
from .cues import CUE_RE

# words that title a person and stand before the name (kept apart from the name)
PERSON_TITLES = frozenset("""
mr mrs ms miss dr sen sens rep reps gov lt gen col sgt capt adm maj rev prof pres hon
cpl pvt cmdr supt insp det atty president vice senator representative congressman
congresswoman governor mayor secretary minister ambassador general judge justice
chancellor pope king queen prince princess speaker chairman chairwoman chair director
commissioner attorney prime sheriff officer detective lieutenant sergeant captain
colonel admiral major dean professor rabbi father bishop cardinal pastor reverend sister
brother imam councilman councilwoman councilmember assemblyman assemblywoman delegate
lady sir dame lord candidate nominee leader whip chief deputy acting former first 1st
2nd 3rd
""".split())
# modifiers that may stand in a title run without being part of the name
_TITLE_MODIFIERS = frozenset("""
former acting deputy vice chief first senior foreign defense treasury state homeland
democratic republican gop independent u.s. us american federal state national general
majority minority house senate white air force navy army marine marines coast guard
special assistant associate executive managing press campaign
""".split())
FEMALE_WORDS = frozenset("""
mrs ms miss she her hers woman women spokeswoman congresswoman chairwoman businesswoman
councilwoman assemblywoman wife mother daughter sister grandmother queen princess lady
dame actress girl widow aunt niece
""".split())
MALE_WORDS = frozenset("""
mr he him his man men spokesman congressman chairman businessman councilman assemblyman
husband father son brother grandfather king prince lord sir actor boy widower uncle
nephew
""".split())
ROLE_WORDS = frozenset("""
spokesman spokeswoman spokesperson adviser advisor aide strategist analyst director
chairman chairwoman founder president executive officer manager secretary senator
congressman congresswoman governor mayor candidate nominee professor economist lawyer
attorney author writer columnist editor reporter host anchor pollster consultant
lobbyist activist organizer organiser supporter voter resident leader chief minister
ambassador official commissioner sheriff judge researcher scientist expert fellow
historian pastor rabbi priest coach student teacher worker owner partner member deputy
assistant staffer operative surrogate donor delegate businessman businesswoman actor
actress singer comedian veteran mother father wife husband son daughter brother sister
friend
""".split())
# abbreviated titles and the role word a later description uses ("Sen." … "the senator")
TITLE_ROLES = {"sen": "senator", "sens": "senator", "rep": "representative",
               "reps": "representative", "gov": "governor", "gen": "general",
               "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
               "adm": "admiral", "maj": "major", "rev": "reverend", "prof": "professor",
               "pres": "president", "atty": "attorney", "congressman": "congressman",
               "congresswoman": "congresswoman"}
# words that make a capitalised run a place, an organisation, a date or a title of work
NON_PERSON_WORDS = frozenset("""
news times post journal party committee council department house senate congress court
university college school institute foundation association center centre campaign
network group company corp inc llc ltd agency administration commission bureau office
service ministry union club church street avenue road county city state states republic
kingdom fund bank board reserve force army navy guard police press media channel
magazine review tribune herald gazette daily weekly radio tv television twitter facebook
instagram youtube google apple amazon microsoft day week month year monday tuesday
wednesday thursday friday saturday sunday january february march april may june july
august september october november december island islands river valley mountain
mountains beach park airport hospital museum library hall tower building square bridge
coast north south east west northern southern eastern western central america europe
asia africa obamacare medicare medicaid act bill law amendment constitution caucus
caucuses primary convention debate poll survey report program project initiative plan
democrats republicans americans gop dnc rnc fbi cia nsa isis nato un eu us u.s. uk cnn
msnbc nbc cbs abc npr pbs bbc ap reuters politico breitbart huffpost nyt wsj pac super
tuesday olympics war wars world cup series league nfl nba mlb nations united
jazeera afp tass xinhua sputnik interfax ria novosti anadolu yonhap kyodo dpa efe ansa
irna wafa qaeda shabab nusra hezbollah hamas taliban sea ocean gulf bay strait canal route
highway circuit tribunal whatsapp tumblr linkedin reddit digg newsvine permalink pinterest
snapchat
""".split())
# parties, creeds and nationalities: a run ending in one names no person
AFFILIATIONS = frozenset("""
democrat republican liberal conservative socialist communist libertarian independent
christian muslim jewish catholic protestant evangelical hindu buddhist sikh
american african asian european arab latino latina hispanic russian ukrainian chinese
japanese korean indian pakistani afghan iranian iraqi syrian turkish kurdish israeli
palestinian lebanese egyptian saudi yemeni libyan tunisian moroccan algerian nigerian
kenyan ethiopian somali sudanese ghanaian british english scottish welsh irish french
german dutch belgian swiss austrian italian spanish portuguese greek polish czech
slovak hungarian romanian bulgarian serbian croatian bosnian albanian swedish danish
norwegian finnish icelandic estonian latvian lithuanian belarusian georgian armenian
azerbaijani kazakh uzbek mexican canadian brazilian argentine argentinian chilean
colombian venezuelan cuban peruvian australian filipino indonesian malaysian thai
vietnamese burmese bangladeshi
""".split())
# countries, US states and world regions: a capitalised single word that names a place
PLACES = frozenset("""
afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain
bangladesh belarus belgium bolivia bosnia brazil britain bulgaria burma cambodia canada
chile china colombia croatia cuba cyprus czechia denmark ecuador egypt england estonia
ethiopia finland france georgia germany ghana greece guatemala haiti honduras hungary
iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan
kenya korea kosovo kuwait laos latvia lebanon libya lithuania luxembourg macedonia
malaysia mali mexico moldova mongolia montenegro morocco myanmar nepal netherlands
nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru philippines
poland portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia
slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania
thailand tunisia turkey turkmenistan uganda ukraine uzbekistan venezuela vietnam wales
yemen zambia zimbabwe alabama alaska arizona arkansas california colorado connecticut
delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada
ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin
wyoming washington brussels london paris berlin moscow beijing tokyo kyiv kiev baghdad
damascus tehran jerusalem gaza chicago boston philadelphia atlanta miami dallas houston
detroit seattle denver phoenix baltimore cleveland manhattan brooklyn bronx queens
harlem hollywood silicon wall europe asia africa antarctica arctic atlantic pacific
midwest caribbean crimea donbas kremlin pentagon capitol
""".split())
_PLACE_FIRST = frozenset("""
new los san las santa st st. fort port lake mount mt
""".split())
# capitalised words that open sentences but are no names
FUNCTION_WORDS = frozenset("""
a an the and but or nor so yet for if then than that this these those there here when
where while why how what which who whom whose as at by in on of off to from with without
within into onto over under after before during since until upon about above across
against along alongside amid amidst among around behind below beneath beside besides
between beyond despite except
inside near outside through throughout toward towards via it its it's i i'm i've i'd
i'll we we're we've you you're he he's she she's they they're his her their our my your
me him them us one ones all any both each every either neither few many more most much
several some such no not none nothing everything something anything everyone someone
anyone nobody everybody somebody also however meanwhile instead still even just only
already now later earlier today tonight yesterday tomorrow last next first second third
finally indeed perhaps maybe asked according speaking asking saying adding told said
says like unlike although though because unless whether once again yes oh well please
thanks dear hey sure really other another same own too very do does did don't doesn't
didn't is are was were be been being am have has had can could will would shall should
may might must let let's here's there's that's what's who's watch read click see updated
related photo image video editor's note
""".split())
# titles and suffixes written with a period ("Sen.", "Del." for a delegate): the period
# ends no sentence and the word is a title only with it ("Del Rio" is a name)
ABBREVIATED_TITLES = ("Mr Mrs Ms Dr Sen Sens Rep Reps Gov Lt Gen Col Sgt Capt Adm Maj Rev Prof "
                      "St Jr Sr Ft Mt Pres Hon Cpl Pvt Cmdr Supt Insp Det Atty Del Amb Asst "
                      "Sec").split()
_ABBREVIATED = rf"(?:{'|'.join(ABBREVIATED_TITLES)})\."
_DOTTED_ONLY = frozenset({"del", "amb", "asst", "sec"})
_TITLE_KEYS = frozenset(t.lower() for t in ABBREVIATED_TITLES)
# Latin letters with their accents (Lazăr, Peña, Łukasz); Latin Extended-A mixes cases
_UP = "A-ZÀ-ÖØ-ÞĀ-ž"
_LOW = "a-zß-öø-ÿĀ-ž"
# a name word; an Arabic particle joined by a hyphen belongs to it ("al-Hussein", "el-Sisi")
_NAME_TOKEN = (rf"(?:{_ABBREVIATED}|[{_UP}]\.|(?:al-|el-)?[{_UP}]"
               rf"(?:[{_LOW}]+(?:[{_UP}][{_LOW}]+)*|[{_UP}]+)?"
               rf"(?:['’\-][{_UP}{_LOW}]+)*|\d(?:st|nd|rd|th))")
_PARTICLE = r"(?:de|da|del|della|der|van|von|la|le|bin|ibn|al|el|du|dos|das)"
# a possessive ends a run: "Clinton's New Hampshire director" names Clinton, then a place
_RUN = re.compile(rf"(?<![\w'’.\-]){_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN})*"
                  rf"(?:(?:'s|’s)|,?\s+(?:Jr\.|Sr\.|II|III|IV))?")
_PREPOSITION = re.compile(r"\b(?:of|to|for|with|by|about|against|from|on|at|in|than|like|"
                          r"over|under|between|toward|towards|into|near|across|outside|"
                          r"inside|throughout|via)\s*$", re.I)
_VERB_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:is|was|are|were|has|had|have|will|would|can|"
                         r"could|should|may|might|must|does|did|do|[a-z]+ed|[a-z]{3,}s)\b")
_APPOSITION = re.compile(r"\s*,\s+(?:a|an|the|who|whose|\d+)\b")
# a name used as a modifier ("the Trump campaign", "a Clinton aide"): nobody who speaks
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those)\s+$", re.I)
# a name after a verb, as its object ("asked Clinton", "mocking Jeb Bush")
_OBJECT_BEFORE = re.compile(r"\b(?:[a-z]+ed|[a-z]+ing|asked|told|called|met|beat|hit|"
                            r"said|thanked|named|sent|praised|attacked|endorsed|backed)\s+$")
_WHO_OR_AGE = re.compile(r"\s*,\s+(?:who|\d+)\b")
_APPOSITIVE_HEAD = re.compile(r"\s*,\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(\w+)\b")
_SPEAKS = re.compile(r"\s+(?:\w+ly\s+)?(?:has\s+|had\s+|also\s+)?(?:" + CUE_RE.pattern + ")")
PRONOUN_GENDER = {"he": "m", "she": "f"}
_PRONOUNS = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_SUFFIXES = frozenset({"jr.", "sr.", "ii", "iii", "iv", "jr", "sr"})


@lru_cache(maxsize=65536)
def _key(token: str) -> str:
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    return token.lower().rstrip(".,")


@dataclass
class Mention:
    """One naming of someone: ``name`` without its title, ``title`` the words before."""

    start: int
    end: int
    name: str
    title: str
    possessive: bool
    sentence: int
    subject: bool
    after_preposition: bool = False
    before_verb: bool = False
    modifier: bool = False
    after_verb: bool = False
    person: int = -1
    description: bool = False  # "the senator": a description linked to a named person


@dataclass
class Person:
    """A person of the article: the fullest ``name`` met, its tokens and evidence."""

    name: str
    tokens: list[str]
    evidence: set[str] = field(default_factory=set)
    female: int = 0
    male: int = 0
    mentions: list[int] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    title_words: set[str] = field(default_factory=set)

    @property
    def gender(self) -> str:
        if self.female > self.male:
            return "f"
        if self.male > self.female:
            return "m"
        return ""

    @property
    def person_like(self) -> bool:
        """Named as people are: a title, a role, a reporting verb, a later short form, a
        lone surname opening its sentence with a verb ("Carson defied …")."""
        return bool({"title", "role", "speaker", "short_form", "acts"} & self.evidence) or (
            len(self.tokens) >= 2 and "non_person" not in self.evidence)

    @property
    def is_person(self) -> bool:
        if "non_person" in self.evidence:
            return bool({"title", "role"} & self.evidence)
        return True


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """``(title words, name words)`` of a run of capitalised words.

    Titles lead the run: ``Air Force 1st Lt. Tyler Livingston`` gives ``Tyler
    Livingston``; ``Sen.`` alone gives no name. A title word after the first name word is
    part of the name (``Howard Dean``, ``Billie Jean King``), and so is a lone one that is
    also a surname (``Dean``, ``King``).
    """
    last_title, i = -1, 0
    while i < len(words):
        key = _key(words[i])
        if key in PERSON_TITLES or (key in _DOTTED_ONLY and words[i].endswith(".")):
            last_title = i
        elif key not in _TITLE_MODIFIERS:
            break
        i += 1
    if last_title < 0 and len(words) > 2:
        # "Italian Prime Minister Matteo Renzi", "PolitiFact Executive Director Aaron
        # Sharockman": a role title after a nationality or an organisation, then the name
        for k in range(len(words) - 2, 0, -1):
            key = _key(words[k])
            if key not in PERSON_TITLES:
                continue
            after = [w for w in words[k + 1:] if not _SUFFIX.match(w)]
            if after and (key not in _NOT_ROLE or (key in _SURNAME_TITLES and len(after) >= 2)):
                last_title = k
                break
    title, name = words[:last_title + 1], words[last_title + 1:]
    if not name and title and _key(title[-1]) in _SURNAME_TITLES and not title[-1].endswith("."):
        return title[:-1], title[-1:]
    return title, name


# words dropped when they open a run ("Watch: …", "Read more") but that may end a name
# ("Judicial Watch", "Human Rights Watch")
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*,?$")
_LEAD_IN_ONLY = frozenset("watch read click see updated related photo image video".split())
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
_INITIAL = re.compile(r"^[A-Z]\.$")  # "Julie A. Diaz": "A." is an initial, not "a"


_SURNAME_TITLES = frozenset("dean king major bishop pope prince judge justice father brother "
                            "lord marshal chancellor sheriff queen cardinal sister".split())
# title words that inside a run are rather part of a name ("Howard Dean", "Larry King
# Live": a surname title is a role there only before two name words) or a modifier
_NOT_ROLE = _SURNAME_TITLES | {"former", "first", "1st", "2nd", "3rd", "lady", "sir", "dame",
                               "hon", "acting", "deputy", "vice", "prime", "general"}


def name_runs(text: str, offset: int = 0) -> list[tuple[int, int, list[str], list[str]]]:
    """Capitalised runs of ``text``: ``(start, end, title words, name words)``.

    Function words and sentence starters are dropped from the front (``When Trump`` →
    ``Trump``); a run that is only a title or only function words gives nothing.
    """
    found = []
    for m in _RUN.finditer(text):
        run = m.group()
        if "s " not in run:  # no possessive inside: the run as it is
            _add_run(text, run, m.start(), m.end(), offset, found)
            continue
        # a possessive ends a run: "NBC's Dante Chinni" is NBC, then Dante Chinni
        pieces, at = [], m.start()
        for piece in _POSSESSIVE_SPLIT.split(m.group()):
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                pieces.append((at + lead, at + len(piece.rstrip()), piece.strip()))
            at += len(piece)
        for p_start, p_end, chunk in pieces:
            _add_run(text, chunk, p_start, p_end, offset, found)
    return found


_PARTICIPLE_OPENING = re.compile(r"(?<![^\s\"“(])[A-Z][a-z]{2,}ing\s+(?:on|in|at|to|from|with|"
                                 r"about|after|for|before|during|the|a|an|his|her|their|its|"
                                 r"up|out|over|into|through)\s")
_POSSESSIVE_SPLIT = re.compile(r"(?<=['’]s)(?=\s)")


def _add_run(text: str, chunk: str, start: int, end: int, offset: int,
             found: list[tuple[int, int, list[str], list[str]]]) -> None:
    """Add the run ``chunk`` (at ``start``…``end`` of ``text``) to ``found`` if it names."""
    words = chunk.split()
    if len(words) == 1 and _PARTY_STATE.match(words[0]):
        return  # "R-Ky.": a party and a state, not a name
    if len(words) == 1 and _PARTICIPLE_OPENING.match(text, start) and _key(
            words[0]) not in census_names()[1] and (
            text[max(0, start - 20):start].rstrip()[-1:] in {".", "!", "?", '"', "“", ""}):
        return  # "Focusing on trade, the mayor said": a participle, not a name ("King" is)
    while words and (_key(words[0]) in FUNCTION_WORDS):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
        words = words[1:]
    if not words:
        return
    title, name = split_title(words)
    if not title and len(name) >= 3 and _OF_TITLE.search(text, max(0, start - 40), start):
        # "Secretary of State Hillary Clinton": the office runs on to the first name
        firsts = census_names()[0]
        at = next((i for i in range(1, len(name) - 1) if _key(name[i]) in firsts), 0)
        title, name = name[:at], name[at:]
    if len(name) >= 3:
        # "Permanent Representative to the European Union Vladimir Chizhov", "Ambassador to
        # Syria Alexander Kinshchak": an organisation or a place runs into the person's name
        # (but "Mayor Bill de Blasio": a word that is also a first name starts the name)
        keys = [_key(w) for w in name]
        firsts = census_names()[0]
        last = max((i for i, k in enumerate(keys) if k in PLACES or (
            k in NON_PERSON_WORDS and (k not in firsts or name[i].isupper()))), default=-1)
        tail = name[last + 1:]
        if last >= 0 and tail and tail[0][:1].isupper() and (len(tail) == 2 or (
                3 <= len(tail) <= 4 and _key(tail[0]) in firsts)):
            start = text.index(tail[0], start + sum(len(w) for w in name[:last + 1]))
            name = tail
            # the office named before it is the person's title ("Ambassador to …")
            office = _OFFICE_BEFORE.search(text, max(0, start - 80), start)
            if office and not title:
                title = [office.group(1)]
    if name and name[-1].endswith(".") and _key(name[-1]) in _TITLE_KEYS - {"st", "jr", "sr"}:
        return  # "Pennsylvania Gov.": a title ends no name ("former … Gov. and … Ed Rendell")
    name = [w for w in name if _key(w) not in FUNCTION_WORDS or len(name) > 1]
    if not name or all(_key(w) in _SUFFIXES for w in name):
        return
    # a headline in title case ("Lynch Closes The Door") is no name; "Theresa May" is
    surname = len(name) == 2 and _key(name[1]) in _SURNAME_WORDS and _key(
        name[0]) in census_names()[0]
    if len(name) > 4 or (not surname and any(
            _key(w) in FUNCTION_WORDS and not _INITIAL.match(w)
            and _key(w) not in _LEAD_IN_ONLY for w in name[1:])):
        return
    found.append((offset + start, offset + end, title, name))


_OFFICE_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:to|of|at)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*"
                            r"\s+(?:of\s+(?:the\s+)?)?)*$")
_OF_TITLE = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister|[Dd]irector|[Cc]hairman|[Cc]hairwoman|"
                       r"[Cc]hair|[Hh]ead|[Cc]hief|[Cc]ommissioner|[Aa]mbassador)\s+of\s+"
                       r"(?:the\s+)?$")


# non-person words that are also given names or surnames: ``Bill de Blasio``,
# ``Theresa May``, ``Jerry Hall`` and ``Jude Law`` are people (the months are left out:
# "in June Trump said")
_FIRST_NAME_WORDS = frozenset({"bill"})
_SURNAME_WORDS = frozenset({"may", "hall", "law", "church"})


def _non_person_words(keys: list[str]) -> set[str]:
    """The words of ``keys`` (a name's lower-cased tokens) that name no person. A given
    name that is also a common noun opens a name of two or more words (``Bill Clinton``,
    not ``Bill of Rights``); a surname that is also one closes a census first name and
    nothing else (``Theresa May``)."""
    words = set(keys) & NON_PERSON_WORDS
    if len(keys) >= 2 and keys[0] in _FIRST_NAME_WORDS and keys[1] not in FUNCTION_WORDS \
            and not (set(keys[1:]) & words):
        words.discard(keys[0])
    if (len(keys) == 2 and keys[-1] in _SURNAME_WORDS and keys[0] not in NON_PERSON_WORDS
            and keys[0] in census_names()[0]):
        words.discard(keys[-1])
    return words


# an office ends no person's name: "Permanent Representative", "Foreign Minister"
_OFFICE_ENDS = frozenset("""
representative minister secretary president senator governor ambassador director chairman
chairwoman commissioner congressman congresswoman attorney prosecutor envoy premier
spokesman spokeswoman spokesperson
""".split())


def _non_person(name: list[str]) -> bool:
    keys = [_key(w) for w in name]
    return bool(_non_person_words(keys)) or keys[0] in _PLACE_FIRST or (
        len(keys) >= 2 and keys[-1] in _OFFICE_ENDS) or (
        len(keys) == 1 and keys[0] in PLACES) or (
        all(w.isupper() and len(w.strip(".,")) > 1 for w in name)) or (
        # "a Democrat", "Renowned Russian traveler …", "African American studies": an
        # affiliation or a nationality ends no person's name ("Dawn French" has a first name)
        keys[-1] in AFFILIATIONS and keys[0] not in census_names()[0])


@lru_cache(maxsize=1)
def census_names() -> tuple[dict[str, str], frozenset[str]]:
    """``(gender by first name, surnames)`` from the 1990 US Census name lists.

    The lists ship in the ``names`` package (MIT licence; the data are the US Census
    Bureau's, in the public domain). A first name is ``f`` or ``m`` when one sex carries
    it at least three times as often as the other. US-centred: a name missing from the
    lists tells nothing.
    """
    import names

    folder = Path(names.__file__).parent

    def read(file: str) -> dict[str, float]:
        table = {}
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                table[parts[0].lower()] = float(parts[1])
        return table

    female, male = read("dist.female.first"), read("dist.male.first")
    gender = {}
    for name in female.keys() | male.keys():
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= 3 * m:
            gender[name] = "f"
        elif m >= 3 * f:
            gender[name] = "m"
    return gender, frozenset(read("dist.all.last"))


# constant sets the evidence of every mention is read against
_PERSON_TITLE_EVIDENCE = PERSON_TITLES - {"first", "1st", "2nd", "3rd", "former", "acting"}
_ROLES = ROLE_WORDS | PERSON_TITLES | frozenset(TITLE_ROLES.values())
_FEMALE_NOUNS = FEMALE_WORDS - {"her", "she", "hers"}
_MALE_NOUNS = MALE_WORDS - {"he", "him", "his"}


_OPENS_WITH_DESCRIPTION = re.compile(r"[\s\-–—\"“]*(?:The|A|An)\s+[a-z]")
# a name opening a subordinate clause ("after Donald Trump took office") is no subject
# of the sentence
_SUBORDINATOR_BEFORE = re.compile(r"\b(?:after|before|when|while|since|because|if|"
                                  r"although|though|until|once|whereas|that|as)\s+$", re.I)
_DESCRIPTION_START = re.compile(r"\b[Tt]he\s+")
_DESCRIPTION_WORD = re.compile(r"[\w'’-]+")
_AGE = re.compile(r"^\d+-year-old$")
# words that may stand before a role noun without naming anyone else ("the top diplomat")
_GENERIC_MODIFIERS = frozenset("""
top former veteran longtime long-time senior young elderly retired embattled outgoing
incoming new current acting chief foreign defense
""".split())
# nouns that name a class of roles: "the diplomat" may be an ambassador or a foreign
# minister; "the lawmaker", a senator
_HEAD_CLASSES = {
    "diplomat": frozenset({"ambassador", "envoy", "consul", "diplomat"}),
    "envoy": frozenset({"ambassador", "envoy"}),
    "lawmaker": frozenset({"senator", "representative", "congressman", "congresswoman",
                           "assemblyman", "assemblywoman", "councilman", "councilwoman",
                           "lawmaker", "legislator"}),
    "legislator": frozenset({"senator", "representative", "congressman", "congresswoman",
                             "assemblyman", "assemblywoman", "lawmaker", "legislator"}),
}
_HEAD_TITLES = {"diplomat": ({"foreign", "minister"}, {"foreign", "secretary"},
                             {"permanent", "representative"})}
_DESCRIPTION_HEADS = ROLE_WORDS | frozenset(_HEAD_CLASSES) | frozenset(
    TITLE_ROLES.values()) | frozenset({"ambassador", "envoy", "consul", "chancellor",
                                       "prosecutor", "spokesperson", "premier"})


def _description_at(text: str, start: int, end: int, whole: bool = False
                    ) -> tuple[list[str], str, int] | None:
    """``(modifiers, head, end)`` of a description whose words begin at ``start`` (after
    ``the``): up to two modifiers, then a role noun (:data:`_DESCRIPTION_HEADS`), or None.
    With ``whole``, ``text`` is the description itself and must end with its noun."""
    if whole:
        first = _DESCRIPTION_START.match(text)
        if first is None:
            return None
        start = first.end()
    words: list[str] = []
    at = start
    for _ in range(3):
        word = _DESCRIPTION_WORD.match(text, at, end)
        if word is None:
            return None
        token = word.group()
        if token in _DESCRIPTION_HEADS:
            # the last of a compound is the head: "the chief executive", "the party leader"
            following = _DESCRIPTION_WORD.match(text, word.end() + 1, end)
            if text.startswith(" ", word.end()) and following and \
                    following.group() in _DESCRIPTION_HEADS and len(words) < 2:
                words.append(token)
                at = word.end() + 1
                continue
            if whole and text[word.end():end].strip(" .,'’"):
                return None
            return words, token, word.end()
        words.append(token)
        at = word.end()
        if not text.startswith(" ", at):
            return None
        at += 1
    return None


class ArticleMentions:
    """The mention model of one article; see the module's docstring.

    ``quote_mask`` marks the characters inside quotation marks (mentions there are
    never antecedents); ``sentences`` are the article's ``(start, end)`` spans.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], quote_mask: list[bool]):
        self.text = text
        self.sentences = sentences
        self.quote_mask = quote_mask
        self._sentence_starts = [s for s, _e in sentences]
        self.mentions: list[Mention] = []
        self.persons: list[Person] = []
        for index, (s, e) in enumerate(sentences):
            # "The mayor, a Democrat, said …": a description is the subject, not a name
            # after it (an appositive name, ", Brian Fallon,", still may be)
            opener = bool(_OPENS_WITH_DESCRIPTION.match(text, s, e))
            first = not opener
            for start, end, title, name in name_runs(text[s:e], s):
                if quote_mask[start] if start < len(quote_mask) else False:
                    continue
                raw = text[start:end]
                possessive = raw.endswith(("'s", "’s")) or text[end:end + 1] in {"'", "’"}
                lead = text[max(s, start - 16):start]  # the word before, at most
                after_preposition = bool(_PREPOSITION.search(lead))
                modifier = bool(_DETERMINER_BEFORE.search(lead)) and not title
                appositive = opener and text[max(s, start - 2):start].strip() == ","
                subordinate = bool(_SUBORDINATOR_BEFORE.search(lead))
                subject = (first or appositive) and not after_preposition and not modifier \
                    and not subordinate
                opener = opener and not subject
                if not _non_person(name) and not after_preposition and not subordinate:
                    first = False
                before_verb = bool(_VERB_AFTER.match(text, end)) and not possessive
                after_verb = bool(_OBJECT_BEFORE.search(lead)) and not subject
                self.mentions.append(Mention(start, end, " ".join(name).rstrip(",")
                                             .removesuffix("'s").removesuffix("’s"),
                                             " ".join(title), possessive, index, subject,
                                             after_preposition, before_verb, modifier,
                                             after_verb))
        self._group()
        self._genders()
        self._starts = [m.start for m in self.mentions]
        self._add_descriptions()
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n", text)]
        # the person each paragraph opens with as a subject, and where: its topic
        self._topics: dict[int, tuple[int, int]] = {}
        for m in self.mentions:
            if m.subject:
                self._topics.setdefault(self._paragraph_of(m.start), (m.start, m.person))

    def _add_descriptions(self) -> None:
        """Add a mention for each definite description that refers back to a named person
        (``the mayor`` after ``Mayor Bill de Blasio``; :meth:`describes`) as the subject
        of its sentence or of a reporting verb, so that a pronoun after ``The mayor, a
        Democrat, said …`` finds its antecedent there. An object (``praised the
        president``) is left out: it would hide the person's last naming as a subject."""
        text, mask = self.text, self.quote_mask
        added = []
        for index, (s, e) in enumerate(self.sentences):
            for found in _DESCRIPTION_START.finditer(text, s, e):
                start = found.start()
                if start < len(mask) and mask[start]:
                    continue
                parsed = _description_at(text, found.end(), e)
                if parsed is None:
                    continue
                modifiers, head, end = parsed
                lead = text[max(s, start - 16):start]
                if _PREPOSITION.search(lead) or text[end:end + 2] in {"'s", "’s"} or \
                        text.startswith(" of ", end):
                    continue
                if text[max(s, start - 2):start].strip() == "," and any(
                        m.end in (start - 2, start - 1) for m in self.mentions):
                    continue  # "John Dickey, the chief executive": his own appositive
                person = self._described(modifiers, head, start)
                if person is None:
                    continue
                earlier_subject = any(m.subject for m in self.mentions
                                      if m.sentence == index and m.start < start)
                after_verb = bool(_OBJECT_BEFORE.search(lead))
                subject = not earlier_subject and not after_verb
                if not subject and not _CUE_AFTER.match(text, end):
                    continue  # "praised the president": an object is no antecedent here
                added.append(Mention(start, end, self.persons[person].name, "", False, index,
                                     subject, False, bool(_VERB_AFTER.match(text, end)),
                                     False, after_verb, person, True))
        if added:
            self.mentions = sorted(self.mentions + added, key=lambda m: m.start)
            self._starts = [m.start for m in self.mentions]
            for person in self.persons:  # a person's mentions are its namings, re-indexed
                person.mentions = []
            for i, m in enumerate(self.mentions):
                if m.person >= 0 and not m.description:
                    self.persons[m.person].mentions.append(i)

    def _described(self, modifiers: list[str], head: str, position: int) -> int | None:
        """The index of the most recent person, in the 10 sentences before ``position``,
        that ``the <modifiers> <head>`` describes (:meth:`describes`), or None."""
        here = self.sentence_index(position)
        upto = bisect.bisect_left(self._starts, position)
        for m in reversed(self.mentions[:upto]):
            if here - m.sentence > 10:
                break
            if m.person < 0:
                continue
            person = self.persons[m.person]
            if person.is_person and self.describes(person, modifiers, head):
                return m.person
        return None

    def describes(self, person: Person, modifiers: list[str], head: str) -> bool:
        """Whether ``the <modifiers> <head>`` can be ``person``: ``head`` is one of the
        person's roles (``the senator`` for ``Sen. Ben Sasse``) or names a class of them
        (``the diplomat`` for an ambassador or a foreign minister, ``the lawmaker`` for a
        senator); each capitalised modifier (``the German minister``) stands in the
        sentences that name the person, and each other one is an age or a generic word
        (``the top diplomat``, ``the 26-year-old writer``)."""
        roles = person.roles
        if head in _HEAD_CLASSES:
            if not (roles & _HEAD_CLASSES[head] or any(
                    words <= person.title_words | roles for words in _HEAD_TITLES.get(head, ()))):
                return False
        elif head not in roles:
            return False
        for word in modifiers:
            if word[:1].isupper():
                stem = word.lower()[:5]
                if not any(stem in self._sentence_text(self.mentions[i].sentence).lower()
                           for i in person.mentions):
                    return False
            elif word.lower() not in _GENERIC_MODIFIERS and not _AGE.match(word):
                return False
        return True

    def _sentence_text(self, index: int) -> str:
        s, e = self.sentences[index]
        return self.text[s:e]

    # ------------------------------------------------------------------ grouping
    def _group(self) -> None:
        self._index: dict[int, int] = {}
        for i, mention in enumerate(self.mentions):
            tokens = [_key(w) for w in mention.name.split() if _key(w) not in _SUFFIXES]
            if not tokens:
                continue
            person = self._match(tokens)
            if person is None:
                person = Person(mention.name, tokens)
                self._index[id(person)] = len(self.persons)
                self.persons.append(person)
                # an earlier short form ("Trump" in a headline) joins this full name
                if len(tokens) >= 2:
                    for other in self.persons[:-1]:
                        if other.tokens == [tokens[-1]] and other.mentions:
                            self._merge(other, person)
            elif len(tokens) > len(person.tokens) and tokens[-1] == person.tokens[-1]:
                person.name, person.tokens = mention.name, tokens
            index = self._index.setdefault(id(person), len(self._index))
            mention.person = index
            person.mentions.append(i)
            self._evidence(mention, person)

    def _merge(self, old: Person, new: Person) -> None:
        """``old`` (a short form met first) becomes part of ``new`` (its full name)."""
        new.mentions = old.mentions + new.mentions
        new.evidence |= old.evidence
        new.female += old.female
        new.male += old.male
        new.roles |= old.roles
        new.title_words |= old.title_words
        old.mentions = []
        index = self.persons.index(new)
        for i in new.mentions:
            self.mentions[i].person = index

    def _match(self, tokens: list[str]) -> Person | None:
        if len(tokens) == 1:
            # a bare surname shared by several persons (Bill and Hillary Clinton) goes to
            # the one named most so far; a bare first name to the latest who bears it
            same = [p for p in self.persons if p.mentions and tokens[0] == p.tokens[-1]]
            if same:
                return max(reversed(same), key=lambda p: len(p.mentions))
            return next((p for p in reversed(self.persons)
                         if p.mentions and tokens[0] == p.tokens[0]), None)
        for person in reversed(self.persons):
            if not person.mentions:
                continue
            if tokens[-1] == person.tokens[-1] and (
                    len(person.tokens) == 1 or tokens[0] == person.tokens[0]
                    or len(tokens[0]) <= 2 or len(person.tokens[0]) <= 2):
                return person
        return None

    def _evidence(self, mention: Mention, person: Person) -> None:
        title = {_key(w) for w in mention.title.split()}
        if title & _PERSON_TITLE_EVIDENCE:
            person.evidence.add("title")
        if _non_person(mention.name.split()):
            person.evidence.add("non_person")
        before = self.text[max(0, mention.start - 40):mention.start].lower().split()
        after = self.text[mention.end:mention.end + 60].lower()
        if before and before[-1].strip(",") in ROLE_WORDS:
            person.evidence.add("role")
        if _APPOSITION.match(after):
            appositive = set(re.findall(r"[a-z]+", after.split(",")[1] if "," in after[1:]
                                        else after))
            if appositive & ROLE_WORDS or _WHO_OR_AGE.match(after):
                person.evidence.add("role")
        if _SPEAKS.match(self.text, mention.end):
            person.evidence.add("speaker")
        if len(mention.name.split()) == 1 and len(person.tokens) >= 2 and _key(
                mention.name) == person.tokens[-1]:
            person.evidence.add("short_form")
        if (len(person.tokens) == 1 and mention.before_verb and mention.subject
                and person.tokens[0] in census_names()[1]):
            person.evidence.add("acts")  # "Carson defied the question": a surname acting
        if mention.after_preposition:
            person.evidence.add("after_preposition")
        else:
            person.evidence.add("free")
        words = title | {w.strip(",") for w in before[-1:]}
        appositive = _APPOSITIVE_HEAD.match(after)
        if appositive:
            words.add(appositive.group(1))
        person.roles |= {TITLE_ROLES.get(w, w) for w in words} & _ROLES
        person.title_words |= words
        genders, surnames = census_names()
        words_of_name = mention.name.split()
        first = _key(words_of_name[0]) if len(words_of_name) >= 2 else ""
        if len(words_of_name) == 1 and not mention.title and _key(words_of_name[0]) not in (
                surnames):
            first = _key(words_of_name[0])  # "Melanie said": a first name, never a surname
        if genders.get(first) == "f":
            person.female += 2
        elif genders.get(first) == "m":
            person.male += 2
        person.female += 2 * len(words & _FEMALE_NOUNS)
        person.male += 2 * len(words & _MALE_NOUNS)

    def _genders(self) -> None:
        by_sentence: dict[int, set[int]] = {}
        for m in self.mentions:
            if m.person >= 0 and self.persons[m.person].person_like:
                by_sentence.setdefault(m.sentence, set()).add(m.person)
        for index, people in by_sentence.items():
            if len(people) != 1:
                continue
            (only,) = people
            s, e = self.sentences[index]
            mask = self.quote_mask
            for found in _PRONOUNS.finditer(self.text, s, e):
                if found.start() < len(mask) and mask[found.start()]:
                    continue  # "Does she know …?", he asked: a quoted pronoun is another's
                if found.group(1).lower() in {"she", "her", "hers"}:
                    self.persons[only].female += 1
                else:
                    self.persons[only].male += 1

    # ----------------------------------------------------------------- lookups
    def fullest(self, name: str, position: int) -> str:
        """The fullest form of ``name`` among the persons named before ``position``."""
        tokens = [_key(w) for w in name.split() if _key(w) not in _SUFFIXES]
        if not tokens:
            return name
        for m in reversed(self.mentions[:bisect.bisect_right(self._starts, position)]):
            person = self.persons[m.person] if m.person >= 0 else None
            if person is None:
                continue
            if tokens[-1] == person.tokens[-1] or (len(tokens) == 1 and tokens[0]
                                                   == person.tokens[0]):
                return person.name
        return name

    def named_person(self, name: str) -> bool:
        """Whether ``name`` is a person of the article by its evidence: a gender (from a
        title, a role word, a census first name or the article's own pronouns) or a
        title; an organisation (``Ikea``, ``Justice Department``) has neither."""
        tokens = [_key(w) for w in name.split() if _key(w) not in _SUFFIXES]
        if not tokens or _non_person(name.split()):
            return False
        person = self._match(tokens)
        if person is None:
            return len(tokens) >= 2 and tokens[0] in census_names()[0]
        return bool(person.gender) or "title" in person.evidence

    def link_description(self, description: str, position: int) -> str | None:
        """The person a definite description refers to (``the senator`` after ``Sen. Ben
        Sasse``), or None: the most recent person, in the 10 sentences before
        ``position``, whose title or role (``Sen.``, ``spokeswoman Jen Psaki``, ``X, a
        former adviser``) the description's noun names (:meth:`describes`). Only ``the``
        + at most two modifiers + a role noun is linked: ``a senior official`` is nobody in
        particular, and ``the Florida senator`` is linked only to a senator named in a
        sentence that says "Florida"."""
        parsed = _description_at(description.strip(), 0, len(description.strip()),
                                 whole=True)
        if parsed is None:
            return None
        modifiers, head, _end = parsed
        found = self._described(modifiers, head, position)
        return self.persons[found].name if found is not None else None

    def sentence_index(self, position: int) -> int:
        return max(bisect.bisect_right(self._sentence_starts, position) - 1, 0)

    def pronoun_candidates(self, pronoun: str, position: int,
                           speakers: Sequence[tuple[int, str]] = ()
                           ) -> list[tuple[str, dict[str, float]]]:
        """The persons ``pronoun`` at ``position`` may refer to, each with its features.

        A candidate is a person named in the 8 sentences before ``position`` (outside
        quotations), described by its most recent mention. ``speakers`` are the
        ``(position, name)`` of the article's earlier attributed quotations. The features
        are those of :data:`PRONOUN_FEATURES`.
        """
        gender = PRONOUN_GENDER.get(pronoun.lower(), "")
        here = self.sentence_index(position)
        paragraph = self._paragraph_of(position)
        upto = bisect.bisect_left(self._starts, position)
        earlier = [(pos, name) for pos, name in speakers if pos < position and name]
        last_speaker = max(earlier)[1] if earlier else ""
        introducing = self._introducing_sentence(position)
        spoken = {name for _pos, name in earlier}
        candidates: list[tuple[str, dict[str, float]]] = []
        seen: set[int] = set()
        topic_at, topic = self._topics.get(paragraph, (position, -1))
        if topic_at >= position:
            topic = -1  # the paragraph names its topic only after the pronoun
        for m in reversed(self.mentions[:upto]):
            if m.person < 0 or m.person in seen:
                continue
            distance = here - m.sentence
            if distance > 8:
                break
            seen.add(m.person)
            person = self.persons[m.person]
            if not person.is_person:
                continue  # a place or an organisation is never "he" or "she"
            rank = len(candidates)
            person_rank = sum(1 for _n, c in candidates if c["person_like"])
            f = {
                "same_sentence": float(distance == 0),
                "previous_sentence": float(distance == 1),
                "two_back": float(distance == 2),
                "distance": min(distance, 8) / 8,
                "most_recent": float(rank == 0),
                "second_recent": float(rank == 1),
                "subject": float(m.subject and not m.possessive),
                "possessive": float(m.possessive),
                "before_cue": float(bool(_CUE_AFTER.match(self.text, m.end))),
                "gender_match": float(bool(gender) and person.gender == gender),
                "gender_clash": float(bool(gender) and bool(person.gender)
                                      and person.gender != gender),
                "titled": float("title" in person.evidence),
                "role": float("role" in person.evidence),
                "speaker_anywhere": float("speaker" in person.evidence),
                "non_person": float("non_person" in person.evidence),
                "full_name": float(len(person.tokens) >= 2),
                "salience": min(len(person.mentions), 10) / 10,
                "last_speaker": float(person.name == last_speaker),
                "earlier_speaker": float(person.name in spoken),
                "same_paragraph": float(self._paragraph_of(m.start) == paragraph),
                "sentence_start": float(m.start == self.sentences[m.sentence][0]
                                        and not m.possessive),
                "before_verb": float(m.before_verb),
                "after_preposition": float(m.after_preposition),
                "person_like": float(person.person_like),
                "only_after_prepositions": float("free" not in person.evidence),
                "first_person_like": float(person.person_like and person_rank == 0),
                "second_person_like": float(person.person_like and person_rank == 1),
                "recent_speaker": float(person.name == last_speaker and distance <= 1),
                "subject_close": float(m.subject and not m.possessive and distance <= 1),
                "census_first": float(len(person.tokens) >= 2
                                      and person.tokens[0] in census_names()[0]),
                "census_surname": float(person.tokens[-1] in census_names()[1]),
                "paragraph_topic": float(m.person == topic),
                "modifier": float(m.modifier),
                "after_verb": float(m.after_verb),
                "introduces": float(m.sentence == introducing
                                    and bool(_CUE_AFTER.match(self.text, m.end))),
            }
            candidates.append((person.name, f))
        return candidates

    def _introducing_sentence(self, position: int) -> int:
        """The sentence the quotation before ``position`` follows (``Chizhov said on
        Tuesday. "…," he said``): the last sentence outside quotation marks before its
        opening mark; -1 when the pronoun follows no quotation."""
        mask, text = self.quote_mask, self.text
        i = min(position, len(mask)) - 1
        while i > 0 and not mask[i] and text[i] in " ,\"“”\n":
            i -= 1
        if i <= 0 or not mask[i]:
            return -1
        while i > 0 and (mask[i - 1] or text[i - 1] in "\"“"):
            i -= 1
        while i > 0 and text[i - 1].isspace():
            i -= 1
        return self.sentence_index(i - 1) if i > 0 else -1

    def _paragraph_of(self, position: int) -> int:
        """The index of the paragraph (blank-line separated) holding ``position``."""
        return bisect.bisect_right(self._paragraph_starts, position) - 1

    def resolve_pronoun(self, pronoun: str, position: int,
                        speakers: Sequence[tuple[int, str]] = ()) -> tuple[str, float] | None:
        """The person ``he`` or ``she`` at ``position`` refers to, with a confidence.

        Each candidate of :meth:`pronoun_candidates` is scored by a logistic ranker over
        its features (weights in ``helpers/data/pronoun_ranker.json``, fitted on the
        PolNeAR training split; see the README). The best one wins; the confidence is its
        share of the candidates' softmax probabilities.
        """
        if pronoun.lower() not in PRONOUN_GENDER:
            return None
        candidates = self.pronoun_candidates(pronoun, position, speakers)
        if not candidates:
            return None
        weights, intercept = ranker_weights()
        scores = [(intercept + sum(weights.get(k, 0.0) * v for k, v in f.items()), name)
                  for name, f in candidates]
        top, best = max(scores)
        total = sum(math.exp(score - top) for score, _name in scores)
        return best, round(1 / total, 3)


_CUE_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:" + CUE_RE.pattern + ")")
PRONOUN_FEATURES = (
    "same_sentence", "previous_sentence", "two_back", "distance", "most_recent",
    "second_recent", "subject", "possessive", "before_cue", "gender_match", "gender_clash",
    "titled", "role", "speaker_anywhere", "non_person", "full_name", "salience",
    "last_speaker", "earlier_speaker", "same_paragraph", "sentence_start", "before_verb",
    "after_preposition", "person_like", "only_after_prepositions", "first_person_like",
    "second_person_like", "recent_speaker", "subject_close", "census_first", "census_surname",
    "modifier", "after_verb", "paragraph_topic", "introduces")


@lru_cache(maxsize=1)
def ranker_weights() -> tuple[dict[str, float], float]:
    """The pronoun ranker's ``(weights by feature, intercept)``.

    Read from ``helpers/data/pronoun_ranker.json`` (numbers only: the fitted weights over
    :data:`PRONOUN_FEATURES`); without it, hand-set weights that prefer the most recent
    subject of the same gender.
    """
    path = paths.PACKAGE_DATA / "pronoun_ranker.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data["weights"].items()}, float(data["intercept"])
    return ({"most_recent": 1.0, "subject": 1.0, "gender_match": 1.0, "gender_clash": -5.0,
             "same_sentence": 0.5, "non_person": -2.0, "last_speaker": 1.0}, -1.0)
