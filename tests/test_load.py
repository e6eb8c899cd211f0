"""End to end through the CLI: load files, then ask the database."""
from __future__ import annotations

import json

from conftest import SAMPLES, query, words_in_order

TABLES_TO_COMPARE = {
    "articles": "content_hash, url, title, body, published_at, word_count, extractor_version",
    "people": "name, key",
    "organisations": "name, key, acronym, is_media",
    "person_aliases": "person_id, alias, alias_key",
    "organisation_aliases": "organisation_id, alias, alias_key",
    "article_people": "article_id, person_id, name_in_article, mention_count, first_offset",
    "article_organisations": "article_id, organisation_id, mention_count, first_offset",
    "mentions": "article_id, person_id, organisation_id, start_offset, end_offset, text",
    "person_roles": "article_id, person_id, title, organisation_id",
    "quotes": "article_id, text, start_offset, end_offset, speaker_text, speaker_person_id, "
              "speaker_organisation_id, cue, is_partial",
    "article_topics": "article_id, topic_id, score, rank",
    "article_keyphrases": "article_id, phrase, score",
}


def snapshot(url: str) -> dict[str, list[tuple]]:
    return {t: query(url, f"SELECT {cols} FROM {t} ORDER BY {cols}")
            for t, cols in TABLES_TO_COMPARE.items()}


def test_load_samples_fills_every_table(db_url, run_cli):
    result = run_cli("load", SAMPLES, "--database-url", db_url)
    assert result.exit_code == 0, result.output
    assert query(db_url, "SELECT count(*) FROM articles") == [(5,)]
    people = {r[0] for r in query(db_url, "SELECT name FROM people")}
    assert {"Angela Whitford", "Tomas Reyes", "Laura Brandt", "Ruth Adebayo"} <= people
    # a quote with its speaker resolved to a person row
    rows = query(db_url, """
        SELECT p.name FROM quotes q JOIN people p ON p.id = q.speaker_person_id
        WHERE q.text LIKE 'We are patching a structure%'""")
    assert rows == [("Tomas Reyes",)]
    # JSON lines metadata is kept
    rows = query(db_url, """
        SELECT a.url, a.published_at::text, s.name FROM articles a JOIN sources s
        ON s.id = a.source_id WHERE a.external_id = 'sample-0002'""")
    assert rows == [("https://news.example.org/business/rates-hold", "2026-03-12 13:05:00+00",
                     "Example News")]
    # every article got topics from the IPTC taxonomy
    assert query(db_url, "SELECT count(DISTINCT article_id) FROM article_topics") == [(5,)]
    run = query(db_url, "SELECT status, articles_read, articles_inserted, errors FROM load_runs")
    assert run == [("succeeded", 5, 5, 0)]


def test_offsets_point_into_the_stored_body(db_url, run_cli):
    run_cli("load", SAMPLES, "--database-url", db_url)
    bad_mentions = query(db_url, """
        SELECT m.text, substring(a.body FROM m.start_offset + 1 FOR m.end_offset - m.start_offset)
        FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE substring(a.body FROM m.start_offset + 1 FOR m.end_offset - m.start_offset)
              <> m.text""")
    assert bad_mentions == []
    quotes = query(db_url, """
        SELECT q.text, substring(a.body FROM q.start_offset + 1 FOR q.end_offset - q.start_offset)
        FROM quotes q JOIN articles a ON a.id = q.article_id""")
    assert quotes
    for text, span in quotes:
        assert words_in_order(text, span), (text, span)


def test_quote_text_is_its_pieces_of_the_body(db_url, run_cli):
    """The README's recipe: the pieces' substrings, joined with ' … ', give back quotes.text;
    the first piece starts the quote and the last one ends it."""
    run_cli("load", SAMPLES, "--database-url", db_url)
    rows = query(db_url, """
        SELECT q.text, q.start_offset, q.end_offset, q.kind, q.content,
               string_agg(substring(a.body FROM p.start_offset + 1
                                    FOR p.end_offset - p.start_offset), ' … '
                          ORDER BY p.position),
               min(p.start_offset), max(p.end_offset), count(p.position)
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN quote_pieces p ON p.quote_id = q.id
        GROUP BY q.id""")
    assert rows
    for text, start, end, kind, content, rebuilt, first, last, n in rows:
        assert (rebuilt, first, last) == (text, start, end)
        assert n >= 1 and (n == 1 or kind != "indirect")
        assert kind == "indirect" or not any(m in text for m in '“”"')  # inside the marks
        assert words_in_order(text, content)
    joined = [r for r in rows if r[0].startswith("We are patching a structure")]
    assert [(r[0], r[8]) for r in joined] == [(
        "We are patching a structure that engineers told us has twenty years left at most, … "
        "In a decade we will be back here, and the bill will be twice as large.", 2)]


def test_loading_twice_changes_nothing_and_skips_extraction(db_url, run_cli):
    assert run_cli("load", SAMPLES, "--database-url", db_url).exit_code == 0
    before = snapshot(db_url)
    assert run_cli("load", SAMPLES, "--database-url", db_url).exit_code == 0
    assert snapshot(db_url) == before
    runs = query(db_url, "SELECT articles_inserted, articles_updated, articles_unchanged "
                         "FROM load_runs ORDER BY id")
    assert runs == [(5, 0, 0), (0, 0, 5)]


def test_changed_body_at_same_url_updates_the_article(db_url, run_cli, tmp_path):
    record = {"url": "https://example.org/a", "title": "Budget row",
              "text": 'Finance minister Carla Jensen defended the budget. "Every line of it is '
                      'paid for," Jensen said on Monday.'}
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(record) + "\n")
    assert run_cli("load", f, "--database-url", db_url).exit_code == 0
    record["text"] = ('Finance minister Carla Jensen withdrew the budget. "We will start again '
                      'from the beginning," Jensen told reporters on Tuesday.')
    f.write_text(json.dumps(record) + "\n")
    assert run_cli("load", f, "--database-url", db_url).exit_code == 0
    rows = query(db_url, "SELECT body FROM articles")
    assert len(rows) == 1 and "withdrew" in rows[0][0]
    quotes = [r[0] for r in query(db_url, "SELECT text FROM quotes")]
    assert quotes and all("start again" in q for q in quotes)
    assert query(db_url, "SELECT articles_updated FROM load_runs ORDER BY id DESC LIMIT 1") == [(1,)]


def test_same_body_twice_is_one_article(db_url, run_cli, tmp_path):
    body = "Harbour officials in Port Ellery said on Friday that the ferry will run again."
    (tmp_path / "one.txt").write_text(body)
    (tmp_path / "two.txt").write_text(body + "\n")
    assert run_cli("load", tmp_path, "--database-url", db_url).exit_code == 0
    assert query(db_url, "SELECT count(*) FROM articles") == [(1,)]


def test_stdin_jsonl(db_url, run_cli):
    line = json.dumps({"title": "Stdin story", "text": "Mayor Angela Whitford opened the "
                                                       "new library in Port Ellery on Monday."})
    result = run_cli("load", "-", "--database-url", db_url, input=line + "\n")
    assert result.exit_code == 0, result.output
    assert query(db_url, "SELECT title, source_path FROM articles") == [("Stdin story", "-")]


def test_people_are_shared_across_articles(db_url, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Prime Minister Greta Lindqvist met farmers in Umea. "
                                    "Lindqvist promised new subsidies.")
    (tmp_path / "b.txt").write_text("Opposition leader Karl Berg said Lindqvist had broken her "
                                    "promise to farmers.")
    assert run_cli("load", tmp_path, "--database-url", db_url).exit_code == 0
    rows = query(db_url, """SELECT p.name, count(*) FROM article_people ap
                            JOIN people p ON p.id = ap.person_id GROUP BY p.name ORDER BY 1""")
    assert rows == [("Greta Lindqvist", 2), ("Karl Berg", 1)]
    aliases = query(db_url, """SELECT a.alias FROM person_aliases a JOIN people p
                               ON p.id = a.person_id WHERE p.name = 'Greta Lindqvist' ORDER BY 1""")
    assert aliases == [("Greta Lindqvist",), ("Lindqvist",)]


def test_a_surname_shared_by_two_people_is_not_merged(db_url, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Finance minister Carla Jensen presented the budget.")
    (tmp_path / "b.txt").write_text("Striker Mikkel Jensen scored twice for Aalborg.")
    (tmp_path / "c.txt").write_text("Opposition leader Karl Berg said Jensen had misled voters.")
    assert run_cli("load", tmp_path, "--database-url", db_url).exit_code == 0
    names = {r[0] for r in query(db_url, "SELECT name FROM people")}
    assert {"Carla Jensen", "Mikkel Jensen", "Jensen"} <= names


def test_stats_prints_counts_and_runs(db_url, run_cli):
    run_cli("load", SAMPLES, "--database-url", db_url)
    r = run_cli("stats", "--database-url", db_url)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert any(line.split() == ["articles", "5"] for line in lines)
    assert any(line.split() == ["topics", "1,392"] for line in lines)
    assert any(line.split()[1:3] == ["load", "succeeded"] for line in lines)


def test_a_name_only_in_the_title_is_not_stored(db_url, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Zelensky meets Biden in Washington\n\nThe two leaders discussed aid with Olaf Scholz on "
        "Thursday, officials said.\n")
    r = run_cli("load", str(tmp_path), "--database-url", db_url)
    assert r.exit_code == 0, r.output
    assert query(db_url, "SELECT name FROM people ORDER BY name") == [("Olaf Scholz",)]
