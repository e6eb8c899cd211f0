-- Question: How often has each outlet been cited as the medium of a quote
-- ("... he told Politico")?
SELECT medium,
       count(*) AS quotes,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT speaker) AS speakers
FROM quotes_with_speakers
WHERE medium IS NOT NULL
GROUP BY medium
ORDER BY quotes DESC, medium;
