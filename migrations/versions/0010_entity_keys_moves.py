"""The triggers that keep entity_keys and entity_key_links count only the occurrences an UPDATE
changes.

The resolution step moves occurrences from row to row with one UPDATE, and a first resolution
of a big corpus moves most of them. The trigger of 0009 subtracted every old row and added
every new one, forms, initials and spelling groups included, so that one UPDATE of a million
occurrences aggregated several million link rows that cancelled out, and took longer than the
resolution itself. Now an UPDATE counts only the rows it changed (matched by primary key): the
names when the row an occurrence points to changes, the links only when a name changes, which
no writer does.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = "COALESCE(person_id, organisation_id)"
_COUNTED = f"NOT is_first_name AND {_ID} IS NOT NULL"
_PK = "article_id, kind, entity_index"
# What entity_keys counts, and what entity_key_links is made of.
_KEY_COLUMNS = ("name_key", "is_first_name", "person_id", "organisation_id")
_LINK_COLUMNS = ("name_key", "form_keys", "initials")


def _keys(rows: str, n: int) -> str:
    return (f"SELECT kind, name_key, {_ID} AS entity_id, {n} AS n FROM {rows} "
            f"WHERE {_COUNTED}")


def _links(rows: str, n: int) -> str:
    """One row per link of each occurrence (the same as 0009's)."""
    return f"""SELECT kind, name_key, 'form' AS relation, k AS other_key, {n} AS n
                   FROM {rows}, unnest(form_keys) k WHERE k <> name_key
               UNION ALL SELECT kind, name_key, 'initials', initials, {n} FROM {rows}
                   WHERE initials IS NOT NULL AND initials <> name_key
               UNION ALL SELECT kind, name_key, 'spelling',
                   initials || ' ' || left(split_part(name_key, ' ', 1), 4), {n} FROM {rows}
                   WHERE initials IS NOT NULL"""


def _changed(rows: str, others: str, columns: tuple[str, ...]) -> str:
    """The rows of one transition table whose columns differ from the same occurrence in the
    other one, or that have no counterpart there."""
    mine = ", ".join(f"r.{c}" for c in columns)
    theirs = ", ".join(f"o.{c}" for c in columns)
    return (f"(SELECT r.* FROM {rows} r LEFT JOIN {others} o USING ({_PK}) "
            f"WHERE o.article_id IS NULL OR ({mine}) IS DISTINCT FROM ({theirs})) c")


def _apply(changes: str, links: str) -> str:
    """Add the counted changes to entity_keys and entity_key_links."""
    return f"""
        INSERT INTO entity_keys (kind, name_key, entity_id, occurrences)
        SELECT kind, name_key, entity_id, sum(n) FROM ({changes}) d
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0
        ON CONFLICT (kind, name_key, entity_id)
        DO UPDATE SET occurrences = entity_keys.occurrences + EXCLUDED.occurrences;
        INSERT INTO entity_key_links (kind, name_key, relation, other_key, occurrences)
        SELECT kind, name_key, relation, other_key, sum(n) FROM ({links}) d
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
        ON CONFLICT (kind, name_key, relation, other_key)
        DO UPDATE SET occurrences = entity_key_links.occurrences + EXCLUDED.occurrences;"""


def _prune(rows: str) -> str:
    """Drop the counts that fell to zero, among the names of the given rows."""
    return "".join(f"""
        DELETE FROM {table} k USING (SELECT DISTINCT kind, name_key FROM {rows}) d
        WHERE k.kind = d.kind AND k.name_key = d.name_key AND k.occurrences <= 0;"""
                   for table in ("entity_keys", "entity_key_links"))


def _function(update: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION newsetl_entity_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_apply(_keys("new_rows", 1), _links("new_rows", 1))}
    ELSIF TG_OP = 'UPDATE' THEN
        {update}
    ELSE
        {_apply(_keys("old_rows", -1), _links("old_rows", -1))}
        {_prune("old_rows")}
    END IF;
    RETURN NULL;
END $$;"""


_MOVED_NEW = _changed("new_rows", "old_rows", _KEY_COLUMNS)
_MOVED_OLD = _changed("old_rows", "new_rows", _KEY_COLUMNS)
_RENAMED_NEW = _changed("new_rows", "old_rows", _LINK_COLUMNS)
_RENAMED_OLD = _changed("old_rows", "new_rows", _LINK_COLUMNS)

UPGRADE_SQL = _function(
    _apply(_keys(_MOVED_NEW, 1) + " UNION ALL " + _keys(_MOVED_OLD, -1),
           _links(_RENAMED_NEW, 1) + " UNION ALL " + _links(_RENAMED_OLD, -1))
    + _prune(_changed("old_rows", "new_rows", _KEY_COLUMNS + _LINK_COLUMNS)))

# 0009's function: every old row subtracted, every new row added.
DOWNGRADE_SQL = _function(
    _apply(_keys("new_rows", 1) + " UNION ALL " + _keys("old_rows", -1),
           _links("new_rows", 1) + " UNION ALL " + _links("old_rows", -1))
    + _prune("old_rows"))


def upgrade() -> None:
    op.execute(UPGRADE_SQL)


def downgrade() -> None:
    op.execute(DOWNGRADE_SQL)
