"""A batch the database refuses is written again article by article, so that one article never
stops a run: the ones it refuses go to load_errors with its reason, the others are stored."""
from __future__ import annotations

import psycopg

from etl.errors import InputError
from etl.load.writer import BatchWriter, record_error
from etl.model import RunCounts
from etl.model import ProcessedArticle


def write_batch(writer: BatchWriter, batch: list[ProcessedArticle], counts: RunCounts) -> None:
    """Write the batch in one transaction; when the database refuses it, write it again in one
    transaction with a savepoint per article, and record each refused article."""
    try:
        writer.write(batch, counts)
        return
    except psycopg.Error:
        if writer.conn.broken or writer.conn.closed:
            raise
    conn = writer.conn
    with conn.transaction():
        for p in batch:
            try:
                writer.write([p], counts)        # nested: a savepoint
            except psycopg.Error as e:
                if conn.broken or conn.closed:
                    raise
                record_error(conn, writer.run_id, refused(p, e), counts)


def refused(p: ProcessedArticle, e: psycopg.Error) -> InputError:
    a = p.article
    where = a.source_path or a.url or a.external_id or f"article {a.content_hash[:12]}"
    reason = (e.diag.message_primary if e.diag else None) or str(e).strip()
    return InputError(where, f"the database refused this article: {reason}", a.line)
