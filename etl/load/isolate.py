"""A staged batch the database refuses is merged again article by article, so that one article
never stops a run: the ones it refuses go to load_errors with its reason, the others are stored.

Works on the staged rows alone (no ProcessedArticle needed), so a local load and a cluster's
client, which never holds the articles, isolate a refused article the same way: the batch's
staged rows are split into one batch per article, each merged in its own savepoint.
"""
from __future__ import annotations

import psycopg

from etl.errors import InputError
from etl.load.merge import merge, staged_batches
from etl.load.runs import RUN_LOCK, record_error
from etl.load.stage import COLUMNS, discard
from etl.model import RunCounts


def merge_batch(conn: psycopg.Connection, run_id: int, batch: str, counts: RunCounts,
                touched: list[int] | None = None) -> None:
    """Merge a staged batch in one transaction; when the database refuses it, merge it again in
    one transaction with a savepoint per article, and record each refused article. The merged
    articles' ids go to `touched`."""
    try:
        inserted, updated = merge(conn, run_id, batch, touched)
    except psycopg.Error:
        if conn.broken or conn.closed:
            raise
        inserted, updated = _one_by_one(conn, run_id, batch, counts, touched)
    counts.inserted += inserted
    counts.updated += updated


def resume_abandoned(conn: psycopg.Connection, run_id: int,
                     touched: list[int] | None = None) -> int:
    """Merge what killed runs staged and never merged, with the same isolation as a live run:
    an article the database refuses is recorded under the run that read it, and its batch's
    other articles are stored. Returns the batches merged.

    Their articles keep the run that extracted them, whose counts grow by what is merged now;
    the current run (`run_id`, whose lock this connection holds) then finds them stored and
    skips them."""
    with conn.transaction():
        runs = [r[0] for r in conn.execute(
            "SELECT DISTINCT load_run_id FROM staging_batches WHERE load_run_id <> %s "
            "ORDER BY 1", (run_id,)).fetchall()]
    merged = 0
    for old in runs:
        with conn.transaction():
            free = conn.execute("SELECT pg_try_advisory_lock(%s, %s::int)",
                                (RUN_LOCK, old)).fetchone()[0]
        if not free:
            continue                      # that run is alive: its batches are its own
        try:
            counts = RunCounts()
            for batch in staged_batches(conn, old):
                merge_batch(conn, old, batch, counts, touched)
                merged += 1
            with conn.transaction():
                conn.execute("UPDATE load_runs SET articles_inserted = articles_inserted + %s, "
                             "articles_updated = articles_updated + %s WHERE id = %s",
                             (counts.inserted, counts.updated, old))
        finally:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_unlock(%s, %s::int)", (RUN_LOCK, old))
    return merged


def _one_by_one(conn: psycopg.Connection, run_id: int, batch: str, counts: RunCounts,
                touched: list[int] | None) -> tuple[int, int]:
    inserted = updated = 0
    with conn.transaction():
        for sub, where, line in _split(conn, run_id, batch):
            try:
                i, u = merge(conn, run_id, sub, touched)          # nested: a savepoint
            except psycopg.Error as e:
                if conn.broken or conn.closed:
                    raise
                record_error(conn, run_id, refused(where, line, e), counts)
                with conn.transaction(), conn.cursor() as cur:
                    discard(cur, run_id, sub)
                continue
            inserted += i
            updated += u
    return inserted, updated


def _split(conn: psycopg.Connection, run_id: int, batch: str) -> list[tuple[str, str, int]]:
    """Turn the staged batch into one staged batch per article ('<batch>/<position>'); returns
    (batch, where the article comes from, its line) for each, in order."""
    p = {"run": run_id, "batch": batch}
    scope = "load_run_id = %(run)s AND batch = %(batch)s"
    with conn.cursor() as cur:
        articles = cur.execute(f"""
            SELECT %(batch)s || '/' || lpad(position::text, 6, '0'),
                   coalesce(nullif(source_path, ''), url, external_id,
                            'article ' || left(content_hash, 12)), source_line
            FROM staging_articles WHERE {scope} ORDER BY position""", p).fetchall()
        cur.execute(f"DELETE FROM staging_batches WHERE {scope}", p)
        for table in COLUMNS:
            cur.execute(f"UPDATE {table} SET batch = batch || '/' || lpad(position::text, 6, '0'),"
                        f" position = 0 WHERE {scope}", p)
        cur.execute("INSERT INTO staging_batches (load_run_id, batch, articles) "
                    "SELECT %s, unnest(%s::text[]), 1", (run_id, [a[0] for a in articles]))
    return articles


def refused(where: str, line: int | None, e: psycopg.Error) -> InputError:
    reason = (e.diag.message_primary if e.diag else None) or str(e).strip()
    return InputError(where, f"the database refused this article: {reason}", line)
