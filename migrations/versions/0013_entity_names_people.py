"""entity_names holds the parts of a person's name, so that the resolution step reads people at
the level of names too.

Re-resolving a surname read every occurrence of it and of every full name with that surname: a
popular name cost more with every article that named it, so a step grew with the corpus and a
load with its square. The parts of a person's name (given name, middle names, surname, spelling
skeleton, whether it is a first name alone) are now part of each written variant, indexed by
surname and skeleton, and the step reads a surname's few variants instead (only a surname alone
that several full names compete for is still decided article by article). The trigger function
is 0012's with the longer variant; the table is refilled from the occurrences.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = "COALESCE(person_id, organisation_id)"
_PK = "article_id, kind, entity_index"
_KEY = ("kind", "name_key", "entity_id", "variant")
_PERSON = ("given_key", "middle_key", "surname_key", "skeleton", "is_first_name")
_VARIANT_0012 = ("resolved_by", "name", "initials", "acronym", "is_media", "forms", "form_keys")
_VARIANT = _VARIANT_0012 + _PERSON


def _function(variant: tuple[str, ...]) -> str:
    """The trigger function of 0012 for a variant of these columns."""
    counted = ("name_key", "person_id", "organisation_id") + variant
    columns = ", ".join(variant)

    def rows(rows: str, n: int) -> str:
        return (f"SELECT kind, name_key, {_ID} AS entity_id, md5(row({columns})::text) "
                f"AS variant, {columns}, {n} AS n FROM {rows} WHERE {_ID} IS NOT NULL")

    def changed(rows: str, others: str) -> str:
        mine = ", ".join(f"r.{c}" for c in counted)
        theirs = ", ".join(f"o.{c}" for c in counted)
        return (f"(SELECT r.* FROM {rows} r LEFT JOIN {others} o USING ({_PK}) "
                f"WHERE o.article_id IS NULL OR ({mine}) IS DISTINCT FROM ({theirs})) c")

    def apply(changes: str) -> str:
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

    return f"""
CREATE OR REPLACE FUNCTION newsetl_entity_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {apply(rows("new_rows", 1))}
    ELSIF TG_OP = 'UPDATE' THEN
        {apply(rows(changed("new_rows", "old_rows"), 1) + " UNION ALL "
               + rows(changed("old_rows", "new_rows"), -1))}
    ELSE
        {apply(rows("old_rows", -1))}
    END IF;
    RETURN NULL;
END $$;
DELETE FROM entity_names;
INSERT INTO entity_names (kind, name_key, entity_id, variant, {columns}, occurrences)
SELECT kind, name_key, entity_id, variant, {columns}, sum(n)
FROM ({rows("entity_occurrences", 1)}) o
GROUP BY kind, name_key, entity_id, variant, {columns};"""


_COMMENTS = {
    "given_key": "Person: the given name of the key (NULL for a surname alone).",
    "middle_key": "Person: middle names or initials of the key.",
    "surname_key": "Person: the surname of the key.",
    "skeleton": "Person: the consonant skeleton of the surname, shared by its spellings.",
    "is_first_name": "Person: a first name written alone.",
}


def upgrade() -> None:
    op.execute("""
        ALTER TABLE entity_names ADD COLUMN given_key text, ADD COLUMN middle_key text,
            ADD COLUMN surname_key text, ADD COLUMN skeleton text,
            ADD COLUMN is_first_name boolean NOT NULL DEFAULT false""")
    op.execute("ALTER TABLE entity_names ALTER COLUMN is_first_name DROP DEFAULT")
    for column, comment in _COMMENTS.items():
        op.execute(f"COMMENT ON COLUMN entity_names.{column} IS '{comment}'")
    op.execute("COMMENT ON COLUMN entity_names.variant IS 'md5 of the columns from resolved_by "
               "to is_first_name: one row per distinct combination.'")
    op.execute(_function(_VARIANT))
    op.execute("CREATE INDEX ix_entity_names_kind_surname_key ON entity_names "
               "(kind, surname_key)")
    op.execute("CREATE INDEX ix_entity_names_kind_skeleton ON entity_names (kind, skeleton)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_entity_names_kind_surname_key")
    op.execute("DROP INDEX ix_entity_names_kind_skeleton")
    op.execute("ALTER TABLE entity_names " + ", ".join(f"DROP COLUMN {c}" for c in _PERSON))
    op.execute("COMMENT ON COLUMN entity_names.variant IS 'md5 of the columns from resolved_by "
               "to form_keys: one row per distinct combination.'")
    op.execute(_function(_VARIANT_0012))
