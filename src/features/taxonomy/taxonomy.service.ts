import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { searchWords, stemmedPrefix } from '../../db/text-search.ts';
import { invalid, notFound } from '../../server/http/problem.ts';
import {
  decodeUtf8,
  type Parsed,
  type ParsedConcept,
  type Problem,
  parseEscoCsv,
  parseJobTechJson,
} from './parse.ts';
import { conceptSources, taxonomyConcept, taxonomyImport, taxonomyRelation } from './taxonomy.table.ts';

export type ImportOptions = {
  source: 'esco' | 'jobtech';
  /** A file, or a folder whose .csv (ESCO) or .json (JobTech) files are read. */
  path: string;
  version?: string;
  /** ESCO: the package's language; read from names like skills_sv.csv when not given. JobTech is Swedish. */
  language?: string;
  /** Import the valid rows of files that have problems; without it nothing is written when there are any. */
  keepValidRows?: boolean;
  startedBy?: string | null;
  /** An import row made earlier (status 'queued', by the admin page) to run, instead of a new row. */
  importId?: string;
  /** Told how far the import has come: a line for people, and the phase with its count. Not awaited. */
  onProgress?: (message: string, progress: ImportProgress) => void;
};

/**
 * How far an import has come: reading files (done/total files), writing concepts (done/total
 * concepts), linking relations (done/total relations), done.
 */
export type ImportProgress = {
  phase: 'reading' | 'writing' | 'linking' | 'done';
  done: number;
  total: number;
};

export type ImportResult = {
  importId: string;
  status: 'succeeded' | 'needs_decision' | 'failed';
  version: string;
  counts: Record<string, number>;
  problems: Problem[];
};

const BATCH = 500;

async function filesOf(target: string, extension: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw invalid([{ field: 'path', message: `${target} does not exist` }]);
  if (info.isFile()) return [target];
  const names = (await readdir(target)).filter((n) => n.toLowerCase().endsWith(extension)).sort();
  return names.map((n) => path.join(target, n));
}

function languageOf(file: string, given: string | undefined): string | null {
  if (given) return given.toLowerCase();
  return (
    path
      .basename(file)
      .match(/_([a-z]{2}(?:-[a-z]{2})?)\.csv$/i)?.[1]
      ?.toLowerCase() ?? null
  );
}

/**
 * Imports a taxonomy package. Everything is read and checked first; then, in one transaction,
 * concepts are upserted (a re-import of a version changes nothing), relations linked, and concepts of
 * the imported types that this version no longer has are marked deprecated — never deleted.
 */
export async function importTaxonomy(db: Db, options: ImportOptions): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  const files = await filesOf(options.path, options.source === 'esco' ? '.csv' : '.json');
  const version =
    options.version ??
    options.path.match(/\d+\.\d+(\.\d+)?/)?.[0] ??
    (options.source === 'jobtech' ? 'current' : '');
  if (!version)
    throw invalid([
      { field: 'version', message: 'give the ESCO version (e.g. 1.2.0); it is not in the path' },
    ]);

  const parsed: Parsed = { concepts: [], relations: [], problems: [] };
  let language = options.source === 'jobtech' ? 'sv' : (options.language ?? null);
  if (options.importId) {
    const [queued] = await db
      .update(taxonomyImport)
      .set({
        status: 'running',
        version,
        progress: { phase: 'reading', done: 0, total: files.length },
        counts: { files: files.length },
        problems: [],
        finishedAt: null,
      })
      .where(eq(taxonomyImport.id, options.importId))
      .returning({ id: taxonomyImport.id });
    if (!queued) throw notFound('The import');
  }
  for (const [index, file] of files.entries()) {
    const name = path.basename(file);
    progress(`reading ${name}`, { phase: 'reading', done: index, total: files.length });
    const decoded = decodeUtf8(name, await readFile(file));
    if ('problem' in decoded) {
      parsed.problems.push(decoded.problem);
      continue;
    }
    if (options.source === 'esco') {
      const fileLanguage = languageOf(file, options.language);
      if (!fileLanguage) {
        parsed.problems.push({
          file: name,
          row: null,
          problem: 'the language is not in the file name (skills_sv.csv); give it with --language',
        });
        continue;
      }
      if (language && fileLanguage !== language) {
        parsed.problems.push({
          file: name,
          row: null,
          problem: `is in ${fileLanguage} but the package is in ${language}; import one language at a time`,
        });
        continue;
      }
      language = fileLanguage;
    }
    const result =
      options.source === 'esco' ? parseEscoCsv(name, decoded.text) : parseJobTechJson(name, decoded.text);
    parsed.concepts.push(...result.concepts);
    parsed.relations.push(...result.relations);
    parsed.problems.push(...result.problems);
  }
  if (!files.length)
    parsed.problems.push({ file: options.path, row: null, problem: 'no taxonomy files found here' });

  const concepts = mergeDuplicates(parsed.concepts);
  const counts: Record<string, number> = {
    files: files.length,
    concepts: concepts.length,
    problems: parsed.problems.length,
  };
  const [run] = options.importId
    ? await db
        .update(taxonomyImport)
        .set({ language, keepValidRows: !!options.keepValidRows })
        .where(eq(taxonomyImport.id, options.importId))
        .returning({ id: taxonomyImport.id })
    : await db
        .insert(taxonomyImport)
        .values({
          source: options.source,
          version,
          language,
          status: 'running',
          keepValidRows: !!options.keepValidRows,
          startedBy: options.startedBy ?? null,
        })
        .returning({ id: taxonomyImport.id });
  const importId = run?.id ?? '';
  const finish = async (status: ImportResult['status']) => {
    const total = concepts.length + parsed.relations.length;
    await db
      .update(taxonomyImport)
      .set({
        status,
        counts,
        problems: parsed.problems.slice(0, 1000),
        progress: { phase: 'done', done: total, total },
        finishedAt: new Date(),
      })
      .where(eq(taxonomyImport.id, importId));
    return { importId, status, version, counts, problems: parsed.problems };
  };

  if (parsed.problems.length && !options.keepValidRows) return finish('needs_decision');
  if (!concepts.length && !parsed.relations.length)
    return finish(parsed.problems.length ? 'failed' : 'succeeded');

  progress(`concepts 0 / ${concepts.length}`, { phase: 'writing', done: 0, total: concepts.length });
  await db.transaction(async (tx) => {
    for (let i = 0; i < concepts.length; i += BATCH) {
      await upsertConcepts(tx, options.source, version, language ?? 'en', concepts.slice(i, i + BATCH));
      const done = Math.min(i + BATCH, concepts.length);
      progress(`concepts ${done} / ${concepts.length}`, { phase: 'writing', done, total: concepts.length });
    }
    const relations = parsed.relations.length;
    progress(`relations 0 / ${relations}`, { phase: 'linking', done: 0, total: relations });
    counts.relations = await linkRelations(tx, options.source, parsed.relations);
    progress(`relations ${counts.relations}`, { phase: 'linking', done: relations, total: relations });
    const types = [...new Set(concepts.map((c) => c.type))];
    const deprecated = await tx
      .update(taxonomyConcept)
      .set({ deprecatedAt: new Date() })
      .where(
        and(
          eq(taxonomyConcept.source, options.source),
          inArray(taxonomyConcept.type, types.length ? types : ['-']),
          ne(taxonomyConcept.version, version),
          isNull(taxonomyConcept.deprecatedAt),
        ),
      )
      .returning({ id: taxonomyConcept.id });
    counts.deprecated = deprecated.length;
  });
  return finish('succeeded');
}

function mergeDuplicates(concepts: ParsedConcept[]): ParsedConcept[] {
  const byId = new Map<string, ParsedConcept>();
  for (const c of concepts) {
    const seen = byId.get(c.externalId);
    if (!seen) byId.set(c.externalId, { ...c });
    else {
      seen.altLabels = [...new Set([...seen.altLabels, ...c.altLabels])];
      seen.description ??= c.description;
      seen.code ??= c.code;
      if (!seen.label) seen.label = c.label;
    }
  }
  return [...byId.values()];
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function upsertConcepts(
  tx: Tx,
  source: 'esco' | 'jobtech',
  version: string,
  language: string,
  batch: ParsedConcept[],
) {
  const sv = language === 'sv';
  const en = language === 'en';
  const rows = batch.map((c) => ({
    source,
    externalId: c.externalId,
    type: c.type,
    code: c.code,
    labelSv: sv ? c.label : null,
    labelEn: en ? c.label : null,
    altLabelsSv: sv ? c.altLabels.join('\n') : '',
    altLabelsEn: en ? c.altLabels.join('\n') : '',
    descriptionSv: sv ? c.description : null,
    descriptionEn: en ? c.description : null,
    otherLabels: sv || en ? {} : { [language]: c.label },
    version,
  }));
  // Only the imported language's columns change: the other language's labels stay as they were.
  const languageColumns = sv
    ? {
        labelSv: sql`excluded.label_sv`,
        altLabelsSv: sql`excluded.alt_labels_sv`,
        descriptionSv: sql`excluded.description_sv`,
      }
    : en
      ? {
          labelEn: sql`excluded.label_en`,
          altLabelsEn: sql`excluded.alt_labels_en`,
          descriptionEn: sql`excluded.description_en`,
        }
      : { otherLabels: sql`${taxonomyConcept.otherLabels} || excluded.other_labels` };
  await tx
    .insert(taxonomyConcept)
    .values(rows)
    .onConflictDoUpdate({
      target: [taxonomyConcept.source, taxonomyConcept.externalId],
      set: {
        ...languageColumns,
        type: sql`excluded.type`,
        code: sql`coalesce(excluded.code, ${taxonomyConcept.code})`,
        version: sql`excluded.version`,
        deprecatedAt: null,
        updatedAt: new Date(),
      },
    });
}

async function linkRelations(tx: Tx, source: string, relations: [string, string][]): Promise<number> {
  if (!relations.length) return 0;
  const externalIds = [...new Set(relations.flat())];
  const ids = new Map<string, string>();
  for (let i = 0; i < externalIds.length; i += 5000) {
    const found = await tx
      .select({ id: taxonomyConcept.id, externalId: taxonomyConcept.externalId })
      .from(taxonomyConcept)
      .where(
        and(
          eq(taxonomyConcept.source, source as 'esco'),
          inArray(taxonomyConcept.externalId, externalIds.slice(i, i + 5000)),
        ),
      );
    for (const f of found) ids.set(f.externalId, f.id);
  }
  // Links to concepts outside the package (e.g. ESCO's ISCED fields) are left out.
  const rows = relations
    .map(([b, n]) => ({ broaderId: ids.get(b), narrowerId: ids.get(n) }))
    .filter(
      (r): r is { broaderId: string; narrowerId: string } =>
        !!r.broaderId && !!r.narrowerId && r.broaderId !== r.narrowerId,
    );
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insert(taxonomyRelation)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  }
  return rows.length;
}

// ------------------------------------------------------------------ search and browse

export type ConceptView = {
  id: string;
  source: string;
  type: string;
  code: string | null;
  label: { sv: string | null; en: string | null };
  deprecated: boolean;
};

/** A concept as other features show it. */
export const toView = (r: typeof taxonomyConcept.$inferSelect): ConceptView => ({
  id: r.id,
  source: r.source,
  type: r.type,
  code: r.code,
  label: { sv: r.labelSv, en: r.labelEn },
  deprecated: !!r.deprecatedAt,
});

/**
 * Concept search for pickers, in Swedish and English. Each word is matched as a stemmed prefix in both
 * languages (ledare → ledarskap); a long word also by its first five letters (svetsning → svetsteknik)
 * and inside labels (säkerhet → cybersäkerhet), which Swedish compounds need. An exact label comes
 * first, then labels that start with the query.
 */
export async function searchConcepts(
  db: Db,
  input: { q: string; types?: string[]; source?: string; includeDeprecated?: boolean; limit: number },
): Promise<(ConceptView & { score: number })[]> {
  const words = searchWords(input.q);
  if (!words.length) return [];
  const perWord = words.map((w) =>
    w.length >= 7
      ? sql`(${stemmedPrefix(w)} || to_tsquery('simple', ${`${w.slice(0, 5)}:*`}))`
      : stemmedPrefix(w),
  );
  const query = sql`(${sql.join(perWord, sql` && `)})`;
  const phrase = words.join(' ');
  // Every word inside the label: finds the tail of a compound (säkerhet in cybersäkerhet). LIKE keeps
  // this cheap per row and can use the trigram indexes on the labels.
  const inside = (column: SQL) =>
    sql.join(
      words.map((w) => sql`${column} like ${`%${w.replace(/[%_\\]/g, '')}%`}`),
      sql` and `,
    );
  const rows = await db.execute<{
    id: string;
    source: string;
    type: string;
    code: string | null;
    label_sv: string | null;
    label_en: string | null;
    deprecated_at: Date | null;
    score: number;
  }>(sql`
    select c.id, c.source, c.type, c.code, c.label_sv, c.label_en, c.deprecated_at,
      ts_rank(c.search, ${query})
        + case when ${phrase} in (lower(c.label_sv), lower(c.label_en)) then 1 else 0 end
        + case when lower(c.label_sv) like ${`${phrase}%`} or lower(c.label_en) like ${`${phrase}%`} then 0.5 else 0 end
        + case when (${inside(sql`lower(c.label_sv)`)}) or (${inside(sql`lower(c.label_en)`)}) then 0.2 else 0 end as score
    from ${taxonomyConcept} c
    where (c.search @@ ${query} or (${inside(sql`lower(c.label_sv)`)}) or (${inside(sql`lower(c.label_en)`)}))
      ${
        input.types?.length
          ? sql`and c.type in (${sql.join(
              input.types.map((type) => sql`${type}`),
              sql`, `,
            )})`
          : sql``
      }
      ${input.source ? sql`and c.source = ${input.source}` : sql``}
      ${input.includeDeprecated ? sql`` : sql`and c.deprecated_at is null`}
    order by score desc, length(coalesce(c.label_sv, c.label_en)) asc
    limit ${input.limit}`);
  return rows.rows.map((r) => ({
    id: r.id,
    source: r.source,
    type: r.type,
    code: r.code,
    label: { sv: r.label_sv, en: r.label_en },
    deprecated: !!r.deprecated_at,
    score: Number(r.score),
  }));
}

export async function getConcept(db: Db, id: string) {
  const [row] = await db.select().from(taxonomyConcept).where(eq(taxonomyConcept.id, id));
  if (!row) throw notFound('The concept');
  const broader = await db
    .select({ c: taxonomyConcept })
    .from(taxonomyRelation)
    .innerJoin(taxonomyConcept, eq(taxonomyRelation.broaderId, taxonomyConcept.id))
    .where(eq(taxonomyRelation.narrowerId, id));
  const narrower = await db
    .select({ c: taxonomyConcept })
    .from(taxonomyRelation)
    .innerJoin(taxonomyConcept, eq(taxonomyRelation.narrowerId, taxonomyConcept.id))
    .where(eq(taxonomyRelation.broaderId, id))
    .limit(500);
  return {
    ...toView(row),
    altLabels: {
      sv: row.altLabelsSv.split('\n').filter(Boolean),
      en: row.altLabelsEn.split('\n').filter(Boolean),
    },
    description: { sv: row.descriptionSv, en: row.descriptionEn },
    version: row.version,
    broader: broader.map((b) => toView(b.c)),
    narrower: narrower.map((n) => toView(n.c)),
  };
}

const importView = (r: typeof taxonomyImport.$inferSelect) => ({
  id: r.id,
  source: r.source,
  version: r.version,
  language: r.language,
  status: r.status,
  keepValidRows: r.keepValidRows,
  progress: (r.progress as ImportProgress | null) ?? null,
  counts: r.counts,
  problems: r.problems,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export async function listImports(db: Db) {
  const rows = await db.select().from(taxonomyImport).orderBy(desc(taxonomyImport.startedAt)).limit(50);
  return rows.map(importView);
}

export async function getImport(db: Db, importId: string) {
  const [row] = await db.select().from(taxonomyImport).where(eq(taxonomyImport.id, importId));
  if (!row) throw notFound('The import');
  return importView(row);
}

/** Records an import to be run by the background job: status 'queued', nothing read yet. */
export async function recordQueuedImport(
  db: Db,
  input: {
    id: string;
    source: 'esco' | 'jobtech';
    version: string;
    language: string | null;
    keepValidRows: boolean;
    files: number;
    startedBy: string;
  },
) {
  const [row] = await db
    .insert(taxonomyImport)
    .values({
      id: input.id,
      source: input.source,
      version: input.version,
      language: input.language,
      status: 'queued',
      keepValidRows: input.keepValidRows,
      progress: { phase: 'reading', done: 0, total: input.files },
      counts: { files: input.files },
      startedBy: input.startedBy,
    })
    .returning();
  if (!row) throw new Error('the import was not recorded');
  return importView(row);
}

/**
 * Where an import run by the job stands: `progress` while it is queued or running (a finished import's
 * progress is not overwritten by a late update), or its end with the problems found.
 */
export async function setImportProgress(db: Db, importId: string, progress: ImportProgress) {
  await db
    .update(taxonomyImport)
    .set({ progress })
    .where(and(eq(taxonomyImport.id, importId), inArray(taxonomyImport.status, ['queued', 'running'])));
}

export async function failImport(db: Db, importId: string, problem: string) {
  await db
    .update(taxonomyImport)
    .set({ status: 'failed', problems: [{ file: '', row: null, problem }], finishedAt: new Date() })
    .where(eq(taxonomyImport.id, importId));
}

// ------------------------------------------------------------------ suggestions for free text

/** Words too common to say anything about a competence. */
const stopWords = new Set(
  'och att det som för med till av på är en ett i om de den vi ni vår våra har kunna kan ska behöver behov inom hos the and for with to of in on is a an we our need needs be able can should'.split(
    ' ',
  ),
);

/** Below this confidence a suggestion must be confirmed by a person; nothing is ever accepted automatically. */
export const SUGGESTION_CONFIRM_BELOW = 0.75;

/**
 * Suggests taxonomy concepts for a need written in the customer's own words, explaining each suggestion
 * by the words that matched. Confidence is the share of the concept's label words found in the text.
 */
export async function suggestConcepts(db: Db, input: { text: string; types?: string[]; limit: number }) {
  const words = [
    ...new Set(
      input.text
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u)
        .filter((w) => w.length >= 3 && !stopWords.has(w)),
    ),
  ].slice(0, 30);
  const found = new Map<string, { concept: ConceptView; matchedWords: Set<string> }>();
  for (const word of words) {
    for (const hit of await searchConcepts(db, { q: word, types: input.types, limit: 5 })) {
      const entry = found.get(hit.id) ?? { concept: hit, matchedWords: new Set<string>() };
      entry.matchedWords.add(word);
      found.set(hit.id, entry);
    }
  }
  const wordsOf = (label: string | null) =>
    (label ?? '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => w.length >= 3 && !stopWords.has(w));
  // Share of a label's words (in its better-matching language) that the text contains, by their first letters.
  const coverage = (label: string | null, matched: string[]) => {
    const own = wordsOf(label);
    if (!own.length) return 0;
    const covered = own.filter((lw) =>
      matched.some((mw) => lw.startsWith(mw.slice(0, 5)) || mw.startsWith(lw.slice(0, 5))),
    );
    return covered.length / Math.min(own.length, 4);
  };
  return [...found.values()]
    .map(({ concept, matchedWords }) => {
      const matched = [...matchedWords];
      const confidence = Math.min(
        1,
        Math.round(Math.max(coverage(concept.label.sv, matched), coverage(concept.label.en, matched)) * 100) /
          100,
      );
      return {
        concept,
        matchedWords: matched,
        confidence,
        needsConfirmation: confidence < SUGGESTION_CONFIRM_BELOW,
      };
    })
    .sort((a, b) => b.confidence - a.confidence || b.matchedWords.length - a.matchedWords.length)
    .slice(0, input.limit);
}

/** Concepts by id, in no particular order (unknown ids are left out): for other features' views. */
export async function conceptsByIds(db: Db, ids: string[]): Promise<ConceptView[]> {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(taxonomyConcept)
    .where(inArray(taxonomyConcept.id, [...new Set(ids)]));
  return rows.map(toView);
}

/** A concept's id in Lupp and its identity in its source (ESCO URI, JobTech concept id): for files. */
export type ConceptIdentity = {
  id: string;
  source: (typeof conceptSources)[number];
  externalId: string;
  label: string | null;
};

const identityColumns = {
  id: taxonomyConcept.id,
  source: taxonomyConcept.source,
  externalId: taxonomyConcept.externalId,
  label: sql<string | null>`coalesce(${taxonomyConcept.labelSv}, ${taxonomyConcept.labelEn})`,
};

/** Concepts named by source and source id (files from elsewhere); those not in Lupp's taxonomy are left out. */
export async function conceptsBySourceIds(
  db: Db,
  refs: { source: 'esco' | 'jobtech' | 'demo'; externalId: string }[],
): Promise<ConceptIdentity[]> {
  if (!refs.length) return [];
  const rows = await db
    .select(identityColumns)
    .from(taxonomyConcept)
    .where(
      and(
        inArray(taxonomyConcept.source, [...new Set(refs.map((r) => r.source))]),
        inArray(taxonomyConcept.externalId, [...new Set(refs.map((r) => r.externalId))]),
      ),
    );
  const wanted = new Set(refs.map((r) => `${r.source}|${r.externalId}`));
  return rows.filter((r) => wanted.has(`${r.source}|${r.externalId}`));
}

/** The source a file names a concept by, when it is one Lupp knows. */
export const conceptSourceOf = (value: unknown) => conceptSources.find((s) => s === value);

/** A concept as files name it (the catalogue interchange format, labelled sets): its source, its id there. */
export type ConceptReference = { source: (typeof conceptSources)[number]; id: string; label?: string };

/** A concept reference as a file has it, not yet checked. */
export type ConceptReferenceInput = { source?: unknown; id?: unknown; label?: unknown };

/** A concept reference read from a file: null unless its source is one Lupp knows and it has an id. */
export function readConceptReference(ref: ConceptReferenceInput) {
  const source = conceptSourceOf(ref.source);
  const id = typeof ref.id === 'string' ? ref.id.trim() : '';
  if (!source || !id) return null;
  const label = typeof ref.label === 'string' && ref.label.trim() ? ref.label.trim() : undefined;
  return { source, id, label } satisfies ConceptReference;
}

/** How files name these concepts (by Lupp id; unknown ids are left out). */
export async function conceptReferences(db: Db, ids: string[]): Promise<Map<string, ConceptReference>> {
  return new Map(
    (await conceptIdentities(db, ids)).map((c) => [
      c.id,
      { source: c.source, id: c.externalId, label: c.label ?? undefined },
    ]),
  );
}

/**
 * Adds concepts that a file only refers to (source, id in it, label) to a throw-away database without a
 * taxonomy (`lupp match`, the benchmark): enough for a concept to be the key that courses and needs of the
 * file share. Concepts already there are left as they are; references of an unknown source are ignored.
 */
export async function addReferencedConcepts(db: Db, refs: ConceptReferenceInput[]): Promise<void> {
  const rows = new Map<string, typeof taxonomyConcept.$inferInsert>();
  for (const ref of refs.map(readConceptReference)) {
    if (!ref) continue;
    const label = ref.label ?? ref.id;
    rows.set(`${ref.source}|${ref.id}`, {
      source: ref.source,
      externalId: ref.id,
      type: 'referenced',
      labelSv: label,
      labelEn: label,
      version: 'referenced',
    });
  }
  const values = [...rows.values()];
  for (let i = 0; i < values.length; i += 1000)
    await db
      .insert(taxonomyConcept)
      .values(values.slice(i, i + 1000))
      .onConflictDoNothing();
}

/** The source identities of concepts by Lupp id (unknown ids are left out). */
export async function conceptIdentities(db: Db, ids: string[]): Promise<ConceptIdentity[]> {
  if (!ids.length) return [];
  return db
    .select(identityColumns)
    .from(taxonomyConcept)
    .where(inArray(taxonomyConcept.id, [...new Set(ids)]));
}

/** Every broader → narrower link that has one of `ids` at either end (one step; for "related" matches). */
export async function conceptRelations(
  db: Db,
  ids: string[],
): Promise<{ broaderId: string; narrowerId: string }[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  return db
    .select({ broaderId: taxonomyRelation.broaderId, narrowerId: taxonomyRelation.narrowerId })
    .from(taxonomyRelation)
    .where(
      sql`${inArray(taxonomyRelation.broaderId, unique)} or ${inArray(taxonomyRelation.narrowerId, unique)}`,
    );
}
