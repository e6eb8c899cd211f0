-- Question: Who is quoted most, and in how many articles?
-- Speakers that could not be identified (speaker IS NULL) are left out; see
-- 16_quotes_without_a_speaker.sql for those.
SELECT speaker,
       speaker_kind,
       count(*) AS quotes,
       count(DISTINCT article_id) AS articles
FROM quotes_with_speakers
WHERE speaker IS NOT NULL
GROUP BY speaker, speaker_kind
ORDER BY quotes DESC, articles DESC, speaker
LIMIT 20;
