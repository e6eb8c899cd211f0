"""Whole runs: read -> clean -> extract -> load, recorded in load_runs."""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import psycopg

from etl.profile import extractor_version
from etl.db import migrate
from etl.db.config import connect
from etl.load.isolate import merge_batch, resume_abandoned
from etl.load.merge import RESOLVE_EVERY, resolve_touched
from etl.load.planner import analyze_stale
from etl.resolve.resolve import resolve
from etl.load.runs import errors_recorded, finish_run, mark_interrupted, record_counts, \
    split_unchanged, start_run
from etl.load.stage import stage
from etl.errors import DatabaseError
from etl.model import Article, RunCounts
from etl.extract.parallel import process_parallel
from etl.clean.text import clean_all
from etl.extract.pipeline import chunks
from etl.read.inputs import iter_inputs

Progress = Callable[[RunCounts], None]


@dataclass
class RunResult:
    run_id: int
    status: str
    counts: RunCounts
    poor_text: int = 0        # articles written by the run whose text_quality is 'poor'
    not_english: int = 0      # articles written by the run in another language (no extraction)


def _flagged(conn, result: RunResult) -> RunResult:
    """The run's articles flagged as poor text or not English, for the summary."""
    with conn.transaction():
        result.poor_text, result.not_english = conn.execute(
            "SELECT count(*) FILTER (WHERE text_quality = 'poor'), "
            "count(*) FILTER (WHERE language <> 'en') FROM articles WHERE load_run_id = %s",
            (result.run_id,)).fetchone()
    return result


def load(url: str, paths: Sequence[str], *, batch_size: int = 64, upgrade: bool = False,
         workers: int = 1, progress: Progress | None = None,
         read_options: dict | None = None, scheduler: str | None = None) -> RunResult:
    """Load articles from files, directories or '-' into the database at `url`.

    With `scheduler` (a Dask address, or 'local:N'), extraction runs on a Dask cluster."""
    migrate.ensure_current(url, auto_upgrade=upgrade)
    with connect(url) as conn:
        mark_interrupted(conn)
        run_id = start_run(conn, "load", paths)
        counts = RunCounts()
        _resume(conn, run_id)
        if scheduler:
            from etl.cluster import load_on_cluster
            status = _run_to_end(conn, run_id, counts, lambda: load_on_cluster(
                conn, url, run_id, paths, scheduler, counts, batch_size=batch_size,
                read_options=read_options, progress=progress))
            return _flagged(conn, RunResult(run_id, status, counts))

        def fresh_articles() -> Iterator[Article]:
            items = clean_all(iter_inputs(paths, **(read_options or {})))
            articles = errors_recorded(items, conn, run_id, counts)
            for batch in chunks(articles, batch_size):
                counts.read += len(batch)
                todo, unchanged = split_unchanged(conn, batch)
                counts.unchanged += unchanged
                if progress:
                    progress(counts)
                yield from todo

        status = _run_to_end(conn, run_id, counts, lambda: _write_all(
            conn, run_id, fresh_articles(), counts, batch_size, workers, progress))
        return _flagged(conn, RunResult(run_id, status, counts))


def reprocess(url: str, *, batch_size: int = 64, workers: int = 1,
              progress: Progress | None = None) -> RunResult:
    """Re-extract stored articles made by an older extractor, from their stored text."""
    migrate.ensure_current(url, auto_upgrade=False)
    with connect(url) as conn:
        mark_interrupted(conn)
        run_id = start_run(conn, "reprocess", [])
        counts = RunCounts()
        _resume(conn, run_id)
        status = _run_to_end(conn, run_id, counts, lambda: _write_all(
            conn, run_id, _stale_articles(url, counts, progress), counts, batch_size, workers,
            progress))
        return _flagged(conn, RunResult(run_id, status, counts))


def resolve_all(url: str):
    """Re-resolve every person and organisation (see etl.resolve.resolve)."""
    migrate.ensure_current(url, auto_upgrade=False)
    with connect(url) as conn:
        with conn.transaction():
            analyze_stale(conn)
        return resolve(conn)


def set_override(url: str, kind: str, name_a: str, name_b: str, *, same: bool,
                 note: str | None = None) -> tuple[str, str]:
    """Force two names together (same) or apart, and re-resolve what they touch."""
    from etl.resolve.resolve import add_override
    migrate.ensure_current(url, auto_upgrade=False)
    with connect(url) as conn:
        return add_override(conn, kind, name_a, name_b, same, note)


def _run_to_end(conn, run_id: int, counts: RunCounts, work: Callable[[], None]) -> str:
    """Run the work; whatever happens, the run's row ends with a status and finished_at (or,
    when the connection is lost, stays `running` until the next run marks it `interrupted`)."""
    try:
        work()
        return finish_run(conn, run_id, counts)
    except psycopg.Error as e:
        with contextlib.suppress(psycopg.Error):
            finish_run(conn, run_id, counts, crashed=True)
        if conn.broken or conn.closed:
            raise DatabaseError(
                f"lost the connection to the database ({str(e).strip()}). Every batch written "
                f"before is complete; run the same command again to finish.") from e
        raise DatabaseError(f"database: {str(e).strip()}") from e
    except BaseException:
        with contextlib.suppress(psycopg.Error):
            finish_run(conn, run_id, counts, crashed=True)
        raise


STALE_CHUNK = 200


def _stale_articles(url: str, counts: RunCounts, progress: Progress | None) -> Iterator[Article]:
    """Stored articles of an older extractor, read in chunks by id on a second connection, each
    chunk in its own short transaction: no snapshot is held for the whole run."""
    with connect(url, autocommit=True) as reader:
        last_id = 0
        while True:
            rows = reader.execute("""
                SELECT a.id, a.content_hash, a.body, a.title, a.url, a.published_at, s.name,
                       a.external_id, a.source_path, a.source_line, a.boilerplate, a.authors,
                       a.fetched_at, a.language, a.text_quality, a.text_quality_reason
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                WHERE a.extractor_version <> %s AND a.id > %s ORDER BY a.id LIMIT %s""",
                                  (extractor_version(), last_id, STALE_CHUNK)).fetchall()
            if not rows:
                return
            last_id = rows[-1][0]
            for row in rows:
                counts.read += 1
                if progress:
                    progress(counts)
                yield Article(content_hash=row[1], text=row[2], title=row[3], url=row[4],
                              published_at=row[5], source=row[6], external_id=row[7],
                              source_path=row[8], line=row[9], boilerplate=row[10],
                              authors=list(row[11] or []), fetched_at=row[12],
                              language=row[13], text_quality=row[14],
                              text_quality_reason=row[15])


def _write_all(conn: psycopg.Connection, run_id: int, articles: Iterator[Article],
               counts: RunCounts, batch_size: int, workers: int,
               progress: Progress | None) -> None:
    """Extract on this machine; each batch is staged, then merged: the same two steps as on a
    cluster (etl.cluster), so the two paths cannot drift."""
    processed = process_parallel(articles, workers, batch_size=min(batch_size, 32))
    touched: list[int] = []
    for n, batch in enumerate(chunks(processed, batch_size)):
        name = f"{n:09d}"
        stage(conn, run_id, name, batch)
        merge_batch(conn, run_id, name, counts, touched)
        resolve_touched(conn, touched, at_least=RESOLVE_EVERY)
        record_counts(conn, run_id, counts)
        if progress:
            progress(counts)
    resolve_touched(conn, touched)


def _resume(conn: psycopg.Connection, run_id: int) -> None:
    """Merge what killed runs staged and never merged, and run the resolution step they never
    reached (it takes in every article whose names no resolution has settled)."""
    touched: list[int] = []
    resume_abandoned(conn, run_id, touched)
    resolve(conn, touched=touched)
