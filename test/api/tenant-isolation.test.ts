import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { heiRoles, type Role } from '../../src/features/tenancy/tenancy.contract.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { pngDataUrl, tinyPng } from '../support/png.ts';

/**
 * The tenancy matrix: every organisation-scoped endpoint, tried by users of another HEI (every role),
 * by users of the same HEI without the needed role, and anonymously. Later features add their
 * endpoints to `endpoints` below; the checks stay the same.
 */
type Ctx = {
  orgA: string;
  memberA: string;
  invitationA: string;
  courseA: string;
  conceptA: string;
  configA: string;
  /** A member of A who holds none of the roles tried (adminA): whose staff profile and merit record are asked for. */
  staffA: string;
  /** A language of the proposal texts. */
  language: string;
  /** A shared page and template of the process guide (the HEI's version adapts them). */
  guidePage: string;
  guideTemplate: string;
};
type Endpoint = {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: (c: Ctx) => string;
  body?: unknown;
  /** Roles in the organisation that may call it; [] means any member. */
  roles: readonly Role[];
};

const endpoints: Endpoint[] = [
  { name: 'read organisation', method: 'GET', url: (c) => `/api/organisations/${c.orgA}`, roles: [] },
  {
    name: 'update organisation',
    method: 'PATCH',
    url: (c) => `/api/organisations/${c.orgA}`,
    body: { name: 'Kapad' },
    roles: ['admin'],
  },
  {
    name: 'update organisation address and bankgiro',
    method: 'PATCH',
    url: (c) => `/api/organisations/${c.orgA}`,
    body: { streetAddress: 'Kapad väg 1', postalCode: '11111', city: 'Kapad', bankgiro: '5050-1055' },
    roles: ['admin'],
  },
  { name: 'read logo', method: 'GET', url: (c) => `/api/organisations/${c.orgA}/logo`, roles: [] },
  {
    name: 'set logo',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/logo`,
    body: { dataUrl: pngDataUrl(tinyPng(3, 3, [0xff, 0, 0])) },
    roles: ['admin'],
  },
  {
    name: 'remove logo',
    method: 'DELETE',
    url: (c) => `/api/organisations/${c.orgA}/logo`,
    roles: ['admin'],
  },
  {
    name: 'list members',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/members`,
    roles: ['admin', 'manager'],
  },
  {
    name: 'set roles',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/members/${c.memberA}/roles`,
    body: { roles: ['admin'] },
    roles: ['admin'],
  },
  {
    name: 'remove member',
    method: 'DELETE',
    url: (c) => `/api/organisations/${c.orgA}/members/${c.memberA}`,
    roles: ['admin'],
  },
  {
    name: 'list invitations',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/invitations`,
    roles: ['admin'],
  },
  {
    name: 'invite',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/invitations`,
    body: { email: 'intrang@example.se', roles: ['admin'] },
    roles: ['admin'],
  },
  {
    name: 'read dialogue guides',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/dialogue-templates`,
    roles: [],
  },
  {
    name: 'replace dialogue guides',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/dialogue-templates`,
    body: { templates: [] },
    roles: ['admin'],
  },
  {
    name: 'read audit log',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/audit`,
    roles: ['admin'],
  },
  {
    name: "read the audit log's filters",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/audit/filters`,
    roles: ['admin'],
  },
  {
    name: 'read the keys that sign micro-credentials',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/credential-keys`,
    roles: ['admin'],
  },
  {
    name: 'rotate the key that signs micro-credentials',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/credential-keys`,
    body: { withdraw: true },
    roles: ['admin'],
  },
  {
    name: 'read checklist',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/checklist`,
    roles: ['admin', 'coordinator', 'manager'],
  },
  {
    name: 'replace checklist',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/checklist`,
    body: { items: [] },
    roles: ['admin'],
  },
  {
    name: 'read the retention rule',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/retention`,
    roles: [],
  },
  {
    name: 'set the retention rule',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/retention`,
    body: { inquiryContactMonths: 1, participantMonths: 1 },
    roles: ['admin'],
  },
  {
    name: 'apply the retention rule now',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/retention/run`,
    roles: ['admin'],
  },
  {
    name: 'make a subject access report',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/subject-access`,
    body: { email: 'someone@example.se' },
    roles: ['admin'],
  },
  {
    name: 'upload a catalogue file',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/catalog/uploads`,
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'import a catalogue',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/catalog/imports`,
    body: { uploadId: '00000000-0000-4000-8000-000000000000' },
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'list catalogue imports',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/catalog/imports`,
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'suggested concepts to review',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/catalog/tag-review`,
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'export the catalogue as a file',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/catalog/export`,
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'add a course',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/catalog/courses`,
    body: { code: 'KAPAD1', titleSv: 'Kapad' },
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'change a course',
    method: 'PATCH',
    url: (c) => `/api/organisations/${c.orgA}/catalog/courses/${c.courseA}`,
    body: { titleSv: 'Kapad' },
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'delete a course',
    method: 'DELETE',
    url: (c) => `/api/organisations/${c.orgA}/catalog/courses/${c.courseA}`,
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'suggest course tags',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/catalog/courses/${c.courseA}/tag-suggestions`,
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'decide a course tag',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/catalog/courses/${c.courseA}/tags/${c.conceptA}`,
    body: { status: 'confirmed' },
    roles: ['admin', 'coordinator'],
  },
  {
    name: 'list cost configuration versions',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/cost-configs`,
    roles: ['admin', 'coordinator', 'economist', 'manager'],
  },
  {
    name: 'read a cost configuration version',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/cost-configs/${c.configA}`,
    roles: ['admin', 'coordinator', 'economist', 'manager'],
  },
  {
    name: 'draft a cost configuration version',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/cost-configs`,
    body: { effectiveFrom: '2031-01-01' },
    roles: ['admin', 'economist'],
  },
  {
    name: 'change a cost configuration draft',
    method: 'PATCH',
    url: (c) => `/api/organisations/${c.orgA}/cost-configs/${c.configA}`,
    body: { revision: 1, note: 'Kapad' },
    roles: ['admin', 'economist'],
  },
  {
    name: 'approve a cost configuration',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/cost-configs/${c.configA}/approve`,
    body: { revision: 1 },
    roles: ['economist'],
  },
  {
    name: 'calculate full cost',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/costing/calculate`,
    body: { design: { participants: 10, teaching: [{ category: 'lecturer', hours: 10 }] } },
    roles: ['admin', 'coordinator', 'economist', 'manager'],
  },
  // incentives: everyone at the HEI reads the model; admins and economists set a new version
  {
    name: 'list incentive model versions',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/incentive-models`,
    roles: [],
  },
  {
    name: 'set an incentive model version',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/incentive-models`,
    body: {
      effectiveFrom: '2031-01-01',
      departmentShareBp: 9_000,
      workloadFactorBp: 30_000,
      descriptionSv: 'Kapad',
      descriptionEn: 'Hijacked',
    },
    roles: ['admin', 'economist'],
  },
  {
    name: 'read the proposal texts',
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/proposal-templates/${c.language}`,
    roles: ['admin', 'coordinator', 'teacher', 'economist', 'manager'],
  },
  {
    name: 'write the proposal texts',
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/proposal-templates/${c.language}`,
    body: { intro: 'Kapad', terms: 'Kapad' },
    roles: ['admin', 'coordinator'],
  },
  {
    name: "list the HEI's staff profiles",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/staff`,
    roles: ['admin', 'coordinator', 'manager'],
  },
  {
    name: 'find teachers by expertise',
    method: 'POST',
    url: (c) => `/api/organisations/${c.orgA}/staff/search`,
    body: { conceptIds: ['00000000-0000-4000-8000-000000000000'] },
    roles: ['admin', 'coordinator', 'manager'],
  },
  {
    name: "read someone else's staff profile",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/staff/${c.staffA}`,
    roles: ['admin', 'coordinator', 'manager'],
  },
  {
    name: "change someone else's staff profile",
    method: 'PUT',
    url: (c) => `/api/organisations/${c.orgA}/staff/${c.staffA}`,
    body: { availability: 'available', interest: 'high', bio: 'Kapad' },
    roles: ['admin'],
  },
  {
    name: "read someone else's merit record",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/staff/${c.staffA}/merit`,
    roles: ['admin', 'manager'],
  },
  {
    name: "export someone else's merit record (DOCX)",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/staff/${c.staffA}/merit.docx`,
    roles: ['admin', 'manager'],
  },
  {
    name: "export someone else's merit record (PDF)",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/staff/${c.staffA}/merit.pdf`,
    roles: ['admin', 'manager'],
  },
  // the HEI's version of the process guide: admins adapt it, managers may read it
  {
    name: "read the HEI's guide",
    method: 'GET',
    url: (c) => `/api/organisations/${c.orgA}/guide`,
    roles: ['admin', 'manager'],
  },
  ...(['pages', 'templates'] as const).flatMap((segment): Endpoint[] => {
    const url = (c: Ctx) =>
      `/api/organisations/${c.orgA}/guide/${segment}/${segment === 'pages' ? c.guidePage : c.guideTemplate}/${c.language}`;
    const body = { title: 'Kapad', body: '# Kapad\n\nKapad.' };
    return [
      { name: `read a guide ${segment} item`, method: 'GET', url, roles: ['admin', 'manager'] },
      { name: `adapt a guide ${segment} item`, method: 'PUT', url, body, roles: ['admin'] },
      { name: `reset a guide ${segment} item`, method: 'DELETE', url, roles: ['admin'] },
      {
        name: `preview a guide ${segment} item`,
        method: 'POST',
        url: (c) => `${url(c)}/preview`,
        body,
        roles: ['admin'],
      },
    ];
  }),
  {
    name: 'revoke invitation',
    method: 'DELETE',
    url: (c) => `/api/organisations/${c.orgA}/invitations/${c.invitationA}`,
    roles: ['admin'],
  },
];

let t: TestApp;
let ctx: Ctx;
let adminA: TestUser;
const usersA = new Map<Role, TestUser>();
const usersB: TestUser[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const a = await createOrganisation(t, { kind: 'hei', name: 'Högskolan A', consortiumId: alliance.id });
  const b = await createOrganisation(t, { kind: 'hei', name: 'Högskolan B', consortiumId: alliance.id });
  const customer = await createOrganisation(t, { kind: 'customer' });
  adminA = await createUser(t, [{ organisationId: a.id, roles: ['admin'] }]);
  for (const role of heiRoles) {
    usersA.set(role, await createUser(t, [{ organisationId: a.id, roles: [role] }]));
    usersB.push(await createUser(t, [{ organisationId: b.id, roles: [role] }]));
  }
  usersB.push(await createUser(t, [{ organisationId: customer.id, roles: ['customer_contact'] }]));
  usersB.push(await createUser(t, [{ consortiumId: alliance.id, roles: ['analyst'] }]));

  const members = (
    await t.request('GET', `/api/organisations/${a.id}/members`, { cookie: adminA.cookie })
  ).json();
  // A logo to read, replace or remove: refused calls must leave it as it is.
  const logo = await t.request('PUT', `/api/organisations/${a.id}/logo`, {
    cookie: adminA.cookie,
    body: { dataUrl: pngDataUrl() },
  });
  expect(logo.statusCode, logo.body).toBe(200);
  const teacherA = usersA.get('teacher');
  const invited = await t.request('POST', `/api/organisations/${a.id}/invitations`, {
    cookie: adminA.cookie,
    body: { email: 'pending@example.se', roles: ['teacher'] },
  });
  const course = await t.request('POST', `/api/organisations/${a.id}/catalog/courses`, {
    cookie: adminA.cookie,
    body: { code: 'A100', titleSv: 'Kurs vid A' },
  });
  const [concept] = await t.db
    .insert(taxonomyConcept)
    .values({ source: 'demo', externalId: 'iso-1', type: 'skill', labelSv: 'svetsning', version: '1' })
    .returning();
  const costConfig = await t.request('POST', `/api/organisations/${a.id}/cost-configs`, {
    cookie: usersA.get('economist')?.cookie,
    body: {
      effectiveFrom: '2030-01-01',
      config: {
        staff: [{ key: 'lecturer', label: 'Lektor', hourlySalaryOre: 45_000, payrollOverheadBp: 4_150 }],
        indirectCostBp: 3_500,
        indirectCostBase: 'staff',
        premises: { kind: 'surcharge', rateBp: 1_200 },
        administrationPerDeliveryOre: 0,
        administrationPerParticipantOre: 0,
        materialsPerParticipantOre: 0,
        travelPerTripOre: 0,
        vat: { applies: false, rateBp: 2_500 },
      },
    },
  });
  expect(costConfig.statusCode, costConfig.body).toBe(201);
  // An adaptation to read, replace or remove: refused calls must leave it as it is.
  const adapted = await t.request('PUT', `/api/organisations/${a.id}/guide/templates/calculation/sv`, {
    cookie: adminA.cookie,
    body: { title: 'Kalkyl vid A', body: '# Kalkyl vid A\n\nVåra satser.' },
  });
  expect(adapted.statusCode, adapted.body).toBe(200);
  ctx = {
    guidePage: 'vat',
    guideTemplate: 'calculation',
    language: 'sv',
    configA: costConfig.json().id,
    staffA: adminA.id,
    orgA: a.id,
    memberA: members.find((m: { userId: string }) => m.userId === teacherA?.id).membershipId,
    invitationA: invited.json().id,
    courseA: course.json().id,
    conceptA: concept?.id ?? '',
  };
});
afterAll(() => t.close());

/** What A holds, read by A's admin: a refused request must leave all of it as it was. Read in parallel. */
async function snapshotOfA() {
  const get = async (url: string) => (await t.request('GET', url, { cookie: adminA.cookie })).json();
  const org = `/api/organisations/${ctx.orgA}`;
  const reads = {
    org: get(org),
    logo: t.request('GET', `${org}/logo`, { cookie: adminA.cookie }).then((r) => r.body),
    members: get(`${org}/members`),
    invitations: get(`${org}/invitations`),
    checklist: get(`${org}/checklist`),
    guides: get(`${org}/dialogue-templates`),
    catalog: get(`/api/catalog/courses?hei=${ctx.orgA}`),
    course: get(`/api/catalog/courses/${ctx.courseA}`),
    costConfigs: get(`${org}/cost-configs`),
    staffProfile: get(`${org}/staff/${ctx.staffA}`),
    proposalTexts: get(`${org}/proposal-templates/sv`),
    incentiveModels: get(`${org}/incentive-models`),
    guide: get(`${org}/guide`),
  };
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(Object.keys(reads).map((key, i) => [key, values[i]]));
}

describe.each(endpoints)('$method $name', (endpoint) => {
  // A as it was before the endpoint was tried; checked once the outsiders and A's own members were refused
  let before: Awaited<ReturnType<typeof snapshotOfA>>;
  beforeAll(async () => {
    before = await snapshotOfA();
  });

  it('is refused to users of other organisations and the consortium (404: existence not revealed)', async () => {
    for (const user of usersB) {
      const response = await t.request(endpoint.method, endpoint.url(ctx), {
        cookie: user.cookie,
        body: endpoint.body,
      });
      expect(response.statusCode, `${endpoint.name} as outsider`).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
  });

  it('is refused (403) to members without a role that allows it, and A is as it was', async () => {
    for (const [role, user] of usersA) {
      if (endpoint.roles.length === 0 || endpoint.roles.includes(role)) continue;
      const response = await t.request(endpoint.method, endpoint.url(ctx), {
        cookie: user.cookie,
        body: endpoint.body,
      });
      expect(response.statusCode, `${endpoint.name} as ${role}`).toBe(403);
    }
    expect(await snapshotOfA()).toEqual(before);
  });

  it('is refused (401) without a session', async () => {
    const response = await t.request(endpoint.method, endpoint.url(ctx), { body: endpoint.body });
    expect(response.statusCode).toBe(401);
  });
});

/**
 * Routes not scoped by an organisation in their path. Each is isolated in its own way, tested where named.
 * A new route must be added to the matrix above or here, with the test that proves its isolation.
 */
const scopedElsewhere: Record<string, string> = {
  'GET /api/me': 'account.test.ts: only the signed-in user',
  'PUT /api/me/active-membership': "account.test.ts: refuses another user's membership",
  'PUT /api/me/preferences': 'account.test.ts: only the signed-in user',
  'GET /api/invitations/{token}': 'invitations.test.ts: the token is the credential',
  'POST /api/invitations/{token}/accept': 'invitations.test.ts: must be signed in as the invited address',
  'GET /api/public/consortia/{slug}': 'public: consortium name and member HEIs only',
  'POST /api/public/consortia/{slug}/inquiries': 'public: the front door',
  'GET /api/public/inquiries/{token}': 'inquiries.test.ts: the token is the credential; no internal data',
  'GET /api/inquiries': 'inquiries.test.ts "who may see and do what": the active HEI\'s consortium only',
  'GET /api/inquiries/{inquiryId}':
    'inquiries.test.ts: other HEIs get 404 once claimed; other consortia always',
  'POST /api/inquiries/{inquiryId}/claim': 'inquiries.test.ts',
  'POST /api/inquiries/{inquiryId}/refer': 'inquiries.test.ts',
  'POST /api/inquiries/{inquiryId}/referral/accept': 'inquiries.test.ts',
  'POST /api/inquiries/{inquiryId}/referral/decline': 'inquiries.test.ts',
  'POST /api/inquiries/{inquiryId}/decline': 'inquiries.test.ts',
  'POST /api/inquiries/{inquiryId}/eligibility/overrides': 'inquiries.test.ts',
  'PUT /api/inquiries/{inquiryId}/contact':
    'inquiries.test.ts "only a coordinator who can see the inquiry…": other HEIs once claimed, other consortia 404',
  'POST /api/inquiries/{inquiryId}/contact/erase':
    'inquiries.test.ts "only a coordinator who can see the inquiry…": other HEIs once claimed, other consortia 404',
  'GET /api/cases': 'cases.test.ts "isolation": the active HEI\'s cases only',
  'GET /api/cases/board': 'cases.test.ts "isolation"',
  'GET /api/overview': "overview.test.ts: the active HEI's own tasks and cases, and its shared inbox",
  'POST /api/cases': 'cases are created at the active HEI',
  'GET /api/cases/{caseId}': 'cases.test.ts "isolation": other HEIs get 404',
  'PATCH /api/cases/{caseId}': 'case-details.test.ts: coordinators and managers of its HEI; other HEIs 404',
  'PUT /api/cases/{caseId}/owner':
    'case-details.test.ts: other HEIs 404; the new owner must be a coordinator at the same HEI',
  'POST /api/cases/hand-over':
    "case-details.test.ts: only the active HEI's cases move, and only to its own coordinators",
  'PUT /api/cases/{caseId}/checklist/{itemId}': "cases.test.ts: items of the case's own HEI only",
  'POST /api/cases/{caseId}/stage': 'cases.test.ts',
  'POST /api/cases/{caseId}/close': 'cases.test.ts',
  'POST /api/cases/{caseId}/entries': 'cases.test.ts "isolation"',
  'POST /api/cases/{caseId}/tasks': 'cases.test.ts: assignees must be of the same HEI',
  'PATCH /api/cases/{caseId}/tasks/{taskId}': 'cases.test.ts',
  'POST /api/cases/{caseId}/customer-contacts': "portal.test.ts: coordinators of the case's HEI only",
  'GET /api/cases/{caseId}/documents': 'documents.test.ts: other HEIs get 404',
  'POST /api/cases/{caseId}/documents': 'documents.test.ts',
  'GET /api/cases/{caseId}/documents/{documentId}': 'documents.test.ts',
  'DELETE /api/cases/{caseId}/documents/{documentId}': 'documents.test.ts',
  'GET /api/portal/cases/{caseId}/documents': 'documents.test.ts: shared and own uploads only',
  'POST /api/portal/cases/{caseId}/documents': 'documents.test.ts',
  'GET /api/portal/cases/{caseId}/documents/{documentId}': 'documents.test.ts: internal documents are 404',
  'GET /api/notifications': "notifications.test.ts: the signed-in user's own",
  'POST /api/notifications/{notificationId}/read': "notifications.test.ts: another user's is 404",
  'GET /api/consortium': "the active organisation's consortium only (names of member HEIs)",
  'GET /api/colleagues': "the active organisation's members only (names and roles)",
  'GET /api/taxonomy/concepts': 'shared reference data: every signed-in user (taxonomy.test.ts)',
  'GET /api/taxonomy/concepts/{conceptId}': 'shared reference data',
  'POST /api/taxonomy/suggestions': 'shared reference data; the text is not stored',
  'GET /api/taxonomy/imports': 'taxonomy.test.ts: HEI admins only',
  'POST /api/taxonomy/imports': 'taxonomy-import-ui.test.ts: admins of any HEI (shared data); others 403',
  'GET /api/taxonomy/imports/{importId}': 'taxonomy-import-ui.test.ts: administrators of any HEI; others 403',
  'GET /api/analyses': "needs.test.ts: the active HEI's analyses only",
  'GET /api/analyses/levels': 'reference text: level descriptions and the formula',
  'POST /api/analyses': "needs.test.ts: only for the HEI's own cases",
  'GET /api/analyses/{analysisId}': 'needs.test.ts: other HEIs get 404',
  'POST /api/analyses/{analysisId}/roles': 'needs.test.ts',
  'POST /api/analyses/{analysisId}/needs': 'needs.test.ts',
  'PUT /api/analyses/{analysisId}/needs/{needId}': 'needs.test.ts',
  'DELETE /api/analyses/{analysisId}/needs/{needId}': 'needs.test.ts',
  'POST /api/analyses/{analysisId}/versions': 'needs.test.ts',
  'GET /api/analyses/{analysisId}/export': "needs.test.ts: the HEI's own analyses only",
  'GET /api/analyses/{analysisId}/summary.pdf': 'needs-pdf.test.ts: other HEIs get 404',
  'GET /api/analyses/{analysisId}/compare': "needs.test.ts: both analyses must be the HEI's own",
  'PATCH /api/analyses/{analysisId}': 'needs.test.ts "editing an analysis": readers 403, other HEIs 404',
  'PUT /api/analyses/{analysisId}/roles/{roleId}':
    'needs.test.ts "editing an analysis": roles of the same analysis only',
  'DELETE /api/analyses/{analysisId}/roles/{roleId}': 'needs.test.ts "editing an analysis"',
  'POST /api/analyses/{analysisId}/persons':
    'needs.test.ts "person level": managers read, writers write, other HEIs 404',
  'PUT /api/analyses/{analysisId}/persons/{personId}': 'needs.test.ts "person level"',
  'DELETE /api/analyses/{analysisId}/persons/{personId}': 'needs.test.ts "person level"',
  'POST /api/analyses/{analysisId}/self-service-links':
    'needs-self-service.test.ts "making a self-service link": writers only, other HEIs 404',
  'GET /api/analyses/{analysisId}/self-service-links': 'needs-self-service.test.ts: other HEIs 404',
  'DELETE /api/analyses/{analysisId}/self-service-links/{linkId}':
    'needs-self-service.test.ts: writers only; links of the same analysis only',
  'POST /api/analyses/{analysisId}/surveys':
    'needs-survey.test.ts "making a survey": writers only, other HEIs 404',
  'GET /api/analyses/{analysisId}/surveys': 'needs-survey.test.ts: other HEIs 404',
  'GET /api/analyses/{analysisId}/surveys/{surveyId}/results':
    'needs-survey.test.ts: other HEIs 404; surveys of the same analysis only',
  'GET /api/analyses/{analysisId}/heatmap': 'needs-survey.test.ts "heatmap": other HEIs 404',
  'GET /api/self-service/{token}':
    'needs-self-service.test.ts: the token is the credential for one analysis; revoked, expired or unknown is 404',
  'PATCH /api/self-service/{token}': 'needs-self-service.test.ts: organisation level only (no title)',
  'POST /api/self-service/{token}/roles': 'needs-self-service.test.ts',
  'PUT /api/self-service/{token}/roles/{roleId}':
    "needs-self-service.test.ts: another analysis' roles are 404",
  'DELETE /api/self-service/{token}/roles/{roleId}':
    "needs-self-service.test.ts: another analysis' roles are 404",
  'POST /api/self-service/{token}/needs': 'needs-self-service.test.ts',
  'PUT /api/self-service/{token}/needs/{needId}':
    "needs-self-service.test.ts: another analysis' needs are 404",
  'DELETE /api/self-service/{token}/needs/{needId}':
    "needs-self-service.test.ts: another analysis' needs are 404",
  'GET /api/self-service/{token}/suggestions':
    'needs-self-service.test.ts: shared reference data behind a valid link',
  'POST /api/self-service/{token}/surveys': "needs-survey.test.ts: for the link's analysis only",
  'GET /api/self-service/{token}/surveys': 'needs-survey.test.ts',
  'GET /api/self-service/{token}/surveys/{surveyId}/results':
    "needs-survey.test.ts: another analysis' survey is 404",
  'GET /api/self-service/{token}/heatmap': 'needs-survey.test.ts',
  'GET /api/survey/{token}':
    'needs-survey.test.ts: the token is the credential; questions and role titles only',
  'POST /api/survey/{token}': 'needs-survey.test.ts: one answer per link, stored apart from the link',
  'GET /api/catalog/courses':
    'catalog.test.ts "shared within the consortium": the consortium\'s catalogues only; customers 403',
  'GET /api/catalog/courses/{courseId}':
    'catalog.test.ts "shared within the consortium": other consortia 404, customers 403',
  'POST /api/matching/search':
    "matching.test.ts: courses of the active HEI's consortium only; customers 403, anonymous 401",
  'GET /api/analyses/{analysisId}/matches':
    'matching.test.ts "lets readers of the analysis…": other HEIs 404',
  'GET /api/inquiries/{inquiryId}/matches': 'matching.test.ts "matching an inquiry": other consortia 404',
  'PUT /api/matching/decisions':
    'matching.test.ts: writers of the analysis only (403), other HEIs 404, courses of other consortia 404',
  'GET /api/matching/acceptance': "matching.test.ts: the active HEI's own decisions only",
  'PUT /api/matching/unmet':
    'matching.test.ts "unmet demand": who may decide on the subject only (403), other HEIs 404',
  'DELETE /api/matching/unmet/{kind}/{id}':
    'matching.test.ts "unmet demand": as PUT, the own HEI\'s record only',
  'GET /api/matching/unmet':
    'matching.test.ts "unmet demand": the active HEI\'s own records only; customers 403',
  'GET /api/matching/unmet/export':
    'matching.test.ts "unmet demand": the CSV of the active HEI\'s own records only; customers 403',
  'GET /api/cases/{caseId}/designs': 'design.test.ts: readers of the case only; other HEIs 404',
  'POST /api/cases/{caseId}/designs':
    'design.test.ts: workers of the case only; courses of the consortium only (others 404)',
  'GET /api/designs/{designId}': 'design.test.ts "is not there for other HEIs…": 404, anonymous 401',
  'PATCH /api/designs/{designId}': 'design.test.ts: workers of the case (coordinator, teacher, economist)',
  'POST /api/designs/{designId}/approve': 'design.test.ts: managers of the HEI (403 others), other HEIs 404',
  'POST /api/designs/{designId}/withdraw':
    'design.test.ts: those who work on the case (managers, customers 403), other HEIs 404',
  'POST /api/designs/{designId}/restore': 'design.test.ts: those who work on the case (managers 403)',
  'GET /api/designs/{designId}/calculations': 'design.test.ts: readers of the case only',
  'POST /api/designs/{designId}/calculations':
    'design.test.ts: coordinators and economists (403 teachers), other HEIs 404',
  'POST /api/designs/{designId}/calculations/{calculationId}/approve':
    'design.test.ts: economists only (403 coordinators); calculations of the same design only',
  'GET /api/cases/{caseId}/proposals': 'proposals.test.ts: readers of the case only; other HEIs 404',
  'POST /api/cases/{caseId}/proposals':
    'proposals.test.ts: workers of the case; approved design and calculation only',
  'GET /api/proposals/{proposalId}': 'proposals.test.ts "are not there for…": other HEIs 404, anonymous 401',
  'PATCH /api/proposals/{proposalId}': 'proposals.test.ts: workers of the case; drafts only',
  'POST /api/proposals/{proposalId}/send': 'proposals.test.ts: workers of the case',
  'POST /api/proposals/{proposalId}/clone': 'proposals.test.ts: workers of the case',
  'GET /api/proposals/{proposalId}/pdf': 'proposals.test.ts: other HEIs 404',
  'GET /api/portal/proposals': "proposals.test.ts: the customer's own, sent ones only; HEI staff 403",
  'GET /api/portal/proposals/{proposalId}': 'proposals.test.ts: other customers 404, drafts 404',
  'GET /api/portal/proposals/{proposalId}/pdf': 'proposals.test.ts: other customers 404',
  'POST /api/portal/proposals/{proposalId}/accept': 'proposals.test.ts: other customers 404; valid ones only',
  'POST /api/portal/proposals/{proposalId}/decline': 'proposals.test.ts: the customer of the proposal only',
  'GET /api/cases/{caseId}/agreements': 'agreements.test.ts: readers of the case only; other HEIs 404',
  'POST /api/cases/{caseId}/agreements':
    'agreements.test.ts: workers of the case; the accepted proposal only',
  'GET /api/agreements/{agreementId}':
    'agreements.test.ts "are not there for…": other HEIs 404, anonymous 401',
  'PATCH /api/agreements/{agreementId}': 'agreements.test.ts: workers of the case; before anyone signs',
  'POST /api/agreements/{agreementId}/sign':
    'agreements.test.ts: managers and admins of the HEI (403 others)',
  'POST /api/agreements/{agreementId}/addenda': 'agreements.test.ts: workers of the case; signed agreements',
  'POST /api/agreements/{agreementId}/addenda/{number}/sign': 'agreements.test.ts: managers and admins',
  'GET /api/agreements/{agreementId}/billing.csv': 'agreements.test.ts: readers of the case; other HEIs 404',
  'GET /api/portal/agreements': "agreements.test.ts: the customer's own",
  'POST /api/portal/agreements/{agreementId}/sign': 'agreements.test.ts: the customer of the agreement only',
  'POST /api/portal/agreements/{agreementId}/addenda/{number}/sign': 'agreements.test.ts: the customer only',
  'GET /api/agreements/{agreementId}/pdf': 'agreements-pdf.test.ts: readers of the case; other HEIs 404',
  'GET /api/agreements/{agreementId}/invoices/{number}/peppol':
    'agreements-peppol.test.ts: readers of the case; other HEIs 404, customers 403',
  'PUT /api/agreements/{agreementId}/invoices/{number}':
    'agreements-invoiced.test.ts: coordinators and economists of the HEI (teachers, customers 403); other HEIs 404',
  'DELETE /api/agreements/{agreementId}/invoices/{number}':
    'agreements-invoiced.test.ts: coordinators and economists of the HEI (teachers 403)',
  'GET /api/agreements/{agreementId}/outturn':
    'outturn.test.ts: admins, coordinators, economists and managers of the HEI (teachers, customers 403); other HEIs 404',
  'GET /api/designs/{designId}/earlier-outturns':
    "outturn.test.ts: the post-calculation's readers at the design's HEI (teachers 403); other HEIs 404",
  'GET /api/agreements/{agreementId}/outturn.csv': 'outturn.test.ts: as GET …/outturn (teachers 403)',
  'GET /api/cases/{caseId}/file.zip':
    'outturn.test.ts: admins, coordinators, economists, managers (teachers, customers 403); other HEIs 404',
  'GET /api/cases/{caseId}/record.pdf':
    'outturn.test.ts: as GET …/file.zip (teachers, customers 403; other HEIs 404)',
  'GET /api/agreements/{agreementId}/outturn.pdf':
    'outturn.test.ts: as GET …/outturn (teachers 403, other HEIs 404)',
  'PUT /api/agreements/{agreementId}/outturn':
    'outturn.test.ts: coordinators and economists of the HEI (managers, teachers 403); other HEIs 404',
  'PUT /api/agreements/{agreementId}/invoice-reference':
    'agreements-peppol.test.ts: workers of the case; other HEIs 404',
  'PUT /api/portal/agreements/{agreementId}/invoice-reference':
    'agreements-peppol.test.ts: the customer of the agreement only (others 404)',
  'GET /api/portal/agreements/{agreementId}/pdf':
    'agreements-pdf.test.ts: the customer of the agreement only',
  'GET /api/portal/agreements/{agreementId}/participants':
    'participants.test.ts: the customer of the agreement only (others 404)',
  'POST /api/portal/agreements/{agreementId}/participants':
    'participants.test.ts: signed agreements, before the deadline',
  'DELETE /api/portal/agreements/{agreementId}/participants/{participantId}':
    'participants.test.ts: before the deadline',
  'POST /api/portal/agreements/{agreementId}/participants/import':
    'participants.test.ts: the customer of the agreement',
  'GET /api/agreements/{agreementId}/participants':
    'participants.test.ts: readers of the case; other HEIs 404',
  'GET /api/agreements/{agreementId}/participants/{participantId}/personnummer':
    'participants.test.ts: coordinators and admins (403 others), other HEIs 404; audited',
  'GET /api/agreements/{agreementId}/participants/ladok.xlsx':
    'participants.test.ts "go to Ladok": coordinators and admins (403 others and customers), other HEIs 404; audited',
  'GET /api/cases/{caseId}/incentives':
    'incentives.test.ts "is for readers of the case only": other HEIs 404, customers 403',
  'GET /api/self-assessments/questionnaire': 'the questions only, the same for every signed-in user',
  'GET /api/self-assessments': 'self-assessment.test.ts "privacy": the signed-in person\'s own only',
  'POST /api/self-assessments': "self-assessment.test.ts: stored as the person's own; staff of HEIs only",
  'GET /api/self-assessments/{assessmentId}':
    'self-assessment.test.ts "privacy": anyone else\'s (an admin\'s too) is 404',
  'GET /api/portal': "portal.test.ts: the customer contact's own organisation only",
  'GET /api/portal/cases/{caseId}': 'portal.test.ts: own cases only, never internal entries',
  'POST /api/portal/cases/{caseId}/messages': 'portal.test.ts',
  'GET /api/evaluations':
    'evaluation.test.ts "is seen only by the HEI…": the active HEI\'s own; customers 403',
  'GET /api/evaluations/export':
    "evaluation.test.ts: the active HEI's own (as GET /api/evaluations); customers 403",
  'GET /api/cases/{caseId}/evaluations': 'evaluation.test.ts: readers of the case; other HEIs 404',
  'POST /api/cases/{caseId}/evaluations':
    'evaluation.test.ts: workers of the case (managers 403); other HEIs 404',
  'GET /api/evaluations/{evaluationId}/results': 'evaluation.test.ts: readers of the case; other HEIs 404',
  'POST /api/evaluations/{evaluationId}/close': 'evaluation.test.ts: workers of the case (managers 403)',
  'POST /api/evaluations/{evaluationId}/follow-up': 'evaluation.test.ts: workers of the case; other HEIs 404',
  'GET /api/customers':
    "customers.test.ts: the active HEI's own cases' customers, tallied from its own cases; customers 403",
  'GET /api/customers/export': 'customers.test.ts: as GET /api/customers; customers 403',
  'GET /api/framework-agreements':
    "frameworks.test.ts: the active HEI's own agreements only; another HEI sees none of them",
  'POST /api/framework-agreements':
    'frameworks.test.ts: coordinators and managers (teachers 403), with a customer of their own HEI only',
  'GET /api/framework-agreements/{frameworkId}': 'frameworks.test.ts: other HEIs 404',
  'PATCH /api/framework-agreements/{frameworkId}':
    'frameworks.test.ts: coordinators and managers of its HEI (teachers 403); other HEIs 404',
  'GET /api/customers/{customerId}':
    "customers.test.ts: a customer of the HEI's own cases only (others 404), with only its own cases",
  'GET /api/cases/{caseId}/review': 'review.test.ts: readers of the case; other HEIs 404; customers 403',
  'PUT /api/cases/{caseId}/review':
    'review.test.ts: workers of the case (managers 403); other HEIs 404; customers 403',
  'GET /api/cases/{caseId}/designs/{designId}/report':
    'course-report.test.ts: readers of the case; other HEIs 404; customers 403',
  'GET /api/cases/{caseId}/credentials':
    'credentials.test.ts: readers of the case; other HEIs 404; customers 403',
  'POST /api/cases/{caseId}/credentials':
    'credentials.test.ts: workers of the case (managers 403); other HEIs 404',
  'POST /api/credentials/{credentialId}/revoke':
    'credentials.test.ts: workers of its case (managers 403); other HEIs 404',
  'POST /api/credentials/{credentialId}/suspend':
    'credentials.test.ts: workers of its case (managers 403); other HEIs 404',
  'POST /api/credentials/{credentialId}/reinstate': 'credentials.test.ts: as the suspension',
  'GET /api/public/credentials/{code}':
    'public: the random code is what the learner shares; no personnummer or e-mail',
  'GET /api/public/credentials/{code}/pdf': 'public: as GET /api/public/credentials/{code}',
  'GET /api/public/credentials/{code}/signed': 'public: as GET /api/public/credentials/{code}',
  'GET /api/public/credential-issuers/{heiId}': "public: an HEI's name, org number and public key only",
  'GET /api/public/credential-issuers/{heiId}/revocation-list':
    'public: one bit per credential of the HEI, revoked or not; no names, no codes',
  'GET /api/public/credential-issuers/{heiId}/keys':
    "public: an HEI's public keys only (never a private one)",
  'GET /api/public/credential-issuers/{heiId}/suspension-list':
    'public: one bit per credential of the HEI, suspended or not; no names, no codes',
  'GET /api/portal/credentials': "credentials.test.ts: the acting customer's own cases only; HEI staff 403",
  'GET /api/cases/{caseId}/delivery': 'delivery.test.ts: readers of the case; other HEIs 404; customers 403',
  'POST /api/cases/{caseId}/sessions': 'delivery.test.ts: workers of the case (managers 403); other HEIs 404',
  'PUT /api/sessions/{sessionId}': 'delivery.test.ts: workers of its case (managers 403); other HEIs 404',
  'DELETE /api/sessions/{sessionId}': 'delivery.test.ts: workers of its case; other HEIs 404',
  'PUT /api/sessions/{sessionId}/attendance': 'delivery.test.ts: workers of its case; other HEIs 404',
  'POST /api/sessions/{sessionId}/cancel':
    'delivery.test.ts: workers of its case (managers and customers 403); other HEIs 404',
  'POST /api/sessions/{sessionId}/reinstate':
    'delivery.test.ts: workers of its case (managers 403); other HEIs 404',
  'PUT /api/cases/{caseId}/designs/{designId}/attendance-sharing':
    'delivery.test.ts: workers of the case (managers 403); other HEIs 404',
  'PUT /api/cases/{caseId}/designs/{designId}/session-reminders':
    'delivery.test.ts: workers of the case (managers 403); other HEIs 404',
  'POST /api/cases/{caseId}/designs/{designId}/schedule-notice':
    'delivery.test.ts: workers of the case (managers and customers 403); other HEIs 404; a course not of the case 404',
  'GET /api/portal/delivery': "delivery.test.ts: the acting customer's own cases only; HEI staff 403",
  'GET /api/cases/{caseId}/designs/{designId}/calendar':
    'delivery.test.ts: readers of the case; other HEIs 404; customers 403',
  'POST /api/cases/{caseId}/designs/{designId}/calendar-link':
    'delivery.test.ts: workers of the case (managers 403); other HEIs 404',
  'GET /api/portal/designs/{designId}/calendar':
    "delivery.test.ts: courses on the acting customer's own cases only (others 404); HEI staff 403",
  'POST /api/portal/designs/{designId}/calendar-link':
    "delivery.test.ts: courses on the acting customer's own cases only (others 404)",
  'GET /api/me/teaching-calendar': "delivery.test.ts: the signed-in person's own feed only; customers 403",
  'POST /api/me/teaching-calendar': "delivery.test.ts: the signed-in person's own feed only; customers 403",
  'GET /api/public/teaching-calendars/{file}':
    "public: the random address is the teacher's own subscription; the sessions they teach, no participant data",
  'GET /api/public/course-calendars/{file}':
    'public: the random address is what the participants subscribe to; sessions only, no personal data',
  'POST /api/public/credentials/verify':
    'credentials.test.ts: answers only for a file signed by an HEI key here',
  'GET /api/feedback/{token}': 'public: the single-use link is the credential (evaluation.test.ts)',
  'POST /api/feedback/{token}': 'public: once per link, while open (evaluation.test.ts)',
  'GET /api/portal/follow-ups': "evaluation.test.ts: the customer's own cases only",
  'POST /api/evaluations/{evaluationId}/share': 'evaluation.test.ts: workers of the case (managers 403)',
  'GET /api/portal/evaluations':
    "evaluation.test.ts: what was shared on the customer's own cases; HEI staff 403",
  'POST /api/portal/follow-ups/{followUpId}':
    'evaluation.test.ts: the customer of the case only (others 404)',
  'GET /api/regional-analysis':
    "regional.test.ts: the consortium's own anonymous sums, only from HEIs that contribute; customers 403",
  'GET /api/regional-analysis/export': 'regional.test.ts: as GET /api/regional-analysis',
  'GET /api/regional-analysis/trend':
    'regional-periods-sectors.test.ts: as GET /api/regional-analysis (the same readers and sums); customers 403',
  'PUT /api/regional-analysis/contribution': "regional.test.ts: the active HEI's administrators only",
  'GET /api/dashboard':
    "dashboard.test.ts: the active HEI's own figures; teachers and customers 403, another HEI sees its own",
  'GET /api/dashboard/export': 'dashboard.test.ts: as GET /api/dashboard (the same figures); teachers 403',
};

it('every API route is in the matrix or names where its isolation is tested', async () => {
  const doc = (await t.request('GET', '/api/openapi.json')).json();
  const routes = Object.entries<Record<string, unknown>>(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  const inMatrix = endpoints.map(
    (e) =>
      `${e.method} ${e.url({ orgA: '{organisationId}', memberA: '{membershipId}', invitationA: '{invitationId}', courseA: '{courseId}', conceptA: '{conceptId}', configA: '{configId}', staffA: '{userId}', language: '{language}', guidePage: '{itemId}', guideTemplate: '{itemId}' })}`,
  );
  const unaccounted = routes.filter((r) => !inMatrix.includes(r) && !(r in scopedElsewhere));
  expect(unaccounted).toEqual([]);
  const scoped = routes.filter((r) => r.includes('{organisationId}'));
  expect(scoped.sort()).toEqual([...new Set(inMatrix)].sort());
});
