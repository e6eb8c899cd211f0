"""Keys that recognise one person or organisation across articles."""
from etl.resolve.keys import entity_key, surname_key


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
