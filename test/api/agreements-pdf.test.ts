import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { pdfText as pdfTextRaw } from '../support/pdf-text.ts';

// The agreement as a PDF: the parties, the clauses, the price, the billing plan, the signatures and the
// addenda — for the HEI's staff on the case and for the customer's contact, nobody else.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let otherCustomer: TestUser;
let agreement: {
  id: string;
  proposalId: string;
  revision: number;
  hei: { name: string };
  customer: { name: string };
};

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const year = new Date().getUTCFullYear() + 1;
const pdfText = (pdf: Buffer) => pdfTextRaw(pdf).replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  otherCustomer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
  const { proposalId } = await exampleProposal(t, s, 'accepted');
  const created = await t.request(
    'POST',
    `/api/cases/${s.caseId}/agreements`,
    as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
  );
  expect(created.statusCode, created.body).toBe(201);
  const split = await t.request(
    'PATCH',
    `/api/agreements/${created.json().id}`,
    as(s.coord, {
      revision: 1,
      billingPlan: [
        { dueDate: `${year}-03-01`, amountOre: 4_515_679, description: 'Del 1 av 2, vid start' },
        { dueDate: `${year}-06-01`, amountOre: 4_515_678, description: 'Del 2 av 2, efter genomförandet' },
      ],
    }),
  );
  expect(split.statusCode, split.body).toBe(200);
  agreement = split.json();
});
afterAll(() => t.close());

describe('the agreement as a PDF', () => {
  it('has the parties, the clauses, the price, the billing plan and "not signed" before signing', async () => {
    const response = await t.request('GET', `/api/agreements/${agreement.id}/pdf`, as(s.economist));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    // shown in the browser, saved under the agreement's kind and revision
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^inline; filename="avtal-[^"]+-rev${agreement.revision}\\.pdf"`),
    );
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Avtal om uppdragsutbildning');
    expect(text).toContain('PLC för underhållet');
    expect(text).toContain(`Lärosäte\t${agreement.hei.name}`);
    expect(text).toContain(`Uppdragsgivare\t${agreement.customer.name}`);
    expect(text).toMatch(/Deltagarna är inte studenter/);
    expect(text).toContain('Totalt pris\t90 313,57 kr');
    expect(text).toContain(`Deltagare kan bytas till och med\t${year}-02-15`);
    expect(text).toContain(`${year}-03-01\t45 156,79 kr\tDel 1 av 2, vid start`);
    expect(text).toContain(`${year}-06-01\t45 156,78 kr\tDel 2 av 2, efter genomförandet`);
    expect(text).toContain('Summa\t90 313,57 kr');
    expect(text).toContain('För lärosätet\tej signerat');
    expect(text).toContain('För uppdragsgivaren\tej signerat');
  });

  it("carries the case's reference, the HEI's registration number and the customer's reference, as the proposal does", async () => {
    const details = await t.request(
      'PATCH',
      `/api/cases/${s.caseId}`,
      as(s.coord, {
        registryNumber: 'Dnr 2026/1234',
        purchaseRoute: 'direct_award',
        procurementReference: 'INK-77',
      }),
    );
    expect(details.statusCode, details.body).toBe(200);
    const { reference } = details.json();
    const text = pdfText(
      (await t.request('GET', `/api/agreements/${agreement.id}/pdf`, as(s.coord))).rawPayload,
    );
    expect(text).toContain(`Vårt ärende\t${reference}`);
    expect(text).toContain('Vårt diarienummer\tDnr 2026/1234');
    expect(text).toContain('Er referens\tINK-77');
    const proposal = pdfText(
      (await t.request('GET', `/api/proposals/${agreement.proposalId}/pdf`, as(s.coord))).rawPayload,
    );
    expect(proposal).toContain('Vårt diarienummer\tDnr 2026/1234');
    // the price per participant is rounded up, so it says so: together the participants cover the total
    expect(proposal).toMatch(/Pris per deltagare \(avrundat uppåt till hela kronor\)\t[\d ]+,00 kr/);
    // without a registration number, no empty row
    await t.request('PATCH', `/api/cases/${s.caseId}`, as(s.coord, { registryNumber: null }));
    const without = pdfText(
      (await t.request('GET', `/api/agreements/${agreement.id}/pdf`, as(s.coord))).rawPayload,
    );
    expect(without).not.toContain('Vårt diarienummer');
    expect(without).toContain(`Vårt ärende\t${reference}`);
  });

  it('shows who signed and when, and the addenda with their signatures', async () => {
    const byHei = await t.request(
      'POST',
      `/api/agreements/${agreement.id}/sign`,
      as(s.manager, { revision: agreement.revision }),
    );
    expect(byHei.statusCode, byHei.body).toBe(200);
    const byCustomer = await t.request(
      'POST',
      `/api/portal/agreements/${agreement.id}/sign`,
      as(s.contact, { revision: agreement.revision }),
    );
    expect(byCustomer.statusCode, byCustomer.body).toBe(200);
    await t.request(
      'POST',
      `/api/agreements/${agreement.id}/addenda`,
      as(s.coord, { text: 'Antalet deltagare ändras från 20 till 22; priset är oförändrat.' }),
    );
    await t.request('POST', `/api/agreements/${agreement.id}/addenda/1/sign`, as(s.manager));

    const text = pdfText(
      (await t.request('GET', `/api/agreements/${agreement.id}/pdf`, as(s.coord))).rawPayload,
    );
    const when = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.source;
    expect(text).toMatch(new RegExp(`Signerat av ${s.manager.name} ${when}`));
    expect(text).toMatch(new RegExp(`Signerat av ${s.contact.name} ${when}`));
    expect(text).toContain('Signerat av båda parter');
    expect(text).toMatch(/Tillägg 1 \(Tillagt \d{4}-\d{2}-\d{2}\)/);
    expect(text).toContain('Antalet deltagare ändras från 20 till 22; priset är oförändrat.');
    // the addendum: the HEI has signed, the customer not yet
    expect(text.split('Tillägg 1')[1]).toContain('För uppdragsgivaren\tej signerat');

    const portal = await t.request('GET', `/api/portal/agreements/${agreement.id}/pdf`, as(s.contact));
    expect(portal.statusCode).toBe(200);
    expect(portal.headers['content-type']).toBe('application/pdf');
    const portalText = pdfText(portal.rawPayload);
    expect(portalText).toContain('Totalt pris\t90 313,57 kr');
    expect(portalText).toMatch(new RegExp(`Signerat av ${s.contact.name} ${when}`));
  });

  it('is not there for other HEIs, other customers, HEI staff in the portal or anonymous callers', async () => {
    expect((await t.request('GET', `/api/agreements/${agreement.id}/pdf`, as(s.outsider))).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('GET', `/api/portal/agreements/${agreement.id}/pdf`, as(otherCustomer))).statusCode,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/portal/agreements/${agreement.id}/pdf`, as(s.coord))).statusCode,
    ).toBe(403);
    expect(
      (await t.request('GET', `/api/agreements/${agreement.id}/pdf`, as(s.contact))).statusCode,
    ).not.toBe(200);
    expect((await t.request('GET', `/api/agreements/${agreement.id}/pdf`)).statusCode).toBe(401);
    expect((await t.request('GET', `/api/portal/agreements/${agreement.id}/pdf`)).statusCode).toBe(401);
  });
});
