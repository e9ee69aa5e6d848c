import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
import { agreement } from './agreements.table.ts';

/** The agreements of these cases (for the HEI's retention rule on participants). */
export async function agreementIdsOfCases(db: Db, caseIds: string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await db
    .select({ id: agreement.id })
    .from(agreement)
    .where(inArray(agreement.caseId, caseIds));
  return rows.map((r) => r.id);
}

/** What the participants of an agreement depend on: whose it is, its deadline, and whether both signed. */
export async function participantTerms(db: Db, agreementId: string) {
  const [row] = await db.select().from(agreement).where(eq(agreement.id, agreementId));
  if (!row) throw notFound('The agreement');
  return {
    id: row.id,
    caseId: row.caseId,
    heiId: row.heiId,
    customerId: row.customerId,
    participantsDeadline: row.participantsDeadline,
    signed: !!row.heiSignedAt && !!row.customerSignedAt,
  };
}

/** Those of these agreements that are the HEI's, each with its case (for a subject access report; no access check). */
export async function casesOfHeiAgreements(
  db: Db,
  heiId: string,
  agreementIds: string[],
): Promise<Map<string, string>> {
  if (!agreementIds.length) return new Map();
  const rows = await db
    .select({ id: agreement.id, caseId: agreement.caseId })
    .from(agreement)
    .where(and(eq(agreement.heiId, heiId), inArray(agreement.id, agreementIds)));
  return new Map(rows.map((r) => [r.id, r.caseId]));
}
