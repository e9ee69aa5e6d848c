import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChecklist } from '../../src/features/cases/stages.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// Checkpoints backed by evidence: what Lupp itself records (a design approved, a proposal sent, an agreement
// signed by both…) ticks the case's checkpoint that names it, by the person whose act it was, so a ticked
// "Avtal undertecknat" on a case worked in Lupp points at a signed agreement. A tick by hand (for what was
// done outside Lupp) still counts and is kept.

type Item = {
  id: string;
  label: { sv: string };
  evidence: string | null;
  done: { by: string | null; comment: string | null; evidence: string | null } | null;
};

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;

const checklist = async () =>
  (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().checklist as Item[];
const itemFor = async (evidence: string) => {
  const found = (await checklist()).find((i) => i.evidence === evidence);
  if (!found) throw new Error(`no checkpoint is ticked by ${evidence}`);
  return found;
};

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
});
afterAll(() => t.close());

describe('checkpoints ticked by evidence', () => {
  it('are ticked when Lupp records their evidence, by whoever did it; a tick by hand is kept', async () => {
    expect(await itemFor('proposal_sent')).toMatchObject({ label: { sv: 'Offert skickad' }, done: null });
    // the participants' list came by post before the portal was used: ticked by hand, with a comment
    const participants = await itemFor('participants_designated');
    const byHand = await t.request(
      'PUT',
      `/api/cases/${s.caseId}/checklist/${participants.id}`,
      s.as(s.coord, { done: true, comment: 'Listan kom per post.' }),
    );
    expect(byHand.statusCode, byHand.body).toBe(200);

    const { proposalId } = await exampleProposal(t, s, 'accepted');
    expect((await itemFor('design_approved')).done).toMatchObject({
      by: s.manager.name,
      evidence: 'design_approved',
      comment: null,
    });
    expect((await itemFor('calculation_approved')).done).toMatchObject({
      by: s.economist.name,
      evidence: 'calculation_approved',
    });
    expect((await itemFor('proposal_sent')).done).toMatchObject({
      by: s.coord.name,
      evidence: 'proposal_sent',
    });
    expect((await itemFor('agreement_signed')).done).toBeNull();

    // signed by both: the customer's contact signed last
    const agreementId = await signedAgreement(t, s, proposalId);
    expect((await itemFor('agreement_signed')).done).toMatchObject({
      by: s.contact.name,
      evidence: 'agreement_signed',
    });
    const added = await t.request(
      'POST',
      `/api/portal/agreements/${agreementId}/participants`,
      s.as(s.contact, {
        firstName: 'Anna',
        lastName: 'Andersson',
        email: 'anna@stalverket.example',
        personnummer: '19850312-1231',
        creditEligible: true,
      }),
    );
    expect(added.statusCode, added.body).toBe(200);
    expect((await itemFor('participants_designated')).done).toMatchObject({
      by: s.coord.name,
      comment: 'Listan kom per post.',
      evidence: null,
    });

    // evidence does not lock a checkpoint: whoever works on the case may still untick it
    const proposalSent = await itemFor('proposal_sent');
    const untick = await t.request(
      'PUT',
      `/api/cases/${s.caseId}/checklist/${proposalSent.id}`,
      s.as(s.coord, { done: false }),
    );
    expect(untick.statusCode).toBe(200);
    expect((await itemFor('proposal_sent')).done).toBeNull();
  });

  it("are chosen by the HEI's admin; left out, an item keeps its evidence; null makes it by hand only", async () => {
    const url = `/api/organisations/${s.hei}/checklist`;
    const current = (await t.request('GET', url, s.as(admin))).json() as {
      id: string;
      labelSv: string;
      evidence: string | null;
    }[];
    // the development model's defaults name the evidence Lupp has of them
    expect(current.filter((i) => i.evidence).map((i) => [i.labelSv, i.evidence])).toEqual(
      defaultChecklist.filter((i) => i.evidence).map((i) => [i.sv, i.evidence]),
    );
    const items = current.map(({ id, evidence, ...rest }) => {
      const { stage, labelEn, required } = rest as unknown as {
        stage: string;
        labelEn: string;
        required: boolean;
      };
      const base = { id, stage, labelSv: rest.labelSv, labelEn, required };
      if (rest.labelSv === 'Offert skickad') return { ...base, evidence: null };
      if (evidence === 'agreement_signed') return base; // left out: kept
      return { ...base, evidence };
    });
    items.push({
      stage: 'agreement',
      labelSv: 'Avtalet diariefört',
      labelEn: 'Agreement registered in the records',
      required: false,
      evidence: 'agreement_signed',
    } as (typeof items)[number]);
    const put = await t.request('PUT', url, s.as(admin, { items }));
    expect(put.statusCode, put.body).toBe(200);
    const saved = put.json() as { labelSv: string; evidence: string | null }[];
    expect(saved.find((i) => i.labelSv === 'Offert skickad')?.evidence).toBeNull();
    expect(saved.filter((i) => i.evidence === 'agreement_signed').map((i) => i.labelSv)).toEqual([
      'Avtal undertecknat av båda parter',
      'Avtalet diariefört',
    ]);
    const bad = await t.request('PUT', url, s.as(admin, { items: [{ ...items[0], evidence: 'magic' }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.items.0.evidence' });
  });
});

describe('migration 0051', () => {
  it('names the evidence of the default checkpoints in the checklists HEIs already have, not of renamed ones', async () => {
    const hei = await createOrganisation(t, { kind: 'hei' });
    const heiAdmin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
    const url = `/api/organisations/${hei.id}/checklist`;
    expect((await t.request('GET', url, s.as(heiAdmin))).statusCode).toBe(200);
    // as before the migration: no evidence; and one default item renamed by the HEI
    await t.db.execute(sql`update checklist_item set evidence = null where hei_id = ${hei.id}`);
    await t.db.execute(
      sql`update checklist_item set label_sv = 'Offert skickad och diarieförd' where hei_id = ${hei.id} and label_sv = 'Offert skickad'`,
    );
    const [, , ...statements] = readFileSync('src/db/migrations/0051_checklist_evidence.sql', 'utf8').split(
      '--> statement-breakpoint',
    );
    for (const statement of statements) await t.db.execute(sql.raw(statement));
    const after = (await t.request('GET', url, s.as(heiAdmin))).json() as {
      labelSv: string;
      evidence: string | null;
    }[];
    expect(after.filter((i) => i.evidence).map((i) => [i.labelSv, i.evidence])).toEqual(
      defaultChecklist
        // "Fakturerat" is named by migration 0052 (agreements-invoiced.test.ts)
        .filter((i) => i.evidence && i.evidence !== 'invoiced' && i.sv !== 'Offert skickad')
        .map((i) => [i.sv, i.evidence]),
    );
  });
});
