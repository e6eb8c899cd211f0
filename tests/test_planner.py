"""newsetl keeps the planner statistics of its tables, and their dead rows, itself: the server
here, like some others, runs without autovacuum."""
from __future__ import annotations

import psycopg

from conftest import query
from etl.load.planner import analyze_stale, vacuum_stale
from etl.load.runs import start_run


def test_a_table_that_grew_is_analyzed_once_and_the_planner_knows_its_size(db_url):
    with psycopg.connect(db_url, autocommit=True) as conn:
        run_id = start_run(conn, "load", [])
        analyze_stale(conn)             # whatever the migrations and the run wrote
        with conn.transaction():
            conn.execute("SELECT pg_stat_force_next_flush()")     # counted at commit
            conn.execute("INSERT INTO sources (name) SELECT 'Source ' || i "
                         "FROM generate_series(1, 300) i")
            # staging tables are emptied after every batch: never analyzed
            conn.execute("INSERT INTO staging_batches (load_run_id, batch, articles) "
                         "SELECT %s, 'b' || i, 1 FROM generate_series(1, 300) i", (run_id,))
        assert analyze_stale(conn) == ["sources"]
        assert analyze_stale(conn) == []
    assert query(db_url, "SELECT reltuples::int FROM pg_class WHERE relname = 'sources'") == [
        (300,)]


def test_the_dead_rows_of_an_emptied_staging_table_are_vacuumed(db_url):
    with psycopg.connect(db_url) as conn:           # not autocommit, like the loader's
        run_id = start_run(conn, "load", [])
        vacuum_stale(conn)              # whatever the migrations and the run left
        for statement in ("INSERT INTO staging_batches (load_run_id, batch, articles) "
                          "SELECT %s, 'b' || i, 1 FROM generate_series(1, 3000) i",
                          "DELETE FROM staging_batches WHERE load_run_id = %s"):
            with conn.transaction():
                conn.execute("SELECT pg_stat_force_next_flush()")     # counted at commit
                conn.execute(statement, (run_id,))
        with conn.transaction():
            assert vacuum_stale(conn) == []             # VACUUM cannot run in a transaction
        assert vacuum_stale(conn) == ["staging_batches"]
        assert not conn.autocommit
        assert vacuum_stale(conn) == []
    # the emptied table's pages are given back
    assert query(db_url, "SELECT relpages, pg_relation_size(oid) FROM pg_class "
                         "WHERE relname = 'staging_batches'") == [(0, 0)]
