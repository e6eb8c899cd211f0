"""The `newsetl` command: a thin layer over the library. Errors become `Error: ...`, exit 1."""
from __future__ import annotations

import functools
import json
import os
import shutil
import sys

import click

from etl import __version__
from etl.errors import EtlError, InputError


def _reports_errors(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except EtlError as e:
            raise click.ClickException(str(e)) from e
    return wrapper


database_url_option = click.option(
    "--database-url", envvar="DATABASE_URL", metavar="URL",
    help="PostgreSQL to use (also $DATABASE_URL). Default: newsetl's embedded server.")


def _url(database_url: str | None) -> str:
    from etl.db.config import resolve_url
    return resolve_url(database_url)


def _model_option(fn):
    from etl.profile import PROFILES, PROFILE_ENV, use_profile

    def chosen(ctx, param, value):
        use_profile(value)
        return value

    return click.option(
        "--model", type=click.Choice(PROFILES), default="fast", show_default=True,
        envvar=PROFILE_ENV, callback=chosen, expose_value=False, is_eager=True,
        help="fast: spaCy's model under the rules. accurate: a transformer tagger also "
             "decides who is a person and what an organisation, at about 1.7 times the "
             f"extraction time (also ${PROFILE_ENV}).")(fn)


def input_options(fn):
    fn = click.option("--format", "fmt", type=click.Choice(["txt", "jsonl", "json", "html", "warc"]),
                      help="Read every input as this format (default: by extension and "
                           "content).")(fn)
    fn = click.option("--field", "fields", multiple=True, metavar="NAME=KEY",
                      help="JSON key holding a field, e.g. --field text=content "
                           "--field title=headline (fields: text, title, url, published_at, "
                           "source, id).")(fn)
    return fn


def _read_options(fmt, fields) -> dict:
    mapping = {}
    for f in fields:
        name, sep, key = f.partition("=")
        if not sep or not name or not key:
            raise click.BadParameter(f"expected NAME=KEY, got {f!r}", param_hint="--field")
        mapping[name.strip()] = key.strip()
    opts = {}
    if fmt:
        opts["format"] = fmt
    if mapping:
        opts["fields"] = mapping
    return opts


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsetl")
def cli():
    """Turn news articles into a PostgreSQL database of articles, people, organisations,
    quotes and topics.

    Example: newsetl load samples/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@database_url_option
@input_options
@click.option("--batch-size", default=64, show_default=True,
              help="Articles written per transaction.")
@click.option("--upgrade", is_flag=True, help="Upgrade the database schema first if it is behind.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for the extraction (up to the number of cores helps).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the extraction on a Dask cluster: its scheduler's address "
                   "(tcp://host:8786), or local:N for N worker processes on this machine. "
                   "PATHS may then be fsspec URLs (s3://..., gs://...) the workers can open.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@_model_option
@_reports_errors
def load(paths, database_url, fmt, fields, batch_size, upgrade, workers, scheduler, quiet):
    """Read articles from PATHS, extract, and load them into PostgreSQL.

    PATHS are files (.txt, .jsonl), directories (read recursively) or - for standard input.
    Loading the same files again changes nothing and skips the extraction. Bad inputs are
    reported and recorded in load_errors; the rest still loads, and the exit code is 1.
    A load that was killed is resumed by the next one.

    Example: newsetl load samples/ --database-url postgresql://localhost/news
    """
    from etl.run import load as run_load
    from etl.progress import RunDisplay

    if scheduler and workers > 1:
        raise click.UsageError("--workers is for this machine; with --scheduler, the cluster's "
                               "workers do the extraction")
    url = _url(database_url)
    display = RunDisplay(quiet=quiet)
    with display:
        result = run_load(url, paths, batch_size=batch_size, upgrade=upgrade, workers=workers,
                          progress=display.update, read_options=_read_options(fmt, fields),
                          scheduler=scheduler)
    display.summary(result)
    if result.counts.errors:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@input_options
@click.option("--batch-size", default=32, show_default=True, help="Articles parsed per batch.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for the extraction (up to the number of cores helps).")
@_model_option
@_reports_errors
def extract(paths, fmt, fields, batch_size, workers):
    """Print what newsetl extracts from PATHS as JSON lines, without a database.

    One JSON object per article: text, title, people, organisations, quotes (with character
    offsets into text), topics and key phrases. A person or organisation named in the title has
    title_offsets (into title); one named only there has mentions 0 and is not loaded by `load`.

    Example: newsetl extract samples/ > extracted.jsonl
    """
    from etl.extract.parallel import process_parallel
    from etl.clean.text import clean_all
    from etl.extract.contract import to_json
    from etl.read.inputs import iter_inputs

    failures = 0

    def articles():
        nonlocal failures
        for item in clean_all(iter_inputs(paths, **_read_options(fmt, fields))):
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"Error: {item}", err=True)
            else:
                yield item

    out = sys.stdout
    for p in process_parallel(articles(), workers, batch_size=batch_size):
        out.write(json.dumps(to_json(p), ensure_ascii=False) + "\n")
    out.flush()
    if failures:
        sys.exit(1)


@cli.command()
@database_url_option
@click.option("--batch-size", default=64, show_default=True,
              help="Articles written per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for the extraction (up to the number of cores helps).")
@_model_option
@_reports_errors
def reprocess(database_url, batch_size, quiet, workers):
    """Re-run extraction over stored articles made by an older extractor version.

    Works from the stored article text; the source files are not needed.

    Example: newsetl reprocess
    """
    from etl.run import reprocess as run_reprocess
    from etl.progress import RunDisplay

    url = _url(database_url)
    display = RunDisplay(quiet=quiet)
    with display:
        result = run_reprocess(url, batch_size=batch_size, workers=workers,
                               progress=display.update)
    display.summary(result)


@cli.command()
@database_url_option
@click.option("--same", "same", nargs=2, metavar="NAME NAME",
              help="Record that two names are one person or organisation, for good.")
@click.option("--apart", "apart", nargs=2, metavar="NAME NAME",
              help="Record that two names are never one person or organisation.")
@click.option("--organisation", "kind", flag_value="organisation",
              help="The names given to --same/--apart are organisations.")
@click.option("--person", "kind", flag_value="person", default=True,
              help="The names given to --same/--apart are people (the default).")
@click.option("--note", help="Who decided, and why (kept with --same/--apart).")
@_reports_errors
def resolve(database_url, same, apart, kind, note):
    """Decide again who is who: group the names every article uses into people and
    organisations, over the whole database.

    Loads do this for what they touch; run it after an upgrade or to apply a correction.
    --same and --apart record an analyst's correction (kept in identity_overrides and honoured
    by every later load and resolution), then re-resolve what it touches.

    Example: newsetl resolve --same "Rutte" "Mark Rutte" --note "checked by hand"
    """
    from etl.run import resolve_all, set_override

    url = _url(database_url)
    if same or apart:
        a, b = set_override(url, kind, *(same or apart), same=bool(same), note=note)
        what = "people" if kind == "person" else "organisations"
        click.echo(f"{what} {a!r} and {b!r}: {'one' if same else 'never one'}, recorded")
        return
    counts = resolve_all(url)
    for what, c in (("people", counts.people), ("organisations", counts.organisations)):
        click.echo(f"{what}: {c['clusters']} rows, {c['merged']} merged, {c['created']} new, "
                   f"{c['renamed']} renamed")


@cli.command()
@database_url_option
@_reports_errors
def stats(database_url):
    """Print row counts per table and the last load runs.

    Example: newsetl stats
    """
    from etl.db.stats import collect, render
    click.echo(render(collect(_url(database_url))))


# ------------------------------------------------------------------------------------- db

@cli.group()
def db():
    """Manage the database: the embedded server and the schema migrations.

    Example: newsetl db url
    """


@db.command()
@database_url_option
@_reports_errors
def url(database_url):
    """Print the database URL (starting the embedded server if needed).

    The embedded server's URL carries its password. psql, SQLAlchemy and psycopg accept it as
    it is: psql "$(newsetl db url)".

    Example: newsetl db url
    """
    click.echo(_url(database_url))


@db.command()
@_reports_errors
def start():
    """Start the embedded PostgreSQL server (created on first use).

    Example: newsetl db start
    """
    from etl.db.embedded import EmbeddedServer
    server = EmbeddedServer()
    click.echo(f"embedded PostgreSQL running at {server.ensure_running()}")


@db.command()
@_reports_errors
def stop():
    """Stop the embedded PostgreSQL server.

    Example: newsetl db stop
    """
    from etl.db.embedded import EmbeddedServer
    stopped = EmbeddedServer().stop()
    click.echo("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")


@db.command()
@_reports_errors
def status():
    """Show whether the embedded server runs, where its data is, and its URL.

    Example: newsetl db status
    """
    from etl.db.embedded import EmbeddedServer
    st = EmbeddedServer().status()
    click.echo(f"running:   {'yes' if st.running else 'no'}")
    click.echo(f"data:      {st.pgdata}")
    click.echo(f"password:  in {st.password_file}")
    if st.running:
        click.echo(f"pid:       {st.pid}")
        click.echo(f"url:       {st.url}")
    if os.environ.get("DATABASE_URL"):
        click.echo("note:      DATABASE_URL is set, so newsetl uses that database, not this one")


@db.command()
@database_url_option
@_reports_errors
def psql(database_url):
    """Open psql on the database.

    Uses the psql on your PATH, else the one bundled with the embedded server. The password
    goes to psql in its environment, not on its command line, where other users could see it.

    Example: newsetl db psql
    """
    from etl.db.config import without_password
    from etl.db.embedded import bin_dir
    url_, password = without_password(_url(database_url))
    exe = shutil.which("psql")
    if exe is None:
        bundled = bin_dir() / "psql"
        exe = str(bundled) if bundled.exists() else None
    if exe is None:
        raise click.ClickException("psql is not installed; connect with any client to "
                                   f"{url_}")
    env = dict(os.environ, **({"PGPASSWORD": password} if password else {}))
    os.execve(exe, [exe, url_], env)


@db.command()
@database_url_option
@click.argument("revision", default="head")
@_reports_errors
def upgrade(database_url, revision):
    """Upgrade the schema to REVISION (default: the latest).

    Example: newsetl db upgrade
    """
    from etl.db import migrate
    u = _url(database_url)
    migrate.upgrade(u, revision)
    click.echo(f"database at revision {migrate.current_revision(u)}")


@db.command()
@database_url_option
@click.argument("revision", default="-1")
@_reports_errors
def downgrade(database_url, revision):
    """Downgrade the schema to REVISION (default: one step; 'base' removes everything).

    Example: newsetl db downgrade base
    """
    from etl.db import migrate
    u = _url(database_url)
    migrate.downgrade(u, revision)
    click.echo(f"database at revision {migrate.current_revision(u) or 'base'}")


@db.command()
@database_url_option
@_reports_errors
def current(database_url):
    """Print the database's schema revision and the latest one.

    Example: newsetl db current
    """
    from etl.db import migrate
    u = _url(database_url)
    click.echo(f"database: {migrate.current_revision(u) or 'base (empty)'}")
    click.echo(f"latest:   {migrate.head_revision()}")


@db.command()
@database_url_option
@_reports_errors
def check(database_url):
    """Check that the database is at the latest revision and matches the models.

    Example: newsetl db check
    """
    from etl.db import migrate
    u = _url(database_url)
    cur, head = migrate.current_revision(u), migrate.head_revision()
    if cur != head:
        raise click.ClickException(f"database is at {cur or 'base'}, latest is {head}: "
                                   "run `newsetl db upgrade`")
    migrate.check(u)
    click.echo(f"ok: database at {head} and matches the models")


def main():
    cli()
