import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Every environment variable Lupp reads. `.env.example` lists the same set. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LUPP_DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url('must be an absolute URL such as https://lupp.example.se').optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LUPP_PERSONAL_DATA_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  LUPP_DEMO: z.enum(['true', 'false']).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Lupp <no-reply@lupp.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LUPP_PUBLIC_REQUESTS_PER_MINUTE: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .max(100_000)
    .default(120),
  LUPP_INACTIVE_ACCOUNT_MONTHS: z.coerce
    .number()
    .int('must be a whole number of months')
    .min(1, 'must be at least 1 month')
    .max(120, 'must be at most 120 months (ten years)')
    .optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Set: use this PostgreSQL server. Unset: embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  authSecret: string;
  /** AES-256 key of personal identity numbers at rest (32 bytes). */
  personalDataKey: Buffer;
  /** Demo mode: seed demo organisations and users (with demo passwords) into an empty database. */
  demo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  /** Requests a minute one address may make to the public routes (/api/public/…), per process; 0: no limit. */
  publicRequestsPerMinute: number;
  /**
   * Customers' accounts (no role at an HEI) unused this many months, and with no open case, are erased
   * after a warning by e-mail; null: kept until removed by a person.
   */
  inactiveAccountMonths: number | null;
  /**
   * Tests only, never read from the environment: a cheaper password hash than better-auth's own (scrypt at
   * N 16384), which is meant to be slow. The test suites create and sign in some 600 users a run.
   */
  passwordHasher?: {
    hash: (password: string) => Promise<string>;
    verify: (data: { hash: string; password: string }) => Promise<boolean>;
  };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment once; names every bad variable at the same time. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, so `PORT=` in an .env file means "default".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) =>
          `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.AUTH_SECRET) problems.push('AUTH_SECRET: required in production');
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) problems.push('PUBLIC_URL: required in production');
  if (e.NODE_ENV === 'production' && !e.LUPP_PERSONAL_DATA_KEY)
    problems.push('LUPP_PERSONAL_DATA_KEY: required in production');
  if (e.NODE_ENV === 'production' && e.LUPP_DEMO === 'true')
    problems.push('LUPP_DEMO: demo users with known passwords are not allowed in production');
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.LUPP_DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    publicUrl,
    authSecret: e.AUTH_SECRET ?? localSecret(dataDir),
    personalDataKey: Buffer.from(
      e.LUPP_PERSONAL_DATA_KEY ??
        localSecret(dataDir, 'personal-data-key', () => randomBytes(32).toString('base64')),
      'base64',
    ),
    demo: e.LUPP_DEMO ? e.LUPP_DEMO === 'true' : e.NODE_ENV !== 'production',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY === 'true',
    publicRequestsPerMinute: e.LUPP_PUBLIC_REQUESTS_PER_MINUTE,
    inactiveAccountMonths: e.LUPP_INACTIVE_ACCOUNT_MONTHS ?? null,
  };
}

/** Outside production a secret is generated once and kept in the data folder, so sessions survive restarts. */
function localSecret(
  dataDir: string,
  name = 'auth-secret',
  generate = () => randomBytes(32).toString('hex'),
): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = generate();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
