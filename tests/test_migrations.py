"""Migrations: upgrade -> check -> downgrade base -> upgrade, with data present."""
from __future__ import annotations

from conftest import SAMPLES, query
from etl import EXTRACTOR_VERSION


def test_upgrade_check_downgrade_upgrade_with_data(empty_db_url, run_cli):
    url = empty_db_url
    r = run_cli("db", "upgrade", "--database-url", url)
    assert r.exit_code == 0, r.output
    r = run_cli("db", "check", "--database-url", url)
    assert r.exit_code == 0 and "matches the models" in r.output
    assert run_cli("load", SAMPLES, "--database-url", url).exit_code == 0
    assert query(url, "SELECT count(*) FROM articles") == [(5,)]
    r = run_cli("db", "downgrade", "base", "--database-url", url)
    assert r.exit_code == 0, r.output
    tables = query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version'")
    assert tables == []
    assert run_cli("db", "upgrade", "--database-url", url).exit_code == 0
    assert run_cli("db", "check", "--database-url", url).exit_code == 0
    assert query(url, "SELECT count(*) FROM topics WHERE level = 1") == [(17,)]
    assert run_cli("load", SAMPLES, "--database-url", url).exit_code == 0


def test_current_reports_both_revisions(db_url, run_cli):
    from etl.db.migrate import head_revision
    r = run_cli("db", "current", "--database-url", db_url)
    assert r.exit_code == 0
    assert f"database: {head_revision()}" in r.output
    assert f"latest:   {head_revision()}" in r.output


def test_check_fails_on_an_empty_database(empty_db_url, run_cli):
    r = run_cli("db", "check", "--database-url", empty_db_url)
    assert r.exit_code == 1
    assert "run `newsetl db upgrade`" in r.output


def test_first_load_creates_the_schema(empty_db_url, run_cli):
    assert run_cli("load", SAMPLES, "--database-url", empty_db_url).exit_code == 0
    assert query(empty_db_url, "SELECT count(*) FROM articles") == [(5,)]


def test_plain_alembic_upgrade_with_database_url(empty_db_url):
    import os
    import subprocess
    import sys
    from conftest import ROOT
    env = dict(os.environ, DATABASE_URL=empty_db_url)
    proc = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert query(empty_db_url, "SELECT count(*) FROM topics") == [(1392,)]


def test_every_table_and_column_has_a_comment(db_url):
    missing_tables = query(db_url, """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm')
          AND c.relname <> 'alembic_version' AND obj_description(c.oid, 'pg_class') IS NULL""")
    assert missing_tables == []
    missing_columns = query(db_url, """
        SELECT c.relname, a.attname FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND a.attnum > 0
          AND NOT a.attisdropped AND c.relname <> 'alembic_version'
          AND col_description(c.oid, a.attnum) IS NULL""")
    assert missing_columns == []


def test_load_on_a_database_behind_head_says_so(empty_db_url, run_cli):
    from etl.db.migrate import head_revision
    assert run_cli("db", "upgrade", "0001", "--database-url", empty_db_url).exit_code == 0
    r = run_cli("load", SAMPLES, "--database-url", empty_db_url)
    assert r.exit_code == 1
    assert "schema is at revision 0001" in r.output and "newsetl db upgrade" in r.output
    assert query(empty_db_url, "SELECT count(*) FROM articles") == [(0,)]
    r = run_cli("load", SAMPLES, "--upgrade", "--database-url", empty_db_url)
    assert r.exit_code == 0, r.output
    assert query(empty_db_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


def _topics_of_articles(url):
    return query(url, "SELECT a.content_hash, t.qcode, t.label, at.score, at.rank FROM article_topics at "
                      "JOIN articles a ON a.id = at.article_id JOIN topics t ON t.id = at.topic_id "
                      "ORDER BY 1, 2")


def test_upgrade_from_0001_with_articles_present_keeps_their_topics(empty_db_url, run_cli):
    """Data written at 0001 (with raw SQL, as that revision's loader would) survives every later
    revision unchanged."""
    url = empty_db_url
    assert run_cli("db", "upgrade", "0001", "--database-url", url).exit_code == 0
    query(url, """
        WITH run AS (INSERT INTO load_runs (command, extractor_version, newsetl_version)
                     VALUES ('load', 'old', 'old') RETURNING id),
             art AS (INSERT INTO articles (content_hash, body, word_count, source_path,
                                           extractor_version, load_run_id)
                     SELECT 'h1', 'Parliament passed the budget.', 4, 'a.txt', 'old', id FROM run
                     RETURNING id)
        INSERT INTO article_topics (article_id, topic_id, score, rank)
        SELECT art.id, t.id, s.score, s.rank FROM art,
               (VALUES ('medtop:11000000', 0.7, 1), ('medtop:04000000', 0.3, 2)) s(qcode, score, rank)
        JOIN topics t ON t.qcode = s.qcode RETURNING article_id""")
    before = _topics_of_articles(url)
    assert [r[1] for r in before] == ["medtop:04000000", "medtop:11000000"]
    assert run_cli("db", "upgrade", "--database-url", url).exit_code == 0
    assert _topics_of_articles(url) == before


def test_the_migrated_taxonomy_is_the_one_the_extractor_assigns(db_url):
    """A new IPTC release in the package needs a data migration: the topics the extraction
    assigns must be the rows the migrations create."""
    from etl.extract.topics.taxonomy import load_taxonomy
    rows = query(db_url, "SELECT c.qcode, p.qcode, c.level, c.label, c.definition, c.retired, "
                         "c.wikidata_id FROM topics c LEFT JOIN topics p ON p.id = c.parent_id "
                         "ORDER BY c.qcode")
    expected = sorted((t.qcode, t.parent, t.level, t.label, t.definition, t.retired, t.wikidata)
                      for t in load_taxonomy().values())
    assert rows == expected


def test_released_migrations_read_no_live_package_data():
    """A migration works from what it was released with (its own code and frozen files under
    migrations/data/), never from modules or data of the package that later releases change."""
    import ast
    from conftest import ROOT
    allowed = {"etl.db.config", "etl.db.schema",   # env.py's URL resolution, the models for `check`
               # 0004 derives the name keys of stored articles with the code every later load
               # uses, so that the keys it writes are the keys later runs compare them with;
               # reference data (the taxonomy) is frozen instead.
               "etl.resolve.occurrences"}
    for path in sorted((ROOT / "migrations" / "versions").glob("0*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("etl"):
                assert node.module in allowed, f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("etl"), f"{path.name} imports {alias.name}"
def test_every_foreign_key_column_has_an_index(db_url):
    missing = query(db_url, """
        SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                          AND i.indkey[0] = c.conkey[1])
        ORDER BY 1, 2""")
    assert missing == []
    assert query(db_url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                         "AND connamespace = 'public'::regnamespace")[0][0] >= 20


def test_upgrade_from_0001_to_head_keeps_the_articles(empty_db_url, run_cli):
    url = empty_db_url
    assert run_cli("db", "upgrade", "0001", "--database-url", url).exit_code == 0
    with __import__("psycopg").connect(url) as c:     # what a load at 0001 wrote
        (run,) = c.execute("INSERT INTO load_runs (command, extractor_version, newsetl_version, "
                           "status) VALUES ('load', '1', '0.1', 'succeeded') RETURNING id"
                           ).fetchone()
        c.execute("INSERT INTO articles (content_hash, title, body, word_count, source_path, "
                  "extractor_version, load_run_id) VALUES ('h1', 'Bridge vote', "
                  "'The council voted on the bridge repairs.', 7, 'a.txt', '1', %s)", (run,))
    r = run_cli("db", "upgrade", "--database-url", url)
    assert r.exit_code == 0, r.output
    assert run_cli("db", "check", "--database-url", url).exit_code == 0
    assert query(url, "SELECT title FROM articles WHERE search_vector @@ "
                      "websearch_to_tsquery('english', 'bridge repairs')") == [("Bridge vote",)]
    # the old article is re-extracted by reprocess, and a load works
    assert run_cli("reprocess", "--database-url", url).exit_code == 0
    assert query(url, "SELECT extractor_version FROM articles") == [(EXTRACTOR_VERSION,)]
    assert run_cli("load", SAMPLES, "--database-url", url).exit_code == 0
    assert query(url, "SELECT count(*) FROM articles") == [(6,)]


def test_two_migrators_at_once(empty_db_url):
    from test_robustness import newsetl
    from etl.db.migrate import head_revision
    procs = [newsetl("db", "upgrade", "--database-url", empty_db_url) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert f"database at revision {head_revision()}" in out
    assert query(empty_db_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert query(empty_db_url, "SELECT count(*) FROM topics") == [(1392,)]


def test_a_migrating_user_who_may_not_create_roles(server_url, run_cli):
    import uuid
    import psycopg
    from sqlalchemy.engine import make_url
    user, name = f"newsetl_test_{uuid.uuid4().hex[:8]}", f"newsetl_test_{uuid.uuid4().hex[:10]}"
    password = uuid.uuid4().hex
    with psycopg.connect(server_url, autocommit=True) as c:
        c.execute(f"CREATE ROLE {user} LOGIN NOCREATEROLE NOCREATEDB PASSWORD '{password}'")
        c.execute(f'CREATE DATABASE "{name}" OWNER {user}')
    url = make_url(server_url).set(username=user, password=password, database=name)
    url = url.render_as_string(hide_password=False)
    try:
        r = run_cli("db", "upgrade", "--database-url", url)
        assert r.exit_code == 0, r.output
        assert run_cli("db", "check", "--database-url", url).exit_code == 0
        assert run_cli("load", SAMPLES, "--database-url", url).exit_code == 0
        assert query(url, "SELECT count(*) FROM articles") == [(5,)]
    finally:
        with psycopg.connect(server_url, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f"DROP OWNED BY {user}")   # grants it holds elsewhere (none expected)
            c.execute(f"DROP ROLE {user}")
def test_0005_fills_content_kind_and_pieces_of_stored_quotes(empty_db_url, run_cli):
    """Rows written under 0002 (text = the attributed content) gain content, kind and pieces;
    the downgrade puts the content back into text."""
    url = empty_db_url
    assert run_cli("db", "upgrade", "0002", "--database-url", url).exit_code == 0
    body = 'Rutte said that "it is important". "We agree," she said.'
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"""
        INSERT INTO load_runs (command, extractor_version, newsetl_version) VALUES ('load', 'x', 'y');
        INSERT INTO articles (content_hash, body, word_count, source_path, extractor_version,
                              load_run_id)
        VALUES ('h', '{body}', 9, 'a.txt', 'x', 1);
        INSERT INTO quotes (article_id, text, start_offset, end_offset, is_partial, kind,
                            confidence) VALUES
          (1, 'that "it is important"', 11, 33, true, 'direct', 0.9),
          (1, 'We agree,', 36, 45, false, 'direct', 0.9)""")
    assert run_cli("db", "upgrade", "--database-url", url).exit_code == 0
    assert query(url, """
        SELECT text, content, content_start_offset, content_end_offset, kind,
               (SELECT array_agg(ARRAY[start_offset, end_offset] ORDER BY position)
                FROM quote_pieces p WHERE p.quote_id = q.id)
        FROM quotes q ORDER BY start_offset""") == [
        ('that "it is important"', 'that "it is important"', 11, 33, "mixed", [[11, 33]]),
        ("We agree,", "We agree,", 36, 45, "direct", [[36, 45]]),
    ]
    assert run_cli("db", "check", "--database-url", url).exit_code == 0
    assert run_cli("db", "downgrade", "0002", "--database-url", url).exit_code == 0
    assert query(url, "SELECT text, kind FROM quotes ORDER BY start_offset") == [
        ('that "it is important"', "direct"), ("We agree,", "direct")]
