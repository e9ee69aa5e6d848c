import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { remindParticipants, spelledOut } from '../../src/features/delivery/delivery.reminders.ts';
import { courseSession } from '../../src/features/delivery/delivery.table.ts';
import { courseDesign } from '../../src/features/design/design.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { notification } from '../../src/features/notifications/notifications.table.ts';
import { membership } from '../../src/features/tenancy/tenancy.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';
import { createOrganisation, createUser } from '../support/factories.ts';

// Delivery: the HEI schedules the sessions of a course it gives and records who attended each; each
// participant's attendance adds up; the customer sees the schedule, and the attendance once the HEI shares it.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let designId: string;
let anna: string;
let bo: string;
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  // the lecturer is one of the HEI's teachers with an account: the sessions they teach are on their overview
  const example = await exampleProposal(t, s, 'accepted', {
    teachers: [
      {
        name: 'Lektor i automation',
        userId: s.teacher.id,
        category: 'lecturer',
        teachingHours: 40,
        developmentHours: 20,
      },
      { name: 'Professor i reglerteknik', category: 'professor', teachingHours: 8 },
    ],
  });
  designId = example.designId;
  const agreementId = await signedAgreement(t, s, example.proposalId);
  for (const [firstName, personnummer, email] of [
    ['Anna', '19850312-1231', 'anna@stalverket.example'],
    ['Bo', '19780501-0050', null],
  ] as const)
    await t.request(
      'POST',
      `/api/portal/agreements/${agreementId}/participants`,
      s.as(s.contact, { firstName, lastName: 'Test', personnummer, email, creditEligible: true }),
    );
  const delivery = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json();
  [anna, bo] = delivery.designs[0].participants.map((p: { participantId: string }) => p.participantId);
});
afterAll(() => t.close());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

/** The events of an iCalendar text, with their times as UTC instants (so the zone rules are checked too). */
function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      zone: event.startDate.zone?.tzid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
}

/** The SEQUENCE of one event: a calendar that imported the file before takes a higher one as a change. */
const sequenceOf = (ics: string, uid: string) =>
  new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((component) => new ICAL.Event(component))
    .find((event) => event.uid === uid)?.sequence;

const session = (body: object) => ({
  designId,
  day: `${year}-02-03`,
  startsAt: '09:00',
  endsAt: '16:00',
  place: 'Svetslabbet, hus B',
  topic: 'Introduktion',
  ...body,
});

/** Schedules sessions of the case's course on the day, by the coordinator; each returns its id. */
const schedulerOn = (day: string) => async (body: object) => {
  const made = await t.request(
    'POST',
    `/api/cases/${s.caseId}/sessions`,
    s.as(s.coord, session({ day, ...body })),
  );
  expect(made.statusCode, made.body).toBe(201);
  return made.json().id as string;
};

/** Another course like the case's (a copy of its case and design, written directly) at an HEI: its case and design. */
async function copyOfTheCourse(heiId: string, reference: string) {
  const [theCase] = await t.db.select().from(caseFile).where(eq(caseFile.id, s.caseId));
  const [design] = await t.db.select().from(courseDesign).where(eq(courseDesign.id, designId));
  if (!theCase || !design) throw new Error('the set-up has a case and a design');
  const [caseId, copy] = [randomUUID(), randomUUID()];
  await t.db
    .insert(caseFile)
    .values({ ...theCase, id: caseId, heiId, inquiryId: null, reference, registryNumber: null });
  await t.db.insert(courseDesign).values({ ...design, id: copy, caseId, heiId, title: `Kurs ${reference}` });
  return { caseId, designId: copy };
}

/** A session of the case's course as a clash shows it: by id and time, with the course named. */
const clashingSessionOfTheCourse =
  (day: string, reference: string) => (sessionId: string, startsAt: string, endsAt: string) => ({
    sessionId,
    day,
    startsAt,
    endsAt,
    caseId: s.caseId,
    reference,
    title: 'PLC för underhållet',
  });

describe('sessions and attendance', () => {
  let first: string;
  let second: string;

  it('schedules sessions of an approved design, in day and time order; refuses what is wrong', async () => {
    const url = `/api/cases/${s.caseId}/sessions`;
    // no session yet: no schedule to send
    const noSchedule = await t.request(
      'POST',
      `/api/cases/${s.caseId}/designs/${designId}/schedule-notice`,
      s.as(s.coord, {}),
    );
    expect(noSchedule.statusCode).toBe(409);
    expect(noSchedule.json().detail).toContain('no sessions from today on');
    const bad = async (body: object) => {
      const response = await t.request('POST', url, s.as(s.coord, session(body)));
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors[0];
    };
    expect(await bad({ endsAt: '08:00' })).toEqual({
      field: 'body.endsAt',
      message: 'must be after the start',
    });
    expect(await bad({ startsAt: '9.00' })).toEqual({
      field: 'body.startsAt',
      message: 'write the time as HH:MM',
    });
    expect((await bad({ designId: '00000000-0000-4000-8000-000000000000' })).field).toBe('body.designId');
    expect((await t.request('POST', url, s.as(s.manager, session({})))).statusCode).toBe(403);
    expect((await t.request('POST', url, s.as(s.outsider, session({})))).statusCode).toBe(404);

    const later = await t.request(
      'POST',
      url,
      s.as(s.teacher, session({ day: `${year}-02-10`, topic: 'Provsvetsning' })),
    );
    expect(later.statusCode, later.body).toBe(201);
    second = later.json().id;
    const earlier = await t.request(
      'POST',
      url,
      s.as(s.coord, session({ teacher: ' Lektor i automation ' })),
    );
    expect(earlier.json()).toMatchObject({
      startsAt: '09:00',
      endsAt: '16:00',
      place: 'Svetslabbet, hus B',
      teacher: 'Lektor i automation',
      attendance: [],
    });
    first = earlier.json().id;
    const delivery = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.manager))).json();
    expect(delivery.designs[0].sessions.map((x: { topic: string }) => x.topic)).toEqual([
      'Introduktion',
      'Provsvetsning',
    ]);
    expect(delivery.designs[0].sessions.map((x: { teacher: string }) => x.teacher)).toEqual([
      'Lektor i automation',
      '',
    ]);
    // the design's teachers, offered when a session is scheduled
    expect(delivery.designs[0].teachers).toEqual(['Lektor i automation', 'Professor i reglerteknik']);
  });

  it('records who attended, corrects it, and sums it per participant', async () => {
    const record = (sessionId: string, entries: object[], as = s.teacher) =>
      t.request('PUT', `/api/sessions/${sessionId}/attendance`, s.as(as, { entries }));
    const stranger = '00000000-0000-4000-8000-000000000000';
    const refused = await record(first, [{ participantId: stranger, status: 'present' }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toBe(`not participants of this course: ${stranger}`);
    expect((await record(first, [{ participantId: anna, status: 'present' }], s.outsider)).statusCode).toBe(
      404,
    );

    expect((await record(first, [{ participantId: anna, status: 'absent' }])).statusCode).toBe(200);
    const corrected = await record(first, [
      { participantId: anna, status: 'present' },
      { participantId: bo, status: 'excused' },
    ]);
    expect(corrected.json().attendance).toEqual(
      expect.arrayContaining([
        { participantId: anna, status: 'present' },
        { participantId: bo, status: 'excused' },
      ]),
    );
    await record(second, [{ participantId: anna, status: 'present' }]);
    const delivery = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json();
    expect(delivery.designs[0].participants).toEqual([
      { participantId: anna, name: 'Anna Test', present: 2, absent: 0, excused: 0 },
      { participantId: bo, name: 'Bo Test', present: 0, absent: 0, excused: 1 },
    ]);
    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'course_session.attendance_recorded'));
    expect(audit?.subjectId).toBe(first);
  });

  it('changes and removes a session (with its attendance)', async () => {
    const changed = await t.request(
      'PUT',
      `/api/sessions/${second}`,
      s.as(s.coord, {
        day: `${year}-02-11`,
        startsAt: '08:30',
        endsAt: '12:00',
        place: 'Distans',
        topic: 'Provsvetsning',
      }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      day: `${year}-02-11`,
      startsAt: '08:30',
      attendance: [{ participantId: anna }],
    });
    expect((await t.request('DELETE', `/api/sessions/${second}`, s.as(s.outsider))).statusCode).toBe(404);
    expect((await t.request('DELETE', `/api/sessions/${second}`, s.as(s.coord))).statusCode).toBe(204);
    const delivery = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json();
    expect(delivery.designs[0].sessions).toHaveLength(1);
    expect(delivery.designs[0].participants[0]).toMatchObject({ name: 'Anna Test', present: 1 });
    // issuing micro-credentials, the coordinator sees who attended
    const credentials = (await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.coord))).json();
    expect(
      credentials.designs[0].participants.map((p: { name: string; attendance: unknown }) => [
        p.name,
        p.attendance,
      ]),
    ).toEqual([
      ['Anna Test', { present: 1, recorded: 1 }],
      ['Bo Test', { present: 0, recorded: 1 }],
    ]);
  });

  it('shows the customer the schedule, and the attendance only once the HEI shares it', async () => {
    const portal = async () =>
      (await t.request('GET', `/api/portal/delivery?caseId=${s.caseId}`, s.as(s.contact))).json();
    const [before] = await portal();
    expect(before).toMatchObject({ designId, title: 'PLC för underhållet', attendance: null });
    expect(before.sessions).toEqual([
      {
        id: first,
        day: `${year}-02-03`,
        startsAt: '09:00',
        endsAt: '16:00',
        place: 'Svetslabbet, hus B',
        topic: 'Introduktion',
        teacher: 'Lektor i automation',
        cancelledAt: null,
        cancelReason: '',
        sequence: 0,
      },
    ]);
    const url = `/api/cases/${s.caseId}/designs/${designId}/attendance-sharing`;
    expect((await t.request('PUT', url, s.as(s.manager, { shared: true }))).statusCode).toBe(403);
    expect((await t.request('PUT', url, s.as(s.outsider, { shared: true }))).statusCode).toBe(404);
    const shared = await t.request('PUT', url, s.as(s.coord, { shared: true }));
    expect(shared.json().designs[0].attendanceSharedAt).toBeTruthy();
    expect((await portal())[0].attendance).toEqual([
      { participantId: anna, name: 'Anna Test', present: 1, absent: 0, excused: 0 },
      { participantId: bo, name: 'Bo Test', present: 0, absent: 0, excused: 1 },
    ]);
    await t.request('PUT', url, s.as(s.coord, { shared: false }));
    expect((await portal())[0].attendance).toBeNull();
    const actions = (await t.db.select().from(auditEvent)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['attendance.shared', 'attendance.unshared']));

    const stranger = await createUser(t, [
      { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
    ]);
    expect((await t.request('GET', '/api/portal/delivery', s.as(stranger))).json()).toEqual([]);
    expect((await t.request('GET', '/api/portal/delivery', s.as(s.coord))).statusCode).toBe(403);
    expect((await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.contact))).statusCode).toBe(403);
  });

  it('gives the schedule to calendars: an .ics file, and a feed address the customer passes on', async () => {
    const summer = await t.request(
      'POST',
      `/api/cases/${s.caseId}/sessions`,
      s.as(
        s.coord,
        session({ day: `${year}-06-10`, startsAt: '13:00', endsAt: '15:30', place: '', topic: '' }),
      ),
    );
    const file = `/api/cases/${s.caseId}/designs/${designId}/calendar`;
    expect((await t.request('GET', file, s.as(s.outsider))).statusCode).toBe(404);
    expect((await t.request('GET', file, s.as(s.contact))).statusCode).toBe(403);
    const response = await t.request('GET', file, s.as(s.teacher));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('PLC-för-underhållet-schema.ics')}`,
    );
    // the session's teacher in its description (lines unfolded: long ones continue after a CRLF and a space)
    expect(response.body.replaceAll('\r\n ', '')).toContain(
      'DESCRIPTION:Introduktion\\nLärare / Teacher: Lektor i automation\\n',
    );
    // Swedish local time: 09:00 in February is 08:00 UTC, 13:00 in June (summer time) is 11:00 UTC
    const expected = [
      {
        uid: `${first}@lupp`,
        summary: 'PLC för underhållet: Introduktion',
        location: 'Svetslabbet, hus B',
        zone: 'Europe/Stockholm',
        start: `${year}-02-03T08:00:00.000Z`,
        end: `${year}-02-03T15:00:00.000Z`,
      },
      {
        uid: `${summer.json().id}@lupp`,
        summary: 'PLC för underhållet',
        location: null,
        zone: 'Europe/Stockholm',
        start: `${year}-06-10T11:00:00.000Z`,
        end: `${year}-06-10T13:30:00.000Z`,
      },
    ];
    expect(eventsOf(response.body)).toEqual(expected);
    expect(response.body.match(/^DTSTAMP:\d{8}T\d{6}Z\r$/gm)).toHaveLength(2);

    // the feed: none until someone makes one; workers of the case and the customer's contact people may
    const portal = async () =>
      (await t.request('GET', `/api/portal/delivery?caseId=${s.caseId}`, s.as(s.contact))).json()[0];
    expect((await portal()).calendarPath).toBeNull();
    const link = `/api/cases/${s.caseId}/designs/${designId}/calendar-link`;
    expect((await t.request('POST', link, s.as(s.manager))).statusCode).toBe(403);
    expect((await t.request('POST', link, s.as(s.outsider))).statusCode).toBe(404);
    const made = await t.request('POST', link, s.as(s.coord));
    expect(made.statusCode, made.body).toBe(200);
    const feed = made.json().path;
    expect(feed).toMatch(/^\/api\/public\/course-calendars\/[\w-]{24}\.ics$/);
    const subscribed = await anonymous(feed);
    expect(subscribed.statusCode).toBe(200);
    expect(eventsOf(subscribed.body)).toEqual(expected);
    expect(subscribed.body).not.toMatch(/Anna|Bo Test|19850312/);
    const delivery = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json();
    expect(delivery.designs[0].calendarPath).toBe(feed);

    // the customer downloads the same file, sees the address, and may replace it (the old one then stops)
    expect((await portal()).calendarPath).toBe(feed);
    const customerFile = `/api/portal/designs/${designId}/calendar`;
    expect(eventsOf((await t.request('GET', customerFile, s.as(s.contact))).body)).toEqual(expected);
    const stranger = await createUser(t, [
      { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
    ]);
    expect((await t.request('GET', customerFile, s.as(stranger))).statusCode).toBe(404);
    expect(
      (await t.request('POST', `/api/portal/designs/${designId}/calendar-link`, s.as(stranger))).statusCode,
    ).toBe(404);
    expect((await t.request('GET', customerFile, s.as(s.coord))).statusCode).toBe(403);
    const renewed = await t.request('POST', `/api/portal/designs/${designId}/calendar-link`, s.as(s.contact));
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json().path).not.toBe(feed);
    expect((await anonymous(feed)).statusCode).toBe(404);
    expect((await anonymous(renewed.json().path)).statusCode).toBe(200);
    expect((await anonymous('/api/public/course-calendars/nonsense')).statusCode).toBe(400);
    const actions = (await t.db.select().from(auditEvent)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['course_calendar.link_created', 'course_calendar.link_renewed']),
    );

    // a session moved is moved in the feed (same UID)
    await t.request(
      'PUT',
      `/api/sessions/${summer.json().id}`,
      s.as(s.coord, {
        day: `${year}-06-11`,
        startsAt: '13:00',
        endsAt: '15:30',
        place: 'Distans',
        topic: '',
      }),
    );
    expect(sequenceOf(subscribed.body, `${summer.json().id}@lupp`)).toBe(0);
    const movedFeed = (await anonymous(renewed.json().path)).body;
    const moved = eventsOf(movedFeed)[1];
    expect(moved).toMatchObject({ uid: `${summer.json().id}@lupp`, start: `${year}-06-11T11:00:00.000Z` });
    expect(sequenceOf(movedFeed, `${summer.json().id}@lupp`)).toBe(1);
    await t.request('DELETE', `/api/sessions/${summer.json().id}`, s.as(s.coord));
  });

  it('reminds the participants by e-mail the day before each session, once, when the HEI turns it on', async () => {
    const url = `/api/cases/${s.caseId}/designs/${designId}/session-reminders`;
    // 07:00 in Stockholm on the day before the first session, and on the day before that
    const dayBefore = new Date(`${year}-02-02T06:00:00Z`);
    const remind = (now: Date) => remindParticipants(t.db, 'https://lupp.test', now);
    expect(await remind(dayBefore)).toBe(0); // not turned on
    expect((await t.request('PUT', url, s.as(s.manager, { on: true }))).statusCode).toBe(403);
    expect((await t.request('PUT', url, s.as(s.outsider, { on: true }))).statusCode).toBe(404);
    const on = await t.request('PUT', url, s.as(s.coord, { on: true }));
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().designs[0].remindersOn).toBe(true);
    expect(await remind(new Date(`${year}-02-01T06:00:00Z`))).toBe(0); // two days before: not yet
    expect(await remind(dayBefore)).toBe(1); // Anna; Bo has no e-mail address
    expect(await remind(dayBefore)).toBe(0); // once

    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'session_reminder'));
    expect(mails.map((m) => [m.toAddress, m.subject])).toEqual([
      [
        'anna@stalverket.example',
        `I morgon: PLC för underhållet (${reference}) / Tomorrow: PLC för underhållet`,
      ],
    ]);
    const weekday = new Intl.DateTimeFormat('sv-SE', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(`${year}-02-03T12:00:00Z`),
    );
    expect(mails[0]?.textBody).toContain(
      `Hej Anna!\nI morgon, ${weekday} 3 februari ${year}, kl. 09:00–16:00,`,
    );
    expect(mails[0]?.textBody).toContain(
      'Plats: Svetslabbet, hus B\nInnehåll: Introduktion\nLärare: Lektor i automation',
    );
    expect(mails[0]?.textBody).toContain('Content: Introduktion\nTeacher: Lektor i automation');
    // the calendar link made above goes with it
    expect(mails[0]?.textBody).toMatch(
      /Hela schemat i din kalender: https:\/\/lupp\.test\/api\/public\/course-calendars\//,
    );
    expect(mails[0]?.textBody).toContain('(Swedish time)');

    // a session moved to another day is reminded of again; none when reminders are off
    const moved = {
      day: `${year}-02-04`,
      startsAt: '09:00',
      endsAt: '16:00',
      place: 'Svetslabbet, hus B',
      topic: 'Introduktion',
    };
    await t.request('PUT', `/api/sessions/${first}`, s.as(s.coord, moved));
    expect(await remind(new Date(`${year}-02-03T06:00:00Z`))).toBe(1);
    await t.request('PUT', `/api/sessions/${first}`, s.as(s.coord, { ...moved, day: `${year}-02-05` }));
    const off = await t.request('PUT', url, s.as(s.coord, { on: false }));
    expect(off.json().designs[0].remindersOn).toBe(false);
    expect(await remind(new Date(`${year}-02-04T06:00:00Z`))).toBe(0);
    const actions = (await t.db.select().from(auditEvent)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['session_reminders.enabled', 'session_reminders.disabled']),
    );
    const { rows } = await t.database.pool.query(
      `select cron, timezone from pgboss.schedule where name = 'session-reminders'`,
    );
    expect(rows).toEqual([{ cron: '0 7 * * *', timezone: 'Europe/Stockholm' }]);
  });

  it('calls a session off: it stays, marked with why, the participants are told, calendars mark it', async () => {
    const created = await t.request(
      'POST',
      `/api/cases/${s.caseId}/sessions`,
      s.as(s.coord, session({ day: `${year}-03-10`, topic: 'Felsökning' })),
    );
    const id = created.json().id;
    const cancel = (body: object, as = s.coord, sessionId = id) =>
      t.request('POST', `/api/sessions/${sessionId}/cancel`, s.as(as, body));
    expect((await cancel({}, s.manager)).statusCode).toBe(403);
    expect((await cancel({}, s.outsider)).statusCode).toBe(404);
    expect((await cancel({}, s.contact)).statusCode).toBe(403);
    expect((await cancel({ reason: 'x'.repeat(501) })).json().errors[0].field).toBe('body.reason');
    // the first session's attendance was recorded: it took place
    const tookPlace = await cancel({}, s.coord, first);
    expect(tookPlace.statusCode).toBe(409);
    expect(tookPlace.json().detail).toContain('Attendance was recorded');

    const cancelled = await cancel({ reason: 'Läraren är sjuk; en ny tid kommer.' }, s.teacher);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      session: { id, cancelReason: 'Läraren är sjuk; en ny tid kommer.', topic: 'Felsökning' },
      notified: 1, // Anna; Bo has no e-mail address
    });
    expect(cancelled.json().session.cancelledAt).toBeTruthy();
    expect((await cancel({})).statusCode).toBe(409);
    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    const notices = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'session_cancelled'), eq(outbox.toAddress, 'anna@stalverket.example')));
    expect(notices.map((m) => [m.toAddress, m.subject])).toEqual([
      [
        'anna@stalverket.example',
        `Inställt ${year}-03-10: PLC för underhållet (${reference}) / Cancelled: PLC för underhållet`,
      ],
    ]);
    expect(notices[0]?.textBody).toMatch(
      /^Hej Anna!\nTillfället i PLC för underhållet med .+ kl\. 09:00–16:00 är inställt\.\nOrsak: Läraren är sjuk; en ny tid kommer\./,
    );
    expect(notices[0]?.textBody).toContain('(Swedish time), is cancelled.\nReason: Läraren är sjuk');
    // the changed event goes along: opened, it marks the participant's copy (same UID, a higher SEQUENCE)
    const attached = notices[0]?.calendar ?? '';
    expect(attached).toMatch(/^METHOD:PUBLISH\r$/m);
    expect(eventsOf(attached).map((e) => e.uid)).toEqual([`${id}@lupp`]);
    expect(attached).toMatch(/^STATUS:CANCELLED\r$/m);
    expect(sequenceOf(attached, `${id}@lupp`)).toBe(1);
    // Stålverket's contact person, who passes the schedule on, hears of it in Lupp (and by e-mail)
    const bell = (await t.request('GET', '/api/notifications', s.as(s.contact))).json();
    expect(bell.items[0]).toMatchObject({
      kind: 'session_cancelled',
      title: `Inställt ${year}-03-10: PLC för underhållet (${reference}) / Cancelled: PLC för underhållet`,
      link: `/portal/cases/${s.caseId}#portal-delivery`,
      read: false,
    });
    const [toContact] = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'session_cancelled'), ne(outbox.toAddress, 'anna@stalverket.example')));
    expect(toContact?.textBody).toMatch(
      /har ställt in tillfället i PLC för underhållet .* kl\. 09:00–16:00\.\nOrsak: Läraren är sjuk/,
    );

    // no attendance for it; the customer sees it marked; the calendar marks it cancelled under the same UID
    const attendance = await t.request(
      'PUT',
      `/api/sessions/${id}/attendance`,
      s.as(s.teacher, { entries: [{ participantId: anna, status: 'present' }] }),
    );
    expect(attendance.statusCode).toBe(409);
    const [portal] = (
      await t.request('GET', `/api/portal/delivery?caseId=${s.caseId}`, s.as(s.contact))
    ).json();
    expect(portal.sessions.find((x: { id: string }) => x.id === id)).toMatchObject({
      cancelReason: 'Läraren är sjuk; en ny tid kommer.',
      cancelledAt: cancelled.json().session.cancelledAt,
    });
    const ics = (await t.request('GET', `/api/cases/${s.caseId}/designs/${designId}/calendar`, s.as(s.coord)))
      .body;
    const events = eventsOf(ics);
    expect(events.find((e) => e.uid === `${id}@lupp`)?.summary).toBe(
      'INSTÄLLT / CANCELLED: PLC för underhållet: Felsökning',
    );
    expect(ics.match(/^STATUS:\w+\r$/gm)).toEqual(['STATUS:CONFIRMED\r', 'STATUS:CANCELLED\r']);
    expect(sequenceOf(ics, `${id}@lupp`)).toBe(1);

    // no reminder of a cancelled session; given after all (participants not told this time), it is reminded of
    const reminders = `/api/cases/${s.caseId}/designs/${designId}/session-reminders`;
    await t.request('PUT', reminders, s.as(s.coord, { on: true }));
    const dayBefore = new Date(`${year}-03-09T06:00:00Z`);
    expect(await remindParticipants(t.db, 'https://lupp.test', dayBefore)).toBe(0);
    const reinstate = (body: object) =>
      t.request('POST', `/api/sessions/${id}/reinstate`, s.as(s.coord, body));
    const reinstateAs = (who: typeof s.coord) =>
      t.request('POST', `/api/sessions/${id}/reinstate`, s.as(who, {}));
    expect((await reinstateAs(s.manager)).statusCode).toBe(403);
    expect((await reinstateAs(s.outsider)).statusCode).toBe(404);
    const given = await reinstate({ notifyParticipants: false });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({
      session: { cancelledAt: null, cancelReason: '', sequence: 2 },
      notified: 0,
    });
    expect((await reinstate({})).statusCode).toBe(409);
    expect(await t.db.select().from(outbox).where(eq(outbox.kind, 'session_reinstated'))).toEqual([]);
    expect(await remindParticipants(t.db, 'https://lupp.test', dayBefore)).toBe(1);
    await t.request('PUT', reminders, s.as(s.coord, { on: false }));
    const actions = (await t.db.select().from(auditEvent)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['course_session.cancelled', 'course_session.reinstated']),
    );

    // a session of a day gone by is called off for the record: no one is e-mailed about it
    const past = await t.request(
      'POST',
      `/api/cases/${s.caseId}/sessions`,
      s.as(s.coord, session({ day: '2020-01-15' })),
    );
    const pastCancelled = await cancel({ reason: 'Blev aldrig av' }, s.coord, past.json().id);
    expect(pastCancelled.json().notified).toBe(0);
    for (const sessionId of [id, past.json().id])
      await t.request('DELETE', `/api/sessions/${sessionId}`, s.as(s.coord));
  });

  it('e-mails the schedule with a calendar file to the participants not sent it, or to everyone again', async () => {
    const url = `/api/cases/${s.caseId}/designs/${designId}/schedule-notice`;
    const send = (body: object, as = s.coord) => t.request('POST', url, s.as(as, body));
    expect((await send({}, s.manager)).statusCode).toBe(403);
    expect((await send({}, s.outsider)).statusCode).toBe(404);
    expect((await send({}, s.contact)).statusCode).toBe(403);
    expect((await send({ to: 'someone' })).json().errors[0].field).toBe('body.to');
    const unknown = `/api/cases/${s.caseId}/designs/${crypto.randomUUID()}/schedule-notice`;
    expect((await t.request('POST', unknown, s.as(s.coord, {}))).statusCode).toBe(404);
    const viewOf = async () =>
      (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json().designs[0];
    expect((await viewOf()).scheduleNotice).toEqual({ withEmail: 1, notYetSent: 1, lastSentAt: null });

    // a session called off, and one gone by, are not in the schedule sent
    const add = async (body: object) =>
      (await t.request('POST', `/api/cases/${s.caseId}/sessions`, s.as(s.coord, session(body)))).json().id;
    const offId = await add({ day: `${year}-04-01` });
    await t.request('POST', `/api/sessions/${offId}/cancel`, s.as(s.coord, { notifyParticipants: false }));
    const pastId = await add({ day: '2021-05-05' });
    const lastId = await add({
      day: `${year}-04-02`,
      startsAt: '13:00',
      place: 'Sal 2',
      topic: 'Avslutning',
    });
    const ahead = (await viewOf()).sessions.filter(
      (x: { day: string; cancelledAt: string | null }) => x.day >= `${year}-01-01` && !x.cancelledAt,
    );
    expect(ahead.length).toBeGreaterThan(0);

    // two of the case's workers send it at the same moment: Anna gets it once (Bo has no e-mail address)
    const both = await Promise.all([send({}, s.teacher), send({})]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const sent = both.find((r) => r.statusCode === 200);
    expect(sent?.json()).toEqual({ sent: 1 });
    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    const notices = () => t.db.select().from(outbox).where(eq(outbox.kind, 'schedule_notice'));
    const [notice] = await notices();
    expect(notice).toMatchObject({
      toAddress: 'anna@stalverket.example',
      subject: `Schema: PLC för underhållet (${reference}) / Schedule: PLC för underhållet`,
    });
    expect(notice?.textBody).toMatch(
      /^Hej Anna!\nVälkommen till PLC för underhållet med .+\. Utbildningen ges vid de här \d+ tillfällena:\n\n– /,
    );
    expect(notice?.textBody).toContain(
      `– ${spelledOut(`${year}-04-02`, 'sv-SE')} kl. 13:00–16:00, Sal 2: Avslutning`,
    );
    expect(notice?.textBody).toContain(
      `– ${spelledOut(`${year}-04-02`, 'en-GB')}, 13:00–16:00, Sal 2: Avslutning`,
    );
    expect(notice?.textBody).toContain(
      'Open the attached file schema.ics to add the sessions to your calendar.',
    );
    const events = eventsOf(notice?.calendar ?? '');
    expect(events.map((e) => e.uid).sort()).toEqual(ahead.map((x: { id: string }) => `${x.id}@lupp`).sort());
    expect(events.map((e) => e.uid)).not.toContain(`${offId}@lupp`);
    expect(events.map((e) => e.uid)).not.toContain(`${pastId}@lupp`);
    expect(notice?.calendar).toMatch(/^METHOD:PUBLISH\r$/m);

    const after = (await viewOf()).scheduleNotice;
    expect(after).toMatchObject({ withEmail: 1, notYetSent: 0 });
    expect(after.lastSentAt).toBeTruthy();
    // nobody left who was not sent it: a clear 409, nothing sent; to everyone again (after a change) it goes
    const again = await send({});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('was sent the schedule already');
    expect((await send({ to: 'everyone' })).json()).toEqual({ sent: 1 });
    expect(await notices()).toHaveLength(2);
    const audited = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'course_schedule.sent'))
      .orderBy(auditEvent.at);
    expect(audited.map((e) => e.data)).toEqual([
      expect.objectContaining({ to: 'notYetSent', recipients: 1 }),
      expect.objectContaining({ to: 'everyone', recipients: 1 }),
    ]);
    for (const sessionId of [offId, pastId, lastId])
      await t.request('DELETE', `/api/sessions/${sessionId}`, s.as(s.coord));
  });

  it('tells the participants and the customer of a changed session when asked, with the moved event', async () => {
    const id = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/sessions`,
        s.as(s.coord, session({ day: `${year}-05-05` })),
      )
    ).json().id;
    const fields = (body: object) => {
      const { designId: _, ...rest } = session(body);
      return rest;
    };
    const change = (body: object) => t.request('PUT', `/api/sessions/${id}`, s.as(s.coord, fields(body)));
    const silent = await change({ day: `${year}-05-06` });
    expect(silent.json()).toMatchObject({ day: `${year}-05-06`, sequence: 1, notified: 0 });
    const changedMails = () => t.db.select().from(outbox).where(eq(outbox.kind, 'session_changed'));
    expect(await changedMails()).toEqual([]);

    const told = await change({
      day: `${year}-05-07`,
      startsAt: '10:00',
      place: 'Sal 3',
      notifyParticipants: true,
    });
    expect(told.statusCode, told.body).toBe(200);
    expect(told.json()).toMatchObject({ day: `${year}-05-07`, startsAt: '10:00', sequence: 2, notified: 1 });
    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    const toAnna = (await changedMails()).find((m) => m.toAddress === 'anna@stalverket.example');
    expect(toAnna?.subject).toBe(
      `Ändrat tillfälle: PLC för underhållet (${reference}) / Session changed: PLC för underhållet`,
    );
    expect(toAnna?.textBody).toContain(
      `är ändrat.\nNu: ${spelledOut(`${year}-05-07`, 'sv-SE')} kl. 10:00–16:00\nPlats: Sal 3`,
    );
    expect(toAnna?.textBody).toContain(`${spelledOut(`${year}-05-06`, 'sv-SE')} kl. 09:00–16:00 är ändrat.`);
    expect(toAnna?.textBody).toContain(
      `Now: ${spelledOut(`${year}-05-07`, 'en-GB')}, 10:00–16:00 (Swedish time)`,
    );
    const [moved] = eventsOf(toAnna?.calendar ?? '');
    expect(moved).toMatchObject({
      uid: `${id}@lupp`,
      location: 'Sal 3',
      start: `${year}-05-07T08:00:00.000Z`,
    });
    expect(sequenceOf(toAnna?.calendar ?? '', `${id}@lupp`)).toBe(2);
    const bell = (await t.request('GET', '/api/notifications', s.as(s.contact))).json();
    expect(bell.items[0]).toMatchObject({ kind: 'session_changed', title: toAnna?.subject });

    // a called-off session edited stays called off: nobody is told it changed
    await t.request('POST', `/api/sessions/${id}/cancel`, s.as(s.coord, { notifyParticipants: false }));
    expect((await change({ place: 'Sal 4', notifyParticipants: true })).json()).toMatchObject({
      place: 'Sal 4',
      notified: 0,
    });
    await t.request('POST', `/api/sessions/${id}/reinstate`, s.as(s.coord, { notifyParticipants: false }));

    // a session gone by, corrected for the record: nobody is told (moved into the past, people still had it)
    expect((await change({ day: '2021-05-07', notifyParticipants: true })).json().notified).toBe(1);
    expect((await change({ day: '2021-05-08', notifyParticipants: true })).json().notified).toBe(0);
    await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord));
  });

  it('schedules a weekly series in one go, passing over public holidays so the course gets the sessions asked for', async () => {
    const create = (body: object) =>
      t.request('POST', `/api/cases/${s.caseId}/sessions`, s.as(s.coord, session(body)));
    for (const occurrences of [0, 53, 2.5]) {
      const refused = await create({ day: '2030-05-16', occurrences });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('body.occurrences');
    }
    // Thursdays in 2030: Kristi himmelsfärdsdag (30 May) and nationaldagen (6 June) fall on the fourth and fifth
    const series = await create({ day: '2030-05-16', startsAt: '13:00', occurrences: 4 });
    expect(series.statusCode, series.body).toBe(201);
    const created = series.json();
    expect([created.day, ...created.series.map((x: { day: string }) => x.day)]).toEqual([
      '2030-05-16',
      '2030-05-23',
      '2030-06-13',
      '2030-06-20',
    ]);
    expect(created.series[2]).toMatchObject({
      startsAt: '13:00',
      endsAt: '16:00',
      place: 'Svetslabbet, hus B',
    });
    expect(created.holidaysSkipped).toEqual([
      { day: '2030-05-30', name: { sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' } },
      { day: '2030-06-06', name: { sv: 'nationaldagen', en: 'National Day' } },
    ]);
    const audited = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'course_session.created'));
    const ids = [created.id, ...created.series.map((x: { id: string }) => x.id)];
    expect(audited.filter((e) => ids.includes(e.subjectId))).toHaveLength(4);
    // one session, the default, has no series
    const single = (await create({ day: '2030-05-30' })).json();
    expect(single).toMatchObject({ day: '2030-05-30', series: [], holidaysSkipped: [] });
    for (const id of [...ids, single.id]) await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord));
  });

  it("lists a teacher's own sessions of the next two weeks on their overview, by the design's teacher named", async () => {
    const soon = addDays(stockholmDate(new Date()), 3);
    const create = async (body: object) =>
      (await t.request('POST', `/api/cases/${s.caseId}/sessions`, s.as(s.coord, session(body)))).json();
    // the name as written, in any case, is the design's teacher with an account; a guest lecturer is a name only
    const taught = await create({
      day: soon,
      topic: 'Felsökning',
      teacher: 'lektor i automation',
      occurrences: 3,
    });
    const guest = await create({ day: soon, startsAt: '13:00', teacher: 'Gästföreläsare Ek' });
    const overviewOf = async (user: typeof s.teacher) =>
      (await t.request('GET', '/api/overview', s.as(user))).json().sessions;
    // the weekly series as far as its days are in the next two weeks (a holiday may push the second further)
    const lastDay = addDays(stockholmDate(new Date()), 13);
    const series = [taught, ...taught.series] as { id: string; day: string }[];
    const listed = await overviewOf(s.teacher);
    expect(listed.map((x: { id: string }) => x.id)).toEqual(
      series.filter((x) => x.day <= lastDay).map((x) => x.id),
    );
    expect(listed[0]).toEqual({
      id: taught.id,
      caseId: s.caseId,
      courseTitle: 'PLC för underhållet',
      day: soon,
      startsAt: '09:00',
      endsAt: '16:00',
      place: 'Svetslabbet, hus B',
      topic: 'Felsökning',
      clash: false,
    });
    expect(await overviewOf(s.coord)).toEqual([]);
    // booked for a second session that morning by mistake: both are marked as clashing, until it goes
    const twice = await create({
      day: soon,
      startsAt: '10:00',
      endsAt: '11:00',
      teacher: 'Lektor i automation',
    });
    const marked = await overviewOf(s.teacher);
    expect(
      marked
        .filter((x: { day: string }) => x.day === soon)
        .map((x: { id: string; clash: boolean }) => [x.id, x.clash]),
    ).toEqual([
      [taught.id, true],
      [twice.id, true],
    ]);
    await t.request('DELETE', `/api/sessions/${twice.id}`, s.as(s.coord));
    expect((await overviewOf(s.teacher))[0].clash).toBe(false);

    // their own calendar feed: made on request, the sessions they teach (not the guest's), replaced on request
    const link = '/api/me/teaching-calendar';
    expect((await t.request('GET', link, s.as(s.teacher))).json()).toEqual({ path: null });
    expect((await t.request('POST', link, s.as(s.contact))).statusCode).toBe(403);
    const made = (await t.request('POST', link, s.as(s.teacher))).json().path;
    expect(made).toMatch(/^\/api\/public\/teaching-calendars\/[\w-]{24}\.ics$/);
    expect((await t.request('GET', link, s.as(s.teacher))).json()).toEqual({ path: made });
    expect((await t.request('GET', link, s.as(s.coord))).json()).toEqual({ path: null });
    expect((await t.request('GET', link, s.as(s.contact))).statusCode).toBe(403);
    const feed = await anonymous(made);
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = eventsOf(feed.body);
    expect(events.map((e) => e.uid).sort()).toEqual(series.map((x) => `${x.id}@lupp`).sort());
    expect(events[0]?.summary).toBe('PLC för underhållet: Felsökning');
    const renewed = (await t.request('POST', link, s.as(s.teacher))).json().path;
    expect(renewed).not.toBe(made);
    expect((await anonymous(made)).statusCode).toBe(404);
    expect((await anonymous(renewed)).statusCode).toBe(200);
    // called off, or given to someone else, it leaves the list
    await t.request(
      'POST',
      `/api/sessions/${taught.id}/cancel`,
      s.as(s.coord, { notifyParticipants: false }),
    );
    const { designId: _, ...fields } = session({
      day: addDays(soon, 7),
      teacher: 'Professor i reglerteknik',
    });
    await t.request('PUT', `/api/sessions/${taught.series[0].id}`, s.as(s.coord, fields));
    expect(await overviewOf(s.teacher)).toEqual([]);
    const ids = [taught.id, ...taught.series.map((x: { id: string }) => x.id), guest.id];
    for (const id of ids) await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord));
  });

  it("shows where a teacher with an account is booked for two sessions at once, another HEI's unnamed", async () => {
    const day = `${year}-03-10`;
    const create = schedulerOn(day);
    const morning = await create({ startsAt: '09:00', endsAt: '12:00', teacher: 'Lektor i automation' });
    const overlapping = await create({ startsAt: '11:00', endsAt: '14:00', teacher: 'lektor i automation' });
    // a teacher without an account cannot be told apart from a role, and back to back is no clash
    const professor = await create({
      startsAt: '12:00',
      endsAt: '13:00',
      teacher: 'Professor i reglerteknik',
    });
    const after = await create({ startsAt: '14:00', endsAt: '15:00', teacher: 'Lektor i automation' });
    // the same teacher teaches at another HEI too, from eight to ten that day
    const elsewhere = (await createOrganisation(t, { kind: 'hei' })).id;
    await t.db.insert(courseSession).values({
      heiId: elsewhere,
      ...(await copyOfTheCourse(elsewhere, 'ANNAT-1')),
      day,
      startsAt: '08:00',
      endsAt: '10:00',
      teacher: 'Lektor',
      teacherUserId: s.teacher.id,
    });

    const clashes = async () =>
      (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json().designs[0].clashes;
    const reference = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().reference;
    const ours = clashingSessionOfTheCourse(day, reference);
    const theirs = {
      sessionId: null,
      day,
      startsAt: '08:00',
      endsAt: '10:00',
      caseId: null,
      reference: null,
      title: null,
    };
    expect(await clashes()).toEqual([
      { sessionId: morning, teacher: 'Lektor i automation', other: theirs },
      { sessionId: morning, teacher: 'Lektor i automation', other: ours(overlapping, '11:00', '14:00') },
      { sessionId: overlapping, teacher: 'lektor i automation', other: ours(morning, '09:00', '12:00') },
    ]);
    // moved to the afternoon, the overlap is gone; the other HEI's morning stays
    const { designId: _, ...moved } = session({
      day,
      startsAt: '15:00',
      endsAt: '16:00',
      teacher: 'lektor i automation',
    });
    expect((await t.request('PUT', `/api/sessions/${overlapping}`, s.as(s.coord, moved))).statusCode).toBe(
      200,
    );
    expect(await clashes()).toEqual([{ sessionId: morning, teacher: 'Lektor i automation', other: theirs }]);
    // called off, a session clashes with nothing
    await t.request('POST', `/api/sessions/${morning}/cancel`, s.as(s.coord, { notifyParticipants: false }));
    expect(await clashes()).toEqual([]);
    for (const id of [morning, overlapping, professor, after])
      await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord));
  });

  it('shows where a room is booked for two sessions of the HEI at once; links and online places are no room', async () => {
    const day = `${year}-03-17`;
    const create = schedulerOn(day);
    const morning = await create({ startsAt: '09:00', endsAt: '12:00', place: 'Sal B201' });
    // written otherwise but the same room: case and spaces aside (the ends are trimmed as it is saved)
    const overlapping = await create({ startsAt: '11:00', endsAt: '13:00', place: '  sal   b201 ' });
    // two sessions on Zoom, or by one link, at once share no room; back to back is no clash; nor is no place
    const online = [
      await create({ startsAt: '09:00', endsAt: '10:00', place: 'Zoom' }),
      await create({ startsAt: '09:30', endsAt: '10:30', place: 'zoom' }),
      await create({ startsAt: '09:00', endsAt: '10:00', place: 'https://lupp.example/mote' }),
      await create({ startsAt: '09:30', endsAt: '10:30', place: 'https://lupp.example/mote' }),
      await create({ startsAt: '09:00', endsAt: '10:00', place: '' }),
      await create({ startsAt: '09:30', endsAt: '10:30', place: '' }),
    ];
    const after = await create({ startsAt: '13:00', endsAt: '14:00', place: 'Sal B201' });
    // another course of this HEI in the room from eight, and another HEI's "sal b201" (its own room) at nine
    const [theCase] = await t.db.select().from(caseFile).where(eq(caseFile.id, s.caseId));
    if (!theCase) throw new Error('the set-up has a case');
    const elsewhere = (await createOrganisation(t, { kind: 'hei' })).id;
    const sibling = await copyOfTheCourse(theCase.heiId, `${theCase.reference}-B`);
    const [theirs] = await t.db
      .insert(courseSession)
      .values([
        { heiId: theCase.heiId, ...sibling, day, startsAt: '08:00', endsAt: '09:30', place: 'SAL B201' },
        {
          heiId: elsewhere,
          ...(await copyOfTheCourse(elsewhere, 'ANNAT-2')),
          day,
          startsAt: '09:00',
          endsAt: '12:00',
          place: 'sal b201',
        },
      ])
      .returning();

    const clashes = async () =>
      (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json().designs[0]
        .placeClashes;
    const ours = clashingSessionOfTheCourse(day, theCase.reference);
    const theOtherCourse = {
      sessionId: theirs?.id,
      day,
      startsAt: '08:00',
      endsAt: '09:30',
      caseId: sibling.caseId,
      reference: `${theCase.reference}-B`,
      title: `Kurs ${theCase.reference}-B`,
    };
    expect(await clashes()).toEqual([
      { sessionId: morning, place: 'Sal B201', other: theOtherCourse },
      { sessionId: morning, place: 'Sal B201', other: ours(overlapping, '11:00', '13:00') },
      { sessionId: overlapping, place: 'sal   b201', other: ours(morning, '09:00', '12:00') },
    ]);
    // the other course's delivery shows the clash from its side
    const fromTheirs = (await t.request('GET', `/api/cases/${sibling.caseId}/delivery`, s.as(s.coord))).json()
      .designs[0].placeClashes;
    expect(fromTheirs.map((c: { other: { sessionId: string } }) => c.other.sessionId)).toEqual([morning]);
    // the form offers the HEI's places as written, the most used first; never another HEI's
    const { places } = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json();
    expect(places).toEqual(expect.arrayContaining(['Sal B201', 'SAL B201', 'sal   b201', 'Zoom', 'zoom']));
    expect(places.indexOf('Sal B201')).toBeLessThan(places.indexOf('Zoom'));
    expect(places).not.toContain('sal b201');
    expect(places).not.toContain('');
    // moved to the room next door, the overlap is gone; called off, a session clashes with nothing
    const { designId: _, ...moved } = session({ day, startsAt: '11:00', endsAt: '13:00', place: 'Sal B202' });
    expect((await t.request('PUT', `/api/sessions/${overlapping}`, s.as(s.coord, moved))).statusCode).toBe(
      200,
    );
    expect(await clashes()).toEqual([{ sessionId: morning, place: 'Sal B201', other: theOtherCourse }]);
    await t.request('POST', `/api/sessions/${morning}/cancel`, s.as(s.coord, { notifyParticipants: false }));
    expect(await clashes()).toEqual([]);
    for (const id of [morning, overlapping, ...online, after])
      await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord));
  });

  it("lists on the overview the sessions of one's own cases in the next eight weeks whose teacher or room is booked twice", async () => {
    const today = stockholmDate(new Date());
    const [soon, later] = [addDays(today, 10), addDays(today, 70)];
    const on = schedulerOn(soon);
    const both = await on({
      startsAt: '09:00',
      endsAt: '12:00',
      place: 'Sal C1',
      teacher: 'Lektor i automation',
    });
    const room = await on({ startsAt: '10:00', endsAt: '11:00', place: 'Sal C1' });
    const teacher = await on({
      startsAt: '11:00',
      endsAt: '12:30',
      place: 'Sal C3',
      teacher: 'Lektor i automation',
    });
    const free = await on({
      startsAt: '13:00',
      endsAt: '14:00',
      place: 'Sal C1',
      teacher: 'Lektor i automation',
    });
    // beyond eight weeks: not yet listed
    const far = [
      await schedulerOn(later)({ startsAt: '09:00', endsAt: '10:00', place: 'Sal C1' }),
      await schedulerOn(later)({ startsAt: '09:00', endsAt: '10:00', place: 'Sal C1' }),
    ];
    const clashesOf = async (user: typeof s.coord) =>
      (await t.request('GET', '/api/overview', s.as(user))).json().clashes;
    const reference = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().reference;
    const listed = (sessionId: string, startsAt: string, endsAt: string, clash: object) => ({
      sessionId,
      caseId: s.caseId,
      caseReference: reference,
      courseTitle: 'PLC för underhållet',
      day: soon,
      startsAt,
      endsAt,
      ...clash,
    });
    expect(await clashesOf(s.coord)).toEqual({
      total: 3,
      items: [
        listed(both, '09:00', '12:00', { teacher: 'Lektor i automation', place: 'Sal C1' }),
        listed(room, '10:00', '11:00', { teacher: null, place: 'Sal C1' }),
        listed(teacher, '11:00', '12:30', { teacher: 'Lektor i automation', place: null }),
      ],
    });
    // the case's owner is told; the teacher, whose case it is not, sees the clash beside their own session
    expect(await clashesOf(s.teacher)).toEqual({ total: 0, items: [] });
    // called off, the morning session clashes with nothing
    await t.request('POST', `/api/sessions/${both}/cancel`, s.as(s.coord, { notifyParticipants: false }));
    expect(await clashesOf(s.coord)).toEqual({ total: 0, items: [] });
    for (const id of [both, room, teacher, free, ...far])
      await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord));
  });

  it('tells a teacher with an account what someone else does to the sessions they teach, in Lupp and by e-mail', async () => {
    const day = addDays(stockholmDate(new Date()), 45);
    const { reference } = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json();
    const course = `PLC för underhållet (${reference})`;
    const seen = new Set<string>();
    const mailed = new Set<string>();
    /** The teacher's notifications since the last look, oldest first, with the e-mails sent them. */
    const told = async (user = s.teacher) => {
      const items = (await t.request('GET', '/api/notifications', s.as(user))).json().items as {
        id: string;
        kind: string;
        title: string;
        link: string;
      }[];
      const mails = await t.db.select().from(outbox).where(eq(outbox.toAddress, user.email));
      const fresh = items.filter((n) => !seen.has(n.id)).reverse();
      const texts = mails
        .filter((m) => !mailed.has(m.id) && m.kind.startsWith('teaching_'))
        .map((m) => m.textBody);
      for (const n of items) seen.add(n.id);
      for (const m of mails) mailed.add(m.id);
      return { notes: fresh.map(({ kind, title, link }) => ({ kind, title, link })), texts };
    };
    await told();
    await told(s.coord);
    const link = `/cases/${s.caseId}#case-delivery`;
    const fields = (body: object) => {
      const { designId: _, ...rest } = session({ day, teacher: 'Lektor i automation', ...body });
      return rest;
    };
    const change = (id: string, body: object, user = s.coord) =>
      t.request('PUT', `/api/sessions/${id}`, s.as(user, fields(body)));

    // a series of two, scheduled by the coordinator: one notice for both
    const series = await t.request(
      'POST',
      `/api/cases/${s.caseId}/sessions`,
      s.as(s.coord, session({ day, teacher: 'lektor i automation', occurrences: 2 })),
    );
    expect(series.statusCode, series.body).toBe(201);
    const [first, second] = [series.json().id, series.json().series[0].id] as [string, string];
    const secondDay = series.json().series[0].day as string;
    const scheduled = await told();
    expect(scheduled.notes).toEqual([
      {
        kind: 'teaching_scheduled',
        title: `Du undervisar 2 tillfällen: ${course} / You teach 2 sessions: ${course}`,
        link,
      },
    ]);
    expect(scheduled.texts).toHaveLength(1);
    expect(scheduled.texts[0]).toContain(
      `${day} 09:00–16:00, Svetslabbet, hus B: Introduktion\n${secondDay} 09:00–16:00`,
    );
    expect((await told(s.coord)).notes).toEqual([]); // who made it is not told

    // its content corrected: not told; moved an hour: told what it was and what it is
    expect((await change(first, { topic: 'Introduktion och säkerhet' })).statusCode).toBe(200);
    expect((await told()).notes).toEqual([]);
    expect((await change(first, { topic: 'Introduktion och säkerhet', startsAt: '10:00' })).statusCode).toBe(
      200,
    );
    const moved = await told();
    expect(moved.notes).toEqual([
      { kind: 'teaching_changed', title: `Ändrat tillfälle: ${course} / Session changed: ${course}`, link },
    ]);
    expect(moved.texts[0]).toContain(
      `Förut / Before: ${day} 09:00–16:00, Svetslabbet, hus B: Introduktion och säkerhet\nNu / Now: ${day} 10:00–16:00`,
    );
    // written in the change's own transaction (now() is when that began), so a teacher is told if and only if
    // the change is saved
    const [noticeAt] = await t.db
      .select({ at: notification.createdAt })
      .from(notification)
      .where(and(eq(notification.userId, s.teacher.id), eq(notification.kind, 'teaching_changed')))
      .orderBy(desc(notification.createdAt))
      .limit(1);
    const changedAt = await t.db
      .select({ at: auditEvent.at })
      .from(auditEvent)
      .where(and(eq(auditEvent.subjectId, first), eq(auditEvent.action, 'course_session.changed')));
    expect(changedAt.map((c) => c.at)).toContainEqual(noticeAt?.at);

    // called off with a reason, then given after all
    await t.request(
      'POST',
      `/api/sessions/${second}/cancel`,
      s.as(s.coord, { reason: 'Lokalen är upptagen' }),
    );
    const cancelled = await told();
    expect(cancelled.notes).toEqual([
      {
        kind: 'teaching_cancelled',
        title: `Inställt ${secondDay}: ${course} / Cancelled ${secondDay}: ${course}`,
        link,
      },
    ]);
    expect(cancelled.texts[0]).toContain('Orsak / Reason: Lokalen är upptagen');
    await t.request('POST', `/api/sessions/${second}/reinstate`, s.as(s.coord, {}));
    expect((await told()).notes).toEqual([
      {
        kind: 'teaching_reinstated',
        title: `Blir av ${secondDay}: ${course} / Taking place ${secondDay}: ${course}`,
        link,
      },
    ]);

    // given to the professor (no account): the lecturer hears it is no longer theirs; given back, that it is
    expect((await change(first, { startsAt: '10:00', teacher: 'Professor i reglerteknik' })).statusCode).toBe(
      200,
    );
    const relieved = await told();
    expect(relieved.notes).toEqual([
      {
        kind: 'teaching_unassigned',
        title: `Du undervisar inte längre: ${course} / You no longer teach: ${course}`,
        link,
      },
    ]);
    expect(relieved.texts[0]).toContain('Lärare nu / Teacher now: Professor i reglerteknik');
    await change(first, { startsAt: '10:00' });
    expect((await told()).notes.map((n) => n.kind)).toEqual(['teaching_scheduled']);

    // the teacher moving their own session is not told of it; a session removed by the coordinator is
    expect((await change(second, { day: secondDay, startsAt: '13:00' }, s.teacher)).statusCode).toBe(200);
    expect((await told()).notes).toEqual([]);
    expect((await t.request('DELETE', `/api/sessions/${first}`, s.as(s.coord))).statusCode).toBe(204);
    expect((await told()).notes).toEqual([
      {
        kind: 'teaching_removed',
        title: `Borttaget ur schemat ${day}: ${course} / Removed from the schedule ${day}: ${course}`,
        link,
      },
    ]);

    // a teacher who has left the HEI is told nothing more of the sessions that still name their account
    const [atTheHei] = await t.db
      .delete(membership)
      .where(and(eq(membership.userId, s.teacher.id), eq(membership.organisationId, s.hei)))
      .returning();
    expect(atTheHei).toBeDefined();
    expect((await change(second, { day: secondDay, startsAt: '14:00' })).statusCode).toBe(200);
    await t.db.insert(membership).values(atTheHei as typeof membership.$inferSelect);
    expect((await told()).notes).toEqual([]);

    // nothing of sessions gone by: one scheduled yesterday (recorded after the fact) is no news
    const yesterday = await t.request(
      'POST',
      `/api/cases/${s.caseId}/sessions`,
      s.as(s.coord, session({ day: addDays(stockholmDate(new Date()), -1), teacher: 'Lektor i automation' })),
    );
    expect((await told()).notes).toEqual([]);
    for (const id of [second, yesterday.json().id])
      expect((await t.request('DELETE', `/api/sessions/${id}`, s.as(s.coord))).statusCode).toBe(204);
  });

  it('keeps a course in view with its sessions when its design is changed after approval', async () => {
    const design = (await t.request('GET', `/api/designs/${designId}`, s.as(s.coord))).json();
    const changed = await t.request(
      'PATCH',
      `/api/designs/${designId}`,
      s.as(s.coord, { revision: design.revision, schedule: 'Två heldagar i februari' }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().status).toBe('draft');
    const delivery = (await t.request('GET', `/api/cases/${s.caseId}/delivery`, s.as(s.coord))).json();
    expect(
      delivery.designs.map((d: { designId: string; sessions: unknown[] }) => [d.designId, d.sessions.length]),
    ).toEqual([[designId, 1]]);
    // new sessions wait for the design's approval again
    const refused = await t.request('POST', `/api/cases/${s.caseId}/sessions`, s.as(s.coord, session({})));
    expect(refused.statusCode).toBe(400);
  });

  it("are in a participant's subject access report", async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const report = await t.request(
      'POST',
      `/api/organisations/${s.hei}/subject-access`,
      s.as(admin, { personnummer: '19780501-0050' }),
    );
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().participants[0]).toMatchObject({
      firstName: 'Bo',
      attendance: { present: 0, absent: 0, excused: 1 },
      credentials: [],
    });
  });
});
