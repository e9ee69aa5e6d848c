import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';
import { createUser, type TestUser } from '../support/factories.ts';

// The customer register (Kunder): the organisations an HEI has had cases with, what came of them and what
// the signed agreements were worth, so a coordinator meeting a customer knows its history with the HEI.
// Another HEI's customers (and its cases with a shared customer) stay out of sight.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
let priceOre: number;
let customer: { name: string; orgNumber: string };
let laterCaseId: string;
let otherCaseId: string;

const newCase = async (customerName: string, customerOrgNumber: string, user = s.coord) => {
  const created = await t.request(
    'POST',
    '/api/cases',
    s.as(user, {
      title: 'Felsökning',
      customerName,
      customerOrgNumber,
      sector: 'private',
      needText: 'Felsökning.',
    }),
  );
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
};

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
  const { proposalId } = await exampleProposal(t, s, 'accepted');
  const agreementId = await signedAgreement(t, s, proposalId);
  priceOre = (await t.request('GET', `/api/agreements/${agreementId}`, s.as(s.coord))).json().priceOre;
  const [row] = await t.db.select().from(organisation).where(eq(organisation.id, s.customerId));
  customer = { name: row?.name ?? '', orgNumber: row?.orgNumber ?? '' };
  // a later case with the same customer, closed as lost; and a case with another customer
  laterCaseId = await newCase(customer.name, customer.orgNumber);
  const closed = await t.request(
    'POST',
    `/api/cases/${laterCaseId}/close`,
    s.as(s.manager, { outcome: 'lost', reason: 'Kunden valde en annan utbildare.' }),
  );
  expect(closed.statusCode, closed.body).toBe(200);
  otherCaseId = await newCase('Annat Bolag AB', '5560360793');
});
afterAll(() => t.close());

const list = (query: string, user: TestUser = s.coord) =>
  t.request('GET', `/api/customers${query}`, s.as(user));

describe('the customer register', () => {
  it('lists the customers of the HEI’s cases with what came of them, the newest case first', async () => {
    const res = await list('');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(body.items.map((c: { name: string }) => c.name)).toEqual(['Annat Bolag AB', customer.name]);
    expect(body.items[1]).toEqual({
      id: s.customerId,
      name: customer.name,
      orgNumber: `${customer.orgNumber.slice(0, 6)}-${customer.orgNumber.slice(6)}`,
      county: 'Norrbotten',
      cases: 2,
      openCases: 1,
      won: 0,
      lost: 1,
      signedValueOre: priceOre,
      lastCaseOpenedAt: expect.any(String),
    });
    expect(body.items[0]).toMatchObject({ orgNumber: '556036-0793', cases: 1, signedValueOre: 0 });
  });

  it('is searched by name or organisationsnummer (with or without the hyphen) and sorted', async () => {
    const byName = (await list('?q=annat%20bolag')).json();
    expect(byName.items.map((c: { id: string }) => c.id)).toHaveLength(1);
    expect(byName.items[0].name).toBe('Annat Bolag AB');
    expect((await list('?q=556036-0793')).json().total).toBe(1);
    expect((await list(`?q=${customer.orgNumber.slice(0, 8)}`)).json().items[0].id).toBe(s.customerId);
    expect((await list('?q=Finns%20inte')).json()).toMatchObject({ total: 0, items: [] });
    const byValue = (await list('?sort=value')).json();
    expect(byValue.items[0].id).toBe(s.customerId);
    const byName2 = (await list('?sort=name&pageSize=1&page=2')).json();
    expect(byName2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(byName2.items.map((c: { name: string }) => c.name)).toEqual([
      [customer.name, 'Annat Bolag AB'].sort((a, b) => a.localeCompare(b, 'sv'))[1],
    ]);
    const bad = await list('?sort=biggest');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'querystring.sort' });
  });

  it('shows one customer: the organisation, its contact people and the HEI’s cases with it', async () => {
    const res = await t.request('GET', `/api/customers/${s.customerId}`, s.as(s.teacher));
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ id: s.customerId, cases: 2, lost: 1, signedValueOre: priceOre });
    expect(detail.contacts).toEqual([{ name: s.contact.name, email: s.contact.email }]);
    expect(detail.caseList).toEqual([
      expect.objectContaining({ id: laterCaseId, stage: 'closed', outcome: 'lost', signedValueOre: 0 }),
      expect.objectContaining({ id: s.caseId, stage: 'inquiry', outcome: null, signedValueOre: priceOre }),
    ]);
    expect(detail.caseList[1].reference).toMatch(/^UF-\d{4}-\d+$/);
    expect(detail.lessons).toEqual([]);
  });

  it('gathers what the HEI learned with the customer: the reviews of its cases that say something', async () => {
    const wrote = await t.request(
      'PUT',
      `/api/cases/${s.caseId}/review`,
      s.as(s.coord, { wentWell: 'Skiftlagen kom med egna fel att felsöka.', toImprove: '', followOn: '' }),
    );
    expect(wrote.statusCode, wrote.body).toBe(200);
    const detail = (await t.request('GET', `/api/customers/${s.customerId}`, s.as(s.manager))).json();
    expect(detail.lessons).toEqual([
      expect.objectContaining({
        caseId: s.caseId,
        wentWell: 'Skiftlagen kom med egna fel att felsöka.',
        updatedBy: s.coord.name,
        stage: 'inquiry',
      }),
    ]);
  });

  it('as CSV for a spreadsheet, in Swedish or English', async () => {
    const sv = await t.request('GET', '/api/customers/export', s.as(admin));
    expect(sv.statusCode, sv.body).toBe(200);
    expect(sv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = sv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"Kund";"Organisationsnummer";"Län";"Ärenden";"Pågående";"Vunna";"Förlorade";"Avtalat värde (kr)";"Senaste ärendet öppnat"',
    );
    expect(lines).toHaveLength(3);
    const row = lines.find((l: string) => l.startsWith(`"${customer.name}"`));
    expect(row).toContain(`;2;1;0;1;${String(priceOre / 100).replace('.', ',')};`);
    const en = await t.request('GET', '/api/customers/export?lang=en', s.as(admin));
    expect(en.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^"Customer";"Organisation number"/);
  });

  it('is the HEI’s own: another HEI sees neither the customer nor its cases with a shared customer', async () => {
    // the other HEI has a case of its own with the same customer
    await newCase(customer.name, customer.orgNumber, s.outsider);
    const theirs = (await list('', s.outsider)).json();
    expect(theirs).toMatchObject({ total: 1 });
    expect(theirs.items[0]).toMatchObject({ id: s.customerId, cases: 1, lost: 0, signedValueOre: 0 });
    const detail = (await t.request('GET', `/api/customers/${s.customerId}`, s.as(s.outsider))).json();
    expect(detail.caseList.map((c: { id: string }) => c.id)).not.toContain(s.caseId);
    expect(detail.lessons).toEqual([]);
    const otherCustomer = (await list(''))
      .json()
      .items.find((c: { name: string }) => c.name === 'Annat Bolag AB');
    expect((await t.request('GET', `/api/customers/${otherCustomer.id}`, s.as(s.outsider))).statusCode).toBe(
      404,
    );
    // nor is an HEI, or an id Lupp does not know, a customer
    expect((await t.request('GET', `/api/customers/${s.hei}`, s.as(s.coord))).statusCode).toBe(404);
    expect((await t.request('GET', `/api/customers/${crypto.randomUUID()}`, s.as(s.coord))).statusCode).toBe(
      404,
    );
    // the customer's own contact and anonymous callers get nothing
    expect((await list('', s.contact)).statusCode).toBe(403);
    expect((await t.request('GET', `/api/customers/${s.customerId}`, s.as(s.contact))).statusCode).toBe(403);
    expect((await t.request('GET', '/api/customers/export', s.as(s.contact))).statusCode).toBe(403);
    expect((await t.request('GET', '/api/customers')).statusCode).toBe(401);
    expect(otherCaseId).toBeTruthy();
  });
});
