"""The database schema: table and column names here are the contract analysts rely on.

SQLAlchemy Core tables with a comment on every table and column (PostgreSQL COMMENTs, shown by
psql \\d+, DBeaver and Metabase). Migrations in migrations/versions/ create exactly this;
`newsetl db check` fails when the two disagree.
"""
from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, CheckConstraint, Column, DateTime, Float, ForeignKey, Identity, Index,
    Integer, MetaData, PrimaryKeyConstraint, Table, Text, UniqueConstraint, func, text,
)
from sqlalchemy.dialects.postgresql import ARRAY

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _id(what: str) -> Column:
    return Column("id", BigInteger, Identity(always=True), primary_key=True,
                  comment=f"Surrogate key of the {what}, for joins.")


def _created() -> Column:
    return Column("created_at", DateTime(timezone=True), nullable=False,
                  server_default=func.now(), comment="When this row was first written.")


def _article_fk() -> Column:
    return Column("article_id", BigInteger, ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, comment="The article (articles.id).")


load_runs = Table(
    "load_runs", metadata,
    _id("load run"),
    Column("command", Text, nullable=False, comment="What ran: load or reprocess."),
    Column("inputs", ARRAY(Text), nullable=False, server_default=text("'{}'"),
           comment="Paths given to the command."),
    Column("status", Text, nullable=False, server_default="running",
           comment="running, succeeded, failed (nothing loaded) or partial (some inputs failed)."),
    Column("started_at", DateTime(timezone=True), nullable=False, server_default=func.now(),
           comment="When the run started."),
    Column("finished_at", DateTime(timezone=True), comment="When the run ended; NULL while running "
                                                           "or if it was killed."),
    Column("articles_read", Integer, nullable=False, server_default="0",
           comment="Articles read from the inputs."),
    Column("articles_inserted", Integer, nullable=False, server_default="0",
           comment="New articles written."),
    Column("articles_updated", Integer, nullable=False, server_default="0",
           comment="Existing articles re-extracted (changed body or older extractor)."),
    Column("articles_unchanged", Integer, nullable=False, server_default="0",
           comment="Articles already stored with the same body and extractor version; skipped."),
    Column("errors", Integer, nullable=False, server_default="0",
           comment="Inputs that could not be loaded (see load_errors)."),
    Column("extractor_version", Text, nullable=False, comment="newsetl extractor version used."),
    Column("newsetl_version", Text, nullable=False, comment="newsetl package version used."),
    CheckConstraint("status IN ('running', 'succeeded', 'failed', 'partial')", name="status"),
    comment="One row per newsetl load or reprocess run, with its counts.",
)

load_errors = Table(
    "load_errors", metadata,
    _id("error"),
    Column("load_run_id", BigInteger, ForeignKey("load_runs.id", ondelete="CASCADE"),
           nullable=False, index=True, comment="The run that met the error (load_runs.id)."),
    Column("source_path", Text, nullable=False, comment="File the bad input came from."),
    Column("line", Integer, comment="Line (JSON lines) or record number in the file, if any."),
    Column("message", Text, nullable=False, comment="What is wrong with the input."),
    _created(),
    comment="Inputs a run could not load, one row per bad file or record.",
)

sources = Table(
    "sources", metadata,
    _id("source"),
    Column("name", Text, nullable=False, unique=True,
           comment="Outlet or publisher as given by the input (e.g. 'Reuters')."),
    _created(),
    comment="Outlets that published the loaded articles.",
)

articles = Table(
    "articles", metadata,
    _id("article"),
    Column("content_hash", Text, nullable=False, unique=True,
           comment="SHA-256 of the whitespace-normalised body: the natural key of an article."),
    Column("url", Text, comment="Canonical URL, when known. Unique when present."),
    Column("source_id", BigInteger, ForeignKey("sources.id"), index=True,
           comment="Outlet (sources.id), when known."),
    Column("external_id", Text, comment="Id the input gave the article, if any."),
    Column("title", Text, comment="Headline."),
    Column("body", Text, nullable=False,
           comment="Cleaned article text. Every offset in newsetl refers to this text "
                   "(substring(body from start_offset + 1 for end_offset - start_offset))."),
    Column("boilerplate", Text, comment="Text removed from the input as not part of the article "
                                        "(appeals, teasers of other stories)."),
    Column("authors", ARRAY(Text), nullable=False, server_default=text("'{}'"),
           comment="Bylines, when the input gives them."),
    Column("published_at", DateTime(timezone=True), index=True,
           comment="Publication time from the input's metadata; NULL when unknown."),
    Column("fetched_at", DateTime(timezone=True), comment="When a crawler fetched the page, if known."),
    Column("word_count", Integer, nullable=False, comment="Words in the body."),
    Column("source_path", Text, nullable=False, comment="File the article was read from."),
    Column("source_line", Integer, comment="Line or record number in that file, if any."),
    Column("extractor_version", Text, nullable=False,
           comment="Version of the newsetl extraction that produced this article's people, "
                   "organisations, quotes and topics."),
    Column("load_run_id", BigInteger, ForeignKey("load_runs.id"), nullable=False, index=True,
           comment="Run that last wrote this article (load_runs.id)."),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(),
           comment="When this article was last (re)written."),
    Index("uq_articles_url", "url", unique=True, postgresql_where=text("url IS NOT NULL")),
    comment="News articles: one row per distinct article (same URL or same body = same article).",
)

people = Table(
    "people", metadata,
    _id("person"),
    Column("name", Text, nullable=False, comment="Canonical full name (titles stripped)."),
    Column("key", Text, nullable=False, unique=True,
           comment="Normalised name (lower case, no accents or punctuation): the natural key."),
    Column("surname_key", Text, nullable=False, index=True,
           comment="Last word of key: links a surname-only mention ('Rutte') to one full name."),
    _created(),
    comment="People named in the articles, one row per person over the whole corpus.",
)

person_aliases = Table(
    "person_aliases", metadata,
    Column("person_id", BigInteger, ForeignKey("people.id", ondelete="CASCADE"), nullable=False,
           comment="The person (people.id)."),
    Column("alias", Text, nullable=False, comment="A form of the name used in some article."),
    Column("alias_key", Text, nullable=False, index=True, comment="Normalised alias."),
    PrimaryKeyConstraint("person_id", "alias_key"),
    comment="Every form of a person's name seen in the articles ('Rutte', 'Mark Rutte').",
)

organisations = Table(
    "organisations", metadata,
    _id("organisation"),
    Column("name", Text, nullable=False, comment="Canonical name (long form, no leading 'the')."),
    Column("key", Text, nullable=False, unique=True, comment="Normalised name: the natural key."),
    Column("acronym", Text, comment="Acronym, when an article gives one ('AfD')."),
    Column("is_media", Boolean, nullable=False, server_default=text("false"),
           comment="True for news outlets and publications (Politico, Der Spiegel)."),
    _created(),
    comment="Organisations named in the articles (parties, agencies, companies, outlets), one row "
            "per organisation over the whole corpus.",
)

organisation_aliases = Table(
    "organisation_aliases", metadata,
    Column("organisation_id", BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"),
           nullable=False, comment="The organisation (organisations.id)."),
    Column("alias", Text, nullable=False, comment="A form of the name used in some article."),
    Column("alias_key", Text, nullable=False, index=True, comment="Normalised alias."),
    PrimaryKeyConstraint("organisation_id", "alias_key"),
    comment="Every form of an organisation's name seen in the articles, acronyms included.",
)

article_people = Table(
    "article_people", metadata,
    _article_fk(),
    Column("person_id", BigInteger, ForeignKey("people.id"), nullable=False, index=True,
           comment="The person (people.id)."),
    Column("name_in_article", Text, nullable=False, comment="Fullest name the article uses."),
    Column("mention_count", Integer, nullable=False, comment="Times the article names the person."),
    Column("first_offset", Integer, nullable=False,
           comment="Character offset of the first mention in articles.body."),
    PrimaryKeyConstraint("article_id", "person_id"),
    comment="Which people each article names, and how often.",
)

article_organisations = Table(
    "article_organisations", metadata,
    _article_fk(),
    Column("organisation_id", BigInteger, ForeignKey("organisations.id"), nullable=False,
           index=True, comment="The organisation (organisations.id)."),
    Column("name_in_article", Text, nullable=False, comment="Name the article uses."),
    Column("mention_count", Integer, nullable=False, comment="Times the article names it."),
    Column("first_offset", Integer, nullable=False,
           comment="Character offset of the first mention in articles.body."),
    PrimaryKeyConstraint("article_id", "organisation_id"),
    comment="Which organisations each article names, and how often.",
)

mentions = Table(
    "mentions", metadata,
    _id("mention"),
    _article_fk(),
    Column("person_id", BigInteger, ForeignKey("people.id"), index=True,
           comment="The person named (people.id), or NULL for an organisation mention."),
    Column("organisation_id", BigInteger, ForeignKey("organisations.id"), index=True,
           comment="The organisation named (organisations.id), or NULL for a person mention."),
    Column("start_offset", Integer, nullable=False, comment="Start of the mention in articles.body."),
    Column("end_offset", Integer, nullable=False, comment="End (exclusive) in articles.body."),
    Column("text", Text, nullable=False, comment="The mention as written."),
    CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_entity"),
    Index("ix_mentions_article_id", "article_id"),
    comment="Each place an article names a person or organisation, with character offsets.",
)

person_roles = Table(
    "person_roles", metadata,
    _id("role mention"),
    _article_fk(),
    Column("person_id", BigInteger, ForeignKey("people.id"), nullable=False, index=True,
           comment="The person (people.id)."),
    Column("title", Text, nullable=False, comment="Title or function as given ('German Chancellor')."),
    Column("organisation_id", BigInteger, ForeignKey("organisations.id"), index=True,
           comment="Organisation the title belongs to, when named ('NATO')."),
    Column("organisation_text", Text, comment="That organisation as written."),
    Column("start_offset", Integer, comment="Start of the title in articles.body, if known."),
    Column("end_offset", Integer, comment="End of the title in articles.body, if known."),
    Index("ix_person_roles_article_id", "article_id"),
    comment="Titles and affiliations articles give people: who was called what, where and when "
            "(join articles for outlet and date).",
)

quotes = Table(
    "quotes", metadata,
    _id("quote"),
    _article_fk(),
    Column("text", Text, nullable=False, comment="The quoted words."),
    Column("start_offset", Integer, nullable=False, comment="Start of the quote in articles.body."),
    Column("end_offset", Integer, nullable=False, comment="End (exclusive) in articles.body."),
    Column("speaker_text", Text, comment="The speaker as written ('he', 'the report')."),
    Column("speaker_name", Text, comment="The speaker's resolved name, when known."),
    Column("speaker_kind", Text, comment="person, organisation, other, or NULL when unknown."),
    Column("speaker_person_id", BigInteger, ForeignKey("people.id"), index=True,
           comment="Speaker (people.id) when a person was resolved."),
    Column("speaker_organisation_id", BigInteger, ForeignKey("organisations.id"), index=True,
           comment="Speaker (organisations.id) when an organisation or document was resolved."),
    Column("speaker_affiliation_id", BigInteger, ForeignKey("organisations.id"),
           comment="Organisation linked to a described speaker ('the former head of MI6' -> MI6)."),
    Column("speaker_start_offset", Integer, comment="Start of speaker_text in articles.body."),
    Column("speaker_end_offset", Integer, comment="End of speaker_text in articles.body."),
    Column("cue", Text, comment="Reporting verb or phrase ('said', 'told', 'according to')."),
    Column("medium_text", Text, comment="Outlet the words were said to, as written ('Politico')."),
    Column("medium_organisation_id", BigInteger, ForeignKey("organisations.id"),
           comment="That outlet (organisations.id)."),
    Column("is_partial", Boolean, nullable=False, server_default=text("false"),
           comment="True for a quoted fragment inside the reporter's own sentence."),
    Column("kind", Text, nullable=False, server_default="direct",
           comment="direct (in quotation marks) or indirect (reported speech)."),
    Column("confidence", Float, nullable=False,
           comment="How sure the attribution is, 0 to 1."),
    CheckConstraint("speaker_kind IN ('person', 'organisation', 'other')", name="speaker_kind"),
    CheckConstraint("kind IN ('direct', 'indirect')", name="kind"),
    UniqueConstraint("article_id", "start_offset", "end_offset"),
    comment="Quotes and who said them, with character offsets into the article body.",
)

topics = Table(
    "topics", metadata,
    _id("topic"),
    Column("qcode", Text, nullable=False, unique=True,
           comment="IPTC Media Topic code, e.g. 'medtop:16000000'."),
    Column("parent_id", BigInteger, ForeignKey("topics.id"), index=True,
           comment="Broader topic (topics.id); NULL at the top level."),
    Column("level", Integer, nullable=False, comment="Depth: 1 = one of the 17 top-level topics."),
    Column("label", Text, nullable=False, comment="English label."),
    Column("definition", Text, comment="IPTC's definition."),
    Column("retired", Boolean, nullable=False, server_default=text("false"),
           comment="Retired by IPTC: kept so older data resolves, never assigned."),
    Column("wikidata_id", Text, comment="Wikidata Q-id of the concept, when IPTC gives one."),
    comment="The IPTC Media Topics taxonomy (IPTC Media Topics NewsCodes, (c) IPTC, "
            "https://iptc.org, CC BY 4.0, release 2025-10-09).",
)

article_topics = Table(
    "article_topics", metadata,
    _article_fk(),
    Column("topic_id", BigInteger, ForeignKey("topics.id"), nullable=False, index=True,
           comment="The topic (topics.id)."),
    Column("score", Float, nullable=False, comment="Strength of the evidence, 0 to 1."),
    Column("rank", Integer, nullable=False, comment="1 = the article's main topic."),
    PrimaryKeyConstraint("article_id", "topic_id"),
    comment="Topics assigned to each article, with scores.",
)

article_keyphrases = Table(
    "article_keyphrases", metadata,
    _article_fk(),
    Column("phrase", Text, nullable=False, comment="Normalised noun phrase (lower case)."),
    Column("score", Float, nullable=False, comment="Salience in the article (higher = more central)."),
    Column("mention_count", Integer, nullable=False, comment="Times the article uses the phrase."),
    PrimaryKeyConstraint("article_id", "phrase"),
    Index("ix_article_keyphrases_phrase", "phrase"),
    comment="Key phrases of each article, ranked by salience; group by phrase across the corpus.",
)
