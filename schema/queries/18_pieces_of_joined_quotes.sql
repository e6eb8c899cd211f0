-- Question: Which quotes were joined from several pieces ("A," she said, "B."), and what does
-- each piece say? quotes.text is the pieces joined with ' … '; quote_pieces has each piece, and
-- substring(body …) on a piece's offsets gives back exactly its words.
SELECT q.id AS quote_id,
       w.speaker,
       p.position,
       substring(a.body FROM p.start_offset + 1 FOR p.end_offset - p.start_offset) AS piece,
       q.text AS quote
FROM quotes q
JOIN quote_pieces p ON p.quote_id = q.id
JOIN articles a ON a.id = q.article_id
JOIN quotes_with_speakers w ON w.quote_id = q.id
WHERE EXISTS (SELECT 1 FROM quote_pieces two WHERE two.quote_id = q.id AND two.position = 2)
ORDER BY q.article_id, q.start_offset, p.position;
