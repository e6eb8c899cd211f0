"""The `newsetl` command: a thin layer over the library. Errors become `Error: ...`, exit 1."""
from __future__ import annotations

import json
import sys

import click

from etl import __version__
from etl.errors import EtlError, InputError


def _fail_on_etl_errors(fn):
    import functools

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except EtlError as e:
            raise click.ClickException(str(e)) from e
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsetl")
def cli():
    """Turn news articles into a PostgreSQL database of articles, people, organisations,
    quotes and topics.

    Example: newsetl load samples/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--batch-size", default=32, show_default=True, help="Articles parsed per batch.")
@_fail_on_etl_errors
def extract(paths, batch_size):
    """Print what newsetl extracts from PATHS as JSON lines, without a database.

    PATHS are files, directories (read recursively) or - for standard input.

    Example: newsetl extract samples/ > extracted.jsonl
    """
    from etl.pipeline import clean_all, process, to_json
    from etl.read import iter_inputs

    failures = 0

    def articles():
        nonlocal failures
        for item in clean_all(iter_inputs(paths)):
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"Error: {item}", err=True)
            else:
                yield item

    out = sys.stdout
    for p in process(articles(), batch_size=batch_size):
        out.write(json.dumps(to_json(p), ensure_ascii=False) + "\n")
    out.flush()
    if failures:
        sys.exit(1)


def main():
    cli()
