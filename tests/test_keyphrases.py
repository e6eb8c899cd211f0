"""Key phrases: normalised noun phrases, good to group by across a corpus."""
from __future__ import annotations

import re

import pytest

import conftest

from etl.extract.topics.keyphrases import extract_keyphrases
from etl.extract.nlp import load_model

SEED = conftest.SEED if conftest.SEED.is_file() else None

FARM_TEXT = (
    "Dairy farmers blocked roads in the capital on Wednesday to protest against falling milk "
    "prices. The farmers say milk prices have dropped by 20% since 2023. "
    "\"We cannot survive on these milk prices,\" said Anna Berg, who keeps 80 cows. "
    "She told reporters that she and her neighbours would keep protesting. "
    "The agriculture minister, Tomas Lind, promised talks with the dairy industry next week. "
    "The dairy industry blames cheap imports for the fall in milk prices."
)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def farm(nlp):
    return extract_keyphrases(nlp(FARM_TEXT), limit=20)


def test_most_repeated_phrase_ranks_first(farm):
    assert farm[0].text == "milk price"
    assert farm[0].count == 4


def test_phrases_are_lowercase_and_head_lemmatised(farm):
    texts = [k.text for k in farm]
    assert all(t == t.lower() for t in texts)
    assert "dairy farmer" in texts or "farmer" in texts
    assert "milk prices" not in texts


def test_no_pronouns_numbers_dates_or_names(farm):
    texts = [k.text for k in farm]
    assert not {"she", "we", "who", "they", "these", "her neighbour"} & set(texts)
    assert not any(re.search(r"\d", t) for t in texts)
    assert not any("wednesday" in t or "week" == t for t in texts)
    assert not any("berg" in t or "lind" in t for t in texts)   # people are for the entity tables


def test_phrases_are_unique_and_counted(farm):
    texts = [k.text for k in farm]
    assert len(texts) == len(set(texts))
    by_text = {k.text: k for k in farm}
    assert by_text["dairy industry"].count == 2
    scores = [k.score for k in farm]
    assert scores == sorted(scores, reverse=True)


def test_evaluative_adjectives_are_dropped(nlp):
    doc = nlp("The long and very productive phone call ended. Numerous senior politicians "
              "criticised the unilateral approach. The military aid package was approved.")
    texts = [k.text for k in extract_keyphrases(doc, limit=20)]
    assert "military aid package" in texts
    assert not any(t.startswith(("long", "numerous", "very")) for t in texts)


def test_possessor_is_cut_from_the_phrase(nlp):
    doc = nlp("The country's largest tobacco company lost its appeal. The tobacco company "
              "said it would pay.")
    texts = [k.text for k in extract_keyphrases(doc)]
    assert "tobacco company" in texts
    assert not any(t.startswith("country") for t in texts)


def test_empty_text_gives_no_phrases(nlp):
    assert extract_keyphrases(nlp("")) == []
    assert extract_keyphrases(nlp("It was them. He said so.")) == []


@pytest.mark.skipif(SEED is None, reason="seed article not found")
def test_seed_article(nlp):
    doc = nlp(SEED.read_text(encoding="utf-8"))
    texts = [k.text for k in extract_keyphrases(doc, limit=25)]
    assert "security guarantee" in texts
    assert "war" in texts
    assert not any(t in {"trump", "donald trump", "zelensky", "olaf scholz"} for t in texts)
