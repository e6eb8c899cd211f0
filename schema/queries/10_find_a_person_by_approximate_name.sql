-- Question: Who is "Tomas Reyez"? (fuzzy name lookup, for misspellings and transliterations)
-- name % '...' uses the trigram index on people.name (pg_trgm); it keeps names with a
-- similarity above pg_trgm.similarity_threshold (0.3 unless you SET it).
SELECT id,
       name,
       round(similarity(name, 'Tomas Reyez')::numeric, 2) AS similarity
FROM people
WHERE name % 'Tomas Reyez'
ORDER BY similarity(name, 'Tomas Reyez') DESC, name
LIMIT 10;
