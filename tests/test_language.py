"""Language: detected per article; only English goes through the English pipeline; other
languages are stored, searchable with the 'simple' configuration, and counted."""
from __future__ import annotations

import json

import pytest
from conftest import query

from etl.clean.language import detect_language

RUSSIAN = ("Городской совет во вторник решил снести старый мост через реку следующей весной и "
           "заменить его новым, сообщили в администрации города. Работы займут два года, а "
           "стоимость проекта составит около пятидесяти миллионов рублей, сказал мэр Иван Петров.")
CHINESE = ("市议会周二决定明年春天拆除河上的旧桥并用新桥取代它，市政府表示这项工程将耗时两年。"
           "市长在会后对记者说，这是一个艰难但必要的决定，费用约为五千万元，由市财政承担。")
DUTCH = ("De gemeenteraad heeft dinsdag besloten de oude brug over de rivier volgend voorjaar te "
         "slopen en te vervangen door een nieuwe, zo meldde de gemeente. Het werk duurt twee jaar.")
ENGLISH = ("The city council decided on Tuesday to pull down the old bridge over the river next "
           "spring and replace it with a new one, the town hall said. Mayor John Carter said the "
           "work would take two years.")


@pytest.mark.parametrize("text, code", [(RUSSIAN, "ru"), (CHINESE, "zh"), (DUTCH, "nl"),
                                        (ENGLISH, "en")])
def test_detect_language(text, code):
    assert detect_language(text) == code


def test_short_text_has_no_language():
    assert detect_language("Bridge to close") is None


def test_other_languages_are_not_parsed_as_english(tmp_path, run_cli):
    (tmp_path / "ru.txt").write_text("Старый мост снесут\n\n" + RUSSIAN)
    r = run_cli("extract", tmp_path / "ru.txt")
    o = json.loads(r.output.splitlines()[0])
    assert o["language"] == "ru" and o["text"] == RUSSIAN
    assert o["people"] == [] and o["organisations"] == [] and o["quotes"] == []
    assert o["topics"] == []


def test_other_languages_are_stored_searchable_and_counted(db_url, run_cli, tmp_path):
    (tmp_path / "ru.txt").write_text("Старый мост снесут\n\n" + RUSSIAN)
    (tmp_path / "en.txt").write_text("Old bridge to go\n\n" + ENGLISH)
    (tmp_path / "nl.txt").write_text("Oude brug gaat weg\n\n" + DUTCH)
    r = run_cli("load", tmp_path, "--database-url", db_url)
    assert r.exit_code == 0, r.output
    assert "2 not in English" in r.output
    assert query(db_url, "SELECT language, title FROM articles ORDER BY language") == [
        ("en", "Old bridge to go"), ("nl", "Oude brug gaat weg"), ("ru", "Старый мост снесут")]
    # English stemming would store 'gemeente' as 'gemeent': the Dutch article is 'simple'.
    assert query(db_url, "SELECT title FROM articles WHERE search_vector @@ "
                         "to_tsquery('simple', 'gemeente')") == [("Oude brug gaat weg",)]
    assert query(db_url, "SELECT p.name FROM people p JOIN article_people ap ON ap.person_id = p.id "
                         "JOIN articles a ON a.id = ap.article_id WHERE a.language = 'ru'") == []
    # 'simple' search finds the Russian words as written; 'english' stems the English article.
    assert query(db_url, "SELECT title FROM articles WHERE search_vector @@ "
                         "websearch_to_tsquery('simple', 'мост')") == [("Старый мост снесут",)]
    assert query(db_url, "SELECT title FROM articles WHERE search_vector @@ "
                         "websearch_to_tsquery('english', 'bridges replaced')") == [
        ("Old bridge to go",)]
