import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authUser } from '../../src/features/auth/auth.table.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import {
  approveCalculation,
  approveDesign,
  calculateDesign,
  createDesign,
  updateDesign,
} from '../../src/features/design/design.service.ts';
import {
  cloneProposal,
  createProposal,
  sendProposal,
} from '../../src/features/proposals/proposals.service.ts';
import type { Role } from '../../src/features/tenancy/tenancy.contract.ts';
import { type Actor, listMemberships } from '../../src/features/tenancy/tenancy.service.ts';
import { membership, organisation } from '../../src/features/tenancy/tenancy.table.ts';
import {
  expectHeading,
  expectNoAxeViolations,
  type Lupp,
  launchBrowser,
  newPage,
  signIn,
  startLupp,
} from './support/lupp.ts';

// Sara at Stålverket i Norrvik AB answers Högskolan i Norrvik's proposal for the welding course in the
// customer portal: she declines the first version with a reason and accepts the second. The HEI side
// (design, approvals, calculation, proposal) is done through the same use cases the staff's pages call.

let lupp: Lupp;
let browser: Browser;
let caseId = '';
let norrvik = '';
let first = '';
let second = '';
const CASE_TITLE = 'Svetsteknik för höga temperaturer';

/** A demo user working as Högskolan i Norrvik, with `roles` there added when they are not. */
async function staff(email: string, roles: Role[]): Promise<Actor> {
  const db = lupp.database.db;
  const [user] = await db.select().from(authUser).where(eq(authUser.email, email));
  if (!user) throw new Error(email);
  let memberships = await listMemberships(db, user.id);
  if (!memberships.some((m) => m.tenant.id === norrvik)) {
    await db.insert(membership).values({ userId: user.id, organisationId: norrvik, roles });
    memberships = await listMemberships(db, user.id);
  }
  const active = memberships.find((m) => m.tenant.id === norrvik);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: 'sv',
    sessionId: 'test',
    activeMembershipId: active?.id ?? null,
    memberships,
  };
}

beforeAll(async () => {
  [lupp, browser] = await Promise.all([startLupp(), launchBrowser()]);
  const db = lupp.database.db;
  norrvik =
    (await db.select().from(organisation).where(eq(organisation.name, 'Högskolan i Norrvik')))[0]?.id ?? '';
  caseId =
    (
      await db
        .select()
        .from(caseFile)
        .where(and(eq(caseFile.heiId, norrvik), eq(caseFile.title, CASE_TITLE)))
    )[0]?.id ?? '';
  const karin = await staff('karin.koordinator@mittland.example', ['coordinator']);
  const maria = await staff('maria.chef@mittland.example', ['manager']);
  const eva = await staff('eva.ekonom@mittland.example', ['economist']);

  const design = await createDesign(db, karin, caseId, {
    title: 'Svetsning av värmebeständiga stål',
    fromCourseIds: [],
    language: 'sv',
    format: 'blended',
    participants: 20,
  });
  const ready = await updateDesign(db, karin, design.id, {
    revision: design.revision,
    awards: 'certificate',
    credits: null,
    teachers: [
      {
        name: 'Lektor i svetsteknik',
        userId: null,
        category: 'lecturer',
        teachingHours: 40,
        developmentHours: 20,
      },
      {
        name: 'Professor i materialteknik',
        userId: null,
        category: 'professor',
        teachingHours: 8,
        developmentHours: 0,
      },
    ],
    costs: { trips: 4, otherDirect: [], deliveredByOthers: [] },
  });
  await approveDesign(db, maria, design.id, { revision: ready.revision });
  const calculation = await calculateDesign(db, karin, design.id);
  await approveCalculation(db, eva, design.id, calculation.id);
  const validUntil = `${new Date().getUTCFullYear() + 1}-03-31`;
  const draft = await createProposal(db, karin, caseId, { designId: design.id, language: 'sv', validUntil });
  first = (await sendProposal(db, karin, draft.id, { revision: draft.revision })).id;
  // the second version is made now, and sent after Sara's answer to the first
  second = (await cloneProposal(db, karin, first)).id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await lupp?.close();
});

describe('proposals in the customer portal', () => {
  it('the customer reads the proposal and declines it with a reason', async () => {
    const { context, page, errors } = await newPage(browser, lupp);
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto(`/portal/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    const proposals = page.getByRole('region', { name: 'Offerter' });
    const card = proposals.getByRole('article', { name: 'Svetsning av värmebeständiga stål (version 1)' });
    await card.getByText('Väntar på ert svar').waitFor();
    expect((await card.getByTestId('proposal-price').textContent())?.replace(/\u00a0/g, ' ')).toBe(
      'Pris 90 313,57 kr för 20 deltagare (4 516 kr per deltagare)',
    );
    const pdf = card.getByRole('link', { name: 'Offerten som pdf: Svetsning av värmebeständiga stål' });
    const response = await page.request.get((await pdf.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: 'Avböj' }).click();
    await card.getByRole('button', { name: 'Avböj offerten' }).click();
    await card.getByText('Skriv varför, med minst tre tecken.').waitFor();
    await card
      .getByRole('textbox', { name: 'Varför avböjer ni?' })
      .fill('Vi vill hellre vara tolv deltagare.');
    await expectNoAxeViolations(page);
    await card.getByRole('button', { name: 'Avböj offerten' }).click();
    await card.getByText('Avböjd', { exact: true }).waitFor();
    await card.getByText('Ert svar: Vi vill hellre vara tolv deltagare.').waitFor();
    expect(await card.getByRole('button', { name: 'Acceptera offerten' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the customer accepts the next version', async () => {
    const karin = await staff('karin.koordinator@mittland.example', ['coordinator']);
    await sendProposal(lupp.database.db, karin, second, { revision: 1 });
    const { context, page, errors } = await newPage(browser, lupp);
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto(`/portal/cases/${caseId}`);
    const card = page
      .getByRole('region', { name: 'Offerter' })
      .getByRole('article', { name: 'Svetsning av värmebeständiga stål (version 2)' });
    await card.getByRole('button', { name: 'Acceptera offerten' }).click();
    await page.getByText('Offerten är accepterad. Lärosätet återkommer med avtalet.').waitFor();
    await card.getByText('Accepterad', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
