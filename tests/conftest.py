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
