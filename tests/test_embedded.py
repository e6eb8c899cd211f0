"""The embedded server: created on first use, reachable over TCP, stopped and restarted."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import psycopg

from etl.db.embedded import EmbeddedServer


def test_embedded_server_lifecycle(monkeypatch, run_cli):
    home = Path(tempfile.mkdtemp(prefix="newsetl-test-"))
    monkeypatch.setenv("NEWSETL_HOME", str(home))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    r = run_cli("db", "url")
    assert r.exit_code == 0, r.output
    url = r.output.strip()
    assert url.startswith("postgresql://postgres@127.0.0.1:") and url.endswith("/newsetl")
    with psycopg.connect(url) as c:
        assert c.execute("SHOW server_version_num").fetchone()[0] >= "140000"
    status = run_cli("db", "status").output
    assert "running:   yes" in status and str(home / "pgdata") in status
    assert run_cli("db", "stop").output.strip() == "embedded PostgreSQL stopped"
    assert "running:   no" in run_cli("db", "status").output
    assert run_cli("db", "start").exit_code == 0
    assert EmbeddedServer(home).url() == url    # same port, same data after a restart
    assert EmbeddedServer(home).stop()
    shutil.rmtree(home)
