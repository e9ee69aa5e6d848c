import type { Db } from '../../db/client.ts';
import { myWork } from '../cases/cases.service.ts';
import { awaitingAnswer } from '../inquiries/inquiries.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import type { Overview } from './overview.contract.ts';

/** A person's overview at the active HEI: their tasks and cases, and the inquiries waiting for an answer. */
export async function overview(db: Db, actor: Actor): Promise<Overview> {
  const work = await myWork(db, actor); // checks that the person works at an HEI
  return { ...work, inquiries: await awaitingAnswer(db, actor) };
}
