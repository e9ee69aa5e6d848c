import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The customer's "to do" in the portal (GET /api/portal): what waits for them, soonest due first — a proposal
// to answer, an agreement or addendum the HEI has signed, the invoice reference, the participants.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
const year = new Date().getUTCFullYear() + 1;

const toDo = async (user: TestUser = s.contact) => {
  const response = await t.request('GET', '/api/portal', { cookie: user.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().toDo as { kind: string; title: string; dueOn: string | null }[];
};
const kinds = async () => (await toDo()).map((item) => item.kind);

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
});
afterAll(() => t.close());

describe("the customer's to do", () => {
  it('follows the case from a proposal to answer to the participants to designate', async () => {
    expect(await toDo()).toEqual([]);

    // a sent proposal waits for an answer until its last valid day
    const { proposalId } = await exampleProposal(t, s, 'sent');
    const [proposal] = await toDo();
    expect(proposal).toMatchObject({
      kind: 'answer_proposal',
      caseId: s.caseId,
      caseReference: expect.any(String),
      title: expect.any(String),
      dueOn: `${year}-06-30`,
      designated: null,
    });
    await t.request('POST', `/api/portal/proposals/${proposalId}/accept`, s.as(s.contact));
    expect(await toDo()).toEqual([]);

    // the agreement waits for the customer once the HEI has signed it, not while the HEI drafts it
    const agreement = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/agreements`,
        s.as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
      )
    ).json();
    expect(await toDo()).toEqual([]);
    await t.request('POST', `/api/agreements/${agreement.id}/sign`, s.as(s.manager, { revision: 1 }));
    expect(await kinds()).toEqual(['sign_agreement']);
    await t.request('POST', `/api/portal/agreements/${agreement.id}/sign`, s.as(s.contact, { revision: 1 }));

    // signed: the participants until the deadline (dated, so first), and the invoice reference
    const signed = await toDo();
    expect(signed.map((item) => [item.kind, item.dueOn])).toEqual([
      ['designate_participants', `${year}-02-15`],
      ['invoice_reference', null],
    ]);
    await t.request(
      'POST',
      `/api/portal/agreements/${agreement.id}/participants`,
      s.as(s.contact, {
        firstName: 'Anna',
        lastName: 'Andersson',
        email: 'anna@stalverket.example',
        personnummer: '19850312-1231',
        creditEligible: true,
      }),
    );
    expect((await toDo())[0]).toMatchObject({ kind: 'designate_participants', designated: 1 });
    await t.request(
      'PUT',
      `/api/portal/agreements/${agreement.id}/invoice-reference`,
      s.as(s.contact, { invoiceReference: 'INK-4711' }),
    );
    expect(await kinds()).toEqual(['designate_participants']);

    // an addendum the HEI has signed
    await t.request(
      'POST',
      `/api/agreements/${agreement.id}/addenda`,
      s.as(s.coord, { text: 'Kursstarten flyttas en vecka.' }),
    );
    expect(await kinds()).toEqual(['designate_participants']);
    await t.request('POST', `/api/agreements/${agreement.id}/addenda/1/sign`, s.as(admin));
    expect((await toDo())[1]).toMatchObject({ kind: 'sign_addendum', addendum: 1 });
  });

  it("is the customer's own: another customer's contact sees none of it, and HEI staff have no portal", async () => {
    const otherCustomer = await createOrganisation(t, { kind: 'customer' });
    const stranger = await createUser(t, [{ organisationId: otherCustomer.id, roles: ['customer_contact'] }]);
    expect(await toDo(stranger)).toEqual([]);
    expect((await t.request('GET', '/api/portal', { cookie: s.coord.cookie })).statusCode).toBe(403);
  });
});
