import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp } from '../support/commercial.ts';

// A case's review (återblick): the people who worked on it write down what worked, what to do differently and
// what it may lead to; the HEI's later cases with the same customer show it, so the next coordinator starts
// from what was learned. HEI staff only; never another HEI's.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let laterCaseId: string;
let otherCustomersCaseId: string;

const review = {
  wentWell: 'Behovsdialogen med skiftlagen gav en kurs som passade deras schema.',
  toImprove: 'Kalkylen underskattade förberedelsetiden för labbet.',
  followOn: 'En fördjupningskurs i felsökning kan bli en kurs i katalogen.',
};

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const [customer] = await t.db.select().from(organisation).where(eq(organisation.id, s.customerId));
  const newCase = async (customerName: string, customerOrgNumber: string) => {
    const created = await t.request(
      'POST',
      '/api/cases',
      s.as(s.coord, {
        title: 'Fördjupning i felsökning',
        customerName,
        customerOrgNumber,
        sector: 'private',
        needText: 'Underhållet vill gå vidare med felsökning av PLC-styrda linjer.',
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  };
  laterCaseId = await newCase(customer?.name ?? '', customer?.orgNumber ?? '');
  otherCustomersCaseId = await newCase('Annat Bolag AB', '5560360793');
});
afterAll(() => t.close());

const url = (caseId: string) => `/api/cases/${caseId}/review`;

describe("a case's review", () => {
  it('is empty until someone writes it; an empty first save is refused', async () => {
    const empty = await t.request('GET', url(s.caseId), s.as(s.coord));
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ review: null, earlier: [] });
    const refused = await t.request(
      'PUT',
      url(s.caseId),
      s.as(s.coord, { wentWell: ' ', toImprove: '', followOn: '' }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'body' });
    const tooLong = await t.request(
      'PUT',
      url(s.caseId),
      s.as(s.coord, { ...review, wentWell: 'x'.repeat(4001) }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body.wentWell');
  });

  it("is written by the case's workers, with who saved it, and audited", async () => {
    const saved = await t.request('PUT', url(s.caseId), s.as(s.coord, review));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().review).toMatchObject({ ...review, revision: 1, updatedBy: expect.any(String) });
    expect(saved.json().review.updatedBy).toBeTruthy();
    const [audit] = await t.db.select().from(auditEvent).where(eq(auditEvent.action, 'case.reviewed'));
    expect(audit).toMatchObject({ subjectType: 'case', subjectId: s.caseId, organisationId: s.hei });
    // the teacher on the case adds to it, on the revision read
    const added = await t.request(
      'PUT',
      url(s.caseId),
      s.as(s.teacher, { ...review, toImprove: `${review.toImprove} Boka labbet tidigare.`, revision: 1 }),
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().review.revision).toBe(2);
  });

  it("refuses a save from an older copy: a colleague's text is not overwritten", async () => {
    const stale = await t.request('PUT', url(s.caseId), s.as(s.coord, { ...review, revision: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('edit_conflict');
    const noRevision = await t.request('PUT', url(s.caseId), s.as(s.coord, review));
    expect(noRevision.statusCode).toBe(409);
    const kept = (await t.request('GET', url(s.caseId), s.as(s.coord))).json().review;
    expect(kept.toImprove).toContain('Boka labbet tidigare.');
  });

  it("shows on the HEI's later cases with the same customer, not on another customer's", async () => {
    const later = (await t.request('GET', url(laterCaseId), s.as(s.coord))).json();
    expect(later.review).toBeNull();
    expect(later.earlier).toHaveLength(1);
    expect(later.earlier[0]).toMatchObject({
      caseId: s.caseId,
      wentWell: review.wentWell,
      followOn: review.followOn,
      revision: 2,
    });
    expect(later.earlier[0].reference).toMatch(/^\S+$/);
    const other = (await t.request('GET', url(otherCustomersCaseId), s.as(s.coord))).json();
    expect(other.earlier).toEqual([]);
  });

  it('is read by everyone at the HEI who reads the case; written only by its workers; hidden from others', async () => {
    expect((await t.request('GET', url(s.caseId), s.as(s.manager))).statusCode).toBe(200);
    expect((await t.request('GET', url(s.caseId), s.as(s.economist))).statusCode).toBe(200);
    expect(
      (await t.request('PUT', url(s.caseId), s.as(s.manager, { ...review, revision: 2 }))).statusCode,
    ).toBe(403);
    // another HEI of the consortium does not learn the case exists
    expect((await t.request('GET', url(s.caseId), s.as(s.outsider))).statusCode).toBe(404);
    expect(
      (await t.request('PUT', url(s.caseId), s.as(s.outsider, { ...review, revision: 2 }))).statusCode,
    ).toBe(404);
    // the customer never sees the HEI's own review
    expect((await t.request('GET', url(s.caseId), s.as(s.contact))).statusCode).toBe(403);
    expect((await t.request('GET', url(s.caseId))).statusCode).toBe(401);
  });
});
