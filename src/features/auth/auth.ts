import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../server/config.ts';
import { authAccount, authSession, authUser, authVerification } from './auth.table.ts';
import { MIN_PASSWORD_LENGTH } from './auth-rules.ts';

/**
 * Accounts and sessions (better-auth): e-mail + password, sessions in PostgreSQL, secure cookies
 * when served over https, and origin checks on every cookie-authenticated POST.
 *
 * SSO seam: Swedish HEIs sign in through SWAMID (SAML) or OIDC. Adding the `sso` or
 * `genericOAuth` plugin here is the only change needed: sessions, memberships and the auth guard
 * do not care how a user proved who they are.
 */
export function createAuth(config: Config, db: Db) {
  return betterAuth({
    appName: 'Lupp',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.authSecret,
    trustedOrigins: [config.publicUrl],
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: authUser, session: authSession, account: authAccount, verification: authVerification },
    }),
    emailAndPassword: {
      enabled: true,
      // Lupp accounts are created by invitation (or by the demo seed), never by open sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      ...(config.passwordHasher ? { password: config.passwordHasher } : {}),
    },
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, input: false },
        notificationEmail: { type: 'string', required: false, input: false },
        lastActiveAt: { type: 'date', required: false, input: false },
      },
    },
    session: {
      additionalFields: { activeMembershipId: { type: 'string', required: false, input: false } },
    },
    rateLimit: { enabled: config.env === 'production', window: 60, max: 100 },
    advanced: {
      useSecureCookies: config.publicUrl.startsWith('https://'),
      // better-auth turns these off when NODE_ENV=test; Lupp's tests must see the production behaviour.
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Creates a user with an e-mail + password credential (invitation acceptance and the demo seed). */
export async function createPasswordAccount(
  auth: Auth,
  input: { email: string; name: string; password: string; locale?: string },
): Promise<{ id: string }> {
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser(
    { email: input.email.toLowerCase(), name: input.name, emailVerified: true, locale: input.locale ?? null },
    { method: 'email-password' },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: hash,
  });
  return { id: user.id };
}
