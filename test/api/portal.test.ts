import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  orgNumber,
  signIn,
  type TestUser,
} from '../support/factories.ts';

let t: TestApp;
let slug: string;
let coord: TestUser;
let caseId: string;
let customerOrgNumber: string;

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  slug = alliance.slug;
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], {
    email: 'samordnare@hei.example',
    name: 'Siv Samordnare',
  });
  customerOrgNumber = orgNumber();
  await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(
      inquiryInput({ organisationName: 'Portalkunden AB', orgNumber: customerOrgNumber }),
    ),
  });
  const [inquiry] = (await t.request('GET', '/api/inquiries', { cookie: coord.cookie })).json().items;
  await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, { cookie: coord.cookie });
  caseId = (await t.request('GET', '/api/cases', { cookie: coord.cookie })).json().items[0].id;
  await t.request('POST', `/api/cases/${caseId}/entries`, {
    cookie: coord.cookie,
    body: {
      kind: 'note',
      occurredAt: new Date().toISOString(),
      title: 'Intern bedömning',
      notes: 'Kunden verkar priskänslig.',
      internal: true,
    },
  });
  await t.request('POST', `/api/cases/${caseId}/entries`, {
    cookie: coord.cookie,
    body: {
      kind: 'meeting',
      occurredAt: new Date().toISOString(),
      title: 'Behovsmöte',
      nextSteps: 'Kunden skickar sin kompetensplan.',
      internal: false,
    },
  });
});
afterAll(() => t.close());

async function acceptAsCustomer(email: string): Promise<string> {
  const invited = await t.request('POST', `/api/cases/${caseId}/customer-contacts`, {
    cookie: coord.cookie,
    body: { email },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const [mail] = await t.db.select().from(outbox).where(eq(outbox.toAddress, email));
  const token = mail?.textBody.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
  await t.request('POST', `/api/invitations/${token}/accept`, {
    body: { name: 'Kim Kund', password: 'kundens-losenord' },
  });
  return signIn(t, email, 'kundens-losenord');
}

describe('the customer portal', () => {
  it("the coordinator invites the customer's contact person, who then sees the inquiry and the case — never internal notes", async () => {
    const cookie = await acceptAsCustomer('kim@portalkunden.example');
    const overview = (await t.request('GET', '/api/portal', { cookie })).json();
    expect(overview.organisation.name).toBe('Portalkunden AB');
    expect(overview.inquiries).toEqual([
      expect.objectContaining({ status: 'claimed', handledBy: expect.any(String) }),
    ]);
    expect(overview.cases).toEqual([expect.objectContaining({ id: caseId, stage: 'inquiry' })]);
    // the front door it describes a new need at, with its organisation number to start the form from
    expect(overview.frontDoors).toEqual([{ slug, name: expect.any(String) }]);
    expect(overview.organisation.orgNumber.replace('-', '')).toBe(customerOrgNumber.replace('-', ''));
    const detail = (await t.request('GET', `/api/portal/cases/${caseId}`, { cookie })).json();
    expect(detail.entries.map((e: { title: string }) => e.title)).toEqual(['Behovsmöte']);
    expect(JSON.stringify(detail)).not.toContain('priskänslig');
  });

  it('the customer writes on the case; the coordinator sees it on the timeline and gets an e-mail', async () => {
    const cookie = await acceptAsCustomer('lo@portalkunden.example');
    const sent = await t.request('POST', `/api/portal/cases/${caseId}/messages`, {
      cookie,
      body: { text: 'Vi är 14 deltagare, inte 12.' },
    });
    expect(sent.statusCode).toBe(201);
    const timeline = (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json()
      .entries;
    expect(timeline[0]).toMatchObject({
      kind: 'contact',
      internal: false,
      body: { notes: 'Vi är 14 deltagare, inte 12.', fromCustomer: true },
    });
    const mails = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'samordnare@hei.example'));
    expect(mails.some((m) => m.kind === 'customer_message' && m.textBody.includes('14 deltagare'))).toBe(
      true,
    );
    // and in the app, leading to the case
    const [told] = (await t.request('GET', '/api/notifications', { cookie: coord.cookie })).json().items;
    expect(told).toMatchObject({ kind: 'customer_message', link: `/cases/${caseId}` });
  });

  it("a customer sees only its own organisation's cases, and HEI staff cannot use the portal", async () => {
    const other = await createOrganisation(t, { kind: 'customer' });
    const stranger = await createUser(t, [{ organisationId: other.id, roles: ['customer_contact'] }]);
    const strangers = (await t.request('GET', '/api/portal', { cookie: stranger.cookie })).json();
    expect(strangers.cases).toEqual([]);
    // an organisation with neither inquiries nor cases knows no front door yet
    expect(strangers.frontDoors).toEqual([]);
    expect(
      (await t.request('GET', `/api/portal/cases/${caseId}`, { cookie: stranger.cookie })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request('POST', `/api/portal/cases/${caseId}/messages`, {
          cookie: stranger.cookie,
          body: { text: 'Hej!' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.request('GET', '/api/portal', { cookie: coord.cookie })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/portal')).statusCode).toBe(401);
    // A customer contact cannot reach the HEI side either.
    expect((await t.request('GET', `/api/cases/${caseId}`, { cookie: stranger.cookie })).statusCode).toBe(
      403,
    );
  });

  it('only a coordinator of the case’s HEI invites its customer contacts', async () => {
    const otherHei = await createOrganisation(t, { kind: 'hei' });
    const outsider = await createUser(t, [{ organisationId: otherHei.id, roles: ['coordinator'] }]);
    const response = await t.request('POST', `/api/cases/${caseId}/customer-contacts`, {
      cookie: outsider.cookie,
      body: { email: 'x@example.se' },
    });
    expect(response.statusCode).toBe(404);
  });
});
