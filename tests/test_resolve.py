"""Keys that recognise one person or organisation across articles."""
from etl.resolve.keys import (PersonName, entity_key, looks_like_acronym, org_initials, person_name,
                             spelling_skeleton, surname_key)


def test_person_keys_ignore_titles_case_accents_and_possessives():
    assert entity_key("person", "President Volodymyr Zelensky’s") == "volodymyr zelensky"
    assert entity_key("person", "Ralf Fücks") == entity_key("person", "RALF FUCKS")
    assert entity_key("person", "Mr. Mark Rutte") == "mark rutte"


def test_organisation_keys_drop_the_and_legal_suffixes():
    assert entity_key("organisation", "the Left Party") == entity_key("organisation", "Left Party")
    assert entity_key("organisation", "Northgate Semiconductors Inc.") == \
        entity_key("organisation", "Northgate Semiconductors")


def test_surname_key():
    assert surname_key("mark rutte") == "rutte"
    assert surname_key("rutte") == "rutte"


def test_organisation_keys_fold_isation_and_more_legal_suffixes():
    assert entity_key("organisation", "Organisation for Economic Co-operation and Development") \
        == entity_key("organisation", "Organization for Economic Co-operation and Development")
    for name in ("Acme AG", "Acme SA", "Acme plc", "Acme Inc.", "The Acme Corporation"):
        assert entity_key("organisation", name) == "acme"


def test_particles_stay_in_the_surname():
    assert person_name("Ursula von der Leyen") == PersonName("ursula von der leyen", "ursula",
                                                              "", "von der leyen")
    assert person_name("Luiz Inacio Lula da Silva").surname == "da silva"
    assert person_name("Charles de Gaulle").surname == "de gaulle"
    assert person_name("de Gaulle") == PersonName("de gaulle", None, "", "de gaulle")


def test_suffixes_are_not_the_surname():
    assert person_name("Martin Luther King Jr.") == PersonName("martin luther king", "martin",
                                                                "luther", "king")
    assert person_name("John Smith III").surname == "smith"
    assert person_name("John Smith III").key == person_name("John Smith").key


def test_surname_first_names():
    assert person_name("Xi Jinping") == PersonName("xi jinping", "jinping", "", "xi")
    assert person_name("Kim Jong-un") == PersonName("kim jong un", "jong un", "", "kim")
    assert person_name("President Xi").surname == surname_key("xi jinping") == "xi"
    # "Kim" is also a common first name: two words read the usual way
    assert person_name("Kim Darroch").surname == "darroch"


def test_descriptions_in_front_of_a_name_are_not_the_name():
    assert person_name("Belgian Willy de Clercq").key == "willy de clercq"
    assert person_name("Mr. Mark Rutte").key == "mark rutte"


def test_spelling_skeletons_join_transliterations_only():
    assert {spelling_skeleton(s) for s in ("zelensky", "zelenskyy", "zelenskiy")} == {"slnsk"}
    assert spelling_skeleton("gaddafi") == spelling_skeleton("qaddafi") \
        == spelling_skeleton("kadhafi")
    assert spelling_skeleton("johnson") != spelling_skeleton("johnston")


def test_acronyms_and_initials():
    assert org_initials("International Monetary Fund") == "imf"
    assert org_initials("Organisation for Economic Co-operation and Development") == "oecd"
    assert org_initials("Treasury") == ""
    assert looks_like_acronym("IMF") and looks_like_acronym("U.N.")
    assert not looks_like_acronym("Treasury") and not looks_like_acronym("Bank of England")


def test_each_word_list_has_one_home_with_its_source():
    from etl import lexicons
    assert "plc" in lexicons.legal_suffixes() and "mrs" in lexicons.courtesy_forms()
    assert lexicons.courtesy_forms() < lexicons.honorifics()
    assert "jr" in lexicons.name_suffixes() and "xi" in lexicons.surname_first()
    for path in lexicons.DATA_DIR.glob("*.txt"):
        assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} has no header"
