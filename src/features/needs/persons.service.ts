import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, invalid, notFound } from '../../server/http/problem.ts';
import { type Access, assertRoleOf, auditChange, getAnalysis } from './needs.service.ts';
import { analysisPerson, analysisPersonLevel, competenceNeed } from './needs.table.ts';

/**
 * Person level: pseudonymous employees with their current level per need. The pseudonym is checked
 * by the contract (no e-mail addresses, no personnummer); audit entries name the person by id only.
 */
type PersonInput = {
  pseudonym: string;
  roleId: string | null;
  levels: { needId: string; currentLevel: number }[];
};

async function checkPerson(db: Db, access: Access<'write'>, input: PersonInput) {
  // Person level is the HEI's: never through the customer's self-service link.
  if (access.actor.kind !== 'hei') throw forbidden('Person level is kept by the HEI.');
  const analysisId = access.analysis.id;
  await assertRoleOf(db, analysisId, input.roleId, 'body.roleId');
  if (!input.levels.length) return;
  const found = await db
    .select({ id: competenceNeed.id })
    .from(competenceNeed)
    .where(
      and(
        eq(competenceNeed.analysisId, analysisId),
        inArray(
          competenceNeed.id,
          input.levels.map((l) => l.needId),
        ),
      ),
    );
  const known = new Set(found.map((n) => n.id));
  const errors = input.levels.flatMap((l, i) =>
    known.has(l.needId)
      ? []
      : [{ field: `body.levels.${i}.needId`, message: 'is not a need of this analysis' }],
  );
  if (errors.length) throw invalid(errors);
}

export async function addPerson(db: Db, access: Access<'write'>, input: PersonInput) {
  const analysisId = access.analysis.id;
  await checkPerson(db, access, input);
  await db.transaction(async (tx) => {
    const [person] = await tx
      .insert(analysisPerson)
      .values({ analysisId, pseudonym: input.pseudonym, roleId: input.roleId })
      .returning({ id: analysisPerson.id });
    if (!person) throw new AppError(500, 'internal_error', 'person was not written');
    if (input.levels.length)
      await tx.insert(analysisPersonLevel).values(input.levels.map((l) => ({ personId: person.id, ...l })));
    await auditChange(tx, access, 'analysis.person_added', { personId: person.id });
  });
  return getAnalysis(db, access);
}

/** Replaces a person's pseudonym, role and levels. */
export async function updatePerson(db: Db, access: Access<'write'>, personId: string, input: PersonInput) {
  const analysisId = access.analysis.id;
  await checkPerson(db, access, input);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(analysisPerson)
      .set({ pseudonym: input.pseudonym, roleId: input.roleId })
      .where(and(eq(analysisPerson.id, personId), eq(analysisPerson.analysisId, analysisId)))
      .returning({ id: analysisPerson.id });
    if (!updated) throw notFound('The person');
    await tx.delete(analysisPersonLevel).where(eq(analysisPersonLevel.personId, personId));
    if (input.levels.length)
      await tx.insert(analysisPersonLevel).values(input.levels.map((l) => ({ personId, ...l })));
    await auditChange(tx, access, 'analysis.person_changed', { personId });
  });
  return getAnalysis(db, access);
}

export async function deletePerson(db: Db, access: Access<'write'>, personId: string) {
  if (access.actor.kind !== 'hei') throw forbidden('Person level is kept by the HEI.');
  const analysisId = access.analysis.id;
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(analysisPerson)
      .where(and(eq(analysisPerson.id, personId), eq(analysisPerson.analysisId, analysisId)))
      .returning({ id: analysisPerson.id });
    if (!deleted.length) throw notFound('The person');
    await auditChange(tx, access, 'analysis.person_removed', { personId });
  });
  return getAnalysis(db, access);
}
