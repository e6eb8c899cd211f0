"""entity_names holds the parts of a person's name, so that the resolution step reads people at
the level of names too.

Re-resolving a surname read every occurrence of it and of every full name with that surname: a
popular name cost more with every article that named it, so a step grew with the corpus and a
load with its square. The parts of a person's name (given name, middle names, surname, spelling
skeleton, whether it is a first name alone) are now part of each written variant, indexed by
surname and skeleton, and the step reads a surname's few variants instead (only a surname alone
that several full names compete for is still decided article by article). The trigger function
is 0012's with the longer variant; the table is refilled from the occurrences.

Such a surname alone goes to the full name whose other articles share most with its own
(organisations, people, titles). That read every article of every candidate at every step. Now
person_contexts holds what each person occurrence's article gives it (written by the resolution
step for the articles it takes in, deleted with the occurrence), and person_key_contexts, kept
from it by triggers, the same per name: the step reads a candidate's profile, not its articles.

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


_CONTEXTS = """
CREATE TABLE person_contexts (
    article_id bigint NOT NULL,
    kind text NOT NULL DEFAULT 'person',
    entity_index integer NOT NULL,
    name_key text NOT NULL,
    what text NOT NULL,
    item text NOT NULL,
    CONSTRAINT pk_person_contexts PRIMARY KEY (article_id, entity_index, what, item),
    CONSTRAINT fk_person_contexts_article_id_entity_occurrences FOREIGN KEY (article_id, kind, entity_index)
        REFERENCES entity_occurrences (article_id, kind, entity_index)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT ck_person_contexts_kind CHECK (kind = 'person'),
    CONSTRAINT ck_person_contexts_what CHECK (what IN ('organisation', 'person', 'title', 'day')));
COMMENT ON TABLE person_contexts IS 'What the article of each person occurrence gives it, the evidence for whom a surname alone stands: written by the resolution step for the articles it takes in.';
COMMENT ON COLUMN person_contexts.article_id IS 'The occurrence''s article (entity_occurrences.article_id).';
COMMENT ON COLUMN person_contexts.kind IS 'Always person: with article_id and entity_index, the occurrence.';
COMMENT ON COLUMN person_contexts.entity_index IS 'The occurrence (entity_occurrences.entity_index).';
COMMENT ON COLUMN person_contexts.name_key IS 'The occurrence''s name key.';
COMMENT ON COLUMN person_contexts.what IS 'organisation or person: another name in the article (its key; people: full names only); title: a title the person has there; day: the article''s day (UTC, YYYY-MM-DD).';
COMMENT ON COLUMN person_contexts.item IS 'The key, the title in lower case, or the day.';

CREATE TABLE person_key_contexts (
    name_key text NOT NULL,
    what text NOT NULL,
    item text NOT NULL,
    occurrences integer NOT NULL,
    CONSTRAINT pk_person_key_contexts PRIMARY KEY (name_key, what, item));
COMMENT ON TABLE person_key_contexts IS 'person_contexts counted by name: everything the articles of a name give it, kept by triggers.';
COMMENT ON COLUMN person_key_contexts.name_key IS 'A person''s name key.';
COMMENT ON COLUMN person_key_contexts.what IS 'As person_contexts.what.';
COMMENT ON COLUMN person_key_contexts.item IS 'As person_contexts.item.';
COMMENT ON COLUMN person_key_contexts.occurrences IS 'How many occurrences of the name have it.';

CREATE FUNCTION newsetl_person_key_contexts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        WITH d AS MATERIALIZED (SELECT name_key, what, item, count(*) AS n FROM old_rows
                                GROUP BY 1, 2, 3),
        gone AS (DELETE FROM person_key_contexts k USING d
                 WHERE k.name_key = d.name_key AND k.what = d.what AND k.item = d.item
                   AND k.occurrences <= d.n)
        UPDATE person_key_contexts k SET occurrences = k.occurrences - d.n FROM d
        WHERE k.name_key = d.name_key AND k.what = d.what AND k.item = d.item
          AND k.occurrences > d.n;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO person_key_contexts (name_key, what, item, occurrences)
        SELECT name_key, what, item, count(*) FROM new_rows GROUP BY 1, 2, 3
        ON CONFLICT (name_key, what, item)
        DO UPDATE SET occurrences = person_key_contexts.occurrences + EXCLUDED.occurrences;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER person_key_contexts_insert AFTER INSERT ON person_contexts
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsetl_person_key_contexts();
CREATE TRIGGER person_key_contexts_update AFTER UPDATE ON person_contexts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsetl_person_key_contexts();
CREATE TRIGGER person_key_contexts_delete AFTER DELETE ON person_contexts
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsetl_person_key_contexts();
"""


# What the article of each person occurrence gives it, as etl/resolve/contexts.py wrote it
# when this migration was released.
_FILL = """
    SELECT p.article_id, p.entity_index, p.name_key, 'organisation', x.name_key
    FROM entity_occurrences p JOIN entity_occurrences x ON x.article_id = p.article_id
    WHERE p.kind = 'person' AND x.kind = 'organisation'
    UNION SELECT p.article_id, p.entity_index, p.name_key, 'person', x.name_key
    FROM entity_occurrences p JOIN entity_occurrences x ON x.article_id = p.article_id
    WHERE p.kind = 'person' AND x.kind = 'person' AND x.given_key IS NOT NULL
      AND x.name_key <> p.name_key
    UNION SELECT p.article_id, p.entity_index, p.name_key, 'title', lower(r.title)
    FROM entity_occurrences p JOIN person_roles r ON r.article_id = p.article_id
         AND r.person_id = p.person_id
    WHERE p.kind = 'person'
    UNION SELECT p.article_id, p.entity_index, p.name_key, 'day',
                 to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    FROM entity_occurrences p JOIN articles a ON a.id = p.article_id
    WHERE p.kind = 'person' AND a.published_at IS NOT NULL"""


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
    op.execute(_CONTEXTS)
    op.execute("INSERT INTO person_contexts (article_id, entity_index, name_key, what, item)"
               + _FILL)


def downgrade() -> None:
    op.execute("DROP TABLE person_key_contexts, person_contexts")
    op.execute("DROP FUNCTION newsetl_person_key_contexts()")
    op.execute("DROP INDEX ix_entity_names_kind_surname_key")
    op.execute("DROP INDEX ix_entity_names_kind_skeleton")
    op.execute("ALTER TABLE entity_names " + ", ".join(f"DROP COLUMN {c}" for c in _PERSON))
    op.execute("COMMENT ON COLUMN entity_names.variant IS 'md5 of the columns from resolved_by "
               "to form_keys: one row per distinct combination.'")
    op.execute(_function(_VARIANT_0012))
