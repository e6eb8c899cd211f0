"""entity_names' trigger applies its counts in one statement per change, deleting the names that
reach zero there, with no separate pass over names at zero.

The trigger of 0011 added the counts, then deleted every name of the statement left at zero
occurrences. The planner, whose statistics never see such names (they live only inside a
statement), took them for one row and joined them to the statement's names by rereading those
once per name: a first resolution, which moves every occurrence from "not resolved yet" to its
rule, spent nearly all its time there (20,000 generated people: 75 of 78 s). Now the changes are
aggregated once; the names they bring to zero are deleted, the others decreased, and the new
ones added, each joined on the full key.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = "COALESCE(person_id, organisation_id)"
_PK = "article_id, kind, entity_index"
_VARIANT = ("resolved_by", "name", "initials", "acronym", "is_media", "forms", "form_keys")
_COUNTED = ("name_key", "person_id", "organisation_id") + _VARIANT
_KEY = ("kind", "name_key", "entity_id", "variant")


def _rows(rows: str, n: int) -> str:
    return (f"SELECT kind, name_key, {_ID} AS entity_id, "
            f"md5(row({', '.join(_VARIANT)})::text) AS variant, {', '.join(_VARIANT)}, "
            f"{n} AS n FROM {rows} WHERE {_ID} IS NOT NULL")


def _changed(rows: str, others: str) -> str:
    """The rows of one transition table that differ from the same occurrence in the other."""
    mine = ", ".join(f"r.{c}" for c in _COUNTED)
    theirs = ", ".join(f"o.{c}" for c in _COUNTED)
    return (f"(SELECT r.* FROM {rows} r LEFT JOIN {others} o USING ({_PK}) "
            f"WHERE o.article_id IS NULL OR ({mine}) IS DISTINCT FROM ({theirs})) c")


def _apply(changes: str) -> str:
    """One statement: the changes counted per name, row and variant; a name brought to zero is
    deleted, one that loses some occurrences decreased, one that gains added or increased."""
    columns = ", ".join(_VARIANT)
    on_key = " AND ".join(f"k.{c} = d.{c}" for c in _KEY)
    return f"""
        WITH d AS MATERIALIZED (
            SELECT kind, name_key, entity_id, variant, {columns}, sum(n) AS n
            FROM ({changes}) c
            GROUP BY kind, name_key, entity_id, variant, {columns} HAVING sum(n) <> 0),
        gone AS (DELETE FROM entity_names k USING d
                 WHERE d.n < 0 AND {on_key} AND k.occurrences + d.n <= 0),
        fewer AS (UPDATE entity_names k SET occurrences = k.occurrences + d.n FROM d
                  WHERE d.n < 0 AND {on_key} AND k.occurrences + d.n > 0)
        INSERT INTO entity_names (kind, name_key, entity_id, variant, {columns}, occurrences)
        SELECT kind, name_key, entity_id, variant, {columns}, n FROM d WHERE n > 0
        ON CONFLICT (kind, name_key, entity_id, variant)
        DO UPDATE SET occurrences = entity_names.occurrences + EXCLUDED.occurrences;"""


def _function(insert: str, update: str, delete: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION newsetl_entity_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {insert}
    ELSIF TG_OP = 'UPDATE' THEN
        {update}
    ELSE
        {delete}
    END IF;
    RETURN NULL;
END $$;"""


UPGRADE_SQL = _function(
    _apply(_rows("new_rows", 1)),
    _apply(_rows(_changed("new_rows", "old_rows"), 1) + " UNION ALL "
           + _rows(_changed("old_rows", "new_rows"), -1)),
    _apply(_rows("old_rows", -1)))


# 0011's function: the counts added, then every name of the statement at zero deleted.
def _apply_0011(changes: str) -> str:
    columns = ", ".join(_VARIANT)
    return f"""
        INSERT INTO entity_names (kind, name_key, entity_id, variant, {columns}, occurrences)
        SELECT kind, name_key, entity_id, variant, {columns}, sum(n) FROM ({changes}) d
        GROUP BY kind, name_key, entity_id, variant, {columns} HAVING sum(n) <> 0
        ON CONFLICT (kind, name_key, entity_id, variant)
        DO UPDATE SET occurrences = entity_names.occurrences + EXCLUDED.occurrences;"""


def _prune_0011(rows: str) -> str:
    return f"""
        DELETE FROM entity_names k USING (SELECT DISTINCT kind, name_key FROM {rows}) d
        WHERE k.kind = d.kind AND k.name_key = d.name_key AND k.occurrences <= 0;"""


DOWNGRADE_SQL = _function(
    _apply_0011(_rows("new_rows", 1)),
    _apply_0011(_rows(_changed("new_rows", "old_rows"), 1) + " UNION ALL "
                + _rows(_changed("old_rows", "new_rows"), -1))
    + _prune_0011(_changed("old_rows", "new_rows")),
    _apply_0011(_rows("old_rows", -1)) + _prune_0011("old_rows"))


def upgrade() -> None:
    op.execute(UPGRADE_SQL)


def downgrade() -> None:
    op.execute(DOWNGRADE_SQL)
