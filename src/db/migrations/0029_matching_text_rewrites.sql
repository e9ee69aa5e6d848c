-- The matching index now rewrites text before it parses it (REWRITES in src/features/matching/matching.index.ts):
-- an acronym's English plural as the acronym ("PLCs" as "PLC"), and "C#", "F#", "C++" and ".NET" as one word
-- each. Courses whose text has one of those were indexed without the rewrite: their entries go here (their
-- terms and neighbour pairs with them), and Lupp indexes them again at start (indexUnindexedCourses),
-- rebuilding their consortia's neighbours.
DELETE FROM match_doc d USING course c
WHERE c.id = d.course_id
  AND (concat_ws(' ', c.title_sv, c.title_en, c.subjects::text, c.description, c.learning_outcomes::text)
         ~ '\m[A-Z]{2,}s\M'
    OR concat_ws(' ', c.title_sv, c.title_en, c.subjects::text, c.description, c.learning_outcomes::text)
         ~* '\m[cf]#|\mc\+\+|\.net\M');
