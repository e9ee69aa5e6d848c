import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Writing the matching index (docs/decisions/0004-matching-method.md). The catalogue calls
 * `indexCourses` after it writes courses, and `rebuildNeighbours` (directly or as a job) for the
 * consortium, because a course's neighbours depend on the whole catalogue.
 */
type Executor = Pick<Db, 'execute'>;

/** What the index needs of a course; the catalogue builds it from its own rows. */
export type MatchDocInput = {
  courseId: string;
  heiId: string;
  titleSv: string | null;
  titleEn: string | null;
  subjects: string[];
  description: string | null;
  learningOutcomes: string[];
  languages: string[];
  format: string | null;
  level: string | null;
  credits: number | null;
};

/** Lower case, and `/` spaced out so "MIG/MAG" gives two words (the parser keeps "mig/mag" as a path). */
export const cleanSql = (text: string) => `lower(replace(${text}, '/', ' / '))`;
/** A word that is not a stop word in Swedish or in English. */
export const contentWordSql = (word: string) =>
  `(length(to_tsvector('swedish', ${word})) > 0 and length(to_tsvector('english', ${word})) > 0)`;

/** The language of a course's text: its first language of instruction if sv/en, else the title it has. */
export function textLanguage(doc: Pick<MatchDocInput, 'languages' | 'titleSv'>): 'sv' | 'en' {
  const first = doc.languages[0];
  if (first === 'sv' || first === 'en') return first;
  return doc.titleSv ? 'sv' : 'en';
}

function fieldsOf(doc: MatchDocInput) {
  return {
    title: [doc.titleSv, doc.titleEn].filter(Boolean).join(' ; '),
    subjects: doc.subjects.join(' ; '),
    body: [doc.description ?? '', ...doc.learningOutcomes].join(' ; '),
  };
}

const fingerprintOf = (doc: MatchDocInput) =>
  createHash('sha1')
    .update(JSON.stringify([fieldsOf(doc), doc.languages, doc.format, doc.level, doc.credits, doc.heiId]))
    .digest('base64url');

/**
 * (Re)indexes courses: their document, stems and prefixes per field, words and new vocabulary. A course
 * whose indexed text and attributes are unchanged is left alone. Runs inside the caller's transaction
 * when given one.
 */
export async function indexCourses(db: Executor, docs: MatchDocInput[]): Promise<number> {
  if (!docs.length) return 0;
  const rows = docs.map((d) => ({
    course_id: d.courseId,
    hei_id: d.heiId,
    lang: textLanguage(d),
    languages: d.languages,
    format: d.format,
    level: d.level,
    credits: d.credits,
    fingerprint: fingerprintOf(d),
    ...fieldsOf(d),
  }));
  const batch = JSON.stringify(rows);
  const changed = await db.execute<{ course_id: string }>(sql`
    select r.course_id from jsonb_to_recordset(${batch}::jsonb) r(course_id uuid, fingerprint text)
    left join match_doc d on d.course_id = r.course_id
    where d.fingerprint is distinct from r.fingerprint`);
  const ids = changed.rows.map((r) => r.course_id);
  if (!ids.length) return 0;
  const idList = sql`${`{${ids.join(',')}}`}::uuid[]`;
  await db.execute(sql`delete from match_doc where course_id = any(${idList})`);
  await db.execute(sql`
    insert into match_doc (course_id, hei_id, lang, dl, languages, format, level, credits, fingerprint)
    select r.course_id, r.hei_id, r.lang, 0, r.languages, r.format, r.level, r.credits, r.fingerprint
    from jsonb_to_recordset(${batch}::jsonb) r(course_id uuid, hei_id uuid, lang text, languages text[],
      format text, level text, credits numeric, fingerprint text)
    where r.course_id = any(${idList})`);
  // The fields of the changed courses: (course_id, cfg, field, txt).
  const b = sql`(select r.course_id, (case r.lang when 'sv' then 'swedish' else 'english' end)::regconfig as cfg,
      f.field, ${sql.raw(cleanSql('f.txt'))} as txt
    from jsonb_to_recordset(${batch}::jsonb) r(course_id uuid, lang text, title text, subjects text, body text),
      lateral (values (1, r.title), (2, r.subjects), (3, r.body)) f(field, txt)
    where r.course_id = any(${idList})) b`;
  await db.execute(sql`
    insert into match_term (course_id, field, kind, term, tf)
    select b.course_id, b.field, 's', t.lexeme, coalesce(array_length(t.positions, 1), 1)
    from ${b}, lateral unnest(to_tsvector(b.cfg, b.txt)) t`);
  await db.execute(sql`
    insert into match_term (course_id, field, kind, term, tf)
    select b.course_id, b.field, 'p', left(t.lexeme, 5), sum(coalesce(array_length(t.positions, 1), 1))
    from ${b}, lateral unnest(to_tsvector('simple', b.txt)) t
    where length(t.lexeme) >= 5 and t.lexeme !~ '[0-9]' and ${sql.raw(contentWordSql('t.lexeme'))}
    group by b.course_id, b.field, left(t.lexeme, 5)`);
  await db.execute(sql`
    insert into match_word (course_id, field, word, tf)
    select b.course_id, b.field, t.lexeme, coalesce(array_length(t.positions, 1), 1)
    from ${b}, lateral unnest(to_tsvector('simple', b.txt)) t where length(t.lexeme) >= 4`);
  await db.execute(sql`
    insert into match_vocab (word)
    select distinct word from match_word where course_id = any(${idList}) on conflict do nothing`);
  await db.execute(sql`
    update match_doc d set dl = l.dl
    from (select course_id, sum(tf)::real as dl from match_term
          where course_id = any(${idList}) and kind = 's' group by course_id) l
    where d.course_id = l.course_id`);
  return ids.length;
}

/** Same-language neighbours kept per course (they share the score of a top course by similarity). */
const SAME_LANGUAGE_NEIGHBOURS = 5;
/** Other-language neighbours kept per course (only the nearest lends; the next two are for display). */
const OTHER_LANGUAGE_NEIGHBOURS = 3;
/** Terms of a course that define its neighbours: its strongest by tf-idf (bounds the work on big catalogues). */
const TERMS_PER_COURSE = 40;

/**
 * Recomputes the neighbours of every course of the given HEIs (a consortium): cosine similarity of tf-idf
 * vectors over stems and prefixes whose document frequency is between 2 and a tenth of the catalogue
 * (the rest say nothing about a pair), each course reduced to its strongest terms.
 */
export async function rebuildNeighbours(db: Db, heiIds: string[]): Promise<void> {
  if (!heiIds.length) return;
  const heis = sql`${`{${heiIds.join(',')}}`}::uuid[]`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from match_neighbour n using match_doc d
      where d.course_id = n.a and d.hei_id = any(${heis})`);
    await tx.execute(sql`
      insert into match_neighbour (a, b, sim, cross_language, rank)
      with docs as (select course_id, lang from match_doc where hei_id = any(${heis})),
      n as (select count(*)::float8 as n from docs),
      v as (select t.course_id, t.kind, t.term, sum(t.tf)::float8 as tf
            from match_term t join docs using (course_id) group by 1, 2, 3),
      df as (select kind, term, count(*)::float8 as df from v group by 1, 2),
      w as (select v.course_id, v.kind, v.term, (1 + ln(v.tf)) * ln(n.n / df.df) as w
            from v join df using (kind, term), n where df.df > 1 and df.df < n.n / 10),
      top as (select * from (select w.*, row_number() over (partition by course_id order by w desc, term) as r
                             from w) x where r <= ${sql.raw(String(TERMS_PER_COURSE))}),
      norm as (select course_id, sqrt(sum(w * w)) as norm from top group by 1),
      pair as (
        select a.course_id as a, b.course_id as b, sum(a.w * b.w) / (na.norm * nb.norm) as sim,
          da.lang <> db.lang as cross_language
        from top a join top b on b.kind = a.kind and b.term = a.term and b.course_id <> a.course_id
          join norm na on na.course_id = a.course_id join norm nb on nb.course_id = b.course_id
          join docs da on da.course_id = a.course_id join docs db on db.course_id = b.course_id
        group by a.course_id, b.course_id, na.norm, nb.norm, da.lang, db.lang),
      ranked as (select *, row_number() over (partition by a, cross_language order by sim desc, b) as rank
                 from pair)
      select a, b, sim, cross_language, rank from ranked
      where rank <= case when cross_language then ${sql.raw(String(OTHER_LANGUAGE_NEIGHBOURS))} else ${sql.raw(String(SAME_LANGUAGE_NEIGHBOURS))} end`);
  });
}
