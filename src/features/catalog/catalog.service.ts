import { type AnyColumn, and, asc, count, desc, eq, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { uuidArray } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { stemmedPrefix } from '../../db/text-search.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../server/http/problem.ts';
import { cleanText } from '../../shared/search-text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  indexCourses,
  lockMatchIndex,
  type MatchDocInput,
  markNeighboursCurrent,
  neighboursAreCurrent,
  rebuildNeighbours,
} from '../matching/matching.index.ts';
import {
  conceptReferences,
  conceptsBySourceIds,
  toView as conceptView,
  suggestConcepts,
} from '../taxonomy/taxonomy.service.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { Course, ImportReport, TagReviewQuery } from './catalog.contract.ts';
import { catalogImport, catalogUpload, course, courseConcept, courseOccasion } from './catalog.table.ts';
import {
  type CatalogRead,
  type ConceptRef,
  type CourseInput,
  checkMapping,
  detectFormat,
  type FileFormat,
  type Mapping,
  mappableFields,
  type Occasion,
  problem,
  type RowProblem,
  readCatalogFile,
  readCsv,
  readJson,
  readXlsx,
  suggestMapping,
} from './parse.ts';

/** Who writes an HEI's catalogue (import, edit, delete, tags). Everyone in the consortium reads it. */
export const CATALOG_WRITERS: Role[] = ['admin', 'coordinator'];

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type CourseRow = typeof course.$inferSelect;

// ------------------------------------------------------------------ who may do what

/** An HEI's admin or coordinator, for writing its catalogue: others of the HEI 403, outsiders 404. */
export function authorizeCatalogWriter(actor: Actor, heiId: string) {
  const m = requireOrganisationRole(actor, heiId, CATALOG_WRITERS);
  if (m.tenant.kind !== 'hei') throw forbidden('Only HEIs have course catalogues.');
  return { heiId, actor };
}

/**
 * The consortia whose catalogues the user reads: those of the HEIs they work at, and those they are a
 * regional analyst in. Customer contacts read none (403).
 */
export async function readableConsortia(db: Db, actor: Actor): Promise<string[]> {
  const heiIds = actor.memberships
    .filter((m) => m.scope === 'organisation' && m.tenant.kind === 'hei')
    .map((m) => m.tenant.id);
  const consortia = actor.memberships.filter((m) => m.scope === 'consortium').map((m) => m.tenant.id);
  if (!heiIds.length && !consortia.length) throw forbidden('Course catalogues are for HEI staff.');
  if (heiIds.length) {
    const rows = await db
      .select({ consortiumId: organisation.consortiumId })
      .from(organisation)
      .where(inArray(organisation.id, heiIds));
    for (const r of rows) if (r.consortiumId) consortia.push(r.consortiumId);
  }
  return [...new Set(consortia)];
}

// ------------------------------------------------------------------ reading

const toOccasion = (o: typeof courseOccasion.$inferSelect): Occasion => ({
  startDate: o.startDate,
  endDate: o.endDate,
  place: o.place,
  format: o.format,
});

function summary(row: CourseRow, heiName: string, score: number | null = null) {
  return {
    id: row.id,
    hei: { id: row.heiId, name: heiName },
    code: row.code,
    externalId: row.externalId,
    title: { sv: row.titleSv, en: row.titleEn },
    languages: row.languages,
    credits: row.credits,
    creditEquivalent: row.creditEquivalent,
    level: row.level,
    eqfLevel: row.eqfLevel,
    sunField: row.sunField,
    format: row.format,
    subjects: row.subjects,
    priceSek: row.priceSek,
    score,
  };
}

/** Turns free text into a tsquery: every word as a Swedish or English stemmed prefix. */
function freeTextQuery(q: string): SQL | null {
  // read as the search column reads course text ("C#" as "csharp", "PLCs" as "plc")
  const words = (cleanText(q).match(/[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*/gu) ?? [])
    .filter((w) => w.length >= 2)
    .slice(0, 8);
  if (!words.length) return null;
  // a name with dots is one word in the column as the parser reads it ("asp.net", "node.js"); its parts
  // still find text where the dot only ran two words together
  const perWord = words.map((w) => {
    const parts = w.split('.').filter((part) => part.length >= 2);
    return w.includes('.') && parts.length
      ? sql`(${stemmedPrefix(w)} || (${sql.join(parts.map(stemmedPrefix), sql` && `)}))`
      : stemmedPrefix(w);
  });
  return sql`(${sql.join(perWord, sql` && `)})`;
}

const titleText = sql`lower(coalesce(${course.titleSv}, '') || ' ' || coalesce(${course.titleEn}, ''))`;

/**
 * The consortium's catalogues, filtered. Free text matches Swedish and English full text (every word as
 * a stemmed prefix) or, for typos and compounds, the titles by trigram word similarity.
 */
export async function listCourses(
  db: Db,
  actor: Actor,
  filter: {
    hei?: string;
    language?: string;
    format?: string;
    level?: string;
    creditsMin?: number;
    creditsMax?: number;
    q?: string;
    limit: number;
    offset: number;
  },
) {
  const consortia = await readableConsortia(db, actor);
  if (filter.hei) {
    const [hei] = await db
      .select({ id: organisation.id })
      .from(organisation)
      .where(
        and(
          eq(organisation.id, filter.hei),
          eq(organisation.kind, 'hei'),
          inArray(organisation.consortiumId, consortia),
        ),
      );
    if (!hei) throw notFound('The HEI');
  }
  const credits = sql`coalesce(${course.credits}, ${course.creditEquivalent})`;
  const text = filter.q ? freeTextQuery(filter.q) : null;
  // the titles by similarity, as the words are read ("C#" is no "c" in "C++")
  const phrase = filter.q ? cleanText(filter.q).trim() : '';
  const conditions = and(
    inArray(organisation.consortiumId, consortia),
    filter.hei ? eq(course.heiId, filter.hei) : undefined,
    filter.language ? sql`${filter.language} = any(${course.languages})` : undefined,
    filter.format ? eq(course.format, filter.format as 'campus') : undefined,
    filter.level ? eq(course.level, filter.level as 'first-cycle') : undefined,
    filter.creditsMin !== undefined ? sql`${credits} >= ${filter.creditsMin}` : undefined,
    filter.creditsMax !== undefined ? sql`${credits} <= ${filter.creditsMax}` : undefined,
    filter.q
      ? text
        ? sql`(${course.search} @@ ${text} or word_similarity(${phrase}, ${titleText}) >= 0.5)`
        : sql`word_similarity(${phrase}, ${titleText}) >= 0.5`
      : undefined,
  );
  const score = filter.q
    ? sql<number>`(${text ? sql`ts_rank(${course.search}, ${text})` : sql`0`} + word_similarity(${phrase}, ${titleText}))::float8`
    : sql<number>`null::float8`;
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(course)
    .innerJoin(organisation, eq(course.heiId, organisation.id))
    .where(conditions);
  const rows = await db
    .select({ c: course, heiName: organisation.name, score })
    .from(course)
    .innerJoin(organisation, eq(course.heiId, organisation.id))
    .where(conditions)
    .orderBy(...(filter.q ? [sql`${score} desc`] : []), asc(organisation.name), asc(course.code))
    .limit(filter.limit)
    .offset(filter.offset);
  return {
    total: total?.n ?? 0,
    courses: rows.map((r) => summary(r.c, r.heiName, r.score === null ? null : Number(r.score))),
  };
}

/** Course id → the id it has in its interchange file (or its code), for the HEIs' courses. */
export async function courseExternalIds(db: Db, heiIds: string[]) {
  const rows = await db
    .select({ id: course.id, externalId: course.externalId, code: course.code })
    .from(course)
    .where(inArray(course.heiId, heiIds));
  return new Map(rows.map((r) => [r.id, r.externalId ?? r.code]));
}

/**
 * The HEIs' courses in the JSON interchange format (docs/catalog-format.md), with Lupp's course id as
 * `id`: what matching reads of a course, for a labelled set (`lupp export match-labels`). Occasions,
 * teachers and prices are left out: they are not matched on.
 */
export async function coursesForExchange(db: Db, heiIds: string[]) {
  if (!heiIds.length) return [];
  const rows = await db
    .select({ c: course, provider: organisation.name })
    .from(course)
    .innerJoin(organisation, eq(course.heiId, organisation.id))
    .where(inArray(course.heiId, heiIds))
    .orderBy(asc(organisation.name), asc(course.code));
  const concepts = await exchangeConcepts(
    db,
    rows.map((r) => r.c.id),
  );
  return rows.map(({ c, provider }) => ({
    id: c.id,
    provider,
    ...matchedFields(c),
    concepts: concepts.get(c.id) ?? [],
  }));
}

/**
 * The concepts a person confirmed on each course, as the interchange format names them (source, the
 * concept's id there, its label), in id order: another Lupp resolves them in its own taxonomy.
 */
async function exchangeConcepts(db: Db, courseIds: string[]) {
  const confirmed = await confirmedConcepts(db, courseIds);
  const references = await conceptReferences(db, [...confirmed.values()].flat());
  return new Map(
    [...confirmed].map(([courseId, ids]) => [
      courseId,
      ids.flatMap((id) => references.get(id) ?? []).sort((a, b) => a.id.localeCompare(b.id)),
    ]),
  );
}

/** A course's fields that matching reads, as the interchange format writes them (empty ones left out). */
const matchedFields = (c: CourseRow) => ({
  code: c.code,
  titleSv: c.titleSv ?? undefined,
  titleEn: c.titleEn ?? undefined,
  language: c.languages,
  credits: c.credits ?? c.creditEquivalent ?? undefined,
  level: c.level ?? undefined,
  eqfLevel: c.eqfLevel ?? undefined,
  sunField: c.sunField ?? undefined,
  format: c.format ?? undefined,
  description: c.description ?? undefined,
  learningOutcomes: c.learningOutcomes,
  subjects: c.subjects,
});

/**
 * The HEI's catalogue as a file in the JSON interchange format (docs/catalog-format.md): every field, the
 * planned occasions and the concepts a person confirmed. Importing it again changes nothing; importing it
 * at another HEI (or another Lupp with the same taxonomy) gives the same courses and tags.
 */
export async function exportCatalog(db: Db, access: { heiId: string }) {
  const rows = await db.select().from(course).where(eq(course.heiId, access.heiId)).orderBy(asc(course.code));
  const ids = rows.map((r) => r.id);
  const occasions = ids.length
    ? await db
        .select()
        .from(courseOccasion)
        .where(inArray(courseOccasion.courseId, ids))
        .orderBy(asc(courseOccasion.startDate), asc(courseOccasion.place))
    : [];
  const occasionsOf = new Map<string, (typeof occasions)[number][]>();
  for (const o of occasions) occasionsOf.set(o.courseId, [...(occasionsOf.get(o.courseId) ?? []), o]);
  const concepts = await exchangeConcepts(db, ids);
  const orUndefined = <T>(value: T | null) => value ?? undefined;
  return {
    courses: rows.map((c) => ({
      id: orUndefined(c.externalId),
      ...matchedFields(c),
      teachers: c.teachers,
      prerequisites: orUndefined(c.prerequisites),
      priceSek: orUndefined(c.priceSek),
      syllabusUrl: orUndefined(c.syllabusUrl),
      occasions: (occasionsOf.get(c.id) ?? []).map((o) => ({
        start: o.startDate,
        end: orUndefined(o.endDate),
        place: orUndefined(o.place),
        format: orUndefined(o.format),
      })),
      concepts: concepts.get(c.id) ?? [],
    })),
  };
}

/** Course summaries by id, in the order of the ids (for matching results; the caller checked the scope). */
export async function courseSummaries(db: Db, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({ c: course, heiName: organisation.name })
    .from(course)
    .innerJoin(organisation, eq(course.heiId, organisation.id))
    .where(inArray(course.id, ids));
  const byId = new Map(rows.map((r) => [r.c.id, summary(r.c, r.heiName)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One course with its occasions and tags, for anyone of the consortium (others: 404). */
export async function getCourse(db: Db, actor: Actor, courseId: string): Promise<Course> {
  const consortia = await readableConsortia(db, actor);
  const [row] = await db
    .select({ c: course, consortiumId: organisation.consortiumId })
    .from(course)
    .innerJoin(organisation, eq(course.heiId, organisation.id))
    .where(eq(course.id, courseId));
  if (!row?.consortiumId || !consortia.includes(row.consortiumId)) throw notFound('The course');
  return courseView(db, courseId);
}

/** A concept on a course, as the API shows it. */
const tagView = ({
  t,
  c,
}: {
  t: typeof courseConcept.$inferSelect;
  c: typeof taxonomyConcept.$inferSelect;
}) => ({
  concept: conceptView(c),
  status: t.status,
  confidence: t.confidence,
  matchedWords: t.matchedWords,
  decidedAt: t.decidedAt?.toISOString() ?? null,
});

export async function courseView(db: Db, courseId: string): Promise<Course> {
  const [row] = await db
    .select({ c: course, heiName: organisation.name })
    .from(course)
    .innerJoin(organisation, eq(course.heiId, organisation.id))
    .where(eq(course.id, courseId));
  if (!row) throw notFound('The course');
  const occasions = await db
    .select()
    .from(courseOccasion)
    .where(eq(courseOccasion.courseId, courseId))
    .orderBy(asc(courseOccasion.startDate));
  const tags = await db
    .select({ t: courseConcept, c: taxonomyConcept })
    .from(courseConcept)
    .innerJoin(taxonomyConcept, eq(courseConcept.conceptId, taxonomyConcept.id))
    .where(eq(courseConcept.courseId, courseId))
    .orderBy(sql`${courseConcept.confidence} desc nulls last`, asc(taxonomyConcept.labelSv));
  const { score: _score, ...base } = summary(row.c, row.heiName);
  return {
    ...base,
    description: row.c.description,
    learningOutcomes: row.c.learningOutcomes,
    teachers: row.c.teachers,
    prerequisites: row.c.prerequisites,
    syllabusUrl: row.c.syllabusUrl,
    occasions: occasions.map(toOccasion),
    tags: tags.map(tagView),
    updatedAt: row.c.updatedAt.toISOString(),
  };
}

// ------------------------------------------------------------------ writing one course

async function courseOf(db: Db, heiId: string, courseId: string): Promise<CourseRow> {
  const [row] = await db
    .select()
    .from(course)
    .where(and(eq(course.id, courseId), eq(course.heiId, heiId)));
  if (!row) throw notFound('The course');
  return row;
}

type CourseFields = Omit<CourseInput, 'occasions' | 'concepts'>;
const columnsOf = (input: CourseInput): CourseFields => {
  const { occasions: _o, concepts: _c, ...fields } = input;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as CourseFields;
};

const codeTaken = isUniqueViolation;

/** Who writes, and how the matching index's neighbour rebuild is run (a job in the app). */
type WriteAccess = { heiId: string; actor: Actor; queueNeighbours?: (heiId: string) => Promise<void> };

export async function createCourse(
  db: Db,
  access: WriteAccess,
  input: CourseInput & { occasions: Occasion[] },
): Promise<Course> {
  const id = await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(course)
        .values({ ...columnsOf(input), heiId: access.heiId, code: input.code })
        .returning({ id: course.id });
      if (!row) throw new AppError(500, 'internal_error', 'the course was not written');
      if (input.occasions.length)
        await tx.insert(courseOccasion).values(input.occasions.map((o) => ({ ...o, courseId: row.id })));
      await recordAudit(tx, {
        actor: access.actor,
        organisationId: access.heiId,
        action: 'course.created',
        subjectType: 'course',
        subjectId: row.id,
        data: { code: input.code },
      });
      return row.id;
    })
    .catch((error) => {
      if (codeTaken(error)) throw conflict(`The catalogue already has a course with code ${input.code}.`);
      throw error;
    });
  await indexForMatching(db, access.heiId, [id], access.queueNeighbours);
  await suggestTagsFor(db, [id]);
  return courseView(db, id);
}

export async function updateCourse(
  db: Db,
  access: WriteAccess,
  courseId: string,
  input: Partial<CourseInput>,
): Promise<Course> {
  const current = await courseOf(db, access.heiId, courseId);
  const next = { ...current, ...columnsOf(input as CourseInput) };
  if (!next.titleSv && !next.titleEn)
    throw invalid([{ field: 'body.titleSv', message: 'a course keeps a Swedish or an English title' }]);
  await db
    .transaction(async (tx) => {
      await tx
        .update(course)
        .set({ ...columnsOf(input as CourseInput), updatedAt: new Date() })
        .where(eq(course.id, courseId));
      if (input.occasions) await replaceOccasions(tx, courseId, input.occasions);
      await recordAudit(tx, {
        actor: access.actor,
        organisationId: access.heiId,
        action: 'course.updated',
        subjectType: 'course',
        subjectId: courseId,
        data: { fields: Object.keys(input) },
      });
    })
    .catch((error) => {
      if (codeTaken(error)) throw conflict(`The catalogue already has a course with code ${input.code}.`);
      throw error;
    });
  await indexForMatching(db, access.heiId, [courseId], access.queueNeighbours);
  if (['titleSv', 'titleEn', 'subjects'].some((k) => k in input)) await suggestTagsFor(db, [courseId]);
  return courseView(db, courseId);
}

export async function deleteCourse(db: Db, access: { heiId: string; actor: Actor }, courseId: string) {
  const current = await courseOf(db, access.heiId, courseId);
  await db.transaction(async (tx) => {
    await lockMatchIndex(tx); // the course's document and neighbour pairs go with it
    await tx.delete(course).where(eq(course.id, courseId));
    await recordAudit(tx, {
      actor: access.actor,
      organisationId: access.heiId,
      action: 'course.deleted',
      subjectType: 'course',
      subjectId: courseId,
      data: { code: current.code },
    });
  });
}

async function replaceOccasions(tx: Tx, courseId: string, occasions: Occasion[]) {
  await tx.delete(courseOccasion).where(eq(courseOccasion.courseId, courseId));
  if (occasions.length) await tx.insert(courseOccasion).values(occasions.map((o) => ({ ...o, courseId })));
}

// ------------------------------------------------------------------ the matching index

/** The HEIs whose catalogues are searched together with this HEI's: its consortium (or itself alone). */
export async function catalogScope(db: Db, heiId: string): Promise<string[]> {
  const rows = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(
      and(
        eq(organisation.kind, 'hei'),
        sql`(${organisation.id} = ${heiId} or ${organisation.consortiumId} = (select consortium_id from organisation where id = ${heiId}))`,
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * How many of these HEIs' courses teach each concept: confirmed by a person, and further ones only
 * suggested from the course text (for the pooled analysis: supply beside demand).
 */
export async function courseCountsByConcept(db: Db, heiIds: string[], conceptIds: string[]) {
  const counts = new Map<string, { confirmed: number; suggested: number }>();
  if (!heiIds.length || !conceptIds.length) return counts;
  const rows = await db
    .select({
      conceptId: courseConcept.conceptId,
      confirmed: sql<number>`(count(*) filter (where ${courseConcept.status} = 'confirmed'))::int`,
      suggested: sql<number>`(count(*) filter (where ${courseConcept.status} = 'suggested'))::int`,
    })
    .from(courseConcept)
    .innerJoin(course, eq(course.id, courseConcept.courseId))
    .where(and(inArray(course.heiId, heiIds), inArray(courseConcept.conceptId, conceptIds)))
    .groupBy(courseConcept.conceptId);
  for (const r of rows) counts.set(r.conceptId, { confirmed: r.confirmed, suggested: r.suggested });
  return counts;
}

const matchDocOf = (c: CourseRow, concepts: string[]): MatchDocInput => ({
  courseId: c.id,
  heiId: c.heiId,
  titleSv: c.titleSv,
  titleEn: c.titleEn,
  subjects: c.subjects,
  description: c.description,
  learningOutcomes: c.learningOutcomes,
  languages: c.languages,
  format: c.format,
  level: c.level,
  credits: c.credits ?? c.creditEquivalent,
  concepts,
});

/** The concepts a person confirmed on each of these courses (course id → concept ids). */
async function confirmedConcepts(db: Db | Tx, courseIds: string[]) {
  if (!courseIds.length) return new Map<string, string[]>();
  const rows = await db
    .select({ courseId: courseConcept.courseId, conceptId: courseConcept.conceptId })
    .from(courseConcept)
    .where(and(inArray(courseConcept.courseId, courseIds), eq(courseConcept.status, 'confirmed')));
  const byCourse = new Map<string, string[]>();
  for (const r of rows) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), r.conceptId]);
  return byCourse;
}

/**
 * Brings the matching index up to date for these courses (changed ones only: their text, attributes or
 * confirmed concepts). The neighbours of the consortium's courses depend on the whole catalogue: when a
 * course changed they are rebuilt by `neighbours` — a queued job in the app, directly on the command line.
 */
export async function indexForMatching(
  db: Db,
  heiId: string,
  courseIds: string[],
  neighbours?: (heiId: string) => Promise<void>,
) {
  let changed = 0;
  for (let i = 0; i < courseIds.length; i += 500) {
    const ids = courseIds.slice(i, i + 500);
    const rows = await db.select().from(course).where(inArray(course.id, ids));
    const concepts = await confirmedConcepts(db, ids);
    changed += await db.transaction(async (tx) => {
      await lockMatchIndex(tx);
      return indexCourses(
        tx,
        rows.map((r) => matchDocOf(r, concepts.get(r.id) ?? [])),
      );
    });
  }
  if (!changed) return;
  if (neighbours) await neighbours(heiId);
  else await rebuildNeighbours(db, await catalogScope(db, heiId));
}

/**
 * Indexes the courses the matching index does not have yet (catalogues written before matching existed),
 * then rebuilds the neighbours of their consortia; and every consortium's neighbours when they were
 * computed with another glossary than this version of Lupp has. Run at start; does nothing when the index
 * is current.
 */
export async function indexUnindexedCourses(db: Db): Promise<number> {
  const missing = await db
    .select({ id: course.id, heiId: course.heiId })
    .from(course)
    .where(sql`not exists (select 1 from match_doc d where d.course_id = ${course.id})`);
  const byHei = new Map<string, string[]>();
  for (const m of missing) byHei.set(m.heiId, [...(byHei.get(m.heiId) ?? []), m.id]);
  for (const [heiId, ids] of byHei) await indexForMatching(db, heiId, ids);
  if (!(await neighboursAreCurrent(db))) {
    const heis = await db.selectDistinct({ heiId: course.heiId }).from(course);
    const done = new Set<string>();
    for (const { heiId } of heis) {
      if (done.has(heiId)) continue;
      const scope = await catalogScope(db, heiId);
      for (const id of scope) done.add(id);
      await rebuildNeighbours(db, scope);
    }
    await markNeighboursCurrent(db);
  }
  return missing.length;
}

// ------------------------------------------------------------------ concept tags

/** The words skills are suggested from: the titles and subject areas (the course's topic, in few words). */
const tagText = (c: CourseRow) =>
  [c.titleSv, c.titleEn, ...c.subjects].filter(Boolean).join(' ').slice(0, 2000);

/** Suggestions below this confidence are not stored: too weak to be worth a person's time. */
const MIN_TAG_CONFIDENCE = 0.3;
const MAX_TAGS = 8;
/** Courses are tagged with skills (ESCO and JobTech), not occupations or industries. */
const TAG_TYPES = ['skill'];

/**
 * Suggests taxonomy concepts for courses from their titles and subjects and stores them as unconfirmed.
 * Confirmed and rejected tags stay as they are (a rejected concept is not suggested again); earlier
 * suggestions nobody decided on are replaced. Returns how many suggestions were stored.
 */
export async function suggestTagsFor(db: Db, courseIds: string[]): Promise<number> {
  let stored = 0;
  for (const id of courseIds) {
    const [row] = await db.select().from(course).where(eq(course.id, id));
    if (!row) continue;
    const text = tagText(row);
    const suggestions =
      text.length >= 3
        ? (await suggestConcepts(db, { text, types: TAG_TYPES, limit: MAX_TAGS })).filter(
            (s) => s.confidence >= MIN_TAG_CONFIDENCE && !s.concept.deprecated,
          )
        : [];
    await db.transaction(async (tx) => {
      await tx
        .delete(courseConcept)
        .where(and(eq(courseConcept.courseId, id), eq(courseConcept.status, 'suggested')));
      if (!suggestions.length) return;
      const written = await tx
        .insert(courseConcept)
        .values(
          suggestions.map((s) => ({
            courseId: id,
            conceptId: s.concept.id,
            status: 'suggested' as const,
            confidence: s.confidence,
            matchedWords: s.matchedWords,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: courseConcept.conceptId });
      stored += written.length;
    });
  }
  return stored;
}

export async function suggestCourseTags(db: Db, access: { heiId: string }, courseId: string) {
  await courseOf(db, access.heiId, courseId);
  await suggestTagsFor(db, [courseId]);
  return courseView(db, courseId);
}

/**
 * The HEI's courses with concepts suggested and not yet decided, in code order, `limit` from `offset`: the
 * queue a coordinator works through so that tags get confirmed (a confirmed concept is a key matching finds
 * the course by; decided courses leave it). `q` narrows it to courses whose code or title, or an undecided
 * concept's label, contains the text; a course found by a concept's label lists only the concepts that have it.
 */
export async function tagReview(db: Db, access: { heiId: string }, query: TagReviewQuery) {
  const text = query.q || null;
  const has = (column: SQL.Aliased | AnyColumn) =>
    sql`strpos(lower(coalesce(${column}, '')), lower(${text})) > 0`;
  const conceptMatches = text
    ? sql`(${has(taxonomyConcept.labelSv)} or ${has(taxonomyConcept.labelEn)})`
    : sql`true`;
  const courseMatches = text
    ? sql`(${has(course.code)} or ${has(course.titleSv)} or ${has(course.titleEn)})`
    : undefined;
  const undecided = (concepts: SQL) =>
    sql`exists (select 1 from ${courseConcept} join ${taxonomyConcept} on ${taxonomyConcept.id} = ${courseConcept.conceptId}
      where ${courseConcept.courseId} = ${course.id} and ${courseConcept.status} = 'suggested' and ${concepts})`;
  const queued = and(
    eq(course.heiId, access.heiId),
    undecided(sql`true`),
    courseMatches ? or(courseMatches, undecided(conceptMatches)) : undefined,
  );
  // the total before the limit, from the same rows (a window over them)
  const courses = await db
    .select({
      id: course.id,
      code: course.code,
      titleSv: course.titleSv,
      titleEn: course.titleEn,
      byCourse: sql<boolean>`${courseMatches ?? sql`true`}`,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(course)
    .where(queued)
    .orderBy(asc(course.code), asc(course.id))
    .limit(query.limit)
    .offset(query.offset);
  // past the end (the last courses of a page were decided) the window has no row to tell the total
  const total =
    courses[0]?.total ??
    (query.offset > 0 ? ((await db.select({ n: count() }).from(course).where(queued))[0]?.n ?? 0) : 0);
  const tags = courses.length
    ? await db
        .select({ t: courseConcept, c: taxonomyConcept, labelMatches: sql<boolean>`${conceptMatches}` })
        .from(courseConcept)
        .innerJoin(taxonomyConcept, eq(courseConcept.conceptId, taxonomyConcept.id))
        .where(
          and(
            inArray(
              courseConcept.courseId,
              courses.map((c) => c.id),
            ),
            eq(courseConcept.status, 'suggested'),
          ),
        )
        .orderBy(sql`${courseConcept.confidence} desc nulls last`, asc(taxonomyConcept.labelSv))
    : [];
  return {
    total,
    courses: courses.map((c) => ({
      id: c.id,
      code: c.code,
      title: { sv: c.titleSv, en: c.titleEn },
      tags: tags
        .filter(({ t, labelMatches }) => t.courseId === c.id && (c.byCourse || labelMatches))
        .map(tagView),
    })),
  };
}

/** A person confirms or rejects a concept on a course (a concept they picked themselves can be confirmed too). */
export async function decideTag(
  db: Db,
  access: WriteAccess,
  courseId: string,
  conceptId: string,
  status: 'confirmed' | 'rejected',
) {
  await courseOf(db, access.heiId, courseId);
  const [concept] = await db
    .select({ id: taxonomyConcept.id })
    .from(taxonomyConcept)
    .where(eq(taxonomyConcept.id, conceptId));
  if (!concept) throw notFound('The concept');
  await db.transaction(async (tx) => {
    await tx
      .insert(courseConcept)
      .values({ courseId, conceptId, status, decidedBy: access.actor.userId, decidedAt: new Date() })
      .onConflictDoUpdate({
        target: [courseConcept.courseId, courseConcept.conceptId],
        set: { status, decidedBy: access.actor.userId, decidedAt: new Date() },
      });
    await recordAudit(tx, {
      actor: access.actor,
      organisationId: access.heiId,
      action: `course.tag_${status}`,
      subjectType: 'course',
      subjectId: courseId,
      data: { conceptId },
    });
  });
  // a confirmed concept is a key the course is matched by (and a rejected one no longer is)
  await indexForMatching(db, access.heiId, [courseId], access.queueNeighbours);
  return courseView(db, courseId);
}

// ------------------------------------------------------------------ upload and import

const SAMPLE_ROWS = 5;
/** Uploads nobody imported are removed after a week. */
const UPLOAD_DAYS = 7;

async function preview(format: FileFormat, content: Buffer) {
  const empty = { columns: [] as string[], sampleRows: [] as Record<string, string>[], rows: 0 };
  if (format === 'json') {
    const json = readJson(content);
    if ('problem' in json) return { ...empty, problems: [json.problem] };
    const columns = [
      ...new Set(
        json.records.flatMap((r) =>
          r.value && typeof r.value === 'object' ? Object.keys(r.value as object) : [],
        ),
      ),
    ];
    const sampleRows = json.records
      .slice(0, SAMPLE_ROWS)
      .map((r) =>
        Object.fromEntries(
          Object.entries((r.value ?? {}) as Record<string, unknown>).map(([k, v]) => [
            k,
            (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 500),
          ]),
        ),
      );
    return { columns, sampleRows, rows: json.records.length, problems: [] as RowProblem[] };
  }
  const sheet = format === 'csv' ? readCsv(content) : await readXlsx(content);
  if ('problem' in sheet) return { ...empty, problems: [sheet.problem] };
  return {
    columns: sheet.sheet.columns,
    sampleRows: sheet.sheet.rows
      .slice(0, SAMPLE_ROWS)
      .map((r) => Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v.slice(0, 500)]))),
    rows: sheet.sheet.rows.length,
    problems: [] as RowProblem[],
  };
}

const unsupportedFile = () =>
  new AppError(415, 'unsupported_file_type', 'Upload a catalogue as JSON, CSV (UTF-8) or XLSX.', [
    { field: 'file', message: 'is not JSON, CSV or XLSX' },
  ]);

/**
 * Keeps an uploaded file for the mapping step and returns its columns, the first rows and a guessed
 * mapping. The file is read now, so a broken file is reported at once.
 */
export async function createUpload(
  db: Db,
  access: { heiId: string; actor: Actor },
  file: { fileName: string; content: Buffer },
) {
  const format = detectFormat(file.fileName, file.content);
  if (!format) throw unsupportedFile();
  const seen = await preview(format, file.content);
  await db
    .delete(catalogUpload)
    .where(lt(catalogUpload.uploadedAt, new Date(Date.now() - UPLOAD_DAYS * 86_400_000)));
  const [row] = await db
    .insert(catalogUpload)
    .values({
      heiId: access.heiId,
      fileName: file.fileName.slice(0, 200),
      format,
      content: file.content,
      uploadedBy: access.actor.userId,
    })
    .returning({ id: catalogUpload.id });
  if (!row) throw new AppError(500, 'internal_error', 'the upload was not stored');
  return {
    uploadId: row.id,
    fileName: file.fileName,
    format,
    ...seen,
    suggestedMapping: format === 'json' ? {} : (suggestMapping(seen.columns) as Record<string, string>),
    fields: [...mappableFields],
  };
}

/** Imports an upload of this HEI with the caller's mapping (see importCatalog). */
export async function importUpload(
  db: Db,
  access: { heiId: string; actor: Actor },
  input: { uploadId: string; mapping?: Mapping; keepValidRows: boolean; suggestTags: boolean },
  background: Pick<ImportOptions, 'queueTags' | 'queueNeighbours'> = {},
): Promise<ImportReport> {
  const [upload] = await db
    .select()
    .from(catalogUpload)
    .where(and(eq(catalogUpload.id, input.uploadId), eq(catalogUpload.heiId, access.heiId)));
  if (!upload) throw notFound('The upload');
  if (upload.format !== 'json' && input.mapping) {
    const sheet = await preview(upload.format, upload.content);
    const errors = checkMapping(input.mapping, sheet.columns);
    if (errors.length) throw invalid(errors);
  }
  const report = await importCatalog(db, {
    heiId: access.heiId,
    actor: access.actor,
    fileName: upload.fileName,
    format: upload.format,
    content: upload.content,
    mapping: input.mapping ?? null,
    keepValidRows: input.keepValidRows,
    suggestTags: input.suggestTags,
    ...background,
  });
  if (report.status === 'succeeded') await db.delete(catalogUpload).where(eq(catalogUpload.id, upload.id));
  return report;
}

export type ImportOptions = {
  heiId: string;
  /** The person importing (null from the command line). */
  actor: Actor | null;
  fileName: string;
  /** Detected from the content when left out. */
  format?: FileFormat;
  content: Buffer;
  /** CSV/XLSX: {ourField: theirColumn}; guessed from the column names when null. */
  mapping: Mapping | null;
  keepValidRows: boolean;
  suggestTags?: boolean;
  /**
   * Hands the new and changed courses to a background job for tag suggestions (the API does: they take
   * about 0.1 s a course on a full taxonomy). Without it they are suggested before the import returns.
   */
  queueTags?: (courseIds: string[]) => Promise<void>;
  /** Hands the rebuild of the consortium's course neighbours (matching) to a job; without it, done here. */
  queueNeighbours?: (heiId: string) => Promise<void>;
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const occasionKey = (o: Occasion) => `${o.startDate}|${o.endDate ?? ''}|${o.place ?? ''}|${o.format ?? ''}`;
const sameOccasions = (a: Occasion[], b: Occasion[]) =>
  sameJson(a.map(occasionKey).sort(), b.map(occasionKey).sort());

const conceptKey = (c: ConceptRef) => `${c.source}|${c.externalId}`;
const sameSet = (a: string[], b: string[]) => sameJson([...a].sort(), [...b].sort());

/**
 * The concepts a file confirms on its courses, as Lupp's concept ids (by source|id). A concept Lupp's
 * taxonomy does not have makes its row bad (`unknown_concept`): the tags would be lost without a word.
 */
async function resolveConcepts(db: Db, read: CatalogRead): Promise<Map<string, string>> {
  const refs = read.courses.flatMap((c) => c.course.concepts ?? []);
  const known = new Map((await conceptsBySourceIds(db, refs)).map((c) => [conceptKey(c), c.id]));
  read.courses = read.courses.filter(({ row, course: input }) => {
    const unknown = (input.concepts ?? []).filter((c) => !known.has(conceptKey(c)));
    for (const c of unknown)
      read.problems.push(
        problem(
          row,
          'unknown_concept',
          'concepts',
          `Begreppet ${c.externalId} (${c.source}) finns inte i Lupps taxonomi; importera taxonomin först eller ta bort begreppet.`,
          `The concept ${c.externalId} (${c.source}) is not in Lupp's taxonomy; import the taxonomy first or remove the concept.`,
        ),
      );
    return !unknown.length;
  });
  read.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return known;
}

/** The course's confirmed concepts become exactly these (others confirmed before are taken off). */
/**
 * Makes the given concepts the confirmed ones of each course (an empty list takes them all off): two
 * statements for the whole import, whatever the number of courses.
 */
async function confirmConcepts(tx: Tx, conceptsOf: Map<string, string[]>, actor: Actor | null) {
  if (!conceptsOf.size) return;
  const pairs = [...conceptsOf].flatMap(([courseId, conceptIds]) =>
    conceptIds.map((conceptId) => ({ courseId, conceptId })),
  );
  const wanted = sql`(select * from unnest(${uuidArray(pairs.map((p) => p.courseId))}, ${uuidArray(pairs.map((p) => p.conceptId))}))`;
  await tx
    .delete(courseConcept)
    .where(
      and(
        sql`${courseConcept.courseId} = any(${uuidArray([...conceptsOf.keys()])})`,
        eq(courseConcept.status, 'confirmed'),
        pairs.length
          ? sql`(${courseConcept.courseId}, ${courseConcept.conceptId}) not in ${wanted}`
          : undefined,
      ),
    );
  const decided = { status: 'confirmed' as const, decidedBy: actor?.userId ?? null, decidedAt: new Date() };
  for (let i = 0; i < pairs.length; i += 5000)
    await tx
      .insert(courseConcept)
      .values(pairs.slice(i, i + 5000).map((pair) => ({ ...pair, ...decided })))
      .onConflictDoUpdate({
        target: [courseConcept.courseId, courseConcept.conceptId],
        set: decided,
        setWhere: ne(courseConcept.status, 'confirmed'),
      });
}

/** The fields of `input` whose values differ from the stored course. */
function changedFields(current: CourseRow, input: CourseFields): Partial<CourseFields> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!sameJson((current as Record<string, unknown>)[key] ?? null, value ?? null)) changes[key] = value;
  }
  return changes as Partial<CourseFields>;
}

/**
 * Imports a catalogue file into one HEI's catalogue. Every row is checked first; bad rows are reported
 * with their row number and reason. With bad rows, nothing is written unless `keepValidRows`. Courses
 * are matched by code: new codes are created, known codes updated in the fields the file gives (fields
 * it does not have stay), identical ones left alone — so importing the same file twice changes nothing.
 * Courses the file does not mention are kept. Tags are then suggested for new and changed courses.
 */
export async function importCatalog(db: Db, options: ImportOptions): Promise<ImportReport> {
  const format = options.format ?? detectFormat(options.fileName, options.content);
  if (!format) throw unsupportedFile();
  const read = await readCatalogFile(format, options.content, options.mapping);
  const conceptIds = await resolveConcepts(db, read);
  const conceptIdsOf = (input: CourseInput) =>
    input.concepts?.map((c) => conceptIds.get(conceptKey(c)) ?? '').filter(Boolean);
  const invalidRows = new Set(read.problems.map((p) => p.row)).size;
  const counts = {
    rows: read.rows,
    valid: read.courses.length,
    invalid: read.rows ? invalidRows : 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    notInFile: 0,
    tagSuggestions: 0,
    tagsQueued: 0,
  };
  const fileBroken = read.problems.some((p) => p.row === null) || (!read.rows && read.problems.length > 0);
  const status: ImportReport['status'] = fileBroken
    ? 'failed'
    : read.problems.length && !options.keepValidRows
      ? 'needs_decision'
      : 'succeeded';

  const touched: string[] = [];
  const importId = await db
    .transaction(async (tx) => {
      if (status === 'succeeded' && read.courses.length) {
        const existing = await tx.select().from(course).where(eq(course.heiId, options.heiId));
        const byCode = new Map(existing.map((c) => [c.code, c]));
        const existingOccasions = existing.length
          ? await tx
              .select()
              .from(courseOccasion)
              .where(
                inArray(
                  courseOccasion.courseId,
                  existing.map((c) => c.id),
                ),
              )
          : [];
        const occasionsOf = new Map<string, Occasion[]>();
        for (const o of existingOccasions)
          occasionsOf.set(o.courseId, [...(occasionsOf.get(o.courseId) ?? []), toOccasion(o)]);
        const confirmedOf = await confirmedConcepts(
          tx,
          existing.map((c) => c.id),
        );

        const creates: CourseInput[] = [];
        const conceptWrites = new Map<string, string[]>();
        for (const { course: input } of read.courses) {
          const current = byCode.get(input.code);
          if (!current) {
            creates.push(input);
            continue;
          }
          const changes = changedFields(current, columnsOf(input));
          const occasionsChanged =
            input.occasions !== undefined &&
            !sameOccasions(occasionsOf.get(current.id) ?? [], input.occasions);
          const concepts = conceptIdsOf(input);
          const conceptsChanged =
            concepts !== undefined && !sameSet(confirmedOf.get(current.id) ?? [], concepts);
          if (!Object.keys(changes).length && !occasionsChanged && !conceptsChanged) {
            counts.unchanged += 1;
            continue;
          }
          if (Object.keys(changes).length)
            await tx
              .update(course)
              .set({ ...changes, updatedAt: new Date() })
              .where(eq(course.id, current.id));
          if (occasionsChanged && input.occasions) await replaceOccasions(tx, current.id, input.occasions);
          if (conceptsChanged) conceptWrites.set(current.id, concepts);
          counts.updated += 1;
          touched.push(current.id);
        }
        for (let i = 0; i < creates.length; i += 200) {
          const batch = creates.slice(i, i + 200);
          const written = await tx
            .insert(course)
            .values(batch.map((c) => ({ ...columnsOf(c), heiId: options.heiId, code: c.code })))
            .returning({ id: course.id, code: course.code });
          const idOf = new Map(written.map((w) => [w.code, w.id]));
          const occasions = batch.flatMap((c) =>
            (c.occasions ?? []).map((o) => ({ ...o, courseId: idOf.get(c.code) ?? '' })),
          );
          if (occasions.length) await tx.insert(courseOccasion).values(occasions);
          for (const c of batch) {
            const concepts = conceptIdsOf(c);
            if (concepts?.length) conceptWrites.set(idOf.get(c.code) ?? '', concepts);
          }
          touched.push(...written.map((w) => w.id));
          counts.created += written.length;
        }
        await confirmConcepts(tx, conceptWrites, options.actor);
        const inFile = new Set(read.courses.map((c) => c.course.code));
        counts.notInFile = existing.filter((c) => !inFile.has(c.code)).length;
      }
      const [run] = await tx
        .insert(catalogImport)
        .values({
          heiId: options.heiId,
          fileName: options.fileName.slice(0, 200),
          format,
          mapping: format === 'json' ? null : (options.mapping as Record<string, string> | null),
          keepValidRows: options.keepValidRows,
          status,
          counts,
          problems: read.problems.slice(0, 5000),
          startedBy: options.actor?.userId ?? null,
          finishedAt: new Date(),
        })
        .returning({ id: catalogImport.id, startedAt: catalogImport.startedAt });
      if (!run) throw new AppError(500, 'internal_error', 'the import was not recorded');
      await recordAudit(tx, {
        actor: options.actor,
        organisationId: options.heiId,
        action: 'catalog.imported',
        subjectType: 'catalog_import',
        subjectId: run.id,
        data: { fileName: options.fileName, status, counts },
      });
      return run;
    })
    .catch((error) => {
      // Two imports into one catalogue at the same moment: the second one's new codes collide.
      if (codeTaken(error))
        throw conflict('Another change to this catalogue was made at the same time; import the file again.');
      throw error;
    });
  if (touched.length) await indexForMatching(db, options.heiId, touched, options.queueNeighbours);
  // Suggestions are advice, written after the courses are in (each course in its own transaction).
  if (touched.length && options.suggestTags !== false) {
    if (options.queueTags) {
      await options.queueTags(touched);
      counts.tagsQueued = touched.length;
    } else counts.tagSuggestions = await suggestTagsFor(db, touched);
    await db.update(catalogImport).set({ counts }).where(eq(catalogImport.id, importId.id));
  }
  return {
    id: importId.id,
    status,
    fileName: options.fileName,
    format,
    keepValidRows: options.keepValidRows,
    counts,
    problems: read.problems,
    startedAt: importId.startedAt.toISOString(),
  };
}

/** The HEI's 20 most recent imports, newest first. */
export async function listImports(db: Db, access: { heiId: string }): Promise<ImportReport[]> {
  const rows = await db
    .select()
    .from(catalogImport)
    .where(eq(catalogImport.heiId, access.heiId))
    .orderBy(desc(catalogImport.startedAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    fileName: r.fileName,
    format: r.format,
    keepValidRows: r.keepValidRows,
    counts: r.counts as ImportReport['counts'],
    problems: r.problems,
    startedAt: r.startedAt.toISOString(),
  }));
}

/** The HEI by id or organisation number (for the command line). */
export async function findHei(db: Db, idOrOrgNumber: string) {
  const digits = idOrOrgNumber.replace(/\D/g, '');
  const byId = /^[0-9a-f-]{36}$/i.test(idOrOrgNumber);
  const [hei] = await db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(
      and(
        eq(organisation.kind, 'hei'),
        byId ? eq(organisation.id, idOrOrgNumber) : eq(organisation.orgNumber, digits),
      ),
    );
  return hei ?? null;
}
