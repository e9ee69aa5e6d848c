import type { Db } from '../../db/client.ts';
import { courseExternalIds, importCatalog } from '../catalog/catalog.service.ts';
import {
  addReferencedConcepts,
  type ConceptReferenceInput,
  conceptsBySourceIds,
  readConceptReference,
} from '../taxonomy/taxonomy.service.ts';
import { createConsortiumWithHeis } from '../tenancy/tenancy.service.ts';
import { rebuildNeighbours } from './matching.index.ts';
import { judge, rankCourses } from './matching.rank.ts';

/**
 * Matching in batch, for evaluation (`lupp match`, `npm run bench:matching`): a catalogue file in the
 * interchange format is loaded into a fresh consortium, one HEI per provider, and every need is ranked
 * across all of them. Results refer to courses by their id in the file.
 *
 * Concepts confirmed on the courses and named by the needs (`{ source, id, label }`, as `lupp export
 * match-labels` writes them) are added to the throw-away database's otherwise empty taxonomy, so they are
 * the key they are in the app: a need finds a course tagged with its concept with no word in common.
 */
export type BatchNeed = { id: string; text: string; language?: string; concepts?: ConceptReferenceInput[] };
export type BatchResult = {
  id: string;
  results: { courseId: string; score: number; confidence: 'high' | 'medium' | 'low' }[];
  noGoodMatch: boolean;
  /** Milliseconds the ranking took (all statements). */
  ms: number;
};

type CatalogFile = { courses: ({ provider?: string } & Record<string, unknown>)[] };

export async function loadCatalogFile(db: Db, file: CatalogFile) {
  const t0 = performance.now();
  const byProvider = new Map<string, CatalogFile['courses']>();
  await addReferencedConcepts(
    db,
    file.courses.flatMap((c) => (Array.isArray(c.concepts) ? (c.concepts as ConceptReferenceInput[]) : [])),
  );
  for (const c of file.courses) {
    const provider = c.provider?.trim() || 'Lärosäte';
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), c]);
  }
  const { heis } = await createConsortiumWithHeis(db, `Matchning ${Date.now()}`, [...byProvider.keys()]);
  const problems: string[] = [];
  for (const hei of heis) {
    const report = await importCatalog(db, {
      heiId: hei.id,
      actor: null,
      fileName: 'catalog.json',
      format: 'json',
      content: Buffer.from(JSON.stringify({ courses: byProvider.get(hei.name) })),
      mapping: null,
      keepValidRows: true,
      suggestTags: false,
      // neighbours once, below, for the whole consortium
      queueNeighbours: async () => {},
    });
    for (const p of report.problems) problems.push(`${hei.name} row ${p.row ?? '-'}: ${p.message.en}`);
  }
  const t1 = performance.now();
  await rebuildNeighbours(
    db,
    heis.map((h) => h.id),
  );
  const t2 = performance.now();
  return {
    heiIds: heis.map((h) => h.id),
    problems,
    /** Seconds: importing and indexing the courses, then their neighbours. */
    seconds: { imported: (t1 - t0) / 1000, neighbours: (t2 - t1) / 1000 },
  };
}

/** Ranks every need across the HEIs; results name courses by their external id (the file's id). */
export async function matchNeeds(
  db: Db,
  heiIds: string[],
  needs: BatchNeed[],
  top: number,
): Promise<BatchResult[]> {
  const externalIds = await courseExternalIds(db, heiIds);
  await addReferencedConcepts(
    db,
    needs.flatMap((n) => n.concepts ?? []),
  );
  const out: BatchResult[] = [];
  for (const need of needs) {
    const t0 = performance.now();
    const concepts = await conceptIdsOf(db, need.concepts ?? []);
    const ranking = await rankCourses(db, { text: need.text, scope: heiIds, top, concepts });
    const ms = performance.now() - t0;
    const { noGoodMatch, confidenceOf } = judge(ranking);
    out.push({
      id: need.id,
      results: ranking.results.map((r) => ({
        courseId: externalIds.get(r.courseId) ?? r.courseId,
        score: Math.round(r.score * 1000) / 1000,
        confidence: confidenceOf(r.score, r.lang),
      })),
      noGoodMatch,
      ms,
    });
  }
  return out;
}

/** Lupp's ids of the concepts a need of a file names (by source and id). */
async function conceptIdsOf(db: Db, refs: ConceptReferenceInput[]) {
  const named = refs.flatMap((r) => {
    const ref = readConceptReference(r);
    return ref ? [{ source: ref.source, externalId: ref.id }] : [];
  });
  return (await conceptsBySourceIds(db, named)).map((c) => c.id);
}
