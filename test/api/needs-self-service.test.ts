import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { selfServiceLink } from '../../src/features/needs/needs.table.ts';
import { seedDemoTaxonomy } from '../../src/features/taxonomy/demo-taxonomy.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

/** The customer's self-service link: made by the HEI, used without an account, revocable, expiring. */
let t: TestApp;
let coord: TestUser;
let teacher: TestUser;
let economist: TestUser;
let outsider: TestUser;
let customerId: string;
let welding: string;
let leadership: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTaxonomy(t.db);
  const concept = async (label: string) =>
    (await t.db.select().from(taxonomyConcept).where(eq(taxonomyConcept.labelSv, label)))[0]?.id ?? '';
  welding = await concept('Svetsteknik');
  leadership = await concept('Ledarskap');
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, {
    kind: 'hei',
    consortiumId: alliance.id,
    name: 'Högskolan i Test',
  });
  customerId = (await createOrganisation(t, { kind: 'customer', name: 'Stålkunden AB' })).id;
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], { name: 'Karin Berg' });
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }]);
  economist = await createUser(t, [{ organisationId: hei.id, roles: ['economist'] }]);
  const otherHei = await createOrganisation(t, { kind: 'hei' });
  outsider = await createUser(t, [{ organisationId: otherHei.id, roles: ['coordinator'] }]);
});
afterAll(() => t.close());

const need = (overrides: Record<string, unknown> = {}) => ({
  conceptId: welding,
  requiredLevel: 4,
  currentLevel: 1,
  importance: 3,
  people: 10,
  horizon: 'now',
  ...overrides,
});

async function newAnalysis(title = 'Behov hos Stålkunden') {
  const created = await t.request('POST', '/api/analyses', {
    cookie: coord.cookie,
    body: { customerId, title, strategy: 'Fossilfritt 2030', drivers: ['growth'] },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string };
}

async function newLink(analysisId: string, body?: unknown, user = coord) {
  const response = await t.request('POST', `/api/analyses/${analysisId}/self-service-links`, {
    cookie: user.cookie,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  const link = response.json() as { id: string; url: string; expiresAt: string };
  return { ...link, token: link.url.replace('/s/', '') };
}

/** Calls the public self-service API without any session, as the customer does. */
const customer = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  t.request(method, url, { body });

describe('making a self-service link', () => {
  it('shows the token once as /s/<token>, stores only its hash, valid 30 days by default', async () => {
    const analysis = await newAnalysis();
    const link = await newLink(analysis.id);
    expect(link.url).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const [row] = await t.db.select().from(selfServiceLink).where(eq(selfServiceLink.id, link.id));
    expect(row?.tokenHash).toBe(createHash('sha256').update(link.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(link.token);

    const listed = await t.request('GET', `/api/analyses/${analysis.id}/self-service-links`, {
      cookie: economist.cookie,
    });
    expect(listed.json()).toEqual([
      {
        id: link.id,
        createdAt: expect.any(String),
        expiresAt: link.expiresAt,
        revokedAt: null,
        lastUsedAt: null,
      },
    ]);
    expect(listed.body).not.toContain(link.token);
  });

  it('e-mails the link when asked, through the outbox', async () => {
    const analysis = await newAnalysis('Analys med e-post');
    const link = await newLink(analysis.id, { sendTo: 'Sara@Stalkunden.example', expiresInDays: 7 }, teacher);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'sara@stalkunden.example'));
    expect(mail?.kind).toBe('self_service_link');
    expect(mail?.textBody).toContain(`${TEST_ORIGIN}/s/${link.token}`);
    expect(mail?.textBody).toContain('Analys med e-post');
    expect((Date.parse(link.expiresAt) - Date.now()) / 86_400_000).toBeLessThan(7.1);
    const bad = await t.request('POST', `/api/analyses/${analysis.id}/self-service-links`, {
      cookie: coord.cookie,
      body: { sendTo: 'inte en adress' },
    });
    expect(bad.json().errors[0].field).toBe('body.sendTo');
  });

  it('is for writers of the HEI: readers get 403, other HEIs 404, anonymous 401', async () => {
    const analysis = await newAnalysis();
    const link = await newLink(analysis.id);
    const url = `/api/analyses/${analysis.id}/self-service-links`;
    expect((await t.request('POST', url, { cookie: economist.cookie })).statusCode).toBe(403);
    expect((await t.request('POST', url, { cookie: outsider.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', url, { cookie: outsider.cookie })).statusCode).toBe(404);
    expect((await t.request('POST', url)).statusCode).toBe(401);
    expect((await t.request('DELETE', `${url}/${link.id}`, { cookie: economist.cookie })).statusCode).toBe(
      403,
    );
    expect((await t.request('DELETE', `${url}/${link.id}`, { cookie: outsider.cookie })).statusCode).toBe(
      404,
    );
    const other = await newAnalysis();
    expect(
      (
        await t.request('DELETE', `/api/analyses/${other.id}/self-service-links/${link.id}`, {
          cookie: coord.cookie,
        })
      ).statusCode,
    ).toBe(404);
    expect((await customer('GET', `/api/self-service/${link.token}`)).statusCode).toBe(200);
  });
});

describe('the customer through the link', () => {
  it('reads the analysis (without person level) and works on organisation, roles and needs', async () => {
    const analysis = await newAnalysis();
    await t.request('POST', `/api/analyses/${analysis.id}/persons`, {
      cookie: coord.cookie,
      body: { pseudonym: 'Svetsare 1', roleId: null, levels: [] },
    });
    const { token } = await newLink(analysis.id);
    const base = `/api/self-service/${token}`;

    const read = await customer('GET', base);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: analysis.id, customer: { name: 'Stålkunden AB' }, persons: [] });

    const org = await customer('PATCH', base, { strategy: 'Elektrifiering', drivers: ['new_technology'] });
    expect(org.json()).toMatchObject({ strategy: 'Elektrifiering', drivers: ['new_technology'] });
    const title = await customer('PATCH', base, { title: 'Kapad titel' });
    expect(title.statusCode).toBe(400);
    expect(title.json().errors[0].field).toBe('body.title');

    const withRole = await customer('POST', `${base}/roles`, {
      title: 'Underhållstekniker',
      headcountNow: 20,
      headcountHorizon: 25,
    });
    expect(withRole.statusCode).toBe(201);
    const roleId = withRole.json().roles[0].id;
    const revisedRole = await customer('PUT', `${base}/roles/${roleId}`, {
      title: 'Underhållstekniker el',
      headcountNow: 18,
      headcountHorizon: 25,
    });
    expect(revisedRole.json().roles[0]).toMatchObject({ title: 'Underhållstekniker el', headcountNow: 18 });

    const added = await customer('POST', `${base}/needs`, need({ roleId }));
    expect(added.statusCode).toBe(201);
    expect(added.json().needs[0]).toMatchObject({ roleId, computed: { gap: 3 } });
    const needId = added.json().needs[0].id;
    const changed = await customer('PUT', `${base}/needs/${needId}`, need({ roleId, currentLevel: 3 }));
    expect(changed.json().needs[0].computed.gap).toBe(1);
    await customer('POST', `${base}/needs`, need({ conceptId: leadership }));
    const removed = await customer('DELETE', `${base}/needs/${needId}`);
    expect(removed.json().needs.map((n: { concept: { id: string } }) => n.concept.id)).toEqual([leadership]);
    const roleGone = await customer('DELETE', `${base}/roles/${roleId}`);
    expect(roleGone.json().roles).toEqual([]);

    // The HEI sees the customer's work.
    const seen = (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: coord.cookie })).json();
    expect(seen).toMatchObject({ strategy: 'Elektrifiering', persons: [{ pseudonym: 'Svetsare 1' }] });
  });

  it('audits every change as made through the link, with no user', async () => {
    const analysis = await newAnalysis();
    const link = await newLink(analysis.id);
    await customer('PATCH', `/api/self-service/${link.token}`, { strategy: 'Via länken' });
    await customer('POST', `/api/self-service/${link.token}/needs`, need());
    const events = await t.db.select().from(auditEvent).where(eq(auditEvent.subjectId, analysis.id));
    const viaLink = events.filter((e) => e.data.via === 'self_service_link');
    expect(viaLink.map((e) => e.action).sort()).toEqual(['analysis.need_added', 'analysis.updated']);
    for (const e of viaLink) {
      expect(e.actorUserId).toBeNull();
      expect(e.data.linkId).toBe(link.id);
    }
    const [row] = await t.db.select().from(selfServiceLink).where(eq(selfServiceLink.id, link.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses levels out of range and unknown concepts, naming the field', async () => {
    const analysis = await newAnalysis();
    const { token } = await newLink(analysis.id);
    const level = await customer('POST', `/api/self-service/${token}/needs`, need({ requiredLevel: 6 }));
    expect(level.statusCode).toBe(400);
    expect(level.json().errors).toEqual([{ field: 'body.requiredLevel', message: 'levels go from 0 to 5' }]);
    const unknown = await customer(
      'POST',
      `/api/self-service/${token}/needs`,
      need({ conceptId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.json().errors).toEqual([
      { field: 'body.conceptId', message: 'is not a concept of any imported taxonomy' },
    ]);
    expect((await customer('GET', `/api/self-service/${token}`)).json().needs).toEqual([]);
  });

  it("reaches only its own analysis: another analysis' roles and needs are 404", async () => {
    const mine = await newAnalysis();
    const theirs = await newAnalysis();
    const theirNeed = (
      await t.request('POST', `/api/analyses/${theirs.id}/needs`, { cookie: coord.cookie, body: need() })
    ).json().needs[0].id;
    const theirRole = (
      await t.request('POST', `/api/analyses/${theirs.id}/roles`, {
        cookie: coord.cookie,
        body: { title: 'Deras roll', headcountNow: 1, headcountHorizon: 1 },
      })
    ).json().roles[0].id;
    const { token } = await newLink(mine.id);
    expect((await customer('PUT', `/api/self-service/${token}/needs/${theirNeed}`, need())).statusCode).toBe(
      404,
    );
    expect((await customer('DELETE', `/api/self-service/${token}/needs/${theirNeed}`)).statusCode).toBe(404);
    expect((await customer('DELETE', `/api/self-service/${token}/roles/${theirRole}`)).statusCode).toBe(404);
    const foreignRole = await customer(
      'POST',
      `/api/self-service/${token}/needs`,
      need({ roleId: theirRole }),
    );
    expect(foreignRole.json().errors).toEqual([
      { field: 'body.roleId', message: 'is not a role of this analysis' },
    ]);
    const still = (await t.request('GET', `/api/analyses/${theirs.id}`, { cookie: coord.cookie })).json();
    expect(still.needs).toHaveLength(1);
    expect(still.roles).toHaveLength(1);
  });

  it('suggests concepts for the words the customer writes', async () => {
    const analysis = await newAnalysis();
    const { token } = await newLink(analysis.id);
    const found = await customer(
      'GET',
      `/api/self-service/${token}/suggestions?text=${encodeURIComponent('svetsning av rostfritt')}`,
    );
    expect(found.statusCode, found.body).toBe(200);
    const ids = found.json().concepts.map((c: { id: string }) => c.id);
    expect([
      ...ids,
      ...found.json().suggestions.map((s: { concept: { id: string } }) => s.concept.id),
    ]).toContain(welding);
    expect((await customer('GET', `/api/self-service/${token}/suggestions?text=`)).statusCode).toBe(400);
  });
});

describe('links that no longer work', () => {
  it('a revoked, expired or unknown link is 404 self_service_link_invalid, for reading and writing', async () => {
    const analysis = await newAnalysis();
    const revoked = await newLink(analysis.id);
    const expired = await newLink(analysis.id);
    const revoke = await t.request(
      'DELETE',
      `/api/analyses/${analysis.id}/self-service-links/${revoked.id}`,
      {
        cookie: teacher.cookie,
      },
    );
    expect(revoke.statusCode).toBe(204);
    const again = await t.request('DELETE', `/api/analyses/${analysis.id}/self-service-links/${revoked.id}`, {
      cookie: coord.cookie,
    });
    expect(again.statusCode).toBe(409);
    await t.db
      .update(selfServiceLink)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(selfServiceLink.id, expired.id));
    for (const token of [revoked.token, expired.token, 'x'.repeat(43)]) {
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['PATCH', '', { strategy: 'Efter återkallelse' }],
        ['POST', '/needs', need()],
        ['POST', '/surveys', { respondents: 5 }],
        ['GET', '/heatmap', undefined],
        ['GET', '/suggestions?text=svets', undefined],
      ] as const) {
        const response = await customer(method, `/api/self-service/${token}${path}`, body);
        expect(response.statusCode, `${method} ${path}`).toBe(404);
        expect(response.json().code).toBe('self_service_link_invalid');
      }
    }
    const listed = (
      await t.request('GET', `/api/analyses/${analysis.id}/self-service-links`, { cookie: coord.cookie })
    ).json();
    expect(listed.find((l: { id: string }) => l.id === revoked.id).revokedAt).not.toBeNull();
    const after = (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: coord.cookie })).json();
    expect(after).toMatchObject({ strategy: 'Fossilfritt 2030', needs: [] });
  });
});
