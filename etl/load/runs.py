"""Load runs: their row in load_runs, their errors, the articles they can skip, and the lock a
run holds while its process lives.

The load itself is two steps, each in its own module: `stage` COPies batches of processed
articles into the staging tables of the run, `merge` moves staged batches into the tables. A
run left `running` by a process that was killed (or lost its server) is told from one still at
work by its lock: nobody holds it any more. Staged batches of such a run are merged by the next
run (`etl.load.isolate.resume_abandoned`), with the same isolation of refused articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import psycopg

from etl import __version__
from etl.profile import extractor_version
from etl.errors import InputError
from etl.model import Article, RunCounts


def _t(s: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters."""
    return s.replace("\x00", "") if s else s


# ----------------------------------------------------------------------- runs and errors

RUN_LOCK = 7_265_120   # first key of the two-key advisory lock a run holds; the second is its id


def start_run(conn: psycopg.Connection, command: str, inputs: Sequence[str]) -> int:
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO load_runs (command, inputs, extractor_version, newsetl_version) "
            "VALUES (%s, %s, %s, %s) RETURNING id",
            (command, [_t(i) for i in inputs], extractor_version(), __version__)).fetchone()
        lock_run(conn, row[0])
    return row[0]


def lock_run(conn: psycopg.Connection, run_id: int) -> None:
    """Hold the run's lock for the whole session (call inside the transaction that inserts the
    run, so that no one sees the run before its lock is held)."""
    conn.execute("SELECT pg_advisory_lock(%s, %s::int)", (RUN_LOCK, run_id))


def mark_interrupted(conn: psycopg.Connection) -> list[int]:
    """Runs still `running` whose process is gone (nobody holds their lock) become
    `interrupted`; returns their ids."""
    with conn.transaction():
        running = [r[0] for r in conn.execute(
            "SELECT id FROM load_runs WHERE status = 'running' ORDER BY id").fetchall()]
    gone = []
    for run_id in running:
        with conn.transaction():
            free = conn.execute("SELECT pg_try_advisory_xact_lock(%s, %s::int)",
                                (RUN_LOCK, run_id)).fetchone()[0]
            if free:
                conn.execute("UPDATE load_runs SET status = 'interrupted', "
                             "finished_at = coalesce(finished_at, now()) "
                             "WHERE id = %s AND status = 'running'", (run_id,))
                gone.append(run_id)
    return gone


def errors_recorded(items: Iterable, conn: psycopg.Connection, run_id: int,
                    counts: RunCounts) -> Iterator[Article]:
    """The articles among `items`; the InputErrors go to load_errors."""
    for item in items:
        if isinstance(item, InputError):
            record_error(conn, run_id, item, counts)
        else:
            yield item


def record_error(conn: psycopg.Connection, run_id: int, err: InputError, counts: RunCounts) -> None:
    counts.errors += 1
    counts.error_messages.append(str(err))
    with conn.transaction():
        conn.execute("INSERT INTO load_errors (load_run_id, source_path, line, message) "
                      "VALUES (%s, %s, %s, %s)", (run_id, _t(err.path), err.line, _t(err.problem)))
        # + 1, not the count: workers of a cluster record errors of one run side by side
        conn.execute("UPDATE load_runs SET errors = errors + 1 WHERE id = %s", (run_id,))


def finish_run(conn: psycopg.Connection, run_id: int, counts: RunCounts,
               crashed: bool = False) -> str:
    done = counts.inserted + counts.updated + counts.unchanged
    status = "succeeded" if not counts.errors else ("partial" if done else "failed")
    if crashed:
        status = "failed"
        conn.rollback()
    with conn.transaction():
        conn.execute(
            "UPDATE load_runs SET status = %s, finished_at = now(), articles_read = %s, "
            "articles_inserted = %s, articles_updated = %s, articles_unchanged = %s, errors = %s "
            "WHERE id = %s",
            (status, counts.read, counts.inserted, counts.updated, counts.unchanged,
             counts.errors, run_id))
    return status


def record_counts(conn: psycopg.Connection, run_id: int, counts: RunCounts) -> None:
    """The run's counts so far, for anyone watching load_runs."""
    with conn.transaction():
        conn.execute(
            "UPDATE load_runs SET articles_read = %s, articles_inserted = %s, "
            "articles_updated = %s, articles_unchanged = %s, errors = %s WHERE id = %s",
            (counts.read, counts.inserted, counts.updated, counts.unchanged, counts.errors,
             run_id))


# ----------------------------------------------------------------------- skipping unchanged

def split_unchanged(conn: psycopg.Connection, batch: list[Article]) -> tuple[list[Article], int]:
    """Articles that need extraction, and how many are already stored as they are."""
    hashes = list({a.content_hash for a in batch})
    with conn.transaction():
        rows = conn.execute("SELECT content_hash FROM articles WHERE content_hash = ANY(%s) "
                            "AND extractor_version = %s", (hashes, extractor_version())).fetchall()
    stored = {r[0] for r in rows}
    seen: set[str] = set()
    todo = []
    for a in batch:
        if a.content_hash in stored or a.content_hash in seen:
            continue
        seen.add(a.content_hash)
        todo.append(a)
    return todo, len(batch) - len(todo)
