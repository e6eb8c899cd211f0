-- Question: Who said something about jobs, and what exactly? (full-text search over quotes)
-- English stemming: 'jobs' also finds 'job'.
SELECT w.speaker,
       w.quote,
       w.article_title,
       w.published_at
FROM quotes q
JOIN quotes_with_speakers w ON w.quote_id = q.id
WHERE q.search_vector @@ websearch_to_tsquery('english', 'jobs')
ORDER BY ts_rank(q.search_vector, websearch_to_tsquery('english', 'jobs')) DESC, w.quote_id;
