import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/demo.seed.ts';
import { withCheckDigit } from '../../src/features/tenancy/org-number.ts';
import { createTestDatabase } from '../support/database.ts';

// The `lupp` command as an operator runs it: a real process, real signals, on the run's database kind.
const bin = path.resolve('bin/lupp.js');
let dataDir: string;
let serverDatabase: Database | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lupp-cli-'));
  env = {
    ...process.env,
    NODE_ENV: 'development',
    LUPP_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
  };
  if (process.env.DATABASE_URL) {
    // An empty database of its own, so the demo seed runs as on a fresh install.
    serverDatabase = await createTestDatabase();
    await serverDatabase.pool.query(
      'drop schema public cascade; create schema public; drop schema if exists drizzle cascade',
    );
    env.DATABASE_URL = serverDatabase.url;
  }
});
afterAll(async () => {
  await serverDatabase?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 150_000 });
}

async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(port) } });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  for (let i = 0; i < 480; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    if (ready?.ok) return { child, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${output}`);
}

describe('lupp CLI', () => {
  it('explains its commands, and rejects unknown ones', () => {
    expect(run('help').stdout).toMatch(/serve[\s\S]*migrate[\s\S]*seed --demo/);
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command: frobnicate');
  }); // two processes that load all of Lupp through tsx: 10–20 s each beside the other CI pass

  it('stops with a message naming each bad variable', () => {
    const result = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...env, PORT: 'abc', SMTP_URL: 'nope' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/SMTP_URL/);
  });

  it('migrates, seeds demo data once, exports match labels, serves, and shuts down cleanly on SIGTERM', async () => {
    const migrate = run('migrate');
    expect(migrate.status, migrate.stderr).toBe(0);
    const seed = run('seed', '--demo');
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stdout).toContain('Demo data seeded');
    expect(run('seed', '--demo').stdout).toContain('nothing was seeded');

    // The HEI's match decisions as a labelled set: files the benchmark reads (the demo has no decisions yet).
    const labels = path.join(dataDir, 'labels');
    const exported = run('export', 'match-labels', '--hei', withCheckDigit('202199002'), labels);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^0 needs \(0 unmet demand\) and \d+ courses written/);
    expect(
      JSON.parse(readFileSync(path.join(labels, 'catalog.json'), 'utf8')).courses.length,
    ).toBeGreaterThan(10);
    expect(JSON.parse(readFileSync(path.join(labels, 'gold.json'), 'utf8'))).toEqual({});
    const unknownHei = run('export', 'match-labels', '--hei', '999', labels);
    expect(unknownHei.status).toBe(2);
    expect(unknownHei.stderr).toContain('No HEI with id or organisation number 999');
    expect(run('export', 'match-labels', labels).status).toBe(2);

    const port = await freePort();
    const { child, output } = await startServer(port);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: 'astrid.admin@mittland.example', password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('stopped cleanly');
    // Seeding the demo (passwords are hashed on purpose slowly) and two process starts take a while on a busy CI machine.
  });
});
