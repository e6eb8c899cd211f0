"""Planner statistics for the tables a load writes, kept current by newsetl itself.

The merge and the resolution step are set-based statements whose plans depend on how big the
tables are. PostgreSQL learns that from ANALYZE, which autovacuum runs, but not on every
server: it can be turned off (some CI and bulk-load setups do), and when it is on it wakes up
once a minute, while a load can grow a table tenfold in that time. Without statistics the
planner takes a table of 100,000 names for one of a few rows and reads all of it where an
index would read a hundred; a step over 2,000 articles then took 18 s instead of 12 s at
160,000 articles, and the gap grows with the corpus.

Before every merge and every resolution step, `analyze_stale` runs ANALYZE on the newsetl
tables that changed by more than autovacuum's own threshold since their last ANALYZE (50 rows
plus 10% of the table): a catalog read when nothing is stale, a sampled ANALYZE (30,000 rows
at most) now and then.

The dead rows that updates and deletes leave are autovacuum's too. Without it the staging
tables, filled and emptied by every batch, only grow (staging_articles by 570 pages with every
batch of 2,000 generated articles), every batch's scans read the dead rows again, and a step
that took 0.08 s at 60,000 articles took 0.9 s at 120,000. After every resolution step, outside
any transaction,
`vacuum_stale` runs VACUUM on the tables whose dead rows passed autovacuum's threshold (50 plus
20% of the table); where autovacuum runs, it has mostly done so already.
"""
from __future__ import annotations

import psycopg

__all__ = ["analyze_stale", "vacuum_stale"]

# autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, at their defaults
_THRESHOLD, _SCALE = 50, 0.1
# autovacuum_vacuum_threshold and autovacuum_vacuum_scale_factor, at their defaults
_VACUUM_THRESHOLD, _VACUUM_SCALE = 50, 0.2


def _past_threshold(conn: psycopg.Connection, counter: str, threshold: int, scale: float,
                    staging: bool) -> list[str]:
    """The tables of the current schema whose statistics `counter` (a column of
    pg_stat_user_tables) passed threshold + scale x rows, in name order."""
    return [r[0] for r in conn.execute(f"""
        SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.schemaname = current_schema()
          AND ({str(staging).lower()} OR s.relname NOT LIKE 'staging\\_%%')
          AND s.{counter} > %s + %s * greatest(c.reltuples, 0)
        ORDER BY s.relname""", (threshold, scale)).fetchall()]


def analyze_stale(conn: psycopg.Connection) -> list[str]:
    """ANALYZE the tables of the current schema, staging tables aside (emptied after every
    batch), that changed enough since their last ANALYZE; returns their names. A table the
    connection's role does not own is skipped by PostgreSQL with a warning."""
    stale = _past_threshold(conn, "n_mod_since_analyze", _THRESHOLD, _SCALE, staging=False)
    for table in stale:
        conn.execute(f'ANALYZE "{table}"')
    return stale


def vacuum_stale(conn: psycopg.Connection) -> list[str]:
    """VACUUM the tables of the current schema whose dead rows passed autovacuum's threshold;
    returns their names. VACUUM cannot run in a transaction: with one open, nothing is done."""
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        return []
    autocommit = conn.autocommit
    conn.autocommit = True
    try:
        stale = _past_threshold(conn, "n_dead_tup", _VACUUM_THRESHOLD, _VACUUM_SCALE,
                                staging=True)
        for table in stale:
            conn.execute(f'VACUUM "{table}"')
    finally:
        conn.autocommit = autocommit
    return stale
