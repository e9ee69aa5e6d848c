import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement as agreementTable } from '../../src/features/agreements/agreements.table.ts';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { courseDesign } from '../../src/features/design/design.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { participant } from '../../src/features/participants/participants.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The customer designates the participants of a signed agreement; personnummer are checked, encrypted at
// rest, shown masked, and shown whole only to the HEI's coordinators and admins, every time audited.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let agreementId: string;
let designId: string;
let otherCustomer: TestUser;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const year = new Date().getUTCFullYear() + 1;
const url = () => `/api/portal/agreements/${agreementId}/participants`;
// valid personnummer (Luhn), of adults
const ANNA = '19850312-1231';
const BO = '19780501-0050';
const CARL = '19900228-2383';

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  otherCustomer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
  const example = await exampleProposal(t, s, 'accepted');
  const proposalId = example.proposalId;
  designId = example.designId;
  const agreement = (
    await t.request(
      'POST',
      `/api/cases/${s.caseId}/agreements`,
      as(s.coord, {
        proposalId,
        participantsDeadline: `${year}-02-15`,
      }),
    )
  ).json();
  agreementId = agreement.id;
  expect(agreementId).toBeTruthy();
});
afterAll(() => t.close());

const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`).toString('base64');

describe('participants', () => {
  it('are designated once both parties have signed', async () => {
    const early = await t.request(
      'POST',
      url(),
      as(s.contact, {
        firstName: 'Anna',
        lastName: 'Andersson',
        personnummer: ANNA,
        creditEligible: true,
      }),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/once both parties have signed/);
    const earlyList = await t.request(
      'GET',
      `/api/agreements/${agreementId}/participants/ladok.xlsx`,
      as(s.coord),
    );
    expect(earlyList.statusCode).toBe(409);
    expect(earlyList.json().detail).toMatch(/once both parties have signed/);
    await t.request('POST', `/api/agreements/${agreementId}/sign`, as(s.manager, { revision: 1 }));
    await t.request('POST', `/api/portal/agreements/${agreementId}/sign`, as(s.contact, { revision: 1 }));
  });

  it('are added one by one with a checked personnummer, shown masked', async () => {
    const wrong = await t.request(
      'POST',
      url(),
      as(s.contact, {
        firstName: 'Anna',
        lastName: 'Andersson',
        personnummer: '19850312-1234',
        creditEligible: true,
      }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'body.personnummer', message: 'The personnummer has a wrong check digit.' },
    ]);
    const added = await t.request(
      'POST',
      url(),
      as(s.contact, {
        firstName: 'Anna',
        lastName: 'Andersson',
        email: 'anna@stalverket.example',
        personnummer: '850312-1231',
        creditEligible: true,
      }),
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({
      open: true,
      deadline: `${year}-02-15`,
      participants: [
        { firstName: 'Anna', lastName: 'Andersson', personnummer: '19850312-****', creditEligible: true },
      ],
    });
    const twice = await t.request(
      'POST',
      url(),
      as(s.contact, {
        firstName: 'Anna',
        lastName: 'A.',
        personnummer: ANNA,
        creditEligible: false,
      }),
    );
    expect(twice.statusCode).toBe(409);
  });

  it('are stored encrypted: no column holds the personnummer', async () => {
    const rows = await t.db.select().from(participant).where(eq(participant.agreementId, agreementId));
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    for (const form of ['8503121231', '850312-1231', '19850312-1231', '198503121231'])
      expect(stored).not.toContain(form);
    expect(rows[0]?.personnummerMasked).toBe('19850312-****');
  });

  it('are imported from CSV: every bad row reported, nothing written unless the valid rows are kept', async () => {
    const file = csv([
      'Förnamn;Efternamn;Personnummer;E-post;Högskolepoäng',
      `Bo;Berg;${BO};bo@stalverket.example;ja`,
      'Cecilia;Ceder;19900228-2388;cecilia@stalverket.example;nej',
      'David;Dahl;20150312-1236;;nej',
      `;Eriksson;${CARL};;ja`,
      `Anna;Andersson;${ANNA};;ja`,
    ]);
    const rejected = await t.request(
      'POST',
      `${url()}/import`,
      as(s.contact, {
        fileName: 'deltagare.csv',
        content: file,
      }),
    );
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    expect(
      rejected
        .json()
        .problems.map((p: { row: number; field: string; message: { sv: string } }) => [
          p.row,
          p.field,
          p.message.sv,
        ]),
    ).toEqual([
      [3, 'personnummer', 'Personnumret har fel kontrollsiffra.'],
      [4, 'personnummer', 'Personnumret ger en ålder under 15 eller över 100 år.'],
      [5, 'firstName', 'Namnet saknas.'],
      [6, 'personnummer', 'Personen finns redan bland deltagarna.'],
    ]);
    expect((await t.request('GET', url(), as(s.contact))).json().participants).toHaveLength(1);

    const kept = await t.request(
      'POST',
      `${url()}/import`,
      as(s.contact, {
        fileName: 'deltagare.csv',
        content: file,
        keepValidRows: true,
      }),
    );
    expect(kept.json()).toMatchObject({ status: 'imported', added: 1 });
    const list = (await t.request('GET', url(), as(s.contact))).json();
    expect(
      list.participants.map((p: { lastName: string; creditEligible: boolean }) => [
        p.lastName,
        p.creditEligible,
      ]),
    ).toEqual([
      ['Andersson', true],
      ['Berg', true],
    ]);
  });

  it('are imported from XLSX with English column names', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Participants');
    sheet.addRow(['First name', 'Last name', 'Personnummer', 'Email', 'Credits']);
    sheet.addRow(['Carl', 'Carlsson', CARL, 'carl@stalverket.example', 'no']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const imported = await t.request(
      'POST',
      `${url()}/import`,
      as(s.contact, { fileName: 'participants.xlsx', content }),
    );
    expect(imported.json()).toMatchObject({ status: 'imported', added: 1, problems: [] });
  });

  it('are shown to the HEI masked; whole only to coordinators and admins, and every view is audited', async () => {
    const list = (
      await t.request('GET', `/api/agreements/${agreementId}/participants`, as(s.teacher))
    ).json();
    expect(list.participants.map((p: { personnummer: string }) => p.personnummer)).toEqual([
      '19850312-****',
      '19780501-****',
      '19900228-****',
    ]);
    const anna = list.participants[0].id;
    const reveal = (user: TestUser) =>
      t.request('GET', `/api/agreements/${agreementId}/participants/${anna}/personnummer`, as(user));
    expect((await reveal(s.teacher)).statusCode).toBe(403);
    expect((await reveal(s.economist)).statusCode).toBe(403);
    const shown = await reveal(s.coord);
    expect(shown.json()).toEqual({ personnummer: ANNA });
    const audit = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'participant.personnummer_viewed'));
    expect(audit.map((a) => [a.actorUserId, a.subjectId])).toEqual([[s.coord.id, anna]]);
  });

  it('go to Ladok as a workbook: those who get credits, per course, with whole personnummer; audited', async () => {
    const ladok = (user: TestUser, lang = 'sv') =>
      t.request('GET', `/api/agreements/${agreementId}/participants/ladok.xlsx?lang=${lang}`, as(user));
    expect((await ladok(s.teacher)).statusCode).toBe(403);
    expect((await ladok(s.economist)).statusCode).toBe(403);
    expect((await ladok(s.outsider)).statusCode).toBe(404);
    expect((await ladok(s.contact)).statusCode).toBe(403);

    const file = await ladok(s.coord);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(file.headers['content-disposition']).toContain('ladok-underlag-');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? []).flatMap((r) =>
        Array.isArray(r) ? [r.slice(1)] : [],
      );
    // Carlsson gets a certificate: not higher education, not in Ladok
    expect(rows('Registrering')).toEqual([
      [
        'Kurskod',
        'Kurs',
        'Högskolepoäng',
        'Kursens lärosäte',
        'Personnummer',
        'Förnamn',
        'Efternamn',
        'E-post',
      ],
      [
        'PLC101',
        'PLC-programmering för underhållstekniker',
        7.5,
        expect.any(String),
        ANNA.replace('-', ''),
        'Anna',
        'Andersson',
        'anna@stalverket.example',
      ],
      [
        'PLC101',
        'PLC-programmering för underhållstekniker',
        7.5,
        expect.any(String),
        BO.replace('-', ''),
        'Bo',
        'Berg',
        'bo@stalverket.example',
      ],
    ]);
    const details = Object.fromEntries(rows('Uppgifter').filter((r) => r.length === 2));
    expect(details).toMatchObject({
      Finansieringsform: 'Uppdragsutbildning',
      'Deltagare med högskolepoäng på listan': 2,
      'Deltagare som får intyg (registreras inte i Ladok)': 1,
    });
    const audit = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'participant.registration_list_exported'));
    expect(audit.map((a) => [a.actorUserId, a.subjectId, a.data])).toEqual([
      [s.coord.id, agreementId, { participants: 2 }],
    ]);

    const english = await ladok(s.coord, 'en');
    await workbook.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(rows('Registration')[0]?.slice(0, 3)).toEqual(['Course code', 'Course', 'Credits']);

    // a course that gives a certificate only has nothing to register
    await t.db.update(courseDesign).set({ awards: 'certificate' }).where(eq(courseDesign.id, designId));
    const certificate = await ladok(s.coord);
    await t.db.update(courseDesign).set({ awards: 'credits' }).where(eq(courseDesign.id, designId));
    expect(certificate.statusCode).toBe(409);
    expect(certificate.json().detail).toMatch(/not registered in Ladok/);
  });

  it('can be changed until the deadline of the agreement, and not after it', async () => {
    const list = (await t.request('GET', url(), as(s.contact))).json();
    const carl = list.participants.find((p: { lastName: string }) => p.lastName === 'Carlsson').id;
    const removed = await t.request('DELETE', `${url()}/${carl}`, as(s.contact));
    expect(removed.json().participants).toHaveLength(2);
    await t.db
      .update(agreementTable)
      .set({ participantsDeadline: '2020-01-01' })
      .where(eq(agreementTable.id, agreementId));
    const late = await t.request(
      'POST',
      url(),
      as(s.contact, {
        firstName: 'Carl',
        lastName: 'Carlsson',
        personnummer: CARL,
        creditEligible: false,
      }),
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/until 2020-01-01/);
    expect((await t.request('GET', url(), as(s.contact))).json().open).toBe(false);
  });

  it('are the customer’s and the HEI’s only', async () => {
    expect((await t.request('GET', url(), as(otherCustomer))).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/agreements/${agreementId}/participants`, as(s.outsider))).statusCode,
    ).toBe(404);
    const list = (await t.request('GET', url(), as(s.contact))).json();
    expect(
      (
        await t.request(
          'GET',
          `/api/agreements/${agreementId}/participants/${list.participants[0].id}/personnummer`,
          as(s.outsider),
        )
      ).statusCode,
    ).toBe(404);
    expect((await t.request('GET', url())).statusCode).toBe(401);
  });

  it("are erased by the HEI's retention rule after the case closed: personnummer and e-mail go, the name stays", async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const before = (
      await t.request('GET', `/api/agreements/${agreementId}/participants`, as(s.coord))
    ).json();
    expect(before.participants.length).toBeGreaterThan(0);
    // the course's evaluation was e-mailed to the participants with an address: those mails go too
    const evaluation = await t.request(
      'POST',
      `/api/cases/${s.caseId}/evaluations`,
      as(s.coord, { designId, invited: 5, closesOn: `${year}-01-31`, emailParticipants: true }),
    );
    expect(evaluation.json().evaluation.emailed).toBeGreaterThan(0);
    const close = await t.request(
      'POST',
      `/api/cases/${s.caseId}/close`,
      as(s.coord, { outcome: 'lost', reason: 'Kunden avbröt utbildningen.' }),
    );
    expect(close.statusCode, close.body).toBe(200);
    const rule = `/api/organisations/${s.hei}/retention`;
    const set = await t.request(
      'PUT',
      rule,
      as(admin, { inquiryContactMonths: null, participantMonths: 24 }),
    );
    // closed just now: nothing is due yet
    expect(set.json().due).toEqual({ inquiryContacts: 0, participants: 0, participantNames: 0 });
    const longAgo = new Date();
    longAgo.setUTCMonth(longAgo.getUTCMonth() - 25);
    await t.db.update(caseFile).set({ stageEnteredAt: longAgo }).where(eq(caseFile.id, s.caseId));
    const count = before.participants.length;
    expect((await t.request('GET', rule, as(admin))).json().due).toEqual({
      inquiryContacts: 0,
      participants: count,
      participantNames: 0,
    });

    const run = await t.request('POST', `${rule}/run`, as(admin));
    expect(run.json().erased).toEqual({ inquiryContacts: 0, participants: count, participantNames: 0 });

    const after = (await t.request('GET', `/api/agreements/${agreementId}/participants`, as(s.coord))).json();
    for (const p of after.participants) {
      expect(p).toMatchObject({ personnummer: null, email: null });
      expect(p.personalDataErasedAt).toEqual(expect.any(String));
    }
    expect(after.participants.map((p: { lastName: string }) => p.lastName)).toEqual(
      before.participants.map((p: { lastName: string }) => p.lastName),
    );
    expect(await t.db.select().from(outbox).where(eq(outbox.kind, 'course_evaluation'))).toEqual([]);
    const rows = await t.db.select().from(participant).where(eq(participant.agreementId, agreementId));
    for (const row of rows)
      expect([row.personnummerSealed, row.personnummerIndex, row.personnummerMasked, row.email]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    // the whole number is no longer there to show; the customer's list still reads
    const reveal = await t.request(
      'GET',
      `/api/agreements/${agreementId}/participants/${after.participants[0].id}/personnummer`,
      as(s.coord),
    );
    expect(reveal.statusCode).toBe(409);
    expect(reveal.json().detail).toMatch(/erased under the HEI's retention rule/);
    // nor is it on the list for Ladok, which counts those erased
    const ladok = await t.request(
      'GET',
      `/api/agreements/${agreementId}/participants/ladok.xlsx`,
      as(s.coord),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(ladok.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Registrering')?.rowCount).toBe(1);
    const erasedRow = workbook
      .getWorksheet('Uppgifter')
      ?.getSheetValues()
      .find((r) => Array.isArray(r) && String(r[1]).includes('gallrat'));
    expect(Array.isArray(erasedRow) && erasedRow[2]).toBe(count);
    expect((await t.request('GET', url(), as(s.contact))).json().participants).toHaveLength(count);
    const purged = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'participant.personal_data_purged'));
    expect(purged).toHaveLength(count);
    expect(purged.every((e) => e.actorUserId === null && e.organisationId === s.hei)).toBe(true);
  });

  it("are anonymised by the rule when the HEI's decision says so: the names go too, the list still counts them", async () => {
    // the case closed 25 months ago (the test before); the personnummer are already erased
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const rule = `/api/organisations/${s.hei}/retention`;
    const before = (
      await t.request('GET', `/api/agreements/${agreementId}/participants`, as(s.coord))
    ).json();
    const count = before.participants.length;
    // a name may not go before the number it belongs to
    const early = await t.request(
      'PUT',
      rule,
      as(admin, { inquiryContactMonths: null, participantMonths: 24, participantNameMonths: 12 }),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      {
        field: 'body.participantNameMonths',
        message: 'must be at least the months after which the personnummer is erased (a name goes last)',
      },
    ]);
    expect((await t.request('GET', rule, as(admin))).json()).toMatchObject({
      participantMonths: 24,
      participantNameMonths: null,
    });

    const set = await t.request(
      'PUT',
      rule,
      as(admin, { inquiryContactMonths: null, participantMonths: 24, participantNameMonths: 24 }),
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().due).toEqual({ inquiryContacts: 0, participants: 0, participantNames: count });
    const run = await t.request('POST', `${rule}/run`, as(admin));
    expect(run.json().erased).toEqual({ inquiryContacts: 0, participants: 0, participantNames: count });
    expect(run.json().retention.due.participantNames).toBe(0);

    const after = (await t.request('GET', `/api/agreements/${agreementId}/participants`, as(s.coord))).json();
    expect(after.participants).toHaveLength(count);
    for (const p of after.participants) {
      expect(p).toMatchObject({ firstName: '', lastName: '', email: null, personnummer: null });
      expect(p.anonymisedAt).toEqual(expect.any(String));
    }
    // the customer's list counts them the same way, with no names
    const customers = (await t.request('GET', url(), as(s.contact))).json().participants;
    expect(customers.map((p: { firstName: string }) => p.firstName)).toEqual(Array(count).fill(''));
    // no credential can name them any more
    const credentials = (await t.request('GET', `/api/cases/${s.caseId}/credentials`, as(s.coord))).json();
    expect(credentials.designs).toEqual([]);
    const anonymised = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'participant.anonymised'));
    expect(anonymised).toHaveLength(count);
    expect(anonymised.every((e) => e.actorUserId === null && e.organisationId === s.hei)).toBe(true);
    // applied again, it finds nothing left to do
    expect((await t.request('POST', `${rule}/run`, as(admin))).json().erased).toEqual({
      inquiryContacts: 0,
      participants: 0,
      participantNames: 0,
    });
  });
});
