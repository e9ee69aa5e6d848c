import { and, asc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, invalid, notFound } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { signedAgreementIdsOfDesign } from '../agreements/agreements.service.ts';
import {
  agreementIdsOfCases,
  casesOfHeiAgreements,
  participantTerms,
} from '../agreements/agreements.terms.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  assertCaseAccess,
  caseSummariesOf,
  casesClosedBefore,
  recordEvidence,
} from '../cases/cases.service.ts';
import { detectFormat, readCsv, readXlsx, type Sheet } from '../catalog/parse.ts';
import { eraseMailsTo } from '../mail/mail.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import type { importParticipantsBody, participantInput } from './participants.contract.ts';
import { participant } from './participants.table.ts';
import { checkPersonnummer, maskPersonnummer, personnummerMessages } from './personnummer.ts';
import { blindIndex, open, seal } from './sealed.ts';

/** Who at the HEI may see a whole personnummer (registration of credits needs it). */
export const PERSONNUMMER_READERS: Role[] = ['admin', 'coordinator'];

type Row = typeof participant.$inferSelect;
type Input = typeof participantInput._output;
type Problem = { row: number | null; field: string | null; message: { sv: string; en: string } };

const today = () => stockholmDate(new Date());

const view = (p: Row) => ({
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  email: p.email,
  personnummer: p.personnummerMasked,
  personalDataErasedAt: p.personalDataErasedAt?.toISOString() ?? null,
  anonymisedAt: p.anonymisedAt?.toISOString() ?? null,
  creditEligible: p.creditEligible,
  createdAt: p.createdAt.toISOString(),
});

async function list(db: Db, terms: Awaited<ReturnType<typeof participantTerms>>) {
  const rows = await db
    .select()
    .from(participant)
    .where(eq(participant.agreementId, terms.id))
    .orderBy(asc(participant.lastName), asc(participant.firstName));
  return {
    agreementId: terms.id,
    deadline: terms.participantsDeadline,
    open: terms.signed && today() <= terms.participantsDeadline,
    participants: rows.map(view),
  };
}

/** The agreement as its customer sees it (another customer: 404), open for changes or a 409 saying why not. */
async function customerTerms(db: Db, customerId: string, agreementId: string, change: boolean) {
  const terms = await participantTerms(db, agreementId);
  if (terms.customerId !== customerId) throw notFound('The agreement');
  if (change && !terms.signed)
    throw conflict('Participants are designated once both parties have signed the agreement.');
  if (change && today() > terms.participantsDeadline)
    throw conflict(
      `The agreement allowed changes of participants until ${terms.participantsDeadline}. Write to the HEI for a change now.`,
    );
  return terms;
}

function sealedPerson(
  key: Buffer,
  input: Input,
  today: string,
): {
  values?: Omit<typeof participant.$inferInsert, 'agreementId'> & { personnummerIndex: string };
  problem?: Problem;
} {
  const check = checkPersonnummer(input.personnummer, today);
  if (!check.ok)
    return {
      problem: {
        row: null,
        field: 'personnummer',
        message: {
          sv: `Personnumret ${personnummerMessages[check.reason].sv}.`,
          en: `The personnummer ${personnummerMessages[check.reason].en}.`,
        },
      },
    };
  return {
    values: {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      personnummerSealed: seal(key, check.normalised),
      personnummerIndex: blindIndex(key, check.normalised),
      personnummerMasked: maskPersonnummer(check.normalised),
      creditEligible: input.creditEligible,
    },
  };
}

const duplicate = (row: number | null): Problem => ({
  row,
  field: 'personnummer',
  message: {
    sv: 'Personen finns redan bland deltagarna.',
    en: 'The person is already a participant.',
  },
});

// ------------------------------------------------------------------ the customer (portal)

export async function customerParticipants(db: Db, customerId: string, agreementId: string) {
  return list(db, await customerTerms(db, customerId, agreementId, false));
}

export async function addParticipant(
  db: Db,
  key: Buffer,
  actor: Actor,
  customerId: string,
  agreementId: string,
  input: Input,
) {
  const terms = await customerTerms(db, customerId, agreementId, true);
  const { values, problem } = sealedPerson(key, input, today());
  if (!values)
    throw invalid([{ field: 'body.personnummer', message: problem?.message.en ?? 'is not valid' }]);
  try {
    const [row] = await db
      .insert(participant)
      .values({ ...values, agreementId, createdBy: actor.userId })
      .returning();
    await recordAudit(db, {
      actor,
      organisationId: terms.heiId,
      action: 'participant.added',
      subjectType: 'participant',
      subjectId: row?.id ?? '',
      data: { agreementId },
    });
    await recordEvidence(db, terms.caseId, 'participants_designated', actor.userId);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('The person is already a participant of the agreement.');
    throw error;
  }
  return list(db, terms);
}

export async function removeParticipant(
  db: Db,
  actor: Actor,
  customerId: string,
  agreementId: string,
  id: string,
) {
  const terms = await customerTerms(db, customerId, agreementId, true);
  const [removed] = await db
    .delete(participant)
    .where(and(eq(participant.id, id), eq(participant.agreementId, agreementId)))
    .returning({ id: participant.id });
  if (!removed) throw notFound('The participant');
  await recordAudit(db, {
    actor,
    organisationId: terms.heiId,
    action: 'participant.removed',
    subjectType: 'participant',
    subjectId: id,
    data: { agreementId },
  });
  return list(db, terms);
}

/** A column of the file by any of its usual names (Swedish or English, any case). */
function column(sheet: Sheet, names: string[]) {
  return sheet.columns.find((c) => names.includes(c.trim().toLowerCase()));
}

const yes = (value: string | undefined) =>
  /^(ja|yes|j|y|x|1|true|hp|högskolepoäng|poäng|credits)$/i.test((value ?? '').trim());

/**
 * Participants from a CSV or XLSX file with columns Förnamn, Efternamn, Personnummer, E-post and
 * Högskolepoäng (ja/nej; English names too). Every bad row is reported with its reason; nothing is
 * written while there are any, unless `keepValidRows`.
 */
export async function importParticipants(
  db: Db,
  key: Buffer,
  actor: Actor,
  customerId: string,
  agreementId: string,
  body: typeof importParticipantsBody._output,
) {
  const terms = await customerTerms(db, customerId, agreementId, true);
  const content = Buffer.from(body.content, 'base64');
  const format = detectFormat(body.fileName, content);
  if (format !== 'csv' && format !== 'xlsx')
    throw new AppError(415, 'unsupported_file_type', 'Upload a CSV or XLSX file (.csv, .xlsx).');
  const read = format === 'csv' ? readCsv(content) : await readXlsx(content);
  if ('problem' in read)
    return {
      status: 'rejected' as const,
      added: 0,
      problems: [{ ...read.problem, field: read.problem.field }],
    };
  const { sheet } = read;
  const cols = {
    firstName: column(sheet, ['förnamn', 'first name', 'firstname', 'given name']),
    lastName: column(sheet, ['efternamn', 'last name', 'lastname', 'surname', 'family name']),
    personnummer: column(sheet, ['personnummer', 'personal identity number', 'pnr']),
    email: column(sheet, ['e-post', 'epost', 'email', 'e-mail']),
    credits: column(sheet, ['högskolepoäng', 'hp', 'credits', 'credit eligible']),
  };
  const missing = (['firstName', 'lastName', 'personnummer'] as const).filter((c) => !cols[c]);
  if (missing.length)
    return {
      status: 'rejected' as const,
      added: 0,
      problems: [
        {
          row: 1,
          field: null,
          message: {
            sv: 'Filen behöver kolumnerna Förnamn, Efternamn och Personnummer (och gärna E-post och Högskolepoäng).',
            en: 'The file needs the columns First name, Last name and Personnummer (and E-mail and Credits if you have them).',
          },
        },
      ],
    };
  const existing = new Set(
    (
      await db
        .select({ index: participant.personnummerIndex })
        .from(participant)
        .where(eq(participant.agreementId, agreementId))
    ).map((r) => r.index),
  );
  const problems: Problem[] = [];
  const good: NonNullable<ReturnType<typeof sealedPerson>['values']>[] = [];
  const day = today();
  for (const { row, values } of sheet.rows) {
    const get = (c: string | undefined) => (c ? (values[c] ?? '').trim() : '');
    const email = get(cols.email) || null;
    if (!get(cols.firstName) || !get(cols.lastName)) {
      problems.push({
        row,
        field: get(cols.firstName) ? 'lastName' : 'firstName',
        message: { sv: 'Namnet saknas.', en: 'The name is missing.' },
      });
      continue;
    }
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      problems.push({
        row,
        field: 'email',
        message: { sv: 'E-postadressen är ogiltig.', en: 'The e-mail address is not valid.' },
      });
      continue;
    }
    const { values: sealed, problem } = sealedPerson(
      key,
      {
        firstName: get(cols.firstName),
        lastName: get(cols.lastName),
        email,
        personnummer: get(cols.personnummer),
        creditEligible: yes(get(cols.credits)),
      },
      day,
    );
    if (!sealed) {
      if (problem) problems.push({ ...problem, row });
      continue;
    }
    if (existing.has(sealed.personnummerIndex)) {
      problems.push(duplicate(row));
      continue;
    }
    existing.add(sealed.personnummerIndex);
    good.push(sealed);
  }
  if (problems.length && !body.keepValidRows) return { status: 'rejected' as const, added: 0, problems };
  if (good.length) {
    await db.insert(participant).values(good.map((g) => ({ ...g, agreementId, createdBy: actor.userId })));
    await recordEvidence(db, terms.caseId, 'participants_designated', actor.userId);
  }
  await recordAudit(db, {
    actor,
    organisationId: terms.heiId,
    action: 'participant.imported',
    subjectType: 'agreement',
    subjectId: agreementId,
    data: { added: good.length, rejectedRows: problems.length },
  });
  return { status: 'imported' as const, added: good.length, problems };
}

// ------------------------------------------------------------------ the HEI

async function heiTerms(db: Db, actor: Actor, agreementId: string) {
  const terms = await participantTerms(db, agreementId);
  try {
    await assertCaseAccess(db, actor, terms.caseId, 'read');
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound('The agreement');
    throw error;
  }
  return terms;
}

export async function heiParticipants(db: Db, actor: Actor, agreementId: string) {
  return list(db, await heiTerms(db, actor, agreementId));
}

/** The whole personnummer of one participant, for the HEI's coordinators and admins; audited every time. */
export async function revealPersonnummer(db: Db, key: Buffer, actor: Actor, agreementId: string, id: string) {
  const terms = await heiTerms(db, actor, agreementId);
  requireOrganisationRole(actor, terms.heiId, PERSONNUMMER_READERS);
  const [row] = await db
    .select()
    .from(participant)
    .where(and(eq(participant.id, id), eq(participant.agreementId, agreementId)));
  if (!row) throw notFound('The participant');
  if (!row.personnummerSealed)
    throw conflict("The personnummer was erased under the HEI's retention rule; it is no longer held.");
  await recordAudit(db, {
    actor,
    organisationId: terms.heiId,
    action: 'participant.personnummer_viewed',
    subjectType: 'participant',
    subjectId: id,
    data: { agreementId },
  });
  return { personnummer: open(key, row.personnummerSealed) };
}

/**
 * The agreement's participants who get credits, with their whole personnummer (12 digits, as Ladok takes it), for
 * registering them in Ladok, audited as one export that names how many. The caller has made sure the actor is one
 * of the HEI's PERSONNUMMER_READERS and the agreement is signed (participants.ladok.ts). Those whose personnummer was erased are counted, not listed; so are those who get a
 * certificate only (not higher education, so not in Ladok).
 */
export async function participantsForRegistration(
  db: Db,
  key: Buffer,
  actor: Actor,
  agreement: { id: string; heiId: string },
) {
  const agreementId = agreement.id;
  const rows = await db
    .select()
    .from(participant)
    .where(eq(participant.agreementId, agreementId))
    .orderBy(asc(participant.lastName), asc(participant.firstName));
  const withCredits = rows.filter((p) => p.creditEligible);
  const listed = withCredits.flatMap((p) =>
    p.personnummerSealed
      ? [
          {
            personnummer: open(key, p.personnummerSealed).replace('-', ''),
            firstName: p.firstName,
            lastName: p.lastName,
            email: p.email,
          },
        ]
      : [],
  );
  await recordAudit(db, {
    actor,
    organisationId: agreement.heiId,
    action: 'participant.registration_list_exported',
    subjectType: 'agreement',
    subjectId: agreementId,
    data: { participants: listed.length },
  });
  return {
    participants: listed,
    certificateOnly: rows.length - withCredits.length,
    erased: withCredits.length - listed.length,
  };
}

// ------------------------------------------------------------------ retention (the HEI's gallringsbeslut)
// An HEI's retention rule (the retention feature) erases participants' personnummer and e-mail some months
// after their case closed. The name and the award stay as the HEI's record of who took part, unless the rule
// also anonymises participants (after as many months or more): then the name goes too.

/** The participants of this HEI's cases closed before `before` that `still` matches. */
async function ofCasesClosedBefore(db: Db, heiId: string, before: Date, still: SQL) {
  const cases = await casesClosedBefore(db, heiId, before);
  const agreementIds = await agreementIdsOfCases(
    db,
    cases.map((c) => c.id),
  );
  if (!agreementIds.length) return [];
  const rows = await db
    .select({ id: participant.id })
    .from(participant)
    .where(and(inArray(participant.agreementId, agreementIds), still));
  return rows.map((r) => r.id);
}

/** The participants of this HEI's cases closed before `before` whose personnummer is still held. */
export const participantsEndedBefore = (db: Db, heiId: string, before: Date) =>
  ofCasesClosedBefore(db, heiId, before, isNull(participant.personalDataErasedAt));

/** The participants of this HEI's cases closed before `before` who still have a name. */
export const participantsToAnonymiseBefore = (db: Db, heiId: string, before: Date) =>
  ofCasesClosedBefore(db, heiId, before, isNull(participant.anonymisedAt));

/** The reference of the case an agreement belongs to (the e-mails about it name it). */
async function caseReferenceOf(db: Db, heiId: string, agreementId: string) {
  const { caseId } = await participantTerms(db, agreementId);
  return (await caseSummariesOf(db, heiId, [caseId])).get(caseId)?.reference;
}

/**
 * Erases a participant's personnummer and e-mail by the HEI's rule, with the e-mails Lupp sent them about the
 * case (a course evaluation's link); false when already erased.
 */
export const purgeParticipant = (db: Db, heiId: string, participantId: string, months: number) =>
  erase(db, heiId, participantId, months, 'purge');

/**
 * Anonymises a participant by the HEI's rule: the name as well as the personnummer and e-mail (and the e-mails
 * about the case). Their attendance and credential stay, so a course's figures still add up; false when already
 * anonymised.
 */
export const anonymiseParticipant = (db: Db, heiId: string, participantId: string, months: number) =>
  erase(db, heiId, participantId, months, 'anonymise');

async function erase(
  db: Db,
  heiId: string,
  participantId: string,
  months: number,
  how: 'purge' | 'anonymise',
) {
  const [before] = await db.select().from(participant).where(eq(participant.id, participantId));
  const reference = before?.email ? await caseReferenceOf(db, heiId, before.agreementId) : undefined;
  const now = new Date();
  return db.transaction(async (tx) => {
    if (before?.email && reference) await eraseMailsTo(tx, before.email, reference);
    const [erased] = await tx
      .update(participant)
      .set({
        personnummerSealed: null,
        personnummerIndex: null,
        personnummerMasked: null,
        email: null,
        personalDataErasedAt: sql`coalesce(${participant.personalDataErasedAt}, ${now.toISOString()}::timestamptz)`,
        ...(how === 'anonymise' ? { firstName: '', lastName: '', anonymisedAt: now } : {}),
      })
      .where(
        and(
          eq(participant.id, participantId),
          how === 'purge' ? isNull(participant.personalDataErasedAt) : isNull(participant.anonymisedAt),
        ),
      )
      .returning({ agreementId: participant.agreementId });
    if (!erased) return false;
    await recordAudit(tx, {
      actor: null,
      organisationId: heiId,
      action: how === 'purge' ? 'participant.personal_data_purged' : 'participant.anonymised',
      subjectType: 'participant',
      subjectId: participantId,
      data: { months, agreementId: erased.agreementId },
    });
    return true;
  });
}

// ------------------------------------------------------------------ subject access (registerutdrag)

/**
 * The person as a participant under the HEI's agreements, found by e-mail (any case) or by personnummer
 * (its keyed hash: nothing is decrypted), with each agreement's case: for a subject access report. No access
 * check (the caller made one). `personnummer` is normalised (checkPersonnummer).
 */
export async function participationsOf(
  db: Db,
  key: Buffer,
  heiId: string,
  person: { email?: string; personnummer?: string },
) {
  const found = [
    person.email ? sql`lower(${participant.email}) = lower(${person.email})` : undefined,
    person.personnummer ? eq(participant.personnummerIndex, blindIndex(key, person.personnummer)) : undefined,
  ].filter((condition) => condition !== undefined);
  if (!found.length) return [];
  // the person's few rows first; then which of their agreements are this HEI's
  const rows = await db
    .select()
    .from(participant)
    .where(or(...found))
    .orderBy(asc(participant.createdAt));
  const agreements = await casesOfHeiAgreements(db, heiId, [...new Set(rows.map((r) => r.agreementId))]);
  const cases = await caseSummariesOf(db, heiId, [...new Set(agreements.values())]);
  return rows.flatMap((p) => {
    const of = cases.get(agreements.get(p.agreementId) ?? '');
    if (!of) return [];
    return [
      {
        participantId: p.id,
        agreementId: p.agreementId,
        caseId: of.id,
        caseReference: of.reference,
        caseTitle: of.title,
        customerName: of.customerName,
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email,
        personnummer: p.personnummerMasked,
        creditEligible: p.creditEligible,
        designatedAt: p.createdAt.toISOString(),
      },
    ];
  });
}

/** How many participants each of these agreements has, and how many of them get credits (no access check). */
export async function participantTallies(db: Db, agreementIds: string[]) {
  if (!agreementIds.length) return new Map<string, { all: number; credits: number }>();
  const rows = await db
    .select({
      agreementId: participant.agreementId,
      all: sql<number>`count(*)::int`,
      credits: sql<number>`(count(*) filter (where ${participant.creditEligible}))::int`,
    })
    .from(participant)
    .where(inArray(participant.agreementId, agreementIds))
    .groupBy(participant.agreementId);
  return new Map(rows.map((r) => [r.agreementId, { all: r.all, credits: r.credits }]));
}

/** The distinct e-mail addresses of these agreements' participants (to send them a link; no access check). */
export async function participantEmails(db: Db, agreementIds: string[]): Promise<string[]> {
  if (!agreementIds.length) return [];
  const rows = await db
    .selectDistinct({ email: participant.email })
    .from(participant)
    .where(and(inArray(participant.agreementId, agreementIds), isNotNull(participant.email)));
  return [...new Set(rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])))];
}

/** The participants of these agreements, by name (for features that act on a course's participants; no access check). */
export async function participantsOfAgreements(db: Db, agreementIds: string[]) {
  if (!agreementIds.length) return [];
  return db
    .select({
      id: participant.id,
      agreementId: participant.agreementId,
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      creditEligible: participant.creditEligible,
      anonymisedAt: participant.anonymisedAt,
    })
    .from(participant)
    .where(inArray(participant.agreementId, agreementIds))
    .orderBy(asc(participant.lastName), asc(participant.firstName), asc(participant.id));
}

/** The participants of a course design: those of its agreements signed by both parties (no access check). */
export async function participantsOfDesign(db: Db, designId: string) {
  return participantsOfAgreements(db, await signedAgreementIdsOfDesign(db, designId));
}
