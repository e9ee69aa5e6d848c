import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000 on loopback, embedded database in ./data, demo mode', () => {
    const config = loadConfig({ AUTH_SECRET: 'x'.repeat(32), LUPP_DATA_DIR: '.test-tmp/cfg' });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      demo: true,
      publicRequestsPerMinute: 120,
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
    // passwords are hashed at better-auth's own cost: only the tests' configuration sets a cheaper hasher
    expect(config.passwordHasher).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({
        PORT: 'tretusen',
        DATABASE_URL: 'mysql://x',
        SMTP_URL: 'mail.example.se',
        LOG_LEVEL: 'loud',
        LUPP_PUBLIC_REQUESTS_PER_MINUTE: '-1',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'LOG_LEVEL', 'LUPP_PUBLIC_REQUESTS_PER_MINUTE'])
        expect(message).toContain(name);
    }
  });

  it('demands a secret, a public URL and a personal-data key in production, and refuses demo users there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', LUPP_DEMO: 'true' })).toThrow(
      /AUTH_SECRET[\s\S]*PUBLIC_URL[\s\S]*LUPP_PERSONAL_DATA_KEY[\s\S]*LUPP_DEMO/,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 's'.repeat(40),
      PUBLIC_URL: 'https://lupp.example.se/',
      LUPP_PERSONAL_DATA_KEY: key,
    });
    expect(config).toMatchObject({ demo: false, publicUrl: 'https://lupp.example.se' });
    expect(config.personalDataKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ LUPP_PERSONAL_DATA_KEY: 'kort' })).toThrow(
      /LUPP_PERSONAL_DATA_KEY: must be 32 bytes/,
    );
  });

  it('keeps a generated personal-data key in the data folder outside production', () => {
    const first = loadConfig({ AUTH_SECRET: 'x'.repeat(32), LUPP_DATA_DIR: '.test-tmp/cfg-key' });
    const again = loadConfig({ AUTH_SECRET: 'x'.repeat(32), LUPP_DATA_DIR: '.test-tmp/cfg-key' });
    expect(first.personalDataKey).toHaveLength(32);
    expect(again.personalDataKey).toEqual(first.personalDataKey);
  });

  it('keeps unused customer accounts unless a period of 1 to 120 months is set', () => {
    const base = { AUTH_SECRET: 'x'.repeat(32), LUPP_DATA_DIR: '.test-tmp/cfg' };
    expect(loadConfig(base).inactiveAccountMonths).toBeNull();
    expect(loadConfig({ ...base, LUPP_INACTIVE_ACCOUNT_MONTHS: '24' }).inactiveAccountMonths).toBe(24);
    expect(() => loadConfig({ ...base, LUPP_INACTIVE_ACCOUNT_MONTHS: '0' })).toThrow(
      /LUPP_INACTIVE_ACCOUNT_MONTHS: must be at least 1 month/,
    );
    expect(() => loadConfig({ ...base, LUPP_INACTIVE_ACCOUNT_MONTHS: 'två år' })).toThrow(
      /LUPP_INACTIVE_ACCOUNT_MONTHS/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', AUTH_SECRET: 'x'.repeat(32), LUPP_DATA_DIR: '.test-tmp/cfg' }).port).toBe(
      3000,
    );
  });
});
