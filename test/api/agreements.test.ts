import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createUser, type TestUser } from '../support/factories.ts';

// From the accepted proposal to an agreement signed by both parties, with an addendum and the billing plan.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let proposalId: string;
let admin: TestUser;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
  ({ proposalId } = await exampleProposal(t, s, 'sent'));
});
afterAll(() => t.close());

describe('agreements', () => {
  let agreement: { id: string; revision: number };

  it('are made from the accepted proposal only: its terms, price and a billing plan', async () => {
    const make = () =>
      t.request(
        'POST',
        `/api/cases/${s.caseId}/agreements`,
        as(s.coord, {
          proposalId,
          participantsDeadline: `${year}-02-15`,
        }),
      );
    const early = await make();
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/is sent; an agreement is made from the accepted one/);
    await t.request('POST', `/api/portal/proposals/${proposalId}/accept`, as(s.contact));

    const created = await make();
    expect(created.statusCode, created.body).toBe(201);
    agreement = created.json();
    expect(created.json()).toMatchObject({
      status: 'draft',
      priceOre: 9_031_357,
      participantsDeadline: `${year}-02-15`,
      billingPlan: [
        {
          dueDate: `${year}-03-17`,
          amountOre: 9_031_357,
          description: 'Uppdragsutbildning: PLC för underhållet',
        },
      ],
      heiSignature: null,
      customerSignature: null,
    });
    // the clauses contract education needs: participants are not students, cheating, personal data, cancellation
    const clauses = created.json().clauses;
    expect(clauses).toMatch(/Uppdragsgivaren utser deltagarna. Deltagarna är inte studenter/);
    expect(clauses).toMatch(/fusk och plagiat/);
    expect(clauses).toMatch(/personuppgifter/);
    expect(clauses).toMatch(/Avbokning/);
    expect(clauses).toContain(`Uppdragsgivaren kan byta deltagare till och med ${year}-02-15.`);
    expect((await make()).statusCode).toBe(409); // one agreement per proposal
  });

  it('split the billing plan before signing; the payments must sum to the price', async () => {
    const wrong = await t.request(
      'PATCH',
      `/api/agreements/${agreement.id}`,
      as(s.coord, {
        revision: 1,
        billingPlan: [{ dueDate: `${year}-03-01`, amountOre: 100, description: 'Del 1' }],
      }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'body.billingPlan', message: 'the payments sum to 100 öre, the price is 9031357 öre' },
    ]);
    const split = await t.request(
      'PATCH',
      `/api/agreements/${agreement.id}`,
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
    expect(agreement.revision).toBe(2);
  });

  it("follow a new participants' deadline in their clause, and list the payments in the order they fall due", async () => {
    const moved = await t.request(
      'PATCH',
      `/api/agreements/${agreement.id}`,
      as(s.coord, {
        revision: 2,
        participantsDeadline: `${year}-02-20`,
        billingPlan: [
          { dueDate: `${year}-06-01`, amountOre: 4_515_678, description: 'Del 2 av 2, efter genomförandet' },
          { dueDate: `${year}-03-01`, amountOre: 4_515_679, description: 'Del 1 av 2, vid start' },
        ],
      }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const clauses: string = moved.json().clauses;
    expect(clauses).toContain(`Uppdragsgivaren kan byta deltagare till och med ${year}-02-20.`);
    expect(clauses).not.toContain(`${year}-02-15`);
    expect(moved.json().billingPlan.map((p: { dueDate: string }) => p.dueDate)).toEqual([
      `${year}-03-01`,
      `${year}-06-01`,
    ]);
    agreement = moved.json();
    expect(agreement.revision).toBe(3);
  });

  it('are signed by both: the HEI (manager or admin) and the customer contact; then they do not change', async () => {
    expect(
      (await t.request('POST', `/api/agreements/${agreement.id}/sign`, as(s.coord, { revision: 3 })))
        .statusCode,
    ).toBe(403);
    const stale = await t.request(
      'POST',
      `/api/agreements/${agreement.id}/sign`,
      as(s.manager, { revision: 1 }),
    );
    expect(stale.statusCode).toBe(409);
    const byHei = await t.request(
      'POST',
      `/api/agreements/${agreement.id}/sign`,
      as(s.manager, { revision: 3 }),
    );
    expect(byHei.json()).toMatchObject({ status: 'signing', heiSignature: { by: { id: s.manager.id } } });
    const frozen = await t.request(
      'PATCH',
      `/api/agreements/${agreement.id}`,
      as(s.coord, {
        revision: 3,
        clauses: 'Ändrat i smyg',
      }),
    );
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().detail).toMatch(/add an addendum/);

    const portal = (await t.request('GET', '/api/portal/agreements', as(s.contact))).json();
    expect(portal.agreements.map((a: { id: string }) => a.id)).toEqual([agreement.id]);
    const byCustomer = await t.request(
      'POST',
      `/api/portal/agreements/${agreement.id}/sign`,
      as(s.contact, {
        revision: 3,
      }),
    );
    expect(byCustomer.statusCode, byCustomer.body).toBe(200);
    expect(byCustomer.json()).toMatchObject({
      status: 'signed',
      customerSignature: { by: { id: s.contact.id } },
    });
  });

  it('change by addenda that both sign', async () => {
    const added = await t.request(
      'POST',
      `/api/agreements/${agreement.id}/addenda`,
      as(s.coord, {
        text: 'Antalet deltagare ändras från 20 till 22; priset är oförändrat.',
      }),
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().addenda).toMatchObject([{ number: 1, heiSignature: null, customerSignature: null }]);
    await t.request('POST', `/api/agreements/${agreement.id}/addenda/1/sign`, as(admin));
    const both = await t.request(
      'POST',
      `/api/portal/agreements/${agreement.id}/addenda/1/sign`,
      as(s.contact),
    );
    expect(both.json().addenda[0]).toMatchObject({
      heiSignature: { by: { id: admin.id } },
      customerSignature: { by: { id: s.contact.id } },
    });
  });

  it('give the billing plan as CSV for the finance system', async () => {
    const csv = await t.request('GET', `/api/agreements/${agreement.id}/billing.csv`, as(s.economist));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"Ärende";"Kund";"Organisationsnummer";"Förfallodag";"Belopp (kr)";"Beskrivning";"Avtal signerat";"Fakturerad";"Fakturanummer"',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`;"${year}-03-01";"45156,79";"Del 1 av 2, vid start";"ja";"";""$`));
  });

  it('are not there for other HEIs, other customers or anonymous callers', async () => {
    expect((await t.request('GET', `/api/agreements/${agreement.id}`, as(s.outsider))).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/agreements/${agreement.id}/billing.csv`, as(s.outsider))).statusCode,
    ).toBe(404);
    expect((await t.request('GET', `/api/cases/${s.caseId}/agreements`, as(s.outsider))).statusCode).toBe(
      404,
    );
    const stranger = await createUser(t, [{ organisationId: s.hei, roles: ['customer_contact'] }]);
    expect(
      (await t.request('POST', `/api/portal/agreements/${agreement.id}/sign`, as(stranger, { revision: 2 })))
        .statusCode,
    ).not.toBe(200);
    expect((await t.request('GET', `/api/agreements/${agreement.id}`)).statusCode).toBe(401);
  });
});
