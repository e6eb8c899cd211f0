"""Initial schema: articles, people, organisations, quotes, topics and the load bookkeeping;
the IPTC Media Topics taxonomy loaded into `topics`.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('load_runs',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the load run, for joins.'),
    sa.Column('command', sa.Text(), nullable=False, comment='What ran: load or reprocess.'),
    sa.Column('inputs', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False, comment='Paths given to the command.'),
    sa.Column('status', sa.Text(), server_default='running', nullable=False, comment='running, succeeded, failed (nothing loaded) or partial (some inputs failed).'),
    sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the run started.'),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True, comment='When the run ended; NULL while running or if it was killed.'),
    sa.Column('articles_read', sa.Integer(), server_default='0', nullable=False, comment='Articles read from the inputs.'),
    sa.Column('articles_inserted', sa.Integer(), server_default='0', nullable=False, comment='New articles written.'),
    sa.Column('articles_updated', sa.Integer(), server_default='0', nullable=False, comment='Existing articles re-extracted (changed body or older extractor).'),
    sa.Column('articles_unchanged', sa.Integer(), server_default='0', nullable=False, comment='Articles already stored with the same body and extractor version; skipped.'),
    sa.Column('errors', sa.Integer(), server_default='0', nullable=False, comment='Inputs that could not be loaded (see load_errors).'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='newsetl extractor version used.'),
    sa.Column('newsetl_version', sa.Text(), nullable=False, comment='newsetl package version used.'),
    sa.CheckConstraint("status IN ('running', 'succeeded', 'failed', 'partial')", name=op.f('ck_load_runs_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_load_runs')),
    comment='One row per newsetl load or reprocess run, with its counts.'
    )
    op.create_table('organisations',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the organisation, for joins.'),
    sa.Column('name', sa.Text(), nullable=False, comment="Canonical name (long form, no leading 'the')."),
    sa.Column('key', sa.Text(), nullable=False, comment='Normalised name: the natural key.'),
    sa.Column('acronym', sa.Text(), nullable=True, comment="Acronym, when an article gives one ('AfD')."),
    sa.Column('is_media', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment='True for news outlets and publications (Politico, Der Spiegel).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('key', name=op.f('uq_organisations_key')),
    comment='Organisations named in the articles (parties, agencies, companies, outlets), one row per organisation over the whole corpus.'
    )
    op.create_table('people',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the person, for joins.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical full name (titles stripped).'),
    sa.Column('key', sa.Text(), nullable=False, comment='Normalised name (lower case, no accents or punctuation): the natural key.'),
    sa.Column('surname_key', sa.Text(), nullable=False, comment="Last word of key: links a surname-only mention ('Rutte') to one full name."),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('key', name=op.f('uq_people_key')),
    comment='People named in the articles, one row per person over the whole corpus.'
    )
    op.create_table('sources',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the source, for joins.'),
    sa.Column('name', sa.Text(), nullable=False, comment="Outlet or publisher as given by the input (e.g. 'Reuters')."),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name')),
    comment='Outlets that published the loaded articles.'
    )
    op.create_table('topics',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the topic, for joins.'),
    sa.Column('qcode', sa.Text(), nullable=False, comment="IPTC Media Topic code, e.g. 'medtop:16000000'."),
    sa.Column('parent_id', sa.BigInteger(), nullable=True, comment='Broader topic (topics.id); NULL at the top level.'),
    sa.Column('level', sa.Integer(), nullable=False, comment='Depth: 1 = one of the 17 top-level topics.'),
    sa.Column('label', sa.Text(), nullable=False, comment='English label.'),
    sa.Column('definition', sa.Text(), nullable=True, comment="IPTC's definition."),
    sa.Column('retired', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment='Retired by IPTC: kept so older data resolves, never assigned.'),
    sa.Column('wikidata_id', sa.Text(), nullable=True, comment='Wikidata Q-id of the concept, when IPTC gives one.'),
    sa.ForeignKeyConstraint(['parent_id'], ['topics.id'], name=op.f('fk_topics_parent_id_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('qcode', name=op.f('uq_topics_qcode')),
    comment='The IPTC Media Topics taxonomy (IPTC Media Topics NewsCodes, (c) IPTC, https://iptc.org, CC BY 4.0, release 2025-10-09).'
    )
    op.create_index(op.f('ix_topics_parent_id'), 'topics', ['parent_id'], unique=False)
    op.create_table('articles',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the article, for joins.'),
    sa.Column('content_hash', sa.Text(), nullable=False, comment='SHA-256 of the whitespace-normalised body: the natural key of an article.'),
    sa.Column('url', sa.Text(), nullable=True, comment='Canonical URL, when known. Unique when present.'),
    sa.Column('source_id', sa.BigInteger(), nullable=True, comment='Outlet (sources.id), when known.'),
    sa.Column('external_id', sa.Text(), nullable=True, comment='Id the input gave the article, if any.'),
    sa.Column('title', sa.Text(), nullable=True, comment='Headline.'),
    sa.Column('body', sa.Text(), nullable=False, comment='Cleaned article text. Every offset in newsetl refers to this text (substring(body from start_offset + 1 for end_offset - start_offset)).'),
    sa.Column('boilerplate', sa.Text(), nullable=True, comment='Text removed from the input as not part of the article (appeals, teasers of other stories).'),
    sa.Column('authors', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False, comment='Bylines, when the input gives them.'),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True, comment="Publication time from the input's metadata; NULL when unknown."),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=True, comment='When a crawler fetched the page, if known.'),
    sa.Column('word_count', sa.Integer(), nullable=False, comment='Words in the body.'),
    sa.Column('source_path', sa.Text(), nullable=False, comment='File the article was read from.'),
    sa.Column('source_line', sa.Integer(), nullable=True, comment='Line or record number in that file, if any.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment="Version of the newsetl extraction that produced this article's people, organisations, quotes and topics."),
    sa.Column('load_run_id', sa.BigInteger(), nullable=False, comment='Run that last wrote this article (load_runs.id).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this article was last (re)written.'),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_runs.id'], name=op.f('fk_articles_load_run_id_load_runs')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_articles_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_articles_content_hash')),
    comment='News articles: one row per distinct article (same URL or same body = same article).'
    )
    op.create_index(op.f('ix_articles_load_run_id'), 'articles', ['load_run_id'], unique=False)
    op.create_index(op.f('ix_articles_published_at'), 'articles', ['published_at'], unique=False)
    op.create_index(op.f('ix_articles_source_id'), 'articles', ['source_id'], unique=False)
    op.create_index('uq_articles_url', 'articles', ['url'], unique=True, postgresql_where=sa.text('url IS NOT NULL'))
    op.create_table('load_errors',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the error, for joins.'),
    sa.Column('load_run_id', sa.BigInteger(), nullable=False, comment='The run that met the error (load_runs.id).'),
    sa.Column('source_path', sa.Text(), nullable=False, comment='File the bad input came from.'),
    sa.Column('line', sa.Integer(), nullable=True, comment='Line (JSON lines) or record number in the file, if any.'),
    sa.Column('message', sa.Text(), nullable=False, comment='What is wrong with the input.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_runs.id'], name=op.f('fk_load_errors_load_run_id_load_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_load_errors')),
    comment='Inputs a run could not load, one row per bad file or record.'
    )
    op.create_index(op.f('ix_load_errors_load_run_id'), 'load_errors', ['load_run_id'], unique=False)
    op.create_table('organisation_aliases',
    sa.Column('organisation_id', sa.BigInteger(), nullable=False, comment='The organisation (organisations.id).'),
    sa.Column('alias', sa.Text(), nullable=False, comment='A form of the name used in some article.'),
    sa.Column('alias_key', sa.Text(), nullable=False, comment='Normalised alias.'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_aliases_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'alias_key', name=op.f('pk_organisation_aliases')),
    comment="Every form of an organisation's name seen in the articles, acronyms included."
    )
    op.create_index(op.f('ix_organisation_aliases_alias_key'), 'organisation_aliases', ['alias_key'], unique=False)
    op.create_index(op.f('ix_people_surname_key'), 'people', ['surname_key'], unique=False)
    op.create_table('person_aliases',
    sa.Column('person_id', sa.BigInteger(), nullable=False, comment='The person (people.id).'),
    sa.Column('alias', sa.Text(), nullable=False, comment='A form of the name used in some article.'),
    sa.Column('alias_key', sa.Text(), nullable=False, comment='Normalised alias.'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_aliases_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'alias_key', name=op.f('pk_person_aliases')),
    comment="Every form of a person's name seen in the articles ('Rutte', 'Mark Rutte')."
    )
    op.create_index(op.f('ix_person_aliases_alias_key'), 'person_aliases', ['alias_key'], unique=False)
    op.create_table('article_keyphrases',
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('phrase', sa.Text(), nullable=False, comment='Normalised noun phrase (lower case).'),
    sa.Column('score', sa.Float(), nullable=False, comment='Salience in the article (higher = more central).'),
    sa.Column('mention_count', sa.Integer(), nullable=False, comment='Times the article uses the phrase.'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_keyphrases_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'phrase', name=op.f('pk_article_keyphrases')),
    comment='Key phrases of each article, ranked by salience; group by phrase across the corpus.'
    )
    op.create_index('ix_article_keyphrases_phrase', 'article_keyphrases', ['phrase'], unique=False)
    op.create_table('article_organisations',
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('organisation_id', sa.BigInteger(), nullable=False, comment='The organisation (organisations.id).'),
    sa.Column('name_in_article', sa.Text(), nullable=False, comment='Name the article uses.'),
    sa.Column('mention_count', sa.Integer(), nullable=False, comment='Times the article names it.'),
    sa.Column('first_offset', sa.Integer(), nullable=False, comment='Character offset of the first mention in articles.body.'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_organisations_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_article_organisations_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('article_id', 'organisation_id', name=op.f('pk_article_organisations')),
    comment='Which organisations each article names, and how often.'
    )
    op.create_index(op.f('ix_article_organisations_organisation_id'), 'article_organisations', ['organisation_id'], unique=False)
    op.create_table('article_people',
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('person_id', sa.BigInteger(), nullable=False, comment='The person (people.id).'),
    sa.Column('name_in_article', sa.Text(), nullable=False, comment='Fullest name the article uses.'),
    sa.Column('mention_count', sa.Integer(), nullable=False, comment='Times the article names the person.'),
    sa.Column('first_offset', sa.Integer(), nullable=False, comment='Character offset of the first mention in articles.body.'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_people_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_article_people_person_id_people')),
    sa.PrimaryKeyConstraint('article_id', 'person_id', name=op.f('pk_article_people')),
    comment='Which people each article names, and how often.'
    )
    op.create_index(op.f('ix_article_people_person_id'), 'article_people', ['person_id'], unique=False)
    op.create_table('article_topics',
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('topic_id', sa.BigInteger(), nullable=False, comment='The topic (topics.id).'),
    sa.Column('score', sa.Float(), nullable=False, comment='Strength of the evidence, 0 to 1.'),
    sa.Column('rank', sa.Integer(), nullable=False, comment="1 = the article's main topic."),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_topics_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_article_topics_topic_id_topics')),
    sa.PrimaryKeyConstraint('article_id', 'topic_id', name=op.f('pk_article_topics')),
    comment='Topics assigned to each article, with scores.'
    )
    op.create_index(op.f('ix_article_topics_topic_id'), 'article_topics', ['topic_id'], unique=False)
    op.create_table('mentions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the mention, for joins.'),
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('person_id', sa.BigInteger(), nullable=True, comment='The person named (people.id), or NULL for an organisation mention.'),
    sa.Column('organisation_id', sa.BigInteger(), nullable=True, comment='The organisation named (organisations.id), or NULL for a person mention.'),
    sa.Column('start_offset', sa.Integer(), nullable=False, comment='Start of the mention in articles.body.'),
    sa.Column('end_offset', sa.Integer(), nullable=False, comment='End (exclusive) in articles.body.'),
    sa.Column('text', sa.Text(), nullable=False, comment='The mention as written.'),
    sa.CheckConstraint('(person_id IS NULL) <> (organisation_id IS NULL)', name=op.f('ck_mentions_one_entity')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_mentions_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_mentions_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions')),
    comment='Each place an article names a person or organisation, with character offsets.'
    )
    op.create_index('ix_mentions_article_id', 'mentions', ['article_id'], unique=False)
    op.create_index(op.f('ix_mentions_organisation_id'), 'mentions', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_mentions_person_id'), 'mentions', ['person_id'], unique=False)
    op.create_table('person_roles',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the role mention, for joins.'),
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('person_id', sa.BigInteger(), nullable=False, comment='The person (people.id).'),
    sa.Column('title', sa.Text(), nullable=False, comment="Title or function as given ('German Chancellor')."),
    sa.Column('organisation_id', sa.BigInteger(), nullable=True, comment="Organisation the title belongs to, when named ('NATO')."),
    sa.Column('organisation_text', sa.Text(), nullable=True, comment='That organisation as written.'),
    sa.Column('start_offset', sa.Integer(), nullable=True, comment='Start of the title in articles.body, if known.'),
    sa.Column('end_offset', sa.Integer(), nullable=True, comment='End of the title in articles.body, if known.'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_person_roles_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_person_roles_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_roles_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_roles')),
    comment='Titles and affiliations articles give people: who was called what, where and when (join articles for outlet and date).'
    )
    op.create_index('ix_person_roles_article_id', 'person_roles', ['article_id'], unique=False)
    op.create_index(op.f('ix_person_roles_organisation_id'), 'person_roles', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_person_roles_person_id'), 'person_roles', ['person_id'], unique=False)
    op.create_table('quotes',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False, comment='Surrogate key of the quote, for joins.'),
    sa.Column('article_id', sa.BigInteger(), nullable=False, comment='The article (articles.id).'),
    sa.Column('text', sa.Text(), nullable=False, comment='The quoted words.'),
    sa.Column('start_offset', sa.Integer(), nullable=False, comment='Start of the quote in articles.body.'),
    sa.Column('end_offset', sa.Integer(), nullable=False, comment='End (exclusive) in articles.body.'),
    sa.Column('speaker_text', sa.Text(), nullable=True, comment="The speaker as written ('he', 'the report')."),
    sa.Column('speaker_name', sa.Text(), nullable=True, comment="The speaker's resolved name, when known."),
    sa.Column('speaker_kind', sa.Text(), nullable=True, comment='person, organisation, other, or NULL when unknown.'),
    sa.Column('speaker_person_id', sa.BigInteger(), nullable=True, comment='Speaker (people.id) when a person was resolved.'),
    sa.Column('speaker_organisation_id', sa.BigInteger(), nullable=True, comment='Speaker (organisations.id) when an organisation or document was resolved.'),
    sa.Column('speaker_affiliation_id', sa.BigInteger(), nullable=True, comment="Organisation linked to a described speaker ('the former head of MI6' -> MI6)."),
    sa.Column('speaker_start_offset', sa.Integer(), nullable=True, comment='Start of speaker_text in articles.body.'),
    sa.Column('speaker_end_offset', sa.Integer(), nullable=True, comment='End of speaker_text in articles.body.'),
    sa.Column('cue', sa.Text(), nullable=True, comment="Reporting verb or phrase ('said', 'told', 'according to')."),
    sa.Column('medium_text', sa.Text(), nullable=True, comment="Outlet the words were said to, as written ('Politico')."),
    sa.Column('medium_organisation_id', sa.BigInteger(), nullable=True, comment='That outlet (organisations.id).'),
    sa.Column('is_partial', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment="True for a quoted fragment inside the reporter's own sentence."),
    sa.Column('kind', sa.Text(), server_default='direct', nullable=False, comment='direct (in quotation marks) or indirect (reported speech).'),
    sa.Column('confidence', sa.Float(), nullable=False, comment='How sure the attribution is, 0 to 1.'),
    sa.CheckConstraint("kind IN ('direct', 'indirect')", name=op.f('ck_quotes_kind')),
    sa.CheckConstraint("speaker_kind IN ('person', 'organisation', 'other')", name=op.f('ck_quotes_speaker_kind')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_quotes_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['medium_organisation_id'], ['organisations.id'], name=op.f('fk_quotes_medium_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['speaker_affiliation_id'], ['organisations.id'], name=op.f('fk_quotes_speaker_affiliation_id_organisations')),
    sa.ForeignKeyConstraint(['speaker_organisation_id'], ['organisations.id'], name=op.f('fk_quotes_speaker_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['speaker_person_id'], ['people.id'], name=op.f('fk_quotes_speaker_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    sa.UniqueConstraint('article_id', 'start_offset', 'end_offset', name=op.f('uq_quotes_article_id_start_offset_end_offset')),
    comment='Quotes and who said them, with character offsets into the article body.'
    )
    op.create_index(op.f('ix_quotes_speaker_organisation_id'), 'quotes', ['speaker_organisation_id'], unique=False)
    op.create_index(op.f('ix_quotes_speaker_person_id'), 'quotes', ['speaker_person_id'], unique=False)

    _load_taxonomy()


# The taxonomy exactly as this revision creates it, frozen beside the migrations: the package's
# live copy (etl/lexicons/iptc-mediatopics.csv) may move to a later IPTC release, which then
# arrives as a new data migration with its own frozen file, so this revision never changes.
TAXONOMY_FILE = Path(__file__).resolve().parents[1] / "data" / "iptc-mediatopics-2025-10-09.csv.gz"
TAXONOMY_SHA256 = "28a88496b424300e3f6e5904c84bf85c089182c07a83aef93401cccd5caa882e"


def _load_taxonomy() -> None:
    """IPTC Media Topics NewsCodes, (c) IPTC (https://iptc.org), CC BY 4.0, release 2025-10-09."""
    data = gzip.decompress(TAXONOMY_FILE.read_bytes())
    if hashlib.sha256(data).hexdigest() != TAXONOMY_SHA256:
        raise RuntimeError(f"{TAXONOMY_FILE} is not the file this revision was released with")
    rows = sorted(csv.DictReader(io.StringIO(data.decode("utf-8"))),
                  key=lambda r: (int(r["level"]), r["qcode"]))
    topics = sa.table("topics", sa.column("qcode"), sa.column("level"), sa.column("label"),
                      sa.column("definition"), sa.column("retired"), sa.column("wikidata_id"))
    op.bulk_insert(topics, [
        {"qcode": r["qcode"], "level": int(r["level"]), "label": r["label"],
         "definition": r["definition"], "retired": r["retired"] == "true",
         "wikidata_id": r["wikidata"] or None} for r in rows])
    op.get_bind().execute(
        sa.text("UPDATE topics c SET parent_id = p.id FROM topics p "
                "WHERE c.qcode = :child AND p.qcode = :parent"),
        [{"child": r["qcode"], "parent": r["parent_qcode"]} for r in rows if r["parent_qcode"]])


def downgrade() -> None:
    op.drop_index(op.f('ix_quotes_speaker_person_id'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_speaker_organisation_id'), table_name='quotes')
    op.drop_table('quotes')
    op.drop_index(op.f('ix_person_roles_person_id'), table_name='person_roles')
    op.drop_index(op.f('ix_person_roles_organisation_id'), table_name='person_roles')
    op.drop_index('ix_person_roles_article_id', table_name='person_roles')
    op.drop_table('person_roles')
    op.drop_index(op.f('ix_mentions_person_id'), table_name='mentions')
    op.drop_index(op.f('ix_mentions_organisation_id'), table_name='mentions')
    op.drop_index('ix_mentions_article_id', table_name='mentions')
    op.drop_table('mentions')
    op.drop_index(op.f('ix_article_topics_topic_id'), table_name='article_topics')
    op.drop_table('article_topics')
    op.drop_index(op.f('ix_article_people_person_id'), table_name='article_people')
    op.drop_table('article_people')
    op.drop_index(op.f('ix_article_organisations_organisation_id'), table_name='article_organisations')
    op.drop_table('article_organisations')
    op.drop_index('ix_article_keyphrases_phrase', table_name='article_keyphrases')
    op.drop_table('article_keyphrases')
    op.drop_index(op.f('ix_person_aliases_alias_key'), table_name='person_aliases')
    op.drop_table('person_aliases')
    op.drop_index(op.f('ix_organisation_aliases_alias_key'), table_name='organisation_aliases')
    op.drop_table('organisation_aliases')
    op.drop_index(op.f('ix_load_errors_load_run_id'), table_name='load_errors')
    op.drop_table('load_errors')
    op.drop_index('uq_articles_url', table_name='articles', postgresql_where=sa.text('url IS NOT NULL'))
    op.drop_index(op.f('ix_articles_source_id'), table_name='articles')
    op.drop_index(op.f('ix_articles_published_at'), table_name='articles')
    op.drop_index(op.f('ix_articles_load_run_id'), table_name='articles')
    op.drop_table('articles')
    op.drop_index(op.f('ix_topics_parent_id'), table_name='topics')
    op.drop_table('topics')
    op.drop_table('sources')
    op.drop_index(op.f('ix_people_surname_key'), table_name='people')
    op.drop_table('people')
    op.drop_table('organisations')
    op.drop_table('load_runs')
