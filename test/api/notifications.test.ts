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
  type TestUser,
} from '../support/factories.ts';

let t: TestApp;
let coord: TestUser;
let teacher: TestUser;
let otherHeiUser: TestUser;
let caseId: string;
let heiNames: string[];

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t, 'Mentionalliansen');
  const hei = await createOrganisation(t, { kind: 'hei', name: 'Alfa-högskolan', consortiumId: alliance.id });
  const other = await createOrganisation(t, {
    kind: 'hei',
    name: 'Beta-universitetet',
    consortiumId: alliance.id,
  });
  heiNames = ['Alfa-högskolan', 'Beta-universitetet'];
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], {
    name: 'Ada Samordnare',
  });
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }], {
    name: 'Tea Lärare',
    email: 'tea@alfa.example',
  });
  otherHeiUser = await createUser(t, [{ organisationId: other.id, roles: ['coordinator'] }]);
  await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${alliance.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput({ orgNumber: orgNumber() })),
  });
  const [inquiry] = (await t.request('GET', '/api/inquiries', { cookie: coord.cookie })).json().items;
  await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, { cookie: coord.cookie });
  caseId = (await t.request('GET', '/api/cases', { cookie: coord.cookie })).json().items[0].id;
});
afterAll(() => t.close());

const note = (mentions: string[]) => ({
  kind: 'note',
  occurredAt: new Date().toISOString(),
  title: 'Kan du ta examinationen?',
  notes: 'Kunden vill ha 7,5 hp.',
  mentions,
});

describe('@-mentions', () => {
  it('notify a colleague in the app and by e-mail, with a link to the case', async () => {
    const response = await t.request('POST', `/api/cases/${caseId}/entries`, {
      cookie: coord.cookie,
      body: note([teacher.id]),
    });
    expect(response.statusCode, response.body).toBe(201);
    const inbox = (await t.request('GET', '/api/notifications', { cookie: teacher.cookie })).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'mention',
      link: `/cases/${caseId}`,
      actorName: 'Ada Samordnare',
      read: false,
    });
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'tea@alfa.example'));
    expect(mail?.textBody).toContain(`http://localhost:3000/cases/${caseId}`);
    const read = await t.request('POST', `/api/notifications/${inbox.items[0].id}/read`, {
      cookie: teacher.cookie,
      body: {},
    });
    expect(read.json().unread).toBe(0);
  });

  it('only colleagues at the same HEI can be mentioned, and nothing is written otherwise', async () => {
    const before = (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json().entries
      .length;
    const response = await t.request('POST', `/api/cases/${caseId}/entries`, {
      cookie: coord.cookie,
      body: note([otherHeiUser.id]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.mentions.0');
    expect(
      (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json().entries.length,
    ).toBe(before);
    expect(
      (await t.request('GET', '/api/notifications', { cookie: otherHeiUser.cookie })).json().unread,
    ).toBe(0);
  });

  it("nobody reads or marks another user's notifications", async () => {
    await t.request('POST', `/api/cases/${caseId}/entries`, {
      cookie: coord.cookie,
      body: note([teacher.id]),
    });
    const [item] = (await t.request('GET', '/api/notifications', { cookie: teacher.cookie })).json().items;
    expect(
      (await t.request('POST', `/api/notifications/${item.id}/read`, { cookie: coord.cookie, body: {} }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.request('POST', '/api/notifications/all/read', { cookie: teacher.cookie, body: {} })).json()
        .unread,
    ).toBe(0);
  });
});

describe('colleagues and the consortium', () => {
  it('lists the colleagues of the active organisation and the HEIs of its consortium', async () => {
    const people = (await t.request('GET', '/api/colleagues', { cookie: teacher.cookie })).json();
    expect(people.map((p: { name: string }) => p.name)).toEqual(['Ada Samordnare', 'Tea Lärare']);
    const mine = (await t.request('GET', '/api/consortium', { cookie: coord.cookie })).json();
    expect(mine.consortium.name).toBe('Mentionalliansen');
    expect(mine.heis.map((h: { name: string }) => h.name)).toEqual(heiNames);
  });
});
