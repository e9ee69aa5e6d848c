import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The customer's "to do" in the portal (GET /api/portal): what waits for them, soonest due first — a proposal
// to answer, an agreement or addendum the HEI has signed, the invoice reference, the participants — and each
// party is told (in the app and by e-mail) when the other has done its part.

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
/** The newest in-app notification of a person (each is also e-mailed). */
const newestNotification = async (user: TestUser) =>
  (await t.request('GET', '/api/notifications', { cookie: user.cookie })).json().items[0];

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
    const { proposalId, designId } = await exampleProposal(t, s, 'sent');
    const [proposal] = await toDo();
    expect(proposal).toMatchObject({
      kind: 'answer_proposal',
      caseId: s.caseId,
      caseReference: expect.any(String),
      title: expect.any(String),
      dueOn: `${year}-06-30`,
      designated: null,
    });
    // the customer's contact was told, in the app and by e-mail, with the way to the proposal
    expect(await newestNotification(s.contact)).toMatchObject({
      kind: 'proposal_sent',
      title: expect.stringMatching(/^Ny offert att besvara: .* \/ A new proposal to answer: /),
      link: `/portal/cases/${s.caseId}#portal-proposals`,
    });
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'proposal_sent'));
    expect(mails.map((m) => m.toAddress)).toEqual([s.contact.email]);
    expect(mails[0]?.textBody).toContain(`/portal/cases/${s.caseId}#portal-proposals`);
    // a colleague at the customer answers: the proposal is done for both, and neither is left a "new" one
    const colleague = await createUser(t, [{ organisationId: s.customerId, roles: ['customer_contact'] }]);
    const asked = await newestNotification(s.contact);
    await t.request('POST', `/api/portal/proposals/${proposalId}/accept`, s.as(colleague));
    expect(await toDo()).toEqual([]);
    expect(await newestNotification(s.contact)).toMatchObject({ id: asked.id, done: true, read: true });
    expect((await t.request('GET', '/api/notifications', s.as(s.contact))).json().unread).toBe(0);
    // and the case's owner, who sent it, learns the answer
    expect(await newestNotification(s.coord)).toMatchObject({
      kind: 'proposal_accepted',
      link: `/cases/${s.caseId}`,
    });

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
    expect(await newestNotification(s.contact)).toMatchObject({
      kind: 'agreement_to_sign',
      link: `/portal/cases/${s.caseId}#portal-agreements`,
    });
    expect(await newestNotification(s.contact)).toMatchObject({ done: false, read: false });
    await t.request('POST', `/api/portal/agreements/${agreement.id}/sign`, s.as(s.contact, { revision: 1 }));
    // signing is what the notification asked for: it is done, for the colleague who was asked too
    for (const person of [s.contact, colleague])
      expect(await newestNotification(person)).toMatchObject({
        kind: 'agreement_to_sign',
        done: true,
        read: true,
      });
    // the owner and the HEI's signer learn it is signed
    for (const person of [s.coord, s.manager])
      expect(await newestNotification(person)).toMatchObject({ kind: 'agreement_signed_by_customer' });

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
    expect(await newestNotification(s.contact)).toMatchObject({
      kind: 'agreement_to_sign',
      title: expect.stringContaining('tillägg 1 till avtalet'),
      done: false,
    });
    await t.request('POST', `/api/portal/agreements/${agreement.id}/addenda/1/sign`, s.as(s.contact));
    expect(await newestNotification(s.contact)).toMatchObject({
      title: expect.stringContaining('tillägg 1 till avtalet'),
      done: true,
    });
    // the HEI's own notifications of the customer's answers ask nothing of them: news, not done
    expect(await newestNotification(s.coord)).toMatchObject({
      kind: 'agreement_signed_by_customer',
      done: false,
    });

    // a course already given needs no more participants, whatever the deadline says; a session to come does
    const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const schedule = async (day: string) => {
      const body = { designId, day, startsAt: '09:00', endsAt: '12:00' };
      const response = await t.request('POST', `/api/cases/${s.caseId}/sessions`, s.as(s.coord, body));
      expect(response.statusCode, response.body).toBe(201);
    };
    await schedule(daysFromNow(-9));
    await schedule(daysFromNow(-2));
    expect(await kinds()).toEqual([]);
    await schedule(daysFromNow(30));
    expect(await kinds()).toEqual(['designate_participants']);
  });

  it("is the customer's own: another customer's contact sees none of it, and HEI staff have no portal", async () => {
    const otherCustomer = await createOrganisation(t, { kind: 'customer' });
    const stranger = await createUser(t, [{ organisationId: otherCustomer.id, roles: ['customer_contact'] }]);
    expect(await toDo(stranger)).toEqual([]);
    expect((await t.request('GET', '/api/portal', { cookie: s.coord.cookie })).statusCode).toBe(403);
  });
});
