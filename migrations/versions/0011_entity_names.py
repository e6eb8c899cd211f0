"""entity_names: the occurrences counted by everything the resolution step reads of a name, so
that a step re-resolving a name reads its few variants, not every article that uses it.

A popular name ("Reuters", "the Fed") is in a tenth of a news corpus. Re-resolving it read all
its occurrences at every step, so a step grew with the corpus and a load with its square.
entity_names holds, per name, row and rule, each distinct way articles write it (name,
initials, acronym, outlet or not, forms) with how many occurrences do: the resolution step
counts articles, picks canonical names and acronyms, rebuilds aliases and finds the
occurrences that must move from it. Kept by statement-level triggers on entity_occurrences,
like entity_keys (0009, 0010), counting only the rows an UPDATE changes; filled here from the
occurrences already stored.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = "COALESCE(person_id, organisation_id)"
_PK = "article_id, kind, entity_index"
# One written variant of a name: what the resolution step reads of it.
_VARIANT = ("resolved_by", "name", "initials", "acronym", "is_media", "forms", "form_keys")
# An UPDATE that changes none of these leaves entity_names as it was.
_COUNTED = ("name_key", "person_id", "organisation_id") + _VARIANT


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
    columns = ", ".join(_VARIANT)
    return f"""
        INSERT INTO entity_names (kind, name_key, entity_id, variant, {columns}, occurrences)
        SELECT kind, name_key, entity_id, variant, {columns}, sum(n) FROM ({changes}) d
        GROUP BY kind, name_key, entity_id, variant, {columns} HAVING sum(n) <> 0
        ON CONFLICT (kind, name_key, entity_id, variant)
        DO UPDATE SET occurrences = entity_names.occurrences + EXCLUDED.occurrences;"""


def _prune(rows: str) -> str:
    return f"""
        DELETE FROM entity_names k USING (SELECT DISTINCT kind, name_key FROM {rows}) d
        WHERE k.kind = d.kind AND k.name_key = d.name_key AND k.occurrences <= 0;"""


UPGRADE_SQL = f"""
CREATE TABLE entity_names (
    kind text NOT NULL,
    name_key text NOT NULL,
    entity_id bigint NOT NULL,
    variant text NOT NULL,
    resolved_by text,
    name text NOT NULL,
    initials text,
    acronym text,
    is_media boolean NOT NULL,
    forms text[] NOT NULL,
    form_keys text[] NOT NULL,
    occurrences integer NOT NULL,
    CONSTRAINT pk_entity_names PRIMARY KEY (kind, name_key, entity_id, variant),
    CONSTRAINT ck_entity_names_kind CHECK (kind IN ('person', 'organisation')));
CREATE INDEX ix_entity_names_kind_entity_id ON entity_names (kind, entity_id);
COMMENT ON TABLE entity_names IS 'Each way articles write each name, with the row and rule it resolved to and how many occurrences do: entity_occurrences counted by everything the resolution step reads of a name, kept by triggers.';
COMMENT ON COLUMN entity_names.kind IS 'person or organisation.';
COMMENT ON COLUMN entity_names.name_key IS 'A normalised name (entity_occurrences.name_key).';
COMMENT ON COLUMN entity_names.entity_id IS 'The row these occurrences point to (people.id or organisations.id).';
COMMENT ON COLUMN entity_names.variant IS 'md5 of the columns from resolved_by to form_keys: one row per distinct combination.';
COMMENT ON COLUMN entity_names.resolved_by IS 'The rule that linked these occurrences to the row (NULL: not resolved yet).';
COMMENT ON COLUMN entity_names.name IS 'The name as the articles write it.';
COMMENT ON COLUMN entity_names.initials IS 'Organisation: initials of the name.';
COMMENT ON COLUMN entity_names.acronym IS 'Organisation: the acronym the articles give it.';
COMMENT ON COLUMN entity_names.is_media IS 'Organisation: the articles call it a news outlet.';
COMMENT ON COLUMN entity_names.forms IS 'The forms of the name the articles use.';
COMMENT ON COLUMN entity_names.form_keys IS 'Normalised forms, in the same order.';
COMMENT ON COLUMN entity_names.occurrences IS 'How many occurrences are written this way and point to that row by that rule.';

CREATE FUNCTION newsetl_entity_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_apply(_rows("new_rows", 1))}
    ELSIF TG_OP = 'UPDATE' THEN
        {_apply(_rows(_changed("new_rows", "old_rows"), 1) + " UNION ALL "
                + _rows(_changed("old_rows", "new_rows"), -1))}
        {_prune(_changed("old_rows", "new_rows"))}
    ELSE
        {_apply(_rows("old_rows", -1))}
        {_prune("old_rows")}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER entity_names_insert AFTER INSERT ON entity_occurrences
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION newsetl_entity_names();
CREATE TRIGGER entity_names_update AFTER UPDATE ON entity_occurrences
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsetl_entity_names();
CREATE TRIGGER entity_names_delete AFTER DELETE ON entity_occurrences
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION newsetl_entity_names();

{_apply(_rows("entity_occurrences", 1))}
"""

DOWNGRADE_SQL = """
DROP TRIGGER entity_names_insert ON entity_occurrences;
DROP TRIGGER entity_names_update ON entity_occurrences;
DROP TRIGGER entity_names_delete ON entity_occurrences;
DROP FUNCTION newsetl_entity_names();
DROP TABLE entity_names;
"""


def upgrade() -> None:
    op.execute(UPGRADE_SQL)


def downgrade() -> None:
    op.execute(DOWNGRADE_SQL)
