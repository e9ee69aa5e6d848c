import { and, eq } from 'drizzle-orm';
import {
  createAgreement,
  signAsCustomer,
  signAsHei,
} from '../../../src/features/agreements/agreements.service.ts';
import { authUser } from '../../../src/features/auth/auth.table.ts';
import { caseFile } from '../../../src/features/cases/cases.table.ts';
import type { DesignView } from '../../../src/features/design/design.contract.ts';
import {
  approveCalculation,
  approveDesign,
  calculateDesign,
  createDesign,
  updateDesign,
} from '../../../src/features/design/design.service.ts';
import { addParticipant } from '../../../src/features/participants/participants.service.ts';
import {
  acceptProposal,
  createProposal,
  sendProposal,
} from '../../../src/features/proposals/proposals.service.ts';
import type { Role } from '../../../src/features/tenancy/tenancy.contract.ts';
import { type Actor, listMemberships } from '../../../src/features/tenancy/tenancy.service.ts';
import { membership, organisation } from '../../../src/features/tenancy/tenancy.table.ts';
import { testConfig } from '../../support/app.ts';
import type { Lupp } from './lupp.ts';

/** A demo user working as `organisationId`, with `roles` there added when they are not. */
export async function actorAt(
  lupp: Lupp,
  email: string,
  organisationId: string,
  roles: Role[],
): Promise<Actor> {
  const db = lupp.database.db;
  const [user] = await db.select().from(authUser).where(eq(authUser.email, email));
  if (!user) throw new Error(email);
  let memberships = await listMemberships(db, user.id);
  if (!memberships.some((m) => m.tenant.id === organisationId)) {
    await db.insert(membership).values({ userId: user.id, organisationId, roles });
    memberships = await listMemberships(db, user.id);
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: 'sv',
    notificationEmail: 'each',
    sessionId: 'test',
    activeMembershipId: memberships.find((m) => m.tenant.id === organisationId)?.id ?? null,
    memberships,
  };
}

export const WELDING_CASE = 'Svetsteknik för höga temperaturer';
export const WELDING_DESIGN = 'Svetsning av värmebeständiga stål';

/**
 * The seeded Stålverket case at Högskolan i Norrvik taken from design to `until`, through the use cases
 * the staff's pages call: Karin (coordinator) designs a certificate course (or one for credits) — a lecturer 40 h teaching and
 * 20 h development, a professor 8 h, 4 trips, 20 participants (90 313,57 kr with the demo costs) — Maria
 * (made manager at Norrvik) approves it, Eva (made economist) the calculation; the proposal is sent, then
 * accepted by Sara, then an agreement is made and signed by Maria and Sara. `modules` (with learning
 * outcomes) and `examination` are the design's, when given.
 */
export async function weldingChain(
  lupp: Lupp,
  until: 'sent' | 'accepted' | 'signed',
  options: {
    modules?: DesignView['modules'];
    examination?: string;
    /** The lecturer is Karin's own account (she teaches the course too): her sessions are on her overview. */
    karinLectures?: boolean;
    /** The professor is Lars's account, made a teacher at Norrvik: he is told when others schedule him. */
    larsProfesses?: boolean;
    /** A course that gives 7.5 credits (SUN 52, within Norrvik's degree-awarding powers) instead of a certificate. */
    credits?: boolean;
  } = {},
) {
  const db = lupp.database.db;
  const norrvik =
    (await db.select().from(organisation).where(eq(organisation.name, 'Högskolan i Norrvik')))[0]?.id ?? '';
  const [theCase] = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.heiId, norrvik), eq(caseFile.title, WELDING_CASE)));
  const caseId = theCase?.id ?? '';
  const customerId = theCase?.customerId ?? '';
  const actors = {
    karin: await actorAt(lupp, 'karin.koordinator@mittland.example', norrvik, ['coordinator']),
    maria: await actorAt(lupp, 'maria.chef@mittland.example', norrvik, ['manager']),
    eva: await actorAt(lupp, 'eva.ekonom@mittland.example', norrvik, ['economist']),
    sara: await actorAt(lupp, 'sara.kund@stalverket.example', customerId, ['customer_contact']),
  };
  const { karin, maria, eva, sara } = actors;
  const design = await createDesign(db, karin, caseId, {
    title: WELDING_DESIGN,
    fromCourseIds: [],
    language: 'sv',
    format: 'blended',
    participants: 20,
  });
  const lecturer = { userId: null, category: 'lecturer', teachingHours: 40, developmentHours: 20 };
  const lars = options.larsProfesses
    ? await actorAt(lupp, 'lars.larare@mittland.example', norrvik, ['teacher'])
    : null;
  const professor = {
    userId: lars?.userId ?? null,
    category: 'professor',
    teachingHours: 8,
    developmentHours: 0,
  };
  const ready = await updateDesign(db, karin, design.id, {
    revision: design.revision,
    ...(options.credits
      ? { awards: 'credits' as const, credits: 7.5, sunField: '52' }
      : { awards: 'certificate' as const, credits: null }),
    teachers: [
      { name: 'Lektor i svetsteknik', ...lecturer, userId: options.karinLectures ? karin.userId : null },
      { name: 'Professor i materialteknik', ...professor },
    ],
    costs: { trips: 4, otherDirect: [], deliveredByOthers: [] },
    ...(options.modules ? { modules: options.modules } : {}),
    ...(options.examination ? { examination: options.examination } : {}),
  });
  await approveDesign(db, maria, design.id, { revision: ready.revision });
  const calculation = await calculateDesign(db, karin, design.id);
  await approveCalculation(db, eva, design.id, calculation.id);
  const validUntil = `${new Date().getUTCFullYear() + 1}-03-31`;
  const draft = await createProposal(db, karin, caseId, { designId: design.id, language: 'sv', validUntil });
  const proposal = await sendProposal(db, karin, draft.id, { revision: draft.revision }, lupp.url);
  const chain = {
    caseId,
    norrvik,
    customerId,
    designId: design.id,
    proposalId: proposal.id,
    actors,
    agreementId: '',
  };
  if (until === 'sent') return chain;
  await acceptProposal(db, sara, customerId, proposal.id, lupp.url);
  if (until === 'accepted') return chain;
  const agreement = await createAgreement(db, karin, caseId, {
    proposalId: proposal.id,
    participantsDeadline: `${new Date().getUTCFullYear() + 1}-02-15`,
  });
  await signAsHei(db, maria, agreement.id, { revision: agreement.revision }, lupp.url);
  await signAsCustomer(db, sara, customerId, agreement.id, { revision: agreement.revision }, lupp.url);
  return { ...chain, agreementId: agreement.id };
}

/** Sara designates welders (surname Svetsare, certificate only) under the chain's signed agreement. */
export async function designateWelders(
  lupp: Lupp,
  chain: Awaited<ReturnType<typeof weldingChain>>,
  welders: readonly (readonly [firstName: string, email: string | null, personnummer: string])[],
) {
  const key = testConfig().personalDataKey;
  for (const [firstName, email, personnummer] of welders)
    await addParticipant(lupp.database.db, key, chain.actors.sara, chain.customerId, chain.agreementId, {
      firstName,
      lastName: 'Svetsare',
      email,
      personnummer,
      creditEligible: false,
    });
}
