"""The quotes_with_speakers view shows each quote's attributed content beside its verbatim words.

- quotes_with_speakers.content, content_start_offset, content_end_offset: quotes.content and its
  offsets into articles.body (for a mixed quote the reported clause with its frame, `that “…”`),
  appended after the view's other columns.

The view's live definition is schema/views.sql; the statements here are frozen copies of what
this revision creates (upgrade) and of what 0007 had (downgrade).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "newsetl_reader"

# New columns go last: CREATE OR REPLACE VIEW keeps the existing columns, their comments and
# the grants on the view.
UPGRADE_SQL = r"""
CREATE OR REPLACE VIEW quotes_with_speakers AS
SELECT q.id AS quote_id,
       q.text AS quote,
       q.kind,
       q.is_partial,
       COALESCE(speaker_person.name, speaker_org.name, q.speaker_name) AS speaker,
       q.speaker_text AS speaker_as_written,
       q.speaker_kind,
       q.speaker_person_id,
       q.speaker_organisation_id,
       role.title AS speaker_role,
       COALESCE(role_org.name, role.organisation_text, affiliation.name) AS speaker_organisation,
       q.cue,
       COALESCE(medium.name, q.medium_text) AS medium,
       q.confidence,
       q.article_id,
       a.title AS article_title,
       a.published_at,
       a.url AS article_url,
       s.name AS source,
       q.start_offset,
       q.end_offset,
       q.content,
       q.content_start_offset,
       q.content_end_offset
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN people speaker_person ON speaker_person.id = q.speaker_person_id
LEFT JOIN organisations speaker_org ON speaker_org.id = q.speaker_organisation_id
LEFT JOIN organisations affiliation ON affiliation.id = q.speaker_affiliation_id
LEFT JOIN organisations medium ON medium.id = q.medium_organisation_id
-- The first title the same article gives the speaker ("Mayor", "chief engineer").
LEFT JOIN LATERAL (
    SELECT pr.title, pr.organisation_id, pr.organisation_text
    FROM person_roles pr
    WHERE pr.article_id = q.article_id AND pr.person_id = q.speaker_person_id
    ORDER BY pr.start_offset NULLS LAST, pr.id
    LIMIT 1
) role ON true
LEFT JOIN organisations role_org ON role_org.id = role.organisation_id;

COMMENT ON COLUMN quotes_with_speakers.content IS 'The attributed content (what the speaker is said to have said): for a mixed quote the reported clause with its frame (''that “…”''), for a direct quote the quoted pieces with their marks, pieces joined with '' … ''; for indirect speech, the reported clause.';
COMMENT ON COLUMN quotes_with_speakers.content_start_offset IS 'Start of the attributed content in articles.body.';
COMMENT ON COLUMN quotes_with_speakers.content_end_offset IS 'End (exclusive) of the attributed content in articles.body.';
"""

# The view as 0002 created it, with the column comments 0005 gave it.
DOWNGRADE_SQL = r"""
DROP VIEW quotes_with_speakers;
CREATE VIEW quotes_with_speakers AS
SELECT q.id AS quote_id,
       q.text AS quote,
       q.kind,
       q.is_partial,
       COALESCE(speaker_person.name, speaker_org.name, q.speaker_name) AS speaker,
       q.speaker_text AS speaker_as_written,
       q.speaker_kind,
       q.speaker_person_id,
       q.speaker_organisation_id,
       role.title AS speaker_role,
       COALESCE(role_org.name, role.organisation_text, affiliation.name) AS speaker_organisation,
       q.cue,
       COALESCE(medium.name, q.medium_text) AS medium,
       q.confidence,
       q.article_id,
       a.title AS article_title,
       a.published_at,
       a.url AS article_url,
       s.name AS source,
       q.start_offset,
       q.end_offset
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN people speaker_person ON speaker_person.id = q.speaker_person_id
LEFT JOIN organisations speaker_org ON speaker_org.id = q.speaker_organisation_id
LEFT JOIN organisations affiliation ON affiliation.id = q.speaker_affiliation_id
LEFT JOIN organisations medium ON medium.id = q.medium_organisation_id
-- The first title the same article gives the speaker ("Mayor", "chief engineer").
LEFT JOIN LATERAL (
    SELECT pr.title, pr.organisation_id, pr.organisation_text
    FROM person_roles pr
    WHERE pr.article_id = q.article_id AND pr.person_id = q.speaker_person_id
    ORDER BY pr.start_offset NULLS LAST, pr.id
    LIMIT 1
) role ON true
LEFT JOIN organisations role_org ON role_org.id = role.organisation_id;

COMMENT ON VIEW quotes_with_speakers IS 'Every quote with its speaker (name, kind, title and organisation), the medium it was said to, and its article (title, date, URL, outlet). One row per quote.';
COMMENT ON COLUMN quotes_with_speakers.quote_id IS 'The quote (quotes.id).';
COMMENT ON COLUMN quotes_with_speakers.quote IS 'The quoted words, verbatim (inside the quotation marks, pieces joined with '' … ''); for indirect speech, the reported clause.';
COMMENT ON COLUMN quotes_with_speakers.kind IS 'direct (whole sentences in quotation marks), mixed (a quoted fragment inside the reporter''s sentence) or indirect (reported speech, no marks).';
COMMENT ON COLUMN quotes_with_speakers.is_partial IS 'True for a quoted fragment inside the reporter''s own sentence.';
COMMENT ON COLUMN quotes_with_speakers.speaker IS 'Who said it: the person''s or organisation''s canonical name, else the resolved name; NULL when unknown.';
COMMENT ON COLUMN quotes_with_speakers.speaker_as_written IS 'The speaker as the article writes it (''he'', ''the report'').';
COMMENT ON COLUMN quotes_with_speakers.speaker_kind IS 'person, organisation, other, or NULL when unknown.';
COMMENT ON COLUMN quotes_with_speakers.speaker_person_id IS 'Speaker (people.id) when a person was resolved.';
COMMENT ON COLUMN quotes_with_speakers.speaker_organisation_id IS 'Speaker (organisations.id) when an organisation or document was resolved.';
COMMENT ON COLUMN quotes_with_speakers.speaker_role IS 'The first title the same article gives the speaking person (''Mayor''), if any.';
COMMENT ON COLUMN quotes_with_speakers.speaker_organisation IS 'Organisation of that title, else the organisation linked to a described speaker (''the former head of MI6'' -> MI6).';
COMMENT ON COLUMN quotes_with_speakers.cue IS 'Reporting verb or phrase (''said'', ''told'', ''according to'').';
COMMENT ON COLUMN quotes_with_speakers.medium IS 'Outlet the words were said to (''Politico''): its canonical name, else as written.';
COMMENT ON COLUMN quotes_with_speakers.confidence IS 'How sure the attribution is, 0 to 1.';
COMMENT ON COLUMN quotes_with_speakers.article_id IS 'The article (articles.id).';
COMMENT ON COLUMN quotes_with_speakers.article_title IS 'Headline of the article.';
COMMENT ON COLUMN quotes_with_speakers.published_at IS 'Publication time of the article; NULL when unknown.';
COMMENT ON COLUMN quotes_with_speakers.article_url IS 'URL of the article, when known.';
COMMENT ON COLUMN quotes_with_speakers.source IS 'Outlet that published the article (sources.name), when known.';
COMMENT ON COLUMN quotes_with_speakers.start_offset IS 'Start of the quote in articles.body.';
COMMENT ON COLUMN quotes_with_speakers.end_offset IS 'End (exclusive) of the quote in articles.body.';
"""

GRANT_SQL = f"""
DO $do$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        GRANT SELECT ON quotes_with_speakers TO {READER};
    END IF;
END
$do$"""


def upgrade() -> None:
    # exec_driver_sql: the SQL goes to PostgreSQL as written (no bind-parameter parsing).
    op.get_bind().exec_driver_sql(UPGRADE_SQL)


def downgrade() -> None:
    op.get_bind().exec_driver_sql(DOWNGRADE_SQL)
    op.get_bind().exec_driver_sql(GRANT_SQL)
