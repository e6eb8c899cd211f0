"""Tests run against a real PostgreSQL: $DATABASE_URL's server when set, else an embedded one
started for the test session. Each test that needs a database gets a fresh one, cloned from a
template database that is migrated once."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from hypothesis import settings

# Property-based tests: a short run by default (CI), a long one with HYPOTHESIS_PROFILE=dev.
settings.register_profile("ci", max_examples=40, deadline=None)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

from etl.db.config import libpq_url

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "samples" / "000_1e467b8f37524241.txt"
TEMPLATE = f"newsetl_test_template_{os.getpid()}"


def _with_db(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server_url() -> str:
    """A maintenance URL (database 'postgres') on the server the tests use."""
    env = os.environ.get("DATABASE_URL")
    if env:
        yield _with_db(libpq_url(env), "postgres")
        return
    from etl.db.embedded import EmbeddedServer
    # Not under pytest's tmp_path: pytest prunes old tmp_path folders when other pytest runs
    # start, which would delete the data directory under a running server.
    home = Path(tempfile.mkdtemp(prefix="newsetl-test-"))
    server = EmbeddedServer(home)
    server.ensure_running()
    yield server.url("postgres")
    server.stop()
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def template_db(server_url) -> str:
    from etl.db import migrate
    with psycopg.connect(server_url, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
        c.execute(f'CREATE DATABASE "{TEMPLATE}"')
    migrate.upgrade(_with_db(server_url, TEMPLATE))
    yield TEMPLATE
    with psycopg.connect(server_url, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')


def _create(server_url: str, template: str | None) -> tuple[str, str]:
    name = f"newsetl_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name, _with_db(server_url, name)


def _drop(server_url: str, name: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db_url(server_url, template_db) -> str:
    """A fresh database at the latest schema revision, dropped after the test."""
    name, url = _create(server_url, template_db)
    yield url
    _drop(server_url, name)


@pytest.fixture
def empty_db_url(server_url) -> str:
    """A fresh, empty database (no schema)."""
    name, url = _create(server_url, None)
    yield url
    _drop(server_url, name)


@pytest.fixture
def run_cli():
    """Invoke the newsetl command in-process; returns click's Result."""
    from etl.cli import cli

    def run(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input,
                                  catch_exceptions=False)
    return run


def query(url: str, sql: str, params=None) -> list[tuple]:
    with psycopg.connect(url) as c:
        return c.execute(sql, params).fetchall()


def words_in_order(text: str, span: str) -> bool:
    """A quote joined from pieces ("A," he said, "B.") spans them all: its words appear in the
    span, in the same order."""
    import re
    it = iter(re.findall(r"\w+", span))
    return all(w in it for w in re.findall(r"\w+", text))


# How a row of each referenced table is named in a comparison, as an expression over `r`.
NATURAL_KEYS = {"articles": "r.content_hash", "people": "r.key", "organisations": "r.key",
                "topics": "r.qcode", "sources": "r.name",
                "quotes": "(SELECT a.content_hash FROM articles a WHERE a.id = r.article_id) "
                          "|| ':' || r.start_offset || ':' || r.end_offset"}
# Columns that hold an id of people or of organisations, as their row's `kind` says.
ENTITY_IDS = {"entity_keys.entity_id", "entity_names.entity_id"}


def contents(url: str, ignore: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every newsetl table's rows, every column, except what differs between two databases that
    hold the same data: generated ids (a reference to another row shows that row's natural key
    instead), the load run, timestamps the database stamps, and the `ignore`d "table.column"s."""
    with psycopg.connect(url) as c:
        fks = dict(c.execute("""
            SELECT tc.table_name || '.' || kcu.column_name, ccu.table_name
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
            JOIN information_schema.constraint_column_usage ccu
                 USING (constraint_schema, constraint_name)
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'""").fetchall())
        columns = c.execute("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND is_identity = 'NO'
              AND coalesce(column_default, '') NOT LIKE '%%now()%%'
              AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')
              AND table_name NOT IN ('alembic_version', 'load_runs', 'load_errors')
            ORDER BY table_name, ordinal_position""").fetchall()
        tables: dict[str, list[str]] = {}
        for table, column in columns:
            ref = fks.get(f"{table}.{column}")
            if ref == "entity_occurrences":     # (article_id, kind, entity_index) of one
                ref = "articles" if column == "article_id" else None
            if ref == "load_runs" or f"{table}.{column}" in ignore:
                continue
            if f"{table}.{column}" in ENTITY_IDS:
                column = (f"CASE t.kind WHEN 'person' THEN (SELECT {NATURAL_KEYS['people']} "
                          f"FROM people r WHERE r.id = t.{column}) ELSE (SELECT "
                          f"{NATURAL_KEYS['organisations']} FROM organisations r "
                          f"WHERE r.id = t.{column}) END AS {column}")
            elif ref:
                column = (f"(SELECT {NATURAL_KEYS[ref]} FROM {ref} r "
                          f"WHERE r.id = t.{column}) AS {column}")
            else:
                column = f"t.{column}::text"
            tables.setdefault(table, []).append(column)
        return {t: sorted(c.execute(f"SELECT {', '.join(cols)} FROM {t} t").fetchall(),
                          key=repr) for t, cols in tables.items()}


# Where an article read by two concurrent runs was read from depends on which run got there
# first; everything else must not.
FIRST_READ_FROM = frozenset({"articles.source_path", "articles.source_line"})


def assert_same_contents(a: dict, b: dict) -> None:
    """contents() of two databases are equal; else name the first table that differs."""
    for table in sorted(set(a) | set(b)):
        only_a = [r for r in a.get(table, []) if r not in b.get(table, [])]
        only_b = [r for r in b.get(table, []) if r not in a.get(table, [])]
        assert (only_a, only_b) == ([], []), f"{table} differs"
        assert len(a[table]) == len(b[table]), f"{table} has duplicates in one database"
