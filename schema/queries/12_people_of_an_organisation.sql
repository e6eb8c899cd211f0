-- Question: Who speaks for the Electrical Workers Union, and with what title?
SELECT person,
       titles,
       articles,
       first_published_at,
       last_published_at
FROM organisation_people
WHERE organisation = 'Electrical Workers Union'
ORDER BY articles DESC, person;
