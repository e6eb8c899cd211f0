"""The analyst layer of migration 0002: views, search columns, fuzzy lookup, the reader role.

The view checks insert a small, fully known set of rows with SQL, so they test the views
themselves, whatever the extraction makes of real articles.
"""
from __future__ import annotations

import uuid

import psycopg
import pytest

from conftest import ROOT, query

from etl.db import migrate
from etl.db.docs import read_views

VIEWS = {"quotes_with_speakers", "article_people_with_roles", "topic_counts_by_day",
         "person_co_mentions", "organisation_people", "merges_with_evidence"}
READER = "newsetl_reader"


def _views(url: str) -> dict[str, tuple]:
    """{view: (definition, comment, {column: comment})} as PostgreSQL stores them."""
    rows = query(url, """
        SELECT c.relname, pg_get_viewdef(c.oid), obj_description(c.oid, 'pg_class'),
               (SELECT json_object_agg(a.attname, col_description(c.oid, a.attnum))
                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'v'""")
    return {name: (definition, comment, columns) for name, definition, comment, columns in rows}


# ----------------------------------------------------------------------- documentation

def test_migrations_create_the_documented_views(db_url):
    assert set(_views(db_url)) == VIEWS
    assert {v.name for v in read_views()} == VIEWS


def test_every_view_and_view_column_has_a_comment_and_a_dictionary_entry(db_url):
    dictionary = (ROOT / "schema" / "data-dictionary.md").read_text()
    readme = (ROOT / "README.md").read_text()
    for name, (_, comment, columns) in _views(db_url).items():
        assert comment, f"view {name} has no comment"
        assert all(columns.values()), f"view {name} has columns without a comment: {columns}"
        assert f"### {name}\n" in dictionary, f"{name} is missing from data-dictionary.md"
        assert f"`{name}`" in readme, f"README does not mention the view {name}"


def test_views_sql_is_exactly_what_the_migrations_create(db_url):
    """schema/views.sql, run on a migrated database, recreates the same views and comments."""
    before = _views(db_url)
    with psycopg.connect(db_url, autocommit=True) as conn:
        for name in before:
            conn.execute(f"DROP VIEW {name} CASCADE")
        conn.execute((ROOT / "schema" / "views.sql").read_text())
    assert _views(db_url) == before


# ----------------------------------------------------------------------- the views, on known rows

KNOWN_ROWS = """
INSERT INTO load_runs (id, command, extractor_version, newsetl_version)
    OVERRIDING SYSTEM VALUE VALUES (1, 'load', 'test', 'test');
INSERT INTO sources (id, name) OVERRIDING SYSTEM VALUE VALUES (1, 'Harbour Times');
INSERT INTO articles (id, content_hash, url, source_id, title, body, published_at, word_count,
                      source_path, extractor_version, load_run_id) OVERRIDING SYSTEM VALUE VALUES
  (1, 'h1', 'https://example.org/1', 1, 'Port deal signed',
   'Port director Ana Silva said the deal was done. "A good day," Silva told Radio Ellery.',
   '2026-05-04 23:30:00+00', 15, 'a.txt', 'test', 1),
  (2, 'h2', NULL, NULL, 'Silva steps down',
   'Former port director Ana Silva and union chief Joe Park spoke to reporters.',
   '2026-05-05 08:00:00+00', 12, 'b.txt', 'test', 1),
  (3, 'h3', NULL, NULL, NULL, 'Joe Park said nothing.', NULL, 4, 'c.txt', 'test', 1);
INSERT INTO people (id, name, key, surname_key) OVERRIDING SYSTEM VALUE VALUES
  (1, 'Ana Silva', 'ana silva', 'silva'), (2, 'Joe Park', 'joe park', 'park');
INSERT INTO organisations (id, name, key, is_media) OVERRIDING SYSTEM VALUE VALUES
  (1, 'Port Authority of Ellery', 'port authority of ellery', false),
  (2, 'Radio Ellery', 'radio ellery', true),
  (3, 'Dockers Union', 'dockers union', false);
INSERT INTO article_people (article_id, person_id, name_in_article, mention_count, first_offset)
VALUES (1, 1, 'Ana Silva', 2, 14), (2, 1, 'Ana Silva', 1, 21), (2, 2, 'Joe Park', 1, 48),
       (3, 2, 'Joe Park', 1, 0);
INSERT INTO person_roles (article_id, person_id, title, organisation_id, organisation_text,
                          start_offset, end_offset) VALUES
  (1, 1, 'Port director', 1, 'Port', 0, 13),
  (2, 1, 'Former port director', 1, 'port', 0, 20),
  (2, 2, 'union chief', 3, NULL, 35, 46);
INSERT INTO quotes (article_id, text, start_offset, end_offset, speaker_text, speaker_name,
                    speaker_kind, speaker_person_id, medium_text, medium_organisation_id,
                    cue, kind, confidence, content, content_start_offset,
                    content_end_offset) VALUES
  (1, 'A good day,', 49, 60, 'Silva', 'Ana Silva', 'person', 1, 'Radio Ellery', 2, 'told',
   'direct', 0.9, '"A good day,"', 48, 61),
  (1, 'the deal was done', 29, 46, 'Port director Ana Silva', 'Ana Silva', 'person', 1, NULL,
   NULL, 'said', 'indirect', 0.8, 'the deal was done', 29, 46),
  (3, 'nothing', 14, 21, NULL, NULL, NULL, NULL, NULL, NULL, 'said', 'indirect', 0.1,
   'nothing', 14, 21);
INSERT INTO article_topics (article_id, topic_id, score, rank)
SELECT a, t.id, s, r FROM (VALUES (1, 'medtop:04000000', 0.9, 1), (2, 'medtop:04000000', 0.4, 2),
                                  (2, 'medtop:11000000', 0.6, 1), (3, 'medtop:11000000', 0.5, 1))
     AS v(a, q, s, r) JOIN topics t ON t.qcode = v.q;
"""


@pytest.fixture
def known_db(db_url):
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(KNOWN_ROWS)
    return db_url


def test_quotes_with_speakers(known_db):
    rows = query(known_db, """
        SELECT quote, speaker, speaker_role, speaker_organisation, medium, article_title,
               article_url, source, kind
        FROM quotes_with_speakers ORDER BY article_id, start_offset""")
    assert rows == [
        ("the deal was done", "Ana Silva", "Port director", "Port Authority of Ellery", None,
         "Port deal signed", "https://example.org/1", "Harbour Times", "indirect"),
        ("A good day,", "Ana Silva", "Port director", "Port Authority of Ellery", "Radio Ellery",
         "Port deal signed", "https://example.org/1", "Harbour Times", "direct"),
        ("nothing", None, None, None, None, None, None, None, "indirect"),
    ]


MIXED_BODY = 'Union chief Joe Park said that the strike was "over for now" and went home.'


def test_quotes_with_speakers_shows_the_attributed_content(known_db):
    """A mixed quote: `quote` is the verbatim words, `content` the reported clause with its
    "that" frame, each with offsets into the body."""
    body = MIXED_BODY
    words = body.index("over for now")
    frame = body.index("that the strike")
    frame_end = body.index('now"') + len('now"')
    with psycopg.connect(known_db, autocommit=True) as conn:
        conn.execute("""
            INSERT INTO articles (id, content_hash, body, word_count, source_path,
                                  extractor_version, load_run_id) OVERRIDING SYSTEM VALUE
            VALUES (4, 'h4', %s, 15, 'd.txt', 'test', 1)""", (body,))
        conn.execute("""
            INSERT INTO quotes (article_id, text, start_offset, end_offset, speaker_text,
                                speaker_name, speaker_kind, speaker_person_id, cue, kind,
                                is_partial, confidence, content, content_start_offset,
                                content_end_offset)
            VALUES (4, 'over for now', %s, %s, 'Union chief Joe Park', 'Joe Park', 'person', 2,
                    'said', 'mixed', true, 0.9, %s, %s, %s)""",
                     (words, words + len("over for now"), body[frame:frame_end], frame, frame_end))
    rows = query(known_db, """
        SELECT v.quote, v.content, v.speaker, v.kind,
               substring(a.body FROM v.content_start_offset + 1
                         FOR v.content_end_offset - v.content_start_offset),
               substring(a.body FROM v.start_offset + 1 FOR v.end_offset - v.start_offset)
        FROM quotes_with_speakers v JOIN articles a ON a.id = v.article_id
        WHERE v.article_id = 4""")
    assert rows == [("over for now", 'that the strike was "over for now"', "Joe Park", "mixed",
                     'that the strike was "over for now"', "over for now")]
    # a direct quote's content is its words with their marks
    assert query(known_db, "SELECT quote, content, content_start_offset, content_end_offset "
                           "FROM quotes_with_speakers WHERE kind = 'direct'") == \
        [("A good day,", '"A good day,"', 48, 61)]


def test_0008_downgrade_takes_the_content_out_of_the_view_and_upgrade_puts_it_back(empty_db_url):
    url = empty_db_url
    columns = ("SELECT column_name FROM information_schema.columns WHERE table_name = "
               "'quotes_with_speakers' AND column_name LIKE 'content%%' ORDER BY 1")
    migrate.upgrade(url)
    assert query(url, columns) == [("content",), ("content_end_offset",),
                                   ("content_start_offset",)]
    with_content = _views(url)
    migrate.downgrade(url, "0007")
    assert query(url, columns) == []
    assert all(_views(url)["quotes_with_speakers"][2].values())
    migrate.upgrade(url)
    assert _views(url) == with_content


def test_article_people_with_roles(known_db):
    rows = query(known_db, """
        SELECT article_id, person, mention_count, roles, role_organisations
        FROM article_people_with_roles ORDER BY article_id, first_offset""")
    assert rows == [
        (1, "Ana Silva", 2, ["Port director"], ["Port Authority of Ellery"]),
        (2, "Ana Silva", 1, ["Former port director"], ["Port Authority of Ellery"]),
        (2, "Joe Park", 1, ["union chief"], ["Dockers Union"]),
        (3, "Joe Park", 1, [], []),
    ]


def test_topic_counts_by_day_counts_articles_per_utc_day(known_db):
    rows = query(known_db, """
        SELECT day::text, qcode, articles, main_topic_articles FROM topic_counts_by_day
        ORDER BY day NULLS LAST, qcode""")
    # Article 1 was published at 23:30 UTC on 4 May: its day is the 4th in any session time zone.
    assert rows == [("2026-05-04", "medtop:04000000", 1, 1),
                    ("2026-05-05", "medtop:04000000", 1, 0),
                    ("2026-05-05", "medtop:11000000", 1, 1),
                    (None, "medtop:11000000", 1, 1)]
    with psycopg.connect(known_db) as conn:
        conn.execute("SET TIME ZONE 'Asia/Tokyo'")
        days = conn.execute("SELECT DISTINCT day::text FROM topic_counts_by_day "
                            "WHERE day IS NOT NULL ORDER BY 1").fetchall()
    assert days == [("2026-05-04",), ("2026-05-05",)]


def test_person_co_mentions_lists_each_pair_once(known_db):
    rows = query(known_db,
                 "SELECT person_a, person_b, articles, article_ids FROM person_co_mentions")
    assert rows == [("Ana Silva", "Joe Park", 1, [2])]


def test_organisation_people(known_db):
    rows = query(known_db, """
        SELECT organisation, person, titles, articles, first_published_at::date::text
        FROM organisation_people ORDER BY organisation, person""")
    assert rows == [
        ("Dockers Union", "Joe Park", ["union chief"], 1, "2026-05-05"),
        ("Port Authority of Ellery", "Ana Silva", ["Former port director", "Port director"], 2,
         "2026-05-04"),
    ]


# ----------------------------------------------------------------------- search

def test_search_vectors_follow_the_text(known_db):
    def titles(words: str) -> list[tuple]:
        return query(known_db, "SELECT title FROM articles WHERE search_vector @@ "
                               "websearch_to_tsquery('english', %s) ORDER BY id", (words,))
    assert titles("deal") == [("Port deal signed",)]
    assert titles("stepping down") == [("Silva steps down",)]      # stemmed, title only
    with psycopg.connect(known_db, autocommit=True) as conn:
        conn.execute("UPDATE articles SET body = 'The ferry was cancelled.' WHERE id = 3")
    assert titles("ferries") == [(None,)]
    assert query(known_db, "SELECT text FROM quotes WHERE search_vector @@ "
                           "websearch_to_tsquery('english', 'good days')") == [("A good day,",)]


def test_fuzzy_name_lookup_uses_the_trigram_index(known_db):
    assert query(known_db, "SELECT name FROM people WHERE name % 'Anna Silva'") == [("Ana Silva",)]
    assert query(known_db, "SELECT name FROM organisations WHERE name % 'Dokers Union'") == \
        [("Dockers Union",)]
    with psycopg.connect(known_db) as conn:
        conn.execute("SET enable_seqscan = off")
        for table in ("people", "organisations"):
            plan = "\n".join(r[0] for r in conn.execute(
                f"EXPLAIN SELECT name FROM {table} WHERE name % 'x'").fetchall())
            assert f"ix_{table}_name_trgm" in plan, plan
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT id FROM articles WHERE search_vector @@ "
            "websearch_to_tsquery('english', 'port')").fetchall())
        assert "ix_articles_search_vector" in plan, plan


# ----------------------------------------------------------------------- the reader role

def test_a_login_in_the_reader_role_can_read_but_not_write(known_db):
    login = f"newsetl_test_analyst_{uuid.uuid4().hex[:8]}"
    from sqlalchemy.engine import make_url
    admin = make_url(known_db)
    with psycopg.connect(known_db, autocommit=True) as conn:
        # The README's recipe, word for word apart from the name and password.
        conn.execute(f"CREATE ROLE {login} LOGIN PASSWORD 'analyst-secret' IN ROLE {READER}")
        # A table a later migration adds is readable too (default privileges).
        conn.execute("CREATE TABLE added_later (x int)")
    analyst = admin.set(username=login, password="analyst-secret").render_as_string(
        hide_password=False)
    try:
        with psycopg.connect(analyst, autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)
            assert conn.execute("SELECT count(*) FROM quotes_with_speakers").fetchone() == (3,)
            assert conn.execute("SELECT count(*) FROM added_later").fetchone() == (0,)
            # Search and fuzzy lookup need nothing more than SELECT.
            assert conn.execute("SELECT name FROM people WHERE name % 'Anna Silva'"
                                ).fetchall() == [("Ana Silva",)]
            assert conn.execute("SELECT count(*) FROM articles WHERE search_vector @@ "
                                "websearch_to_tsquery('english', 'deal')").fetchone() == (1,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO sources (name) VALUES ('Intruder')")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("DELETE FROM articles")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("CREATE TABLE mine (x int)")
    finally:
        with psycopg.connect(known_db, autocommit=True) as conn:
            conn.execute(f"DROP ROLE {login}")


def test_reader_role_is_nologin_and_documented(db_url):
    rows = query(db_url, "SELECT rolcanlogin, shobj_description(oid, 'pg_authid') "
                         "FROM pg_roles WHERE rolname = %s", (READER,))
    assert rows and rows[0][0] is False
    readme = (ROOT / "README.md").read_text()
    assert f"IN ROLE {READER}" in readme


# ----------------------------------------------------------------------- downgrade

def test_downgrade_to_0001_removes_everything_0002_added(empty_db_url):
    url = empty_db_url
    migrate.upgrade(url)
    migrate.downgrade(url, "0001")
    assert query(url, "SELECT count(*) FROM pg_views WHERE schemaname = 'public'") == [(0,)]
    assert query(url, "SELECT count(*) FROM information_schema.columns "
                      "WHERE column_name = 'search_vector'") == [(0,)]
    assert query(url, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%%trgm%%' "
                      "OR indexname LIKE '%%search_vector%%'") == [(0,)]
    assert query(url, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'") == [(0,)]
    assert query(url, "SELECT count(*) FROM pg_default_acl") == [(0,)]
    # The role is cluster-wide: other databases on the server may still use it, so it may
    # stay; this database grants it nothing any more.
    assert query(url, "SELECT count(*) FROM pg_shdepend d JOIN pg_database db ON db.oid = d.dbid "
                      "WHERE db.datname = current_database() AND d.refobjid = "
                      "(SELECT oid FROM pg_roles WHERE rolname = %s)", (READER,)) == [(0,)]
    acl = query(url, "SELECT datacl::text FROM pg_database WHERE datname = current_database()")
    assert READER not in (acl[0][0] or "")
    migrate.upgrade(url)
    migrate.check(url)
    assert set(_views(url)) == VIEWS

