import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitation } from '../../src/features/invitations/invitations.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createOrganisation, createUser, PASSWORD, signIn, type TestUser } from '../support/factories.ts';

let t: TestApp;
let orgId: string;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createOrganisation(t, { kind: 'hei', name: 'Inbjudande högskolan' })).id;
  admin = await createUser(t, [{ organisationId: orgId, roles: ['admin'] }], { name: 'Ada Admin' });
});
afterAll(() => t.close());

const invitationsUrl = () => `/api/organisations/${orgId}/invitations`;

/** Invites and returns the token, read from the e-mail in the outbox as the invitee would. */
async function invite(
  email: string,
  roles: string[] = ['coordinator'],
): Promise<{ id: string; token: string }> {
  const response = await t.request('POST', invitationsUrl(), {
    cookie: admin.cookie,
    body: { email, roles },
  });
  expect(response.statusCode, response.body).toBe(201);
  const [mail] = await t.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, email.toLowerCase()))
    .orderBy(sql`${outbox.createdAt} desc`)
    .limit(1);
  const token = mail?.textBody.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error('no invitation link in the e-mail');
  return { id: response.json().id, token };
}

describe('inviting', () => {
  it('an admin invites by e-mail; the e-mail with the link goes to the outbox; the invitation is listed as pending', async () => {
    const response = await t.request('POST', invitationsUrl(), {
      cookie: admin.cookie,
      body: { email: '  Ny.Person@Example.se ', roles: ['coordinator', 'teacher'] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      email: 'ny.person@example.se',
      roles: ['coordinator', 'teacher'],
      status: 'pending',
      invitedBy: 'Ada Admin',
    });
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'ny.person@example.se'));
    expect(mail).toMatchObject({ kind: 'invitation', status: 'pending' });
    expect(mail?.subject).toContain('Inbjudande högskolan');
    expect(mail?.textBody).toMatch(/http:\/\/localhost:3000\/invitation\/[A-Za-z0-9_-]{40,}/);
    const list = (await t.request('GET', invitationsUrl(), { cookie: admin.cookie })).json();
    expect(list[0]).toMatchObject({ email: 'ny.person@example.se', status: 'pending' });
  });

  it('stores only a hash of the token', async () => {
    const { id, token } = await invite('hash@example.se');
    const [row] = await t.db.select().from(invitation).where(eq(invitation.id, id));
    expect(row?.tokenHash).not.toContain(token);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names bad fields and writes nothing', async () => {
    const before = (await t.request('GET', invitationsUrl(), { cookie: admin.cookie })).json().length;
    const response = await t.request('POST', invitationsUrl(), {
      cookie: admin.cookie,
      body: { email: 'inte-en-adress', roles: [] },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.email', 'body.roles']);
    const wrongRole = await t.request('POST', invitationsUrl(), {
      cookie: admin.cookie,
      body: { email: 'a@example.se', roles: ['analyst'] },
    });
    expect(wrongRole.statusCode).toBe(400);
    expect((await t.request('GET', invitationsUrl(), { cookie: admin.cookie })).json().length).toBe(before);
  });

  it('refuses to invite an existing member', async () => {
    const member = await createUser(t, [{ organisationId: orgId, roles: ['teacher'] }]);
    const response = await t.request('POST', invitationsUrl(), {
      cookie: admin.cookie,
      body: { email: member.email, roles: ['teacher'] },
    });
    expect(response.statusCode).toBe(409);
  });

  it('inviting again replaces the pending invitation, whose link stops working', async () => {
    const first = await invite('twice@example.se');
    const second = await invite('twice@example.se');
    expect((await t.request('GET', `/api/invitations/${first.token}`)).json().status).toBe('revoked');
    expect((await t.request('GET', `/api/invitations/${second.token}`)).json().status).toBe('pending');
  });

  it('only admins invite', async () => {
    const coordinator = await createUser(t, [{ organisationId: orgId, roles: ['coordinator', 'manager'] }]);
    const response = await t.request('POST', invitationsUrl(), {
      cookie: coordinator.cookie,
      body: { email: 'x@example.se', roles: ['teacher'] },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('accepting', () => {
  it('a new person sees what the link is for, creates an account, signs in and is a member with the roles', async () => {
    const { token } = await invite('new.teacher@example.se', ['teacher']);
    const shown = await t.request('GET', `/api/invitations/${token}`);
    expect(shown.json()).toEqual({
      organisationName: 'Inbjudande högskolan',
      email: 'new.teacher@example.se',
      roles: ['teacher'],
      status: 'pending',
      accountExists: false,
    });
    const accepted = await t.request('POST', `/api/invitations/${token}/accept`, {
      body: { name: 'Nora Ny', password: 'ett-langt-losenord' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ organisationId: orgId, accountCreated: true });

    const cookie = await signIn(t, 'new.teacher@example.se', 'ett-langt-losenord');
    const me = (await t.request('GET', '/api/me', { cookie })).json();
    expect(me.user.name).toBe('Nora Ny');
    expect(me.memberships).toEqual([
      expect.objectContaining({ tenant: expect.objectContaining({ id: orgId }), roles: ['teacher'] }),
    ]);
    expect((await t.request('GET', `/api/invitations/${token}`)).json().status).toBe('accepted');
  });

  it('a link works once', async () => {
    const { token } = await invite('once@example.se');
    const body = { name: 'En Gång', password: 'ett-langt-losenord' };
    expect((await t.request('POST', `/api/invitations/${token}/accept`, { body })).statusCode).toBe(200);
    const again = await t.request('POST', `/api/invitations/${token}/accept`, { body });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('invitation_invalid');
  });

  it('a new person must give a name and a long enough password; the invitation stays usable', async () => {
    const { token } = await invite('careful@example.se');
    const missing = await t.request('POST', `/api/invitations/${token}/accept`, { body: {} });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.name', 'body.password']);
    const short = await t.request('POST', `/api/invitations/${token}/accept`, {
      body: { name: 'Kort', password: 'kort' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.password');
    expect((await t.request('GET', `/api/invitations/${token}`)).json().status).toBe('pending');
  });

  it('someone with an account must be signed in as the invited address, and keeps their other memberships', async () => {
    const otherOrg = await createOrganisation(t, { kind: 'hei' });
    const existing = await createUser(t, [{ organisationId: otherOrg.id, roles: ['coordinator'] }]);
    const someoneElse = await createUser(t);
    const { token } = await invite(existing.email, ['coordinator']);
    expect((await t.request('GET', `/api/invitations/${token}`)).json().accountExists).toBe(true);
    expect((await t.request('POST', `/api/invitations/${token}/accept`, { body: {} })).statusCode).toBe(401);
    expect(
      (await t.request('POST', `/api/invitations/${token}/accept`, { cookie: someoneElse.cookie, body: {} }))
        .statusCode,
    ).toBe(403);
    const accepted = await t.request('POST', `/api/invitations/${token}/accept`, {
      cookie: existing.cookie,
      body: {},
    });
    expect(accepted.json()).toMatchObject({ accountCreated: false, organisationId: orgId });
    const me = (
      await t.request('GET', '/api/me', { cookie: await signIn(t, existing.email, PASSWORD) })
    ).json();
    expect(me.memberships.map((m: { tenant: { id: string } }) => m.tenant.id).sort()).toEqual(
      [orgId, otherOrg.id].sort(),
    );
  });

  it('revoked and expired invitations cannot be accepted', async () => {
    const revoked = await invite('revoked@example.se');
    expect(
      (await t.request('DELETE', `${invitationsUrl()}/${revoked.id}`, { cookie: admin.cookie })).statusCode,
    ).toBe(204);
    expect(
      (await t.request('DELETE', `${invitationsUrl()}/${revoked.id}`, { cookie: admin.cookie })).statusCode,
    ).toBe(409);
    const body = { name: 'Sen Person', password: 'ett-langt-losenord' };
    expect((await t.request('POST', `/api/invitations/${revoked.token}/accept`, { body })).statusCode).toBe(
      410,
    );

    const expired = await invite('expired@example.se');
    await t.db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitation.id, expired.id));
    expect((await t.request('GET', `/api/invitations/${expired.token}`)).json().status).toBe('expired');
    expect((await t.request('POST', `/api/invitations/${expired.token}/accept`, { body })).statusCode).toBe(
      410,
    );
  });

  it('an unknown token is a clear 404', async () => {
    const response = await t.request('GET', '/api/invitations/this-token-does-not-exist-at-all');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('invitation_invalid');
  });
});
