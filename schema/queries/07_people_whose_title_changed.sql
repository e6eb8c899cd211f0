-- Question: Whose title changed over time (a governor who became a minister)?
-- Lists every title of the people that articles have called by more than one title, in more
-- than one article, earliest first.
WITH titles AS (
    SELECT p.id AS person_id,
           p.name AS person,
           lower(pr.title) AS title,
           min(a.published_at) AS first_seen,
           max(a.published_at) AS last_seen,
           count(DISTINCT pr.article_id) AS articles
    FROM person_roles pr
    JOIN people p ON p.id = pr.person_id
    JOIN articles a ON a.id = pr.article_id
    GROUP BY p.id, p.name, lower(pr.title)
),
changed AS (
    SELECT pr.person_id
    FROM person_roles pr
    GROUP BY pr.person_id
    HAVING count(DISTINCT lower(pr.title)) > 1 AND count(DISTINCT pr.article_id) > 1
)
SELECT person, title, first_seen, last_seen, articles
FROM titles
WHERE person_id IN (SELECT person_id FROM changed)
ORDER BY person, first_seen NULLS LAST, title;
