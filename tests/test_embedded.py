"""The embedded server: created on first use, reachable over TCP with its password only,
stopped and restarted; under root, nothing outside its data home is opened up."""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from etl.db.config import sqlalchemy_url
from etl.db.embedded import EmbeddedServer, bin_dir


@pytest.fixture
def home(monkeypatch):
    """An empty data home (not under pytest's tmp_path, which other pytest runs prune)."""
    path = Path(tempfile.mkdtemp(prefix="newsetl-test-"))
    monkeypatch.setenv("NEWSETL_HOME", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(path / "no-such-file"))   # libpq finds no password
    yield path
    EmbeddedServer(path).stop()
    shutil.rmtree(path, ignore_errors=True)


def _without_password(url: str, password: str) -> str:
    return url.replace(f":{password}@", "@")


def test_embedded_server_lifecycle_and_password(home, run_cli):
    r = run_cli("db", "url")
    assert r.exit_code == 0, r.output
    url = r.output.strip()
    password = EmbeddedServer(home).password()
    assert len(password) >= 24
    assert url.startswith(f"postgresql://postgres:{password}@127.0.0.1:")
    assert url.endswith("/newsetl")
    with psycopg.connect(url) as c:
        assert c.execute("SHOW server_version_num").fetchone()[0] >= "140000"
    engine = create_engine(sqlalchemy_url(url))        # SQLAlchemy takes it as it is
    with engine.connect() as c:
        assert c.execute(text("SELECT current_user")).scalar() == "postgres"
    engine.dispose()
    status = run_cli("db", "status").output
    assert "running:   yes" in status and str(home / "pgdata") in status
    assert str(home / "pgpass") in status
    assert run_cli("db", "stop").output.strip() == "embedded PostgreSQL stopped"
    assert "running:   no" in run_cli("db", "status").output
    assert run_cli("db", "start").exit_code == 0
    assert EmbeddedServer(home).url() == url    # same port, same password after a restart
    server = EmbeddedServer(home)
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(_without_password(url, password), connect_timeout=5)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(url.replace(password, "not-" + password), connect_timeout=5)
    assert stat.S_IMODE((home / "pgpass").stat().st_mode) == 0o600
    assert stat.S_IMODE(server.pgdata.stat().st_mode) == 0o700
    assert (home / "pgpass").read_text().startswith(f"127.0.0.1:*:*:postgres:{password}\n")


def test_a_cluster_that_trusted_local_connections_gets_a_password(home):
    server = EmbeddedServer(home)
    server.ensure_running()
    old_password = server.password()
    with psycopg.connect(server.url(), autocommit=True) as c:
        c.execute("CREATE TABLE kept (x int)")
        c.execute("ALTER ROLE postgres PASSWORD NULL")
    # what an older newsetl left: trust for every local connection, no password file
    (server.pgdata / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
    (home / "pgpass").unlink()
    server.stop()
    url = server.ensure_running()
    password = server.password()
    assert password and password != old_password
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(_without_password(url, password), connect_timeout=5)
    with psycopg.connect(url) as c:
        assert c.execute("SELECT count(*) FROM kept").fetchone() == (0,)
    assert stat.S_IMODE((home / "pgpass").stat().st_mode) == 0o600


def _modes(paths) -> dict:
    return {str(p): (os.lstat(p).st_mode, os.lstat(p).st_uid, os.lstat(p).st_gid) for p in paths}


def _outside(home: Path) -> list[Path]:
    """Everything newsetl used to open up: the folders above the data home, the installed
    binaries and the folders above them."""
    pginstall = bin_dir().parent
    tree = [Path(d) / n for d, dirs, files in os.walk(pginstall) for n in dirs + files]
    return [*home.parents, pginstall, *pginstall.parents, *tree]


root_only = pytest.mark.skipif(os.geteuid() != 0,
                               reason="only root hands the server to a system user")


@root_only
def test_as_root_nothing_outside_the_data_home_changes(home):
    outer = Path(tempfile.mkdtemp(prefix="newsetl-test-"))
    try:
        outer.chmod(0o711)                 # passable, not readable, by other users
        data_home = outer / "data"
        before = _modes(_outside(data_home))
        server = EmbeddedServer(data_home)
        with psycopg.connect(server.ensure_running()) as c:
            assert c.execute("SELECT 1").fetchone() == (1,)
        assert _modes(_outside(data_home)) == before
        assert data_home.stat().st_uid != 0 and stat.S_IMODE(data_home.stat().st_mode) == 0o700
        server.stop()
    finally:
        shutil.rmtree(outer, ignore_errors=True)


@root_only
def test_as_root_a_data_home_the_server_cannot_reach_is_refused(home, run_cli, monkeypatch):
    outer = Path(tempfile.mkdtemp(prefix="newsetl-test-"))      # mode 0700, root's
    try:
        monkeypatch.setenv("NEWSETL_HOME", str(outer / "data"))
        before = _modes(_outside(outer / "data"))
        r = run_cli("db", "start")
        assert r.exit_code == 1
        assert f"{outer} is closed to that user" in r.output and "NEWSETL_HOME" in r.output
        assert "Traceback" not in r.output
        assert _modes(_outside(outer / "data")) == before
    finally:
        shutil.rmtree(outer, ignore_errors=True)


def test_can_run_tree_sees_what_another_user_cannot_read():
    import pwd
    from etl.db.service_user import blocking_folder, can_run_tree
    nobody = pwd.getpwnam("nobody")
    tmp = Path(tempfile.mkdtemp(prefix="newsetl-test-"))
    tmp.chmod(0o755)
    tree = tmp / "tree"
    (tree / "bin").mkdir(parents=True)
    (tree / "bin" / "postgres").write_text("")
    tree.chmod(0o755)
    (tree / "bin").chmod(0o755)
    if blocking_folder(tree, nobody) is not None:
        pytest.skip("the temporary folder is closed to other users")
    (tree / "bin" / "postgres").chmod(0o755)
    assert can_run_tree(tree, nobody)
    (tree / "bin" / "postgres").chmod(0o700)
    assert not can_run_tree(tree, nobody)
    (tree / "bin" / "postgres").chmod(0o755)
    (tree / "bin").chmod(0o700)
    assert not can_run_tree(tree, nobody)
    assert blocking_folder(tree / "bin" / "postgres", nobody) == tree / "bin"
    shutil.rmtree(tmp)


def test_without_password_keeps_the_rest_of_the_url():
    from etl.db.config import without_password
    assert without_password("postgresql://postgres:s3cr%40t@127.0.0.1:54329/newsetl") == (
        "postgresql://postgres@127.0.0.1:54329/newsetl", "s3cr@t")
    assert without_password("postgresql://me@host/db?sslmode=require") == (
        "postgresql://me@host/db?sslmode=require", None)
