-- Question: What surrounds each quote in the Alder River article? (offsets into articles.body)
-- Offsets count characters from 0, SQL's substring counts from 1: hence the + 1.
SELECT w.speaker,
       w.quote,
       substring(a.body FROM greatest(w.start_offset - 80, 0) + 1
                 FOR least(w.end_offset + 80, length(a.body)) - greatest(w.start_offset - 80, 0))
           AS context
FROM quotes_with_speakers w
JOIN articles a ON a.id = w.article_id
WHERE a.title = 'Volunteers pull two tonnes of rubbish from the Alder River'
ORDER BY w.start_offset;
