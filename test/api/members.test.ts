import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

let t: TestApp;
let orgId: string;
let admin: TestUser;
let teacher: TestUser;
let manager: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createOrganisation(t, { kind: 'hei' })).id;
  admin = await createUser(t, [{ organisationId: orgId, roles: ['admin'] }], { name: 'Anna Admin' });
  teacher = await createUser(t, [{ organisationId: orgId, roles: ['teacher'] }], { name: 'Bo Lärare' });
  manager = await createUser(t, [{ organisationId: orgId, roles: ['manager'] }], { name: 'Cilla Chef' });
});
afterAll(() => t.close());

const membersUrl = () => `/api/organisations/${orgId}/members`;
async function membershipOf(user: TestUser): Promise<string> {
  const list = (await t.request('GET', membersUrl(), { cookie: admin.cookie })).json() as {
    userId: string;
    membershipId: string;
  }[];
  const found = list.find((m) => m.userId === user.id);
  if (!found) throw new Error('not a member');
  return found.membershipId;
}

describe('members and roles', () => {
  it('admins and managers see the members, sorted by name; others may not', async () => {
    const list = await t.request('GET', membersUrl(), { cookie: manager.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((m: { name: string }) => m.name)).toEqual([
      'Anna Admin',
      'Bo Lärare',
      'Cilla Chef',
    ]);
    const refused = await t.request('GET', membersUrl(), { cookie: teacher.cookie });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
  });

  it('an admin sets roles; the change is audited', async () => {
    const id = await membershipOf(teacher);
    const response = await t.request('PUT', `${membersUrl()}/${id}/roles`, {
      cookie: admin.cookie,
      body: { roles: ['teacher', 'coordinator', 'teacher'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().roles.sort()).toEqual(['coordinator', 'teacher']);
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.organisationId, orgId), eq(auditEvent.action, 'membership.roles_changed')));
    expect(events).toEqual([
      expect.objectContaining({
        actorUserId: admin.id,
        subjectId: teacher.id,
        data: { from: ['teacher'], to: ['teacher', 'coordinator'] },
      }),
    ]);
  });

  it('refuses roles that do not belong in an HEI, and no roles at all', async () => {
    const id = await membershipOf(teacher);
    const wrongKind = await t.request('PUT', `${membersUrl()}/${id}/roles`, {
      cookie: admin.cookie,
      body: { roles: ['customer_contact'] },
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors[0]).toMatchObject({
      field: 'body.roles',
      message: expect.stringContaining('customer_contact'),
    });
    const none = await t.request('PUT', `${membersUrl()}/${id}/roles`, {
      cookie: admin.cookie,
      body: { roles: [] },
    });
    expect(none.statusCode).toBe(400);
    const unknown = await t.request('PUT', `${membersUrl()}/${id}/roles`, {
      cookie: admin.cookie,
      body: { roles: ['king'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('body.roles.0');
  });

  it('non-admins cannot change roles', async () => {
    const id = await membershipOf(teacher);
    const response = await t.request('PUT', `${membersUrl()}/${id}/roles`, {
      cookie: manager.cookie,
      body: { roles: ['admin'] },
    });
    expect(response.statusCode).toBe(403);
  });

  it('the last admin cannot lose the admin role or be removed', async () => {
    const id = await membershipOf(admin);
    const demote = await t.request('PUT', `${membersUrl()}/${id}/roles`, {
      cookie: admin.cookie,
      body: { roles: ['teacher'] },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('conflict');
    const remove = await t.request('DELETE', `${membersUrl()}/${id}`, { cookie: admin.cookie });
    expect(remove.statusCode).toBe(409);
    expect((await t.request('GET', '/api/me', { cookie: admin.cookie })).json().memberships[0].roles).toEqual(
      ['admin'],
    );
  });

  it('an admin removes a member, who then loses access', async () => {
    const leaving = await createUser(t, [{ organisationId: orgId, roles: ['economist'] }]);
    const id = await membershipOf(leaving);
    expect(
      (await t.request('GET', `/api/organisations/${orgId}`, { cookie: leaving.cookie })).statusCode,
    ).toBe(200);
    const response = await t.request('DELETE', `${membersUrl()}/${id}`, { cookie: admin.cookie });
    expect(response.statusCode).toBe(204);
    expect(
      (await t.request('GET', `/api/organisations/${orgId}`, { cookie: leaving.cookie })).statusCode,
    ).toBe(404);
    expect((await t.request('DELETE', `${membersUrl()}/${id}`, { cookie: admin.cookie })).statusCode).toBe(
      404,
    );
  });
});

describe('the audit log', () => {
  it('admins read who did what and when, with before and after, and export it as CSV', async () => {
    const log = await t.request('GET', `/api/organisations/${orgId}/audit`, { cookie: admin.cookie });
    expect(log.statusCode).toBe(200);
    const changed = log.json().items.find((e: { action: string }) => e.action === 'membership.roles_changed');
    expect(changed).toMatchObject({
      actor: 'Anna Admin',
      subjectType: 'user',
      data: { from: ['teacher'], to: ['teacher', 'coordinator'] },
    });
    const csv = await t.request(
      'GET',
      `/api/organisations/${orgId}/audit?format=csv&action=membership.roles_changed`,
      { cookie: admin.cookie },
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="lupp-audit-/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"at";"actor";"action";"subject_type";"subject_id";"data"');
    expect(lines[1]).toContain('"Anna Admin";"membership.roles_changed"');
    expect(
      (await t.request('GET', `/api/organisations/${orgId}/audit`, { cookie: manager.cookie })).statusCode,
    ).toBe(403);
  });

  type Event = {
    id: string;
    at: string;
    actorId: string | null;
    actor: string | null;
    action: string;
    subjectId: string;
  };
  const auditUrl = (org: string, query = '') => `/api/organisations/${org}/audit${query}`;

  /** `n` events of one kind about `subject`, a minute apart, the newest an hour ago; by `actorId` or the system. */
  async function writeEvents(
    org: string,
    n: number,
    action: string,
    subject: string,
    actorId: string | null,
  ) {
    await t.db.execute(sql`
      insert into audit_event (organisation_id, actor_user_id, action, subject_type, subject_id, at, data)
      select ${org}::uuid, ${actorId}, ${action}, 'case', ${subject},
             now() - interval '1 hour' - i * interval '1 minute', jsonb_build_object('n', i)
      from generate_series(1, ${n}) as i`);
  }

  it('comes a page at a time, newest first, saying how many events match', async () => {
    const org = (await createOrganisation(t, { kind: 'hei' })).id;
    const boss = await createUser(t, [{ organisationId: org, roles: ['admin'] }], { name: 'Dora Direktör' });
    await writeEvents(org, 120, 'case.stage_changed', 'case-1', boss.id);
    const pages = await Promise.all(
      [1, 2, 3].map(async (page) => {
        const response = await t.request('GET', auditUrl(org, `?page=${page}&pageSize=50`), {
          cookie: boss.cookie,
        });
        expect(response.statusCode).toBe(200);
        return response.json() as { items: Event[]; total: number; page: number; pageSize: number };
      }),
    );
    expect(pages.map((p) => [p.items.length, p.total, p.page])).toEqual([
      [50, 120, 1],
      [50, 120, 2],
      [20, 120, 3],
    ]);
    const events = pages.flatMap((p) => p.items);
    expect(new Set(events.map((e) => e.id)).size).toBe(120);
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(events[0]).toMatchObject({ actor: 'Dora Direktör', actorId: boss.id, subjectId: 'case-1' });
  });

  it('narrows to a period, a kind of event, a person and a record, and offers the kinds and people in the log', async () => {
    const org = (await createOrganisation(t, { kind: 'hei' })).id;
    const boss = await createUser(t, [{ organisationId: org, roles: ['admin'] }], { name: 'Dora Direktör' });
    const clerk = await createUser(t, [{ organisationId: org, roles: ['admin'] }], { name: 'Erik Expedit' });
    await writeEvents(org, 3, 'case.stage_changed', 'case-1', boss.id);
    await writeEvents(org, 2, 'participant.viewed', 'person-7', clerk.id);
    await writeEvents(org, 1, 'case.stage_changed', 'case-2', null);
    const get = async (query: string) =>
      (await t.request('GET', auditUrl(org, query), { cookie: boss.cookie })).json() as {
        items: Event[];
        total: number;
      };

    const filters = await t.request('GET', `${auditUrl(org)}/filters`, { cookie: boss.cookie });
    expect(filters.statusCode).toBe(200);
    expect(filters.json()).toEqual({
      actions: ['case.stage_changed', 'participant.viewed'],
      actors: [
        { id: boss.id, name: 'Dora Direktör' },
        { id: clerk.id, name: 'Erik Expedit' },
      ],
    });
    const byClerk = await get(`?actor=${clerk.id}`);
    expect(byClerk.total).toBe(2);
    expect(byClerk.items.every((e) => e.actor === 'Erik Expedit' && e.subjectId === 'person-7')).toBe(true);
    const aboutPerson = await get('?subject=person-7');
    expect(aboutPerson.items.map((e) => e.action)).toEqual(['participant.viewed', 'participant.viewed']);
    const stageChanges = await get('?action=case.stage_changed');
    // the system's event (no person) is in the list too, without a name
    expect(stageChanges.items.map((e) => e.actor).sort()).toEqual([
      'Dora Direktör',
      'Dora Direktör',
      'Dora Direktör',
      null,
    ]);
    expect((await get(`?action=case.stage_changed&actor=${boss.id}&subject=case-2`)).total).toBe(0);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await get(`?to=2020-01-01`)).total).toBe(0);
    expect((await get(`?from=2020-01-01&to=${tomorrow}`)).total).toBe(6);

    // the dates are Stockholm's days: half past midnight on 2 March there is still 1 March in UTC
    await t.db.execute(sql`
      insert into audit_event (organisation_id, action, subject_type, subject_id, at)
      values (${org}::uuid, 'case.created', 'case', 'case-3', '2026-03-01T23:30:00Z')`);
    expect((await get('?from=2026-03-02&to=2026-03-03')).items.map((e) => e.subjectId)).toEqual(['case-3']);
    expect((await get('?from=2026-03-01&to=2026-03-02')).total).toBe(0);

    const bad = await t.request('GET', auditUrl(org, '?from=1%20maj'), { cookie: boss.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    // another HEI's administrator sees neither the log nor who is in it
    expect((await t.request('GET', `${auditUrl(org)}/filters`, { cookie: admin.cookie })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('GET', `${auditUrl(orgId)}/filters`, { cookie: teacher.cookie })).statusCode,
    ).toBe(403);
  });

  it('exports every event that matches as CSV, not a page, and refuses past its limit rather than cut it short', async () => {
    const org = (await createOrganisation(t, { kind: 'hei' })).id;
    const boss = await createUser(t, [{ organisationId: org, roles: ['admin'] }], { name: 'Dora Direktör' });
    await writeEvents(org, 260, 'case.stage_changed', 'case-1', boss.id);
    const csv = await t.request('GET', auditUrl(org, '?format=csv'), { cookie: boss.cookie });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\r\n')).toHaveLength(261);

    await writeEvents(org, 100_000, 'participant.viewed', 'person-7', null);
    const tooMany = await t.request('GET', auditUrl(org, '?format=csv'), { cookie: boss.cookie });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'from', message: expect.stringContaining('choose a shorter period') }],
    });
    const narrowed = await t.request('GET', auditUrl(org, '?format=csv&action=case.stage_changed'), {
      cookie: boss.cookie,
    });
    expect(narrowed.body.trim().split('\r\n')).toHaveLength(261);
  });
});
