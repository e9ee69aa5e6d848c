import type { Db } from '../../db/client.ts';
import { invalid, notFound } from '../../server/http/problem.ts';
import { excerptAround, type FoundText, mentions } from '../../shared/mentions.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { mentionsInAgreements } from '../agreements/agreements.service.ts';
import { countEventsBy, recordAudit } from '../audit/audit.service.ts';
import { caseIdsOfHei, caseSummariesOf, customerIdsOfHei, mentionsInCases } from '../cases/cases.service.ts';
import { credentialPath, credentialsOfParticipants } from '../credentials/credentials.service.ts';
import { attendanceOfParticipants } from '../delivery/delivery.service.ts';
import { mentionsInDesigns } from '../design/design.service.ts';
import { documentsNamed } from '../documents/documents.service.ts';
import { mentionsInEvaluations } from '../evaluation/evaluation.service.ts';
import { inquiriesWithContact, mentionsInInquiries } from '../inquiries/inquiries.service.ts';
import { mentionsInAnalyses } from '../needs/needs.service.ts';
import { participationsOf } from '../participants/participants.service.ts';
import { checkPersonnummer, maskPersonnummer, personnummerMessages } from '../participants/personnummer.ts';
import { mentionsInProposals } from '../proposals/proposals.service.ts';
import { mentionsInReviews } from '../review/review.service.ts';
import { getStaffProfile } from '../staff/staff.service.ts';
import { type Actor, accountAmong, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import type { Mention, SubjectAccessQuery, SubjectAccessReport } from './privacy.contract.ts';

/**
 * A subject access report (registerutdrag): what Lupp holds at this HEI about the person with this e-mail
 * address or personnummer — their account (as the HEI's member, or as the contact of one of its customers),
 * the inquiries they are the contact person of with the e-mails sent to them, their participation under
 * the HEI's agreements, and the HEI's free text that names them. Only the HEI's admins make one, and every
 * report is audited with what was searched.
 */
export async function subjectAccessReport(
  db: Db,
  key: Buffer,
  actor: Actor,
  heiId: string,
  query: SubjectAccessQuery,
): Promise<SubjectAccessReport> {
  const member = requireOrganisationRole(actor, heiId, ['admin']);
  if (member.tenant.kind !== 'hei') throw notFound('A subject access report (only HEIs make them)');
  const email = query.email?.trim().toLowerCase() || undefined;
  const personnummer = query.personnummer ? normalised(query.personnummer) : undefined;
  const name = query.name?.replace(/\s+/g, ' ') || undefined;
  const [accounts, inquiryContacts, participants, mentions] = await Promise.all([
    email ? accountOf(db, actor, heiId, email) : [],
    email ? inquiriesWithContact(db, heiId, email) : [],
    email || personnummer ? participationsWithCredentials(db, key, heiId, { email, personnummer }) : [],
    mentionsOf(db, heiId, { email, personnummer, name }),
  ]);
  const searchedFor = {
    email: email ?? null,
    personnummer: personnummer ? maskPersonnummer(personnummer) : null,
    name: name ?? null,
  };
  await recordAudit(db, {
    actor,
    organisationId: heiId,
    action: 'privacy.subject_access_report',
    subjectType: 'organisation',
    subjectId: heiId,
    data: {
      searchedFor,
      found: {
        accounts: accounts.length,
        inquiryContacts: inquiryContacts.length,
        participants: participants.length,
        mentions: mentions.length,
      },
    },
  });
  return {
    generatedAt: new Date().toISOString(),
    hei: { id: heiId, name: member.tenant.name },
    searchedFor,
    accounts,
    inquiryContacts,
    participants,
    mentions,
  };
}

/** The person's participations, each with their attendance and the micro-credentials issued for it. */
async function participationsWithCredentials(...args: Parameters<typeof participationsOf>) {
  const participations = await participationsOf(...args);
  const ids = participations.map((p) => p.participantId);
  const [credentials, attendance] = await Promise.all([
    credentialsOfParticipants(args[0], ids),
    attendanceOfParticipants(args[0], ids),
  ]);
  return participations.map((p) => ({
    ...p,
    attendance: attendance.get(p.participantId) ?? null,
    credentials: credentials
      .filter((c) => c.participantId === p.participantId)
      .map((c) => ({
        title: c.title,
        issuedAt: c.issuedAt.toISOString(),
        revokedAt: c.revokedAt?.toISOString() ?? null,
        path: credentialPath(c.code),
      })),
  }));
}

/** A personnummer as stored (its keyed hash finds it), or a field error saying what is wrong with it. */
function normalised(input: string): string {
  const check = checkPersonnummer(input, stockholmDate(new Date()));
  if (!check.ok)
    throw invalid([{ field: 'body.personnummer', message: personnummerMessages[check.reason].en }]);
  return check.normalised;
}

/**
 * The person's account, with the memberships this HEI knows of (its own, and its customers'), and the staff
 * profile they keep at the HEI.
 */
async function accountOf(db: Db, actor: Actor, heiId: string, email: string) {
  const account = await accountAmong(db, email, [heiId, ...(await customerIdsOfHei(db, heiId))]);
  if (!account) return [];
  const { userId } = account;
  const staff = account.memberships.some((m) => m.kind === 'hei')
    ? await getStaffProfile(db, actor, heiId, userId)
    : null;
  const staffProfile = staff?.exists
    ? {
        department: staff.department,
        languages: staff.languages,
        availability: staff.availability,
        hoursPerYear: staff.hoursPerYear,
        interest: staff.interest,
        bio: staff.bio,
        expertise: staff.expertise.map((concept) => concept.label),
        updatedAt: staff.updatedAt,
      }
    : null;
  return [{ ...account, auditEvents: await countEventsBy(db, heiId, userId), staffProfile }];
}

type Terms = { email?: string; personnummer?: string; name?: string };

/** The ways a personnummer is written in free text: with or without the century, with or without the dash. */
function writtenForms(normalised: string): string[] {
  const [date, last] = normalised.split('-') as [string, string];
  return [`${date}-${last}`, `${date}${last}`, `${date.slice(2)}-${last}`, `${date.slice(2)}${last}`];
}

/**
 * The HEI's free text that contains the person's e-mail address, personnummer or name, newest first: each
 * feature searches its own text, this puts the hits in order and says where they are. A personnummer is
 * masked in the excerpts.
 */
async function mentionsOf(db: Db, heiId: string, terms: Terms): Promise<Mention[]> {
  const numberForms = terms.personnummer ? writtenForms(terms.personnummer) : [];
  const byKind = {
    email: terms.email ? [terms.email] : [],
    personnummer: numberForms,
    name: terms.name ? [terms.name] : [],
  };
  const all = [...byKind.email, ...byKind.personnummer, ...byKind.name];
  if (!all.length) return [];
  const found = (
    await Promise.all([
      mentionsInCases(db, heiId, all),
      caseIdsOfHei(db, heiId).then((caseIds) => documentsNamed(db, caseIds, all)),
      mentionsInInquiries(db, heiId, all),
      mentionsInAnalyses(db, heiId, all),
      mentionsInDesigns(db, heiId, all),
      mentionsInProposals(db, heiId, all),
      mentionsInAgreements(db, heiId, all),
      mentionsInEvaluations(db, heiId, all),
      mentionsInReviews(db, heiId, all),
    ])
  ).flat();
  const cases = await caseSummariesOf(db, heiId, [
    ...new Set(found.flatMap((f) => (f.caseId ? [f.caseId] : []))),
  ]);
  const masked = (text: string) =>
    numberForms.reduce((out, form) => out.split(form).join(maskPersonnummer(terms.personnummer ?? '')), text);
  const holds = (text: string, kind: keyof typeof byKind) => mentions(text, byKind[kind]);
  return found
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((f: FoundText) => {
      const summary = f.caseId ? cases.get(f.caseId) : undefined;
      const inquiry = f.source === 'inquiry' || f.source === 'inquiry_event';
      return {
        source: f.source,
        caseId: f.caseId,
        caseReference: summary?.reference ?? null,
        caseTitle: summary?.title ?? null,
        inquiryId: inquiry ? f.recordId : null,
        analysisId: f.source === 'needs_analysis' ? f.recordId : null,
        label: masked(f.label),
        excerpt: masked(excerptAround(f.text, all)),
        matched: (['email', 'personnummer', 'name'] as const).filter((kind) => holds(f.text, kind)),
        at: f.at.toISOString(),
      };
    });
}
