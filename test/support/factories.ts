import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { createPasswordAccount } from '../../src/features/auth/auth.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { importCatalog } from '../../src/features/catalog/catalog.service.ts';
import { courseDesign } from '../../src/features/design/design.table.ts';
import {
  courseEvaluation,
  evaluationFollowUp,
  evaluationResponse,
} from '../../src/features/evaluation/evaluation.table.ts';
import { sectorOfOrgNumber, withCheckDigit } from '../../src/features/tenancy/org-number.ts';
import type { Role } from '../../src/features/tenancy/tenancy.contract.ts';
import { consortium, membership, organisation } from '../../src/features/tenancy/tenancy.table.ts';
import type { TestApp } from './app.ts';

export const PASSWORD = 'correct-horse-battery';
const unique = () => randomBytes(4).toString('hex');

let orgCounter = 0;
/** A valid, unique organisationsnummer of the right kind (HEIs are state authorities: 2xxxxx-xxxx). */
export function orgNumber(kind: 'hei' | 'customer' = 'customer'): string {
  orgCounter += 1;
  const serial = String((process.pid * 1000 + orgCounter) % 1_000_000).padStart(6, '0');
  return withCheckDigit(`${kind === 'hei' ? '202' : '556'}${serial}`);
}

export async function createConsortium(t: TestApp, name = `Konsortium ${unique()}`) {
  const [row] = await t.db
    .insert(consortium)
    .values({ slug: `k-${unique()}`, name })
    .returning();
  if (!row) throw new Error('no consortium');
  return row;
}

export async function createOrganisation(
  t: TestApp,
  input: {
    kind?: 'hei' | 'customer';
    name?: string;
    consortiumId?: string;
    county?: string;
    degreeFields?: string[];
    /** Ten digits; by default a new one, of a limited company (a customer) or a public body (an HEI). */
    orgNumber?: string;
  } = {},
) {
  const kind = input.kind ?? 'hei';
  const consortiumId = kind === 'hei' ? (input.consortiumId ?? (await createConsortium(t)).id) : null;
  const [row] = await t.db
    .insert(organisation)
    .values({
      kind,
      name: input.name ?? `${kind === 'hei' ? 'Högskolan' : 'Företaget'} ${unique()}`,
      orgNumber: input.orgNumber ?? orgNumber(kind),
      consortiumId,
      county: input.county ?? null,
      degreeFields: input.degreeFields ?? [],
    })
    .returning();
  if (!row) throw new Error('no organisation');
  return row;
}

export type TestUser = { id: string; email: string; name: string; cookie: string };

/** A user with memberships, already signed in: `cookie` authenticates requests as them. */
export async function createUser(
  t: TestApp,
  memberships: { organisationId?: string; consortiumId?: string; roles: Role[] }[] = [],
  input: { email?: string; name?: string } = {},
): Promise<TestUser> {
  const email = input.email ?? `user-${unique()}@example.se`;
  const name = input.name ?? `Användare ${unique()}`;
  const { id } = await createPasswordAccount(t.auth, { email, name, password: PASSWORD });
  for (const m of memberships) await t.db.insert(membership).values({ userId: id, ...m });
  return { id, email, name, cookie: await signIn(t, email, PASSWORD) };
}

export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const response = await t.request('POST', '/api/auth/sign-in/email', { body: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookies = response.headers['set-cookie'];
  const list = Array.isArray(cookies) ? cookies : [cookies ?? ''];
  return list.map((c) => c.split(';')[0]).join('; ');
}

/** A valid front-door inquiry; override any field. */
export function inquiryInput(overrides: Record<string, unknown> = {}) {
  return {
    organisationName: 'Stålverket i Norrvik AB',
    orgNumber: orgNumber('customer'),
    sector: 'private',
    municipality: 'Norrvik',
    county: 'Norrbotten',
    contactName: 'Sara Ståhl',
    contactEmail: 'sara@stalverket.example',
    needText:
      'Våra underhållstekniker behöver fördjupad kunskap om svetsteknik och materialval för höga temperaturer.',
    subjectArea: '52',
    purpose: 'staff_training',
    participantsWorkForBuyer: true,
    participants: 12,
    desiredStart: 'Hösten 2027',
    format: 'blended',
    language: 'sv',
    budgetRange: '100k_500k',
    consent: true,
    locale: 'sv',
    ...overrides,
  };
}

/**
 * Courses imported into an HEI's catalogue as the interchange JSON (the catalogue and its matching index
 * written as an import writes them, the neighbours rebuilt unless `queueNeighbours` takes that over; tag
 * suggestions only when asked); fails unless the import succeeded.
 */
export async function importCourses(
  db: Db,
  heiId: string,
  courses: Record<string, unknown>[],
  {
    suggestTags = false,
    queueNeighbours,
  }: { suggestTags?: boolean; queueNeighbours?: (heiId: string) => Promise<void> } = {},
) {
  const report = await importCatalog(db, {
    queueNeighbours,
    heiId,
    actor: null,
    fileName: 'catalog.json',
    format: 'json',
    content: Buffer.from(JSON.stringify({ courses })),
    mapping: null,
    keepValidRows: false,
    suggestTags,
  });
  if (report.status !== 'succeeded') throw new Error(`the catalogue import ${report.status}`);
  return report;
}

let evaluatedCourses = 0;

/**
 * A course given to a customer and evaluated by its participants, written as Lupp writes them: a case, its
 * approved design in a SUN field, the evaluation, and one answer per `overall` (the overall impression; every
 * answer rates its one outcome 2 before and 4 after, every other one would recommend the course). With
 * `followUp`, the customer has answered levels 3 and 4.
 */
export async function evaluatedCourse(
  db: Db,
  heiId: string,
  customerId: string,
  sunField: string | null,
  overall: number[],
  followUp?: { application: number; results: number; again: boolean },
) {
  evaluatedCourses += 1;
  const [customer] = await db
    .select({ orgNumber: organisation.orgNumber })
    .from(organisation)
    .where(eq(organisation.id, customerId));
  const [theCase] = await db
    .insert(caseFile)
    .values({
      heiId,
      customerId,
      customerName: 'Kund',
      reference: `UE-${evaluatedCourses}-${randomBytes(3).toString('hex')}`,
      title: 'Utvärderad kurs',
      needText: 'En kurs som gavs och utvärderades.',
      sector: sectorOfOrgNumber(customer?.orgNumber ?? ''),
    })
    .returning({ id: caseFile.id });
  const caseId = theCase?.id ?? '';
  const [design] = await db
    .insert(courseDesign)
    .values({
      caseId,
      heiId,
      title: 'Kursen',
      language: 'sv',
      format: 'campus',
      sunField,
      participants: overall.length,
      costs: { otherDirect: [], deliveredByOthers: [] },
      status: 'approved',
    })
    .returning({ id: courseDesign.id });
  const [evaluation] = await db
    .insert(courseEvaluation)
    .values({
      caseId,
      heiId,
      designId: design?.id ?? '',
      title: 'Kursen',
      outcomes: [{ key: 'o1', text: 'Mål' }],
      invited: Math.max(5, overall.length),
      closesOn: '2030-01-01',
    })
    .returning({ id: courseEvaluation.id });
  const evaluationId = evaluation?.id ?? '';
  await db.insert(evaluationResponse).values(
    overall.map((o, i) => ({
      evaluationId,
      reaction: { overall: o, relevance: o, teaching: o, arrangements: o },
      recommend: i % 2 === 0,
      outcomes: [{ key: 'o1', before: 2, after: 4 }],
    })),
  );
  if (followUp)
    await db
      .insert(evaluationFollowUp)
      .values({ evaluationId, answeredAt: new Date(), answeredByName: 'Kund', ...followUp });
  return { caseId, evaluationId };
}
