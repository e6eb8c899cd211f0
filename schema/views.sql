-- The views newsetl creates (migrations 0002 and 0004; 0005 updates two column comments, 0008
-- adds the quotes' content to quotes_with_speakers), for
-- reading. They join the normalised tables into the shapes analysts ask for most; query them like
-- tables. Every view and view column carries a
-- COMMENT, so `\d+ quotes_with_speakers` in psql explains it.
-- tests/test_views.py checks that this file defines exactly what the migrations create.

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
COMMENT ON COLUMN quotes_with_speakers.content IS 'The attributed content (what the speaker is said to have said): for a mixed quote the reported clause with its frame (''that “…”''), for a direct quote the quoted pieces with their marks, pieces joined with '' … ''; for indirect speech, the reported clause.';
COMMENT ON COLUMN quotes_with_speakers.content_start_offset IS 'Start of the attributed content in articles.body.';
COMMENT ON COLUMN quotes_with_speakers.content_end_offset IS 'End (exclusive) of the attributed content in articles.body.';

CREATE VIEW article_people_with_roles AS
SELECT ap.article_id,
       a.title AS article_title,
       a.published_at,
       s.name AS source,
       ap.person_id,
       p.name AS person,
       ap.name_in_article,
       ap.mention_count,
       ap.first_offset,
       COALESCE(r.roles, '{}') AS roles,
       COALESCE(r.role_organisations, '{}') AS role_organisations
FROM article_people ap
JOIN people p ON p.id = ap.person_id
JOIN articles a ON a.id = ap.article_id
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT pr.title ORDER BY pr.title) AS roles,
           array_agg(DISTINCT COALESCE(o.name, pr.organisation_text)
                     ORDER BY COALESCE(o.name, pr.organisation_text))
               FILTER (WHERE COALESCE(o.name, pr.organisation_text) IS NOT NULL)
               AS role_organisations
    FROM person_roles pr
    LEFT JOIN organisations o ON o.id = pr.organisation_id
    WHERE pr.article_id = ap.article_id AND pr.person_id = ap.person_id
) r ON true;

COMMENT ON VIEW article_people_with_roles IS 'The people each article names, with the titles and organisations that article gives them. One row per article and person.';
COMMENT ON COLUMN article_people_with_roles.article_id IS 'The article (articles.id).';
COMMENT ON COLUMN article_people_with_roles.article_title IS 'Headline of the article.';
COMMENT ON COLUMN article_people_with_roles.published_at IS 'Publication time of the article; NULL when unknown.';
COMMENT ON COLUMN article_people_with_roles.source IS 'Outlet that published the article (sources.name), when known.';
COMMENT ON COLUMN article_people_with_roles.person_id IS 'The person (people.id).';
COMMENT ON COLUMN article_people_with_roles.person IS 'Canonical name of the person (people.name).';
COMMENT ON COLUMN article_people_with_roles.name_in_article IS 'Fullest name the article uses.';
COMMENT ON COLUMN article_people_with_roles.mention_count IS 'Times the article names the person.';
COMMENT ON COLUMN article_people_with_roles.first_offset IS 'Character offset of the first mention in articles.body.';
COMMENT ON COLUMN article_people_with_roles.roles IS 'Titles the article gives the person (''German Chancellor''), alphabetical; empty when none.';
COMMENT ON COLUMN article_people_with_roles.role_organisations IS 'Organisations those titles belong to (''NATO''), alphabetical; empty when none.';

CREATE VIEW topic_counts_by_day AS
SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day,
       t.id AS topic_id,
       t.qcode,
       t.label AS topic,
       t.level,
       count(*) AS articles,
       count(*) FILTER (WHERE atp.rank = 1) AS main_topic_articles
FROM article_topics atp
JOIN articles a ON a.id = atp.article_id
JOIN topics t ON t.id = atp.topic_id
GROUP BY (a.published_at AT TIME ZONE 'UTC')::date, t.id, t.qcode, t.label, t.level;

COMMENT ON VIEW topic_counts_by_day IS 'How many articles each day were given each IPTC Media Topic. One row per publication day (UTC) and topic; articles with no known publication time are counted under day NULL.';
COMMENT ON COLUMN topic_counts_by_day.day IS 'Publication day in UTC; NULL for articles with no known publication time.';
COMMENT ON COLUMN topic_counts_by_day.topic_id IS 'The topic (topics.id).';
COMMENT ON COLUMN topic_counts_by_day.qcode IS 'IPTC Media Topic code, e.g. ''medtop:11000000''.';
COMMENT ON COLUMN topic_counts_by_day.topic IS 'English label of the topic.';
COMMENT ON COLUMN topic_counts_by_day.level IS 'Depth of the topic: 1 = one of the 17 top-level topics.';
COMMENT ON COLUMN topic_counts_by_day.articles IS 'Articles that day with this topic among their topics.';
COMMENT ON COLUMN topic_counts_by_day.main_topic_articles IS 'Articles that day with this topic as their main topic (rank 1).';

CREATE VIEW person_co_mentions AS
SELECT a.person_id AS person_a_id,
       pa.name AS person_a,
       b.person_id AS person_b_id,
       pb.name AS person_b,
       count(*) AS articles,
       array_agg(a.article_id ORDER BY a.article_id) AS article_ids,
       min(art.published_at) AS first_published_at,
       max(art.published_at) AS last_published_at
FROM article_people a
JOIN article_people b ON b.article_id = a.article_id AND b.person_id > a.person_id
JOIN people pa ON pa.id = a.person_id
JOIN people pb ON pb.id = b.person_id
JOIN articles art ON art.id = a.article_id
GROUP BY a.person_id, pa.name, b.person_id, pb.name;

COMMENT ON VIEW person_co_mentions IS 'Pairs of people named in the same article, with how many articles name both. One row per pair, the lower people.id as person_a: to find everyone named with someone, filter on person_a or person_b.';
COMMENT ON COLUMN person_co_mentions.person_a_id IS 'One person of the pair (people.id), the lower id.';
COMMENT ON COLUMN person_co_mentions.person_a IS 'Canonical name of person_a.';
COMMENT ON COLUMN person_co_mentions.person_b_id IS 'The other person of the pair (people.id), the higher id.';
COMMENT ON COLUMN person_co_mentions.person_b IS 'Canonical name of person_b.';
COMMENT ON COLUMN person_co_mentions.articles IS 'Articles that name both people.';
COMMENT ON COLUMN person_co_mentions.article_ids IS 'Those articles (articles.id), in id order.';
COMMENT ON COLUMN person_co_mentions.first_published_at IS 'Earliest known publication time among those articles.';
COMMENT ON COLUMN person_co_mentions.last_published_at IS 'Latest known publication time among those articles.';

CREATE VIEW organisation_people AS
SELECT o.id AS organisation_id,
       o.name AS organisation,
       p.id AS person_id,
       p.name AS person,
       array_agg(DISTINCT pr.title ORDER BY pr.title) AS titles,
       count(DISTINCT pr.article_id) AS articles,
       min(a.published_at) AS first_published_at,
       max(a.published_at) AS last_published_at
FROM person_roles pr
JOIN organisations o ON o.id = pr.organisation_id
JOIN people p ON p.id = pr.person_id
JOIN articles a ON a.id = pr.article_id
GROUP BY o.id, o.name, p.id, p.name;

COMMENT ON VIEW organisation_people IS 'Organisations with the people articles give a title at them (''NATO Secretary-General Mark Rutte''). One row per organisation and person.';
COMMENT ON COLUMN organisation_people.organisation_id IS 'The organisation (organisations.id).';
COMMENT ON COLUMN organisation_people.organisation IS 'Canonical name of the organisation.';
COMMENT ON COLUMN organisation_people.person_id IS 'The person (people.id).';
COMMENT ON COLUMN organisation_people.person IS 'Canonical name of the person.';
COMMENT ON COLUMN organisation_people.titles IS 'Titles the articles give the person at the organisation, alphabetical.';
COMMENT ON COLUMN organisation_people.articles IS 'Articles that give the person a title at the organisation.';
COMMENT ON COLUMN organisation_people.first_published_at IS 'Earliest known publication time among those articles.';
COMMENT ON COLUMN organisation_people.last_published_at IS 'Latest known publication time among those articles.';

-- Migration 0004: identity.
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
