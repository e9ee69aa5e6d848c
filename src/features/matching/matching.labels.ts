import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { catalogScope, coursesForExchange } from '../catalog/catalog.service.ts';
import { type ConceptReference, conceptReferences } from '../taxonomy/taxonomy.service.ts';
import { needLanguage } from './matching.service.ts';
import { matchDecision, matchUnmet } from './matching.table.ts';

/**
 * An HEI's coordinators' decisions as a labelled set in the format of the matching benchmark
 * (`../shared/datasets/matching-dev/`: catalog.json, needs.json, gold.json), so that the method can be
 * measured on real needs: `npm run bench:matching -- --set <dir>`.
 *
 * - A need or an inquiry with an accepted course is a need whose gold is its accepted courses (grade 2:
 *   a coordinator found it useful). Rejected and never-judged courses count as not relevant.
 * - One recorded as unmet demand, with nothing accepted, is a need no course meets (gold `{}`).
 * - One with only rejections says nothing about what would have met it, and is left out.
 * - A need edited between decisions was ranked by two texts: each is a need of the set (`need-<id>`, then
 *   `need-<id>-v2`, … in the order they were first decided on), with the decisions made on it.
 * - A need on a taxonomy concept carries it (`concepts`, as the catalogue's courses carry their confirmed
 *   ones), so the set measures the concept key as the app uses it; a changed concept is another query.
 *
 * The labels are biased the way all click data is: a coordinator judges what Lupp showed. They tell
 * whether a change to the method keeps the courses coordinators accepted near the top, not how much
 * better it finds courses that were never shown.
 */
export type MatchLabels = {
  catalog: { courses: Awaited<ReturnType<typeof coursesForExchange>> };
  needs: { needs: LabelledNeed[] };
  gold: Record<string, Record<string, number>>;
  /** Needs and inquiries left out: only rejections, or decided before the matched text was kept. */
  skipped: { onlyRejected: number; withoutText: number };
};

type LabelledNeed = { id: string; language: 'sv' | 'en'; text: string; concepts?: ConceptReference[] };

export async function exportMatchLabels(db: Db, heiId: string): Promise<MatchLabels> {
  const decisions = await db
    .select({
      kind: matchDecision.subjectKind,
      id: matchDecision.subjectId,
      text: matchDecision.needText,
      concepts: matchDecision.needConcepts,
      courseId: matchDecision.courseId,
      decision: matchDecision.decision,
      at: matchDecision.decidedAt,
    })
    .from(matchDecision)
    .where(eq(matchDecision.heiId, heiId));
  const unmet = await db
    .select({
      kind: matchUnmet.subjectKind,
      id: matchUnmet.subjectId,
      text: matchUnmet.needText,
      concepts: matchUnmet.needConcepts,
      at: matchUnmet.recordedAt,
    })
    .from(matchUnmet)
    .where(eq(matchUnmet.heiId, heiId));

  // A label belongs to the text that was ranked: a need edited between two decisions was two queries,
  // so each of its texts is a need of the set (the later ones numbered by when they were first decided on).
  type Query = {
    subject: string;
    text: string | null;
    concepts: string[];
    first: Date;
    accepted: string[];
    unmet: boolean;
  };
  const queries = new Map<string, Query>();
  const queryOf = (r: { kind: string; id: string; text: string | null; concepts: string[]; at: Date }) => {
    const subject = `${r.kind}-${r.id}`;
    const concepts = [...r.concepts].sort();
    const key = `${subject}\u0000${r.text ?? ''}\u0000${concepts.join(',')}`;
    const query = queries.get(key) ?? {
      subject,
      text: r.text,
      concepts,
      first: r.at,
      accepted: [],
      unmet: false,
    };
    if (r.at < query.first) query.first = r.at;
    queries.set(key, query);
    return query;
  };
  for (const d of decisions) {
    const query = queryOf(d);
    if (d.decision === 'accepted') query.accepted.push(d.courseId);
  }
  for (const u of unmet) queryOf(u).unmet = true;

  const labels: MatchLabels = {
    catalog: { courses: await coursesForExchange(db, await catalogScope(db, heiId)) },
    needs: { needs: [] },
    gold: {},
    skipped: { onlyRejected: 0, withoutText: 0 },
  };
  const ordered = [...queries.values()].sort(
    (a, b) => a.subject.localeCompare(b.subject) || a.first.getTime() - b.first.getTime(),
  );
  const references = await conceptReferences(
    db,
    ordered.flatMap((q) => q.concepts),
  );
  const texts = new Map<string, number>();
  for (const query of ordered) {
    if (!query.text) labels.skipped.withoutText++;
    else if (!query.accepted.length && !query.unmet) labels.skipped.onlyRejected++;
    else {
      const version = (texts.get(query.subject) ?? 0) + 1;
      texts.set(query.subject, version);
      const id = version === 1 ? query.subject : `${query.subject}-v${version}`;
      const concepts = query.concepts.flatMap((c) => references.get(c) ?? []);
      labels.needs.needs.push({
        id,
        language: needLanguage(query.text),
        text: query.text,
        ...(concepts.length ? { concepts } : {}),
      });
      labels.gold[id] = Object.fromEntries(query.accepted.map((courseId) => [courseId, 2]));
    }
  }
  return labels;
}
