"""First-guess identities for a staged batch, set-based in PostgreSQL.

`etl.load.merge` calls `resolve_batch` once per merged batch, after the articles and before the
links. It gives every staged person and organisation of the batch a first-guess row, the way
the resolution step needs it (etl.resolve.resolve): the row the same name went to most often
before (entity_keys, the occurrences counted by name and row), else a row with that key, else a new row; a common first name
alone ('Dan') gets a new row per article, never one shared across articles. It then records the
batch's entity_occurrences, the evidence the resolution step works on. Who is who is settled
by that step, over what a run touched, every RESOLVE_EVERY articles and at the end of the run.
"""
from __future__ import annotations

import psycopg

_SCOPE = "s.load_run_id = %(run)s AND s.batch = %(batch)s AND s.kind = %(kind)s"
# The stored article of a staged entity, looked up by the staged article's primary key. Not a
# join: the staging tables are filled and emptied all the time and never analyzed, so the
# planner takes a batch for one row, and joined two of its tables by comparing every row of one
# with every row of the other (a second per 5,000 entities).
_ARTICLE_ID = ("(SELECT a.article_id FROM staging_articles a WHERE a.load_run_id = s.load_run_id "
               "AND a.batch = s.batch AND a.position = s.position)")

_TABLES = {"person": ("people", "person_id", "surname_key", "s.surname_key"),
           "organisation": ("organisations", "organisation_id", "acronym, is_media",
                            "s.acronym, s.is_media")}


def resolve_batch(cur: psycopg.Cursor, run_id: int, batch: str) -> None:
    """Give every staged person and organisation of the batch its first-guess id, and record
    the batch's entity_occurrences."""
    for kind in _TABLES:
        p = {"run": run_id, "batch": batch, "kind": kind}
        _known(cur, p, kind)
        _new_rows(cur, p, kind)
        _occurrences(cur, p, kind)


def _known(cur: psycopg.Cursor, p: dict, kind: str) -> None:
    table = _TABLES[kind][0]
    todo = f"{_SCOPE} AND NOT s.is_first_name AND s.entity_id IS NULL"
    # One index lookup per staged name. (A join with the batch's names, whose statistics say
    # "one row", was planned as a nested loop comparing every name with every other: seconds
    # per batch.)
    cur.execute(f"""
        UPDATE staging_entities s SET entity_id = (
            SELECT k.entity_id FROM entity_keys k WHERE k.kind = %(kind)s AND k.name_key = s.key
            ORDER BY k.occurrences DESC, k.entity_id LIMIT 1)
        WHERE {todo} AND EXISTS (SELECT 1 FROM entity_keys k WHERE k.kind = %(kind)s
                                 AND k.name_key = s.key)""", p)
    cur.execute(f"""
        UPDATE staging_entities s SET entity_id = (SELECT min(t.id) FROM {table} t
                                                   WHERE t.key = s.key)
        WHERE {todo} AND EXISTS (SELECT 1 FROM {table} t WHERE t.key = s.key)""", p)


def _new_rows(cur: psycopg.Cursor, p: dict, kind: str) -> None:
    """One new row per new name, and one per article for a first name alone; ids drawn in
    (key, article) order, each row named as the batch's last entity with that key names it."""
    table, _, cols, values = _TABLES[kind]
    slot = f"CASE WHEN s.is_first_name THEN {_ARTICLE_ID} ELSE 0 END"
    # The batch's names meet its entities: a hash join, whatever the planner believes of their
    # sizes (no trigger fires here).
    cur.execute("SET LOCAL enable_nestloop = off")
    cur.execute(f"""
        WITH n AS (
            SELECT d.*, nextval(pg_get_serial_sequence('{table}', 'id')) AS id FROM (
                SELECT DISTINCT ON (s.key, {slot}) s.key, {slot} AS slot, s.name, {values}
                FROM staging_entities s
                WHERE {_SCOPE} AND s.entity_id IS NULL
                ORDER BY s.key, {slot}, s.position DESC, s.entity_index DESC) d
            ORDER BY d.key, d.slot),
        ins AS (INSERT INTO {table} (id, name, key, {cols}) OVERRIDING SYSTEM VALUE
                SELECT id, name, key, {cols} FROM n)
        UPDATE staging_entities s SET entity_id = n.id FROM n
        WHERE {_SCOPE} AND s.entity_id IS NULL AND n.key = s.key AND n.slot = {slot}""", p)
    cur.execute("SET LOCAL enable_nestloop = on")


def _occurrences(cur: psycopg.Cursor, p: dict, kind: str) -> None:
    _, fk, _, _ = _TABLES[kind]
    cur.execute(f"""
        INSERT INTO entity_occurrences (article_id, kind, entity_index, {fk}, name, name_key,
            given_key, middle_key, surname_key, skeleton, is_first_name, initials, acronym,
            is_media, forms, form_keys, mention_count, first_offset)
        SELECT {_ARTICLE_ID}, s.kind, s.entity_index, s.entity_id, s.name, s.key, s.given_key,
            s.middle_key, s.surname_key, s.skeleton, s.is_first_name, s.initials, s.acronym,
            s.is_media, s.forms, s.form_keys, s.mention_count, s.first_offset
        FROM staging_entities s
        WHERE {_SCOPE} ORDER BY s.position, s.entity_index""", p)
