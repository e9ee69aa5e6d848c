import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalid } from '../../server/http/problem.ts';
import { containsAny, type FoundText, foundIn, mentionPatterns } from '../../shared/mentions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { assertCaseAccess, casesWithCustomer } from '../cases/cases.service.ts';
import type { Outcome, Stage } from '../cases/stages.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import type { CaseReview, EarlierReview, Review, saveReviewBody } from './review.contract.ts';
import { caseReview } from './review.table.ts';

type Row = typeof caseReview.$inferSelect;

const view = (row: Row, names: Map<string, string>): Review => ({
  wentWell: row.wentWell,
  toImprove: row.toImprove,
  followOn: row.followOn,
  revision: row.revision,
  updatedAt: row.updatedAt.toISOString(),
  updatedBy: row.updatedBy ? (names.get(row.updatedBy) ?? null) : null,
});

const isEmpty = (r: Pick<Row, 'wentWell' | 'toImprove' | 'followOn'>) =>
  !r.wentWell && !r.toImprove && !r.followOn;

/**
 * A case's review, and the reviews of the HEI's other cases with the same customer (newest case first) —
 * what the HEI learned with this customer before. Everyone at the HEI who reads the case reads them.
 */
export async function getCaseReview(db: Db, actor: Actor, caseId: string): Promise<CaseReview> {
  const access = await assertCaseAccess(db, actor, caseId, 'read');
  const cases = await casesWithCustomer(db, access.heiId, access.customerId);
  const reviews = await reviewsOfCases(
    db,
    cases.map((c) => c.id),
  );
  const own = reviews.get(caseId);
  return {
    review: own ? withoutMark(own) : null,
    customer: cases.find((c) => c.id === caseId)?.customerName ?? '',
    earlier: withCases(
      cases.filter((c) => c.id !== caseId),
      reviews,
    ),
  };
}

/** These cases' reviews by case, with the name of who saved each last (no access check). */
async function reviewsOfCases(db: Db, caseIds: string[]): Promise<Map<string, Review & { empty: boolean }>> {
  if (!caseIds.length) return new Map();
  const rows = await db.select().from(caseReview).where(inArray(caseReview.caseId, caseIds));
  const authors = [...new Set(rows.flatMap((r) => (r.updatedBy ? [r.updatedBy] : [])))];
  const names = new Map(
    authors.length
      ? (
          await db
            .select({ id: authUser.id, name: authUser.name })
            .from(authUser)
            .where(inArray(authUser.id, authors))
        ).map((u) => [u.id, u.name])
      : [],
  );
  return new Map(rows.map((r) => [r.caseId, { ...view(r, names), empty: isEmpty(r) }]));
}

const withoutMark = ({ empty: _, ...review }: Review & { empty: boolean }): Review => review;

type CaseBrief = { id: string; reference: string; title: string; stage: string; outcome: string | null };

/** The cases (in their order) that have a review with something in it, each with its review. */
function withCases(cases: CaseBrief[], reviews: Map<string, Review & { empty: boolean }>): EarlierReview[] {
  return cases.flatMap((c) => {
    const found = reviews.get(c.id);
    if (!found || found.empty) return [];
    return [
      {
        ...withoutMark(found),
        caseId: c.id,
        reference: c.reference,
        title: c.title,
        stage: c.stage as Stage,
        outcome: c.outcome as Outcome | null,
      },
    ];
  });
}

/**
 * The reviews of these cases of an HEI (newest case first, as given) that say something: what the HEI
 * learned with one customer, for the customer register. No access check (the caller has made one).
 */
export async function reviewsWithCases(db: Db, cases: CaseBrief[]): Promise<EarlierReview[]> {
  return withCases(
    cases,
    await reviewsOfCases(
      db,
      cases.map((c) => c.id),
    ),
  );
}

/**
 * Saves a case's review (its workers). A save written on an older revision than the stored one is refused
 * (409 edit_conflict), so two colleagues writing at once do not overwrite each other.
 */
export async function saveCaseReview(
  db: Db,
  actor: Actor,
  caseId: string,
  input: typeof saveReviewBody._output,
): Promise<CaseReview> {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  await db.transaction(async (tx) => {
    const [stored] = await tx.select().from(caseReview).where(eq(caseReview.caseId, caseId)).for('update');
    if ((stored?.revision ?? undefined) !== input.revision)
      throw new AppError(
        409,
        'edit_conflict',
        stored
          ? 'Someone saved the review after you opened it. Read their text and save yours again.'
          : 'The review you changed is no longer there. Reload the page.',
      );
    if (!stored && isEmpty(input))
      throw invalid([{ field: 'body', message: 'write at least one of the three answers' }]);
    const values = { wentWell: input.wentWell, toImprove: input.toImprove, followOn: input.followOn };
    if (stored)
      await tx
        .update(caseReview)
        .set({ ...values, revision: stored.revision + 1, updatedBy: actor.userId, updatedAt: new Date() })
        .where(eq(caseReview.caseId, caseId));
    else
      await tx.insert(caseReview).values({ caseId, heiId: access.heiId, ...values, updatedBy: actor.userId });
    await recordAudit(tx, {
      actor,
      organisationId: access.heiId,
      action: 'case.reviewed',
      subjectType: 'case',
      subjectId: caseId,
      data: { revision: (stored?.revision ?? 0) + 1 },
    });
  });
  return getCaseReview(db, actor, caseId);
}

/** The HEI's reviews whose text names one of the terms (for a subject access report; no access check). */
export async function mentionsInReviews(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const rows = await db
    .select()
    .from(caseReview)
    .where(
      and(
        eq(caseReview.heiId, heiId),
        containsAny([caseReview.wentWell, caseReview.toImprove, caseReview.followOn], mentionPatterns(terms)),
      ),
    );
  return rows
    .map((r) =>
      foundIn([r.wentWell, r.toImprove, r.followOn], terms, (text) => ({
        source: 'case_review' as const,
        caseId: r.caseId,
        recordId: null,
        label: '',
        text,
        at: r.updatedAt,
      })),
    )
    .filter((mention) => mention !== null);
}
