"""Staging tables: where extraction results land before one set-based merge.

Workers (local processes or a Dask cluster) COPY each batch of processed articles into these
tables, keyed by the run and a batch name; `etl.load.merge` then moves a staged batch into the
normalised tables in one transaction and deletes it. The tables are UNLOGGED: staged rows are
cheap to write and, after a server crash, simply gone (the next load extracts those articles
again). Entities are referred to by their position in the article (`entity_index`), the way
the extraction numbers them; the merge resolves them to people and organisations.
"""
from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, DateTime, Float, Integer, PrimaryKeyConstraint, Table, Text, func,
)
from sqlalchemy.dialects.postgresql import ARRAY

from etl.db.schema import metadata

STAGING_TABLES = ("staging_batches", "staging_articles", "staging_entities", "staging_mentions",
                  "staging_roles", "staging_quotes", "staging_topics", "staging_keyphrases")


def _keys(*extra: Column) -> list[Column]:
    return [Column("load_run_id", BigInteger, nullable=False,
                   comment="Run that staged the row (load_runs.id)."),
            Column("batch", Text, nullable=False,
                   comment="Name of the staged batch within the run (partition and chunk)."),
            Column("position", Integer, nullable=False,
                   comment="Position of the article in its batch."),
            *extra]


def _entity_index(what: str = "The entity") -> Column:
    return Column("entity_index", Integer, nullable=False,
                  comment=f"{what}: its index among the article's people or organisations.")


def _org_index(name: str, what: str) -> Column:
    return Column(name, Integer, comment=f"{what}: index of an organisation of the same article "
                                         f"(staging_entities.entity_index), if any.")


def _kind() -> Column:
    return Column("kind", Text, nullable=False, comment="person or organisation.")


staging_batches = Table(
    "staging_batches", metadata,
    Column("load_run_id", BigInteger, nullable=False, comment="Run that staged the batch."),
    Column("batch", Text, nullable=False, comment="Name of the batch within the run."),
    Column("articles", Integer, nullable=False, comment="Articles staged in the batch."),
    Column("staged_at", DateTime(timezone=True), nullable=False, server_default=func.now(),
           comment="When the batch was staged."),
    PrimaryKeyConstraint("load_run_id", "batch"),
    comment="Batches staged and not merged yet: a row is written in the same transaction as the "
            "batch's rows, so a batch listed here is complete.",
    prefixes=["UNLOGGED"],
)

staging_articles = Table(
    "staging_articles", metadata,
    *_keys(
        Column("content_hash", Text, nullable=False, comment="As articles.content_hash."),
        Column("url", Text, comment="As articles.url."),
        Column("source", Text, comment="Outlet name (sources.name)."),
        Column("external_id", Text, comment="As articles.external_id."),
        Column("title", Text, comment="As articles.title."),
        Column("body", Text, nullable=False, comment="As articles.body."),
        Column("boilerplate", Text, comment="As articles.boilerplate."),
        Column("authors", ARRAY(Text), nullable=False, comment="As articles.authors."),
        Column("published_at", DateTime(timezone=True), comment="As articles.published_at."),
        Column("fetched_at", DateTime(timezone=True), comment="As articles.fetched_at."),
        Column("word_count", Integer, nullable=False, comment="As articles.word_count."),
        Column("source_path", Text, nullable=False, comment="As articles.source_path."),
        Column("source_line", Integer, comment="As articles.source_line."),
        Column("language", Text, comment="As articles.language."),
        Column("text_quality", Text, nullable=False, comment="As articles.text_quality."),
        Column("text_quality_reason", Text, comment="As articles.text_quality_reason."),
        Column("extractor_version", Text, nullable=False,
               comment="Extractor version that made the staged extraction."),
        Column("article_id", BigInteger, comment="The article (articles.id), set by the merge."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position"),
    comment="Staged articles, one row per article of a batch.",
    prefixes=["UNLOGGED"],
)

staging_entities = Table(
    "staging_entities", metadata,
    *_keys(
        _kind(), _entity_index(),
        Column("name", Text, nullable=False, comment="Name as the article gives it."),
        Column("key", Text, nullable=False, comment="As entity_occurrences.name_key."),
        Column("surname_key", Text, comment="As entity_occurrences.surname_key."),
        Column("acronym", Text, comment="As entity_occurrences.acronym."),
        Column("is_media", Boolean, nullable=False, comment="Organisations: a news outlet."),
        Column("forms", ARRAY(Text), nullable=False, comment="Every form of the name used."),
        Column("form_keys", ARRAY(Text), nullable=False, comment="Normalised forms, in step."),
        Column("mention_count", Integer, nullable=False, comment="Mentions in the article."),
        Column("first_offset", Integer, comment="Offset of the first mention, if any."),
        Column("given_key", Text, comment="As entity_occurrences.given_key."),
        Column("middle_key", Text, comment="As entity_occurrences.middle_key."),
        Column("skeleton", Text, comment="As entity_occurrences.skeleton."),
        Column("is_first_name", Boolean, nullable=False,
               comment="As entity_occurrences.is_first_name."),
        Column("initials", Text, comment="As entity_occurrences.initials."),
        Column("entity_id", BigInteger,
               comment="people.id or organisations.id, set by the resolution step."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position", "kind", "entity_index"),
    comment="Staged people and organisations, as each article names them.",
    prefixes=["UNLOGGED"],
)

staging_mentions = Table(
    "staging_mentions", metadata,
    *_keys(
        _kind(), _entity_index("The entity named"),
        Column("seq", Integer, nullable=False, comment="Order of the mention."),
        Column("start_offset", Integer, nullable=False, comment="As mentions.start_offset."),
        Column("end_offset", Integer, nullable=False, comment="As mentions.end_offset."),
        Column("text", Text, nullable=False, comment="As mentions.text."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position", "kind", "entity_index", "seq"),
    comment="Staged mentions of people and organisations.",
    prefixes=["UNLOGGED"],
)

staging_roles = Table(
    "staging_roles", metadata,
    *_keys(
        _entity_index("The person"),
        Column("seq", Integer, nullable=False, comment="Order of the role."),
        Column("title", Text, nullable=False, comment="As person_roles.title."),
        _org_index("organisation_index", "The organisation the title belongs to"),
        Column("organisation_text", Text, comment="As person_roles.organisation_text."),
        Column("start_offset", Integer, comment="As person_roles.start_offset."),
        Column("end_offset", Integer, comment="As person_roles.end_offset."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position", "entity_index", "seq"),
    comment="Staged titles and affiliations of people.",
    prefixes=["UNLOGGED"],
)

staging_quotes = Table(
    "staging_quotes", metadata,
    *_keys(
        Column("seq", Integer, nullable=False, comment="Order of the quote."),
        Column("text", Text, nullable=False, comment="As quotes.text."),
        Column("start_offset", Integer, nullable=False, comment="As quotes.start_offset."),
        Column("end_offset", Integer, nullable=False, comment="As quotes.end_offset."),
        Column("speaker_text", Text, comment="As quotes.speaker_text."),
        Column("speaker_name", Text, comment="As quotes.speaker_name."),
        Column("speaker_kind", Text, comment="As quotes.speaker_kind."),
        Column("speaker_person_index", Integer,
               comment="The speaker: index of a person of the same article, if any."),
        _org_index("speaker_organisation_index", "The speaker"),
        _org_index("speaker_affiliation_index", "The speaker's affiliation"),
        Column("speaker_start_offset", Integer, comment="As quotes.speaker_start_offset."),
        Column("speaker_end_offset", Integer, comment="As quotes.speaker_end_offset."),
        Column("cue", Text, comment="As quotes.cue."),
        Column("medium_text", Text, comment="As quotes.medium_text."),
        _org_index("medium_organisation_index", "The outlet"),
        Column("is_partial", Boolean, nullable=False, comment="As quotes.is_partial."),
        Column("kind", Text, nullable=False, comment="As quotes.kind."),
        Column("confidence", Float, nullable=False, comment="As quotes.confidence."),
        Column("content", Text, nullable=False, comment="As quotes.content."),
        Column("content_start_offset", Integer, nullable=False,
               comment="As quotes.content_start_offset."),
        Column("content_end_offset", Integer, nullable=False,
               comment="As quotes.content_end_offset."),
        Column("piece_starts", ARRAY(Integer), nullable=False,
               comment="Starts of the quote's pieces, in order (quote_pieces.start_offset)."),
        Column("piece_ends", ARRAY(Integer), nullable=False,
               comment="Ends of the quote's pieces, in step (quote_pieces.end_offset)."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position", "seq"),
    comment="Staged quotes.",
    prefixes=["UNLOGGED"],
)

staging_topics = Table(
    "staging_topics", metadata,
    *_keys(
        Column("qcode", Text, nullable=False, comment="As topics.qcode."),
        Column("score", Float, nullable=False, comment="As article_topics.score."),
        Column("rank", Integer, nullable=False, comment="As article_topics.rank."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position", "qcode"),
    comment="Staged topics of articles.",
    prefixes=["UNLOGGED"],
)

staging_keyphrases = Table(
    "staging_keyphrases", metadata,
    *_keys(
        Column("phrase", Text, nullable=False, comment="As article_keyphrases.phrase."),
        Column("score", Float, nullable=False, comment="As article_keyphrases.score."),
        Column("mention_count", Integer, nullable=False,
               comment="As article_keyphrases.mention_count."),
    ),
    PrimaryKeyConstraint("load_run_id", "batch", "position", "phrase"),
    comment="Staged key phrases of articles.",
    prefixes=["UNLOGGED"],
)
