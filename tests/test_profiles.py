"""The model profiles (`--model fast|accurate`): the accurate one's encoder decides people and
organisations, every article records the profile that extracted it, and `reprocess` moves a
database from one profile to the other. Sentences are made up."""
from __future__ import annotations

import json

import pytest

from conftest import SAMPLES, _create, _drop, assert_same_contents, contents, query
from etl import EXTRACTOR_VERSION
from etl.profile import PROFILE_ENV, use_profile


@pytest.fixture(autouse=True)
def fast_by_default(monkeypatch):
    """`--model` chooses the profile for the process (workers inherit it): undone after each
    test."""
    monkeypatch.delenv(PROFILE_ENV, raising=False)
    yield
    use_profile(None)


def extracted(run_cli, tmp_path, text: str, *args: str) -> dict:
    f = tmp_path / "story.txt"
    f.write_text(text, encoding="utf-8")
    r = run_cli("extract", f, *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.output.splitlines()[0])


def names(o: dict, kind: str) -> set[str]:
    return {e["name"] for e in o[kind]}


def test_a_load_records_its_profile_and_reprocess_moves_a_database_to_another(db_url, run_cli):
    assert run_cli("load", SAMPLES, "--database-url", db_url, "-q").exit_code == 0
    n = query(db_url, "SELECT count(*) FROM articles")[0][0]
    assert query(db_url, "SELECT DISTINCT extractor_version FROM articles") == [
        (EXTRACTOR_VERSION,)]
    r = run_cli("reprocess", "--database-url", db_url, "--model", "accurate", "-q")
    assert r.exit_code == 0, r.output
    assert query(db_url, "SELECT DISTINCT extractor_version FROM articles") == [
        (f"{EXTRACTOR_VERSION}+accurate",)]
    assert query(db_url, "SELECT command, articles_updated, extractor_version FROM load_runs "
                         "ORDER BY id DESC LIMIT 1") == [
        ("reprocess", n, f"{EXTRACTOR_VERSION}+accurate")]
    # loading the same files with the same profile extracts nothing again; with the other
    # profile, everything
    r = run_cli("load", SAMPLES, "--database-url", db_url, "--model", "accurate")
    assert f"{n} articles read, 0 new, 0 updated, {n} unchanged" in r.output
    r = run_cli("load", SAMPLES, "--database-url", db_url)
    assert f"{n} articles read, 0 new, {n} updated, 0 unchanged" in r.output
    assert query(db_url, "SELECT DISTINCT extractor_version FROM articles") == [
        (EXTRACTOR_VERSION,)]


def test_an_unknown_profile_is_a_clear_error(run_cli, tmp_path, monkeypatch):
    f = tmp_path / "story.txt"
    f.write_text("Ann Keller spoke.", encoding="utf-8")
    r = run_cli("extract", f, "--model", "huge")
    assert r.exit_code == 2 and "'huge' is not one of 'fast', 'accurate'" in r.output
    monkeypatch.setenv(PROFILE_ENV, "huge")
    r = run_cli("extract", f)
    assert r.exit_code == 2 and "'huge' is not one of 'fast', 'accurate'" in r.output


# Each sentence below is one the fast profile gets wrong (noted after it).
ACCURATE = [
    ("The striker Tomasz Wilczek scored twice as Dunmore Rovers beat Ashford Town 3-1 on "
     "Saturday.", {"Tomasz Wilczek"}, {"Dunmore Rovers", "Ashford Town"}),       # no Ashford Town
    ("Maplecroft Dynamics hired Oyelaran as its new chief executive, the firm said.",
     {"Oyelaran"}, {"Maplecroft Dynamics"}),                                        # a place
    ("Justice Marisol Quintero-Hale wrote the majority opinion, joined by Justice Abernathy.",
     {"Marisol Quintero-Hale", "Abernathy"}, set()),                   # an organisation
    ("Selwyn Okafor joined Greyfield Partners after a decade at the Marrow Institute for Policy "
     "Studies.", {"Selwyn Okafor"}, {"Greyfield Partners", "Marrow Institute for Policy Studies"}),
    ("Lena Tovarek, a spokeswoman for Stenfield Logistics, declined to comment on the strike at "
     "its Bremhaven depot.", {"Lena Tovarek"}, {"Stenfield Logistics"}),       # a person Bremhaven
]


@pytest.mark.parametrize("text,people,orgs", ACCURATE, ids=[t[:30] for t, _, _ in ACCURATE])
def test_the_accurate_profile_tells_people_organisations_and_places_apart(run_cli, tmp_path, text,
                                                                          people, orgs):
    o = extracted(run_cli, tmp_path, text, "--model", "accurate")
    assert names(o, "people") == people
    assert names(o, "organisations") >= orgs and not names(o, "organisations") & people


def test_where_the_tagger_is_unsure_or_sees_a_part_the_spacy_model_s_name_stays(run_cli, tmp_path):
    # the tagger calls the first an organisation, unsure; it splits the hyphenated surname and
    # sees a place in "Kelston" and an organisation in "Herald" only
    o = extracted(run_cli, tmp_path,
                  "Ngozi Adeyemi-Okafor met Laurens Dekker in Rotterdam on Tuesday. Maria "
                  "Okonkwo-Bell, who leads the team, had spoken to the Kelston Herald.",
                  "--model", "accurate")
    assert names(o, "people") == {"Ngozi Adeyemi-Okafor", "Laurens Dekker", "Maria Okonkwo-Bell"}
    assert names(o, "organisations") == {"Kelston Herald"}


def test_a_name_the_tagger_cuts_at_an_initial_stays_whole_and_a_town_after_of_stays_a_place(
        run_cli, tmp_path):
    # the tagger gives "Orlena" and "T. Vashcroft" as two people (the second unsure) and calls
    # "Dunmore" a person
    o = extracted(run_cli, tmp_path,
                  "Orlena T. Vashcroft, 52, of Dunmore, was cited for failure to yield.\n\n"
                  "Tamsin Oyelowo-Grint, 30, of Larchfield, was charged.", "--model", "accurate")
    assert names(o, "people") == {"Orlena T. Vashcroft", "Tamsin Oyelowo-Grint"}
    assert names(o, "organisations") == set()


@pytest.fixture
def second_db_url(server_url, template_db) -> str:
    name, url = _create(server_url, template_db)
    yield url
    _drop(server_url, name)


def test_a_cluster_load_with_the_accurate_profile_equals_a_local_one(db_url, second_db_url,
                                                                   run_cli, tmp_path):
    for i, (text, _, _) in enumerate(ACCURATE):
        (tmp_path / f"story-{i}.txt").write_text(text, encoding="utf-8")
    assert run_cli("load", tmp_path, "--database-url", db_url, "--model", "accurate",
                   "-q").exit_code == 0
    assert run_cli("load", tmp_path, "--database-url", second_db_url, "--model", "accurate",
                   "--scheduler", "local:1", "-q").exit_code == 0
    assert_same_contents(contents(db_url), contents(second_db_url))
    assert query(second_db_url, "SELECT DISTINCT extractor_version FROM articles") == [
        (f"{EXTRACTOR_VERSION}+accurate",)]
    assert ("Ashford Town",) in query(second_db_url, "SELECT name FROM organisations")


def test_a_cluster_task_extracts_with_the_profile_it_is_given(db_url, tmp_path):
    """A worker on another machine knows only what its task says: not the client's choice."""
    from etl.cluster import stage_partition
    from etl.db.config import connect
    from etl.load.runs import start_run
    from etl.read.partitions import plan
    story = tmp_path / "story.txt"
    story.write_text(ACCURATE[1][0], encoding="utf-8")
    (part,) = plan([str(story)])
    with connect(db_url) as conn:
        run_id = start_run(conn, "load", [str(story)])
    result = stage_partition(db_url, run_id, 0, part, None, 8, "accurate")
    assert len(result.batches) == 1
    assert query(db_url, "SELECT extractor_version FROM staging_articles") == [
        (f"{EXTRACTOR_VERSION}+accurate",)]
    assert query(db_url, "SELECT name FROM staging_entities WHERE kind = 'person'") == [
        ("Oyelaran",)]


def test_a_line_break_inside_a_name_ends_the_taggers_name_as_it_ends_spacys(run_cli, tmp_path):
    # wire copy cut into lines: the tagger reads "… Fishing Trade / and Development" as one
    # name, which the rules would cut at the line break into two organisations
    text = ("Ministers from nine fishing nations met on Tuesday, Lena Moravec of Norway said, to "
            "settle the main quota questions this month.\n"
            " The quota talks, which began again this morning\n"
            "at the offices of the Northern Council for Fishing Trade\n"
            "and Development (NCFTD), are due to end on Friday.\n")
    (tmp_path / "wire.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    r = run_cli("extract", tmp_path / "wire.jsonl", "--model", "accurate")
    o = json.loads(r.output.splitlines()[0])
    assert names(o, "people") == {"Lena Moravec"}
    assert "Development" not in names(o, "organisations")


class _Tagger:
    """The tagger's spans as given, to pin how they combine with the spaCy model's."""

    def __init__(self, spans):
        self._spans = spans

    def spans(self, doc):
        return self._spans


def combined(monkeypatch, words, model_ents, tagger_spans):
    import spacy
    from spacy.tokens import Doc, Span

    from etl.extract.entities import encoder
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in model_ents]
    monkeypatch.setattr(encoder, "tagger", lambda: _Tagger(tagger_spans))
    return [(e.text, e.label_) for e in encoder.encoder_entities(doc).ents]


PHONE = ["Buyers", "queued", "for", "the", "Zentrix", "Falcon", "in", "Marlow", "."]


@pytest.mark.parametrize("sure, expected", [
    (0.7, [("Zentrix Falcon", "PRODUCT"), ("Marlow", "GPE")]),
    (0.95, [("Zentrix Falcon", "ORG"), ("Marlow", "GPE")]),
])
def test_a_name_the_spacy_model_types_as_a_product_needs_a_sure_tagger_to_be_an_organisation(
        monkeypatch, sure, expected):
    assert combined(monkeypatch, PHONE, [(4, 6, "PRODUCT"), (7, 8, "GPE")],
                    [(4, 6, "ORG", sure), (7, 8, "LOC", 0.99)]) == expected


@pytest.mark.parametrize("sure, expected", [
    (0.6, [("Zentrix Falcon", "PRODUCT")]),
    (0.95, [("Zentrix Falcon", "PRODUCT"), ("Marlow", "GPE")]),
])
def test_a_place_only_the_tagger_sees_is_added_when_it_is_sure(monkeypatch, sure, expected):
    assert combined(monkeypatch, PHONE, [(4, 6, "PRODUCT")], [(7, 8, "LOC", sure)]) == expected


def test_an_organisation_whose_name_ends_in_s_stays_one_against_a_sure_person(monkeypatch):
    words = ["Shoppers", "queued", "outside", "Hallweather", "’s", "on", "Friday", "."]
    assert combined(monkeypatch, words, [(3, 5, "ORG")], [(3, 4, "PER", 0.97)]) == [
        ("Hallweather ’s", "ORG")]
    # a person's possessive is outside the name: there the sure tagger decides
    assert combined(monkeypatch, words, [(3, 4, "ORG")], [(3, 4, "PER", 0.97)]) == [
        ("Hallweather", "PERSON")]
