import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';

// Framework agreements (ramavtal): an HEI that won a customer's procurement of a framework records it — its
// period, the customer's reference, the ceiling — and each case called off under it points at it, so the
// agreement shows what has been called off and how much of the ceiling is used.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let frameworkId: string;
const today = () => stockholmDate(new Date());

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
});
afterAll(() => t.close());

const create = (body: object, user = s.coord) =>
  t.request('POST', '/api/framework-agreements', s.as(user, body));
const read = (id: string, user = s.coord) => t.request('GET', `/api/framework-agreements/${id}`, s.as(user));
const list = (user = s.coord, query = '') =>
  t.request('GET', `/api/framework-agreements${query}`, s.as(user));
const change = (id: string, body: object, user = s.coord) =>
  t.request('PATCH', `/api/framework-agreements/${id}`, s.as(user, body));
const patchCase = (body: object, caseId = s.caseId) =>
  t.request('PATCH', `/api/cases/${caseId}`, s.as(s.coord, body));

describe('framework agreements', () => {
  it('are recorded with a customer of the HEI and read by its staff; another HEI sees none', async () => {
    const created = await create({
      customerId: s.customerId,
      title: 'Ramavtal kompetensutveckling inom automation',
      reference: 'Dnr 2026/311',
      validFrom: addDays(today(), -30),
      validTo: addDays(today(), 60),
      ceilingOre: 200_000_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    frameworkId = created.json().id;
    expect(created.json()).toMatchObject({
      title: 'Ramavtal kompetensutveckling inom automation',
      reference: 'Dnr 2026/311',
      customer: { id: s.customerId },
      status: 'active',
      daysLeft: 60,
      ceilingOre: 200_000_000,
      callOffs: 0,
      calledOffOre: 0,
      callOffList: [],
      canEdit: true,
    });
    const [audited] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'framework.created'), eq(auditEvent.subjectId, frameworkId)));
    expect(audited?.data).toMatchObject({ title: 'Ramavtal kompetensutveckling inom automation' });

    // it ends within 90 days: on the overview of those who record agreements, not of the teachers
    const overview = (await t.request('GET', '/api/overview', s.as(s.manager))).json();
    expect(overview.frameworksEnding).toEqual([
      {
        id: frameworkId,
        title: 'Ramavtal kompetensutveckling inom automation',
        customerName: expect.any(String),
        validTo: addDays(today(), 60),
        daysLeft: 60,
      },
    ]);
    expect((await t.request('GET', '/api/overview', s.as(s.teacher))).json().frameworksEnding).toBeNull();

    // a teacher reads it, and cannot record or change one
    const asTeacher = await read(frameworkId, s.teacher);
    expect(asTeacher.statusCode).toBe(200);
    expect(asTeacher.json().canEdit).toBe(false);
    expect((await list(s.teacher)).json().map((f: { id: string }) => f.id)).toEqual([frameworkId]);
    expect((await change(frameworkId, { title: 'Kapat' }, s.teacher)).statusCode).toBe(403);
    expect(
      (
        await create(
          { customerId: s.customerId, title: 'Lärarens', validFrom: today(), validTo: today() },
          s.teacher,
        )
      ).statusCode,
    ).toBe(403);

    // another HEI of the consortium: nothing to read, nothing to change
    expect((await read(frameworkId, s.outsider)).statusCode).toBe(404);
    expect((await change(frameworkId, { title: 'Kapat' }, s.outsider)).statusCode).toBe(404);
    expect((await list(s.outsider)).json()).toEqual([]);
    // nor for the customer's contact person (not HEI staff)
    expect((await list(s.contact)).statusCode).toBe(403);
  });

  it('refuses a period that ends before it starts, or a customer the HEI has no case with, keeping what was saved', async () => {
    const backwards = await create({
      customerId: s.customerId,
      title: 'Baklänges',
      validFrom: today(),
      validTo: addDays(today(), -1),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      expect.objectContaining({ field: 'body.validTo', message: 'the last day cannot be before the first' }),
    ]);
    // the other HEI records one with our customer: it has had no case with them
    const stranger = await create(
      { customerId: s.customerId, title: 'Främmande kund', validFrom: today(), validTo: today() },
      s.outsider,
    );
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('body.customerId');
    expect((await list()).json()).toHaveLength(1);

    const extendedBackwards = await change(frameworkId, { validTo: addDays(today(), -31) });
    expect(extendedBackwards.statusCode).toBe(400);
    expect(extendedBackwards.json().errors[0].field).toBe('body.validTo');
    expect((await change(frameworkId, {})).statusCode).toBe(400);
    expect((await read(frameworkId)).json().daysLeft).toBe(60);
  });

  it("has the customer's cases called off under it, counting their signed agreements against the ceiling", async () => {
    // only a call-off is made under a framework agreement
    const notACallOff = await patchCase({ frameworkAgreementId: frameworkId });
    expect(notACallOff.statusCode).toBe(400);
    expect(notACallOff.json().errors[0].field).toBe('body.frameworkAgreementId');

    const linked = await patchCase({
      purchaseRoute: 'framework_call_off',
      frameworkAgreementId: frameworkId,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({
      purchaseRoute: 'framework_call_off',
      frameworkAgreementId: frameworkId,
    });
    expect(linked.json().entries[0].body).toEqual({
      event: 'details_changed',
      fields: ['purchaseRoute', 'frameworkAgreementId'],
    });

    const { proposalId } = await exampleProposal(t, s, 'accepted');
    const agreementId = await signedAgreement(t, s, proposalId);
    const detail = (await read(frameworkId)).json();
    expect(detail.callOffs).toBe(1);
    expect(detail.calledOffOre).toBeGreaterThan(0);
    expect(detail.invoicedOre).toBe(0);
    expect(detail.callOffList).toEqual([
      expect.objectContaining({
        id: s.caseId,
        stage: expect.any(String),
        signedValueOre: detail.calledOffOre,
      }),
    ]);
    const customerList = (await list(s.coord, `?customerId=${s.customerId}`)).json();
    expect(customerList).toEqual([
      expect.objectContaining({ id: frameworkId, calledOffOre: detail.calledOffOre }),
    ]);

    // what has been invoiced of it: the payments recorded as invoiced, not the whole signed value
    const plan = (await t.request('GET', `/api/agreements/${agreementId}`, s.as(s.coord))).json().billingPlan;
    expect(plan.length).toBeGreaterThan(0);
    const invoiced = await t.request(
      'PUT',
      `/api/agreements/${agreementId}/invoices/1`,
      s.as(s.economist, { invoicedOn: stockholmDate(new Date()), invoiceNumber: '2026-0042' }),
    );
    expect(invoiced.statusCode, invoiced.body).toBe(200);
    expect((await read(frameworkId)).json()).toMatchObject({
      calledOffOre: detail.calledOffOre,
      invoicedOre: plan[0].amountOre,
    });
    // taken back (the invoice was credited): nothing invoiced again
    const undone = await t.request('DELETE', `/api/agreements/${agreementId}/invoices/1`, s.as(s.economist));
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await read(frameworkId)).json().invoicedOre).toBe(0);
  });

  it("refuses another customer's or another HEI's agreement for a case, and leaves the case as it was", async () => {
    // a second customer of the HEI, with a framework agreement of its own
    const otherCase = await t.request(
      'POST',
      '/api/cases',
      s.as(s.coord, {
        title: 'Truckutbildning',
        customerName: 'Norrvik kommun',
        customerOrgNumber: '2120000142',
        sector: 'public',
        needText: 'Förrådspersonalen behöver truckkort och säkerhetsutbildning.',
      }),
    );
    expect(otherCase.statusCode, otherCase.body).toBe(201);
    const theirs = await create({
      customerId: otherCase.json().customer.id,
      title: 'Kommunens ramavtal',
      validFrom: today(),
      validTo: addDays(today(), 365),
    });
    expect(theirs.statusCode).toBe(201);
    const wrongCustomer = await patchCase({ frameworkAgreementId: theirs.json().id });
    expect(wrongCustomer.statusCode).toBe(400);
    expect(wrongCustomer.json().errors[0]).toEqual({
      field: 'body.frameworkAgreementId',
      message: "is not one of your HEI's framework agreements with the case's customer",
    });
    // the other HEI's agreement, though with a customer both HEIs have had cases with
    const outsiderCase = await t.request(
      'POST',
      '/api/cases',
      s.as(s.outsider, {
        title: 'Hos grannhögskolan',
        customerName: 'Norrvik kommun',
        customerOrgNumber: '2120000142',
        sector: 'public',
        needText: 'Kommunen behöver utbildning i upphandling för sina chefer.',
      }),
    );
    const outsiders = await create(
      {
        customerId: outsiderCase.json().customer.id,
        title: 'Grannhögskolans ramavtal',
        validFrom: today(),
        validTo: addDays(today(), 30),
      },
      s.outsider,
    );
    expect(outsiders.statusCode, outsiders.body).toBe(201);
    const ourCallOff = await t.request(
      'PATCH',
      `/api/cases/${otherCase.json().id}`,
      s.as(s.coord, { purchaseRoute: 'framework_call_off', frameworkAgreementId: outsiders.json().id }),
    );
    expect(ourCallOff.statusCode).toBe(400);
    expect(ourCallOff.json().errors[0].field).toBe('body.frameworkAgreementId');
    expect((await t.request('GET', `/api/cases/${otherCase.json().id}`, s.as(s.coord))).json()).toMatchObject(
      {
        purchaseRoute: null,
        frameworkAgreementId: null,
      },
    );
    expect(
      (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().frameworkAgreementId,
    ).toBe(frameworkId);
    // its list: the running agreement ending soonest comes first
    expect((await list()).json().map((f: { title: string }) => f.title)).toEqual([
      'Ramavtal kompetensutveckling inom automation',
      'Kommunens ramavtal',
    ]);
  });

  it('is extended and corrected, each change in the audit log; once past its last day it has ended', async () => {
    const extended = await change(frameworkId, { validTo: addDays(today(), 425), reference: '' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ daysLeft: 425, reference: null, status: 'active' });
    // no longer ending soon
    expect((await t.request('GET', '/api/overview', s.as(s.coord))).json().frameworksEnding).toEqual([]);
    const [audited] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'framework.updated'), eq(auditEvent.subjectId, frameworkId)));
    expect(audited?.data).toEqual({
      validTo: { before: addDays(today(), 60), after: addDays(today(), 425) },
      reference: { before: 'Dnr 2026/311', after: null },
    });

    const ended = await change(frameworkId, { validTo: addDays(today(), -1) }, s.manager);
    expect(ended.json()).toMatchObject({ status: 'ended', daysLeft: -1 });
    // the ended agreement goes last
    expect((await list()).json().map((f: { status: string }) => f.status)).toEqual(['active', 'ended']);
    // a reference is cleared by null as by an empty text (the form sends null)
    expect((await change(frameworkId, { reference: 'Dnr 2026/312' })).json().reference).toBe('Dnr 2026/312');
    expect((await change(frameworkId, { reference: null })).json().reference).toBeNull();
  });

  it('is named when a coordinator opens a call-off case directly, checked the same way', async () => {
    const { name, orgNumber } = (
      await t.request('GET', `/api/customers/${s.customerId}`, s.as(s.coord))
    ).json();
    const callOff = (frameworkAgreementId: string) =>
      t.request(
        'POST',
        '/api/cases',
        s.as(s.coord, {
          title: 'Avrop: felsökning i styrsystem',
          customerName: name,
          customerOrgNumber: orgNumber,
          sector: 'private',
          needText: 'Underhållet behöver en kort kurs i felsökning av styrsystem.',
          purchaseRoute: 'framework_call_off',
          frameworkAgreementId,
        }),
      );
    const opened = await callOff(frameworkId);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().frameworkAgreementId).toBe(frameworkId);
    const municipalitys = (await list())
      .json()
      .find((f: { title: string }) => f.title === 'Kommunens ramavtal');
    const wrong = await callOff(municipalitys.id);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('body.frameworkAgreementId');
    expect((await read(frameworkId)).json().callOffs).toBe(2);
  });

  it('is left behind when the case turns out not to be a call-off after all', async () => {
    const changed = await patchCase({ purchaseRoute: 'direct_award' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ purchaseRoute: 'direct_award', frameworkAgreementId: null });
    expect((await read(frameworkId)).json()).toMatchObject({ callOffs: 1, calledOffOre: 0 });
  });
});
