import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// The built web app as the server hands it out: assets by their content-hashed names (kept for good by the
// browser), any other page address gets index.html for the client router, and an unknown API address a
// problem. A web app built again while the server runs is served at once, without a restart.

let t: TestApp;
let web: string;
const page = { accept: 'text/html,application/xhtml+xml' };

beforeAll(async () => {
  web = mkdtempSync(path.join(os.tmpdir(), 'lupp-web-'));
  mkdirSync(path.join(web, 'assets'));
  writeFileSync(
    path.join(web, 'index.html'),
    '<!doctype html><title>Lupp</title><script src="/assets/app-1.js"></script>',
  );
  writeFileSync(path.join(web, 'assets', 'app-1.js'), 'console.log(1);');
  t = await createTestApp({ web });
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

describe('the web app', () => {
  it('serves its assets for good, and its pages fresh each time', async () => {
    const asset = await t.request('GET', '/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log(1);');
    const home = await t.request('GET', '/', { headers: page });
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.body).toContain('/assets/app-1.js');
  });

  it("gives a page address index.html (the client router's), an unknown API address or file a problem", async () => {
    const deep = await t.request('GET', '/cases/5f0c6a57-9d7e-4a43-8a3e-1d0c2a7b9e10', { headers: page });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toContain('text/html');
    expect(deep.body).toContain('<title>Lupp</title>');
    const api = await t.request('GET', '/api/no-such-thing', { headers: page });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found' });
    const missing = await t.request('GET', '/assets/app-0.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('serves a new build at once, while the server runs', async () => {
    writeFileSync(path.join(web, 'assets', 'app-2.js'), 'console.log(2);');
    writeFileSync(
      path.join(web, 'index.html'),
      '<!doctype html><title>Lupp</title><script src="/assets/app-2.js"></script>',
    );
    const home = await t.request('GET', '/', { headers: page });
    expect(home.body).toContain('/assets/app-2.js');
    const asset = await t.request('GET', '/assets/app-2.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(2);');
  });
});
