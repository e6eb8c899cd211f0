"""People and organisations within one article (etl.extract.entities.assemble).

Passages marked "seed" are short quotations of the project's seed article
(samples/000_1e467b8f37524241.txt); the others are invented for these tests.
"""
from __future__ import annotations

import pytest

from etl.extract.entities.assemble import entity_key, extract_entities
from etl.extract.entities.names import clean_name
from etl.extract.nlp import load_model


def run(text):
    doc = load_model()(text)
    return extract_entities(doc)


def by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, f"{name!r} not found once in {[e.name for e in entities]}"
    return found[0]


def names(entities):
    return [e.name for e in entities]


# ----------------------------------------------------------------------------- seed cases

SEED_TRUMP = (
    "The announcement by President Donald Trump that the United States would “immediately” begin "
    "negotiations with Russia to end the war in Ukraine has plunged European politics into a deep crisis.\n"
    "Before his “long and very productive” phone call with Putin on Wednesday, Trump had informed neither "
    "the Ukrainian government nor European leaders. Ukrainian President Volodymyr Zelensky only learned "
    "about it afterward from Trump himself.\n"
    "Earlier this week, President Zelensky had already attempted to persuade Trump with economic incentives.\n"
    "Regarding the US, the report states: “Donald Trump’s presidential victory has buried the US post–Cold "
    "War foreign policy consensus.”\n"
)


def test_one_record_per_person_named_by_fullest_form():
    people, orgs = run(SEED_TRUMP)
    trump = by_name(people, "Donald Trump")
    assert "Trump" in trump.aliases
    assert len(trump.mentions) == SEED_TRUMP.count("Trump")
    zelensky = by_name(people, "Volodymyr Zelensky")
    assert "Zelensky" in zelensky.aliases
    assert len(zelensky.mentions) == 2
    assert not any("’s" in n or "'s" in n for n in names(people))
    assert "Trump" not in names(orgs) and "Trump" not in names(people)


def test_mentions_are_exact_offsets():
    people, orgs = run(SEED_TRUMP)
    for e in people + orgs:
        assert e.mentions, e.name
        for m in e.mentions:
            assert SEED_TRUMP[m.start:m.end] == m.text
        assert [m.start for m in e.mentions] == sorted(m.start for m in e.mentions)


def test_title_before_name_becomes_role():
    people, _ = run(SEED_TRUMP)
    trump = by_name(people, "Donald Trump")
    assert [r.title for r in trump.roles] == ["President"]
    zelensky = by_name(people, "Volodymyr Zelensky")
    assert "Ukrainian President" in [r.title for r in zelensky.roles]
    role = next(r for r in zelensky.roles if r.title == "Ukrainian President")
    assert SEED_TRUMP[role.start:role.end] == "Ukrainian President"


SEED_ROLES = (
    "Prior to this, US Secretary of Defense Pete Hegseth had made it unequivocally clear at a meeting of "
    "the Ukraine Contact Group in Brussels that it was unrealistic to expect Ukraine to return to its 2014 "
    "borders—reclaiming Crimea and Donbas—or to become a NATO member.\n"
    "German Chancellor Olaf Scholz warned against excessive concessions to Russia. “We must ensure that "
    "there is no dictated peace,” he told Politico.\n"
    "NATO Secretary-General Mark Rutte stressed that “it is important that Ukraine is closely involved.”\n"
    "Trump’s Secretary of State Marco Rubio summed up the “America First” policy as follows.\n"
)


def test_roles_with_organisation_and_compound_titles():
    people, orgs = run(SEED_ROLES)
    scholz = by_name(people, "Olaf Scholz")
    assert [(r.title, r.organisation) for r in scholz.roles] == [("German Chancellor", None)]
    rutte = by_name(people, "Mark Rutte")
    assert [(r.title, r.organisation) for r in rutte.roles] == [("Secretary-General", "NATO")]
    rubio = by_name(people, "Marco Rubio")
    assert [r.title for r in rubio.roles] == ["Secretary of State"]
    hegseth = by_name(people, "Pete Hegseth")
    assert hegseth.roles and hegseth.roles[0].title.endswith("Secretary of Defense")
    # the organisation named in a title stays an organisation of the article
    assert "NATO" in names(orgs)


def test_title_fragments_and_places_are_not_organisations():
    people, orgs = run(SEED_ROLES)
    for fragment in ("State", "Defense", "Crimea", "Donbas", "Brussels"):
        assert fragment not in names(orgs)
        assert fragment not in names(people)


def test_outlets_are_media_organisations_not_people():
    text = SEED_ROLES + (
        "In a lengthy Guardian interview, he offered lucrative business opportunities.\n"
        "“There are voices saying that Europe could provide security guarantees,” he told the Guardian.\n"
        "As Der Spiegel concluded in its coverage of the call: “The US has begun its shift away from Europe.”\n"
        "It was unrealistic to expect this by Kyiv and Brussels.\n"
    )
    people, orgs = run(text)
    for outlet in ("Politico", "Guardian", "Der Spiegel"):
        assert outlet not in names(people)
        assert by_name(orgs, outlet).is_media
    guardian = by_name(orgs, "Guardian")
    assert len(guardian.mentions) == 2
    assert "Kyiv" not in names(people)
    assert not by_name(orgs, "NATO").is_media


SEED_PARTIES = (
    "All major parties—from the Left Party, Social Democrats, Greens, Liberal Democrats, and Christian "
    "Democrats to the far-right Alternative for Germany (AfD)—agree that Germany must drastically increase "
    "its military spending. The Sahra Wagenknecht Alliance, (BSW) an anti-migrant split-off from the Left "
    "Party, meanwhile, praises Trump as an alleged peacemaker.\n"
    "The Sozialistische Gleichheitspartei (Socialist Equality Party) is the only party that consistently "
    "opposes war.\n"
    "Many world leaders have congratulated Friedrich Merz, leader of the Christian Democratic Union (CDU), "
    "for winning the German elections. CDU leader Friedrich Merz has said his priority will be Europe.\n"
)


@pytest.mark.parametrize("long_form, acronym", [
    ("Alternative for Germany", "AfD"),
    ("Sahra Wagenknecht Alliance", "BSW"),
    ("Christian Democratic Union", "CDU"),
])
def test_acronym_joins_its_long_form(long_form, acronym):
    _, orgs = run(SEED_PARTIES)
    org = by_name(orgs, long_form)
    assert org.acronym == acronym
    assert acronym in org.aliases
    assert acronym not in names(orgs)
    assert any(m.text == acronym for m in org.mentions)


def test_cdu_mentions_all_counted():
    _, orgs = run(SEED_PARTIES)
    cdu = by_name(orgs, "Christian Democratic Union")
    assert len(cdu.mentions) == 3          # long form, "(CDU)", "CDU leader"


def test_title_after_the_name_is_a_role_too():
    people, _ = run(SEED_PARTIES)
    merz = by_name(people, "Friedrich Merz")
    roles = [(r.title, r.organisation) for r in merz.roles]
    assert ("leader", "Christian Democratic Union") in roles
    assert ("leader", "CDU") in roles
    assert len(merz.mentions) == 2


def test_appositive_titles_in_invented_text():
    people, _ = run("The letter was signed by Anna Bergdahl, the finance minister, and by "
                    "Piet Oosterhuis, Dutch prime minister, on Friday.")
    assert [(r.title, r.organisation) for r in by_name(people, "Anna Bergdahl").roles] == \
        [("finance minister", None)]
    assert [r.title for r in by_name(people, "Piet Oosterhuis").roles] == ["Dutch prime minister"]


def test_appositive_title_may_open_with_adjectives():
    people, _ = run("\"We will strike,\" said Ola Nordmann, regional secretary of the Dock "
                    "Workers Federation. Kari Holm, a cheerful neighbour, agreed.")
    assert [(r.title, r.organisation) for r in by_name(people, "Ola Nordmann").roles] == \
        [("regional secretary", "Dock Workers Federation")]
    assert by_name(people, "Kari Holm").roles == []


def test_appositive_title_with_a_complement_that_names_no_organisation():
    people, _ = run("Maria Lopez, a lawyer for the family, said the video was clear. Tom Reyes, "
                    "a lawyer for years said nothing.")
    assert [(r.title, r.organisation) for r in by_name(people, "Maria Lopez").roles] == \
        [("lawyer", None)]
    assert by_name(people, "Tom Reyes").roles == []


def test_bracketed_translation_is_one_organisation():
    _, orgs = run(SEED_PARTIES)
    sgp = [e for e in orgs if "Socialist Equality Party" in [e.name] + e.aliases]
    assert len(sgp) == 1
    assert {sgp[0].name, *sgp[0].aliases} >= {"Sozialistische Gleichheitspartei", "Socialist Equality Party"}


def test_left_party_written_with_the_is_one_entity():
    _, orgs = run(SEED_PARTIES)
    left = by_name(orgs, "Left Party")
    assert len(left.mentions) == 2
    assert not any(n.lower().startswith("the ") for n in names(orgs))


# ----------------------------------------------------------------------------- invented cases

def test_ambiguous_surname_stays_apart():
    people, _ = run("John Hallorann and Anna Hallorann opened the bakery in 1990. "
                    "Hallorann said the bread sold out by noon.")
    assert {"John Hallorann", "Anna Hallorann"} <= set(names(people))
    assert "Hallorann" not in by_name(people, "John Hallorann").aliases
    assert "Hallorann" not in by_name(people, "Anna Hallorann").aliases


def test_untagged_repeat_of_a_surname_is_a_mention():
    text = ("Finance Minister Margit Osterhaus presented the budget on Tuesday. "
            "Critics said Osterhaus had cut school funding. Osterhaus denied it.")
    people, _ = run(text)
    osterhaus = by_name(people, "Margit Osterhaus")
    assert len(osterhaus.mentions) == 3
    assert osterhaus.roles[0].title == "Finance Minister"


def test_honorifics_are_not_kept_as_roles_but_titles_are():
    people, _ = run("Mr. Geoffrey Plimsoll met Dr. Ingrid Vaszary in Vienna on Monday.")
    assert by_name(people, "Geoffrey Plimsoll").roles == []
    assert [r.title for r in by_name(people, "Ingrid Vaszary").roles] == ["Dr."]


def test_county_clubs_in_a_results_report_are_organisations():
    text = ("Surrey beat Kent by six wickets on Sunday to stay top of the county championship table.\n"
            "Kent 250 and 198 ( J. Pellow 76 ) , Surrey 310 and 142-4 .\n"
            "Surrey captain Tom Hadleigh said the points would matter in September.\n")
    people, orgs = run(text)
    assert {"Surrey", "Kent"} <= set(names(orgs))
    assert "Surrey" not in names(people) and "Kent" not in names(people)
    assert "J. Pellow" in names(people)
    hadleigh = by_name(people, "Tom Hadleigh")
    assert [(r.title, r.organisation) for r in hadleigh.roles] == [("captain", "Surrey")]


def test_results_lines_clubs_players_and_national_sides():
    text = ("Results of the international basketball tournament on Friday:\n"
            "Nordvik Stars (Norway) beat Kastel Lions (Croatia) 92-90 (halftime 40-38)\n"
            "In the soccer match, Norway beat Croatia 2-1 (halftime 1-1).\n"
            "Scorers: Norway - Henrik Solbakk (31st), Torvald Aasen (75th)\n"
            "Croatia - Ivo Maric (13th)\n")
    people, orgs = run(text)
    assert set(names(people)) == {"Henrik Solbakk", "Torvald Aasen", "Ivo Maric"}
    assert set(names(orgs)) == {"Nordvik Stars", "Kastel Lions"}   # a national side stays a country


def test_places_outside_sport_stay_places():
    people, orgs = run("Surrey County Council approved the plan. Residents in Surrey and Kent "
                       "were told the roads would close.")
    assert "Surrey" not in names(orgs) and "Kent" not in names(orgs)
    assert "Surrey" not in names(people) and "Kent" not in names(people)


def test_possessives_and_headline_capitals():
    people, orgs = run("Helga Brandtner’s company, Brandtner Logistics GmbH, reported a loss. "
                       "Brandtner’s shares fell.")
    helga = by_name(people, "Helga Brandtner")
    assert len(helga.mentions) == 2
    assert "Brandtner Logistics GmbH" in names(orgs)


def test_outlets_recognised_by_their_context():
    _, orgs = run("In an interview with Radio Veltrano, the minister said taxes would rise. "
                  "The Daily Harbinger reported on its website that the bridge would reopen.")
    assert by_name(orgs, "Radio Veltrano").is_media
    assert by_name(orgs, "Daily Harbinger").is_media


def test_reporting_organisations_are_not_outlets():
    _, orgs = run("Growth will slow, according to the OECD. Veltrix Corp reported a loss on Tuesday.")
    assert not by_name(orgs, "OECD").is_media
    assert not by_name(orgs, "Veltrix Corp").is_media


def test_parties_by_short_name_are_organisations():
    people, orgs = run("Labour said the Lib Dems had broken their promise. "
                       "The Tories said nothing about the MPs who voted against the bill.")
    assert {"Labour", "Lib Dems", "Tories"} <= set(names(orgs))
    assert not {"Labour", "Lib Dems", "Tories", "MPs"} & set(names(people))
    assert "MPs" not in names(orgs)


def test_long_titles_and_organisation_spans_holding_titles():
    people, orgs = run("Secretary of State for Trade and Industry Peter Hollinsworth approved the bid "
                       "by <Marwick Holdings Plc> on Monday. U.S. Department of Agriculture Deputy "
                       "Administrator Jim Farrowby said exports rose.")
    assert [r.title for r in by_name(people, "Peter Hollinsworth").roles] == \
        ["Secretary of State for Trade and Industry"]
    farrowby = by_name(people, "Jim Farrowby")
    assert [(r.title, r.organisation) for r in farrowby.roles] == \
        [("Deputy Administrator", "U.S. Department of Agriculture")]
    assert {"Marwick Holdings Plc", "U.S. Department of Agriculture"} <= set(names(orgs))
    assert not any(n.startswith("State") for n in names(orgs))


def test_acronym_standing_alone_is_kept_but_shouting_is_not():
    _, orgs = run("Ministers met in Vienna. OPEC output rose, and the opec basket price fell.\n"
                  "Protesters chanted “JUST PEACE. TOGETHER” and demanded peace now.")
    assert "OPEC" in names(orgs)
    assert "PEACE" not in names(orgs)


def test_portfolios_belong_to_titles_and_towns_are_not_people():
    people, orgs = run("Culture Secretary Tessa Jowbury said the plan would go ahead. Shadow Home "
                       "Secretary Dafydd Morrow agreed. Morrow grew up in Keighley. "
                       "The Parliament Act was used.")
    assert [r.title for r in by_name(people, "Tessa Jowbury").roles] == ["Culture Secretary"]
    assert [r.title for r in by_name(people, "Dafydd Morrow").roles] == ["Shadow Home Secretary"]
    assert not {"Culture", "Shadow Home", "Parliament Act"} & set(names(orgs))
    assert "Keighley" not in names(people)


# ----------------------------------------------------------------------------- pure functions

@pytest.mark.parametrize("kind, name, key", [
    ("person", "President Volodymyr Zelensky’s", "volodymyr zelensky"),
    ("person", "Ralf Fücks", "ralf fucks"),
    ("person", "Mr. T.O'Gorman", "t ogorman"),
    ("organisation", "The U.N.", "un"),
    ("organisation", "the Guardian", "guardian"),
    ("organisation", "Commerce Bancshares Inc.", "commerce bancshares"),
    ("organisation", "Alternative für Deutschland", "alternative fur deutschland"),
])
def test_entity_key(kind, name, key):
    assert entity_key(kind, name) == key


def test_entity_key_keeps_single_word_titles_that_are_names():
    # nothing is left to strip from: a one-word name stays itself
    assert entity_key("person", "Prince") == "prince"


@pytest.mark.parametrize("raw, clean", [
    ("Donald Trump’s", "Donald Trump"),
    ("the Left Party", "Left Party"),
    ("Cofinec S.A.", "Cofinec S.A."),
    ("Putin.", "Putin"),
    ("“Politico”", "Politico"),
])
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


def test_a_first_name_before_an_initial_stays_with_the_name():
    text = ("A suit was filed in New York against Ivan F. Boesky and others, alleging that Boesky "
            "misled them. It also named Dennis A. Levine. The bid by the Carl C. Icahn-led "
            "airline was rejected, and Carl Icahn said he would try again.")
    people, _ = run(text)
    assert sorted(names(people)) == ["Carl C. Icahn", "Dennis A. Levine", "Ivan F. Boesky"]
    assert "Carl Icahn" in by_name(people, "Carl C. Icahn").aliases


def test_an_empty_list_of_joined_country_names_matches_nothing(monkeypatch):
    from etl.extract.entities import patterns
    monkeypatch.setattr(patterns.lexicons, "joined_country_names", lambda: frozenset())
    patterns._joined_countries.cache_clear()
    try:
        assert patterns.joined_country_offsets(load_model()("Bosnia and Herzegovina voted.")) == []
    finally:
        patterns._joined_countries.cache_clear()
