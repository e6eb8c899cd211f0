-- Question: Who is quoted most about NATO?
-- "About NATO" here means the quoted words mention it (full-text search on quotes.search_vector,
-- which also matches "NATO's"). Swap the search words for any other subject.
SELECT w.speaker,
       count(*) AS quotes,
       array_agg(w.quote ORDER BY w.published_at NULLS LAST, w.quote_id) AS what_they_said
FROM quotes q
JOIN quotes_with_speakers w ON w.quote_id = q.id
WHERE q.search_vector @@ websearch_to_tsquery('english', 'NATO')
  AND w.speaker IS NOT NULL
GROUP BY w.speaker
ORDER BY quotes DESC, w.speaker;
