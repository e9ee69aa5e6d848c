import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp } from '../support/commercial.ts';
import type { TestUser } from '../support/factories.ts';

// Högskolan has degree-awarding powers in SUN 52 (engineering) and the demo cost configuration; a case
// from the front door, and a catalogue course on PLC programming to build a design from.
let t: TestApp;
let coord: TestUser;
let teacher: TestUser;
let economist: TestUser;
let manager: TestUser;
let outsider: TestUser;
let contact: TestUser;
let hei: string;
let caseId: string;
let courseId: string;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });

beforeAll(async () => {
  t = await createTestApp();
  ({ coord, teacher, economist, manager, outsider, contact, hei, caseId, courseId } =
    await commercialSetUp(t));
});
afterAll(() => t.close());

describe('course design on a case', () => {
  let design: { id: string; revision: number };

  it('is built from catalogue courses: each a module with its outcomes and credits', async () => {
    const created = await t.request(
      'POST',
      `/api/cases/${caseId}/designs`,
      as(coord, {
        title: 'PLC för underhållet på Stålverket',
        fromCourseIds: [courseId],
        participants: 12,
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    design = created.json();
    expect(created.json()).toMatchObject({
      caseId,
      status: 'draft',
      revision: 1,
      awards: 'credits',
      credits: 7.5,
      sunField: '52',
      participants: 12,
      modules: [
        {
          courseId,
          title: 'PLC-programmering för underhållstekniker',
          credits: 7.5,
          outcomes: [
            { text: 'läsa och felsöka ett PLC-program', needIds: [] },
            { text: 'göra säkra ändringar', needIds: [] },
          ],
        },
      ],
    });
    // no teachers yet: shown, not blocking (the case has no needs analysis, so no outcome can be linked to one)
    expect(
      created.json().checks.map((c: { rule: string; blocking: boolean }) => [c.rule, c.blocking]),
    ).toEqual([['no_teachers', false]]);
    const list = (await t.request('GET', `/api/cases/${caseId}/designs`, as(teacher))).json();
    expect(list.designs.map((d: { id: string }) => d.id)).toEqual([design.id]);
  });

  it('is approved by the study director, and a change takes the approval back', async () => {
    const teachers = [
      { name: 'Lektor i automation', category: 'lecturer', teachingHours: 40, developmentHours: 20 },
      { name: 'Professor i reglerteknik', category: 'professor', teachingHours: 8 },
    ];
    const changed = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(teacher, {
        revision: 1,
        teachers,
        participants: 20,
        costs: { trips: 4, otherDirect: [], deliveredByOthers: [] },
      }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ revision: 2, participants: 20 });

    const byCoordinator = await t.request(
      'POST',
      `/api/designs/${design.id}/approve`,
      as(coord, { revision: 2 }),
    );
    expect(byCoordinator.statusCode).toBe(403);
    const approved = await t.request(
      'POST',
      `/api/designs/${design.id}/approve`,
      as(manager, { revision: 2 }),
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: { id: manager.id } });

    const after = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, {
        revision: 2,
        examination: 'Praktisk uppgift i labbet',
      }),
    );
    expect(after.json()).toMatchObject({ status: 'draft', revision: 3, approvedBy: null });
    design = after.json();
  });

  it('refuses credits outside the HEI’s degree-awarding powers; a certificate is allowed', async () => {
    const outside = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, { revision: 3, sunField: '72' }),
    );
    expect(outside.json().checks[0]).toMatchObject({ rule: 'degree_powers', blocking: true });
    const refused = await t.request(
      'POST',
      `/api/designs/${design.id}/approve`,
      as(manager, { revision: 4 }),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/no degree-awarding powers in SUN 72/);
    const certificate = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, {
        revision: 4,
        awards: 'certificate',
        credits: null,
      }),
    );
    expect(certificate.json().checks.some((c: { blocking: boolean }) => c.blocking)).toBe(false);
    const back = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, {
        revision: 5,
        awards: 'credits',
        credits: 7.5,
        sunField: '52',
      }),
    );
    design = back.json();
    expect(design.revision).toBe(6);
  });

  it('refuses the second of two people saving the same revision, keeping the first change', async () => {
    const first = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, { revision: 6, schedule: 'Fyra heldagar' }),
    );
    expect(first.statusCode).toBe(200);
    const second = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(teacher, { revision: 6, schedule: 'Åtta halvdagar' }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'edit_conflict',
      changedBy: coord.name,
      changedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const kept = (await t.request('GET', `/api/designs/${design.id}`, as(teacher))).json();
    expect(kept).toMatchObject({ schedule: 'Fyra heldagar', revision: 7 });
    design = kept;
  });

  it('is calculated in versions; an economist approves; a change of the design voids them', async () => {
    const byTeacher = await t.request('POST', `/api/designs/${design.id}/calculations`, as(teacher));
    expect(byTeacher.statusCode).toBe(403);
    const calculated = await t.request('POST', `/api/designs/${design.id}/calculations`, as(coord));
    expect(calculated.statusCode, calculated.body).toBe(201);
    const calc = calculated.json();
    // the worked example A of calculation.test.ts: 40 + 8 h teaching, 20 h development, 4 trips, 20 participants
    expect(calc).toMatchObject({ version: 1, designRevision: 7, status: 'draft' });
    expect(calc.result.totalCostOre).toBe(9_031_357);
    expect(calc.result.pricePerParticipantOre).toBe(451_600);
    expect(calc.result.sensitivity.map((s: { participants: number }) => s.participants)).toEqual([12, 25]);

    expect(
      (await t.request('POST', `/api/designs/${design.id}/calculations/${calc.id}/approve`, as(coord)))
        .statusCode,
    ).toBe(403);
    const approved = await t.request(
      'POST',
      `/api/designs/${design.id}/calculations/${calc.id}/approve`,
      as(economist),
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: { id: economist.id } });

    // one more participant: the approved calculation is void, and cannot be approved again
    await t.request('PATCH', `/api/designs/${design.id}`, as(coord, { revision: 7, participants: 21 }));
    const list = (await t.request('GET', `/api/designs/${design.id}/calculations`, as(manager))).json();
    expect(list.calculations.map((c: { version: number; status: string }) => [c.version, c.status])).toEqual([
      [1, 'void'],
    ]);
    const stale = await t.request(
      'POST',
      `/api/designs/${design.id}/calculations/${calc.id}/approve`,
      as(economist),
    );
    expect(stale.statusCode).toBe(409);
    const again = (await t.request('POST', `/api/designs/${design.id}/calculations`, as(economist))).json();
    expect(again).toMatchObject({ version: 2, designRevision: 8, status: 'draft' });
    expect(again.result.participants).toBe(21);
  });

  it('gives calculations made at the same moment a version each (a double click, two people)', async () => {
    const answers = await Promise.all(
      [coord, economist, coord].map((who) =>
        t.request('POST', `/api/designs/${design.id}/calculations`, as(who)),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    const versions = answers.map((a) => a.json().version as number).sort();
    expect(versions).toEqual([3, 4, 5]);
    const list = (await t.request('GET', `/api/designs/${design.id}/calculations`, as(coord))).json();
    expect(list.calculations.map((c: { version: number }) => c.version)).toEqual([5, 4, 3, 2, 1]);
  });

  it('names a teacher whose staff category the cost configuration does not have', async () => {
    const current = (await t.request('GET', `/api/designs/${design.id}`, as(coord))).json();
    await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, {
        revision: current.revision,
        teachers: [...current.teachers, { name: 'Gästföreläsare', category: 'guest', teachingHours: 2 }],
      }),
    );
    const refused = await t.request('POST', `/api/designs/${design.id}/calculations`, as(coord));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        field: 'teachers.2.category',
        message: '"guest" is not a staff category of cost configuration version 1',
      },
    ]);
  });

  it('refuses an end before the start, also when only one of the two is changed', async () => {
    design = (await t.request('GET', `/api/designs/${design.id}`, as(coord))).json();
    const dated = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, { revision: design.revision, startDate: '2027-03-10', endDate: '2027-05-20' }),
    );
    expect(dated.statusCode, dated.body).toBe(200);
    const backwards = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, { revision: design.revision + 1, endDate: '2027-02-01' }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      { field: 'body.endDate', message: 'must be on or after the start date' },
    ]);
    const kept = (await t.request('GET', `/api/designs/${design.id}`, as(coord))).json();
    expect(kept).toMatchObject({
      startDate: '2027-03-10',
      endDate: '2027-05-20',
      revision: design.revision + 1,
    });
    design = kept;
  });

  it('is not there for other HEIs, customers or anonymous callers', async () => {
    expect((await t.request('GET', `/api/designs/${design.id}`, as(outsider))).statusCode).toBe(404);
    expect((await t.request('GET', `/api/cases/${caseId}/designs`, as(outsider))).statusCode).toBe(404);
    expect(
      (await t.request('POST', `/api/designs/${design.id}/approve`, as(outsider, { revision: 1 })))
        .statusCode,
    ).toBe(404);
    expect((await t.request('POST', `/api/designs/${design.id}/calculations`, as(outsider))).statusCode).toBe(
      404,
    );
    expect((await t.request('GET', `/api/designs/${design.id}`)).statusCode).toBe(401);
    // a course of another consortium cannot be built from
    const foreign = await t.request(
      'POST',
      `/api/cases/${caseId}/designs`,
      as(coord, {
        title: 'Främmande',
        fromCourseIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    );
    expect(foreign.statusCode).toBe(404);
  });
});

describe('what a design points at', () => {
  it('must be needs of the case, people of the HEI and other HEIs of the consortium; nothing is saved otherwise', async () => {
    const design = (
      await t.request(
        'POST',
        `/api/cases/${caseId}/designs`,
        as(coord, { title: 'Referenser', fromCourseIds: [courseId], participants: 10 }),
      )
    ).json();
    const analysis = (
      await t.request(
        'POST',
        '/api/analyses',
        as(coord, { caseId, title: 'Behov', strategy: '', drivers: [] }),
      )
    ).json();
    const withNeed = await t.request(
      'POST',
      `/api/analyses/${analysis.id}/needs`,
      as(coord, {
        conceptId: null,
        freeText: 'Felsöka PLC-program',
        requiredLevel: 4,
        currentLevel: 1,
        importance: 3,
        people: 10,
        horizon: 'now',
      }),
    );
    expect(withNeed.statusCode, withNeed.body).toBe(201);
    const needId: string = withNeed.json().needs[0].id;
    // now there is a need to link to, an outcome linked to none is pointed out (not blocking)
    expect(
      (await t.request('GET', `/api/designs/${design.id}`, as(coord)))
        .json()
        .checks.map((c: { rule: string; blocking: boolean }) => [c.rule, c.blocking]),
    ).toContainEqual(['outcome_without_need', false]);
    // and so is a need that no outcome of the case's designs answers, by name
    const unanswered = async (designId: string) =>
      (await t.request('GET', `/api/designs/${designId}`, as(coord)))
        .json()
        .checks.find((c: { rule: string }) => c.rule === 'need_without_outcome');
    expect(await unanswered(design.id)).toEqual({
      rule: 'need_without_outcome',
      blocking: false,
      reason: {
        sv: 'Ett behov i behovsanalysen besvaras inte av något lärandemål i ärendets kursupplägg: "Felsöka PLC-program".',
        en: 'A need of the needs analysis is not answered by any learning outcome of the case\'s designs: "Felsöka PLC-program".',
      },
    });
    const sibling = (await t.request('GET', `/api/cases/${caseId}/designs`, as(coord)))
      .json()
      .designs.find((d: { id: string }) => d.id !== design.id);
    expect(await unanswered(sibling.id)).toBeDefined();
    const elsewhere = '00000000-0000-4000-8000-000000000000';
    const module = { ...design.modules[0], outcomes: [{ text: 'Felsöka', needIds: [needId, elsewhere] }] };
    const { heis } = (await t.request('GET', '/api/consortium', as(coord))).json();
    const own = (await t.request('GET', `/api/cases/${caseId}`, as(coord))).json().hei.id;
    const otherHei = heis.find((h: { id: string }) => h.id !== own);
    const bad = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, {
        revision: 1,
        modules: [module],
        teachers: [{ name: 'Fel person', userId: outsider.id, category: 'lecturer', teachingHours: 4 }],
        costs: {
          trips: 0,
          otherDirect: [],
          deliveredByOthers: [{ hei: 'Okända högskolan', directOre: 100_000, indirectCostBp: 4_000 }],
        },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'body.modules.0.outcomes.0.needIds.1', message: "not a need of this case's needs analyses" },
      { field: 'body.teachers.0.userId', message: 'not a member of the HEI' },
      { field: 'body.costs.deliveredByOthers.0.hei', message: 'not another HEI of the consortium' },
    ]);
    expect((await t.request('GET', `/api/designs/${design.id}`, as(coord))).json().revision).toBe(1);

    const good = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(coord, {
        revision: 1,
        modules: [{ ...module, outcomes: [{ text: 'Felsöka', needIds: [needId] }] }],
        teachers: [{ name: 'Lärare', userId: teacher.id, category: 'lecturer', teachingHours: 4 }],
        costs: {
          trips: 0,
          otherDirect: [],
          deliveredByOthers: [{ hei: otherHei.name, directOre: 100_000, indirectCostBp: 4_000 }],
        },
      }),
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().revision).toBe(2);
    // answered by this design: no design of the case is told of it any longer
    expect(good.json().checks.map((c: { rule: string }) => c.rule)).not.toContain('need_without_outcome');
    expect(await unanswered(sibling.id)).toBeUndefined();
  });
});

describe('a design set aside', () => {
  const designs = async () =>
    (await t.request('GET', `/api/cases/${caseId}/designs`, as(coord))).json().designs as {
      id: string;
      title: string;
      status: string;
      checks: { rule: string }[];
    }[];
  const withdraw = (id: string, user = coord, reason = 'Kunden valde distansalternativet') =>
    t.request('POST', `/api/designs/${id}/withdraw`, as(user, { reason }));
  const restore = (id: string, user = coord) => t.request('POST', `/api/designs/${id}/restore`, as(user));

  it('is kept read-only with who set it aside and why, answers no need of the case any more, and can be taken back', async () => {
    const answering = (await designs()).find((d) => d.title === 'Referenser');
    const other = (await designs()).find((d) => d.title !== 'Referenser');
    if (!answering || !other) throw new Error('the designs of "what a design points at" are missing');
    expect(other.checks.map((c) => c.rule)).not.toContain('need_without_outcome');

    const response = await withdraw(answering.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'withdrawn',
      withdrawn: { by: { id: coord.id, name: coord.name }, reason: 'Kunden valde distansalternativet' },
    });
    // its outcomes no longer hide the need from the other design's advice
    expect((await designs()).find((d) => d.id === other.id)?.checks.map((c) => c.rule)).toContain(
      'need_without_outcome',
    );
    // the case's timeline and the audit log say so
    const entries = (await t.request('GET', `/api/cases/${caseId}`, as(coord))).json().entries;
    expect(entries[0]).toMatchObject({
      kind: 'system',
      body: { event: 'design_withdrawn', design: 'Referenser', reason: 'Kunden valde distansalternativet' },
    });
    const audited = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'design.withdrawn'), eq(auditEvent.subjectId, answering.id)));
    expect(audited.map((a) => a.data)).toEqual([
      { reason: 'Kunden valde distansalternativet', before: 'draft' },
    ]);

    // kept as it was: not changed, approved or calculated until taken back
    const revision = response.json().revision;
    for (const [method, path, user, body] of [
      ['PATCH', `/api/designs/${answering.id}`, coord, { revision, title: 'Ändrad' }],
      ['POST', `/api/designs/${answering.id}/approve`, manager, { revision }],
      ['POST', `/api/designs/${answering.id}/calculations`, economist, undefined],
    ] as const) {
      const refused = await t.request(method, path, as(user, body));
      expect(refused.statusCode, `${method} ${path}`).toBe(409);
      expect(refused.json().code).toBe('design_withdrawn');
    }
    expect((await withdraw(answering.id)).json().code).toBe('design_withdrawn');
    expect((await t.request('GET', `/api/designs/${answering.id}`, as(coord))).json().title).toBe(
      'Referenser',
    );

    // the study director reads but does not set aside; others do not see it; the reason is required
    expect((await withdraw(other.id, manager)).statusCode).toBe(403);
    expect((await withdraw(other.id, outsider)).statusCode).toBe(404);
    expect((await withdraw(other.id, contact)).statusCode).toBe(403);
    const noReason = await withdraw(other.id, coord, ' ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.reason');
    expect((await restore(answering.id, manager)).statusCode).toBe(403);

    const back = await restore(answering.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'draft', withdrawn: null, revision });
    expect((await designs()).find((d) => d.id === other.id)?.checks.map((c) => c.rule)).not.toContain(
      'need_without_outcome',
    );
    expect((await restore(answering.id)).statusCode).toBe(409);
    expect((await t.request('GET', `/api/cases/${caseId}`, as(coord))).json().entries[0].body).toEqual({
      event: 'design_restored',
      design: 'Referenser',
    });
  });

  it("is refused while a proposal offers it; its drafts go with it; it leaves the teachers' commitments and comes back approved", async () => {
    const year = new Date().getUTCFullYear() + 1;
    const made = (
      await t.request(
        'POST',
        `/api/cases/${caseId}/designs`,
        as(coord, { title: 'Alternativ på campus', fromCourseIds: [courseId], participants: 16 }),
      )
    ).json();
    const edited = await t.request(
      'PATCH',
      `/api/designs/${made.id}`,
      as(coord, {
        revision: 1,
        endDate: `${year}-06-30`,
        teachers: [
          {
            name: 'Lärare',
            userId: teacher.id,
            category: 'lecturer',
            teachingHours: 30,
            developmentHours: 10,
          },
        ],
      }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(
      (await t.request('POST', `/api/designs/${made.id}/approve`, as(manager, { revision: 2 }))).statusCode,
    ).toBe(200);
    const calc = (await t.request('POST', `/api/designs/${made.id}/calculations`, as(coord))).json();
    await t.request('POST', `/api/designs/${made.id}/calculations/${calc.id}/approve`, as(economist));
    const propose = async () => {
      const created = await t.request(
        'POST',
        `/api/cases/${caseId}/proposals`,
        as(coord, { designId: made.id, validUntil: `${year}-03-31` }),
      );
      expect(created.statusCode, created.body).toBe(201);
      return created.json() as { id: string; version: number };
    };
    const commitments = async () =>
      (await t.request('GET', `/api/organisations/${hei}/staff/${teacher.id}`, as(manager))).json()
        .commitments.courses as { designId: string }[];
    expect((await commitments()).map((c) => c.designId)).toContain(made.id);

    // sent and valid: the customer may still accept it, so the design stays
    const sent = await propose();
    expect(
      (await t.request('POST', `/api/proposals/${sent.id}/send`, as(coord, { revision: 1 }))).statusCode,
    ).toBe(200);
    const refused = await withdraw(made.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('design_in_proposal');
    expect(refused.json().detail).toContain(`version ${sent.version} is sent and valid until ${year}-03-31`);
    expect((await t.request('GET', `/api/designs/${made.id}`, as(coord))).json().status).toBe('approved');

    // declined: nothing offers it any more; an unsent draft goes with it
    expect(
      (
        await t.request(
          'POST',
          `/api/portal/proposals/${sent.id}/decline`,
          as(contact, { reason: 'För dyrt' }),
        )
      ).statusCode,
    ).toBe(200);
    const draft = await propose();
    const aside = await withdraw(made.id);
    expect(aside.statusCode, aside.body).toBe(200);
    const proposal = (id: string) =>
      t.request('GET', `/api/proposals/${id}`, as(coord)).then((r) => r.json().status as string);
    expect(await proposal(draft.id)).toBe('withdrawn');
    expect(await proposal(sent.id)).toBe('declined');
    expect((await commitments()).map((c) => c.designId)).not.toContain(made.id);
    // no new proposal offers a design set aside
    const offered = await t.request(
      'POST',
      `/api/cases/${caseId}/proposals`,
      as(coord, { designId: made.id, validUntil: `${year}-03-31` }),
    );
    expect(offered.statusCode).toBe(409);
    expect(offered.json().code).toBe('design_withdrawn');

    // taken back as it was approved: approved again, its approved calculation still stands
    const back = await restore(made.id);
    expect(back.json()).toMatchObject({ status: 'approved', approvedBy: { id: manager.id } });
    expect((await commitments()).map((c) => c.designId)).toContain(made.id);
    expect(
      (
        await t.request(
          'POST',
          `/api/cases/${caseId}/proposals`,
          as(coord, { designId: made.id, validUntil: `${year}-03-31` }),
        )
      ).statusCode,
    ).toBe(201);
  });
});
