-- Question: What has Tomas Reyes been quoted saying, and in which articles?
-- Change the name to look up anyone; quotes_with_speakers has one row per quote.
SELECT quote,
       kind,
       speaker_role,
       article_title,
       published_at,
       article_url,
       source
FROM quotes_with_speakers
WHERE speaker = 'Tomas Reyes'
ORDER BY published_at NULLS LAST, article_id, start_offset;
