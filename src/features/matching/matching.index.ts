import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { uuidArray } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { cleanSql } from '../../shared/search-text.ts';
import { glossaryEntries, glossaryFingerprint } from './matching.glossary.ts';

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
  /** Taxonomy concepts a person confirmed on the course (ids): a key shared with needs, in no language. */
  concepts?: string[];
};

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

// (concepts only when there are some: a course without was fingerprinted so before they were indexed)
const fingerprintOf = (doc: MatchDocInput) =>
  createHash('sha1')
    .update(
      JSON.stringify([
        fieldsOf(doc),
        doc.languages,
        doc.format,
        doc.level,
        doc.credits,
        doc.heiId,
        ...(doc.concepts?.length ? [[...doc.concepts].sort()] : []),
      ]),
    )
    .digest('base64url');

/** Weight of a term by the field it is in: title 3, subjects 2, description and learning outcomes 1. */
const FIELD_WEIGHT_SQL = 'case f.field when 1 then 3 when 2 then 2 else 1 end';
/**
 * The document length (stems) at which a posting's `impact` is its BM25 term weight (k1 1.2, b 0.75): about
 * the mean of real catalogues (70–110). Only orders a term's postings; scores use the scope's mean length.
 */
const REFERENCE_LENGTH = 100;
/**
 * A confirmed concept is a posting of kind 'c' (term: the concept's id) weighted as a title word: a person
 * has said the course is about it.
 */
export const CONCEPT_FIELD_WEIGHT = 3;

/**
 * Takes the matching index for writing until the transaction ends. Every write to it takes this first:
 * indexing courses, deleting them and writing neighbours. Deleting a course's document cascades to its
 * neighbour pairs, which a neighbour write may be replacing at the same moment, each waiting for the other
 * (PostgreSQL then aborts one: a deadlock); two indexings of one HEI update the same document frequencies.
 */
export async function lockMatchIndex(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lupp:match_index'))`);
}

/**
 * (Re)indexes courses: their document, stems and prefixes (postings with the term frequency over all fields
 * and weighted by field), words and new vocabulary. A course whose indexed text and attributes are
 * unchanged is left alone. Give it a transaction that has taken `lockMatchIndex`: a course is then never
 * half indexed, and its writes never cross a neighbour write.
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
    concepts: d.concepts ?? [],
    ...fieldsOf(d),
  }));
  const batch = JSON.stringify(rows);
  const changed = await db.execute<{ course_id: string }>(sql`
    select r.course_id from jsonb_to_recordset(${batch}::jsonb) r(course_id uuid, fingerprint text)
    left join match_doc d on d.course_id = r.course_id
    where d.fingerprint is distinct from r.fingerprint`);
  const ids = changed.rows.map((r) => r.course_id);
  if (!ids.length) return 0;
  const idList = uuidArray(ids);
  await db.execute(sql`delete from match_doc where course_id = any(${idList})`);
  await db.execute(sql`
    insert into match_doc (course_id, hei_id, lang, dl, languages, format, level, credits, fingerprint)
    select r.course_id, r.hei_id, r.lang, 0, r.languages, r.format, r.level, r.credits, r.fingerprint
    from jsonb_to_recordset(${batch}::jsonb) r(course_id uuid, hei_id uuid, lang text, languages text[],
      format text, level text, credits numeric, fingerprint text)
    where r.course_id = any(${idList})`);
  // One statement for the rest: the fields of the changed courses, their stems (in the course's language)
  // and words ('simple'); the content-word test once per distinct word of the batch, not per occurrence.
  await db.execute(sql`
    with r as (
      select * from jsonb_to_recordset(${batch}::jsonb)
        r(course_id uuid, hei_id uuid, lang text, title text, subjects text, body text)
      where r.course_id = any(${idList})),
    f as (
      select r.course_id, (case r.lang when 'sv' then 'swedish' else 'english' end)::regconfig as cfg,
        f.field, ${sql.raw(cleanSql('f.txt'))} as txt
      from r, lateral (values (1, r.title), (2, r.subjects), (3, r.body)) f(field, txt)),
    stems as (
      select f.course_id, f.field, t.lexeme, coalesce(array_length(t.positions, 1), 1) as tf
      from f, lateral unnest(to_tsvector(f.cfg, f.txt)) t),
    words as materialized (
      select f.course_id, f.field, t.lexeme, coalesce(array_length(t.positions, 1), 1) as tf
      from f, lateral unnest(to_tsvector('simple', f.txt)) t),
    candidates as materialized (
      select distinct lexeme from words where length(lexeme) >= 5 and lexeme !~ '[0-9]'),
    content as (select lexeme from candidates w where ${sql.raw(contentWordSql('w.lexeme'))}),
    terms as (
      select f.course_id, f.field, 's' as kind, f.lexeme as term, f.tf from stems f
      union all
      select f.course_id, f.field, 'p', left(f.lexeme, 5), f.tf from words f join content using (lexeme)),
    postings as (
      select f.course_id, f.kind, f.term, sum(f.tf)::int as tf, sum(f.tf * ${sql.raw(FIELD_WEIGHT_SQL)})::real as wtf
      from terms f group by 1, 2, 3),
    -- document length: the number of stems in all fields
    length as (
      select course_id, coalesce(sum(tf) filter (where kind = 's'), 0)::real as dl from postings group by 1),
    new_terms as (
      insert into match_term (course_id, kind, term, tf, wtf, hei_id, lang, dl, impact)
      select p.course_id, p.kind, p.term, p.tf, p.wtf, r.hei_id, r.lang, l.dl,
        p.wtf * 2.2 / (p.wtf + 1.2 * (0.25 + 0.75 * l.dl / ${sql.raw(String(REFERENCE_LENGTH))}))
      from postings p join length l using (course_id) join r using (course_id)
      returning 1),
    -- words for compound tails: a need's word of six letters or more inside a longer word
    new_words as (
      insert into match_word (course_id, word, wtf, hei_id, lang, dl)
      select f.course_id, f.lexeme, sum(f.tf * ${sql.raw(FIELD_WEIGHT_SQL)}), r.hei_id, r.lang, coalesce(l.dl, 0)
      from words f join r using (course_id) left join length l using (course_id)
      where length(f.lexeme) >= 7
      group by f.course_id, f.lexeme, r.hei_id, r.lang, l.dl
      returning 1),
    -- the vocabulary: words of four letters or more (typo repair, compound tails)
    new_vocab as (
      insert into match_vocab (word) select distinct lexeme from words where length(lexeme) >= 4
      on conflict do nothing returning 1)
    update match_doc d set dl = l.dl from length l where d.course_id = l.course_id`);
  // confirmed concepts: postings of their own, after the document's length is known
  const conceptWeight = sql.raw(String(CONCEPT_FIELD_WEIGHT));
  await db.execute(sql`
    insert into match_term (course_id, kind, term, tf, wtf, hei_id, lang, dl, impact)
    select d.course_id, 'c', c.id, 1, ${conceptWeight}, d.hei_id, d.lang, d.dl,
      ${conceptWeight} * 2.2 / (${conceptWeight} + 1.2 * (0.25 + 0.75 * d.dl / ${sql.raw(String(REFERENCE_LENGTH))}))
    from jsonb_to_recordset(${batch}::jsonb) r(course_id uuid, concepts text[])
      join match_doc d using (course_id), lateral (select distinct unnest(r.concepts) as id) c
    where r.course_id = any(${idList})`);
  return ids.length;
}

/** Same-language neighbours kept per course (they share the score of a top course by similarity). */
const SAME_LANGUAGE_NEIGHBOURS = 5;
/** Other-language neighbours kept per course (only the nearest lends; the next two are for display). */
const OTHER_LANGUAGE_NEIGHBOURS = 3;
/** Terms of a course that define its neighbours: its strongest by tf-idf (bounds the work on big catalogues). */
const TERMS_PER_COURSE = 40;
/**
 * A term held (among their strongest terms) by more courses than this links each course only to the
 * courses where it weighs most. Terms are kept below a tenth of the catalogue, so this bounds the work only
 * above 20 000 courses.
 */
const LINKS_PER_TERM = 2000;

/** Weight of a term's translation in the vectors that find other-language neighbours, of the term's. */
const TRANSLATED_TERM_WEIGHT = 1;

/** A course's strongest terms with their tf-idf weights. */
type Vector = { id: string; lang: string; terms: number[]; weights: number[]; norm: number };
type Neighbour = { a: string; b: string; sim: number; cross_language: boolean; rank: number };

/** Courses whose strongest terms one statement reads: short statements, so requests get in between. */
const COURSES_PER_READ = 1000;
/**
 * The longest the neighbours' computation runs before other work gets a turn: requests that arrive
 * meanwhile wait at most about this long (it is synchronous code on the app's event loop).
 */
const TURN_MS = 25;
/** Tries before a rebuild writes what it computed even though the catalogue changed meanwhile. */
const REBUILD_TRIES = 3;

/**
 * Recomputes the neighbours of every course of the given HEIs (a consortium): cosine similarity of tf-idf
 * vectors over stems and prefixes whose document frequency is between 2 and a tenth of the catalogue
 * (the rest say nothing about a pair), each course reduced to its strongest terms. The vectors come from
 * SQL; the pairs are scored here through inverted lists of the terms (`nearestNeighbours`): a few seconds
 * at 20 000 courses, where the all-pairs join in SQL had not finished after twelve minutes (at 22 GB).
 *
 * It never holds the database for long: the vectors are read in slices of courses, the pairs scored with
 * turns for other work, and only the write is one transaction. (On embedded PGlite every request shares
 * one connection; one transaction for the whole rebuild made them wait for all of it, seconds at a few
 * thousand courses.) If the consortium's catalogue changed while it computed, it computes again.
 */
export async function rebuildNeighbours(db: Db, heiIds: string[]): Promise<void> {
  if (!heiIds.length) return;
  for (let attempt = 1; ; attempt += 1) {
    const before = await catalogueState(db, heiIds);
    const neighbours = await computeNeighbours(db, heiIds);
    const written = await db.transaction(async (tx) => {
      // one write at a time (jobs, app processes starting together, and the courses' own indexing)
      await lockMatchIndex(tx);
      if (attempt < REBUILD_TRIES && (await catalogueState(tx, heiIds)) !== before) return false;
      await writeNeighbours(tx, heiIds, neighbours);
      return true;
    });
    if (written) return;
  }
}

/** What the neighbours of a consortium are computed from: its indexed courses and their fingerprints. */
async function catalogueState(db: Executor, heiIds: string[]): Promise<string> {
  const rows = await db.execute<{ state: string | null }>(sql`
    select md5(string_agg(course_id::text || fingerprint, ',' order by course_id)) as state
    from match_doc where hei_id = any(${uuidArray(heiIds)})`);
  return rows.rows[0]?.state ?? '';
}

/**
 * Writes the consortium's neighbours as a change to the stored ones: a change of a few courses moves a few
 * lists (a term's weight changes only with its document frequency), so the transaction stays short.
 */
async function writeNeighbours(tx: Executor, heiIds: string[], neighbours: Neighbour[]) {
  const stored = await tx.execute<Neighbour>(sql`select n.a, n.b, n.sim, n.cross_language, n.rank
    from match_neighbour n join match_doc d on d.course_id = n.a where d.hei_id = any(${uuidArray(heiIds)})`);
  const pair = (n: Pick<Neighbour, 'a' | 'b'>) => `${n.a} ${n.b}`;
  const kept = new Map<string, Neighbour>();
  // in turns: on a server database other requests go on beside this transaction (on their own connections)
  await inTurns(stored.rows.length, (i) => {
    const n = stored.rows[i] as Neighbour;
    kept.set(pair(n), n);
  });
  const changed: Neighbour[] = [];
  const gone: Pick<Neighbour, 'a' | 'b'>[] = [];
  await inTurns(neighbours.length, (i) => {
    const n = neighbours[i] as Neighbour;
    const old = kept.get(pair(n));
    kept.delete(pair(n));
    // sim is stored as a real
    const same = old && Math.fround(old.sim) === Math.fround(n.sim) && old.rank === n.rank;
    if (same && old.cross_language === n.cross_language) return;
    changed.push(n);
    if (old) gone.push(n);
  });
  // what is left of the stored pairs is no longer a neighbour; a changed pair is deleted and written again
  gone.push(...kept.values());
  for (let i = 0; i < gone.length; i += 5000)
    await tx.execute(sql`delete from match_neighbour n
      using jsonb_to_recordset(${JSON.stringify(gone.slice(i, i + 5000))}::jsonb) r(a uuid, b uuid)
      where n.a = r.a and n.b = r.b`);
  for (let i = 0; i < changed.length; i += 5000)
    await tx.execute(sql`
      insert into match_neighbour (a, b, sim, cross_language, rank)
      select a, b, sim, cross_language, rank
      from jsonb_to_recordset(${JSON.stringify(changed.slice(i, i + 5000))}::jsonb)
        r(a uuid, b uuid, sim real, cross_language boolean, rank smallint)
      -- a course deleted since the neighbours were computed (a last try writes them all the same)
      where exists (select 1 from match_doc d where d.course_id = r.a)
        and exists (select 1 from match_doc d where d.course_id = r.b)`);
}

/** A course's strongest terms, strongest first: kind and term as one string ('s' + stem, 'p' + prefix, 'c' + concept). */
type StrongTerms = { course_id: string; lang: string; terms: string[]; ws: number[] };

async function computeNeighbours(db: Db, heiIds: string[]): Promise<Neighbour[]> {
  const heis = uuidArray(heiIds);
  const courses = await db.execute<{ course_id: string }>(
    sql`select course_id from match_doc where hei_id = any(${heis}) order by course_id`,
  );
  const ids = courses.rows.map((r) => r.course_id);
  const strong: StrongTerms[] = [];
  for (let i = 0; i < ids.length; i += COURSES_PER_READ)
    strong.push(...(await strongestTerms(db, heis, ids.length, ids.slice(i, i + COURSES_PER_READ))));
  const translations = await glossaryStems(db);

  const termIds = new Map<string, number>();
  const termId = (term: string) => {
    const known = termIds.get(term);
    if (known !== undefined) return known;
    termIds.set(term, termIds.size);
    return termIds.size - 1;
  };
  const vector = (id: string, lang: string, terms: string[], ws: number[]): Vector => {
    const byTerm = new Map<number, number>();
    terms.forEach((t, i) => {
      const id = termId(t);
      byTerm.set(id, (byTerm.get(id) ?? 0) + Number(ws[i] ?? 0));
    });
    const weights = [...byTerm.values()];
    return {
      id,
      lang,
      terms: [...byTerm.keys()],
      weights,
      norm: Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)),
    };
  };
  // same-language neighbours by the courses' own terms; other-language ones with each course's terms
  // also in the other language (by the glossary), where own terms alone meet only in shared loanwords
  const own: Vector[] = [];
  const both: Vector[] = [];
  await inTurns(strong.length, (i) => {
    const r = strong[i] as StrongTerms;
    own.push(vector(r.course_id, r.lang, r.terms, r.ws));
    const translated = translate(r, translations);
    both.push(
      vector(
        r.course_id,
        r.lang,
        [...r.terms, ...translated.keys()],
        [...r.ws, ...[...translated.values()].map((w) => w * TRANSLATED_TERM_WEIGHT)],
      ),
    );
  });
  return [
    ...(await nearestNeighbours(own, termIds.size)).filter((n) => !n.cross_language),
    ...(await nearestNeighbours(both, termIds.size)).filter((n) => n.cross_language),
  ];
}

/**
 * The strongest terms (tf-idf) of some courses of a scope of `n` courses, strongest first. Terms held by one
 * course or by a tenth of the scope or more are left out: they say nothing about a pair.
 */
async function strongestTerms(db: Db, heis: ReturnType<typeof uuidArray>, n: number, courseIds: string[]) {
  const rows = await db.execute<StrongTerms>(sql`
    with t as (select course_id, lang, kind, term, tf from match_term where course_id = any(${uuidArray(courseIds)})),
    df as (select kind, term, sum(df)::float8 as df from match_df
           where hei_id = any(${heis}) and (kind, term) in (select kind, term from t) group by 1, 2),
    w as (select t.course_id, t.lang, t.kind, t.term, (1 + ln(t.tf)) * ln(${n}::float8 / df.df) as w
          from t join df using (kind, term)
          where df.df > 1 and df.df < ${n}::float8 / 10),
    top as (select * from (select w.*, row_number() over (partition by course_id order by w desc, term, kind) as r
                           from w) x where r <= ${sql.raw(String(TERMS_PER_COURSE))})
    select course_id, lang, array_agg(kind || term order by r) as terms, array_agg(w order by r) as ws
    from top group by 1, 2 order by 1`);
  return rows.rows;
}

/** The glossary's stems: for a stem of a language (`sv:<stem>`), the stems of its translations. */
async function glossaryStems(db: Db): Promise<Map<string, string[]>> {
  const glossary = glossaryEntries().map((g) => ({
    key: g.key,
    kcfg: g.keyConfig,
    translation: g.translation,
    tcfg: g.translationConfig,
  }));
  const rows = await db.execute<{ lang: string; kstem: string; tstem: string }>(sql`
    select distinct (case g.kcfg when 'swedish' then 'sv' else 'en' end) as lang, k.lexeme as kstem,
      t.lexeme as tstem
    from jsonb_to_recordset(${JSON.stringify(glossary)}::jsonb) g(key text, kcfg text, translation text, tcfg text),
      lateral unnest(to_tsvector(g.kcfg::regconfig, g.key)) k,
      lateral unnest(to_tsvector(g.tcfg::regconfig, g.translation)) t
    order by 1, 2, 3`);
  const stems = new Map<string, string[]>();
  for (const r of rows.rows) {
    const key = `${r.lang}:${r.kstem}`;
    stems.set(key, [...(stems.get(key) ?? []), r.tstem]);
  }
  return stems;
}

/** A course's strong stems in the other language (`s<stem>`): each stem's weight shared by its translations. */
function translate(course: StrongTerms, translations: Map<string, string[]>): Map<string, number> {
  const translated = new Map<string, number>();
  course.terms.forEach((term, i) => {
    if (!term.startsWith('s')) return;
    const stems = translations.get(`${course.lang}:${term.slice(1)}`) ?? [];
    for (const stem of stems)
      translated.set(
        `s${stem}`,
        (translated.get(`s${stem}`) ?? 0) + Number(course.ws[i] ?? 0) / stems.length,
      );
  });
  return translated;
}

/**
 * The nearest courses of each course by cosine similarity, the same-language and the other-language ones
 * ranked apart (1 = nearest; ties by id, as in SQL). Dot products accumulate over the inverted list of
 * each of a course's terms, in flat typed arrays.
 */
async function nearestNeighbours(vectors: Vector[], terms: number): Promise<Neighbour[]> {
  const scoreCourse = neighbourScorer(vectors, terms);
  const out: Neighbour[] = [];
  await inTurns(vectors.length, (course) => scoreCourse(course, out));
  return out;
}

/** Calls `work` for 0 … count − 1, with a turn for other work (requests) whenever it has run TURN_MS. */
async function inTurns(count: number, work: (i: number) => void): Promise<void> {
  let turnStarted = performance.now();
  for (let i = 0; i < count; i += 1) {
    if (i % 16 === 0 && performance.now() - turnStarted > TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    }
    work(i);
  }
}

/** Inverted lists of the vectors' terms, and a function that scores one course against all (kept synchronous: hot). */
function neighbourScorer(unsorted: Vector[], terms: number) {
  const vectors = [...unsorted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // inverted lists: holders (index in vectors, so ties by index are ties by id) and weights per term
  const start = new Int32Array(terms + 1);
  for (const v of vectors) for (const t of v.terms) start[t + 1] = (start[t + 1] ?? 0) + 1;
  for (let t = 0; t < terms; t += 1) start[t + 1] = (start[t + 1] ?? 0) + (start[t] ?? 0);
  const holder = new Int32Array(start[terms] ?? 0);
  const weight = new Float64Array(holder.length);
  const fill = start.slice(0, terms);
  vectors.forEach((v, c) => {
    v.terms.forEach((t, i) => {
      const at = fill[t] ?? 0;
      holder[at] = c;
      weight[at] = v.weights[i] ?? 0;
      fill[t] = at + 1;
    });
  });
  // a list longer than LINKS_PER_TERM: its strongest holders first, and only those are linked
  const end = new Int32Array(terms);
  for (let t = 0; t < terms; t += 1) {
    const from = start[t] ?? 0;
    const to = start[t + 1] ?? 0;
    end[t] = Math.min(to, from + LINKS_PER_TERM);
    if (to - from <= LINKS_PER_TERM) continue;
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort(
      (x, y) => (weight[y] ?? 0) - (weight[x] ?? 0) || (holder[x] ?? 0) - (holder[y] ?? 0),
    );
    const holders = order.map((i) => holder[i] ?? 0);
    const weights = order.map((i) => weight[i] ?? 0);
    holder.set(holders, from);
    weight.set(weights, from);
  }

  const dot = new Float64Array(vectors.length);
  const touched = new Int32Array(vectors.length);
  /** The neighbours of the course at `ai` (in id order) onto `out`. */
  return (ai: number, out: Neighbour[]) => {
    const a = vectors[ai] as Vector;
    let n = 0;
    a.terms.forEach((t, i) => {
      const wa = a.weights[i] ?? 0;
      for (let j = start[t] ?? 0, to = end[t] ?? 0; j < to; j += 1) {
        const c = holder[j] ?? 0;
        if (c === ai) continue;
        const d = dot[c] ?? 0;
        if (d === 0) touched[n++] = c;
        dot[c] = d + wa * (weight[j] ?? 0);
      }
    });
    // the nearest few of each kind; most pairs fail the first test, so nothing is allocated for them
    const same: { b: number; sim: number }[] = [];
    const other: { b: number; sim: number }[] = [];
    for (let k = 0; k < n; k += 1) {
      const c = touched[k] ?? 0;
      const b = vectors[c] as Vector;
      const sim = (dot[c] ?? 0) / (a.norm * b.norm);
      dot[c] = 0;
      const sameLanguage = b.lang === a.lang;
      const list = sameLanguage ? same : other;
      const count = sameLanguage ? SAME_LANGUAGE_NEIGHBOURS : OTHER_LANGUAGE_NEIGHBOURS;
      const last = list[list.length - 1];
      if (list.length === count && last && (sim < last.sim || (sim === last.sim && c > last.b))) continue;
      let at = list.length;
      for (; at > 0; at -= 1) {
        const x = list[at - 1] as { b: number; sim: number };
        if (sim < x.sim || (sim === x.sim && c > x.b)) break;
      }
      list.splice(at, 0, { b: c, sim });
      if (list.length > count) list.pop();
    }
    for (const [list, cross] of [
      [same, false],
      [other, true],
    ] as const) {
      list.forEach((x, i) => {
        out.push({
          a: a.id,
          b: (vectors[x.b] as Vector).id,
          sim: x.sim,
          cross_language: cross,
          rank: i + 1,
        });
      });
    }
  };
}

const NEIGHBOURS_GLOSSARY = 'neighbours-glossary';

/**
 * Whether the stored neighbours were computed with the glossary Lupp has now (other-language neighbours
 * are found through it). When not, the caller rebuilds every consortium's, then calls
 * `markNeighboursCurrent`.
 */
export async function neighboursAreCurrent(db: Executor): Promise<boolean> {
  const rows = await db.execute<{ value: string }>(
    sql`select value from match_state where key = ${NEIGHBOURS_GLOSSARY}`,
  );
  return rows.rows[0]?.value === glossaryFingerprint();
}

export async function markNeighboursCurrent(db: Executor): Promise<void> {
  await db.execute(sql`insert into match_state (key, value) values (${NEIGHBOURS_GLOSSARY}, ${glossaryFingerprint()})
    on conflict (key) do update set value = excluded.value`);
}
