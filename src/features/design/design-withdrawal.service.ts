import type { Db } from '../../db/client.ts';
import { AppError } from '../../server/http/problem.ts';
import { proposalsHoldingDesign, withdrawDraftProposalsOf } from '../proposals/proposals.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import { designToWorkOn, setDesignAside } from './design.service.ts';

// Apart from design.service.ts because it asks proposals/, which itself asks design.service.ts for a design's
// approved calculation.

/**
 * Sets a design aside unless a proposal still offers it — sent and valid (the customer may accept it) or
 * accepted (an agreement is made from it): that is settled first, by the customer's answer or the validity date.
 * Its unsent drafts are withdrawn with it.
 */
export async function withdrawDesign(db: Db, actor: Actor, designId: string, reason: string) {
  const design = await designToWorkOn(db, actor, designId);
  const holding = await proposalsHoldingDesign(db, designId);
  if (holding.length) {
    const offered = holding
      .map((p) =>
        p.status === 'accepted'
          ? `version ${p.version} was accepted`
          : `version ${p.version} is sent and valid until ${p.validUntil}`,
      )
      .join('; ');
    throw new AppError(
      409,
      'design_in_proposal',
      `The design "${design.title}" is offered to the customer (${offered}). It can be set aside once no proposal offers it.`,
    );
  }
  const withdrawn = await setDesignAside(db, actor, designId, reason);
  await withdrawDraftProposalsOf(db, designId);
  return withdrawn;
}
