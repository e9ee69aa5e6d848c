import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { kronor } from '../../src/features/proposals/proposal.pdf.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, draftAgreement, exampleProposal, signBoth } from '../support/commercial.ts';
import { createUser } from '../support/factories.ts';
import { MINIMAL_PDF, uploadForm } from '../support/multipart.ts';
import { expectPdfA } from '../support/pdf-archive.ts';
import { pdfText } from '../support/pdf-text.ts';

// The post-calculation (efterkalkyl) of a signed agreement: what the delivery used, priced at the rates of the
// calculation the agreement was priced by, against that calculation, and the result: revenue less actual full cost.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let agreementId: string;
let designId: string;
const PLANNED_COST = 9_031_357; // the example design: 90 313,57 kr (test/support/commercial.ts)

const read = (user = s.economist) => t.request('GET', `/api/agreements/${agreementId}/outturn`, s.as(user));
const record = (body: object, user = s.economist) =>
  t.request('PUT', `/api/agreements/${agreementId}/outturn`, s.as(user, body));
/** The example design's costs with the lecturer's teaching hours changed. */
const used = (lecturerTeaching: number, extra: object = {}) => ({
  participants: 18,
  teaching: [
    { category: 'lecturer', hours: lecturerTeaching },
    { category: 'professor', hours: 8 },
  ],
  development: [{ category: 'lecturer', hours: 20 }],
  trips: 4,
  ...extra,
});
const keyFigures = async () =>
  (await t.request('GET', '/api/dashboard?period=12m', s.as(s.economist))).json().outturn;
const line = (lines: { code: string; amountOre: number }[], code: string) =>
  lines.find((l) => l.code === code)?.amountOre;

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const example = await exampleProposal(t, s, 'accepted');
  designId = example.designId;
  agreementId = await draftAgreement(t, s, example.proposalId);
});
afterAll(() => t.close());

describe('the post-calculation of an agreement', () => {
  it('is made once both parties have signed', async () => {
    const unsigned = await read();
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await record({ revision: 0, costs: used(40) })).statusCode).toBe(409);
    await signBoth(t, s, agreementId);

    const first = await read();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      agreementId,
      revenueOre: PLANNED_COST, // education is exempt from VAT: the price is the full cost
      planned: { participants: 20, staffHours: 68 },
      startingPoint: {
        participants: 20,
        teaching: [
          { category: 'lecturer', hours: 40 },
          { category: 'professor', hours: 8 },
        ],
        development: [{ category: 'lecturer', hours: 20 }],
        trips: 4,
      },
      actual: null,
      resultOre: null,
      coverageBp: null,
      canEdit: true,
    });
    expect(line(first.json().planned.lines, 'total_cost')).toBe(PLANNED_COST);
    expect(
      (await t.request('GET', `/api/agreements/${agreementId}/outturn.csv`, s.as(s.economist))).statusCode,
    ).toBe(409);

    // signed, but the course not given yet: not awaiting a post-calculation on the key figures
    expect((await keyFigures()).awaiting).toBe(0);
    // the case reaches follow-up (Uppföljning): now it is
    await t.db.update(caseFile).set({ stage: 'evaluation' }).where(eq(caseFile.id, s.caseId));
    const reference = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().reference;
    expect(await keyFigures()).toMatchObject({
      recorded: 0,
      coverageBp: null,
      awaiting: 1,
      awaitingList: [{ agreementId, caseId: s.caseId, reference, title: first.json().title }],
    });
    // and on the start page of those who make it (coordinators, economists), not of managers or teachers
    const overview = async (user: typeof s.coord) =>
      (await t.request('GET', '/api/overview', s.as(user))).json().outturns;
    expect(await overview(s.economist)).toEqual({
      total: 1,
      items: [{ agreementId, caseId: s.caseId, reference, title: first.json().title }],
    });
    expect((await overview(s.coord)).total).toBe(1);
    expect(await overview(s.manager)).toBeNull();
    expect(await overview(s.teacher)).toBeNull();
    expect(first.json().categories.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['lecturer', 'professor']),
    );
  });

  it("shows what the sessions record — hours by the teachers' staff category, sessions called off, who came — and starts from the participants designated", async () => {
    expect((await read()).json().delivered).toEqual({
      sessionsGiven: 0,
      sessionsCalledOff: 0,
      hoursGiven: 0,
      byCategory: [],
      otherTeacherHours: 0,
      participants: 0,
      attended: null,
    });
    const designate = (firstName: string, personnummer: string) =>
      t.request(
        'POST',
        `/api/portal/agreements/${agreementId}/participants`,
        s.as(s.contact, { firstName, lastName: 'Svensson', personnummer, creditEligible: true }),
      );
    expect((await designate('Anna', '19850312-1231')).statusCode).toBe(200);
    const people = (await designate('Bo', '19780501-0050')).json().participants;
    const schedule = async (body: object) => {
      const made = await t.request(
        'POST',
        `/api/cases/${s.caseId}/sessions`,
        s.as(s.coord, { designId, ...body }),
      );
      expect(made.statusCode, made.body).toBe(201);
      return made.json();
    };
    // three mornings with the lecturer (one called off), an afternoon with the professor as someone wrote
    // the name, and an hour with a guest lecturer the design does not name
    const mornings = await schedule({
      day: '2026-10-05',
      startsAt: '09:00',
      endsAt: '12:00',
      teacher: 'Lektor i automation',
      occurrences: 3,
    });
    await schedule({
      day: '2026-10-06',
      startsAt: '13:00',
      endsAt: '15:30',
      teacher: ' professor i Reglerteknik',
    });
    await schedule({ day: '2026-10-07', startsAt: '10:00', endsAt: '11:00', teacher: 'Gästföreläsare' });
    const cancelled = await t.request(
      'POST',
      `/api/sessions/${mornings.series[1].id}/cancel`,
      s.as(s.coord, { reason: 'Läraren sjuk', notifyParticipants: false }),
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const attendance = await t.request(
      'PUT',
      `/api/sessions/${mornings.id}/attendance`,
      s.as(s.coord, {
        entries: [
          { participantId: people[0].id, status: 'present' },
          { participantId: people[1].id, status: 'absent' },
        ],
      }),
    );
    expect(attendance.statusCode, attendance.body).toBe(200);

    const now = (await read()).json();
    expect(now.delivered).toEqual({
      sessionsGiven: 4,
      sessionsCalledOff: 1,
      hoursGiven: 9.5,
      byCategory: expect.arrayContaining([
        { key: 'lecturer', hours: 6 },
        { key: 'professor', hours: 2.5 },
      ]),
      otherTeacherHours: 1,
      participants: 2,
      attended: 1,
    });
    expect(now.delivered.byCategory).toHaveLength(2);
    // a first post-calculation starts from the two designated, not the twenty planned
    expect(now.startingPoint.participants).toBe(2);
    expect(now.planned.participants).toBe(20);
    // no file of a post-calculation before one is recorded
    for (const kind of ['csv', 'pdf']) {
      const early = await t.request(
        'GET',
        `/api/agreements/${agreementId}/outturn.${kind}`,
        s.as(s.economist),
      );
      expect(early.statusCode, kind).toBe(409);
    }
  });

  it('records what was used, priced at the calculation’s rates, and shows the deficit', async () => {
    const recorded = await record({
      revision: 0,
      costs: used(52),
      note: ' Fler lärarledda timmar än planerat. ',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const body = recorded.json();
    // the same design costs in the cost calculator (the same configuration version is in effect) cost the same
    const calculator = await t.request(
      'POST',
      `/api/organisations/${s.hei}/costing/calculate`,
      s.as(s.economist, { design: used(52) }),
    );
    const actualCost = calculator.json().totalCostOre;
    expect(actualCost).toBeGreaterThan(PLANNED_COST);
    expect(body.actual).toMatchObject({
      participants: 18,
      staffHours: 80,
      note: 'Fler lärarledda timmar än planerat.',
      recordedBy: s.economist.name,
      revision: 1,
    });
    expect(line(body.actual.lines, 'total_cost')).toBe(actualCost);
    expect(body.resultOre).toBe(PLANNED_COST - actualCost);
    expect(body.coverageBp).toBe(Math.round((PLANNED_COST * 10_000) / actualCost));
    expect(body.coverageBp).toBeLessThan(10_000);
  });

  it('is corrected on the revision read; a stale one is refused and overwrites nothing', async () => {
    const stale = await record({ revision: 0, costs: used(30) }, s.coord);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('edit_conflict');
    const corrected = await record({ revision: 1, costs: used(36), note: '' }, s.coord);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().actual).toMatchObject({ revision: 2, recordedBy: s.coord.name, note: '' });
    expect(corrected.json().resultOre).toBeGreaterThan(0); // fewer hours than planned: a surplus
    expect((await record({ revision: 1, costs: used(60) })).statusCode).toBe(409);
    expect((await read()).json().actual.revision).toBe(2);
  });

  it('refuses costs it cannot price, naming the field, and keeps what was recorded', async () => {
    const unknown = await record({
      revision: 2,
      costs: used(36, { teaching: [{ category: 'docent', hours: 10 }] }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body.costs.teaching.0.category', message: 'has no hourly cost: "docent"' },
    ]);
    const noParticipants = await record({ revision: 2, costs: used(36, { participants: 0 }) });
    expect(noParticipants.statusCode).toBe(400);
    expect(noParticipants.json().errors[0].field).toBe('body.costs.participants');
    expect((await read()).json().actual).toMatchObject({ revision: 2, staffHours: 64 });
  });

  it('is read by managers and admins, recorded only by coordinators and economists, never by others', async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    expect((await read(s.manager)).json().canEdit).toBe(false);
    expect((await read(admin)).statusCode).toBe(200);
    expect((await record({ revision: 2, costs: used(10) }, s.manager)).statusCode).toBe(403);
    expect((await read(s.teacher)).statusCode).toBe(403);
    expect((await record({ revision: 2, costs: used(10) }, s.teacher)).statusCode).toBe(403);
    expect((await read(s.contact)).statusCode).toBe(403);
    expect((await read(s.outsider)).statusCode).toBe(404);
    expect((await record({ revision: 2, costs: used(10) }, s.outsider)).statusCode).toBe(404);
    // the customer's own view of the agreement says nothing of it
    const portal = await t.request('GET', `/api/portal/agreements/${agreementId}`, s.as(s.contact));
    expect(portal.body).not.toMatch(/outturn|resultOre|coverage/);
    expect((await read()).json().actual.revision).toBe(2); // nothing the refused requests sent was kept
  });

  it('downloads as CSV for the HEI’s file, in Swedish or English; not before one is recorded', async () => {
    const csv = await t.request('GET', `/api/agreements/${agreementId}/outturn.csv`, s.as(s.manager));
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/efterkalkyl-.*\.csv/);
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('"Post";"Kalkyl (kr)";"Utfall (kr)";"Skillnad (kr)"');
    const o = (await read()).json();
    const actual = line(o.actual.lines, 'total_cost') ?? 0;
    const kr = (ore: number) => String(ore / 100).replace('.', ',');
    expect(rows).toContain(`"Full kostnad";${kr(PLANNED_COST)};${kr(actual)};${kr(actual - PLANNED_COST)}`);
    expect(rows).toContain(`"Resultat";0;${kr(o.resultOre)};${kr(o.resultOre)}`);
    expect(rows).toContain('"Deltagare";20;18;-2');
    const english = await t.request(
      'GET',
      `/api/agreements/${agreementId}/outturn.csv?lang=en`,
      s.as(s.economist),
    );
    expect(english.body).toContain('"Full cost";');
    expect(english.headers['content-disposition']).toMatch(/post-calculation-/);
    expect(
      (await t.request('GET', `/api/agreements/${agreementId}/outturn.csv`, s.as(s.teacher))).statusCode,
    ).toBe(403);
  });

  it("prints as a PDF for the case's file: the customer, the registration number, each line, the hours by staff category and what the delivery recorded", async () => {
    const details = await t.request(
      'PATCH',
      `/api/cases/${s.caseId}`,
      s.as(s.coord, { registryNumber: 'Dnr 2026/0815' }),
    );
    expect(details.statusCode, details.body).toBe(200);
    const { reference, customer } = details.json();
    const pdf = await t.request('GET', `/api/agreements/${agreementId}/outturn.pdf`, s.as(s.manager));
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline; filename="efterkalkyl-[^"]+\.pdf"/);
    const o = (await read()).json();
    const actual = line(o.actual.lines, 'total_cost') ?? 0;
    const kr = (ore: number) => kronor(ore, 'sv');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Efterkalkyl: PLC för underhållet');
    expect(text).toContain(`Uppdragsgivare\t${customer.name}`);
    expect(text).toContain(`Vårt ärende\t${reference}`);
    expect(text).toContain('Vårt diarienummer\tDnr 2026/0815');
    expect(text).toMatch(new RegExp(`Registrerad\t\\d{4}-\\d{2}-\\d{2} av ${s.coord.name}`));
    expect(text).toContain(`Överskott ${kr(o.resultOre)}.`);
    expect(text).toContain(`Full kostnad\t${kr(PLANNED_COST)}\t${kr(actual)}\t−${kr(PLANNED_COST - actual)}`);
    expect(text).toContain(`Resultat\t${kr(0)}\t${kr(o.resultOre)}\t+${kr(o.resultOre)}`);
    expect(text).toContain('Deltagare\t20\t18\t−2');
    expect(text).toContain('Lärartimmar\t68\t64\t−4');
    // by staff category: calculated (teaching and development), recorded, and given by the schedule
    const label = (key: string) => o.categories.find((c: { key: string }) => c.key === key).label;
    expect(text).toContain(`${label('lecturer')}\t60\t56\t6`);
    expect(text).toContain(`${label('professor')}\t8\t8\t2,5`);
    expect(text).toContain('Andra än kursens lärare\t–\t–\t1');
    expect(text).toContain('4 kurstillfällen genomförda, 9,5 schemalagda timmar; 1 inställt.');
    expect(text).toContain('2 deltagare anmälda enligt avtalet.');
    expect(text).toContain('1 av dem närvarade minst en gång.');

    const english = await t.request(
      'GET',
      `/api/agreements/${agreementId}/outturn.pdf?lang=en`,
      s.as(s.economist),
    );
    expect(english.headers['content-disposition']).toMatch(/filename="post-calculation-/);
    const en = pdfText(english.rawPayload);
    // (pdfText reads the hyphenated word as two text objects)
    expect(en).toMatch(/Post-\s?calculation: PLC för underhållet/);
    expect(en).toContain('Our registration number\tDnr 2026/0815');
    expect(en).toContain(`Surplus ${kronor(o.resultOre, 'en')}.`);
    expect(en).toContain('Participants\t20\t18\t−2');
    expect(en).toContain('4 sessions given, 9.5 scheduled hours; 1 called off.');
    expect(en).not.toMatch(/Efterkalkyl|Deltagare|Överskott/);

    const teacher = await t.request('GET', `/api/agreements/${agreementId}/outturn.pdf`, s.as(s.teacher));
    expect(teacher.statusCode).toBe(403);
    const outsider = await t.request('GET', `/api/agreements/${agreementId}/outturn.pdf`, s.as(s.outsider));
    expect(outsider.statusCode).toBe(404);
  });

  it("goes into the case's file for the registry, with the proposal, the agreement and the documents", async () => {
    const uploaded = await uploadForm(t, `/api/cases/${s.caseId}/documents`, s.coord.cookie, {
      file: { name: 'Kravspecifikation.pdf', content: MINIMAL_PDF },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const review = await t.request(
      'PUT',
      `/api/cases/${s.caseId}/review`,
      s.as(s.coord, {
        wentWell: 'Tät dialog med underhållschefen.',
        toImprove: 'Planera svetsprovet tidigare.',
        followOn: '',
      }),
    );
    expect(review.statusCode, review.body).toBe(200);
    const response = await t.request('GET', `/api/cases/${s.caseId}/file.zip`, s.as(s.manager));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    expect(response.headers['content-disposition']).toContain(`filename="akt-${reference}.zip"`);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      [
        '00-innehall.txt',
        '01-handlaggning.pdf',
        'avtal/' + names.find((n) => n.startsWith('avtal/'))?.slice(6),
        'dokument/Kravspecifikation.pdf',
        'efterkalkyler/efterkalkyl-PLC-för-underhållet.pdf',
        'kursrapporter/kursrapport-PLC-för-underhållet.pdf',
        'offerter/' + names.find((n) => n.startsWith('offerter/'))?.slice(9),
        'aterblick.txt',
      ].sort(),
    );
    expect(names.find((n) => n.startsWith('avtal/'))).toMatch(/^avtal\/avtal-.+-rev\d+\.pdf$/);
    expect(names.find((n) => n.startsWith('offerter/'))).toMatch(/^offerter\/offert-.+-v1\.pdf$/);
    expect(Buffer.from(files['dokument/Kravspecifikation.pdf'] ?? []).equals(MINIMAL_PDF)).toBe(true);
    const outturn = pdfText(Buffer.from(files['efterkalkyler/efterkalkyl-PLC-för-underhållet.pdf'] ?? []));
    expect(outturn).toContain('Vårt diarienummer\tDnr 2026/0815');
    expect(pdfText(Buffer.from(files['kursrapporter/kursrapport-PLC-för-underhållet.pdf'] ?? []))).toContain(
      'Kursrapport: PLC för underhållet',
    );
    const contents = strFromU8(files['00-innehall.txt'] ?? new Uint8Array());
    expect(contents).toContain(`Ärende: ${reference}`);
    expect(contents).toContain('Diarienummer: Dnr 2026/0815');
    expect(contents).toMatch(/^Steg: (Avtal|Genomförande|Uppföljning)\r$/m);
    expect(contents).toContain('  dokument/Kravspecifikation.pdf');
    expect(contents).toContain('  01-handlaggning.pdf');
    expect(pdfText(Buffer.from(files['01-handlaggning.pdf'] ?? []))).toContain(
      `Ärendets handläggning: ${reference}`,
    );
    const lessons = strFromU8(files['aterblick.txt'] ?? new Uint8Array());
    expect(lessons).toContain('Vad gör vi annorlunda nästa gång?\r\nPlanera svetsprovet tidigare.');
    expect(lessons).toContain(`, ${s.coord.name}\r\n`);
    expect(lessons).toMatch(/^Sparad: \d{4}-\d{2}-\d{2}, /m);
    expect(contents).toMatch(/Personuppgifter om deltagare .* ingår inte/);
    // no participant's personal identity number anywhere in it
    for (const body of Object.values(files)) expect(strFromU8(body, true)).not.toContain('19850312');

    const english = await t.request('GET', `/api/cases/${s.caseId}/file.zip?lang=en`, s.as(s.economist));
    expect(Object.keys(unzipSync(new Uint8Array(english.rawPayload)))).toEqual(
      expect.arrayContaining([
        '01-case-record.pdf',
        'post-calculations/post-calculation-PLC-för-underhållet.pdf',
      ]),
    );
    const audited = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'case.file_exported'), eq(auditEvent.subjectId, s.caseId)));
    expect(audited).toHaveLength(2);
    expect(audited[0]?.data).toEqual({ files: 7 });

    for (const [user, status] of [
      [s.teacher, 403],
      [s.contact, 403],
      [s.outsider, 404],
    ] as const) {
      const refused = await t.request('GET', `/api/cases/${s.caseId}/file.zip`, s.as(user));
      expect(refused.statusCode).toBe(status);
    }
  });

  it("prints the record of the case's handling: details, checklist with who ticked what, and the timeline oldest first", async () => {
    const entry = (body: object) => t.request('POST', `/api/cases/${s.caseId}/entries`, s.as(s.coord, body));
    const meeting = await entry({
      kind: 'meeting',
      occurredAt: '2026-03-02T08:30:00Z',
      title: 'Behovsmöte med underhållet',
      participants: 'Sara Kund (Stålverket), Cecilia Samordnare',
      answers: { why: 'Färre oplanerade stopp i valsverket', reaction: 'Positiva till halvdistans' },
      nextSteps: 'Vi skickar ett utkast till upplägg.',
      internal: true,
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const contact = await entry({
      kind: 'contact',
      occurredAt: '2026-03-09T13:05:00Z',
      title: 'Telefon om datum',
      notes: 'Kunden föredrar veckorna efter påsk.',
      internal: false,
    });
    expect(contact.statusCode, contact.body).toBe(201);

    const response = await t.request('GET', `/api/cases/${s.caseId}/record.pdf`, s.as(s.economist));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    expect(response.headers['content-disposition']).toContain(`filename="handlaggning-${reference}.pdf"`);
    const text = pdfText(Buffer.from(response.rawPayload));
    expect(text).toContain(`Ärendets handläggning: ${reference}`);
    expect(text).toContain('Diarienummer\tDnr 2026/0815');
    expect(text).toContain(`Ansvarig\t${s.coord.name}`);
    // the checklist: the proposal's item ticked by Lupp when it was sent, an unticked one marked as such
    expect(text).toMatch(/Offert skickad \(obligatorisk\)\t\d{4}-\d{2}-\d{2}, .+/);
    expect(text).toContain('bockad i Lupp när offerten skickades');
    expect(text).toContain('Inte klar');
    // the timeline, oldest first, in Stockholm time, with the questions the answers answered
    const meetingAt = text.indexOf(`2026-03-02 09:30 · Kundmöte · ${s.coord.name} · intern`);
    const contactAt = text.indexOf(`2026-03-09 14:05 · Kontakt · ${s.coord.name} · synlig för kunden`);
    expect(meetingAt).toBeGreaterThan(-1);
    expect(contactAt).toBeGreaterThan(meetingAt);
    expect(text).toContain('Varför? Vad ska utbildningen leda till');
    expect(text).toContain('Färre oplanerade stopp');
    expect(text).toContain('Reaktion: hur upplevde deltagarna utbildningen? Positiva till halvdistans');
    expect(text).toContain('Nästa steg Vi skickar ett utkast till upplägg.');
    // for the registry and the archive
    expectPdfA(Buffer.from(response.rawPayload), {
      language: 'sv',
      title: `Ärendets handläggning – ${reference}`,
    });

    const englishPdf = Buffer.from(
      (await t.request('GET', `/api/cases/${s.caseId}/record.pdf?lang=en`, s.as(s.manager))).rawPayload,
    );
    expectPdfA(englishPdf, { language: 'en', title: `Case record – ${reference}` });
    const english = pdfText(englishPdf);
    expect(english).toContain(`Case record: ${reference}`);
    expect(english).toContain(`2026-03-09 14:05 · Contact · ${s.coord.name} · visible to the customer`);
    expect(english).toContain('ticked in Lupp when the proposal was sent');

    const audited = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'case.record_exported'), eq(auditEvent.subjectId, s.caseId)));
    expect(audited).toHaveLength(2);
    for (const [user, status] of [
      [s.teacher, 403],
      [s.contact, 403],
      [s.outsider, 404],
    ] as const) {
      const refused = await t.request('GET', `/api/cases/${s.caseId}/record.pdf`, s.as(user));
      expect(refused.statusCode).toBe(status);
    }
  });

  it("is summed on the HEI's key figures, and no longer awaited", async () => {
    const o = (await read()).json();
    const actualCost = line(o.actual.lines, 'total_cost') ?? 0;
    expect(await keyFigures()).toEqual({
      recorded: 1,
      revenueOre: PLANNED_COST,
      actualCostOre: actualCost,
      resultOre: o.resultOre,
      coverageBp: o.coverageBp,
      deficits: 0,
      awaiting: 0,
      awaitingList: [],
    });
    expect((await t.request('GET', '/api/overview', s.as(s.economist))).json().outturns).toEqual({
      total: 0,
      items: [],
    });
    // another HEI's figures know nothing of it
    const theirs = await t.request('GET', '/api/dashboard', s.as(s.outsider));
    expect(theirs.json().outturn).toMatchObject({ recorded: 0, awaiting: 0 });
  });

  it("is shown to whoever calculates another delivery of the same catalogue course, not the design's own", async () => {
    const next = await t.request(
      'POST',
      `/api/cases/${s.caseId}/designs`,
      s.as(s.coord, { title: 'PLC för underhållet, grupp 2', fromCourseIds: [s.courseId], participants: 12 }),
    );
    expect(next.statusCode, next.body).toBe(201);
    const earlier = (designId: string, user = s.economist) =>
      t.request('GET', `/api/designs/${designId}/earlier-outturns`, s.as(user));
    const shown = await earlier(next.json().id);
    expect(shown.statusCode, shown.body).toBe(200);
    const o = (await read()).json();
    expect(shown.json()).toEqual([
      {
        agreementId,
        caseId: s.caseId,
        caseReference: expect.any(String),
        title: o.title,
        recordedAt: o.actual.recordedAt,
        participants: { planned: 20, actual: 18 },
        staffHours: { planned: 68, actual: 64 },
        costOre: { planned: PLANNED_COST, actual: line(o.actual.lines, 'total_cost') },
        resultOre: o.resultOre,
        coverageBp: o.coverageBp,
        note: '',
      },
    ]);
    expect((await earlier(designId)).json()).toEqual([]); // its own post-calculation is not "earlier"
    expect((await earlier(next.json().id, s.teacher)).statusCode).toBe(403);
    expect((await earlier(next.json().id, s.outsider)).statusCode).toBe(404);
  });

  it('is in the audit log with the actual cost and the result', async () => {
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'agreement.outturn_recorded'), eq(auditEvent.subjectId, agreementId)));
    expect(events.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          revision: 1,
          resultOre: expect.any(Number),
          totalCostOre: expect.any(Number),
        }),
        expect.objectContaining({ revision: 2 }),
      ]),
    );
    expect(events).toHaveLength(2);
  });
});
