"""Speaker attribution on sentences written for these tests, one class of error at a time.

Each class is one that the suite made on outside news (issue 16's list): the sentences
have the same form, with invented people, so no corpus text enters the repository.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import quotes
from helpers.attribution import phrase_after_cue, phrase_before_cue
from helpers.cues import CUE_RE, inflections, is_cue
from helpers.mentions import ArticleMentions, census_names, name_runs, split_title
from helpers.sentences import quote_mask, sentence_spans


def speakers(text: str, **kw) -> list[str]:
    """The speaker of each quotation of ``text`` (one article)."""
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}), **kw)
    return table["speaker"].tolist()


def row(text: str, begins: str) -> pd.Series:
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    return table[table["quote"].str.startswith(begins)].iloc[0]


# 1. no speaker at all: a verb outside the old list, or a quote ending its own sentence
@pytest.mark.parametrize(("text", "speaker"), [
    ('"Please vote for the bill," Maria Duval implored.', "Maria Duval"),
    ('"That is not the plan," responded Tom Okafor.', "Tom Okafor"),
    ('"We will see what happens," Dana Whitfield adds.', "Dana Whitfield"),
    ('"Can they win?" Lena Park asked.', "Lena Park"),
    ('"It is over." Omar Reyes said.', "Omar Reyes"),
    ('"Go home," Carl Benz barked at the crowd.', "Carl Benz"),
    ('"We are not done," Irene Wolcott pointed out.', "Irene Wolcott"),
])
def test_a_speaker_is_found_for_every_tense_and_verb(text, speaker):
    assert speakers(text) == [speaker]


def test_the_reporting_verbs_come_in_every_tense():
    assert inflections("say") == ("say", "says", "said", "saying")
    assert inflections("reply") == ("reply", "replies", "replied", "replying")
    assert inflections("agree") == ("agree", "agrees", "agreed", "agreeing")
    assert all(is_cue(w) for w in ("implored", "suggests", "responded", "adds", "quipped",
                                   "pointed out", "fired back"))
    # capitalised names and nouns are no cues: "The Post", "United States"
    assert not CUE_RE.search("The Washington Post and the United States")


def test_a_quote_ending_its_sentence_is_not_given_to_a_later_indirect_clause():
    text = '"We lost." Pat Moreno said that the team would regroup.'
    assert row(text, "We lost")["speaker"] != "Pat Moreno"
    # nor to one after a verb with an object ("told People she had …"); the writer of
    # the quote before it goes on
    text = ('"I am not a model," Alexa Joel wrote. "Neither are millions of other women." '
            'Christie Brinkley told People she had decided at 30 to stop posing.')
    assert row(text, "Neither")["speaker"] == "Alexa Joel"
    assert row('"It is over." Omar Reyes told CNN on Friday.', "It is over")[
        "speaker"] == "Omar Reyes"


# 2. a capitalised pronoun or another word returned as the name
@pytest.mark.parametrize(("text", "begins", "speaker"), [
    ('Vera Lind spoke first. "We are ready," He said.', "We are ready", "Vera Lind"),
    ('On Friday, Hugo Brandt said: "The deal is dead."', "The deal", "Hugo Brandt"),
    ('Asked about the vote, Nina Sorel said: "We will win."', "We will win", "Nina Sorel"),
])
def test_function_words_and_pronouns_are_never_names(text, begins, speaker):
    assert row(text, begins)["speaker"] == speaker


def test_a_first_person_speaker_is_unresolved_not_named_i():
    found = row('"This is a big win for me," I said.', "This is a big win")
    assert found["unresolved"] and found["speaker"] == "" and found["speaker_mention"] == "I"


# 3. a pronoun resolved to the wrong person
def test_a_pronoun_goes_to_the_speaker_introduced_after_the_verb():
    text = ('The senator was not convinced by Governor Mark Ellery. "It will fail," said '
            'Joan Whitaker, a budget analyst. "It will cost too much," she added.')
    assert row(text, "It will cost")["speaker"] == "Joan Whitaker"


def test_a_pronoun_never_goes_to_a_person_of_the_other_gender():
    text = ('Mrs. Ada Brennan met Mr. Luis Ortega on Monday. Mr. Ortega spoke at length. '
            '"The talks went well," she said.')
    assert row(text, "The talks")["speaker"] == "Ada Brennan"


def test_first_names_carry_a_gender():
    genders, surnames = census_names()
    assert genders["mary"] == "f" and genders["john"] == "m"
    assert "smith" in surnames


def test_present_tense_adds_introduces_the_antecedent():
    text = ('"Trade is war," Pavel Greer adds. Across town the mayor was silent. '
            '"We have no choice," he said.')
    assert row(text, "We have no choice")["speaker"] == "Pavel Greer"


# 4. another name in the sentence: a publication, an object or a possessor
@pytest.mark.parametrize(("text", "begins", "speaker"), [
    ('"We are out of money," Ken Adair told The Herald.', "We are out", "Ken Adair"),
    ("Rosa Vidal's spokesman said: \"No comment.\"", "No comment", "Rosa Vidal's spokesman"),
    ('Lia Moss said of Bruno Kent: "He is wrong."', "He is wrong", "Lia Moss"),
    ('Tom Reed, telling the Courier, said: "It is final."', "It is final", "Tom Reed"),
])
def test_the_speaker_is_not_the_object_or_the_possessor(text, begins, speaker):
    assert row(text, begins)["speaker"] == speaker


# 5. a title kept and the name dropped
@pytest.mark.parametrize(("text", "speaker"), [
    ('"We need the votes," said Sen. Ben Carlow (R-Neb.), who leads the panel.', "Ben Carlow"),
    ('"It is a fair deal," Mr. Kelby said.', "Kelby"),
    ('"We are ready," said Air Force 1st Lt. Amy Roan.', "Amy Roan"),
    ('"It is late," said Howard Dean Fulton.', "Howard Dean Fulton"),
])
def test_titles_are_set_apart_from_the_name(text, speaker):
    assert speakers(text) == [speaker]


def test_split_title():
    assert split_title("Air Force 1st Lt. Amy Roan".split()) == (
        ["Air", "Force", "1st", "Lt."], ["Amy", "Roan"])
    assert split_title(["Sen."]) == (["Sen."], [])
    assert split_title("Howard Dean".split()) == ([], ["Howard", "Dean"])


# 6. a fragment of the clause as the speaker
@pytest.mark.parametrize("text", [
    'Abe Lowe leaned into him and said, "We are done here."',
    'Abe Lowe walked in and also said: "We are done here."',
])
def test_no_clause_fragment_is_a_speaker(text):
    assert speakers(text) == ["Abe Lowe"]


# 7. the neighbouring quote's speaker carried over a change of speaker
def test_a_change_of_speaker_is_not_carried_over():
    text = ('"We will vote no," Elena Brooks said.\n\n'
            '"We will vote yes," said Marcus Hale.')
    assert speakers(text) == ["Elena Brooks", "Marcus Hale"]


def test_continuation_stops_where_another_person_takes_the_paragraph():
    text = ('"We are ready," said Ana Ruiz.\n\nLater, Bo Lind spoke to the crowd.\n\n'
            '"Nothing is ready," Lind said.')
    assert speakers(text) == ["Ana Ruiz", "Bo Lind"]


# 8. the object of "of" taken as the name
@pytest.mark.parametrize(("text", "speaker"), [
    ('"The risk is real," said Ira Stone of the Council on Foreign Relations.', "Ira Stone"),
    ('"The risk is real," Ira Stone of the Council on Foreign Relations said.', "Ira Stone"),
    ('"It is close," said Sen. Tina Baldo of Wisconsin.', "Tina Baldo"),
])
def test_the_object_of_of_is_not_the_speaker(text, speaker):
    assert speakers(text) == [speaker]


# 9. the description kept and the appositive name dropped
@pytest.mark.parametrize(("text", "speaker"), [
    ('"We disagree," said a spokeswoman for the campaign, Jennifer R. Palmo.', "Jennifer R. Palmo"),
    ('"We disagree," the campaign\'s press secretary, Joe Kasten, said.', "Joe Kasten"),
    ('"We disagree," campaign manager Jeff Wever said.', "Jeff Wever"),
])
def test_the_appositive_name_wins_over_the_description(text, speaker):
    assert speakers(text) == [speaker]


def test_a_description_without_a_name_stays_a_description():
    found = row('"It was a mistake," a senior Pentagon official said.', "It was")
    assert (found["speaker"], found["sourcing"]) == ("a senior Pentagon official", "anonymous")


# --------------------------------------------------------------- the mention model
def test_names_are_grouped_into_persons_within_an_article():
    text = ('Donald Trump spoke on Monday. "We will win," Trump said. '
            '"Believe me," Mr. Trump added.')
    assert speakers(text) == ["Donald Trump", "Donald Trump"]


def test_speakers_are_grouped_across_articles_without_an_actors_table():
    clean = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        '"We will win," said Donald Trump.',
        '"We will win again," Trump said.',
        '"Never," said Mr. Trump.']})
    table = quotes.extract_quotes(clean)
    assert table["speaker"].tolist() == ["Donald Trump"] * 3
    assert table["speaker_mention"].tolist() == ["Donald Trump", "Trump", "Mr. Trump"]


def test_an_ambiguous_last_name_is_not_grouped():
    clean = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        '"Yes," said Bill Clinton.', '"No," said Hillary Clinton.', '"Maybe," Clinton said.']})
    assert quotes.extract_quotes(clean)["speaker"].tolist() == [
        "Bill Clinton", "Hillary Clinton", "Clinton"]


def test_headlines_and_places_are_no_persons():
    text = "Lynch Closes The Door On Charges\n\nVera Lind flew to Ohio on Monday."
    model = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    people = {p.name for p in model.persons if p.person_like}
    assert people == {"Vera Lind"}


def test_name_runs_keep_accents_and_particles():
    runs = [" ".join(r[3]) for r in name_runs("Marcel Lazăr and Ludwig van Beethoven met.")]
    assert runs == ["Marcel Lazăr", "Ludwig van Beethoven"]


def test_phrase_readers():
    assert phrase_before_cue("Sen. Ben Carlow (R-Neb.)").text.endswith("Ben Carlow")
    assert phrase_before_cue(" he later").kind == "pronoun"
    assert phrase_after_cue(" Monday.") is None
    assert phrase_after_cue(" a Democratic strategist who spoke").text == (
        "a Democratic strategist")


# ------------------------------------------------------------ the columns it adds
def test_every_quote_carries_mention_confidence_and_unresolved():
    text = ('"We are ready," said Ana Ruiz. "They are not," she added.\n\n'
            '"Who knows," they said.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert list(table.columns) == quotes.QUOTE_COLUMNS
    assert table["speaker"].tolist() == ["Ana Ruiz", "Ana Ruiz", ""]
    assert table["person"].tolist() == ["Ana Ruiz", "Ana Ruiz", ""]
    assert table["speaker_mention"].tolist() == ["Ana Ruiz", "she", "they"]
    assert table["unresolved"].tolist() == [False, False, True]
    assert table["mention_kind"].tolist()[:2] == ["name", "pronoun"]
    assert table["confidence"].between(0, 1).all()
    assert table["confidence"].iloc[0] > 0.9 and table["confidence"].iloc[2] == 0


def test_an_unsure_attribution_is_withheld():
    # a quote with no cue after a sentence about someone: right less than half the time
    text = 'Ivo Marsh looked at the numbers.\n\n"It does not add up."'
    sure = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}),
                                 min_confidence=0.0).iloc[0]
    shown = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]})).iloc[0]
    assert sure["speaker"] == "Ivo Marsh" and sure["rule"] == "previous_subject"
    assert sure["confidence"] < quotes.MIN_CONFIDENCE
    assert (shown["speaker"], shown["unresolved"], shown["speaker_mention"]) == (
        "", True, "Ivo Marsh")


def test_the_confidences_are_numbers_measured_on_outside_news():
    table = quotes.confidence_table()
    assert table[("after_verb_np", "name")] > 0.9
    assert table[("previous_subject", "name")] < quotes.MIN_CONFIDENCE


def test_a_full_quote_without_a_reporting_verb_goes_to_the_sentence_subject():
    text = ('Mayor Ines Calder decried the "endless delays that keep families waiting for '
            'years."')
    found = row(text, "endless delays")
    assert (found["speaker"], found["rule"]) == ("Ines Calder", "sentence_subject")
    assert found["confidence"] < row('"It is late," said Ines Calder.', "It is")["confidence"]


def test_a_scare_quote_is_nobody_s():
    found = row('The plan was heading towards the "final draft."', "final draft")
    assert found["speaker"] == "" and found["rule"] == ""


@pytest.mark.parametrize(("text", "begins", "speaker"), [
    ('Diaz spoke at the rally, when protesters interrupted her, shouting "we want change now."',
     "we want change", "protesters"),
    ('Ryan\'s campaign shrugged it off, telling reporters: "We never asked for it."',
     "We never asked", "Ryan's campaign"),
])
def test_a_participle_speaks_for_its_own_clause(text, begins, speaker):
    assert row(text, begins)["speaker"] == speaker


def test_the_senator_is_linked_back_to_the_named_senator():
    text = ('Sen. Ben Carlow spoke to reporters on Monday. Carlow was angry.\n\n'
            '"The bill is dead," the senator said.')
    found = row(text, "The bill is dead")
    assert (found["speaker"], found["person"], found["sourcing"]) == (
        "the senator", "Ben Carlow", "named")


def test_a_description_with_no_one_of_that_role_stays_a_description():
    text = 'Ben Carlow spoke on Monday.\n\n"The bill is dead," the senator said.'
    assert row(text, "The bill is dead")[["speaker", "person"]].tolist() == ["the senator", ""]
    text = 'Sen. Ben Carlow spoke.\n\n"The bill is dead," the Florida senator said.'
    assert row(text, "The bill is dead")["person"] == ""


# forms met after the first round of fixes, on PolNeAR train (sentences invented here)
@pytest.mark.parametrize(("text", "begins", "speaker"), [
    # a parenthetical between the name and its appositive
    ('Officials met on Tuesday.\n\n"They would just go get them," Rep. Jim Ortega (R-Ohio), '
     'a panel member, said in a phone interview.', "They would", "Jim Ortega"),
    # a name inside the appositive ("of Oklahoma") is not the speaker
    ('"We will keep fighting this rule," Scott Bramble, the attorney general of Oklahoma, '
     'one of the states suing the agency, said this month.', "We will", "Scott Bramble"),
    # a title written with its period ("Del." for a delegate)
    ('"This is a sad day," said Del. Stacey Marlow of the Virgin Islands.', "This is",
     "Stacey Marlow"),
    # a surname ending in -ly is no adverb
    ('"She will stand up to them," Kelly said.', "She will", "Kelly"),
    # a surname-like title inside a run names its role only before two name words
    ('"We are not united," German Chancellor Anna Weber said.', "We are", "Anna Weber"),
    # a role title after an organisation: the person after it
    ('"We check claims," FactLab Executive Director Aaron Tolliver said.', "We check",
     "Aaron Tolliver"),
])
def test_appositives_titles_and_roles_keep_the_person(text, begins, speaker):
    assert row(text, begins)["speaker"] == speaker


def test_an_attribution_closing_the_previous_sentence_names_the_next_quote():
    text = ("Aides met on Monday.\n\nThe committee may wait until the talks end, Schiff said. "
            '"They are testing us all the time."')
    got = row(text, "They are testing")
    assert (got["speaker"], got["rule"]) == ("Schiff", "previous_attribution")
    # a cue inside the previous clause is no attribution of the next quote
    text = ("Aides met.\n\nOne thousand supporters snapped his picture, while a delegate "
            'climbed on her chair. "This is fantastic!"')
    assert row(text, "This is fantastic")["rule"] != "previous_attribution"


def test_a_dash_and_a_name_after_a_full_quote_sign_it():
    text = ('Readers wrote to us.\n\n"He represents our greatest shame." — Pamela Ortiz\n\n'
            '"How did we get this low?" ― Julie A. Diaz Marquez, 34, of Texas.')
    assert speakers(text) == ["Pamela Ortiz", "Julie A. Diaz Marquez"]


def test_a_possessive_ends_a_name_run():
    runs = [" ".join(r[3]) for r in name_runs("NBC's Dante Chinelli said Iowa State "
                                              "University's Diane Bystrand agreed")]
    assert "Dante Chinelli" in runs and "Diane Bystrand" in runs


def test_with_and_a_comma_leave_the_participle_to_the_main_subject():
    text = ('Polls closed.\n\nClara Voss celebrated in Miami with supporters, declaring it '
            '"a great night for our campaign."')
    assert row(text, "a great night")["speaker"] == "Clara Voss"


def test_a_quote_ending_its_sentence_keeps_the_frame_before_it():
    text = ('Rallies went on.\n\nAt a news conference, Vera Lind proclaimed, "I did not send '
            'classified mail." Tom Hale said: "That is not true."')
    assert speakers(text) == ["Vera Lind", "Tom Hale"]


def test_a_belief_inside_reported_speech_is_the_speakers():
    text = ('Aides met.\n\nBrian Hollis added that the White House believes "binding ties '
            'will be the best guarantee against aggression."')
    assert row(text, "binding ties")["speaker"] == "Brian Hollis"


def test_a_nationality_before_the_title_leaves_the_gender_of_the_name():
    text = ('"We are in a critical situation," German Chancellor Angela Merkel told '
            'reporters. She said leaders had agreed to a plan.\n\n'
            '"I am not going to follow a script," Italian Prime Minister Marco Rossi said '
            'after the meeting. The summit accomplished "too little," he added on Twitter.')
    assert row(text, "too little")["speaker"] == "Marco Rossi"


@pytest.mark.parametrize(("text", "begins", "speaker"), [
    # an adjective in -ed before the head noun is no verb
    ('"There is no data to suggest that," said one unaligned Florida Republican '
     'strategist. "It is a mess."', "It is a mess", "one unaligned Florida Republican strategist"),
    # an organisation whose name ends in a lead-in word
    ('"The report is fine," Civic Watch added.', "The report", "Civic Watch"),
    # the place after "of" is not the speaker, nor is a name inside an organisation's name
    ('"I do not know where he stands," said undecided voter Stephanie Holt of Derry, N.H., '
     'before the event.', "I do not", "Stephanie Holt"),
    ('"It could have a greater yield," experts Dana Albers and Serena Kell of the Institute '
     'for Science and International Security wrote.', "It could", "Serena Kell"),
    # a name after a preposition belongs to the description that speaks
    ('The scheduling was so odd that a spokesman for Bernard Sandoval could only quip: '
     '"Nobody watches on a Saturday."', "Nobody watches", "a spokesman for Bernard Sandoval"),
    # "after" inside a clause is a preposition, not a new subject
    ('Romero went after Truman on Wednesday over his taxes, calling it "a disqualifying '
     'move" in a speech.', "a disqualifying", "Romero"),
    # a noun form of a reporting verb ("a retort") is no cue
    ('Bush offered a Trump-style retort on the matter, tweeting at him, "Just stop it."',
     "Just stop", "Bush"),
    # a participle opening the sentence is no subject
    ('Appearing before cheering supporters Monday morning at the party headquarters, Aung '
     'Myint, 70, said it was too early but added, "We will win."', "We will win", "Aung Myint"),
])
def test_organisations_descriptions_and_clauses(text, begins, speaker):
    assert row(text, begins)["speaker"] == speaker


@pytest.mark.parametrize(("text", "begins", "speaker"), [
    # a description, then the name in apposition, then where the person works
    ('"It may be spring," said another leading Supreme Court advocate, Andrew J. Pincott of '
     'the law firm Mayer Brown.', "It may be", "Andrew J. Pincott"),
    ('"He was one of us," said his best friend at Lehigh, Bruce Turner, who joined later.',
     "He was one", "Bruce Turner"),
    # a party-and-state tag is not a name; a name with its appositive opens the sentence
    ('Senate Majority Leader Mitch Connell, R-Ky., delivered a blunt message to Tramp: '
     '"Get in line."', "Get in line", "Mitch Connell"),
    ('Washington Post columnist Michael Gershon, a speechwriter in the White House, calls '
     'Cruz "a conviction candidate": "He folds."', "He folds", "Michael Gershon"),
])
def test_appositive_names_and_sentence_subjects(text, begins, speaker):
    assert row(text, begins)["speaker"] == speaker


def test_a_participle_after_a_quote_takes_the_frame_of_that_quote():
    # the words inside the first quote ("by NATO") are nobody's subject
    text = ('Hillary Clinton spoke.\n\nOn the show the day before, she stated, "When I look at '
            'this, an absence of action by NATO would have turned Libya into Syria," adding, '
            '"We did the right thing."')
    assert row(text, "We did the right")["speaker"] == "Hillary Clinton"


def test_an_attribution_set_off_by_commas_names_the_next_quote():
    text = ('Crowds gathered.\n\nThe rally, Sexton said, was a strange zone. "It is like a '
            'collegial gathering."')
    got = row(text, "It is like")
    assert (got["speaker"], got["rule"]) == ("Sexton", "previous_attribution")


# forms met on PolNeAR's training split after the first round, written anew
@pytest.mark.parametrize(("text", "speaker"), [
    # 1. the attribution of a quote ending its sentence runs on with an adjunct
    ('"The vote is coming. Are we ready for it?" Sen. Mara Quill said as she left.',
     "Mara Quill"),
    ('"We won the whole thing," remembered Ross Varley, the former spokesman.', "Ross Varley"),
    ('"I am a moderate who gets things done," Nina Castell cracked.', "Nina Castell"),
    # 5. a title that ends a run names nobody; the name comes after the "and"
    ('"He has done this before," said former Ohio Gov. and National Party Chairman Ed Randall.',
     "Ed Randall"),
    # 9. an appositive whose closing comma the writer left out
    ('Anton Berg, president and chief executive of the Valley Grocers Association stated, '
     '"It is not a political problem; it is a math problem."', "Anton Berg"),
    ('"Voters fear the most this kind of politician," Kate Palmer, who is chairman of the '
     'Principles Fund said in a statement.', "Kate Palmer"),
    # 6. a clause fragment: the subject before "was prompted to say"
    ('The debate was calm. Mr. Dorsey was prompted to say, "So far, I cannot believe how '
     'civil it has been up here."', "Dorsey"),
])
def test_more_forms_of_attribution(text, speaker):
    assert speakers(text) == [speaker]


def test_the_office_before_of_is_a_title_not_part_of_the_name():
    text = ("But the other candidate, former Secretary of State Helen Marsh, drew a contrast. "
            '"I take what he said seriously," she said.')
    assert speakers(text) == ["Helen Marsh"]
    runs = name_runs("former Secretary of State Helen Marsh drew")
    assert runs[-1][3] == ["Helen", "Marsh"]


def test_a_name_that_modifies_a_noun_is_not_the_subject():
    # 3. "the Dorsey release" names the release; the man who speaks is its subject
    text = ("Paul Mannix joined the campaign in March. In the Dorsey release announcing his "
            'role, Mannix described the job as "a series of steps." "My job is to secure the '
            'nomination and that is what we will do," he vowed.')
    assert speakers(text)[-1] == "Paul Mannix"


def test_a_surname_acting_as_a_subject_is_a_person():
    # 3. a bare surname that opens its sentence with a verb is someone, and the paragraph's
    # topic: the "he" of the next quote
    text = ('Marco Ruiz picked Denver. "With an eye to Denver," he said.\n\n'
            'Carlson defied the question. "It will be Denver or Carolina, I predict," he said.')
    assert speakers(text) == ["Marco Ruiz", "Carlson"]


def test_an_all_caps_dateline_is_no_person():
    text = ("MIDWAY ATOLL - Last week, President Obrecht flew here to swim with the seals. "
            '"And they are terrifying," he said.')
    model = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    assert [p.name for p in model.persons if p.is_person] == ["Obrecht"]
    assert speakers(text) == ["Obrecht"]


def test_a_quote_after_a_sentence_in_which_someone_speaks_is_theirs():
    # the words go on from the sentence that reports the person's speech; a sentence in
    # which the person only acts stays the least sure rule, withheld
    spoken = 'Ivo Marsh said on Tuesday that the plan would fail.\n\n"It does not add up."'
    acted = 'Ivo Marsh looked at the numbers.\n\n"It does not add up."'
    first = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [spoken]})).iloc[0]
    second = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [acted]})).iloc[0]
    assert (first["speaker"], first["rule"]) == ("Ivo Marsh", "previous_speech")
    assert first["confidence"] > quotes.confidence_table()[("previous_subject", "name")]
    assert (second["speaker"], second["rule"], second["unresolved"]) == (
        "", "previous_subject", True)


@pytest.mark.parametrize(("text", "speaker"), [
    # an opening phrase that ends in a place is no subject
    ('Speaking at a town hall in Salem, New Hampshire, Ada Kroll went after Bush, calling '
     'him "a total stiff and a loser."', "Ada Kroll"),
    # "Before the convention," is a phrase, not a clause with its own subject
    ('Before the convention, Police Chief Calvin Ward lobbied to suspend open carry, saying, '
     '"The fewer guns, the better."', "Calvin Ward"),
])
def test_an_opening_phrase_is_not_the_subject_of_a_participle(text, speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    # 4. with no mark between them, the name after the verb begins the reported clause:
    # the speaker is the subject before the verb
    ('Rita Kühn won 12 titles. Kühn says Ali "talked the talk and walked the walk."',
     "Rita Kühn"),
    ('Ed Platt says Kasich "has a track record of bringing people together."', "Ed Platt"),
    # with a colon, the name after the verb is the speaker
    ('The senator was asked about it, and said Ann Rowe: "We will not back down from this."',
     "Ann Rowe"),
])
def test_the_name_after_says_without_a_mark_is_not_the_speaker(text, speaker):
    assert speakers(text) == [speaker]


def test_a_source_set_off_by_a_dash_before_a_colon_speaks():
    # a roundup's "HEADLINE - SOURCE: "…"" and "… -More from A and B: "…""; a place after
    # "from" is no source
    assert speakers('Media shares the blame for the poll hype - PollWatch: "Pollsters are '
                    'taking a lot of heat from the public."') == ["PollWatch"]
    assert speakers('Signs of momentum were there all along -More from Ann Blum and Joe '
                    'Kohn: "Data collected by our firm helps confirm it."') == ["Joe Kohn"]
    assert speakers('He came from Ohio: "We will win this state in November."') == [""]


def test_an_open_appositive_keeps_its_and_and_a_verb_after_the_mark_frames_the_quote():
    # 9. "president and CEO of …" is one appositive left open, not two clauses
    assert speakers('Anton Berger, president and CEO of the Valley Grocers Association '
                    'stated, "It is not a political problem; it is a math problem."') == [
        "Anton Berger"]
    # 1. a question mark ends the quote, not the sentence: "asked X" after it is its frame
    assert speakers('Many researchers believe it, and Moscow strongly denies it - "why would '
                    'you not raise the question?" asked Ida Dunne, now a partner at a firm.'
                    ) == ["Ida Dunne"]


def test_a_time_between_the_name_and_the_verb_is_not_part_of_the_name():
    text = ('Reince Prebble spoke to the party. Prebble later Thursday said: "I think this '
            'is going to come together in the end."')
    assert speakers(text) == ["Reince Prebble"]


def test_the_person_of_an_organisation_is_named_not_the_organisation():
    # "ORG's PERSON" names the person; "PERSON's campaign" stays the campaign
    text = ('It is a close race this year. Iowa State University\'s Dina Bystrow agreed. '
            '"It is a very tight race this year in the state."')
    assert speakers(text) == ["Dina Bystrow"]
    assert speakers('"We will win," said Ryan\'s campaign.') == ["Ryan's campaign"]


@pytest.mark.parametrize(("text", "speaker"), [
    # 1. one capitalised word between the closing mark and the verb is a surname, even one
    # that is also a modal or a preposition; a quantifier is nobody
    ('"We will leave the union," May said.', "May"),
    ('"It was a flashpoint in those years," From said.', "From"),
    ('"We will see about that," Some said.', ""),
])
def test_a_lone_surname_after_the_quote_speaks(text, speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    # 1. reporting verbs in every tense: the progressive is the clause's own verb
    ('The race was close. Ada Kroll is telling diners at a cafe that "I need you tomorrow."',
     "Ada Kroll"),
    ('Ben Ortiz was saying "we will not back down from this fight."', "Ben Ortiz"),
    ('Mayor Lena Hart has been warning that the plan is "a disaster for all of us."',
     "Lena Hart"),
    ('Gov. Mike Dunne is calling the order "a blatant abuse of power."', "Mike Dunne"),
    # an adverb between the auxiliary and the verb is not part of the name
    ('Lena Hart has long said that the plan is "a disaster for all of us."', "Lena Hart"),
    # a capitalised Long is a name
    ('Huey Long said "every man a king, and nobody wears a crown."', "Huey Long"),
])
def test_a_reporting_verb_in_a_progressive_or_perfect_tense_frames_the_quote(text, speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize("text", [
    'The plan was being called "a disaster for all of us."',
    'Voters were told "we will not back down from this fight."',
])
def test_a_passive_reporting_verb_names_nobody(text):
    assert speakers(text) == [""]


@pytest.mark.parametrize(("text", "speaker"), [
    ('"We will not back down from this fight," Ada Kroll was telling diners.', "Ada Kroll"),
    ('"We will not back down from this fight," Ben Ortiz has been saying for weeks.',
     "Ben Ortiz"),
    # "is quoted as saying" is passive in form, but names who speaks
    ('"We will not back down from this fight," Ben Ortiz is quoted as saying.', "Ben Ortiz"),
    ('Ben Ortiz used to say "we will not back down from this fight."', "Ben Ortiz"),
])
def test_a_frame_after_the_quote_in_any_tense_names_the_speaker(text, speaker):
    assert speakers(text) == [speaker]


def test_a_passive_frame_after_the_quote_names_nobody():
    assert speakers('"We will not back down from this fight," voters were told.') == [""]


def test_a_place_opening_the_sentence_is_not_its_subject():
    # the place is also the surname of someone the article named before
    text = ('Denzel Washington spoke at the gala. Crowds fled the square. In Washington, '
            'President Ada Kroll released a statement condemning "what appears to be a '
            'horrific attack in Nice."')
    assert speakers(text) == ["Ada Kroll"]


@pytest.mark.parametrize(("text", "speaker"), [
    # 4. after a participle the noun phrase is its object, not the speaker
    ('The two lawmakers argue that "there is precedent for prosecution," citing an instance '
     'in which a clerk was found guilty.', "The two lawmakers"),
    # a noun phrase with a verb of its own is the reported clause's subject
    ('Mr. Ben Ortiz, citing "the unique magic of the candidate," said the mayor could win '
     'the state.', "Ben Ortiz"),
])
def test_a_noun_phrase_after_the_quote_that_is_no_inverted_subject_does_not_speak(text,
                                                                                  speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    # 7. the next quote's own frame, with a particle after its verb, beats the carried-over
    # speaker
    ('Ada Kroll spoke for an hour. "Do we cower down?" Ada Kroll said. "Nooooo!" the crowd '
     'cried out, booing.', "the crowd"),
    ('Ada Kroll spoke for an hour. "Who will pay for it?" Ada Kroll said. "Mexico!" the '
     'audience screamed back.', "the audience"),
])
def test_a_reporting_verb_with_a_particle_frames_the_next_quote(text, speaker):
    assert speakers(text)[-1] == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # a described source after "As", "even" or a rough number still speaks
    ('As one employee told the local weekly, "She wants to put fear in our hearts."',
     "one employee"),
    ('Even a top party strategist said the mayor must choose, saying, "At some point, she '
     'is going to have to decide."', "a top party strategist"),
])
def test_a_description_after_an_opening_word_is_the_speaker(text, speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    # a party and state set off by commas is no name: the name before it speaks
    ('"Nobody will criticise the effort," Sen. Ada Kroll, R-South Carolina, told reporters.',
     "Ada Kroll"),
    ('"I think so," Rep. Tomas Brandt, D-Mass., said on Monday.', "Tomas Brandt"),
])
def test_a_party_tag_after_the_name_is_not_the_speaker(text, speaker):
    assert speakers(text) == [speaker]


def test_an_organisation_is_no_person_for_he_or_she():
    text = ('The United Nations said on Friday that the plan had failed. UN envoy Tomas '
            'Brandt said the council was told. "No such steps have been taken," he said.')
    assert speakers(text) == ["Tomas Brandt"]


@pytest.mark.parametrize(("text", "speaker"), [
    # "it" speaks for the organisation or document that is the subject before it
    ('The Veldland Foreign Ministry claimed the West was meddling. "The goal is obvious," '
     'it stated.', "Veldland Foreign Ministry"),
    ('Ostrava\'s foreign ministry "strongly condemns the attack. It could have hurt the '
     'public", it said in a statement.', "Ostrava's foreign ministry"),
    ('The firm said its staff were fine. "We care," it added. "More will follow," it said.',
     "The firm"),
])
def test_it_speaks_for_the_organisation_named_before(text, speaker):
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    last = table.iloc[-1]
    assert last["speaker"] == speaker
    assert last["speaker_mention"] == "it"
    assert last["mention_kind"] == "pronoun_it"  # a kind of its own: "it" for an organisation
    assert last["confidence"] < quotes.LOW_CONFIDENCE + 0.05


@pytest.mark.parametrize("text", [
    # a person as the subject before it, or "it" in a subordinate clause: no one
    'Ada Kroll spoke on Monday. "We will win this race," it said.',
    'Kroll said the charge made when it criticised the minister was "disgusting".',
])
def test_it_names_nobody_without_an_organisation_that_speaks(text):
    last = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]})).iloc[-1]
    assert last["speaker_mention"] == "it"
    assert last["unresolved"] and last["speaker"] == ""


def test_it_that_does_not_speak_leaves_the_frame_to_the_speaker():
    text = 'The dam is damaged. Ada Kroll warned that if it collapses, "there will be floods".'
    assert speakers(text) == ["Ada Kroll"]


@pytest.mark.parametrize("title", [
    "The Late Night Hour With Sam Ortega", "Make Veldland Great Again",
    "American Skin (41 Shots)", "Justice Against Sponsors of Terrorism Act",
    "Sharknado 3", "Lessons of the Northern Campaign",
])
def test_a_title_in_quote_marks_is_not_a_quotation(title):
    from helpers.quote_rules import is_title

    assert is_title(title)
    text = (f'Mayor Ruth Calder appeared on "{title}" on Tuesday. "We will fix the roads '
            f'this year," Calder said.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert table["quote"].tolist() == ["We will fix the roads this year"]
    assert table["speaker"].tolist() == ["Ruth Calder"]
    assert table["quote_id"].tolist() == ["x#q01"]  # numbered over the quotations only


@pytest.mark.parametrize("quote", [
    "Physically Assaulting A Reporter Is A Fireable Offense.",  # a headline-case sentence
    "We Can Do It",                                        # it opens with a pronoun
    "LOCK HER UP",                                         # shouted, not a title
    "the Late Night Hour with Sam Ortega",                 # not in title case
    "Washington",                                          # one word: a name, not a title
    "Absolutely not. We Refuse",                           # two sentences
])
def test_speech_in_capitals_stays_a_quotation(quote):
    from helpers.quote_rules import is_title

    assert not is_title(quote)


@pytest.mark.parametrize(("text", "speaker"), [
    # an Arabic name with a lower-case particle: the short form speaks, the full name is kept
    ('Karim Yusuf al-Haddad, the envoy, met the council. "We ask for direct talks," '
     'al-Haddad said.', "Karim Yusuf al-Haddad"),
    ('"The decision is final," said Samir el-Masri, the governor.', "Samir el-Masri"),
    ('Foreign Minister Layla bin Tariq arrived. "We are ready," bin Tariq told reporters.',
     "Layla bin Tariq"),
])
def test_a_name_with_a_lower_case_particle_is_one_name(text, speaker):
    assert speakers(text) == [speaker]


def test_a_news_agency_is_no_person_for_he():
    # "Al Jazeera's Neave Barker, reporting from …, said": the outlet is never "he"
    text = ('Officials met in Brussels on Thursday. Al Jazeera\'s Neave Barker, reporting '
            'from Brussels, said the gathering was a chance for members to talk. "It was '
            'also a chance to find out a little more," he said.')
    assert speakers(text) == ["Neave Barker"]


def test_according_to_inside_the_quotation_is_the_speakers_words():
    # the "according to" is part of what Lotter says; the quote continues his speech
    text = ('"Pence kept two accounts," said Marc Lotter, his spokesman. "Emails are being '
            'archived according to the Public Records Act." The emails were released.')
    assert speakers(text) == ["Marc Lotter", "Marc Lotter"]


def test_a_description_opening_the_sentence_is_its_subject_not_its_appositive():
    # "The mayor, a Democrat, said": the mayor speaks; "a Democrat" describes him
    assert speakers('The mayor, a Democrat, said: "Enough."') == ["The mayor"]
    # but a name in apposition names it, and a phrase opening with "Since" is no subject
    assert speakers('One of the associates, former campaign manager Paul Manafort, called '
                    'the allegations "ridiculous and false."') == ["Paul Manafort"]
    assert speakers('Since the annexation of Crimea, Trump has praised Putin, even calling '
                    'the aggression "smart".') == ["Trump"]


@pytest.mark.parametrize("text", [
    # a party or a nationality ends no person's name, so it is never "he"
    'The mayor, a Democrat, said the vote was close. "Enough," he said.',
    'Renowned Russian explorers landed on Thursday. "The record was beaten," he said.',
])
def test_an_affiliation_is_no_person_for_he(text):
    assert speakers(text) == [""]


@pytest.mark.parametrize(("text", "speaker"), [
    # an organisation or a place runs into the name after "to the"/"of": the person speaks
    ('Russia\'s Permanent Representative to the European Union Vladimir Chizhov said the '
     'bloc was divided. "There is a mood of panic," Chizhov said.', "Vladimir Chizhov"),
    ('"We will stay," Ambassador to Syria Alexander Kinshchak told reporters.',
     "Alexander Kinshchak"),
    # but a first name that is also a word of the list ("bill") starts the name
    ('"It was an intentional act," said Mayor Bill de Blasio.', "Bill de Blasio"),
])
def test_an_organisation_before_a_name_is_not_part_of_it(text, speaker):
    assert speakers(text) == [speaker]


def test_he_after_a_quote_goes_to_who_introduced_it_even_with_a_foreign_first_name():
    # "Vladimir" is not in the US census lists, "Donald" is: the ranker, trained with
    # gender evidence dropped at random, follows the sentence that introduced the quote
    text = ('The European Union is in panic after Donald Trump took office, Russia\'s envoy '
            'to the EU Vladimir Chizhov said on Tuesday. "There is a mood of panic. Most '
            'members staked on Clinton," he said.')
    assert speakers(text) == ["Vladimir Chizhov"]


def test_the_ranker_never_reads_its_own_earlier_answers():
    previous = [{"position": 10, "speaker": "Ada Kroll", "sourcing": "named",
                 "mention_kind": "name"},
                {"position": 50, "speaker": "Tom Reyes", "sourcing": "named",
                 "mention_kind": "pronoun"},
                {"position": 90, "speaker": "a source", "sourcing": "anonymous",
                 "mention_kind": "description"}]
    assert quotes.named_speakers(previous) == [(10, "Ada Kroll")]


def test_gender_evidence_is_dropped_at_random_whatever_the_label():
    from helpers.tools.train_attribution import GENDER_FEATURES, without_gender

    data = pd.DataFrame({"label": [True, False] * 500, "gender_match": 1.0,
                         "gender_clash": 0.0, "census_first": 1.0, "census_surname": 1.0,
                         "distance": 0.5})
    out = without_gender(data, 0.5, seed=0)
    dropped = out["gender_match"].eq(0)
    assert 0.4 < dropped.mean() < 0.6
    assert abs(dropped[data["label"]].mean() - dropped[~data["label"]].mean()) < 0.1
    assert (out.loc[dropped, list(GENDER_FEATURES)] == 0).all().all()
    assert out["distance"].eq(0.5).all() and data["gender_match"].eq(1.0).all()
    assert out.equals(without_gender(data, 0.5, seed=0))  # the same draw every run


def test_the_office_before_an_organisation_is_the_persons_role():
    # "Ambassador to the Republic of Cyprus Stanislav Osadchy": "the ambassador" is him
    text = ('Russian Ambassador to the Republic of Cyprus Stanislav Osadchy spoke to TASS. '
            '"The talks are ending," the ambassador said.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert table["speaker"].tolist() == ["the ambassador"]  # the words, as written
    assert table["person"].tolist() == ["Stanislav Osadchy"]  # the person they stand for


# 10. descriptions as antecedents, subjects of the sentence, and names that are also words
def test_a_pronoun_after_a_description_goes_to_the_person_it_describes():
    # "The mayor, a Democrat, said …": the mayor is the sentence's subject, not the
    # governor named inside what he said
    text = ('Mayor Walt Brennick will keep the statue, his office said. The mayor, a '
            'Democrat, said the storm surrounding Governor Tom Reese makes it urgent. '
            '"It is inspiring everyone," he said.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert table["speaker"].tolist() == ["Walt Brennick"]


def test_a_description_with_a_modifier_is_linked_when_the_article_supports_it():
    text = ('Russian Ambassador to Chile Pavel Orlov spoke on Monday. "Trade will grow," '
            'the Russian diplomat noted. "We are close," the top diplomat added.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert table["speaker"].tolist() == ["the Russian diplomat", "the top diplomat"]
    assert table["person"].tolist() == ["Pavel Orlov", "Pavel Orlov"]
    # a nationality the article never gave him is another diplomat
    other = ('Russian Ambassador to Chile Pavel Orlov spoke on Monday. "Trade will grow," '
             'the French diplomat noted.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [other]}))
    assert table["person"].tolist() == [""]


def test_a_name_opening_a_subordinate_clause_is_no_subject():
    text = ('Workers walked out after Carl Ostrander took over the plant, Governor Tom '
            'Reese said on Tuesday. "It is a disgrace," he said.')
    table = quotes.extract_quotes(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert table["speaker"].tolist() == ["Tom Reese"]


@pytest.mark.parametrize("name", ["Bill Hartigan", "Nora May", "Ellen Hall"])
def test_a_given_name_or_surname_that_is_also_a_word_is_a_person(name):
    text = f'{name} spoke to the crowd in the square. "We will not move," {name} said.'
    mentions = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    assert mentions.named_person(name)
    (person,) = [p for p in mentions.persons if p.name == name]
    assert person.person_like and "non_person" not in person.evidence


@pytest.mark.parametrize("name", ["Bill of Rights", "Permanent Representative",
                                  "Foreign Minister"])
def test_a_law_or_an_office_is_no_person(name):
    assert not ArticleMentions("", [], []).named_person(name)


def test_a_quoted_pronoun_is_no_evidence_of_the_speakers_gender():
    # "Does she know …?" is about someone else: Sam Kerrigan stays a man here
    text = ('Sam Kerrigan asked the crowd: "Does she know what she is doing? Does she '
            'care?" The crowd cheered. "He is right," he said.')
    mentions = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    (person,) = [p for p in mentions.persons if p.name == "Sam Kerrigan"]
    assert person.female == 0


def test_a_candidates_gender_dropout_does_not_hang_on_the_other_candidates():
    # the draw is a hash of the candidate's own key: removing one candidate, or adding
    # another article, leaves every other candidate's draw as it was
    from helpers.tools.train_attribution import without_gender

    data = pd.DataFrame({"key": [f"doc{i // 5}|{i}|Name {i}" for i in range(400)],
                         "label": [i % 5 == 0 for i in range(400)], "gender_match": 1.0,
                         "gender_clash": 0.0, "census_first": 1.0, "census_surname": 1.0})
    full = without_gender(data, 0.5, seed=3)
    part = without_gender(data.drop(index=[0, 7, 150]), 0.5, seed=3)
    assert full.drop(index=[0, 7, 150]).equals(part)
    assert 0.4 < full["gender_match"].eq(0).mean() < 0.6
    assert not full.equals(without_gender(data, 0.5, seed=4))  # another seed, another draw


def test_a_quote_before_a_sentence_that_frames_its_own_quote_keeps_its_speaker():
    # "…." X said, "…": the comma after the verb opens X's own quote
    text = ('Hooker said in a statement, "Our hope goes out to the families." "We hope for '
            'the safety of the crews." Lt. Jason Holstead, the duty officer, said, "Our '
            'hearts go out to them."')
    assert speakers(text) == ["Hooker", "Hooker", "Jason Holstead"]
    # but a frame that closes its own sentence first is still the quote's
    text = ('"Why did he not pay?" a narrator in the ad asks. The spot ends with footage '
            'of the debate, "That makes me smart," Tom Reese said.')
    assert speakers(text)[0] == "a narrator in the ad"


def test_a_name_before_an_appositive_without_its_comma_is_the_speaker():
    text = ('"We look forward to justice being served," said Mary Alice Carter a '
            'spokeswoman for Planned Parenthood.')
    assert speakers(text) == ["Mary Alice Carter"]


def test_a_participle_opening_a_sentence_is_no_name():
    text = ('Berlin Mayor Klaus Wendt met the minister. Focusing on trade, the Berlin mayor '
            'said sanctions harm both sides. "The number of tourists is growing," he said.')
    mentions = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    assert "Focusing" not in [p.name for p in mentions.persons]
    assert speakers(text) == ["Klaus Wendt"]


def test_a_share_bar_is_no_person():
    text = ('Send Facebook Twitter Whatsapp Tumblr Newsvine Permalink. The singer retired in '
            '2016. "I am not afraid of dying," she had said.')
    mentions = ArticleMentions(text, sentence_spans(text), quote_mask(text))
    assert not any(p.person_like for p in mentions.persons)
