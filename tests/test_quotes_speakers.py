"""Who said it, in frames where the subject of the nearest verb is not the speaker: the writer's
own "I said", a document that someone released, a signature line under a quote, and a pronoun
inside another person's description.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from test_quotes import extract, find  # noqa: F401  (extract is a fixture)


def speaker_of(extract, text: str, words: str):
    """The speaker of the quote of `text` that holds `words`."""
    return find(extract(text)[0], words).speaker


def test_the_writers_own_i_said_is_the_writer(extract):
    text = ("The hall was cold and half empty when I stood up to speak. “This town deserves a "
            "better library than the one it has,” I said.")
    sp = speaker_of(extract, text, "better library")
    assert (sp.text, sp.name, sp.kind) == ("I", None, "person")


def test_i_inside_a_quotation_is_still_nobody_the_article_names(extract):
    text = "“I said we would rebuild the pier, and we will,” Mayor Ruth Adebayo told reporters."
    sp = speaker_of(extract, text, "rebuild the pier")
    assert sp.name == "Ruth Adebayo"


@pytest.mark.parametrize("text, words, name", [
    pytest.param("Senator Ann Keller released a statement saying the plan would “put every "
                 "harbour job at risk.”", "harbour job", "Ann Keller",
                 id="a statement someone released"),
    pytest.param("Governor Paul Ortiz sent out a press release on Monday saying the budget "
                 "“protects every school in the state.”", "protects every school", "Paul Ortiz",
                 id="a press release someone sent"),
    pytest.param("Mayor Ruth Adebayo sent an email to supporters on Friday stating that the ferry "
                 "“will run again before the summer is out.”", "summer is out", "Ruth Adebayo",
                 id="an email to supporters someone sent"),
])
def test_a_document_someone_released_speaks_for_its_author(extract, text, words, name):
    sp = speaker_of(extract, text, words)
    assert sp.name == name


def test_a_document_that_is_the_subject_still_speaks_for_itself(extract):
    text = "The report says the bridge “cannot carry heavy lorries for another ten years.”"
    sp = speaker_of(extract, text, "heavy lorries")
    assert sp.text == "The report"


def test_a_signature_line_under_a_quote_names_its_speaker(extract):
    text = ("The claims, checked one by one:\n\n“Our state has the lowest unemployment rate in "
            "the whole region.”\n\n- Governor Paul Ortiz.\n\nThe figure is two years old, and "
            "the region has changed since then.")
    sp = speaker_of(extract, text, "lowest unemployment")
    assert (sp.text, sp.name) == ("Governor Paul Ortiz", "Paul Ortiz")


def test_a_pronoun_in_another_persons_description_is_no_evidence_of_gender(extract):
    # "her" in Tomas Vidar's own appositive is Ruth Adebayo's; it must not make him a woman
    text = ("Ruth Adebayo chaired the meeting on Monday. Tomas Vidar, her deputy at the port "
            "office, presented the plan. “We can finish the pier by June,” he said.")
    sp = speaker_of(extract, text, "finish the pier")
    assert (sp.text, sp.name) == ("he", "Tomas Vidar")


@pytest.mark.parametrize("text, words, name", [
    pytest.param("Town Attorney Olu Bensen said in his letter that the advertisement “falsely "
                 "and deliberately” suggests that the pilots back the ferry plan.",
                 "falsely and deliberately", "Olu Bensen",
                 id="a thing that suggests, in a clause someone reports"),
    pytest.param("Councillor Ann Keller spoke for an hour on Tuesday. She characterized the "
                 "budget chief, Paul Ortiz, as “careless with every penny the town has.”",
                 "careless with every penny", "Ann Keller",
                 id="someone characterized as"),
])
def test_the_speaker_is_not_the_nearest_subject_or_name(extract, text, words, name):
    sp = speaker_of(extract, text, words)
    assert sp.name == name


def test_a_name_right_before_a_speaking_participle_is_its_speaker():
    """"The ad uses footage of Ruth Adebayo asking, “…”" with "asking" parsed as a complement of
    "uses", as the model sometimes parses it: the speaker is the name "asking" follows, not the
    subject of "uses"."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from etl.extract.quotes.cues import source_of
    words = ["The", "ad", "uses", "footage", "of", "Ruth", "Adebayo", "asking", ",", "“", "Why",
             "?", "”"]
    heads = [1, 2, 2, 2, 3, 6, 4, 2, 7, 7, 7, 7, 2]
    deps = ["det", "nsubj", "ROOT", "dobj", "prep", "compound", "pobj", "xcomp", "punct",
            "punct", "ccomp", "punct", "punct"]
    pos = ["DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PROPN", "VERB", "PUNCT", "PUNCT",
           "ADV", "PUNCT", "PUNCT"]
    tags = ["DT", "NN", "VBZ", "NN", "IN", "NNP", "NNP", "VBG", ",", "``", "WRB", ".", "''"]
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON"] + ["O"] * 6
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents,
              lemmas=[w.lower() for w in words[:7]] + ["ask"] + words[8:])
    assert source_of(doc[7], []).text == "Adebayo"
    assert source_of(doc[2], []).text == "ad"          # "uses" itself keeps its subject


def test_the_owner_of_the_speaker_is_not_the_speaker(extract):
    text = ("Paul Ortiz ran the port for ten years. Ortiz’s former deputy said the accounts "
            "were “a mess from the first day.”")
    sp = speaker_of(extract, text, "a mess from")
    assert sp.name != "Paul Ortiz"
    assert sp.text == "Ortiz’s former deputy"


def test_a_name_describing_another_thing_in_the_subject_is_not_the_speaker(extract):
    text = ("The trust spending more than $90 million on a 12-mile Harbour Rapid Transit line in "
            "North Vale said it wanted “answers about how the corridor will work.”")
    sp = speaker_of(extract, text, "corridor will work")
    assert sp.kind == "other" and sp.name is None


def test_a_definite_description_stands_for_the_person_given_that_title(extract):
    text = ("Sen. Ann Keller of Ohio said on Monday that the vote would be close. Rep. Tomas "
            "Vidar, R-Maine, urged the governor to act.\n\nLater, the Ohio senator urged her "
            "colleagues to reject the bill. The Maine congressman said the plan was meant to “buy "
            "time before the vote.”")
    quotes, people, _ = extract(text)
    q = find(quotes, "reject the bill")
    assert (q.speaker.text, q.speaker.name) == ("the Ohio senator", "Ann Keller")
    assert people[q.speaker.entity].name == "Ann Keller"
    q = find(quotes, "buy time")
    assert (q.speaker.text, q.speaker.name) == ("The Maine congressman", "Tomas Vidar")


def test_a_description_nobody_was_given_stays_a_description(extract):
    text = ("Sen. Ann Keller said on Monday that the vote would be close. The mayor said the plan "
            "was meant to “buy time before the vote.”")
    sp = speaker_of(extract, text, "buy time")
    assert (sp.text, sp.name) == ("The mayor", None)


@pytest.mark.parametrize("text", [
    pytest.param("Sen. Ann Keller of Ohio said on Monday that the vote would be close. The Texas "
                 "senator said the plan was meant to “buy time before the vote.”",
                 id="a senator of another state"),
    pytest.param("President Paul Ortiz opened the session on Monday. The vice president said the "
                 "plan was meant to “buy time before the vote.”", id="the vice president"),
    pytest.param("Sen. Ann Keller spoke first. Tomas Vidar and Ruth Adebayo followed her. Then "
                 "the senator said the plan was meant to “buy time before the vote.”",
                 id="two other people named since"),
])
def test_a_description_that_may_be_someone_else_stays_a_description(extract, text):
    sp = speaker_of(extract, text, "buy time")
    assert sp.name is None


def test_a_description_of_the_other_gender_is_someone_else(extract):
    text = ("Rep. Ann Keller spoke first; she said the vote would be close. The congressman from "
            "the coast said the plan was meant to “buy time before the vote.”")
    sp = speaker_of(extract, text, "buy time")
    assert sp.name is None


@pytest.mark.parametrize("text, words, speaker", [
    pytest.param("A group representing farmers endorsed Paul Ortiz for senator on Friday, "
                 "another example of rural voters lining up behind the nominee.",
                 "Paul Ortiz for senator", "A group", id="an apposition after the clause"),
    pytest.param("An appeals panel in 2019 found that the port had broken its lease.",
                 "broken its lease", "An appeals panel", id="when is not who"),
])
def test_the_speakers_phrase_is_only_the_subject(extract, text, words, speaker):
    sp = speaker_of(extract, text, words)
    assert sp.text == speaker


def test_a_signature_after_a_quote_holding_a_quote_names_its_speaker(extract):
    text = ("Readers wrote in.\n\n“We can build a fence around the lake.” ― Tom Reyes.\n\n"
            "“As a nurse I’d rather work in what he calls “chaos” than sit at home.” ― Ana Ruiz")
    q = find(extract(text)[0], "what he calls")
    assert q.text.startswith("As a nurse") and q.speaker.name == "Ana Ruiz"


def test_a_description_stands_for_the_person_given_that_title_after_the_name(extract):
    text = ("Maria Lopez, a lawyer for the family, spoke to reporters on Monday. The lawyer "
            "said the footage was “clear enough for any jury.”")
    quotes, people, _ = extract(text)
    q = find(quotes, "any jury")
    assert (q.speaker.text, q.speaker.name) == ("The lawyer", "Maria Lopez")


def test_a_pronoun_near_a_name_does_not_overrule_a_given_names_gender(extract):
    # the "he" in Louise Keller's sentence is Paul Ortiz's; it must not make her a man
    text = ("Paul Ortiz built the firm over thirty years. “Anybody who crosses him pays for it,” "
            "said Louise Keller, who worked with him as he rebuilt the company. Later he told "
            "reporters that the critics were “simply jealous of the firm.”")
    sp = speaker_of(extract, text, "simply jealous")
    assert sp.name == "Paul Ortiz"


def test_a_fronted_phrase_set_off_by_a_comma_is_not_the_speaker(extract):
    text = ("In an interview with radio hosts Tom Reed and Ann Keller, the senator said the plan "
            "was “dead on arrival.”")
    sp = speaker_of(extract, text, "dead on arrival")
    assert (sp.text, sp.name) == ("the senator", None)
    # parsed with the subject as an apposition to the last host
    text = ("In an interview with Evening Star editors Tom Reed and Ann Keller, the Republican "
            "gubernatorial candidate said that the ads were “false.”")
    sp = speaker_of(extract, text, "false")
    assert (sp.text, sp.name) == ("the Republican gubernatorial candidate", None)


def test_of_two_subjects_the_one_nearest_the_verb_speaks(extract):
    text = ("Holding banners calling Ortiz “the Harbour Wrecker,” the dockers shouted “Ortiz out, "
            "ferries back!”")
    sp = speaker_of(extract, text, "ferries back")
    assert sp.text == "the dockers"


def test_a_name_and_a_colon_before_the_quote_label_it(extract):
    text = "Economists warn - Tom Reed: “Rates will fall before the summer, and then quickly.”"
    sp = speaker_of(extract, text, "Rates will fall")
    assert sp.name == "Tom Reed"
    # a name the sentence writes about is no label
    sp = speaker_of(extract, "Maria Lopez wrote of Ann Keller: “She is the best mayor we ever had.”",
                    "best mayor")
    assert sp.name == "Maria Lopez"


def test_a_relative_clause_inside_the_speakers_phrase_is_not_the_speaker(extract):
    text = ('"It will not pass," said one official familiar with the budget, who added that the '
            'Harbour Board looked "alarmed" by the cost.')
    quotes = extract(text)[0]
    q = find(quotes, "will not pass")
    assert (q.speaker.text, q.speaker.name, q.speaker.kind) == \
        ("one official familiar with the budget", None, "other")
    # "who" is the official, not the budget
    q = find(quotes, "alarmed")
    assert (q.speaker.text, q.speaker.name, q.speaker.kind) == ("who", None, "other")


@pytest.mark.parametrize("text, words, name", [
    pytest.param("On Tuesday, Mayor Ruth Adebayo took questions about Governor Paul Ortiz for an "
                 "hour before saying, “The ferry timetable will not change this year.”",
                 "ferry timetable", "Ruth Adebayo", id="before saying"),
    pytest.param("Senator Ann Keller sent a short reply to Governor Paul Ortiz: “The port budget "
                 "is not yours to cut.”", "port budget", "Ann Keller",
                 id="a sentence that leads into the quote with a colon"),
    pytest.param("Another reader, Tom Reed, wrote of Ms. Keller: “Her council has raised the "
                 "parking fees three times.”", "parking fees", "Tom Reed",
                 id="a name after a title and before a colon is whom it is about"),
    pytest.param("Speaking to the Kelston Herald, Tom Reed insisted it was “too early” to close "
                 "the library while adding on the budget, “I know the council has little money "
                 "this year.”", "little money", "Tom Reed",
                 id="the clause climbed into has only an empty it"),
    pytest.param("Mr. Okafor, whose latest start-up, Mapwise, uses satellite data, said Mr. Reed "
                 "was a candidate very much in the spirit of the port: “He listens first and "
                 "decides later. He knows every berth.”", "listens first", "Okafor",
                 id="a subject the parse put in a clause before the verb"),
    pytest.param("In June, Tom Reed sent Ann Keller a card, calling her “Annie” and telling her, "
                 "“Nobody in this town has worked harder than you!” She replied to him that it "
                 "was a “kind note from an old friend.”", "worked harder", "Tom Reed",
                 id="a verb after the quote that reports its own clause"),
    pytest.param("Asked about the harbour, Ann Keller said she and Tom Reed had agreed on the "
                 "dredging plan. “We expect the first ships to dock there in the spring.”",
                 "first ships", "Ann Keller", id="a quote after the sentence that reports speech"),
    pytest.param("A campaign letter sent out by Ann Keller on Friday warned of a close race: "
                 "“Every vote in the east ward will count this time.”", "east ward",
                 "Ann Keller", id="a document by its author"),
    pytest.param("“The contract was signed after the deadline,” according to a court filing "
                 "submitted by prosecutor Tom Reed.", "after the deadline", "Tom Reed",
                 id="according to a document by its author"),
    pytest.param("Ann Keller said the ferry plan was sound. She said that engineers had approved "
                 "it, to which Tom Reed interjected: “That is simply not true at all.”",
                 "simply not true", "Tom Reed", id="interjected"),
    pytest.param("When Tom Reed accused Ann Keller of being too close to the banks, she said “I "
                 "stood up to the banks every single time.” Reed shot back, “The senator called "
                 "them out. They must have been crushed.”", "must have been crushed", "Tom Reed",
                 id="shot back"),
    pytest.param("Tom Reed had a sober view of the budget.\n\nHe anticipated that one of the "
                 "hardest tasks for a Mayor Keller would be “paying for the bridges that the "
                 "council is going to leave behind.”", "paying for the bridges", "Tom Reed",
                 id="a verb of thought and its that clause"),
    pytest.param("Tom Reed lost the vote in the east ward on Tuesday.\n\nReed credited Ann "
                 "Keller's victory to “a closed vote, something I never liked, where newcomers "
                 "cannot take part.”", "closed vote", "Tom Reed",
                 id="a fragment is the words of the subject whose verb holds it"),
])
def test_the_speaker_through_the_frame_around_the_quote(extract, text, words, name):
    assert speaker_of(extract, text, words).name == name


def test_a_reporting_verb_after_the_outlet_names_the_outlet(extract):
    sp = speaker_of(extract, "“Drivers should leave their cars at home,” opined the Kelston "
                             "Herald.", "leave their cars")
    assert sp.text == "the Kelston Herald"



def test_a_document_someone_puts_out_speaks_for_them(extract):
    text = ("Senator Ruth Ellery is releasing a new 30-second ad that urges voters in the valley "
            "to “send a message” to the banks that closed their branches.")
    sp = speaker_of(extract, text, "send a message")
    assert (sp.name, sp.kind) == ("Ruth Ellery", "person")


def test_a_person_described_by_age_is_the_speaker_of_her_question(extract):
    sp = speaker_of(extract, "“What if the mayor had taken lessons in speaking?” the 43-year-old "
                             "asked in the video's description.", "lessons in speaking")
    assert sp.text == "the 43-year-old"


def test_the_speakers_phrase_ends_before_a_verb_parsed_as_an_apposition(extract):
    text = ("Jane Morrow, the state's treasurer, repeated claims that Paul Dent wastes money, "
            "calling him a “reckless spender with no plan.”")
    sp = speaker_of(extract, text, "reckless spender")
    assert (sp.name, sp.text) == ("Jane Morrow", "Jane Morrow, the state's treasurer")


@pytest.mark.parametrize("context", [
    pytest.param("Roy Mendel said the board had agreed.", id="a common given name"),
    pytest.param("Tiago Mendel, a spokesman, said the board had agreed.",
                 id="what the article calls him"),
    pytest.param("Keyworth was so fired up about the deal that he said she should call the "
                 "buyer at once.", id="only the first pronoun after a name"),
])
def test_a_pronoun_goes_to_the_person_whose_gender_agrees(extract, context):
    # nothing but the sentence in `context` says the man named last is a man
    text = ("Carla Fenwick ran the company for six years. “We will win this fight,” Fenwick "
            f"told the board. {context}\n\n“It has happened at last,” she said.")
    sp = speaker_of(extract, text, "happened at last")
    assert sp.name == "Carla Fenwick"


def test_a_surname_two_people_share_is_a_person_not_a_place(extract):
    # the model takes "Marbury" alone for a place; it is the surname of two people here
    text = ("Carla Marbury ran the company for six years. Her husband, Frank Marbury, stayed out "
            "of it. Marbury said the merger was the best choice. In May, Marbury ended the "
            "meeting on a note of conquest.")
    _, people, organisations = extract(text)
    assert sorted(p.name for p in people) == ["Carla Marbury", "Frank Marbury", "Marbury"]
    assert [len(p.mentions) for p in people if p.name == "Marbury"] == [2]


def test_a_verb_with_a_modal_after_a_quote_is_not_its_cue(extract):
    text = ("Tom Reed told the Kelston Herald that the race had been “very good for our campaign.” "
            "His hope was that “as the voters learn more about the port,” they would turn to "
            "him.")
    quotes, _, _ = extract(text)
    sp = find(quotes, "learn more about the port").speaker
    assert sp.name != "Kelston Herald"


def test_a_description_right_after_said_is_the_speaker(extract):
    text = ("Mayor Paul Ortiz spoke on Monday.\n\nAt a bakery near the harbour, a cashier was "
            "shaken by the talk she had heard. “One man came in and said we should close the "
            "port for good,” said the woman, who like many in the town did not "
            "want to be quoted by name.")
    sp = speaker_of(extract, text, "close the port")
    assert (sp.text, sp.name) == ("the woman", None)


@pytest.mark.parametrize("text, words, speaker_text", [
    pytest.param("“It is the export business that is doing it,” said bank analyst Lena Ortmann "
                 "of the strong results.", "export business", "bank analyst Lena Ortmann",
                 id="of what was said about"),
    pytest.param("“We are ready for the winter,” said Joe Marsh of the Kent Ferry Company.",
                 "ready for the winter", "Joe Marsh of the Kent Ferry Company",
                 id="of where the speaker works"),
    pytest.param("Kestrel Foods Corporation (NYSE: KFC) announced on Monday that it will open a "
                 "plant in Ohio, creating 300 jobs.", "open a plant", "Kestrel Foods Corporation",
                 id="a ticker in parentheses"),
])
def test_what_follows_a_speaker_is_not_the_speaker(extract, text, words, speaker_text):
    assert speaker_of(extract, text, words).text == speaker_text
