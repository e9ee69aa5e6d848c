import { and, eq } from 'drizzle-orm';
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
    const changed = log.json().find((e: { action: string }) => e.action === 'membership.roles_changed');
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
});
