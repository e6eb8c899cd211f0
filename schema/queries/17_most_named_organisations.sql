-- Question: Which organisations are named in the most articles?
SELECT o.name,
       o.acronym,
       o.is_media,
       count(*) AS articles,
       sum(ao.mention_count) AS mentions
FROM article_organisations ao
JOIN organisations o ON o.id = ao.organisation_id
GROUP BY o.id, o.name, o.acronym, o.is_media
ORDER BY articles DESC, mentions DESC, o.name
LIMIT 20;
