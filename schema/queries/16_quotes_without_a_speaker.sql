-- Question: Which quotes could not be tied to a known person or organisation? (to check by hand)
-- speaker_as_written shows what the article says ('he', 'the agency') when anything.
SELECT quote,
       speaker_as_written,
       speaker_kind,
       article_title,
       start_offset
FROM quotes_with_speakers
WHERE speaker_person_id IS NULL AND speaker_organisation_id IS NULL
ORDER BY article_id, start_offset;
