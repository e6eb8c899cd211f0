"""Run bookkeeping: each run holds a lock while its process lives, so that a run left `running`
by a process that was killed (or lost its server) is told from one still at work."""
from __future__ import annotations

import psycopg

RUN_LOCK = 7_265_120   # first key of the two-key advisory lock a run holds; the second is its id


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
