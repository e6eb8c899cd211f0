"""Topics on the IPTC Media Topics taxonomy: invented short texts and the seed article."""
from __future__ import annotations


import pytest

import conftest

from etl.extract.topics.taxonomy import load_taxonomy, top_level
from etl.extract.topics.lexicon import LEXICON_TSV, _read_hand_lexicon, assign_topics, load_lexicon, stem

SEED = conftest.SEED if conftest.SEED.is_file() else None

POLITICS = "medtop:11000000"
CONFLICT = "medtop:16000000"
SPORT = "medtop:15000000"
ECONOMY = "medtop:04000000"
CRIME = "medtop:02000000"
WEATHER = "medtop:17000000"
TECH = "medtop:13000000"

MATCH_REPORT = (
    "United came from a goal down to beat City 2-1 in the Premier League on Saturday. "
    "The striker scored twice in the second half, and the goalkeeper saved a late penalty. "
    "The manager praised his players after a win that lifts the club to third in the table."
)
EARNINGS = (
    "Shares in the retailer fell 8% after it reported a sharp drop in pre-tax profits. "
    "Sales over the Christmas period were weaker than analysts had expected, and the company "
    "cut its dividend. The chief executive said the firm would close 40 stores."
)
PARLIAMENT = (
    "MPs voted by a narrow majority to pass the government's bill on Tuesday night. "
    "The opposition party said the minister had ignored the concerns of backbenchers, and the "
    "prime minister faces a further vote in the House of Lords next month."
)
GAME_REVIEW = (
    "The new video game for the PlayStation console lets players build a city. "
    "Gamers can win points by finishing each level, and the game supports online play."
)
TRIAL = (
    "A man accused of murder appeared in court on Monday. The jury heard that police "
    "arrested him at his home. The judge adjourned the trial until next week."
)
STORM = (
    "Forecasters have issued a severe weather warning as a storm brings gales and heavy "
    "rain to the north. The Met Office said temperatures would fall below freezing."
)


def top_levels(topics):
    return [t.qcode for t in topics if load_taxonomy()[t.qcode].parent is None]


@pytest.mark.parametrize("text, expected", [
    (MATCH_REPORT, SPORT), (EARNINGS, ECONOMY), (PARLIAMENT, POLITICS),
    (TRIAL, CRIME), (STORM, WEATHER),
])
def test_top_topic_of_short_texts(text, expected):
    topics = assign_topics(None, text)
    assert topics, text
    assert topics[0].qcode == expected, [(t.label, t.score) for t in topics]


def test_subtopics_are_the_specific_ones():
    topics = assign_topics("Late penalty settles derby", MATCH_REPORT)
    labels = [t.label for t in topics]
    assert "football" in labels
    assert "sport" in labels


def test_words_of_sport_in_a_video_game_review_do_not_make_it_sport():
    topics = assign_topics(None, GAME_REVIEW)
    assert topics[0].qcode != SPORT, [(t.label, t.score) for t in topics]
    assert "video game" in [t.label for t in topics]


def test_labour_the_party_is_politics_and_labour_the_work_is_not():
    party = assign_topics(None, "Labour and the Tories clashed over the plan, and Labour MPs "
                                "said they would vote against it.")
    work = assign_topics(None, "Labour costs rose as employers paid workers higher wages and the "
                               "unions won a shorter working week.")
    assert party[0].qcode == POLITICS
    assert work[0].qcode == "medtop:09000000"      # labour


def test_result_structure():
    tax = load_taxonomy()
    topics = assign_topics("Court jails striker", MATCH_REPORT + " " + TRIAL)
    scores = [t.score for t in topics]
    assert scores == sorted(scores, reverse=True)
    listed = {t.qcode: t for t in topics}
    for t in topics:
        assert t.label == tax[t.qcode].label
        assert not tax[t.qcode].retired
        assert 0 < t.score <= 1
        top = top_level(t.qcode)
        # a subtopic implies its top level, which scores at least as high
        assert top.qcode in listed
        assert listed[top.qcode].score >= t.score
    # two clear subjects, two top levels
    assert {SPORT, CRIME} <= set(top_levels(topics))


def test_nothing_to_say_gives_no_topics():
    assert assign_topics(None, "") == []
    assert assign_topics("Hello", "It was, they said, quite something.") == []


def test_title_weighs_more_than_a_body_word():
    body = ("The report was published on Monday.\n"
            "It covers the minister, the election and the gales.")
    untitled = {t.qcode: t.score for t in assign_topics(None, body)}
    titled = {t.qcode: t.score for t in assign_topics("Gales batter the coast", body)}
    assert untitled[POLITICS] >= untitled.get(WEATHER, 0.0)
    assert titled[WEATHER] > titled.get(POLITICS, 0.0)


def test_lead_paragraph_weighs_more_than_later_ones():
    first = "Gales and heavy rain hit the coast."
    later = "Ministers met to discuss the election."
    lead_weather = {t.qcode: t.score for t in assign_topics(None, first + "\n" + later)}
    lead_politics = {t.qcode: t.score for t in assign_topics(None, later + "\n" + first)}
    assert lead_weather[WEATHER] > lead_politics.get(WEATHER, 0.0)
    assert next(iter(lead_weather)) == WEATHER and next(iter(lead_politics)) == POLITICS


def test_doc_is_optional_and_adds_entity_hints():
    from etl.extract.nlp import load_model
    text = ("The group said revenue rose 12% to $4.5bn, while the firm's costs fell by 3% "
            "to $1.2bn.")
    doc = load_model()(text)
    with_doc = {t.qcode: t.score for t in assign_topics(None, text, doc)}
    without = {t.qcode: t.score for t in assign_topics(None, text)}
    assert with_doc[ECONOMY] >= without[ECONOMY]
    assert next(iter(with_doc)) == ECONOMY


@pytest.mark.skipif(SEED is None, reason="seed article not found")
def test_seed_article_is_war_and_politics():
    text = SEED.read_text(encoding="utf-8")
    topics = assign_topics(None, text)
    tops = top_levels(topics)
    assert CONFLICT in tops[:3] and POLITICS in tops[:3], [(t.label, t.score) for t in topics]


def test_fold_plurals_the_same_way_for_text_and_lexicon():
    assert stem("Elections") == stem("election") == "election"
    assert stem("companies") == stem("company")
    assert stem("movies") == stem("movie")
    assert stem("taxes") == "tax"
    assert stem("news") == "news"                 # not "new"
    assert stem("securities") != stem("security")
    assert stem("Britain’s") == "britain"


def test_lexicon_points_at_active_concepts_only():
    tax = load_taxonomy()
    rows = _read_hand_lexicon(LEXICON_TSV)
    assert len(rows) > 1000
    bad = [(q, term) for q, _, term, _ in rows if q not in tax or tax[q].retired]
    assert not bad
    assert all(term == term.strip() and term for _, _, term, _ in rows)
    lex = load_lexicon()
    # a term claimed by two top levels (weather and economy forecasts) counts for half in each
    hits = lex.lower[("forecast",)]
    assert {top_level(h.qcode).qcode for h in hits} == {WEATHER, ECONOMY}
    assert all(h.weight <= 0.5 for h in hits)
