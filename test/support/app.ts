import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { MailSender } from '../../src/features/mail/mail.service.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { createTestDatabase } from './database.ts';

export const TEST_ORIGIN = 'http://localhost:3000';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth',
    LUPP_PERSONAL_DATA_KEY: 'dGVzdC1rZXktb2YtMzItYnl0ZXMtZm9yLWx1cHAtcG4=',
    LOG_LEVEL: 'silent',
    LUPP_DATA_DIR: '.test-tmp/data',
    // tests call the public routes far more often than a person; the limit's own test turns it on
    LUPP_PUBLIC_REQUESTS_PER_MINUTE: '0',
    ...overrides,
  });
  return { ...config, passwordHasher: testPasswordHasher };
}

/**
 * scrypt as better-auth does it (`salt:key`, the password NFKC-normalised), at a cost 32 times lower: every
 * sign-in still goes through a real hash, but the suites' 600 users a run no longer spend a CPU-minute on it
 * (production and the CLI's tests keep better-auth's own).
 */
const testPasswordHasher: NonNullable<Config['passwordHasher']> = {
  hash: async (password) => {
    const salt = randomBytes(16).toString('hex');
    return `${salt}:${(await scryptKey(password, salt)).toString('hex')}`;
  },
  verify: async ({ hash, password }) => {
    const [salt, key] = hash.split(':');
    if (!salt || !key) return false;
    const expected = Buffer.from(key, 'hex');
    const actual = await scryptKey(password, salt);
    return expected.length === actual.length && timingSafeEqual(actual, expected);
  },
};

const scryptKey = (password: string, salt: string) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 64, { N: 1024, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A Lupp app on its own fresh database, exercised through HTTP with `inject`. */
export async function createTestApp(
  options: { config?: Config; mailSender?: MailSender | null; web?: string } = {},
) {
  const config = options.config ?? testConfig();
  const database = await createTestDatabase();
  const { app, auth } = await buildApp({
    config,
    database,
    mailSender: options.mailSender ?? null,
    logger: 'errors',
    ...(options.web ? { web: options.web } : {}),
  });
  await app.ready();

  /** Calls the API as a signed-in user (cookie) or anonymously, always with a same-origin header. */
  const request = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    opts: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: {
        origin: TEST_ORIGIN,
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
    });

  return {
    app,
    auth,
    config,
    database,
    db: database.db,
    request,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
