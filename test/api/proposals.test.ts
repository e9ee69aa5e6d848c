import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposal } from '../../src/features/proposals/proposals.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { expectPdfA } from '../support/pdf-archive.ts';
import { pdfText as pdfTextRaw } from '../support/pdf-text.ts';

// From an approved design and calculation to the customer's answer in the portal.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let designId: string;
let otherCustomer: TestUser;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
// amounts are written with no-break spaces between thousands
const pdfText = (pdf: Buffer) => pdfTextRaw(pdf).replace(/\u00a0/g, ' ');
const inAYear = () => `${new Date().getUTCFullYear() + 1}-06-30`;

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const design = (
    await t.request(
      'POST',
      `/api/cases/${s.caseId}/designs`,
      as(s.coord, {
        title: 'PLC för underhållet',
        fromCourseIds: [s.courseId],
        participants: 20,
      }),
    )
  ).json();
  designId = design.id;
  await t.request(
    'PATCH',
    `/api/designs/${designId}`,
    as(s.coord, {
      revision: 1,
      teachers: [
        { name: 'Lektor i automation', category: 'lecturer', teachingHours: 40, developmentHours: 20 },
        { name: 'Professor i reglerteknik', category: 'professor', teachingHours: 8 },
      ],
      costs: { trips: 4, otherDirect: [], deliveredByOthers: [] },
    }),
  );
  otherCustomer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
});
afterAll(() => t.close());

describe('proposals', () => {
  let first: { id: string; revision: number; intro: string };

  it('are made only from a design the study director approved and a calculation an economist approved', async () => {
    const make = () =>
      t.request('POST', `/api/cases/${s.caseId}/proposals`, as(s.coord, { designId, validUntil: inAYear() }));
    const unapproved = await make();
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.json().detail).toMatch(/study director has not approved/);
    await t.request('POST', `/api/designs/${designId}/approve`, as(s.manager, { revision: 2 }));
    const uncalculated = await make();
    expect(uncalculated.json().detail).toMatch(/No calculation .* is approved by an economist/);
    const calc = (await t.request('POST', `/api/designs/${designId}/calculations`, as(s.coord))).json();
    await t.request('POST', `/api/designs/${designId}/calculations/${calc.id}/approve`, as(s.economist));

    const past = await t.request(
      'POST',
      `/api/cases/${s.caseId}/proposals`,
      as(s.coord, {
        designId,
        validUntil: '2020-01-01',
      }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([{ field: 'body.validUntil', message: 'is in the past' }]);

    const created = await make();
    expect(created.statusCode, created.body).toBe(201);
    first = created.json();
    expect(created.json()).toMatchObject({
      version: 1,
      status: 'draft',
      language: 'sv',
      title: 'PLC för underhållet',
      participants: 20,
      priceOre: 9_031_357,
      vatOre: 0,
      pricePerParticipantOre: 451_600,
      calculationId: calc.id,
    });
    // Lupp's default terms: participants are not students
    expect(created.json().terms).toMatch(/Deltagarna är inte studenter/);
    // the customer sees nothing yet
    const portal = (await t.request('GET', '/api/portal/proposals', as(s.contact))).json();
    expect(portal.proposals).toEqual([]);
    expect((await t.request('GET', `/api/portal/proposals/${first.id}`, as(s.contact))).statusCode).toBe(404);
  });

  it('refuse the second of two people saving the same draft, and keep the first one’s text', async () => {
    const mine = await t.request(
      'PATCH',
      `/api/proposals/${first.id}`,
      as(s.coord, {
        revision: 1,
        intro: 'Hej! Här är vårt förslag för era underhållstekniker.',
      }),
    );
    expect(mine.statusCode).toBe(200);
    const theirs = await t.request(
      'PATCH',
      `/api/proposals/${first.id}`,
      as(s.teacher, {
        revision: 1,
        intro: 'En annan inledning',
      }),
    );
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().code).toBe('edit_conflict');
    expect(theirs.json().detail).toContain(s.coord.name);
    const kept = (await t.request('GET', `/api/proposals/${first.id}`, as(s.teacher))).json();
    expect(kept).toMatchObject({
      intro: 'Hej! Här är vårt förslag för era underhållstekniker.',
      revision: 2,
    });
    first = kept;
  });

  it('come as a PDF in their language with the HEI, the customer, the price and the terms', async () => {
    const response = await t.request('GET', `/api/proposals/${first.id}/pdf`, as(s.economist));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expectPdfA(response.rawPayload, { language: 'sv', title: 'Offert – PLC för underhållet' });
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Offert: PLC för underhållet');
    expect(text).toContain('Hej! Här är vårt förslag för era underhållstekniker.');
    expect(text).toContain('90 313,57 kr');
    expect(text).toContain('4 516,00 kr');
    expect(text).toContain('Utbildningen är undantagen från moms.');
    expect(text).toMatch(/Deltagarna är inte studenter/);
  });

  it('are sent to the customer, who declines with a reason; the sent version does not change', async () => {
    const sent = await t.request('POST', `/api/proposals/${first.id}/send`, as(s.coord, { revision: 2 }));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent' });
    const frozen = await t.request(
      'PATCH',
      `/api/proposals/${first.id}`,
      as(s.coord, { revision: 2, title: 'Ändrad' }),
    );
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().detail).toMatch(/Version 1 was sent and does not change. Clone it/);

    const portal = (await t.request('GET', '/api/portal/proposals', as(s.contact))).json();
    expect(portal.proposals.map((p: { id: string }) => p.id)).toEqual([first.id]);
    const pdf = await t.request('GET', `/api/portal/proposals/${first.id}/pdf`, as(s.contact));
    expect(pdfText(pdf.rawPayload)).toContain('90 313,57 kr');
    expect((await t.request('GET', `/api/portal/proposals/${first.id}`, as(otherCustomer))).statusCode).toBe(
      404,
    );

    const noReason = await t.request(
      'POST',
      `/api/portal/proposals/${first.id}/decline`,
      as(s.contact, { reason: '' }),
    );
    expect(noReason.statusCode).toBe(400);
    const declined = await t.request(
      'POST',
      `/api/portal/proposals/${first.id}/decline`,
      as(s.contact, {
        reason: 'För dyrt för 20 deltagare – vi vill vara 12.',
      }),
    );
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      declineReason: 'För dyrt för 20 deltagare – vi vill vara 12.',
      decidedBy: { id: s.contact.id },
    });
    const again = await t.request('POST', `/api/portal/proposals/${first.id}/accept`, as(s.contact));
    expect(again.statusCode).toBe(409);
  });

  it('are cloned into a new version, which the customer accepts while it is valid; older open versions are withdrawn', async () => {
    const clone = await t.request('POST', `/api/proposals/${first.id}/clone`, as(s.coord));
    expect(clone.statusCode, clone.body).toBe(201);
    const second = clone.json();
    expect(second).toMatchObject({ version: 2, status: 'draft', intro: first.intro, priceOre: 9_031_357 });
    await t.request('POST', `/api/proposals/${second.id}/send`, as(s.coord, { revision: 1 }));
    const third = (await t.request('POST', `/api/proposals/${second.id}/clone`, as(s.coord))).json();
    await t.request('POST', `/api/proposals/${third.id}/send`, as(s.coord, { revision: 1 }));

    // version 3 has expired (its validity date is moved into the past)
    await t.db.update(proposal).set({ validUntil: '2020-01-01' }).where(eq(proposal.id, third.id));
    const expired = await t.request('POST', `/api/portal/proposals/${third.id}/accept`, as(s.contact));
    expect(expired.statusCode).toBe(409);
    expect(expired.json().detail).toMatch(/valid until 2020-01-01/);

    const accepted = await t.request('POST', `/api/portal/proposals/${second.id}/accept`, as(s.contact));
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedBy: { id: s.contact.id } });
    const all = (await t.request('GET', `/api/cases/${s.caseId}/proposals`, as(s.coord))).json();
    expect(all.proposals.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
      [3, 'withdrawn'],
      [2, 'accepted'],
      [1, 'declined'],
    ]);
  });

  it('use the HEI’s own texts once it has written them', async () => {
    const url = `/api/organisations/${s.hei}/proposal-templates/en`;
    expect((await t.request('GET', url, as(s.coord))).json()).toMatchObject({ own: false, language: 'en' });
    expect((await t.request('PUT', url, as(s.teacher, { intro: 'x', terms: 'y' }))).statusCode).toBe(403);
    const own = await t.request(
      'PUT',
      url,
      as(s.coord, { intro: 'Dear customer,', terms: 'Our own terms.' }),
    );
    expect(own.json()).toMatchObject({ own: true, intro: 'Dear customer,' });
    const english = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/proposals`,
        as(s.coord, {
          designId,
          language: 'en',
          validUntil: inAYear(),
        }),
      )
    ).json();
    expect(english).toMatchObject({ language: 'en', intro: 'Dear customer,', terms: 'Our own terms.' });
    const text = pdfText(
      (await t.request('GET', `/api/proposals/${english.id}/pdf`, as(s.coord))).rawPayload,
    );
    expect(text).toContain('Proposal: PLC för underhållet');
    expect(text).toContain('SEK 90,313.57');
  });

  it('are not there for other HEIs, other customers or anonymous callers', async () => {
    expect((await t.request('GET', `/api/proposals/${first.id}`, as(s.outsider))).statusCode).toBe(404);
    expect((await t.request('GET', `/api/proposals/${first.id}/pdf`, as(s.outsider))).statusCode).toBe(404);
    expect((await t.request('GET', `/api/cases/${s.caseId}/proposals`, as(s.outsider))).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/organisations/${s.hei}/proposal-templates/sv`, as(s.outsider)))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/portal/proposals/${first.id}/pdf`, as(otherCustomer))).statusCode,
    ).toBe(404);
    expect(
      (await t.request('POST', `/api/portal/proposals/${first.id}/accept`, as(otherCustomer))).statusCode,
    ).toBe(404);
    // HEI staff are not customers
    expect((await t.request('GET', '/api/portal/proposals', as(s.coord))).statusCode).toBe(403);
    expect((await t.request('GET', `/api/proposals/${first.id}`)).statusCode).toBe(401);
  });
});
