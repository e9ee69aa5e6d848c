import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  orgNumber,
  type TestUser,
} from '../support/factories.ts';

let t: TestApp;
let slug: string;
let hei: { id: string };
let otherHei: { id: string };
let coord: TestUser;
let teacher: TestUser;
let manager: TestUser;
let economist: TestUser;
let otherCoord: TestUser;
let ip = 0;

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  slug = alliance.slug;
  hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id, degreeFields: ['52'] });
  otherHei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], {
    name: 'Cecilia Samordnare',
  });
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }], { name: 'Tore Lärare' });
  manager = await createUser(t, [{ organisationId: hei.id, roles: ['manager'] }], { name: 'Maja Chef' });
  economist = await createUser(t, [{ organisationId: hei.id, roles: ['economist'] }]);
  otherCoord = await createUser(t, [{ organisationId: otherHei.id, roles: ['coordinator'] }]);
});
afterAll(() => t.close());

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });

/** An inquiry through the front door, claimed by the coordinator: the usual way a case begins. */
async function claimedCase(overrides: Record<string, unknown> = {}): Promise<string> {
  ip += 1;
  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    remoteAddress: `10.1.0.${ip}`,
    payload: JSON.stringify(inquiryInput(overrides)),
  });
  const { reference } = submitted.json();
  const inbox = (await t.request('GET', `/api/inquiries?view=inbox&q=${reference}`, as(coord))).json().items;
  const inquiry = inbox.find((i: { reference: string }) => i.reference === reference);
  expect((await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, as(coord))).statusCode).toBe(200);
  const list = (await t.request('GET', `/api/cases?q=${encodeURIComponent(reference)}`, as(coord))).json();
  const found = (await t.request('GET', '/api/cases?pageSize=200', as(coord)))
    .json()
    .items.find((c: { reference: string }) => c.reference === reference);
  expect(list).toBeDefined();
  return found.id;
}

async function tickAll(caseId: string, user: TestUser, stage: string) {
  const detail = (await t.request('GET', `/api/cases/${caseId}`, as(user))).json();
  for (const item of detail.checklist.filter(
    (i: { stage: string; required: boolean }) => i.stage === stage && i.required,
  )) {
    expect(
      (await t.request('PUT', `/api/cases/${caseId}/checklist/${item.id}`, as(user, { done: true })))
        .statusCode,
    ).toBe(200);
  }
}

describe('a case carries the work', () => {
  it('is opened when an inquiry is claimed: customer organisation found or created once, default checklist', async () => {
    const caseId = await claimedCase({ organisationName: 'Kund AB', orgNumber: orgNumber() });
    const detail = (await t.request('GET', `/api/cases/${caseId}`, as(teacher))).json();
    expect(detail).toMatchObject({
      stage: 'inquiry',
      customer: { name: 'Kund AB' },
      owner: { name: 'Cecilia Samordnare' },
    });
    expect(detail.reference).toMatch(/^UF-/);
    expect(detail.checklist.filter((i: { stage: string }) => i.stage === 'inquiry')).toHaveLength(2);
    expect(detail.missingForNextStage.map((m: { label: { en: string } }) => m.label.en)).toEqual([
      'Customer contacted',
      'Responsible coordinator appointed',
    ]);
    expect(detail.entries[0]).toMatchObject({ kind: 'system' });
  });

  it('refuses a forward move while required items are undone, naming them; then lets it through', async () => {
    const caseId = await claimedCase();
    const refused = await t.request('POST', `/api/cases/${caseId}/stage`, as(coord, { to: 'qualification' }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'Kontakt tagen med kunden / Customer contacted',
      'Ansvarig samordnare utsedd / Responsible coordinator appointed',
    ]);
    await tickAll(caseId, coord, 'inquiry');
    const moved = await t.request('POST', `/api/cases/${caseId}/stage`, as(coord, { to: 'qualification' }));
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stage).toBe('qualification');
    // Jumping ahead needs the items of every stage passed.
    const jump = await t.request('POST', `/api/cases/${caseId}/stage`, as(coord, { to: 'design' }));
    expect(jump.statusCode).toBe(409);
    expect(jump.json().errors).toHaveLength(5);
    // Going back is always allowed.
    expect(
      (await t.request('POST', `/api/cases/${caseId}/stage`, as(coord, { to: 'inquiry' }))).json().stage,
    ).toBe('inquiry');
  });

  it('only a manager overrides the gate, and the reason is recorded on the timeline and in the audit log', async () => {
    const caseId = await claimedCase();
    const byCoordinator = await t.request(
      'POST',
      `/api/cases/${caseId}/stage`,
      as(coord, { to: 'qualification', overrideReason: 'Kunden har bråttom, vi tar det sen.' }),
    );
    expect(byCoordinator.statusCode).toBe(403);
    const short = await t.request(
      'POST',
      `/api/cases/${caseId}/stage`,
      as(manager, { to: 'qualification', overrideReason: 'nej' }),
    );
    expect(short.statusCode).toBe(400);
    const done = await t.request(
      'POST',
      `/api/cases/${caseId}/stage`,
      as(manager, { to: 'qualification', overrideReason: 'Avtalat i ledningsgruppen 12/11.' }),
    );
    expect(done.statusCode).toBe(200);
    expect(done.json().entries[0]).toMatchObject({
      kind: 'stage',
      author: 'Maja Chef',
      body: { from: 'inquiry', to: 'qualification', overrideReason: 'Avtalat i ledningsgruppen 12/11.' },
    });
    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.subjectId, caseId))
      .orderBy(auditEvent.at);
    expect(audit).toBeDefined();
  });

  it('teachers and economists work on a case but do not move it', async () => {
    const caseId = await claimedCase();
    expect(
      (await t.request('POST', `/api/cases/${caseId}/stage`, as(teacher, { to: 'qualification' })))
        .statusCode,
    ).toBe(403);
    const item = (await t.request('GET', `/api/cases/${caseId}`, as(economist))).json().checklist[0];
    expect(
      (
        await t.request(
          'PUT',
          `/api/cases/${caseId}/checklist/${item.id}`,
          as(economist, { done: true, comment: 'Ringt 3/12' }),
        )
      ).json().checklist[0].done,
    ).toMatchObject({ comment: 'Ringt 3/12' });
  });

  it('closes as lost at any stage with a reason; as won only through every gate', async () => {
    const lost = await claimedCase();
    const closed = await t.request(
      'POST',
      `/api/cases/${lost}/close`,
      as(coord, { outcome: 'lost', reason: 'Kunden valde en annan leverantör.' }),
    );
    expect(closed.json()).toMatchObject({
      stage: 'closed',
      outcome: 'lost',
      outcomeReason: 'Kunden valde en annan leverantör.',
    });
    expect(
      (await t.request('POST', `/api/cases/${lost}/stage`, as(coord, { to: 'inquiry' }))).statusCode,
    ).toBe(409);

    const won = await claimedCase();
    const early = await t.request(
      'POST',
      `/api/cases/${won}/close`,
      as(coord, { outcome: 'won', reason: 'Avtal klart' }),
    );
    expect(early.statusCode).toBe(409);
  });
});

describe('customer dialogue, tasks and search', () => {
  it('records a meeting with the model questions and next steps; its words become searchable', async () => {
    const caseId = await claimedCase({
      needText: 'Behov av utbildning i lean produktion för skiftledare på fabriken.',
    });
    const response = await t.request(
      'POST',
      `/api/cases/${caseId}/entries`,
      as(coord, {
        kind: 'meeting',
        // after the case was opened, so it is the newest entry (a fixed time would fall behind the clock)
        occurredAt: new Date(Date.now() + 60_000).toISOString(),
        title: 'Första behovsmötet',
        participants: 'Sara Ståhl (kund), Cecilia Samordnare',
        agenda: 'Syfte, målgrupp, upplägg',
        notes: 'Kunden vill minska stillestånd; vibrationsanalys nämndes.',
        nextSteps: 'Vi skickar utkast till upplägg.',
        answers: { why: 'Färre stopp i produktionen', what: 'Underhållsteknik', how: 'Halvdistans' },
        internal: false,
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().entries[0]).toMatchObject({
      kind: 'meeting',
      author: 'Cecilia Samordnare',
      internal: false,
      body: { answers: { why: 'Färre stopp i produktionen' } },
    });
    const search = async (q: string) =>
      (await t.request('GET', `/api/cases?q=${encodeURIComponent(q)}`, as(coord)))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await search('vibrationsanalys')).toEqual([caseId]);
    expect(await search('skiftledare')).toContain(caseId);
    expect(await search('production stops')).not.toContain(caseId);
    // the start of a word finds it, as a search box's user types it ("vibrations" for "vibrationsanalys")
    expect(await search('Vibrations')).toEqual([caseId]);
    expect(await search('skiftled fabrik')).toContain(caseId);
    // a word to leave out is read as written, not as a start
    expect(await search('skiftledare -vibrationsanalys')).not.toContain(caseId);
  });

  it('tasks have an assignee from the HEI and a due date; overdue tasks mark the case', async () => {
    const caseId = await claimedCase();
    const foreign = await t.request(
      'POST',
      `/api/cases/${caseId}/tasks`,
      as(coord, { title: 'Boka lokal', assigneeUserId: otherCoord.id }),
    );
    expect(foreign.statusCode).toBe(400);
    const added = await t.request(
      'POST',
      `/api/cases/${caseId}/tasks`,
      as(coord, { title: 'Skicka offert', assigneeUserId: teacher.id, dueOn: '2020-01-10' }),
    );
    expect(added.statusCode).toBe(201);
    const task = added.json().tasks[0];
    expect(task).toMatchObject({
      title: 'Skicka offert',
      assignee: { name: 'Tore Lärare' },
      overdue: true,
      done: false,
    });
    const overdue = (await t.request('GET', '/api/cases?overdue=true', as(coord))).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const done = await t.request(
      'PATCH',
      `/api/cases/${caseId}/tasks/${task.id}`,
      as(teacher, { done: true }),
    );
    expect(done.json().tasks[0]).toMatchObject({ done: true, overdue: false });
  });

  it('lists with filters, sorting and pages, and the board groups open cases by stage', async () => {
    const first = await t.request('GET', '/api/cases?pageSize=2&page=1&sort=created&order=asc', as(manager));
    const second = await t.request('GET', '/api/cases?pageSize=2&page=2&sort=created&order=asc', as(manager));
    expect(first.json().total).toBeGreaterThan(4);
    expect(first.json().items).toHaveLength(2);
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    const board = (await t.request('GET', '/api/cases/board', as(coord))).json();
    expect(board.map((c: { stage: string }) => c.stage)).toEqual([
      'inquiry',
      'qualification',
      'dialogue',
      'design',
      'costing',
      'agreement',
      'delivery',
      'evaluation',
    ]);
    expect(board[0].total).toBe(board[0].cases.length);
    const mine = (await t.request('GET', '/api/cases?owner=me&stage=closed', as(coord))).json();
    expect(mine.items.every((c: { stage: string }) => c.stage === 'closed')).toBe(true);
  });
});

describe("each HEI's own checklist", () => {
  it('an admin adapts it; new cases use it; removed items stay on cases that ticked them', async () => {
    const admin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
    const current = (await t.request('GET', `/api/organisations/${hei.id}/checklist`, as(admin))).json();
    const caseId = await claimedCase();
    const contactItem = current[0];
    await t.request('PUT', `/api/cases/${caseId}/checklist/${contactItem.id}`, as(coord, { done: true }));

    const items = current
      .slice(1)
      .map(({ id, stage, labelSv, labelEn, required }: Record<string, unknown>) => ({
        id,
        stage,
        labelSv,
        labelEn,
        required,
      }));
    items.unshift({
      stage: 'inquiry',
      labelSv: 'Ärendet registrerat i diariet',
      labelEn: 'Case registered in the records',
      required: true,
    });
    const put = await t.request('PUT', `/api/organisations/${hei.id}/checklist`, as(admin, { items }));
    expect(put.statusCode).toBe(200);
    expect(put.json()[0].labelSv).toBe('Ärendet registrerat i diariet');
    expect(put.json().map((i: { id: string }) => i.id)).not.toContain(contactItem.id);

    const detail = (await t.request('GET', `/api/cases/${caseId}`, as(coord))).json();
    expect(detail.checklist.find((i: { id: string }) => i.id === contactItem.id)).toMatchObject({
      required: false,
      done: expect.anything(),
    });
    expect(detail.missingForNextStage.map((m: { label: { sv: string } }) => m.label.sv)).toContain(
      'Ärendet registrerat i diariet',
    );
    expect(
      (await t.request('PUT', `/api/organisations/${hei.id}/checklist`, as(coord, { items }))).statusCode,
    ).toBe(403);
  });
});

describe('isolation', () => {
  it("one HEI never sees another's cases", async () => {
    const caseId = await claimedCase();
    expect((await t.request('GET', `/api/cases/${caseId}`, as(otherCoord))).statusCode).toBe(404);
    expect(
      (
        await t.request(
          'POST',
          `/api/cases/${caseId}/entries`,
          as(otherCoord, { kind: 'note', occurredAt: new Date().toISOString(), title: 'Intrång' }),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.request('GET', '/api/cases', as(otherCoord))).json().items.map((c: { id: string }) => c.id),
    ).not.toContain(caseId);
    const board = (await t.request('GET', '/api/cases/board', as(otherCoord))).json();
    expect(board.flatMap((s: { cases: { id: string }[] }) => s.cases.map((c) => c.id))).not.toContain(caseId);
    expect((await t.request('GET', '/api/cases')).statusCode).toBe(401);
  });

  it('a person with case roles at two HEIs lists one, the other or both; never an HEI where they have none', async () => {
    const here = await claimedCase();
    const thereCase = await claimedCase();
    const inquiryId = (await t.request('GET', `/api/cases/${thereCase}`, as(coord))).json().inquiryId;
    await t.request(
      'POST',
      `/api/inquiries/${inquiryId}/refer`,
      as(coord, { toHeiId: otherHei.id, reason: 'Deras lärare har tid i vår.' }),
    );
    await t.request('POST', `/api/inquiries/${inquiryId}/referral/accept`, as(otherCoord, {}));
    const shared = await createUser(t, [
      { organisationId: hei.id, roles: ['manager'] },
      { organisationId: otherHei.id, roles: ['teacher'] },
    ]);
    const ids = async (user: TestUser, query: string) => {
      const response = await t.request('GET', `/api/cases?pageSize=200${query}`, as(user));
      expect(response.statusCode).toBe(200);
      return response.json().items as { id: string; hei: { id: string; name: string } }[];
    };

    // Without the filter: the active HEI only (whichever of the two is active).
    const active = await ids(shared, '');
    const activeHei = active[0]?.hei.id;
    expect(active.every((c) => c.hei.id === activeHei)).toBe(true);
    expect(active.map((c) => c.id)).toContain(activeHei === hei.id ? here : thereCase);
    const all = await ids(shared, '&hei=all');
    expect(all.find((c) => c.id === here)?.hei.id).toBe(hei.id);
    expect(all.find((c) => c.id === thereCase)?.hei.id).toBe(otherHei.id);
    const other = await ids(shared, `&hei=${otherHei.id}`);
    expect(other.map((c) => c.id)).toEqual(expect.arrayContaining([thereCase]));
    expect(other.every((c) => c.hei.id === otherHei.id)).toBe(true);

    // The other HEI's coordinator has no role at ours: asking for it by id reveals nothing.
    const refused = await t.request('GET', `/api/cases?hei=${hei.id}`, as(otherCoord));
    expect(refused.statusCode).toBe(404);
    expect((await ids(otherCoord, '&hei=all')).every((c) => c.hei.id === otherHei.id)).toBe(true);
  });

  it('a referred inquiry hands its case over to the HEI that accepts', async () => {
    const caseId = await claimedCase();
    const inquiryId = (await t.request('GET', `/api/cases/${caseId}`, as(coord))).json().inquiryId;
    await t.request(
      'POST',
      `/api/inquiries/${inquiryId}/refer`,
      as(coord, { toHeiId: otherHei.id, reason: 'De har rätt lärare.' }),
    );
    await t.request('POST', `/api/inquiries/${inquiryId}/referral/accept`, as(otherCoord, {}));
    expect((await t.request('GET', `/api/cases/${caseId}`, as(otherCoord))).statusCode).toBe(200);
    expect((await t.request('GET', `/api/cases/${caseId}`, as(coord))).statusCode).toBe(404);
  });
});

describe('dialogue guides', () => {
  it("start as the model's why/what/how and follow-up; an admin adapts them; meetings answer any guide's questions", async () => {
    const admin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
    const guides = (
      await t.request('GET', `/api/organisations/${hei.id}/dialogue-templates`, as(teacher))
    ).json();
    expect(guides.map((g: { questions: { key: string }[] }) => g.questions.map((q) => q.key))).toEqual([
      ['why', 'what', 'how'],
      ['reaction', 'learning', 'behaviour', 'results'],
    ]);
    const templates = [
      ...guides.map(({ id, name, questions }: Record<string, unknown>) => ({ id, name, questions })),
      {
        name: 'Avstämning under kursen',
        questions: [{ key: 'pace', sv: 'Hur fungerar tempot?', en: 'How is the pace?' }],
      },
    ];
    const duplicate = await t.request('PUT', `/api/organisations/${hei.id}/dialogue-templates`, {
      cookie: admin.cookie,
      body: {
        templates: [
          {
            name: 'Dubbel',
            questions: [
              { key: 'a', sv: 'Fråga A', en: 'Question A' },
              { key: 'a', sv: 'Fråga B', en: 'Question B' },
            ],
          },
        ],
      },
    });
    expect(duplicate.statusCode).toBe(400);
    const saved = await t.request('PUT', `/api/organisations/${hei.id}/dialogue-templates`, {
      cookie: admin.cookie,
      body: { templates },
    });
    expect(saved.json().map((g: { name: string }) => g.name)).toContain('Avstämning under kursen');
    expect(
      (
        await t.request('PUT', `/api/organisations/${hei.id}/dialogue-templates`, {
          cookie: coord.cookie,
          body: { templates },
        })
      ).statusCode,
    ).toBe(403);

    const caseId = await claimedCase();
    const pace = saved.json().find((g: { name: string }) => g.name === 'Avstämning under kursen');
    const entry = await t.request('POST', `/api/cases/${caseId}/entries`, {
      cookie: coord.cookie,
      body: {
        kind: 'meeting',
        occurredAt: new Date().toISOString(),
        title: 'Avstämning',
        templateId: pace.id,
        answers: { pace: 'Lagom, men mer praktik önskas' },
      },
    });
    expect(entry.json().entries[0].body).toMatchObject({
      templateId: pace.id,
      answers: { pace: 'Lagom, men mer praktik önskas' },
    });
  });
});
