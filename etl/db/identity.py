"""The identity tables: every name as an article gives it, the merges of rows found to be one
person or organisation, and the analysts' corrections. `etl.resolve` reads and writes them."""
from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, CheckConstraint, Column, DateTime, ForeignKey, ForeignKeyConstraint,
    Index, Integer, PrimaryKeyConstraint, Table, Text, UniqueConstraint, func, text,
)
from sqlalchemy.dialects.postgresql import ARRAY

from etl.db.schema import _article_fk, _created, _id, metadata


def _kind_check() -> CheckConstraint:
    return CheckConstraint("kind IN ('person', 'organisation')", name="kind")


entity_occurrences = Table(
    "entity_occurrences", metadata,
    _article_fk(),
    Column("kind", Text, nullable=False, comment="person or organisation."),
    Column("entity_index", Integer, nullable=False,
           comment="Position of the entity in the article's extraction."),
    Column("person_id", BigInteger, ForeignKey("people.id"), index=True,
           comment="The person this name was resolved to (people.id), for kind person."),
    Column("organisation_id", BigInteger, ForeignKey("organisations.id"), index=True,
           comment="The organisation this name was resolved to (organisations.id), for kind "
                   "organisation."),
    Column("name", Text, nullable=False, comment="Fullest name the article uses."),
    Column("name_key", Text, nullable=False, comment="Normalised name."),
    Column("given_key", Text, comment="Person: given name(s) in name_key; NULL for a surname "
                                      "alone ('Rutte')."),
    Column("middle_key", Text, comment="Person: middle names or initials in name_key."),
    Column("surname_key", Text, comment="Person: surname in name_key, with its particles."),
    Column("skeleton", Text, comment="Person: consonants of the surname, spelling variants "
                                     "folded ('Zelenskyy' = 'Zelensky' = 'slnsk')."),
    Column("is_first_name", Boolean, nullable=False, server_default=text("false"),
           comment="Person: the name is a common first name alone ('Dan'), never matched across "
                   "articles."),
    Column("initials", Text, comment="Organisation: initials of a multi-word name ('imf')."),
    Column("acronym", Text, comment="Organisation: acronym the article gives it ('IMF')."),
    Column("is_media", Boolean, nullable=False, server_default=text("false"),
           comment="Organisation: a news outlet."),
    Column("forms", ARRAY(Text), nullable=False, server_default=text("'{}'"),
           comment="Every form of the name the article uses."),
    Column("form_keys", ARRAY(Text), nullable=False, server_default=text("'{}'"),
           comment="Normalised forms, in the same order."),
    Column("mention_count", Integer, nullable=False, comment="Times the article names it."),
    Column("first_offset", Integer, comment="Offset of the first mention in articles.body."),
    Column("resolved_by", Text, comment="The rule that linked this name to its row, with its "
                                        "evidence ('same name', 'surname: one full name', ...)."),
    PrimaryKeyConstraint("article_id", "kind", "entity_index"),
    _kind_check(),
    CheckConstraint("(person_id IS NULL) OR (organisation_id IS NULL)", name="one_entity"),
    Index("ix_entity_occurrences_kind_name_key", "kind", "name_key"),
    Index("ix_entity_occurrences_kind_surname_key", "kind", "surname_key"),
    Index("ix_entity_occurrences_kind_skeleton", "kind", "skeleton"),
    Index("ix_entity_occurrences_kind_initials", "kind", "initials"),
    Index("ix_entity_occurrences_form_keys", "form_keys", postgresql_using="gin"),
    Index("ix_entity_occurrences_unsettled", "article_id",
          postgresql_where=text("resolved_by IS NULL")),
    comment="Every person and organisation each article names, as the article names it: the "
            "evidence the resolution step groups into people and organisations.",
)

# Kept by triggers on entity_occurrences (migrations 0009, 0010), so every writer of occurrences
# keeps them exact: the resolution step looks names up here, one row per name, instead of reading
# every article that uses a popular name.
entity_keys = Table(
    "entity_keys", metadata,
    Column("kind", Text, nullable=False, comment="person or organisation."),
    Column("name_key", Text, nullable=False, comment="A normalised name (entity_occurrences."
                                                     "name_key)."),
    Column("entity_id", BigInteger, nullable=False,
           comment="A row the name's occurrences point to (people.id or organisations.id)."),
    Column("occurrences", Integer, nullable=False,
           comment="How many occurrences of the name point to that row."),
    PrimaryKeyConstraint("kind", "name_key", "entity_id"),
    Index("ix_entity_keys_kind_entity_id", "kind", "entity_id"),
    _kind_check(),
    comment="Which rows each name points to, and how often: entity_occurrences counted by "
            "name and row, kept by triggers (a first name alone is not counted).",
)

entity_key_links = Table(
    "entity_key_links", metadata,
    Column("kind", Text, nullable=False, comment="person or organisation."),
    Column("name_key", Text, nullable=False, comment="A normalised name."),
    Column("relation", Text, nullable=False,
           comment="form: another form an article gives with the name (an acronym, a short "
                   "form); initials: an organisation's initials; spelling: the initials and "
                   "the first four letters, which two spellings of one organisation share."),
    Column("other_key", Text, nullable=False,
           comment="The other form's key, the initials, or the spelling group (initials, a "
                   "space, the first four letters)."),
    Column("occurrences", Integer, nullable=False,
           comment="How many occurrences of the name give the link."),
    PrimaryKeyConstraint("kind", "name_key", "relation", "other_key"),
    Index("ix_entity_key_links_other_key", "kind", "other_key", "relation"),
    _kind_check(),
    CheckConstraint("relation IN ('form', 'initials', 'spelling')", name="relation"),
    comment="What articles have given with each name, kept by a trigger on entity_occurrences: "
            "other forms, initials, and the group of names that may be spellings of it. The "
            "resolution step's way from a name to the names it may be one with, one row per "
            "name and link.",
)

# Kept by triggers on entity_occurrences (migrations 0011 to 0013): what the resolution step
# reads of a name (articles per name, canonical forms, acronyms, aliases, which occurrences must
# move), one row per way of writing it.
entity_names = Table(
    "entity_names", metadata,
    Column("kind", Text, nullable=False, comment="person or organisation."),
    Column("name_key", Text, nullable=False, comment="A normalised name (entity_occurrences."
                                                     "name_key)."),
    Column("entity_id", BigInteger, nullable=False,
           comment="The row these occurrences point to (people.id or organisations.id)."),
    Column("variant", Text, nullable=False,
           comment="md5 of the columns from resolved_by to is_first_name: one row per "
                   "distinct combination."),
    Column("resolved_by", Text, comment="The rule that linked these occurrences to the row "
                                        "(NULL: not resolved yet)."),
    Column("name", Text, nullable=False, comment="The name as the articles write it."),
    Column("initials", Text, comment="Organisation: initials of the name."),
    Column("acronym", Text, comment="Organisation: the acronym the articles give it."),
    Column("is_media", Boolean, nullable=False,
           comment="Organisation: the articles call it a news outlet."),
    Column("forms", ARRAY(Text), nullable=False, comment="The forms of the name the articles "
                                                          "use."),
    Column("form_keys", ARRAY(Text), nullable=False,
           comment="Normalised forms, in the same order."),
    Column("occurrences", Integer, nullable=False,
           comment="How many occurrences are written this way and point to that row by that "
                   "rule."),
    Column("given_key", Text,
           comment="Person: the given name of the key (NULL for a surname alone)."),
    Column("middle_key", Text, comment="Person: middle names or initials of the key."),
    Column("surname_key", Text, comment="Person: the surname of the key."),
    Column("skeleton", Text,
           comment="Person: the consonant skeleton of the surname, shared by its spellings."),
    Column("is_first_name", Boolean, nullable=False, comment="Person: a first name written "
                                                             "alone."),
    PrimaryKeyConstraint("kind", "name_key", "entity_id", "variant"),
    Index("ix_entity_names_kind_entity_id", "kind", "entity_id"),
    Index("ix_entity_names_kind_surname_key", "kind", "surname_key"),
    Index("ix_entity_names_kind_skeleton", "kind", "skeleton"),
    _kind_check(),
    comment="Each way articles write each name, with the row and rule it resolved to and how "
            "many occurrences do: entity_occurrences counted by everything the resolution step "
            "reads of a name, kept by triggers.",
)

# Written by the resolution step (etl/resolve/contexts.py), counted per name by triggers
# (migration 0013): what a person's articles give it, the evidence for whom a surname alone
# stands, read per name instead of per article.
person_contexts = Table(
    "person_contexts", metadata,
    Column("article_id", BigInteger, nullable=False,
           comment="The occurrence's article (entity_occurrences.article_id)."),
    Column("kind", Text, nullable=False, server_default=text("'person'"),
           comment="Always person: with article_id and entity_index, the occurrence."),
    Column("entity_index", Integer, nullable=False,
           comment="The occurrence (entity_occurrences.entity_index)."),
    Column("name_key", Text, nullable=False, comment="The occurrence's name key."),
    Column("what", Text, nullable=False,
           comment="organisation or person: another name in the article (its key; people: "
                   "full names only); title: a title the person has there; day: the "
                   "article's day (UTC, YYYY-MM-DD)."),
    Column("item", Text, nullable=False, comment="The key, the title in lower case, or the day."),
    PrimaryKeyConstraint("article_id", "entity_index", "what", "item"),
    ForeignKeyConstraint(["article_id", "kind", "entity_index"],
                         ["entity_occurrences.article_id", "entity_occurrences.kind",
                          "entity_occurrences.entity_index"],
                         ondelete="CASCADE", onupdate="CASCADE"),
    CheckConstraint("kind = 'person'", name="kind"),
    CheckConstraint("what IN ('organisation', 'person', 'title', 'day')", name="what"),
    comment="What the article of each person occurrence gives it, the evidence for whom a "
            "surname alone stands: written by the resolution step for the articles it takes "
            "in.",
)

person_key_contexts = Table(
    "person_key_contexts", metadata,
    Column("name_key", Text, nullable=False, comment="A person's name key."),
    Column("what", Text, nullable=False, comment="As person_contexts.what."),
    Column("item", Text, nullable=False, comment="As person_contexts.item."),
    Column("occurrences", Integer, nullable=False,
           comment="How many occurrences of the name have it."),
    PrimaryKeyConstraint("name_key", "what", "item"),
    comment="person_contexts counted by name: everything the articles of a name give it, kept "
            "by triggers.",
)

entity_merges = Table(
    "entity_merges", metadata,
    _id("merge"),
    Column("kind", Text, nullable=False, comment="person or organisation."),
    Column("merged_id", BigInteger, nullable=False, index=True,
           comment="The id that no longer exists (people.id or organisations.id as it was)."),
    Column("kept_id", BigInteger, nullable=False, index=True,
           comment="The row it now belongs to; follows later merges, so it always exists."),
    Column("merged_name", Text, nullable=False, comment="Name of the merged row at the time."),
    Column("evidence", Text, nullable=False,
           comment="Why: the rules and evidence that joined the names."),
    Column("merged_at", DateTime(timezone=True), nullable=False, server_default=func.now(),
           comment="When the merge was made."),
    _kind_check(),
    comment="People and organisations that turned out to be one: each merged id and the row "
            "that kept its place, so saved ids still lead somewhere.",
)

identity_overrides = Table(
    "identity_overrides", metadata,
    _id("override"),
    Column("kind", Text, nullable=False, comment="person or organisation."),
    Column("key_a", Text, nullable=False, comment="Normalised name of one side."),
    Column("key_b", Text, nullable=False, comment="Normalised name of the other side."),
    Column("same", Boolean, nullable=False,
           comment="True: always one row; false: never one row."),
    Column("note", Text, comment="Who decided and why."),
    _created(),
    UniqueConstraint("kind", "key_a", "key_b"),
    _kind_check(),
    comment="An analyst's corrections: names forced into one row or kept apart, honoured by "
            "every later resolution.",
)
