"""The resolution step: people and organisations as a function of the whole corpus.

`resolve(conn, touched=article_ids)` runs after every load batch, in its transaction, on what
the batch touched (the surnames and organisation names its articles use, and everything linked
to them); `resolve(conn)` re-resolves everything (`newsetl resolve`). Both give the same rows
for the same articles, whatever order they were loaded in. All the work is set-based SQL on
entity_occurrences and the name-level tables kept from them (entity_keys, entity_key_links,
entity_names); the rules: etl/resolve/people.py and organisations.py; writing the result back:
etl/resolve/graph.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from etl.errors import OverrideError
from etl.resolve import organisations, people
from etl.resolve.contexts import new_pairs, write_contexts
from etl.resolve.graph import materialise
from etl.resolve.keys import entity_key, person_name

__all__ = ["resolve", "ResolveCounts", "add_override"]

RESOLVE_LOCK = 7_265_120_002     # the load lock: one writer of identity at a time


@dataclass
class ResolveCounts:
    people: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, int] = field(default_factory=dict)


def resolve(conn: psycopg.Connection, touched: list[int] | None = None) -> ResolveCounts:
    """Re-resolve people and organisations: over the articles `touched` and everything linked
    to them, or over everything when `touched` is None. Runs in the caller's transaction when
    there is one, else in its own."""
    counts = ResolveCounts()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (RESOLVE_LOCK,))
        # The planner's estimates for the step's temporary tables (unanalyzed, or unnested
        # arrays it guesses at ten elements each) grow with the corpus, and past its cost
        # thresholds PostgreSQL compiles statements to machine code (JIT): a third of a second
        # each, for statements that run in milliseconds.
        conn.execute("SET LOCAL jit = off")
        cur = conn.cursor()
        if touched is not None:
            # Articles whose names no resolution has settled: a run killed before its
            # resolution step left them; this one takes them in.
            touched = sorted(set(touched) | {r[0] for r in cur.execute(
                "SELECT DISTINCT article_id FROM entity_occurrences "
                "WHERE resolved_by IS NULL").fetchall()})
            if not touched:
                return counts
        write_contexts(cur, touched)
        if touched is not None:
            new_pairs(cur, touched)
        people.scope(cur, touched)
        people.cluster(cur, incremental=touched is not None)
        counts.people = materialise(cur, "person")
        organisations.scope(cur, touched)
        organisations.cluster(cur)
        counts.organisations = materialise(cur, "organisation")
    return counts


def add_override(conn: psycopg.Connection, kind: str, name_a: str, name_b: str, same: bool,
                 note: str | None = None) -> tuple[str, str]:
    """Record that two names are (same=True) or are not one person/organisation, then
    re-resolve what they touch. Names are matched by their keys ('Mark Rutte', 'Rutte')."""
    key = (lambda n: person_name(n).key) if kind == "person" else \
        (lambda n: entity_key("organisation", n))
    a, b = sorted((key(name_a), key(name_b)))
    if not a or a == b:
        raise OverrideError(f"an override needs two different names, got {name_a!r} and "
                            f"{name_b!r}")
    with conn.transaction():
        found = sum(conn.execute(
            "SELECT EXISTS (SELECT 1 FROM entity_occurrences WHERE kind = %(k)s "
            "AND (name_key = %(n)s OR form_keys @> ARRAY[%(n)s]))", {"k": kind, "n": n}
        ).fetchone()[0] for n in (a, b))
        if found < 2:
            raise OverrideError(f"no {kind} is named {name_a!r} or {name_b!r} in any article"
                                if not found else
                                f"one of {name_a!r}, {name_b!r} is named in no article")
        conn.execute(
            "INSERT INTO identity_overrides (kind, key_a, key_b, same, note) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (kind, key_a, key_b) "
            "DO UPDATE SET same = EXCLUDED.same, note = EXCLUDED.note", (kind, a, b, same, note))
        articles = [r[0] for r in conn.execute(
            "SELECT DISTINCT article_id FROM entity_occurrences WHERE kind = %s "
            "AND (name_key IN (%s, %s) OR form_keys && ARRAY[%s, %s])", (kind, a, b, a, b))]
        resolve(conn, touched=articles)
    return a, b
