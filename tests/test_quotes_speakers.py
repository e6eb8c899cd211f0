"""Who said it, in frames where the subject of the nearest verb is not the speaker: the writer's
own "I said", a document that someone released, a signature line under a quote, and a pronoun
inside another person's description.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from test_quotes import extract, find  # noqa: F401  (extract is a fixture)


def test_the_writers_own_i_said_is_the_writer(extract):
    text = ("The hall was cold and half empty when I stood up to speak. “This town deserves a "
            "better library than the one it has,” I said.")
    q = find(extract(text)[0], "better library")
    assert (q.speaker.text, q.speaker.name, q.speaker.kind) == ("I", None, "person")


def test_i_inside_a_quotation_is_still_nobody_the_article_names(extract):
    text = "“I said we would rebuild the pier, and we will,” Mayor Ruth Adebayo told reporters."
    q = find(extract(text)[0], "rebuild the pier")
    assert q.speaker.name == "Ruth Adebayo"


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
    q = find(extract(text)[0], words)
    assert q.speaker.name == name


def test_a_document_that_is_the_subject_still_speaks_for_itself(extract):
    text = "The report says the bridge “cannot carry heavy lorries for another ten years.”"
    q = find(extract(text)[0], "heavy lorries")
    assert q.speaker.text == "The report"


def test_a_signature_line_under_a_quote_names_its_speaker(extract):
    text = ("The claims, checked one by one:\n\n“Our state has the lowest unemployment rate in "
            "the whole region.”\n\n- Governor Paul Ortiz.\n\nThe figure is two years old, and "
            "the region has changed since then.")
    q = find(extract(text)[0], "lowest unemployment")
    assert (q.speaker.text, q.speaker.name) == ("Governor Paul Ortiz", "Paul Ortiz")


def test_a_pronoun_in_another_persons_description_is_no_evidence_of_gender(extract):
    # "her" in Tomas Vidar's own appositive is Ruth Adebayo's; it must not make him a woman
    text = ("Ruth Adebayo chaired the meeting on Monday. Tomas Vidar, her deputy at the port "
            "office, presented the plan. “We can finish the pier by June,” he said.")
    q = find(extract(text)[0], "finish the pier")
    assert (q.speaker.text, q.speaker.name) == ("he", "Tomas Vidar")


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
    q = find(extract(text)[0], words)
    assert q.speaker.name == name


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
    q = find(extract(text)[0], "a mess from")
    assert q.speaker.name != "Paul Ortiz"
    assert q.speaker.text == "Ortiz’s former deputy"


def test_a_name_describing_another_thing_in_the_subject_is_not_the_speaker(extract):
    text = ("The trust spending more than $90 million on a 12-mile Harbour Rapid Transit line in "
            "North Vale said it wanted “answers about how the corridor will work.”")
    q = find(extract(text)[0], "corridor will work")
    assert q.speaker.kind == "other" and q.speaker.name is None
