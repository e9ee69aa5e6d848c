import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../support/app.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

let t: TestApp;
let admin: TestUser;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrganisation(t, { kind: 'hei', name: 'Testhögskolan' });
  orgId = org.id;
  admin = await createUser(t, [{ organisationId: org.id, roles: ['admin'] }]);
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('reports liveness and readiness with the database kind', async () => {
    expect((await t.request('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      database: process.env.DATABASE_URL ? 'server' : 'embedded',
    });
  });

  it('answers 503 not_ready when the database is gone', async () => {
    const other = await createTestApp();
    await other.database.pool.end();
    const response = await other.request('GET', '/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'not_ready' });
    await other.app.close();
    await other.database.close().catch(() => {});
  });

  it('echoes a request id, or makes one, in the x-request-id header and in problems', async () => {
    const given = await t.request('GET', '/api/me', { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers['x-request-id']).toBe('trace-123');
    expect(given.json().requestId).toBe('trace-123');
    const made = await t.request('GET', '/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the public routes', () => {
  it('take a limited number of requests a minute from one address; the rest are untouched', async () => {
    const limited = await createTestApp({ config: testConfig({ LUPP_PUBLIC_REQUESTS_PER_MINUTE: '3' }) });
    const feed = (remoteAddress = '203.0.113.7') =>
      limited.app.inject({
        method: 'GET',
        url: '/api/public/course-calendars/no-such-feed-aaaaaaaaaaaa.ics',
        remoteAddress,
      });
    try {
      for (let i = 0; i < 3; i++) expect((await feed()).statusCode).toBe(404);
      const refused = await feed();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // another address is counted on its own; routes that need a session, and health checks, are not limited
      expect((await feed('203.0.113.8')).statusCode).toBe(404);
      for (let i = 0; i < 5; i++) {
        expect(
          (await limited.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '203.0.113.7' }))
            .statusCode,
        ).toBe(200);
        expect(
          (await limited.app.inject({ method: 'GET', url: '/api/me', remoteAddress: '203.0.113.7' }))
            .statusCode,
        ).toBe(401);
      }
    } finally {
      await limited.close();
    }
  });
});

describe('the database connection', () => {
  it('survives a failed query: the next one works', async () => {
    await expect(t.database.pool.query('select 1 = any($1)', ['not an array'])).rejects.toThrow(
      /malformed array literal/,
    );
    await expect(t.database.pool.query('select 1/0')).rejects.toThrow(/division by zero/);
    expect((await t.database.pool.query('select 42 as answer')).rows).toEqual([{ answer: 42 }]);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3 document with request and response schemas for every Lupp route', async () => {
    const response = await t.request('GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    const invite = doc.paths['/api/organisations/{organisationId}/invitations'].post;
    expect(invite.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(invite.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
    );
    for (const [path, methods] of Object.entries<Record<string, { responses?: object }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.responses, `${method.toUpperCase()} ${path} documents its responses`).toBeDefined();
      }
    }
  });

  it('has a browsable documentation page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

describe('bad input is refused with problem+json naming the fault, and nothing is written', () => {
  const url = () => `/api/organisations/${orgId}`;

  it('malformed JSON', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: url(),
      headers: { cookie: admin.cookie, origin: 'http://localhost:3000', 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'invalid_json', status: 400 });
  });

  it('wrong types name the field', async () => {
    const response = await t.request('PATCH', url(), { cookie: admin.cookie, body: { name: 42 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.name' }] });
  });

  it('unknown fields are named', async () => {
    const response = await t.request('PATCH', url(), {
      cookie: admin.cookie,
      body: { name: 'Ny', colour: 'red' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'body.colour' })]);
  });

  it('bad path parameters are named', async () => {
    const response = await t.request('GET', '/api/organisations/not-a-uuid', { cookie: admin.cookie });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('params.organisationId');
  });

  it('an invalid organisationsnummer is explained, and the saved name is untouched', async () => {
    const response = await t.request('PATCH', url(), {
      cookie: admin.cookie,
      body: { name: 'Ska inte sparas', orgNumber: '811218-9876' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.orgNumber', message: expect.stringContaining('personnummer') },
    ]);
    expect((await t.request('GET', url(), { cookie: admin.cookie })).json().name).toBe('Testhögskolan');
  });

  it('oversize bodies get 413', async () => {
    const response = await t.request('PATCH', url(), {
      cookie: admin.cookie,
      body: { name: 'x'.repeat(1_100_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('body_too_large');
  });

  it('non-JSON bodies get 415', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: url(),
      headers: { cookie: admin.cookie, origin: 'http://localhost:3000', 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });

  it('unknown API routes are problem+json 404s', async () => {
    const response = await t.request('GET', '/api/nothing-here', { cookie: admin.cookie });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('valid changes are saved and formatted', async () => {
    const response = await t.request('PATCH', url(), {
      cookie: admin.cookie,
      body: { orgNumber: '2021002932' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Testhögskolan', orgNumber: '202100-2932', kind: 'hei' });
  });
});

describe('authentication', () => {
  it('refuses a protected call without a session before looking at its body', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/organisations/${orgId}`,
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });

  it('rejects a wrong password with a problem', async () => {
    const response = await t.request('POST', '/api/auth/sign-in/email', {
      body: { email: admin.email, password: 'wrong-password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('unauthenticated');
  });

  it('refuses a sign-in from another address than its own, saying so', async () => {
    const response = await t.request('POST', '/api/auth/sign-in/email', {
      body: { email: admin.email, password: 'wrong-password' },
      headers: { origin: 'http://127.0.0.1:9' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'untrusted_origin',
      detail: expect.stringMatching(/^Sign-ins are accepted only from http/),
    });
  });

  it('refuses cookie-authenticated POSTs from another origin', async () => {
    const response = await t.request('POST', '/api/auth/sign-out', {
      cookie: admin.cookie,
      body: {},
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
  });

  it("refuses Lupp's own cookie-authenticated changes from another origin, and without one", async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: '' }]) {
      const response = await t.request('PATCH', `/api/organisations/${orgId}`, {
        cookie: admin.cookie,
        body: { name: 'Kapad' },
        headers,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('untrusted_origin');
    }
    expect(
      (await t.request('GET', `/api/organisations/${orgId}`, { cookie: admin.cookie })).json().name,
    ).not.toBe('Kapad');
  });

  it('has no open sign-up: accounts come by invitation', async () => {
    const response = await t.request('POST', '/api/auth/sign-up/email', {
      body: { email: 'new@example.se', password: 'a-long-password', name: 'Ny' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const signIn = await t.request('POST', '/api/auth/sign-in/email', {
      body: { email: 'new@example.se', password: 'a-long-password' },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it('signs out: the session no longer works', async () => {
    const user = await createUser(t, [{ organisationId: orgId, roles: ['teacher'] }]);
    expect((await t.request('GET', '/api/me', { cookie: user.cookie })).statusCode).toBe(200);
    expect(
      (await t.request('POST', '/api/auth/sign-out', { cookie: user.cookie, body: {} })).statusCode,
    ).toBe(200);
    expect((await t.request('GET', '/api/me', { cookie: user.cookie })).statusCode).toBe(401);
  });
});
