-- The matching index now reads an acronym's English plural as the acronym ("PLCs" as "PLC": cleanSql in
-- src/features/matching/matching.index.ts). Courses whose text has one were indexed with it as a word of its
-- own: their entries go here (their terms and neighbour pairs with them), and Lupp indexes them again at
-- start (indexUnindexedCourses), rebuilding their consortia's neighbours.
DELETE FROM match_doc d USING course c
WHERE c.id = d.course_id
  AND concat_ws(' ', c.title_sv, c.title_en, c.subjects::text, c.description, c.learning_outcomes::text)
    ~ '\m[A-Z]{2,}s\M';
