"""Whole runs: read -> clean -> extract -> load, recorded in load_runs."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import psycopg

from etl import EXTRACTOR_VERSION
from etl.db import migrate
from etl.load.writer import BatchWriter, RunCounts, finish_run, record_error, split_unchanged, \
    start_run
from etl.errors import DatabaseError, InputError
from etl.model import Article
from etl.extract.parallel import process_parallel
from etl.extract.pipeline import chunks, clean_all
from etl.read.inputs import iter_inputs

Progress = Callable[[RunCounts], None]


@dataclass
class RunResult:
    run_id: int
    status: str
    counts: RunCounts


def connect(url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(url)
    except psycopg.OperationalError as e:
        raise DatabaseError(f"cannot connect to the database: {str(e).strip()}") from e


def load(url: str, paths: Sequence[str], *, batch_size: int = 64, upgrade: bool = False,
         workers: int = 1, progress: Progress | None = None,
         read_options: dict | None = None) -> RunResult:
    """Load articles from files, directories or '-' into the database at `url`."""
    migrate.ensure_current(url, auto_upgrade=upgrade)
    with connect(url) as conn:
        run_id = start_run(conn, "load", paths)
        counts = RunCounts()
        writer = BatchWriter(conn, run_id)

        def fresh_articles() -> Iterator[Article]:
            items = clean_all(iter_inputs(paths, **(read_options or {})))
            articles = _errors_recorded(items, conn, run_id, counts)
            for batch in chunks(articles, batch_size):
                counts.read += len(batch)
                todo, unchanged = split_unchanged(conn, batch)
                counts.unchanged += unchanged
                if progress:
                    progress(counts)
                yield from todo

        status = _run_to_end(conn, run_id, counts, lambda: _write_all(
            writer, fresh_articles(), counts, batch_size, workers, progress))
    return RunResult(run_id, status, counts)


def reprocess(url: str, *, batch_size: int = 64, workers: int = 1,
              progress: Progress | None = None) -> RunResult:
    """Re-extract stored articles made by an older extractor, from their stored text."""
    migrate.ensure_current(url, auto_upgrade=False)
    with connect(url) as conn:
        run_id = start_run(conn, "reprocess", [])
        counts = RunCounts()
        writer = BatchWriter(conn, run_id)
        status = _run_to_end(conn, run_id, counts, lambda: _write_all(
            writer, _stale_articles(url, counts, progress), counts, batch_size, workers,
            progress))
    return RunResult(run_id, status, counts)


def resolve_all(url: str):
    """Re-resolve every person and organisation (see etl.resolve.resolve)."""
    from etl.resolve.resolve import resolve
    migrate.ensure_current(url, auto_upgrade=False)
    with connect(url) as conn:
        return resolve(conn)


def set_override(url: str, kind: str, name_a: str, name_b: str, *, same: bool,
                 note: str | None = None) -> tuple[str, str]:
    """Force two names together (same) or apart, and re-resolve what they touch."""
    from etl.resolve.resolve import add_override
    migrate.ensure_current(url, auto_upgrade=False)
    with connect(url) as conn:
        return add_override(conn, kind, name_a, name_b, same, note)


def _run_to_end(conn, run_id: int, counts: RunCounts, work: Callable[[], None]) -> str:
    """Run the work; whatever happens, the run's row ends with a status and finished_at."""
    try:
        work()
    except BaseException:
        finish_run(conn, run_id, counts, crashed=True)
        raise
    return finish_run(conn, run_id, counts)


def _stale_articles(url: str, counts: RunCounts, progress: Progress | None) -> Iterator[Article]:
    # A second connection with a server-side cursor streams the stored articles while the
    # first one writes.
    with connect(url) as reader, reader.cursor(name="stale_articles") as cur:
        cur.itersize = 200
        cur.execute("""
            SELECT a.content_hash, a.body, a.title, a.url, a.published_at, s.name,
                   a.external_id, a.source_path, a.source_line, a.boilerplate, a.authors,
                   a.fetched_at
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.extractor_version <> %s ORDER BY a.id""", (EXTRACTOR_VERSION,))
        for row in cur:
            counts.read += 1
            if progress:
                progress(counts)
            yield Article(content_hash=row[0], text=row[1], title=row[2], url=row[3],
                          published_at=row[4], source=row[5], external_id=row[6],
                          source_path=row[7], line=row[8], boilerplate=row[9],
                          authors=list(row[10] or []), fetched_at=row[11])


def _errors_recorded(items, conn, run_id, counts) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            record_error(conn, run_id, item, counts)
        else:
            yield item


def _write_all(writer: BatchWriter, articles: Iterator[Article], counts: RunCounts,
               batch_size: int, workers: int, progress: Progress | None) -> None:
    processed = process_parallel(articles, workers, batch_size=min(batch_size, 32))
    for batch in chunks(processed, batch_size):
        writer.write(batch, counts)
        if progress:
            progress(counts)
    writer.resolve_pending()
