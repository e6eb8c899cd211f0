"""Corpus-wide identity: name occurrences, merges with their evidence, analysts' overrides.

- entity_occurrences: every person and organisation as each article names it; the resolution
  step (etl/resolve/) groups them into people and organisations.
- entity_merges (and the view merges_with_evidence): ids that were merged and where they went.
- identity_overrides: names an analyst forced together or apart.
- people.key and organisations.key are no longer unique (a first name alone is one person per
  article); they stay indexed.
Existing databases get their occurrences from article_people and article_organisations (the
forms from mentions); run `newsetl resolve` afterwards to resolve them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same statements as the end of schema/views.sql (a test checks that the two agree).
VIEWS_SQL = r"""
CREATE VIEW merges_with_evidence AS
SELECT m.id AS merge_id,
       m.kind,
       m.merged_id,
       m.merged_name,
       m.kept_id,
       COALESCE(p.name, o.name) AS kept_name,
       m.evidence,
       m.merged_at
FROM entity_merges m
LEFT JOIN people p ON m.kind = 'person' AND p.id = m.kept_id
LEFT JOIN organisations o ON m.kind = 'organisation' AND o.id = m.kept_id;
COMMENT ON VIEW merges_with_evidence IS 'Each merge of two people or two organisations into one row, with the evidence that made it. A saved id that no longer exists is a merged_id here: kept_id is where it went.';
COMMENT ON COLUMN merges_with_evidence.merge_id IS 'The merge (entity_merges.id).';
COMMENT ON COLUMN merges_with_evidence.kind IS 'person or organisation.';
COMMENT ON COLUMN merges_with_evidence.merged_id IS 'The id that no longer exists.';
COMMENT ON COLUMN merges_with_evidence.merged_name IS 'Its name at the time of the merge.';
COMMENT ON COLUMN merges_with_evidence.kept_id IS 'The row it belongs to now (people.id or organisations.id).';
COMMENT ON COLUMN merges_with_evidence.kept_name IS 'That row''s canonical name now.';
COMMENT ON COLUMN merges_with_evidence.evidence IS 'The rules and evidence that joined them (''surname: one full name'', ''acronym'', ...).';
COMMENT ON COLUMN merges_with_evidence.merged_at IS 'When the merge was made.';
"""


def _kind() -> sa.CheckConstraint:
    return sa.CheckConstraint("kind IN ('person', 'organisation')", name="kind")


def upgrade() -> None:
    op.drop_constraint('uq_people_key', 'people', type_='unique')
    op.create_index(op.f('ix_people_key'), 'people', ['key'], unique=False)
    op.drop_constraint('uq_organisations_key', 'organisations', type_='unique')
    op.create_index(op.f('ix_organisations_key'), 'organisations', ['key'], unique=False)
    op.alter_column('people', 'key', comment=(
        "Normalised canonical name (lower case, no accents or punctuation). Not unique: a first "
        "name alone ('Dan') is one person per article."))
    op.alter_column('people', 'surname_key', comment=(
        "Surname part of key, with its particles ('von der leyen'), surname-first names read "
        "right ('xi' for Xi Jinping)."))
    op.alter_column('people', 'name', comment=(
        "Canonical full name (titles stripped): the best-supported full form across the "
        "articles, recomputed as they are loaded."))
    op.alter_column('organisations', 'key', comment=(
        "Normalised canonical name (lower case, 'the' and legal suffixes dropped)."))
    op.alter_column('organisations', 'name', comment=(
        "Canonical name: the best-supported long form (no leading 'the'), recomputed as "
        "articles are loaded."))
    _create_tables()
    op.get_bind().exec_driver_sql(VIEWS_SQL)
    _backfill()


def _create_tables() -> None:
    op.create_table(
        'entity_occurrences',
        sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
        sa.Column('kind', sa.Text(), nullable=False, comment='person or organisation.'),
        sa.Column('entity_index', sa.Integer(), nullable=False,
                  comment="Position of the entity in the article's extraction."),
        sa.Column('person_id', sa.BigInteger(), nullable=True,
                  comment='The person this name was resolved to (people.id), for kind person.'),
        sa.Column('organisation_id', sa.BigInteger(), nullable=True,
                  comment='The organisation this name was resolved to (organisations.id), for '
                          'kind organisation.'),
        sa.Column('name', sa.Text(), nullable=False, comment='Fullest name the article uses.'),
        sa.Column('name_key', sa.Text(), nullable=False, comment='Normalised name.'),
        sa.Column('given_key', sa.Text(), nullable=True,
                  comment="Person: given name(s) in name_key; NULL for a surname alone ('Rutte')."),
        sa.Column('middle_key', sa.Text(), nullable=True,
                  comment='Person: middle names or initials in name_key.'),
        sa.Column('surname_key', sa.Text(), nullable=True,
                  comment='Person: surname in name_key, with its particles.'),
        sa.Column('skeleton', sa.Text(), nullable=True,
                  comment="Person: consonants of the surname, spelling variants folded "
                          "('Zelenskyy' = 'Zelensky' = 'slnsk')."),
        sa.Column('is_first_name', sa.Boolean(), server_default=sa.text('false'), nullable=False,
                  comment="Person: the name is a common first name alone ('Dan'), never matched "
                          "across articles."),
        sa.Column('initials', sa.Text(), nullable=True,
                  comment="Organisation: initials of a multi-word name ('imf')."),
        sa.Column('acronym', sa.Text(), nullable=True,
                  comment="Organisation: acronym the article gives it ('IMF')."),
        sa.Column('is_media', sa.Boolean(), server_default=sa.text('false'), nullable=False,
                  comment='Organisation: a news outlet.'),
        sa.Column('forms', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"),
                  nullable=False, comment='Every form of the name the article uses.'),
        sa.Column('form_keys', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"),
                  nullable=False, comment='Normalised forms, in the same order.'),
        sa.Column('mention_count', sa.Integer(), nullable=False,
                  comment='Times the article names it.'),
        sa.Column('first_offset', sa.Integer(), nullable=True,
                  comment='Offset of the first mention in articles.body.'),
        sa.Column('resolved_by', sa.Text(), nullable=True,
                  comment="The rule that linked this name to its row, with its evidence ('same "
                          "name', 'surname: one full name', ...)."),
        sa.CheckConstraint('(person_id IS NULL) OR (organisation_id IS NULL)',
                           name=op.f('ck_entity_occurrences_one_entity')),
        sa.CheckConstraint("kind IN ('person', 'organisation')",
                           name=op.f('ck_entity_occurrences_kind')),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE',
                                name=op.f('fk_entity_occurrences_article_id_articles')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_entity_occurrences_organisation_id_organisations')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_entity_occurrences_person_id_people')),
        sa.PrimaryKeyConstraint('article_id', 'kind', 'entity_index',
                                name=op.f('pk_entity_occurrences')),
        comment='Every person and organisation each article names, as the article names it: '
                'the evidence the resolution step groups into people and organisations.')
    for cols in (['kind', 'name_key'], ['surname_key'], ['skeleton'], ['initials'],
                 ['person_id'], ['organisation_id']):
        op.create_index(op.f('ix_entity_occurrences_' + '_'.join(cols)), 'entity_occurrences',
                        cols, unique=False)
    op.create_index('ix_entity_occurrences_form_keys', 'entity_occurrences', ['form_keys'],
                    unique=False, postgresql_using='gin')
    # Names a load wrote but no resolution has settled yet (a killed run's): the next run's
    # resolution takes their articles in.
    op.create_index('ix_entity_occurrences_unsettled', 'entity_occurrences', ['article_id'],
                    unique=False, postgresql_where=sa.text('resolved_by IS NULL'))
    op.create_table(
        'entity_merges',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False,
                  comment='Surrogate key of the merge, for joins.'),
        sa.Column('kind', sa.Text(), nullable=False, comment='person or organisation.'),
        sa.Column('merged_id', sa.BigInteger(), nullable=False,
                  comment='The id that no longer exists (people.id or organisations.id as it was).'),
        sa.Column('kept_id', sa.BigInteger(), nullable=False,
                  comment='The row it now belongs to; follows later merges, so it always exists.'),
        sa.Column('merged_name', sa.Text(), nullable=False,
                  comment='Name of the merged row at the time.'),
        sa.Column('evidence', sa.Text(), nullable=False,
                  comment='Why: the rules and evidence that joined the names.'),
        sa.Column('merged_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                  nullable=False, comment='When the merge was made.'),
        sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f('ck_entity_merges_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_merges')),
        comment='People and organisations that turned out to be one: each merged id and the row '
                'that kept its place, so saved ids still lead somewhere.')
    op.create_index(op.f('ix_entity_merges_merged_id'), 'entity_merges', ['merged_id'])
    op.create_index(op.f('ix_entity_merges_kept_id'), 'entity_merges', ['kept_id'])
    op.create_table(
        'identity_overrides',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False,
                  comment='Surrogate key of the override, for joins.'),
        sa.Column('kind', sa.Text(), nullable=False, comment='person or organisation.'),
        sa.Column('key_a', sa.Text(), nullable=False, comment='Normalised name of one side.'),
        sa.Column('key_b', sa.Text(), nullable=False, comment='Normalised name of the other side.'),
        sa.Column('same', sa.Boolean(), nullable=False,
                  comment='True: always one row; false: never one row.'),
        sa.Column('note', sa.Text(), nullable=True, comment='Who decided and why.'),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                  nullable=False, comment='When this row was first written.'),
        sa.CheckConstraint("kind IN ('person', 'organisation')",
                           name=op.f('ck_identity_overrides_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_overrides')),
        sa.UniqueConstraint('kind', 'key_a', 'key_b',
                            name=op.f('uq_identity_overrides_kind_key_a_key_b')),
        comment="An analyst's corrections: names forced into one row or kept apart, honoured by "
                "every later resolution.")


def _backfill() -> None:
    """Occurrences for the articles already loaded, from article_people/article_organisations
    and the forms their mentions use."""
    from etl.resolve.occurrences import backfill
    backfill(op.get_bind().connection.driver_connection)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS merges_with_evidence")
    op.drop_table('identity_overrides')
    op.drop_table('entity_merges')
    op.drop_table('entity_occurrences')
    for table in ('people', 'organisations'):
        # A first name alone is one row per article: make keys unique again before the constraint.
        op.execute(f"UPDATE {table} t SET key = t.key || ' #' || t.id WHERE t.id <> "
                   f"(SELECT min(u.id) FROM {table} u WHERE u.key = t.key)")
        op.drop_index(op.f(f'ix_{table}_key'), table_name=table)
        op.create_unique_constraint(f'uq_{table}_key', table, ['key'])
    op.alter_column('people', 'key', comment=(
        'Normalised name (lower case, no accents or punctuation): the natural key.'))
    op.alter_column('people', 'surname_key', comment=(
        "Last word of key: links a surname-only mention ('Rutte') to one full name."))
    op.alter_column('people', 'name', comment='Canonical full name (titles stripped).')
    op.alter_column('organisations', 'key', comment='Normalised name: the natural key.')
    op.alter_column('organisations', 'name', comment="Canonical name (long form, no leading 'the').")
