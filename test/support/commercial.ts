import { expect } from 'vitest';
import { insertApprovedCostConfig } from '../../src/features/costing/costing.service.ts';
import { demoCostConfig } from '../../src/features/demo/demo-costs.ts';
import type { Role } from '../../src/features/tenancy/tenancy.contract.ts';
import type { TestApp } from './app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  importCourses,
  inquiryInput,
  type TestUser,
} from './factories.ts';

/**
 * The set-up of the commercial tests (design, calculation, proposal): an HEI with degree-awarding powers
 * in SUN 52, the demo cost configuration approved, its staff by role, a catalogue course on PLC
 * programming, and a case from the front door claimed by the coordinator, with a contact person of the
 * customer in the portal.
 */
export async function commercialSetUp(t: TestApp) {
  const alliance = await createConsortium(t);
  const hei = (await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id, degreeFields: ['52'] }))
    .id;
  const other = (await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id })).id;
  const user = (roles: Role[], organisationId = hei) => createUser(t, [{ organisationId, roles }]);
  const users = {
    coord: await user(['coordinator']),
    teacher: await user(['teacher']),
    economist: await user(['economist']),
    manager: await user(['manager']),
    outsider: await user(['coordinator', 'manager', 'economist'], other),
  };
  await insertApprovedCostConfig(t.db, {
    heiId: hei,
    effectiveFrom: '2026-01-01',
    config: demoCostConfig,
    note: '',
    approvedBy: null,
  });
  await importCourses(t.db, hei, [
    {
      code: 'PLC101',
      title: 'PLC-programmering för underhållstekniker',
      language: 'sv',
      credits: 7.5,
      level: 'first-cycle',
      sunField: '52',
      format: 'blended',
      description: 'Felsökning och ändringar i PLC-program enligt IEC 61131-3.',
      learningOutcomes: ['läsa och felsöka ett PLC-program', 'göra säkra ändringar'],
      subjects: ['Automation'],
    },
  ]);
  const as = (u: TestUser, body?: unknown) => ({ cookie: u.cookie, body });
  const courseId: string = (await t.request('GET', `/api/catalog/courses?hei=${hei}`, as(users.coord))).json()
    .courses[0].id;

  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${alliance.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput()),
  });
  const { reference } = submitted.json();
  const inbox = (await t.request('GET', `/api/inquiries?view=inbox&q=${reference}`, as(users.coord))).json()
    .items;
  const inquiry = inbox.find((i: { reference: string }) => i.reference === reference);
  expect((await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, as(users.coord))).statusCode).toBe(
    200,
  );
  const caseId: string = (await t.request('GET', '/api/cases?pageSize=200', as(users.coord)))
    .json()
    .items.find((c: { reference: string }) => c.reference === reference).id;
  const customerId: string = (await t.request('GET', `/api/cases/${caseId}`, as(users.coord))).json().customer
    .id;
  const contact = await createUser(t, [{ organisationId: customerId, roles: ['customer_contact'] }]);
  return { hei, consortiumSlug: alliance.slug, courseId, caseId, customerId, contact, as, ...users };
}

type SetUp = Awaited<ReturnType<typeof commercialSetUp>>;

/**
 * Through HTTP, the example of the calculation tests on the set-up's case: a design from the PLC course for
 * 20 participants (a lecturer 40 h teaching and 20 h development, a professor 8 h, 4 trips: 90 313,57 kr),
 * approved by the manager, calculated and approved by the economist, and a proposal sent (and accepted by
 * the customer's contact when asked).
 */
export async function exampleProposal(
  t: TestApp,
  s: SetUp,
  until: 'sent' | 'accepted',
  fields: { examination?: string; teachers?: object[] } = {},
) {
  const as = s.as;
  const year = new Date().getUTCFullYear() + 1;
  const made = (
    await t.request(
      'POST',
      `/api/cases/${s.caseId}/designs`,
      as(s.coord, { title: 'PLC för underhållet', fromCourseIds: [s.courseId], participants: 20 }),
    )
  ).json();
  await t.request(
    'PATCH',
    `/api/designs/${made.id}`,
    as(s.coord, {
      revision: 1,
      teachers: [
        { name: 'Lektor i automation', category: 'lecturer', teachingHours: 40, developmentHours: 20 },
        { name: 'Professor i reglerteknik', category: 'professor', teachingHours: 8 },
      ],
      costs: { trips: 4, otherDirect: [], deliveredByOthers: [] },
      ...fields,
    }),
  );
  expect(
    (await t.request('POST', `/api/designs/${made.id}/approve`, as(s.manager, { revision: 2 }))).statusCode,
  ).toBe(200);
  const calc = (await t.request('POST', `/api/designs/${made.id}/calculations`, as(s.coord))).json();
  await t.request('POST', `/api/designs/${made.id}/calculations/${calc.id}/approve`, as(s.economist));
  const proposal = (
    await t.request(
      'POST',
      `/api/cases/${s.caseId}/proposals`,
      as(s.coord, { designId: made.id, validUntil: `${year}-06-30` }),
    )
  ).json();
  await t.request('POST', `/api/proposals/${proposal.id}/send`, as(s.coord, { revision: 1 }));
  if (until === 'accepted')
    expect(
      (await t.request('POST', `/api/portal/proposals/${proposal.id}/accept`, as(s.contact))).statusCode,
    ).toBe(200);
  return { designId: made.id as string, proposalId: proposal.id as string };
}

/** The accepted proposal's agreement, made by the coordinator (not signed): its id. */
export async function draftAgreement(t: TestApp, s: SetUp, proposalId: string): Promise<string> {
  const year = new Date().getUTCFullYear() + 1;
  const created = await t.request(
    'POST',
    `/api/cases/${s.caseId}/agreements`,
    s.as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
  );
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

/** Revision 1 of the agreement signed by the manager and by the customer's contact. */
export async function signBoth(t: TestApp, s: SetUp, agreementId: string) {
  await t.request('POST', `/api/agreements/${agreementId}/sign`, s.as(s.manager, { revision: 1 }));
  await t.request('POST', `/api/portal/agreements/${agreementId}/sign`, s.as(s.contact, { revision: 1 }));
}

/** The accepted proposal's agreement, made by the coordinator and signed by the manager and the customer's contact. */
export async function signedAgreement(t: TestApp, s: SetUp, proposalId: string): Promise<string> {
  const id = await draftAgreement(t, s, proposalId);
  await signBoth(t, s, id);
  return id;
}
