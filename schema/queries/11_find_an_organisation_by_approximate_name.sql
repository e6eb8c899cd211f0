-- Question: Which organisation is "Port Elery Transport Authority"? (fuzzy name lookup)
SELECT id,
       name,
       acronym,
       round(similarity(name, 'Port Elery Transport Authority')::numeric, 2) AS similarity
FROM organisations
WHERE name % 'Port Elery Transport Authority'
ORDER BY similarity(name, 'Port Elery Transport Authority') DESC, name
LIMIT 10;
