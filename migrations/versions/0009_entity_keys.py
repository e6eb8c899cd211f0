"""Name-level tables and indexes that keep the resolution step's reads proportional to what a
load touches, not to how often the names it touches were used before.

- entity_keys: entity_occurrences counted by name and row; entity_key_links: the forms,
  initials and spelling groups of each name. Both are kept by statement-level triggers on
  entity_occurrences, so every writer (the merge, the resolution step, reprocessing, deleting
  articles) keeps them right, and filled here from the occurrences already stored.

- The surname, skeleton and initials indexes lead with `kind`, as every read filters on it: a
  read of one surname or one set of initials is one index scan, not an AND of two bitmaps one
  of which covers every row of that kind.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("surname_key", "skeleton", "initials")

_ID = "COALESCE(person_id, organisation_id)"
_COUNTED = f"NOT is_first_name AND {_ID} IS NOT NULL"


def _keys(rows: str, n: int) -> str:
    return (f"SELECT kind, name_key, {_ID} AS entity_id, {n} AS n FROM {rows} "
            f"WHERE {_COUNTED}")


def _links(rows: str, n: int) -> str:
    """One row per link of each occurrence. The spelling group is the one the spelling-variant
    rule of etl/resolve/organisations.py requires: two spellings of one organisation share
    their initials and the first four letters of their first word."""
    return f"""SELECT kind, name_key, 'form' AS relation, k AS other_key, {n} AS n
                   FROM {rows}, unnest(form_keys) k WHERE k <> name_key
               UNION ALL SELECT kind, name_key, 'initials', initials, {n} FROM {rows}
                   WHERE initials IS NOT NULL AND initials <> name_key
               UNION ALL SELECT kind, name_key, 'spelling',
                   initials || ' ' || left(split_part(name_key, ' ', 1), 4), {n} FROM {rows}
                   WHERE initials IS NOT NULL"""


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


UPGRADE_SQL = f"""
CREATE TABLE entity_keys (
    kind text NOT NULL,
    name_key text NOT NULL,
    entity_id bigint NOT NULL,
    occurrences integer NOT NULL,
    CONSTRAINT pk_entity_keys PRIMARY KEY (kind, name_key, entity_id),
    CONSTRAINT ck_entity_keys_kind CHECK (kind IN ('person', 'organisation')));
CREATE INDEX ix_entity_keys_kind_entity_id ON entity_keys (kind, entity_id);
COMMENT ON TABLE entity_keys IS 'Which rows each name points to, and how often: entity_occurrences counted by name and row, kept by triggers (a first name alone is not counted).';
COMMENT ON COLUMN entity_keys.kind IS 'person or organisation.';
COMMENT ON COLUMN entity_keys.name_key IS 'A normalised name (entity_occurrences.name_key).';
COMMENT ON COLUMN entity_keys.entity_id IS 'A row the name''s occurrences point to (people.id or organisations.id).';
COMMENT ON COLUMN entity_keys.occurrences IS 'How many occurrences of the name point to that row.';

CREATE TABLE entity_key_links (
    kind text NOT NULL,
    name_key text NOT NULL,
    relation text NOT NULL,
    other_key text NOT NULL,
    occurrences integer NOT NULL,
    CONSTRAINT pk_entity_key_links PRIMARY KEY (kind, name_key, relation, other_key),
    CONSTRAINT ck_entity_key_links_kind CHECK (kind IN ('person', 'organisation')),
    CONSTRAINT ck_entity_key_links_relation CHECK (relation IN ('form', 'initials', 'spelling')));
CREATE INDEX ix_entity_key_links_other_key ON entity_key_links (kind, other_key, relation);
COMMENT ON TABLE entity_key_links IS 'What articles have given with each name, kept by a trigger on entity_occurrences: other forms, initials, and the group of names that may be spellings of it. The resolution step''s way from a name to the names it may be one with, one row per name and link.';
COMMENT ON COLUMN entity_key_links.kind IS 'person or organisation.';
COMMENT ON COLUMN entity_key_links.name_key IS 'A normalised name.';
COMMENT ON COLUMN entity_key_links.relation IS 'form: another form an article gives with the name (an acronym, a short form); initials: an organisation''s initials; spelling: the initials and the first four letters, which two spellings of one organisation share.';
COMMENT ON COLUMN entity_key_links.other_key IS 'The other form''s key, the initials, or the spelling group (initials, a space, the first four letters).';
COMMENT ON COLUMN entity_key_links.occurrences IS 'How many occurrences of the name give the link.';

CREATE FUNCTION newsetl_entity_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_apply(_keys("new_rows", 1), _links("new_rows", 1))}
        RETURN NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        {_apply(_keys("new_rows", 1) + " UNION ALL " + _keys("old_rows", -1),
                _links("new_rows", 1) + " UNION ALL " + _links("old_rows", -1))}
    ELSE
        {_apply(_keys("old_rows", -1), _links("old_rows", -1))}
    END IF;
    DELETE FROM entity_keys k USING (SELECT DISTINCT kind, name_key FROM old_rows) d
    WHERE k.kind = d.kind AND k.name_key = d.name_key AND k.occurrences <= 0;
    DELETE FROM entity_key_links k USING (SELECT DISTINCT kind, name_key FROM old_rows) d
    WHERE k.kind = d.kind AND k.name_key = d.name_key AND k.occurrences <= 0;
    RETURN NULL;
END $$;
CREATE TRIGGER entity_keys_insert AFTER INSERT ON entity_occurrences
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION newsetl_entity_keys();
CREATE TRIGGER entity_keys_update AFTER UPDATE ON entity_occurrences
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsetl_entity_keys();
CREATE TRIGGER entity_keys_delete AFTER DELETE ON entity_occurrences
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION newsetl_entity_keys();

{_apply(_keys("entity_occurrences", 1), _links("entity_occurrences", 1))}
"""

DOWNGRADE_SQL = """
DROP TRIGGER entity_keys_insert ON entity_occurrences;
DROP TRIGGER entity_keys_update ON entity_occurrences;
DROP TRIGGER entity_keys_delete ON entity_occurrences;
DROP FUNCTION newsetl_entity_keys();
DROP TABLE entity_key_links;
DROP TABLE entity_keys;
"""


def upgrade() -> None:
    for column in _COLUMNS:
        op.drop_index(f"ix_entity_occurrences_{column}", table_name="entity_occurrences")
        op.create_index(f"ix_entity_occurrences_kind_{column}", "entity_occurrences",
                        ["kind", column])
    op.execute(UPGRADE_SQL)


def downgrade() -> None:
    op.execute(DOWNGRADE_SQL)
    for column in _COLUMNS:
        op.drop_index(f"ix_entity_occurrences_kind_{column}", table_name="entity_occurrences")
        op.create_index(f"ix_entity_occurrences_{column}", "entity_occurrences", [column])
