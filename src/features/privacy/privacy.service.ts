import type { Db } from '../../db/client.ts';
import { invalid, notFound } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/working-days.ts';
import { countEventsBy, recordAudit } from '../audit/audit.service.ts';
import { customerIdsOfHei } from '../cases/cases.service.ts';
import { inquiriesWithContact } from '../inquiries/inquiries.service.ts';
import { participationsOf } from '../participants/participants.service.ts';
import { checkPersonnummer, maskPersonnummer, personnummerMessages } from '../participants/personnummer.ts';
import { getStaffProfile } from '../staff/staff.service.ts';
import { type Actor, accountAmong, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import type { SubjectAccessQuery, SubjectAccessReport } from './privacy.contract.ts';

/**
 * A subject access report (registerutdrag): what Lupp holds at this HEI about the person with this e-mail
 * address or personnummer — their account (as the HEI's member, or as the contact of one of its customers),
 * the inquiries they are the contact person of with the e-mails sent to them, and their participation under
 * the HEI's agreements. Only the HEI's admins make one, and every report is audited with what was searched.
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
  const [accounts, inquiryContacts, participants] = await Promise.all([
    email ? accountOf(db, actor, heiId, email) : [],
    email ? inquiriesWithContact(db, heiId, email) : [],
    participationsOf(db, key, heiId, { email, personnummer }),
  ]);
  const searchedFor = {
    email: email ?? null,
    personnummer: personnummer ? maskPersonnummer(personnummer) : null,
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
  };
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
