import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { courseDesign } from '../../src/features/design/design.table.ts';
import { taxonomyConcept, taxonomyRelation } from '../../src/features/taxonomy/taxonomy.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

// Staff profiles, finding teachers by expertise, and the merit record of collaboration, on the commercial
// set-up (an HEI with a claimed case, its staff by role, another HEI's outsider). Four teachers know about
// welding in different ways; a small taxonomy has "Metallbearbetning" as the group above "Svetsteknik".

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
let anna: TestUser; // welding and PLC, available, high interest
let bo: TestUser; // welding, unavailable, low interest
let cecilia: TestUser; // metalworking (the group above welding)
let david: TestUser; // welding, available, some interest; teaches in English
const concept: Record<'welding' | 'plc' | 'metal' | 'lean', string> = {
  welding: '',
  plc: '',
  metal: '',
  lean: '',
};

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const staffUrl = (userId = '') => `/api/organisations/${s.hei}/staff${userId ? `/${userId}` : ''}`;
const profile = (overrides: Record<string, unknown> = {}) => ({
  department: 'Institutionen för teknik',
  languages: ['sv'],
  availability: 'available',
  hoursPerYear: 100,
  interest: 'some',
  bio: 'Lektor i materialteknik.',
  expertise: [concept.welding],
  ...overrides,
});
const save = (by: TestUser, userId: string, body: unknown) =>
  t.request('PUT', staffUrl(userId), as(by, body));
const search = (by: TestUser, body: unknown, hei = s.hei) =>
  t.request('POST', `/api/organisations/${hei}/staff/search`, as(by, body));

/** The files of a ZIP archive (a DOCX is one), read with zlib alone. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, 'no end of central directory: not a ZIP').toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The text of a DOCX's body: the runs of word/document.xml, one paragraph a line. */
const docxText = (docx: Buffer) =>
  (unzip(docx).get('word/document.xml')?.toString('utf8') ?? '')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

const auditOf = async (action: string) =>
  (await t.request('GET', `/api/organisations/${s.hei}/audit?action=${action}`, as(admin))).json().items;

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const staff = (name: string) => createUser(t, [{ organisationId: s.hei, roles: ['teacher'] }], { name });
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }], { name: 'Astrid Admin' });
  anna = await staff('Anna Andersson');
  bo = await staff('Bo Berg');
  cecilia = await staff('Cecilia Carlsson');
  david = await staff('David Dahl');
  const rows = await t.db
    .insert(taxonomyConcept)
    .values(
      [
        ['welding', 'skill', 'Svetsteknik', 'Welding technology'],
        ['plc', 'skill', 'PLC-programmering', 'PLC programming'],
        ['metal', 'skill-group', 'Metallbearbetning', 'Metalworking'],
        ['lean', 'skill', 'Lean produktion', 'Lean production'],
      ].map(([key, type, sv, en]) => ({
        source: 'demo' as const,
        externalId: `staff-test-${key}`,
        type: type ?? 'skill',
        labelSv: sv,
        labelEn: en,
        version: '1',
      })),
    )
    .returning();
  for (const [i, key] of (['welding', 'plc', 'metal', 'lean'] as const).entries())
    concept[key] = rows[i]?.id ?? '';
  await t.db.insert(taxonomyRelation).values({ broaderId: concept.metal, narrowerId: concept.welding });
});
afterAll(() => t.close());

describe('staff profiles', () => {
  it('start empty; each person fills in their own', async () => {
    const empty = await t.request('GET', staffUrl(anna.id), as(anna));
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({
      userId: anna.id,
      name: 'Anna Andersson',
      exists: false,
      expertise: [],
      availability: 'limited',
      interest: 'some',
      canEdit: true,
      canSeeMerits: true,
      updatedAt: null,
    });

    const saved = await save(
      anna,
      anna.id,
      profile({
        expertise: [concept.welding, concept.plc, concept.welding],
        languages: ['sv', 'EN'],
        interest: 'high',
        hoursPerYear: 150,
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      exists: true,
      department: 'Institutionen för teknik',
      languages: ['sv', 'en'],
      availability: 'available',
      hoursPerYear: 150,
      interest: 'high',
      bio: 'Lektor i materialteknik.',
      expertise: [
        { id: concept.plc, label: { sv: 'PLC-programmering', en: 'PLC programming' } },
        { id: concept.welding, label: { sv: 'Svetsteknik', en: 'Welding technology' } },
      ],
    });
    expect(saved.json().updatedAt).toEqual(expect.any(String));

    expect(
      (await save(bo, bo.id, profile({ availability: 'unavailable', interest: 'low' }))).statusCode,
    ).toBe(200);
    expect((await save(cecilia, cecilia.id, profile({ expertise: [concept.metal] }))).statusCode).toBe(200);
    expect((await save(david, david.id, profile({ languages: ['en'], hoursPerYear: 40 }))).statusCode).toBe(
      200,
    );
    // the person's own changes are theirs: no audit event
    expect(await auditOf('staff_profile.changed_by_admin')).toEqual([]);
  });

  it('refuses bad values, naming each field', async () => {
    const bad = await save(
      anna,
      anna.id,
      profile({
        languages: ['svenska', 'sv', 'sv'],
        availability: 'ibland',
        hoursPerYear: 3000,
        interest: 'huge',
        bio: 'x'.repeat(2001),
        expertise: ['not-a-uuid'],
        favouriteColour: 'blå',
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    for (const field of [
      'body.languages.0',
      'body.availability',
      'body.hoursPerYear',
      'body.interest',
      'body.bio',
      'body.expertise.0',
    ])
      expect(fields).toContain(field);
    expect(
      bad
        .json()
        .errors.map((e: { message: string }) => e.message)
        .join(' '),
    ).toMatch(/favouriteColour/);

    const twice = await save(anna, anna.id, profile({ languages: ['sv', 'sv'] }));
    expect(twice.json().errors).toEqual([{ field: 'body.languages.1', message: '"sv" is there twice' }]);

    const unknown = await save(
      anna,
      anna.id,
      profile({ expertise: [concept.welding, '00000000-0000-4000-8000-000000000000'] }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body.expertise.1', message: 'is not a concept of the taxonomies' },
    ]);
    // nothing of it was saved
    expect((await t.request('GET', staffUrl(anna.id), as(anna))).json()).toMatchObject({
      hoursPerYear: 150,
      interest: 'high',
    });
  });

  it("are read by the HEI's coordinators, managers and admins; only the person and admins change them", async () => {
    for (const reader of [s.coord, s.manager, admin]) {
      const read = await t.request('GET', staffUrl(anna.id), as(reader));
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({ name: 'Anna Andersson', canEdit: reader === admin });
    }
    expect((await t.request('GET', staffUrl(anna.id), as(s.manager))).json().canSeeMerits).toBe(true);
    expect((await t.request('GET', staffUrl(anna.id), as(s.coord))).json().canSeeMerits).toBe(false);
    // colleagues without such a role may not
    for (const colleague of [s.teacher, s.economist, bo])
      expect((await t.request('GET', staffUrl(anna.id), as(colleague))).statusCode).toBe(403);
    for (const writer of [s.coord, s.manager, bo])
      expect((await save(writer, anna.id, profile())).statusCode).toBe(403);

    const list = await t.request('GET', staffUrl(), as(s.coord));
    expect(list.statusCode).toBe(200);
    const names = list.json().staff.map((p: { name: string; exists: boolean }) => [p.name, p.exists]);
    expect(names).toContainEqual(['Anna Andersson', true]);
    expect(names).toContainEqual(['Astrid Admin', false]);
    expect((await t.request('GET', staffUrl(), as(s.teacher))).statusCode).toBe(403);

    // a person who is not a member of the HEI has no profile here
    expect((await t.request('GET', staffUrl(s.outsider.id), as(admin))).statusCode).toBe(404);
    expect((await save(admin, s.outsider.id, profile())).statusCode).toBe(404);
  });

  it("an admin's change of someone else's profile is audited, naming the fields changed", async () => {
    const changed = await save(
      admin,
      bo.id,
      profile({ availability: 'limited', interest: 'low', expertise: [concept.welding, concept.lean] }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().expertise.map((c: { id: string }) => c.id)).toContain(concept.lean);
    const events = await auditOf('staff_profile.changed_by_admin');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'Astrid Admin',
      subjectType: 'user',
      subjectId: bo.id,
      data: { name: 'Bo Berg', created: false, changed: ['availability', 'expertise'] },
    });
    // Bo is unavailable again (for the ranking below)
    await save(
      bo,
      bo.id,
      profile({ availability: 'unavailable', interest: 'low', expertise: [concept.welding, concept.lean] }),
    );
  });
});

describe('finding teachers', () => {
  it('ranks by matching expertise, then availability and interest; related concepts count half', async () => {
    const found = await search(s.coord, { conceptIds: [concept.welding, concept.plc] });
    expect(found.statusCode, found.body).toBe(200);
    const ranked = found
      .json()
      .results.map((r: { profile: { name: string }; score: number }) => [r.profile.name, r.score]);
    expect(ranked).toEqual([
      ['Anna Andersson', 2],
      ['David Dahl', 1], // available, some interest
      ['Bo Berg', 1], // unavailable, low interest
      ['Cecilia Carlsson', 0.5], // metalworking, the group above welding
    ]);
    const cecilias = found.json().results[3];
    expect(cecilias.matches).toEqual([
      {
        concept: expect.objectContaining({ id: concept.welding }),
        via: 'broader',
        expertise: expect.objectContaining({
          id: concept.metal,
          label: { sv: 'Metallbearbetning', en: 'Metalworking' },
        }),
      },
    ]);
    expect(found.json().concepts.map((c: { id: string; fromNeeds: boolean }) => [c.id, c.fromNeeds])).toEqual(
      [
        [concept.welding, false],
        [concept.plc, false],
      ],
    );

    // from the group: those who know welding are one step narrower
    const byGroup = await search(s.coord, { conceptIds: [concept.metal] });
    expect(byGroup.json().results.map((r: { profile: { name: string } }) => r.profile.name)).toEqual([
      'Cecilia Carlsson',
      'Anna Andersson',
      'David Dahl',
      'Bo Berg',
    ]);
    expect(byGroup.json().results[1].matches[0].via).toBe('narrower');

    // exact matches only; and only those who teach in English
    const exact = await search(s.manager, { conceptIds: [concept.welding], related: false });
    expect(exact.json().results).toHaveLength(3);
    const english = await search(admin, { conceptIds: [concept.welding], language: 'en' });
    expect(english.json().results.map((r: { profile: { name: string } }) => r.profile.name)).toEqual([
      'Anna Andersson',
      'David Dahl',
    ]);
  });

  it('refuses a search without concepts or with unknown ones, and teachers and economists', async () => {
    const none = await search(s.coord, { conceptIds: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual([
      { field: 'body.conceptIds', message: 'choose at least one concept, or a design' },
    ]);
    const unknown = await search(s.coord, { conceptIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('body.conceptIds.0');
    for (const user of [s.teacher, s.economist, anna])
      expect((await search(user, { conceptIds: [concept.welding] })).statusCode).toBe(403);
  });

  it("starts from a design's needs and marks who already teaches it", async () => {
    const analysis = (
      await t.request(
        'POST',
        '/api/analyses',
        as(s.coord, { caseId: s.caseId, title: 'Behov i underhållet', strategy: '', drivers: [] }),
      )
    ).json();
    const withNeeds = await t.request(
      'POST',
      `/api/analyses/${analysis.id}/needs`,
      as(s.coord, {
        conceptId: concept.plc,
        requiredLevel: 4,
        currentLevel: 1,
        importance: 3,
        people: 10,
        horizon: 'now',
      }),
    );
    expect(withNeeds.statusCode, withNeeds.body).toBe(201);
    await t.request(
      'POST',
      `/api/analyses/${analysis.id}/needs`,
      as(s.coord, {
        conceptId: concept.lean,
        requiredLevel: 3,
        currentLevel: 1,
        importance: 2,
        people: 10,
        horizon: '1y',
      }),
    );
    const plcNeed = (await t.request('GET', `/api/analyses/${analysis.id}`, as(s.coord)))
      .json()
      .needs.find((n: { concept: { id: string } | null }) => n.concept?.id === concept.plc);
    const design = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/designs`,
        as(s.coord, { title: 'Automation i underhållet' }),
      )
    ).json();

    // no outcome is linked to a need: every need of the case's analysis counts
    const fromCase = await search(s.coord, { designId: design.id });
    expect(fromCase.statusCode, fromCase.body).toBe(200);
    expect(fromCase.json().design).toMatchObject({ id: design.id, title: 'Automation i underhållet' });
    expect(
      fromCase
        .json()
        .concepts.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([concept.plc, concept.lean].sort());
    expect(fromCase.json().results.map((r: { profile: { name: string } }) => r.profile.name)).toEqual([
      'Anna Andersson', // PLC
      'Bo Berg', // lean
    ]);

    // an outcome answers the PLC need: that need's concept, with Anna as a teacher of the design already
    const linked = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(s.coord, {
        revision: design.revision,
        modules: [
          {
            key: 'm1',
            title: 'PLC',
            outcomes: [{ text: 'felsöka ett PLC-program', needIds: [plcNeed.id] }],
          },
        ],
        teachers: [{ name: 'Anna Andersson', userId: anna.id, category: 'lecturer', teachingHours: 10 }],
      }),
    );
    expect(linked.statusCode, linked.body).toBe(200);
    const fromDesign = (await search(s.coord, { designId: design.id, conceptIds: [concept.welding] })).json();
    expect(fromDesign.concepts.map((c: { id: string; fromNeeds: boolean }) => [c.id, c.fromNeeds])).toEqual([
      [concept.welding, false],
      [concept.plc, true],
    ]);
    expect(fromDesign.design.teacherUserIds).toEqual([anna.id]);
    expect(fromDesign.results[0]).toMatchObject({
      profile: { name: 'Anna Andersson' },
      score: 2,
      alreadyTeacher: true,
    });
    expect(fromDesign.results[1]).toMatchObject({ alreadyTeacher: false });

    // another HEI's coordinator cannot search with it, nor search this HEI
    expect((await search(s.outsider, { designId: design.id })).statusCode).toBe(404);
    const otherHei = (await t.request('GET', '/api/me', as(s.outsider))).json().memberships[0].tenant.id;
    expect((await search(s.outsider, { designId: design.id }, otherHei)).statusCode).toBe(404);
  });
});

describe('the merit record of collaboration', () => {
  let designId = '';
  const meritUrl = (userId: string, suffix = '') => `${staffUrl(userId)}/merit${suffix}`;

  it('lists the courses a person teaches once the study director has approved the design, with hours', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const design = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/designs`,
        as(s.coord, { title: 'PLC för underhållet', fromCourseIds: [s.courseId], participants: 20 }),
      )
    ).json();
    designId = design.id;
    const planned = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(s.coord, {
        revision: 1,
        startDate: `${year}-02-01`,
        endDate: `${year}-05-31`,
        teachers: [
          {
            name: 'Anna Andersson',
            userId: anna.id,
            category: 'lecturer',
            teachingHours: 40,
            developmentHours: 20,
          },
          { name: 'Professor i reglerteknik', category: 'professor', teachingHours: 8 },
        ],
        costs: { trips: 4, otherDirect: [], deliveredByOthers: [] },
      }),
    );
    expect(planned.statusCode, planned.body).toBe(200);

    // while being planned it is listed, not counted
    const draft = (await t.request('GET', meritUrl(anna.id), as(anna))).json();
    const draftCourse = draft.courses.find((c: { designId: string }) => c.designId === design.id);
    expect(draftCourse).toMatchObject({ approved: false, counted: false, teachingHours: 40 });

    expect(
      (await t.request('POST', `/api/designs/${design.id}/approve`, as(s.manager, { revision: 2 })))
        .statusCode,
    ).toBe(200);
    const merit = await t.request('GET', meritUrl(anna.id), as(anna));
    expect(merit.statusCode, merit.body).toBe(200);
    const record = merit.json();
    expect(record).toMatchObject({
      person: { userId: anna.id, name: 'Anna Andersson', email: anna.email },
      hei: { id: s.hei },
      department: 'Institutionen för teknik',
      evaluations: [],
    });
    const course = record.courses.find((c: { designId: string }) => c.designId === design.id);
    expect(course).toMatchObject({
      title: 'PLC för underhållet',
      case: { id: s.caseId, customer: 'Stålverket i Norrvik AB' },
      awards: 'credits',
      credits: 7.5,
      startDate: `${year}-02-01`,
      teachingHours: 40,
      developmentHours: 20,
      approved: true,
      agreement: 'none',
      counted: true,
    });
    expect(course.approvedAt).toEqual(expect.any(String));
    // the other design (a draft where Anna teaches 10 h) is listed but not counted
    expect(record.courses).toHaveLength(2);
    expect(record.totals).toMatchObject({ courses: 1, teachingHours: 40, developmentHours: 20, hours: 60 });
  });

  it("shows on the staff pages what a person has taken on: approved courses' hours and the sessions ahead", async () => {
    const commitments = async (reader: TestUser) =>
      (await t.request('GET', staffUrl(anna.id), as(reader))).json().commitments;
    const reference = (await t.request('GET', `/api/cases/${s.caseId}`, as(s.coord))).json().reference;
    const year = new Date().getUTCFullYear() + 1;
    // the approved design counts (40 h teaching, 20 h development); the draft where she teaches 10 h does not
    const taken = {
      plannedHours: 60,
      scheduledHours: 0,
      courses: [
        {
          designId,
          caseId: s.caseId,
          reference,
          title: 'PLC för underhållet',
          endDate: `${year}-05-31`,
          teachingHours: 40,
          developmentHours: 20,
        },
      ],
    };
    expect(await commitments(anna)).toEqual(taken);
    // a morning she teaches next week, by the name the design gives her; a called-off one does not count
    const session = (day: string) =>
      t.request(
        'POST',
        `/api/cases/${s.caseId}/sessions`,
        as(s.coord, { designId, day, startsAt: '09:00', endsAt: '12:30', teacher: 'Anna Andersson' }),
      );
    const today = stockholmDate(new Date());
    expect((await session(addDays(today, 7))).statusCode).toBe(201);
    const off = (await session(addDays(today, 8))).json();
    await t.request('POST', `/api/sessions/${off.id}/cancel`, as(s.coord, { notifyParticipants: false }));
    // the whole list, as coordinators and managers read it to see who has room for more
    const listed = (await t.request('GET', staffUrl(), as(s.manager))).json().staff;
    expect(listed.find((p: { userId: string }) => p.userId === anna.id).commitments).toEqual({
      ...taken,
      scheduledHours: 3.5,
    });
    expect(listed.find((p: { userId: string }) => p.userId === s.coord.id).commitments).toEqual({
      plannedHours: 0,
      scheduledHours: 0,
      courses: [],
    });
    // a case lost is a commitment no more
    const [before] = await t.db.select().from(caseFile).where(eq(caseFile.id, s.caseId));
    await t.db.update(caseFile).set({ stage: 'closed', outcome: 'lost' }).where(eq(caseFile.id, s.caseId));
    const lost = await commitments(s.coord);
    await t.db
      .update(caseFile)
      .set({ stage: before?.stage, outcome: before?.outcome ?? null })
      .where(eq(caseFile.id, s.caseId));
    expect(lost).toEqual({ plannedHours: 0, scheduledHours: 3.5, courses: [] });
    expect(await commitments(anna)).toEqual({ ...taken, scheduledHours: 3.5 });

    // finding teachers: of two who are otherwise alike, the one with more hours left comes first
    const erik = await createUser(t, [{ organisationId: s.hei, roles: ['teacher'] }], { name: 'Erik Ek' });
    const fia = await createUser(t, [{ organisationId: s.hei, roles: ['teacher'] }], { name: 'Fia Fors' });
    for (const person of [erik, fia])
      expect((await save(person, person.id, profile({ expertise: [concept.lean] }))).statusCode).toBe(200);
    const order = async () =>
      (await search(s.coord, { conceptIds: [concept.lean] }))
        .json()
        .results.map((r: { profile: { name: string } }) => r.profile.name);
    // (Bo, who has lean production too, is unavailable and comes last)
    expect(await order()).toEqual(['Erik Ek', 'Fia Fors', 'Bo Berg']);
    const [design] = await t.db.select().from(courseDesign).where(eq(courseDesign.id, designId));
    const teachers = design?.teachers ?? [];
    const erikTeaches = {
      name: 'Erik Ek',
      userId: erik.id,
      category: 'lecturer',
      teachingHours: 80,
      developmentHours: 0,
    };
    await t.db
      .update(courseDesign)
      .set({ teachers: [...teachers, erikTeaches] })
      .where(eq(courseDesign.id, designId));
    const ranked = await order();
    await t.db.update(courseDesign).set({ teachers }).where(eq(courseDesign.id, designId));
    expect(ranked).toEqual(['Fia Fors', 'Erik Ek', 'Bo Berg']);
  });

  it('shows the signed agreement, and the dialogues a person led', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const calc = (await t.request('POST', `/api/designs/${designId}/calculations`, as(s.coord))).json();
    await t.request('POST', `/api/designs/${designId}/calculations/${calc.id}/approve`, as(s.economist));
    const proposal = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/proposals`,
        as(s.coord, { designId, validUntil: `${year}-06-30` }),
      )
    ).json();
    await t.request('POST', `/api/proposals/${proposal.id}/send`, as(s.coord, { revision: 1 }));
    await t.request('POST', `/api/portal/proposals/${proposal.id}/accept`, as(s.contact));
    const agreement = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/agreements`,
        as(s.coord, { proposalId: proposal.id, participantsDeadline: `${year}-01-15` }),
      )
    ).json();
    await t.request('POST', `/api/agreements/${agreement.id}/sign`, as(s.manager, { revision: 1 }));
    const signed = await t.request(
      'POST',
      `/api/portal/agreements/${agreement.id}/sign`,
      as(s.contact, { revision: 1 }),
    );
    expect(signed.json().status).toBe('signed');

    // Anna records a meeting on the case's timeline
    const meeting = await t.request(
      'POST',
      `/api/cases/${s.caseId}/entries`,
      as(anna, {
        kind: 'meeting',
        occurredAt: '2026-11-03T09:00:00+01:00',
        title: 'Genomgång av PLC-miljön hos kunden',
        internal: true,
      }),
    );
    expect(meeting.statusCode, meeting.body).toBe(201);

    const record = (await t.request('GET', meritUrl(anna.id), as(anna))).json();
    expect(record.courses.find((c: { designId: string }) => c.designId === designId)).toMatchObject({
      agreement: 'signed',
      agreementSignedAt: expect.any(String),
      counted: true,
    });
    expect(record.dialogues.meetings).toEqual([
      {
        case: expect.objectContaining({ id: s.caseId, customer: 'Stålverket i Norrvik AB' }),
        title: 'Genomgång av PLC-miljön hos kunden',
        occurredAt: '2026-11-03T08:00:00.000Z',
      },
    ]);
    expect(record.totals).toMatchObject({ meetings: 1, casesOwned: 0 });

    // the coordinator who claimed the inquiry owns the case
    const coordinators = (await t.request('GET', meritUrl(s.coord.id), as(s.coord))).json();
    expect(coordinators.dialogues.casesOwned).toEqual([
      expect.objectContaining({ id: s.caseId, customer: 'Stålverket i Norrvik AB', stage: 'inquiry' }),
    ]);
    expect(coordinators.courses).toEqual([]);
  });

  it("is the person's own, or any staff member's for admins and managers", async () => {
    expect((await t.request('GET', meritUrl(anna.id), as(s.manager))).statusCode).toBe(200);
    expect((await t.request('GET', meritUrl(anna.id), as(admin))).statusCode).toBe(200);
    for (const user of [s.coord, s.teacher, s.economist, bo])
      expect((await t.request('GET', meritUrl(anna.id), as(user))).statusCode).toBe(403);
    for (const format of ['.docx', '.pdf'])
      expect((await t.request('GET', meritUrl(anna.id, format), as(s.coord))).statusCode).toBe(403);
  });

  it("is exported as a Word document in the reader's language, with the person and the course", async () => {
    const response = await t.request('GET', meritUrl(anna.id, '.docx'), as(anna));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Meritförteckning samverkan - Anna Andersson.docx')}`,
    );
    const text = docxText(response.rawPayload);
    expect(text).toContain('Meritförteckning: samverkan och uppdragsutbildning');
    expect(text).toContain('Anna Andersson');
    expect(text).toContain('PLC för underhållet (7,5 hp)');
    expect(text).toContain('Stålverket i Norrvik AB');
    expect(text).toMatch(/Avtal undertecknat/);
    expect(text).toContain('Planerade timmar: 60 (undervisning 40, utveckling 20)');
    expect(text).toContain('Genomgång av PLC-miljön hos kunden');
    expect(text).toContain('Inga utvärderingar med resultat ännu');
    // her own export is not an audit event
    expect(await auditOf('staff_merit_record.exported')).toEqual([]);

    const english = await t.request('GET', meritUrl(anna.id, '.docx?language=en'), as(anna));
    const englishText = docxText(english.rawPayload);
    expect(english.headers['content-language']).toBe('en');
    expect(englishText).toContain('Record of collaboration merits: contract education');
    expect(englishText).toContain('PLC för underhållet (7.5 credits)');
    expect(englishText).toContain('No evaluations with results yet');
  });

  it("is exported as a PDF; a manager's export of someone else's is audited", async () => {
    const response = await t.request('GET', meritUrl(anna.id, '.pdf'), as(s.manager));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // pdfmake may break a line after a hyphen; the words are the same
    const text = pdfText(response.rawPayload).replace(/-\t/g, '-').replace(/\s+/g, ' ');
    expect(text).toContain('Anna Andersson');
    expect(text).toContain('PLC för underhållet');
    expect(text).toContain('Meritförteckning: samverkan och uppdragsutbildning');

    const events = await auditOf('staff_merit_record.exported');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: s.manager.name,
      subjectType: 'user',
      subjectId: anna.id,
      data: { name: 'Anna Andersson', format: 'pdf', language: 'sv' },
    });
  });
});

describe('isolation', () => {
  it('other HEIs and customers get 404 for everything of the HEI; anonymous 401', async () => {
    const customer = await createUser(t, [{ organisationId: s.customerId, roles: ['customer_contact'] }]);
    const otherHeiAdmin = await createUser(t, [
      { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['admin', 'manager'] },
    ]);
    const urls: ['GET' | 'PUT' | 'POST', string, unknown?][] = [
      ['GET', staffUrl()],
      ['GET', staffUrl(anna.id)],
      ['PUT', staffUrl(anna.id), profile()],
      ['POST', `${staffUrl()}/search`, { conceptIds: [concept.welding] }],
      ['GET', `${staffUrl(anna.id)}/merit`],
      ['GET', `${staffUrl(anna.id)}/merit.docx`],
      ['GET', `${staffUrl(anna.id)}/merit.pdf`],
    ];
    for (const [method, url, body] of urls) {
      for (const user of [s.outsider, otherHeiAdmin, customer]) {
        const response = await t.request(method, url, as(user, body));
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.json().code).toBe('not_found');
      }
      expect((await t.request(method, url, { body })).statusCode).toBe(401);
    }
    // the person's own profile at another HEI is not this one
    expect((await t.request('GET', staffUrl(s.outsider.id), as(s.outsider))).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/organisations/${s.customerId}/staff/${customer.id}`, as(customer)))
        .statusCode,
    ).toBe(404);
  });
});
