import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, PASSWORD, signIn } from '../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/me', () => {
  it('lists every membership (organisations and consortium) with roles, the first active by default', async () => {
    const alliance = await createConsortium(t, 'Alliansen');
    const a = await createOrganisation(t, { kind: 'hei', name: 'A-högskolan', consortiumId: alliance.id });
    const b = await createOrganisation(t, {
      kind: 'hei',
      name: 'B-universitetet',
      consortiumId: alliance.id,
    });
    const user = await createUser(t, [
      { organisationId: b.id, roles: ['coordinator', 'teacher'] },
      { organisationId: a.id, roles: ['coordinator'] },
      { consortiumId: alliance.id, roles: ['analyst'] },
    ]);
    const me = (await t.request('GET', '/api/me', { cookie: user.cookie })).json();
    expect(me.user).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      locale: null,
      notificationEmail: 'each',
    });
    expect(me.memberships.map((m: { tenant: { name: string } }) => m.tenant.name)).toEqual([
      'A-högskolan',
      'Alliansen',
      'B-universitetet',
    ]);
    expect(me.memberships[1]).toMatchObject({
      scope: 'consortium',
      tenant: { kind: 'consortium' },
      roles: ['analyst'],
    });
    expect(me.activeMembershipId).toBe(me.memberships[0].id);
  });
});

describe('switching organisation', () => {
  it('keeps the chosen membership active for the session, and refuses one that is not yours', async () => {
    const a = await createOrganisation(t, { kind: 'hei' });
    const b = await createOrganisation(t, { kind: 'hei' });
    const user = await createUser(t, [
      { organisationId: a.id, roles: ['coordinator'] },
      { organisationId: b.id, roles: ['coordinator'] },
    ]);
    const stranger = await createUser(t, [{ organisationId: b.id, roles: ['teacher'] }]);
    const me = (await t.request('GET', '/api/me', { cookie: user.cookie })).json();
    const target = me.memberships.find((m: { tenant: { id: string } }) => m.tenant.id === b.id);

    const switched = await t.request('PUT', '/api/me/active-membership', {
      cookie: user.cookie,
      body: { membershipId: target.id },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeMembershipId).toBe(target.id);
    expect((await t.request('GET', '/api/me', { cookie: user.cookie })).json().activeMembershipId).toBe(
      target.id,
    );

    const strangers = (await t.request('GET', '/api/me', { cookie: stranger.cookie })).json();
    const theft = await t.request('PUT', '/api/me/active-membership', {
      cookie: user.cookie,
      body: { membershipId: strangers.memberships[0].id },
    });
    expect(theft.statusCode).toBe(404);
    expect((await t.request('GET', '/api/me', { cookie: user.cookie })).json().activeMembershipId).toBe(
      target.id,
    );
  });
});

describe('language preference', () => {
  it('is remembered for the user across sessions', async () => {
    const org = await createOrganisation(t);
    const user = await createUser(t, [{ organisationId: org.id, roles: ['customer_contact'] }]);
    const set = await t.request('PUT', '/api/me/preferences', {
      cookie: user.cookie,
      body: { locale: 'en' },
    });
    expect(set.json().user.locale).toBe('en');
    const again = await signIn(t, user.email, PASSWORD);
    expect((await t.request('GET', '/api/me', { cookie: again })).json().user.locale).toBe('en');
  });

  it('rejects a language Lupp does not have', async () => {
    const user = await createUser(t);
    const response = await t.request('PUT', '/api/me/preferences', {
      cookie: user.cookie,
      body: { locale: 'de' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.locale');
  });
});
