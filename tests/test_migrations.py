"""Migrations: upgrade -> check -> downgrade base -> upgrade, with data present."""
from __future__ import annotations

from conftest import SAMPLES, query


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
