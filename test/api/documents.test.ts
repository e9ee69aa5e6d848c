import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  orgNumber,
  signIn,
  type TestUser,
} from '../support/factories.ts';
import { MINIMAL_PDF, type MultipartFields, uploadForm } from '../support/multipart.ts';

let t: TestApp;
let coord: TestUser;
let outsider: TestUser;
let caseId: string;
let customerCookie: string;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d3b6e90000000049454e44ae426082',
  'hex',
);

const upload = (url: string, cookie: string, fields: MultipartFields) => uploadForm(t, url, cookie, fields);

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
  outsider = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['coordinator'] },
  ]);
  await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${alliance.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput({ orgNumber: orgNumber() })),
  });
  const [inquiry] = (await t.request('GET', '/api/inquiries', { cookie: coord.cookie })).json().items;
  await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, { cookie: coord.cookie });
  caseId = (await t.request('GET', '/api/cases', { cookie: coord.cookie })).json().items[0].id;
  await t.request('POST', `/api/cases/${caseId}/customer-contacts`, {
    cookie: coord.cookie,
    body: { email: 'kund@docs.example' },
  });
  const [mail] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'kund@docs.example'));
  const token = mail?.textBody.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
  await t.request('POST', `/api/invitations/${token}/accept`, {
    body: { name: 'Kund', password: 'kundens-losenord' },
  });
  customerCookie = await signIn(t, 'kund@docs.example', 'kundens-losenord');
});
afterAll(() => t.close());

describe('documents on a case', () => {
  it('attaches a PDF, lists it and downloads it byte for byte', async () => {
    const response = await upload(`/api/cases/${caseId}/documents`, coord.cookie, {
      file: { name: 'Offert ÅÄÖ.pdf', content: MINIMAL_PDF },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      fileName: 'Offert ÅÄÖ.pdf',
      mediaType: 'application/pdf',
      sizeBytes: MINIMAL_PDF.length,
      sharedWithCustomer: false,
    });
    const list = (await t.request('GET', `/api/cases/${caseId}/documents`, { cookie: coord.cookie })).json();
    expect(list.map((d: { fileName: string }) => d.fileName)).toContain('Offert ÅÄÖ.pdf');
    const download = await t.request('GET', `/api/cases/${caseId}/documents/${response.json().id}`, {
      cookie: coord.cookie,
    });
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''Offert%20%C3%85%C3%84%C3%96.pdf",
    );
    expect(download.rawPayload.equals(MINIMAL_PDF)).toBe(true);
  });

  it('decides the type from the content: a program renamed to .pdf is refused, so are unknown binaries', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 1)]);
    const renamed = await upload(`/api/cases/${caseId}/documents`, coord.cookie, {
      file: { name: 'faktura.pdf', content: exe, type: 'application/pdf' },
    });
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json()).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: 'file' }] });
    const text = await upload(`/api/cases/${caseId}/documents`, coord.cookie, {
      file: { name: 'anteckningar.txt', content: Buffer.from('Mötesanteckningar: åäö') },
    });
    expect(text.statusCode).toBe(201);
    expect(text.json().mediaType).toBe('text/plain; charset=utf-8');
  });

  it('refuses a file over 10 MB, a missing file and a JSON body, and stores nothing', async () => {
    const before = (await t.request('GET', `/api/cases/${caseId}/documents`, { cookie: coord.cookie })).json()
      .length;
    const big = Buffer.concat([MINIMAL_PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 32)]);
    const tooBig = await upload(`/api/cases/${caseId}/documents`, coord.cookie, {
      file: { name: 'stor.pdf', content: big },
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().errors).toEqual([{ field: 'file', message: 'is larger than 10 MB' }]);
    const none = await upload(`/api/cases/${caseId}/documents`, coord.cookie, { note: 'ingen fil' });
    expect(none.statusCode).toBe(400);
    expect(
      (
        await t.request('POST', `/api/cases/${caseId}/documents`, {
          cookie: coord.cookie,
          body: { file: 'x' },
        })
      ).statusCode,
    ).toBe(415);
    expect(
      (await t.request('GET', `/api/cases/${caseId}/documents`, { cookie: coord.cookie })).json().length,
    ).toBe(before);
  });

  it('the customer sees shared documents and their own uploads only; other HEIs see nothing', async () => {
    const shared = await upload(`/api/cases/${caseId}/documents`, coord.cookie, {
      sharedWithCustomer: 'true',
      file: { name: 'kursplan.png', content: PNG },
    });
    expect(shared.json()).toMatchObject({ sharedWithCustomer: true, mediaType: 'image/png' });
    const own = await upload(`/api/portal/cases/${caseId}/documents`, customerCookie, {
      file: { name: 'kompetensplan.pdf', content: MINIMAL_PDF },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ fromCustomer: true });
    const seen = (
      await t.request('GET', `/api/portal/cases/${caseId}/documents`, { cookie: customerCookie })
    ).json();
    expect(seen.map((d: { fileName: string }) => d.fileName).sort()).toEqual([
      'kompetensplan.pdf',
      'kursplan.png',
    ]);
    const internal = (await t.request('GET', `/api/cases/${caseId}/documents`, { cookie: coord.cookie }))
      .json()
      .find((d: { fileName: string }) => d.fileName === 'Offert ÅÄÖ.pdf');
    expect(
      (
        await t.request('GET', `/api/portal/cases/${caseId}/documents/${internal.id}`, {
          cookie: customerCookie,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/cases/${caseId}/documents`, { cookie: outsider.cookie })).statusCode,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/cases/${caseId}/documents/${internal.id}`, { cookie: outsider.cookie }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await upload(`/api/cases/${caseId}/documents`, outsider.cookie, {
          file: { name: 'x.pdf', content: MINIMAL_PDF },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('removes a document', async () => {
    const added = await upload(`/api/cases/${caseId}/documents`, coord.cookie, {
      file: { name: 'utkast.pdf', content: MINIMAL_PDF },
    });
    expect(
      (
        await t.request('DELETE', `/api/cases/${caseId}/documents/${added.json().id}`, {
          cookie: coord.cookie,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.request('GET', `/api/cases/${caseId}/documents/${added.json().id}`, { cookie: coord.cookie }))
        .statusCode,
    ).toBe(404);
  });
});
