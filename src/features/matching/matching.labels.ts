import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { catalogScope, coursesForExchange } from '../catalog/catalog.service.ts';
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
 *
 * The labels are biased the way all click data is: a coordinator judges what Lupp showed. They tell
 * whether a change to the method keeps the courses coordinators accepted near the top, not how much
 * better it finds courses that were never shown.
 */
export type MatchLabels = {
  catalog: { courses: Awaited<ReturnType<typeof coursesForExchange>> };
  needs: { needs: { id: string; language: 'sv' | 'en'; text: string }[] };
  gold: Record<string, Record<string, number>>;
  /** Needs and inquiries left out: only rejections, or decided before the matched text was kept. */
  skipped: { onlyRejected: number; withoutText: number };
};

export async function exportMatchLabels(db: Db, heiId: string): Promise<MatchLabels> {
  const decisions = await db
    .select({
      kind: matchDecision.subjectKind,
      id: matchDecision.subjectId,
      text: matchDecision.needText,
      courseId: matchDecision.courseId,
      decision: matchDecision.decision,
    })
    .from(matchDecision)
    .where(eq(matchDecision.heiId, heiId));
  const unmet = await db
    .select({ kind: matchUnmet.subjectKind, id: matchUnmet.subjectId, text: matchUnmet.needText })
    .from(matchUnmet)
    .where(eq(matchUnmet.heiId, heiId));

  type Subject = { text: string | null; accepted: string[]; unmet: boolean };
  const subjects = new Map<string, Subject>();
  const subjectOf = (kind: string, id: string) => {
    const key = `${kind}-${id}`;
    const subject = subjects.get(key) ?? { text: null, accepted: [], unmet: false };
    subjects.set(key, subject);
    return subject;
  };
  for (const d of decisions) {
    const subject = subjectOf(d.kind, d.id);
    subject.text ??= d.text;
    if (d.decision === 'accepted') subject.accepted.push(d.courseId);
  }
  for (const u of unmet) {
    const subject = subjectOf(u.kind, u.id);
    subject.text ??= u.text;
    subject.unmet = true;
  }

  const labels: MatchLabels = {
    catalog: { courses: await coursesForExchange(db, await catalogScope(db, heiId)) },
    needs: { needs: [] },
    gold: {},
    skipped: { onlyRejected: 0, withoutText: 0 },
  };
  for (const [id, subject] of [...subjects].sort(([a], [b]) => a.localeCompare(b))) {
    if (!subject.text) labels.skipped.withoutText++;
    else if (!subject.accepted.length && !subject.unmet) labels.skipped.onlyRejected++;
    else {
      labels.needs.needs.push({ id, language: needLanguage(subject.text), text: subject.text });
      labels.gold[id] = Object.fromEntries(subject.accepted.map((courseId) => [courseId, 2]));
    }
  }
  return labels;
}
