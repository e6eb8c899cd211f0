"""docker-compose.yml and the Dockerfile, read as files (no Docker engine is needed): every port
is published on the loopback address only, and every newsetl service runs the one image built
from this repository, which holds everything `pip install .` needs."""
from __future__ import annotations

import fnmatch
import tomllib

import yaml

from conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_every_published_port_is_on_the_loopback_address_only():
    published = {name: s["ports"] for name, s in SERVICES.items() if s.get("ports")}
    assert set(published) == {"db", "scheduler"}
    for name, ports in published.items():
        for port in ports:
            assert port.startswith("127.0.0.1:"), (name, port)


def test_newsetl_services_share_the_image_built_here_and_mount_no_source():
    ours = {name: s for name, s in SERVICES.items() if name != "db"}
    assert set(ours) == {"migrate", "scheduler", "worker"}
    for name, s in ours.items():
        assert (s["build"], s["image"]) == (".", "newsetl:local"), name
        assert not any(v.split(":")[0] in ("./", ".") for v in s.get("volumes", [])), name
    assert SERVICES["worker"]["deploy"]["replicas"] == 2
    assert SERVICES["scheduler"]["profiles"] == SERVICES["worker"]["profiles"] == ["cluster"]
    assert SERVICES["worker"]["command"][:3] == ["dask", "worker", "tcp://scheduler:8786"]


def test_the_image_gets_every_file_the_package_is_built_from():
    ignore = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
              if line.strip() and not line.startswith("#")]

    def sent(path: str) -> bool:        # .dockerignore semantics: the last matching rule wins
        keep = True
        for rule in ignore:
            negated = rule.startswith("!")
            pattern = rule.lstrip("!")
            if fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/"):
                keep = negated
        return keep

    copied = {src for line in (ROOT / "Dockerfile").read_text().splitlines()
              if line.startswith("COPY ") for src in line.split()[1:-1]}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    needed = ["pyproject.toml", project["project"]["readme"], "etl/cli.py",
              "migrations/env.py", "migrations/data/iptc-mediatopics-2025-10-09.csv.gz"]
    for path in needed:
        assert sent(path), path
        assert path.split("/")[0] in copied, path
    assert not sent(".venv/bin/python") and not sent("tests/conftest.py")


def test_the_database_gets_memory_and_checkpoint_settings_each_overridable_in_env():
    command = SERVICES["db"]["command"]
    assert command[0] == "postgres"
    settings = dict(a.split("=", 1) for a in command[1:] if a != "-c")
    assert settings == {"shared_buffers": "${POSTGRES_SHARED_BUFFERS:-1GB}",
                        "max_wal_size": "${POSTGRES_MAX_WAL_SIZE:-8GB}"}
    env = dict(line.split("=", 1) for line in (ROOT / ".env.example").read_text().splitlines()
               if line and not line.startswith("#"))
    assert (env["POSTGRES_SHARED_BUFFERS"], env["POSTGRES_MAX_WAL_SIZE"]) == ("1GB", "8GB")
