-- Confirmed concept tags become postings of the matching index (kind 'c', term: the concept's id, weighted
-- as a title word; see CONCEPT_FIELD_WEIGHT in src/features/matching/matching.index.ts). Courses indexed
-- before this get them here; from now on indexing writes them. The match_df triggers count them.
INSERT INTO match_term (course_id, kind, term, tf, wtf, hei_id, lang, dl, impact)
SELECT cc.course_id, 'c', cc.concept_id::text, 1, 3, d.hei_id, d.lang, d.dl,
  3 * 2.2 / (3 + 1.2 * (0.25 + 0.75 * d.dl / 100))
FROM course_concept cc JOIN match_doc d ON d.course_id = cc.course_id
WHERE cc.status = 'confirmed';
