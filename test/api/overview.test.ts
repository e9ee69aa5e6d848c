import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inquiry } from '../../src/features/inquiries/inquiries.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  type TestUser,
} from '../support/factories.ts';

// The home page's "to do": the inquiries waiting for the active HEI's answer (overdue first), the person's
// own open tasks (due soonest first) and the open cases they own — of the active HEI only.

let t: TestApp;
let slug: string;
let coord: TestUser;
let teacher: TestUser;
let otherCoord: TestUser;
let customer: TestUser;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const overviewOf = async (user: TestUser) => {
  const response = await t.request('GET', '/api/overview', as(user));
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

async function submitted(organisationName: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput({ organisationName })),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().reference as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const consortium = await createConsortium(t);
  slug = consortium.slug;
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: consortium.id });
  const other = await createOrganisation(t, { kind: 'hei', consortiumId: consortium.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }]);
  otherCoord = await createUser(t, [{ organisationId: other.id, roles: ['coordinator'] }]);
  customer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
});
afterAll(() => t.close());

describe('the overview', () => {
  it('lists the inbox overdue first, then the newest, with the counts', async () => {
    const early = await submitted('Tidiga Verket AB');
    await submitted('Sena Kommunen');
    expect(await overviewOf(coord)).toMatchObject({
      inquiries: { inbox: 2, overdue: 0, referredToUs: 0 },
      tasks: { total: 0, overdue: 0, items: [] },
      openCases: 0,
    });
    // the first one is past its first-response date
    await t.db
      .update(inquiry)
      .set({ dueAt: new Date(Date.now() - 86_400_000) })
      .where(eq(inquiry.reference, early));
    const { inquiries } = await overviewOf(coord);
    expect(inquiries).toMatchObject({ inbox: 2, overdue: 1 });
    expect(
      inquiries.first.map((i: { reference: string; overdue: boolean }) => [i.reference, i.overdue]),
    ).toEqual([
      [early, true],
      [expect.any(String), false],
    ]);
  });

  it("shows the person's own open tasks, due soonest first, and the open cases they own", async () => {
    const { inquiries } = await overviewOf(coord);
    const claimed = await t.request('POST', `/api/inquiries/${inquiries.first[0].id}/claim`, as(coord));
    expect(claimed.statusCode, claimed.body).toBe(200);
    const caseId = (await t.request('GET', '/api/cases', as(coord))).json().items[0].id;
    const task = (body: unknown) => t.request('POST', `/api/cases/${caseId}/tasks`, as(coord, body));
    await task({ title: 'Boka behovsdialog', assigneeUserId: coord.id, dueOn: null });
    await task({ title: 'Skicka utkast till upplägg', assigneeUserId: coord.id, dueOn: '2020-01-10' });
    await task({ title: 'Ta fram kursplan', assigneeUserId: teacher.id, dueOn: '2099-01-10' });
    const done = (await task({ title: 'Redan klart', assigneeUserId: coord.id, dueOn: '2020-01-01' })).json();
    const doneId = done.tasks.find((x: { title: string }) => x.title === 'Redan klart').id;
    await t.request('PATCH', `/api/cases/${caseId}/tasks/${doneId}`, as(coord, { done: true }));

    const mine = await overviewOf(coord);
    expect(mine.openCases).toBe(1);
    expect(mine.inquiries).toMatchObject({ inbox: 1, overdue: 0 });
    expect(mine.tasks).toMatchObject({ total: 2, overdue: 1 });
    expect(mine.tasks.items.map((x: { title: string; overdue: boolean }) => [x.title, x.overdue])).toEqual([
      ['Skicka utkast till upplägg', true],
      ['Boka behovsdialog', false],
    ]);
    expect(mine.tasks.items[0]).toMatchObject({ caseId, dueOn: '2020-01-10' });

    // a teacher does not handle inquiries: none are counted for them; their own task is
    const theirs = await overviewOf(teacher);
    expect(theirs.inquiries).toBeNull();
    expect(theirs.tasks.items.map((x: { title: string }) => x.title)).toEqual(['Ta fram kursplan']);
    expect(theirs.openCases).toBe(0);
  });

  it("is of the active HEI only, and for an HEI's staff only", async () => {
    // the other HEI shares the consortium inbox, never this HEI's tasks or cases
    expect(await overviewOf(otherCoord)).toMatchObject({
      inquiries: { inbox: 1 },
      tasks: { total: 0 },
      openCases: 0,
    });
    expect((await t.request('GET', '/api/overview', as(customer))).statusCode).toBe(403);
    expect((await t.request('GET', '/api/overview')).statusCode).toBe(401);
  });
});
