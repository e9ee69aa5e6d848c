import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { organisationParty } from '../../src/features/tenancy/tenancy.service.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { pdfArchiveFacts } from '../support/pdf-archive.ts';
import { pdfText as pdfTextRaw } from '../support/pdf-text.ts';
import { pngDataUrl, tinyPng } from '../support/png.ts';

// An organisation's profile: its postal address (admins; a customer's contact people too), an HEI's
// bankgiro and logo (admins), and the logo and address at the top of the HEI's proposals and agreements.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
let customerAdmin: TestUser;
let outsider: TestUser;
let proposalId: string;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const pdfText = (pdf: Buffer) => pdfTextRaw(pdf).replace(/[\u00a0\u202f]/g, ' ');
const hasImage = (pdf: Buffer) => pdf.toString('latin1').includes('/Subtype /Image');
const year = new Date().getUTCFullYear() + 1;
const org = (id: string) => `/api/organisations/${id}`;

async function auditActions(organisationId: string, action: string) {
  return t.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.organisationId, organisationId), eq(auditEvent.action, action)));
}

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
  customerAdmin = await createUser(t, [{ organisationId: s.customerId, roles: ['admin'] }]);
  outsider = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['admin'] },
  ]);
  ({ proposalId } = await exampleProposal(t, s, 'accepted'));
});
afterAll(() => t.close());

describe('the postal address', () => {
  it('is set by the admin, the postcode stored as NNN NN, and cleared with null or an empty string', async () => {
    const before = (await t.request('GET', org(s.hei), as(admin))).json();
    expect(before).toMatchObject({
      streetAddress: null,
      postalCode: null,
      city: null,
      bankgiro: null,
      hasLogo: false,
    });

    const set = await t.request(
      'PATCH',
      org(s.hei),
      as(admin, { streetAddress: '  Universitetsallén 1 ', postalCode: '85170', city: 'Sundsvall' }),
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      name: before.name,
      orgNumber: before.orgNumber,
      streetAddress: 'Universitetsallén 1',
      postalCode: '851 70',
      city: 'Sundsvall',
    });
    expect((await t.request('GET', org(s.hei), as(s.teacher))).json().postalCode).toBe('851 70');
    expect(
      (await t.request('PATCH', org(s.hei), as(admin, { postalCode: '851 70' }))).json().postalCode,
    ).toBe('851 70');

    const cleared = await t.request('PATCH', org(s.hei), as(admin, { streetAddress: null, city: '' }));
    expect(cleared.json()).toMatchObject({ streetAddress: null, postalCode: '851 70', city: null });

    const [event] = (await auditActions(s.hei, 'organisation.updated')).filter(
      (e) => (e.data as Record<string, unknown>).postalCode === '851 70' && 'city' in (e.data as object),
    );
    expect(event?.actorUserId).toBe(admin.id);
    expect(event?.data).toMatchObject({ streetAddress: 'Universitetsallén 1', city: 'Sundsvall' });
  });

  it('refuses a postcode that is not five digits, naming the field', async () => {
    for (const bad of ['8517', '851 700', '85I70', '051 70', 'Sundsvall']) {
      const response = await t.request('PATCH', org(s.hei), as(admin, { postalCode: bad }));
      expect(response.statusCode, bad).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().errors).toEqual([
        { field: 'body.postalCode', message: 'must be five digits, written NNN NN (for example 852 30)' },
      ]);
    }
    const tooLong = await t.request('PATCH', org(s.hei), as(admin, { streetAddress: 'x'.repeat(201) }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body.streetAddress');
    const nothing = await t.request('PATCH', org(s.hei), as(admin, {}));
    expect(nothing.statusCode).toBe(400);
  });

  it("may be set by a customer organisation's contact people, who may not change its name or bankgiro", async () => {
    const own = await t.request(
      'PATCH',
      org(s.customerId),
      as(s.contact, { streetAddress: 'Box 12', postalCode: '85102', city: 'Sundsvall' }),
    );
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ streetAddress: 'Box 12', postalCode: '851 02', city: 'Sundsvall' });
    const [event] = await auditActions(s.customerId, 'organisation.updated');
    expect(event?.actorUserId).toBe(s.contact.id);

    const before = (await t.request('GET', org(s.customerId), as(s.contact))).json();
    for (const body of [
      { name: 'Kapat AB' },
      { city: 'Umeå', name: 'Kapat AB' },
      { bankgiro: '5050-1055' },
      { orgNumber: before.orgNumber },
    ]) {
      const response = await t.request('PATCH', org(s.customerId), as(s.contact, body));
      expect(response.statusCode, JSON.stringify(body)).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
    expect((await t.request('GET', org(s.customerId), as(s.contact))).json()).toEqual(before);

    // The contact's rights end at their own organisation, and HEI staff other than admins have none.
    expect((await t.request('PATCH', org(s.hei), as(s.contact, { city: 'Umeå' }))).statusCode).toBe(404);
    for (const user of [s.coord, s.manager, s.economist, s.teacher])
      expect((await t.request('PATCH', org(s.hei), as(user, { city: 'Umeå' }))).statusCode).toBe(403);
    expect((await t.request('PATCH', org(s.hei), as(outsider, { city: 'Umeå' }))).statusCode).toBe(404);
    expect((await t.request('PATCH', org(s.hei), { body: { city: 'Umeå' } })).statusCode).toBe(401);
  });
});

describe('the bankgiro', () => {
  it('is set by the admin of an HEI, with or without the hyphen, stored formatted', async () => {
    const eight = await t.request('PATCH', org(s.hei), as(admin, { bankgiro: '50501055' }));
    expect(eight.statusCode, eight.body).toBe(200);
    expect(eight.json().bankgiro).toBe('5050-1055');
    const seven = await t.request('PATCH', org(s.hei), as(admin, { bankgiro: '1234566' }));
    expect(seven.json().bankgiro).toBe('123-4566');
    expect((await organisationParty(t.db, s.hei)).bankgiro).toBe('123-4566');
    const [event] = (await auditActions(s.hei, 'organisation.updated')).filter(
      (e) => (e.data as Record<string, unknown>).bankgiro === '123-4566',
    );
    expect(event?.actorUserId).toBe(admin.id);
    expect((await t.request('PATCH', org(s.hei), as(admin, { bankgiro: null }))).json().bankgiro).toBeNull();
    await t.request('PATCH', org(s.hei), as(admin, { bankgiro: '5050-1055' }));
  });

  it('refuses a wrong check digit and a wrong format with clear messages', async () => {
    const checksum = await t.request('PATCH', org(s.hei), as(admin, { bankgiro: '5050-1056' }));
    expect(checksum.statusCode).toBe(400);
    expect(checksum.json().errors).toEqual([
      { field: 'body.bankgiro', message: 'has a wrong check digit (the last digit does not match)' },
    ]);
    for (const bad of ['505010', '5050-10555', 'BG 5050-1055', '50-501055']) {
      const response = await t.request('PATCH', org(s.hei), as(admin, { bankgiro: bad }));
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().errors).toEqual([
        { field: 'body.bankgiro', message: 'must be seven or eight digits, written NNN-NNNN or NNNN-NNNN' },
      ]);
    }
    expect((await t.request('GET', org(s.hei), as(admin))).json().bankgiro).toBe('5050-1055');
  });

  it('is for HEIs only, and only their admins', async () => {
    const customer = await t.request(
      'PATCH',
      org(s.customerId),
      as(customerAdmin, { bankgiro: '5050-1055' }),
    );
    expect(customer.statusCode).toBe(400);
    expect(customer.json().errors[0].field).toBe('body.bankgiro');
    expect(customer.json().errors[0].message).toMatch(/only an HEI has a bankgiro/);
    for (const user of [s.coord, s.economist, s.manager])
      expect((await t.request('PATCH', org(s.hei), as(user, { bankgiro: '123-4566' }))).statusCode).toBe(403);
  });
});

describe('the logo', () => {
  const png = tinyPng(20, 8);

  it('is set by the admin and read as an image by every member, not by others', async () => {
    const set = await t.request('PUT', `${org(s.hei)}/logo`, as(admin, { dataUrl: pngDataUrl(png) }));
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: s.hei, hasLogo: true });
    expect((await t.request('GET', org(s.hei), as(s.teacher))).json().hasLogo).toBe(true);

    for (const user of [admin, s.teacher, s.manager]) {
      const image = await t.request('GET', `${org(s.hei)}/logo`, as(user));
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.rawPayload.equals(png)).toBe(true);
    }
    expect((await t.request('GET', `${org(s.hei)}/logo`, as(s.contact))).statusCode).toBe(404);
    expect((await t.request('GET', `${org(s.hei)}/logo`, as(outsider))).statusCode).toBe(404);
    expect((await t.request('GET', `${org(s.hei)}/logo`)).statusCode).toBe(401);

    const [event] = await auditActions(s.hei, 'organisation.logo_set');
    expect(event?.actorUserId).toBe(admin.id);
    expect(event?.data).toEqual({ type: 'image/png', bytes: png.length, width: 20, height: 8 });
  });

  it('is refused to members who are not admins', async () => {
    for (const user of [s.coord, s.teacher, s.economist, s.manager]) {
      expect(
        (await t.request('PUT', `${org(s.hei)}/logo`, as(user, { dataUrl: pngDataUrl(tinyPng(1, 1)) })))
          .statusCode,
      ).toBe(403);
      expect((await t.request('DELETE', `${org(s.hei)}/logo`, as(user))).statusCode).toBe(403);
    }
    expect((await t.request('GET', `${org(s.hei)}/logo`, as(admin))).rawPayload.equals(png)).toBe(true);
  });

  it('must be a PNG or JPEG data URL whose bytes are that image, at most 200 kB', async () => {
    const refused = async (dataUrl: string, message: RegExp) => {
      const response = await t.request('PUT', `${org(s.hei)}/logo`, as(admin, { dataUrl }));
      expect(response.statusCode, dataUrl.slice(0, 40)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().errors).toHaveLength(1);
      expect(response.json().errors[0].field).toBe('body.dataUrl');
      expect(response.json().errors[0].message).toMatch(message);
    };
    await refused('https://example.se/logo.png', /data URL of a PNG or JPEG/);
    await refused(`data:image/gif;base64,${Buffer.from('GIF89a....').toString('base64')}`, /PNG or JPEG/);
    await refused(`data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`, /PNG or JPEG/);
    await refused('data:image/png;base64,not*base64', /not valid base64/);
    await refused(`data:image/jpeg;base64,${png.toString('base64')}`, /do not start like a PNG or JPEG/);
    await refused(
      `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`,
      /do not start like/,
    );
    await refused(pngDataUrl(Buffer.concat([png, Buffer.alloc(200_001)])), /larger than 200 kB/);
    // A PNG header with nothing readable after it.
    const damaged = Buffer.concat([png.subarray(0, 33), Buffer.from('garbage that is not a PNG chunk')]);
    await refused(pngDataUrl(damaged), /could not be read as an image/);

    const missing = await t.request('PUT', `${org(s.hei)}/logo`, as(admin, {}));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('body.dataUrl');
    // The logo set before is still there.
    expect((await t.request('GET', `${org(s.hei)}/logo`, as(admin))).rawPayload.equals(png)).toBe(true);
  });

  it('is for HEIs: a customer organisation has none', async () => {
    const response = await t.request(
      'PUT',
      `${org(s.customerId)}/logo`,
      as(customerAdmin, { dataUrl: pngDataUrl(png) }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toMatch(/only an HEI has a logo/);
    expect((await t.request('GET', `${org(s.customerId)}/logo`, as(customerAdmin))).statusCode).toBe(404);
  });
});

describe('the logo and address on proposals and agreements', () => {
  let agreementId: string;

  beforeAll(async () => {
    const created = await t.request(
      'POST',
      `/api/cases/${s.caseId}/agreements`,
      as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
    );
    expect(created.statusCode, created.body).toBe(201);
    agreementId = created.json().id;
  });

  it('are printed at the top of the proposal and the agreement, for the HEI and for the customer', async () => {
    await t.request('PUT', `${org(s.hei)}/logo`, as(admin, { dataUrl: pngDataUrl(tinyPng(280, 100)) }));
    await t.request(
      'PATCH',
      org(s.hei),
      as(admin, { streetAddress: 'Universitetsallén 1', postalCode: '85170', city: 'Sundsvall' }),
    );
    const heiName = (await t.request('GET', org(s.hei), as(admin))).json().name;
    for (const url of [
      `/api/proposals/${proposalId}/pdf`,
      `/api/portal/proposals/${proposalId}/pdf`,
      `/api/agreements/${agreementId}/pdf`,
      `/api/portal/agreements/${agreementId}/pdf`,
    ]) {
      const response = await t.request('GET', url, as(url.includes('/portal/') ? s.contact : s.coord));
      expect(response.statusCode, url).toBe(200);
      expect(hasImage(response.rawPayload), url).toBe(true);
      // a logo's transparency is allowed in PDF/A-2 (not in PDF/A-1)
      expect(pdfArchiveFacts(response.rawPayload).pdfA, url).toBe('2B');
      const lines = pdfText(response.rawPayload).split('\n');
      const name = lines.indexOf(heiName);
      expect(name, url).toBeGreaterThanOrEqual(0);
      expect(lines.slice(name + 1, name + 3)).toEqual(['Universitetsallén 1', '851 70 Sundsvall']);
    }
  });

  it('leave the PDFs as before when the HEI has neither', async () => {
    expect((await t.request('DELETE', `${org(s.hei)}/logo`, as(admin))).statusCode).toBe(204);
    expect((await t.request('GET', `${org(s.hei)}/logo`, as(admin))).statusCode).toBe(404);
    expect((await t.request('GET', org(s.hei), as(admin))).json().hasLogo).toBe(false);
    const [removed] = await auditActions(s.hei, 'organisation.logo_removed');
    expect(removed?.actorUserId).toBe(admin.id);
    // Removing again changes nothing and records nothing.
    expect((await t.request('DELETE', `${org(s.hei)}/logo`, as(admin))).statusCode).toBe(204);
    expect(await auditActions(s.hei, 'organisation.logo_removed')).toHaveLength(1);

    await t.request('PATCH', org(s.hei), as(admin, { streetAddress: null, postalCode: null, city: null }));
    const heiName = (await t.request('GET', org(s.hei), as(admin))).json().name;
    for (const url of [`/api/proposals/${proposalId}/pdf`, `/api/agreements/${agreementId}/pdf`]) {
      const pdf = (await t.request('GET', url, as(s.coord))).rawPayload;
      expect(hasImage(pdf), url).toBe(false);
      const lines = pdfText(pdf).split('\n');
      expect(lines[0]).toBe(heiName);
      expect(lines.join('\n')).not.toContain('Sundsvall');
    }
  });
});
