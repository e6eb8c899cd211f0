-- Question: Which articles are about bridge repairs? (full-text search over titles and bodies)
-- websearch_to_tsquery takes what people type into a search box: quoted phrases, OR, -word.
-- Title matches weigh more than body matches (articles.search_vector weights them A and B).
SELECT a.id,
       a.title,
       a.published_at,
       ts_rank(a.search_vector, query) AS rank,
       ts_headline('english', a.body, query, 'MaxFragments=2, MaxWords=20') AS excerpt
FROM articles a,
     websearch_to_tsquery('english', 'bridge repairs') AS query
WHERE a.search_vector @@ query
ORDER BY rank DESC, a.id;
