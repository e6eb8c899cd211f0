-- Question: Which people appear together in the same articles most often?
SELECT person_a,
       person_b,
       articles,
       article_ids,
       first_published_at,
       last_published_at
FROM person_co_mentions
ORDER BY articles DESC, person_a, person_b
LIMIT 20;
