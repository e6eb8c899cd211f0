"""Identity resolution of a staged batch, set-based in PostgreSQL.

The one place where the people and organisations an article names become rows of `people` and
`organisations`: `etl.load.merge` calls `resolve_batch` once per merged batch, after the
articles and before the links. It sets `staging_entities.entity_id` for every staged entity
of the batch, creating the people and organisations not seen before, and records their aliases.

A name joins an existing row by its key, else by an alias key that only one row has; a
one-word person name (a surname) also joins the only full-name person with that surname.
Multi-word names (and all organisations) go first, so a surname can find a full name created
by the same batch.
"""
from __future__ import annotations

import psycopg

_SCOPE = "s.load_run_id = %(run)s AND s.batch = %(batch)s AND s.kind = %(kind)s"

_TABLES = {"person": ("people", "person_aliases", "person_id"),
           "organisation": ("organisations", "organisation_aliases", "organisation_id")}


def resolve_batch(cur: psycopg.Cursor, run_id: int, batch: str) -> None:
    """Give every staged person and organisation of the batch its id."""
    p = {"run": run_id, "batch": batch}
    for kind, groups in (("person", ("s.key LIKE '%% %%'", "s.key NOT LIKE '%% %%'")),
                         ("organisation", ("true",))):
        for group in groups:
            _resolve_group(cur, {**p, "kind": kind}, kind, group,
                           by_surname=kind == "person" and "NOT LIKE" in group)
    _organisation_flags(cur, {**p, "kind": "organisation"})
    for kind in _TABLES:
        _aliases(cur, {**p, "kind": kind}, kind)


def _resolve_group(cur: psycopg.Cursor, p: dict, kind: str, group: str, by_surname: bool) -> None:
    table, aliases, fk = _TABLES[kind]
    todo = f"{_SCOPE} AND {group} AND s.entity_id IS NULL"
    cur.execute(f"UPDATE staging_entities s SET entity_id = t.id FROM {table} t "
                f"WHERE {todo} AND t.key = s.key", p)
    cur.execute(f"""
        UPDATE staging_entities s SET entity_id = u.id
        FROM (SELECT alias_key, min({fk}) AS id FROM {aliases}
              WHERE alias_key IN (SELECT s.key FROM staging_entities s WHERE {todo})
              GROUP BY alias_key HAVING count(DISTINCT {fk}) = 1) u
        WHERE {todo} AND u.alias_key = s.key""", p)
    if by_surname:
        cur.execute(f"""
            UPDATE staging_entities s SET entity_id = u.id
            FROM (SELECT surname_key, min(id) AS id FROM people
                  WHERE surname_key IN (SELECT s.key FROM staging_entities s WHERE {todo})
                    AND key <> surname_key
                  GROUP BY surname_key HAVING count(*) = 1) u
            WHERE {todo} AND u.surname_key = s.key""", p)
    # New rows take the name (and flags) of the first entity in the batch with the key.
    if kind == "person":
        cur.execute(f"""
            INSERT INTO people (name, key, surname_key)
            SELECT name, key, surname_key FROM (
                SELECT DISTINCT ON (s.key) s.name, s.key, s.surname_key FROM staging_entities s
                WHERE {todo} ORDER BY s.key, s.position, s.entity_index) n
            ORDER BY key ON CONFLICT (key) DO NOTHING""", p)
    else:
        cur.execute(f"""
            INSERT INTO organisations (name, key, acronym, is_media)
            SELECT name, key, acronym, is_media FROM (
                SELECT DISTINCT ON (s.key) s.name, s.key, s.acronym, s.is_media
                FROM staging_entities s
                WHERE {todo} ORDER BY s.key, s.position, s.entity_index) n
            ORDER BY key ON CONFLICT (key) DO NOTHING""", p)
    cur.execute(f"UPDATE staging_entities s SET entity_id = t.id FROM {table} t "
                f"WHERE {todo} AND t.key = s.key", p)


def _organisation_flags(cur: psycopg.Cursor, p: dict) -> None:
    """An organisation is an outlet when any article says so; the first acronym given stays."""
    cur.execute(f"""
        UPDATE organisations o SET is_media = o.is_media OR u.media,
            acronym = COALESCE(o.acronym, u.acronym)
        FROM (SELECT s.entity_id AS id, bool_or(s.is_media) AS media,
                     (array_agg(s.acronym ORDER BY s.position, s.entity_index)
                      FILTER (WHERE s.acronym <> ''))[1] AS acronym
              FROM staging_entities s WHERE {_SCOPE} GROUP BY s.entity_id) u
        WHERE o.id = u.id AND ((u.media AND NOT o.is_media)
                               OR (o.acronym IS NULL AND u.acronym IS NOT NULL))""", p)


def _aliases(cur: psycopg.Cursor, p: dict, kind: str) -> None:
    _, aliases, fk = _TABLES[kind]
    cur.execute(f"""
        INSERT INTO {aliases} ({fk}, alias, alias_key)
        SELECT DISTINCT ON (s.entity_id, f.alias_key) s.entity_id, f.alias, f.alias_key
        FROM staging_entities s, unnest(s.forms, s.form_keys) AS f(alias, alias_key)
        WHERE {_SCOPE}
        ORDER BY s.entity_id, f.alias_key, f.alias
        ON CONFLICT DO NOTHING""", p)
