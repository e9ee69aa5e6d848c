import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { seedStaffProfile } from '../../src/features/staff/staff.service.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { MINIMAL_PDF, uploadForm } from '../support/multipart.ts';

// A subject access report (registerutdrag): the HEI's admin asks what Lupp holds about one person, by the
// e-mail address or personnummer they gave, and gets it all — account, inquiries they are the contact of
// with the e-mails sent to them, participation — for this HEI only, every report audited.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
let otherAdmin: TestUser;
let customerAdmin: TestUser;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const report = (heiId: string, by: TestUser, body: unknown) =>
  t.request('POST', `/api/organisations/${heiId}/subject-access`, as(by, body));
const year = new Date().getUTCFullYear() + 1;
const ANNA = '19850312-1231';

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
  const [hei] = await t.db.select().from(organisation).where(eq(organisation.id, s.hei));
  const other = await createOrganisation(t, { kind: 'hei', consortiumId: hei?.consortiumId ?? undefined });
  otherAdmin = await createUser(t, [{ organisationId: other.id, roles: ['admin'] }]);
  customerAdmin = await createUser(t, [{ organisationId: s.customerId, roles: ['admin'] }]);
  // the inquiry's contact person (sara@stalverket.example, the factory's) also has a portal account
  await createUser(t, [{ organisationId: s.customerId, roles: ['customer_contact'] }], {
    email: 'sara@stalverket.example',
    name: 'Sara Ståhl',
  });
  const { proposalId } = await exampleProposal(t, s, 'accepted');
  const agreement = (
    await t.request(
      'POST',
      `/api/cases/${s.caseId}/agreements`,
      as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
    )
  ).json();
  await t.request('POST', `/api/agreements/${agreement.id}/sign`, as(s.manager, { revision: 1 }));
  await t.request('POST', `/api/portal/agreements/${agreement.id}/sign`, as(s.contact, { revision: 1 }));
  const added = await t.request(
    'POST',
    `/api/portal/agreements/${agreement.id}/participants`,
    as(s.contact, {
      firstName: 'Anna',
      lastName: 'Andersson',
      email: 'anna.andersson@stalverket.example',
      personnummer: ANNA,
      creditEligible: true,
    }),
  );
  expect(added.statusCode, added.body).toBe(200);
});
afterAll(() => t.close());

describe('subject access reports', () => {
  it("by e-mail: the person's account, the inquiries they are the contact of and the e-mails sent them", async () => {
    // as the person wrote it: any case
    const response = await report(s.hei, admin, { email: 'Sara@Stalverket.example' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.searchedFor).toEqual({ email: 'sara@stalverket.example', personnummer: null, name: null });
    expect(body.accounts).toEqual([
      expect.objectContaining({
        name: 'Sara Ståhl',
        email: 'sara@stalverket.example',
        memberships: [expect.objectContaining({ kind: 'customer', roles: ['customer_contact'] })],
      }),
    ]);
    expect(body.inquiryContacts).toHaveLength(1);
    const [contact] = body.inquiryContacts;
    expect(contact).toMatchObject({
      status: 'claimed',
      contactName: 'Sara Ståhl',
      contactEmail: 'sara@stalverket.example',
    });
    // the front door's confirmation, which names the reference
    expect(contact.mails.length).toBeGreaterThan(0);
    for (const mail of contact.mails) expect(mail.subject).toContain(contact.reference);
    expect(body.participants).toEqual([]);

    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(
        and(eq(auditEvent.action, 'privacy.subject_access_report'), eq(auditEvent.actorUserId, admin.id)),
      );
    expect(audit?.data).toEqual({
      searchedFor: { email: 'sara@stalverket.example', personnummer: null, name: null },
      found: { accounts: 1, inquiryContacts: 1, participants: 0, mentions: body.mentions.length },
    });
  });

  it('by personnummer: the participation, with the number masked in the report and in the audit', async () => {
    const response = await report(s.hei, admin, { personnummer: '198503121231' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.searchedFor).toEqual({ email: null, personnummer: '19850312-****', name: null });
    expect(body.accounts).toEqual([]);
    expect(body.inquiryContacts).toEqual([]);
    expect(body.participants).toEqual([
      expect.objectContaining({
        caseId: s.caseId,
        firstName: 'Anna',
        lastName: 'Andersson',
        email: 'anna.andersson@stalverket.example',
        personnummer: '19850312-****',
        creditEligible: true,
      }),
    ]);
    // the same participation by her e-mail, in any case
    const byEmail = await report(s.hei, admin, { email: 'ANNA.andersson@stalverket.example' });
    expect(byEmail.json().participants.map((p: { firstName: string }) => p.firstName)).toEqual(['Anna']);

    const audits = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'privacy.subject_access_report'));
    expect(JSON.stringify(audits)).not.toContain('1231');
  });

  it("for a member of the HEI's staff: their roles at the HEI and the staff profile they keep", async () => {
    await seedStaffProfile(t.db, s.hei, s.teacher.id, {
      department: 'Institutionen för maskinteknik',
      languages: ['sv'],
      availability: 'limited',
      hoursPerYear: 60,
      interest: 'high',
      bio: 'Svetsteknik och materiallära.',
      expertise: [],
    });
    const response = await report(s.hei, admin, { email: s.teacher.email });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().accounts).toEqual([
      expect.objectContaining({
        memberships: [expect.objectContaining({ kind: 'hei', roles: ['teacher'] })],
        staffProfile: expect.objectContaining({
          department: 'Institutionen för maskinteknik',
          hoursPerYear: 60,
          bio: 'Svetsteknik och materiallära.',
        }),
      }),
    ]);
    // what a person did at the HEI is counted from its audit log
    const coordinator = (await report(s.hei, admin, { email: s.coord.email })).json().accounts[0];
    expect(coordinator.auditEvents).toBeGreaterThan(0);
    expect(coordinator.staffProfile).toBeNull();
    expect(response.json().accounts[0].auditEvents).toBe(0);
    // a member of another HEI is not this HEI's to report
    const outsider = await report(s.hei, admin, { email: s.outsider.email });
    expect(outsider.json().accounts).toEqual([]);
  });

  it("finds the HEI's free text that names the person, the personnummer masked in it", async () => {
    const entry = await t.request(
      'POST',
      `/api/cases/${s.caseId}/entries`,
      as(s.coord, {
        kind: 'meeting',
        occurredAt: '2026-12-03T09:00:00+01:00',
        title: 'Avstämning om deltagarna',
        participants: 'Sara Ståhl (kund)',
        notes:
          'Anna  Andersson (850312-1231) behöver anpassad examination; hon nås på anna.andersson@stalverket.example.',
      }),
    );
    expect(entry.statusCode, entry.body).toBe(201);
    await t.request(
      'POST',
      `/api/cases/${s.caseId}/tasks`,
      as(s.coord, { title: 'Ring anna andersson om intyget' }),
    );
    const analysis = await t.request(
      'POST',
      '/api/analyses',
      as(s.coord, {
        caseId: s.caseId,
        title: 'Underhållets behov 2027',
        strategy: 'Intervju med Anna Andersson, underhållschef.',
      }),
    );
    expect(analysis.statusCode, analysis.body).toBe(201);
    const document = await uploadForm(t, `/api/cases/${s.caseId}/documents`, s.coord.cookie, {
      file: { name: 'Intyg Anna Andersson.pdf', content: MINIMAL_PDF },
    });
    expect(document.statusCode, document.body).toBe(201);
    const review = await t.request(
      'PUT',
      `/api/cases/${s.caseId}/review`,
      as(s.coord, { wentWell: 'Anna Andersson hjälpte till att boka labbet.', toImprove: '', followOn: '' }),
    );
    expect(review.statusCode, review.body).toBe(200);

    const response = await report(s.hei, admin, { name: 'Anna Andersson', personnummer: ANNA });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.searchedFor).toEqual({ email: null, personnummer: '19850312-****', name: 'Anna Andersson' });
    type Found = { source: string; matched: string[]; excerpt: string; label: string };
    const where = (body.mentions as Found[]).map((m) => [m.source, m.label, m.matched]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['case_entry', 'Avstämning om deltagarna', ['personnummer', 'name']],
        ['case_task', 'Ring anna andersson om intyget', ['name']],
        ['needs_analysis', 'Underhållets behov 2027', ['name']],
        ['document', 'Intyg Anna Andersson.pdf', ['name']],
        ['case_review', '', ['name']],
      ]),
    );
    expect(body.mentions).toHaveLength(5);
    const meeting = body.mentions.find((m: Found) => m.source === 'case_entry');
    expect(meeting).toMatchObject({
      caseId: s.caseId,
      caseReference: expect.stringMatching(/^UU-|^[A-ZÅÄÖ]+-/),
      excerpt: expect.stringContaining('(19850312-****) behöver anpassad examination'),
    });
    expect(JSON.stringify(body)).not.toContain('1231');
    // by her e-mail address the note is found too
    const byEmail = (await report(s.hei, admin, { email: 'anna.andersson@stalverket.example' })).json();
    expect(byEmail.mentions.map((m: Found) => [m.source, m.matched])).toEqual([['case_entry', ['email']]]);
    // a name is matched as written, not as a pattern: "Anna Anders.on" is not "Anna Andersson"
    expect((await report(s.hei, admin, { name: 'Anna Anders.on' })).json().mentions).toEqual([]);
    // another HEI of the consortium finds none of this HEI's text
    const otherHei = (await t.request('GET', '/api/me', as(otherAdmin))).json().memberships[0].tenant.id;
    expect((await report(otherHei, otherAdmin, { name: 'Anna Andersson' })).json().mentions).toEqual([]);
  });

  it('names what is wrong with the search, field by field', async () => {
    const nothing = await report(s.hei, admin, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors).toEqual([
      { field: 'body.email', message: expect.stringMatching(/e-mail address, the personnummer or the name/) },
    ]);
    const shortName = await report(s.hei, admin, { name: ' Al ' });
    expect(shortName.statusCode).toBe(400);
    expect(shortName.json().errors).toEqual([
      { field: 'body.name', message: 'give the whole name (at least four characters)' },
    ]);
    const badEmail = await report(s.hei, admin, { email: 'inte-en-adress' });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors[0].field).toBe('body.email');
    const badNumber = await report(s.hei, admin, { personnummer: '19850312-1234' });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().errors).toEqual([
      { field: 'body.personnummer', message: 'has a wrong check digit' },
    ]);
  });

  it("only the HEI's admins make one, and another HEI finds nothing of this HEI's", async () => {
    expect((await report(s.hei, s.coord, { email: 'sara@stalverket.example' })).statusCode).toBe(403);
    expect((await report(s.hei, s.manager, { email: 'sara@stalverket.example' })).statusCode).toBe(403);
    expect((await report(s.hei, otherAdmin, { email: 'sara@stalverket.example' })).statusCode).toBe(404);
    expect((await report(s.customerId, customerAdmin, { email: 'sara@stalverket.example' })).statusCode).toBe(
      404,
    );
    // the other HEI of the consortium: the inquiry was claimed here, the customer is not its, the
    // participant is under this HEI's agreement
    const other = await report(
      (await t.request('GET', '/api/me', as(otherAdmin))).json().memberships[0].tenant.id,
      otherAdmin,
      { email: 'sara@stalverket.example', personnummer: ANNA },
    );
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ accounts: [], inquiryContacts: [], participants: [], mentions: [] });
  });
});
