import { eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../server/http/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { contactsEndedBefore, purgeContact } from '../inquiries/inquiries.service.ts';
import {
  anonymiseParticipant,
  participantsEndedBefore,
  participantsToAnonymiseBefore,
  purgeParticipant,
} from '../participants/participants.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import type { HeiRetention, RetentionChange } from './retention.contract.ts';
import { retentionRule } from './retention.table.ts';

/** Every member of the HEI may read its rule (the privacy text refers to it); only its admins set and run it. */
const READ_ROLES: Role[] = [];
const ADMIN: Role[] = ['admin'];

type Rule = typeof retentionRule.$inferSelect;
type Counts = { inquiryContacts: number; participants: number; participantNames: number };
const PERIODS = ['inquiryContactMonths', 'participantMonths', 'participantNameMonths'] as const;

function ofHei(actor: Actor, organisationId: string, roles: Role[]) {
  const member = requireOrganisationRole(actor, organisationId, roles);
  if (member.tenant.kind !== 'hei') throw notFound('A retention rule (only HEIs have one)');
}

/** The moment `months` months before now, on the database's clock (calendar months, as a decision says). */
async function monthsAgo(db: Db, months: number): Promise<Date> {
  const result = await db.execute<{ ms: number }>(
    sql`select extract(epoch from now() - make_interval(months => ${months}::int))::float8 * 1000 as ms`,
  );
  return new Date(Number(result.rows[0]?.ms));
}

/**
 * What the rule would erase now: the inquiries whose contact person, the participants whose personnummer, and
 * the participants to anonymise. One anonymised is not counted again among those whose personnummer goes.
 */
async function dueUnder(db: Db, heiId: string, rule: Pick<Rule, (typeof PERIODS)[number]>) {
  const {
    inquiryContactMonths: contacts,
    participantMonths: participants,
    participantNameMonths: names,
  } = rule;
  const participantNames = names
    ? await participantsToAnonymiseBefore(db, heiId, await monthsAgo(db, names))
    : [];
  const anonymised = new Set(participantNames);
  return {
    inquiryContacts: contacts ? await contactsEndedBefore(db, heiId, await monthsAgo(db, contacts)) : [],
    participants: participants
      ? (await participantsEndedBefore(db, heiId, await monthsAgo(db, participants))).filter(
          (id) => !anonymised.has(id),
        )
      : [],
    participantNames,
  };
}

async function retentionOf(db: Db, heiId: string): Promise<HeiRetention> {
  const [row] = await db
    .select({ rule: retentionRule, by: authUser.name })
    .from(retentionRule)
    .leftJoin(authUser, eq(retentionRule.updatedByUserId, authUser.id))
    .where(eq(retentionRule.heiId, heiId));
  const rule = row?.rule;
  const due = rule
    ? await dueUnder(db, heiId, rule)
    : { inquiryContacts: [], participants: [], participantNames: [] };
  return {
    inquiryContactMonths: rule?.inquiryContactMonths ?? null,
    participantMonths: rule?.participantMonths ?? null,
    participantNameMonths: rule?.participantNameMonths ?? null,
    due: {
      inquiryContacts: due.inquiryContacts.length,
      participants: due.participants.length,
      participantNames: due.participantNames.length,
    },
    lastRunAt: rule?.lastRunAt?.toISOString() ?? null,
    lastRunErased: rule?.lastRunAt
      ? {
          inquiryContacts: rule.lastRunInquiryContacts ?? 0,
          participants: rule.lastRunParticipants ?? 0,
          participantNames: rule.lastRunParticipantNames ?? 0,
        }
      : null,
    updatedAt: rule?.updatedAt.toISOString() ?? null,
    updatedBy: row?.by ?? null,
  };
}

export async function getRetention(db: Db, actor: Actor, heiId: string): Promise<HeiRetention> {
  ofHei(actor, heiId, READ_ROLES);
  return retentionOf(db, heiId);
}

export async function setRetention(db: Db, actor: Actor, heiId: string, change: RetentionChange) {
  ofHei(actor, heiId, ADMIN);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(retentionRule)
      .where(eq(retentionRule.heiId, heiId))
      .for('update');
    const values = { ...change, updatedByUserId: actor.userId, updatedAt: new Date() };
    await tx
      .insert(retentionRule)
      .values({ heiId, ...values })
      .onConflictDoUpdate({ target: retentionRule.heiId, set: values });
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'retention.rule_changed',
      subjectType: 'organisation',
      subjectId: heiId,
      data: {
        before: {
          inquiryContactMonths: before?.inquiryContactMonths ?? null,
          participantMonths: before?.participantMonths ?? null,
          participantNameMonths: before?.participantNameMonths ?? null,
        },
        after: change,
      },
    });
  });
  return retentionOf(db, heiId);
}

/** Applies one HEI's rule now: erases what ended longer ago than it says, one record at a time. */
async function applyRule(db: Db, rule: Rule): Promise<Counts> {
  const due = await dueUnder(db, rule.heiId, rule);
  const erased = { inquiryContacts: 0, participants: 0, participantNames: 0 };
  for (const ended of due.inquiryContacts)
    if (await purgeContact(db, rule.heiId, ended, rule.inquiryContactMonths ?? 0))
      erased.inquiryContacts += 1;
  for (const id of due.participants)
    if (await purgeParticipant(db, rule.heiId, id, rule.participantMonths ?? 0)) erased.participants += 1;
  for (const id of due.participantNames)
    if (await anonymiseParticipant(db, rule.heiId, id, rule.participantNameMonths ?? 0))
      erased.participantNames += 1;
  await db
    .update(retentionRule)
    .set({
      lastRunAt: new Date(),
      lastRunInquiryContacts: erased.inquiryContacts,
      lastRunParticipants: erased.participants,
      lastRunParticipantNames: erased.participantNames,
    })
    .where(eq(retentionRule.heiId, rule.heiId));
  return erased;
}

/** An admin applies the HEI's rule at once (after setting it, say), rather than waiting for the night. */
export async function runRetentionNow(db: Db, actor: Actor, heiId: string) {
  ofHei(actor, heiId, ADMIN);
  const [rule] = await db.select().from(retentionRule).where(eq(retentionRule.heiId, heiId));
  if (!rule || !PERIODS.some((period) => rule[period]))
    throw conflict('The HEI has no retention period: set one before applying it.');
  const erased = await applyRule(db, rule);
  await recordAudit(db, {
    actor,
    organisationId: heiId,
    action: 'retention.run',
    subjectType: 'organisation',
    subjectId: heiId,
    data: {
      inquiryContactMonths: rule.inquiryContactMonths,
      participantMonths: rule.participantMonths,
      participantNameMonths: rule.participantNameMonths,
      erased,
    },
  });
  return { erased, retention: await retentionOf(db, heiId) };
}

/** The nightly sweep: every HEI's rule, one HEI after the other. Returns what was erased per HEI. */
export async function sweepRetention(db: Db): Promise<Map<string, Counts>> {
  const rules = await db
    .select()
    .from(retentionRule)
    .where(or(...PERIODS.map((period) => isNotNull(retentionRule[period]))));
  const erased = new Map<string, Counts>();
  for (const rule of rules) erased.set(rule.heiId, await applyRule(db, rule));
  return erased;
}
