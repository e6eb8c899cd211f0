-- Question: Who does the harbour bridge article name, how often, and as what?
SELECT person,
       name_in_article,
       mention_count,
       roles,
       role_organisations
FROM article_people_with_roles
WHERE article_title = 'Council approves harbour bridge repairs after heated debate'
ORDER BY first_offset;
