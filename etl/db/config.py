"""Which database: --database-url, else $DATABASE_URL, else the embedded server."""
from __future__ import annotations

import os
import re


def resolve_url(explicit: str | None = None, start_embedded: bool = True) -> str:
    """A libpq URL (postgresql://...) for the database newsetl should use."""
    url = explicit or os.environ.get("DATABASE_URL")
    if url:
        return libpq_url(url)
    from etl.db.embedded import EmbeddedServer
    server = EmbeddedServer()
    return server.ensure_running() if start_embedded else server.url()


def libpq_url(url: str) -> str:
    """'postgresql+psycopg://...' or 'postgres://...' -> 'postgresql://...'."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


def without_password(url: str) -> tuple[str, str | None]:
    """The URL with its password taken out, and the password: a program's arguments are
    visible to every user of the machine (ps), its environment is not."""
    from urllib.parse import unquote, urlsplit, urlunsplit
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


def connect(url: str, **kwargs):
    """A psycopg connection; an unreachable server or a refused login is a DatabaseError."""
    import psycopg

    from etl.errors import DatabaseError
    try:
        return psycopg.connect(url, **kwargs)
    except psycopg.OperationalError as e:
        raise DatabaseError(f"cannot connect to the database: {str(e).strip()}") from e
