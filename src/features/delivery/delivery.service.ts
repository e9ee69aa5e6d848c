import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, invalid, notFound } from '../../server/http/problem.ts';
import { holidayOn } from '../../shared/working-days.ts';
import type { AuditDetailKey } from '../audit/audit.contract.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  assertCaseAccess,
  caseSummariesOf,
  casesForCustomer,
  recordEvidence,
} from '../cases/cases.service.ts';
import { designTitles, listDesigns } from '../design/design.service.ts';
import { participantsOfDesign } from '../participants/participants.service.ts';
import { type Actor, listMemberships } from '../tenancy/tenancy.service.ts';
import type {
  AttendanceStatus,
  attendanceBody,
  createSessionBody,
  PlaceClash,
  SessionView,
  TeacherClash,
} from './delivery.contract.ts';
import { teacherKey } from './delivery.contract.ts';
import {
  attendanceSharing,
  courseCalendar,
  courseSession,
  scheduleNoticeSent,
  sessionAttendance,
  sessionReminders,
} from './delivery.table.ts';
import { teacherNotices } from './delivery.teachers.ts';

type SessionRow = typeof courseSession.$inferSelect;
type Participant = Awaited<ReturnType<typeof participantsOfDesign>>[number];

/** "09:00:00" as stored → "09:00" as written. */
const hhmm = (time: string) => time.slice(0, 5);

export const sessionView = (row: SessionRow, attendance: SessionView['attendance'] = []): SessionView => ({
  id: row.id,
  designId: row.designId,
  day: row.day,
  startsAt: hhmm(row.startsAt),
  endsAt: hhmm(row.endsAt),
  place: row.place,
  topic: row.topic,
  teacher: row.teacher,
  cancelledAt: row.cancelledAt?.toISOString() ?? null,
  cancelReason: row.cancelReason,
  sequence: row.sequence,
  attendance,
});

export async function sessionsOf(db: Db, designIds: string[]) {
  if (!designIds.length) return [];
  const rows = await db
    .select()
    .from(courseSession)
    .where(inArray(courseSession.designId, designIds))
    .orderBy(asc(courseSession.day), asc(courseSession.startsAt));
  const marks = rows.length
    ? await db
        .select()
        .from(sessionAttendance)
        .where(
          inArray(
            sessionAttendance.sessionId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((row) =>
    sessionView(
      row,
      marks
        .filter((m) => m.sessionId === row.id)
        .map((m) => ({ participantId: m.participantId, status: m.status })),
    ),
  );
}

/**
 * Places that name no room: a link, or a word of meeting online. Two courses "on Zoom" at once do not clash.
 * A word is matched whole (Postgres's \m and \M), so "Teamsalen" is a room.
 */
const NOT_A_ROOM =
  '(://|^www\\.|\\m(zoom|teams|distans|online|digital|digitalt|webb|webben|webbinarium|webinar|remote|videomöte)\\M)';

/** A place as compared: case and spaces aside ("Sal B201" is "sal  b201"). */
const placeKey = (place: SQLWrapper) => sql`lower(regexp_replace(btrim(${place}), '\\s+', ' ', 'g'))`;

/** The other session of an overlap. */
const other = alias(courseSession, 'other');

/** The other session has the same teacher (by account), at any HEI. */
const sameTeacher = eq(other.teacherUserId, courseSession.teacherUserId);

/**
 * Both sessions are this HEI's, in the same room: places written alike (case and spaces aside), a room's (not
 * empty, no link or online meeting). Rooms are free text: only the HEI's own sessions share its rooms' names.
 */
const sameRoom = (heiId: string) =>
  and(
    eq(other.heiId, heiId),
    eq(courseSession.heiId, heiId),
    sql`${placeKey(other.place)} = ${placeKey(courseSession.place)}`,
    sql`btrim(${courseSession.place}) <> ''`,
    sql`${courseSession.place} !~* ${NOT_A_ROOM}`,
  );

/**
 * The sessions that `which` picks (neither called off) that overlap another session on the same day that shares
 * what `same` says (a teacher, a room). Back to back is no clash.
 */
async function overlappingSessions(db: Db, which: SQL, same: SQL | undefined) {
  return db
    .select({
      session: { id: courseSession.id, teacher: courseSession.teacher, place: courseSession.place },
      other: {
        id: other.id,
        heiId: other.heiId,
        caseId: other.caseId,
        designId: other.designId,
        day: other.day,
        startsAt: other.startsAt,
        endsAt: other.endsAt,
      },
    })
    .from(courseSession)
    .innerJoin(
      other,
      and(
        same,
        eq(other.day, courseSession.day),
        ne(other.id, courseSession.id),
        lt(other.startsAt, courseSession.endsAt),
        gt(other.endsAt, courseSession.startsAt),
        isNull(other.cancelledAt),
      ),
    )
    .where(and(which, isNull(courseSession.cancelledAt)))
    .orderBy(asc(courseSession.day), asc(courseSession.startsAt), asc(other.startsAt));
}

type OverlapRow = Awaited<ReturnType<typeof overlappingSessions>>[number];

/** Each overlap with its other session as shown: this HEI's with its course named, another HEI's by time only. */
async function withOtherSessions(db: Db, heiId: string, rows: OverlapRow[]) {
  const ours = rows.filter((r) => r.other.heiId === heiId);
  const [cases, titles] = await Promise.all([
    caseSummariesOf(db, heiId, [...new Set(ours.map((r) => r.other.caseId))]),
    designTitles(db, [...new Set(ours.map((r) => r.other.designId))]),
  ]);
  return rows.map(({ session, other }) => {
    const theCase = other.heiId === heiId ? cases.get(other.caseId) : undefined;
    return {
      session,
      other: {
        sessionId: theCase ? other.id : null,
        day: other.day,
        startsAt: hhmm(other.startsAt),
        endsAt: hhmm(other.endsAt),
        caseId: theCase?.id ?? null,
        reference: theCase?.reference ?? null,
        title: theCase ? (titles.get(other.designId) ?? null) : null,
      },
    };
  });
}

/**
 * The sessions of these courses whose teacher has an account and is booked for another session (not called off)
 * that overlaps it, at any HEI: a coordinator sees the clash where the session is scheduled. Another HEI's session
 * is told by its time only, not its course.
 */
async function teacherClashes(db: Db, heiId: string, designIds: string[]): Promise<TeacherClash[]> {
  if (!designIds.length) return [];
  const rows = await overlappingSessions(db, inArray(courseSession.designId, designIds), sameTeacher);
  return (await withOtherSessions(db, heiId, rows)).map(({ session, other }) => ({
    sessionId: session.id,
    teacher: session.teacher,
    other,
  }));
}

/**
 * The sessions of these courses whose place (a room, as written) is that of another session of this HEI (not
 * called off) that overlaps it (`sameRoom`).
 */
async function placeClashes(db: Db, heiId: string, designIds: string[]): Promise<PlaceClash[]> {
  if (!designIds.length) return [];
  const rows = await overlappingSessions(db, inArray(courseSession.designId, designIds), sameRoom(heiId));
  return (await withOtherSessions(db, heiId, rows)).map(({ session, other }) => ({
    sessionId: session.id,
    place: session.place,
    other,
  }));
}

/**
 * The sessions of these cases from one day through another (not called off) that clash: their teacher or their room
 * is booked for another session at the same time. Each once, with what it clashes on, in day and time order.
 */
export async function clashingSessionsOfCases(
  db: Db,
  heiId: string,
  caseIds: string[],
  range: { from: string; to: string },
) {
  if (!caseIds.length) return [];
  const upcoming = await db
    .select()
    .from(courseSession)
    .where(
      and(
        eq(courseSession.heiId, heiId),
        inArray(courseSession.caseId, caseIds),
        isNull(courseSession.cancelledAt),
        gte(courseSession.day, range.from),
        lte(courseSession.day, range.to),
      ),
    )
    .orderBy(asc(courseSession.day), asc(courseSession.startsAt));
  if (!upcoming.length) return [];
  // only these sessions, and only whether they clash: not what with (the case's delivery shows that)
  const these = inArray(
    courseSession.id,
    upcoming.map((s) => s.id),
  );
  const [teachers, places, titles, cases] = await Promise.all([
    overlappingSessions(db, these, sameTeacher),
    overlappingSessions(db, these, sameRoom(heiId)),
    designTitles(db, [...new Set(upcoming.map((s) => s.designId))]),
    caseSummariesOf(db, heiId, [...new Set(upcoming.map((s) => s.caseId))]),
  ]);
  return upcoming
    .map((s) => ({
      sessionId: s.id,
      caseId: s.caseId,
      caseReference: cases.get(s.caseId)?.reference ?? '',
      courseTitle: titles.get(s.designId) ?? '',
      day: s.day,
      startsAt: hhmm(s.startsAt),
      endsAt: hhmm(s.endsAt),
      teacher: teachers.some((c) => c.session.id === s.id) ? s.teacher : null,
      place: places.some((c) => c.session.id === s.id) ? s.place : null,
    }))
    .filter((s) => s.teacher !== null || s.place !== null);
}

/** How many places a session's form offers. */
const PLACES_OFFERED = 50;

/** The places of the HEI's sessions as written, the most used first (then by name). */
async function placesOfHei(db: Db, heiId: string): Promise<string[]> {
  const uses = sql<number>`count(*)`;
  const rows = await db
    .select({ place: courseSession.place })
    .from(courseSession)
    .where(and(eq(courseSession.heiId, heiId), ne(courseSession.place, '')))
    .groupBy(courseSession.place)
    .orderBy(desc(uses), asc(courseSession.place))
    .limit(PLACES_OFFERED);
  return rows.map((r) => r.place);
}

/** The sessions' scheduled hours summed (0 for none), as sessionHours counts one. */
const summedHours = sql<number>`coalesce(sum(extract(epoch from ${courseSession.endsAt} - ${courseSession.startsAt})) / 3600, 0)::float8`;

/**
 * The hours each teacher with an account is scheduled to teach at the HEI from one day through another, sessions
 * called off left out (for the staff pages; no access check).
 */
export async function scheduledHoursByTeacher(
  db: Db,
  heiId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({
      userId: courseSession.teacherUserId,
      hours: summedHours,
    })
    .from(courseSession)
    .where(
      and(
        eq(courseSession.heiId, heiId),
        gte(courseSession.day, from),
        lte(courseSession.day, to),
        isNull(courseSession.cancelledAt),
        sql`${courseSession.teacherUserId} is not null`,
      ),
    )
    .groupBy(courseSession.teacherUserId);
  return new Map(rows.flatMap((r) => (r.userId ? [[r.userId, Number(r.hours)]] : [])));
}

/** The HEI's sessions given (not called off) from one day through another: how many, and their hours (key figures). */
export async function sessionsGiven(db: Db, heiId: string, from: string | null, to: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      hours: summedHours,
    })
    .from(courseSession)
    .where(
      and(
        eq(courseSession.heiId, heiId),
        from ? gte(courseSession.day, from) : undefined,
        lte(courseSession.day, to),
        isNull(courseSession.cancelledAt),
      ),
    );
  return { count: row?.count ?? 0, hours: Number(row?.hours ?? 0) };
}

/** The day of each of these courses' last session that is not cancelled (courses with none are left out). */
export async function lastSessionDays(db: Db, designIds: string[]): Promise<Map<string, string>> {
  if (!designIds.length) return new Map();
  const rows = await db
    .select({ designId: courseSession.designId, day: sql<string>`max(${courseSession.day})::text` })
    .from(courseSession)
    .where(and(inArray(courseSession.designId, designIds), isNull(courseSession.cancelledAt)))
    .groupBy(courseSession.designId);
  return new Map(rows.map((r) => [r.designId, r.day]));
}

/** The address of a course's calendar feed, under the deployment's public address. */
export const calendarPath = (token: string) => `/api/public/course-calendars/${token}.ics`;

/** The feed tokens of these designs (for the delivery views; no access check). */
export async function calendarTokens(db: Db, designIds: string[]): Promise<Map<string, string>> {
  if (!designIds.length) return new Map();
  const rows = await db.select().from(courseCalendar).where(inArray(courseCalendar.designId, designIds));
  return new Map(rows.map((r) => [r.designId, r.token]));
}

const feedPath = (tokens: Map<string, string>, designId: string) => {
  const token = tokens.get(designId);
  return token ? calendarPath(token) : null;
};

/** Each participant's count of sessions present, absent and excused (sessions not recorded count nowhere). */
function summaries(participants: Participant[], sessions: SessionView[]) {
  return participants.map((p) => {
    const marks = sessions.flatMap((s) => s.attendance.filter((a) => a.participantId === p.id));
    const count = (status: AttendanceStatus) => marks.filter((m) => m.status === status).length;
    return {
      participantId: p.id,
      name: `${p.firstName} ${p.lastName}`.trim(), // empty once the HEI's retention rule anonymised them
      present: count('present'),
      absent: count('absent'),
      excused: count('excused'),
    };
  });
}

/** The approved designs of the case: the courses that are or will be given. */
async function approvedDesigns(db: Db, actor: Actor, caseId: string) {
  return (await listDesigns(db, actor, caseId)).designs.filter((d) => d.status === 'approved');
}

export async function caseDelivery(db: Db, actor: Actor, caseId: string) {
  const access = await assertCaseAccess(db, actor, caseId, 'read');
  const all = (await listDesigns(db, actor, caseId)).designs;
  const sessions = await sessionsOf(
    db,
    all.map((d) => d.id),
  );
  // a design changed after its approval (approval taken back) keeps the sessions already scheduled in view
  const designs = all.filter((d) => d.status === 'approved' || sessions.some((s) => s.designId === d.id));
  const ids = designs.map((d) => d.id);
  const [shared, reminded, participants, tokens, noticesSent, clashes, placeClashed, places] =
    await Promise.all([
      ids.length ? db.select().from(attendanceSharing).where(inArray(attendanceSharing.designId, ids)) : [],
      ids.length ? db.select().from(sessionReminders).where(inArray(sessionReminders.designId, ids)) : [],
      Promise.all(designs.map((d) => participantsOfDesign(db, d.id))),
      calendarTokens(db, ids),
      ids.length ? db.select().from(scheduleNoticeSent).where(inArray(scheduleNoticeSent.designId, ids)) : [],
      teacherClashes(db, access.heiId, ids),
      placeClashes(db, access.heiId, ids),
      placesOfHei(db, access.heiId),
    ]);
  return {
    designs: designs.map((d, i) => {
      const own = sessions.filter((s) => s.designId === d.id);
      return {
        designId: d.id,
        title: d.title,
        teachers: [...new Set(d.teachers.map((teacher) => teacher.name))],
        attendanceSharedAt: shared.find((s) => s.designId === d.id)?.sharedAt.toISOString() ?? null,
        calendarPath: feedPath(tokens, d.id),
        remindersOn: reminded.some((r) => r.designId === d.id),
        scheduleNotice: scheduleNoticeOf(
          participants[i] ?? [],
          noticesSent.filter((n) => n.designId === d.id),
        ),
        sessions: own,
        participants: summaries(participants[i] ?? [], own),
        clashes: clashes.filter((c) => own.some((x) => x.id === c.sessionId)),
        placeClashes: placeClashed.filter((c) => own.some((x) => x.id === c.sessionId)),
      };
    }),
    places,
  };
}

export async function createSession(
  db: Db,
  actor: Actor,
  caseId: string,
  input: typeof createSessionBody._output,
  /** Lupp's address, for the e-mail that tells the teacher; null tells nobody (demo data) */
  publicUrl: string | null,
) {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  const design = (await approvedDesigns(db, actor, caseId)).find((d) => d.id === input.designId);
  if (!design) throw invalid([{ field: 'body.designId', message: 'is not an approved design of this case' }]);
  const { occurrences, ...fields } = input;
  const teacherUserId = await accountOfTeacher(db, access.heiId, design, fields.teacher);
  const { days, holidaysSkipped } = weeklySeries(fields.day, occurrences);
  const newSessions = days.map((day) => ({
    ...fields,
    day,
    teacherUserId,
    heiId: access.heiId,
    caseId,
    cancelledAt: null,
    cancelReason: '',
  }));
  const tellTeachers = await teacherNotices(db, actor, publicUrl, {
    what: 'scheduled',
    sessions: newSessions,
  });
  const rows = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(courseSession)
      .values(newSessions.map((session) => ({ ...session, createdBy: actor.userId })))
      .returning();
    for (const row of rows) await auditSession(tx, actor, row, 'course_session.created');
    await tellTeachers(tx);
    return rows.sort((a, b) => a.day.localeCompare(b.day));
  });
  const [first, ...rest] = rows;
  if (!first) throw new AppError(500, 'internal_error', 'the session was not written');
  return { ...sessionView(first), series: rest.map((row) => sessionView(row)), holidaysSkipped };
}

/**
 * The account of the session's teacher: one of the design's teachers who has one, by the name as written, while
 * they are a member of the HEI (a design keeps the id of someone who has left). A name the design does not have
 * (a guest lecturer) stays a name only.
 */
export async function accountOfTeacher(
  db: Db,
  heiId: string,
  design: { teachers: { name: string; userId: string | null }[] },
  name: string,
): Promise<string | null> {
  const wanted = teacherKey(name);
  const userId = wanted
    ? design.teachers.find((t) => t.userId && teacherKey(t.name) === wanted)?.userId
    : null;
  if (!userId) return null;
  return (await listMemberships(db, userId)).some((m) => m.tenant.id === heiId) ? userId : null;
}

const weekLater = (isoDate: string) => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
};

/**
 * The days of `count` weekly sessions from `first` (which is kept even on a holiday: the coordinator chose it);
 * a later week whose day is a holiday is passed over, so the course still gets the sessions asked for.
 */
function weeklySeries(first: string, count: number) {
  const days = [first];
  const holidaysSkipped: { day: string; name: { sv: string; en: string } }[] = [];
  for (let day = weekLater(first); days.length < count; day = weekLater(day)) {
    const holiday = holidayOn(day);
    if (holiday) holidaysSkipped.push({ day, name: holiday });
    else days.push(day);
  }
  return { days, holidaysSkipped };
}

export const auditSession = (
  tx: Parameters<typeof recordAudit>[0],
  actor: Actor,
  row: SessionRow,
  action:
    | 'course_session.created'
    | 'course_session.changed'
    | 'course_session.deleted'
    | 'course_session.cancelled'
    | 'course_session.reinstated'
    | 'course_session.attendance_recorded',
  data: Partial<Record<AuditDetailKey, unknown>> = {},
) =>
  recordAudit(tx, {
    actor,
    organisationId: row.heiId,
    action,
    subjectType: 'course_session',
    subjectId: row.id,
    data: { caseId: row.caseId, day: row.day, ...data },
  });

/** A session as it is now, with its attendance. */
export async function oneSession(db: Db, row: SessionRow): Promise<SessionView> {
  const found = (await sessionsOf(db, [row.designId])).find((s) => s.id === row.id);
  if (!found) throw notFound('The session');
  return found;
}

/** A session the actor may change: its case must be theirs to work on (another HEI's is not found). */
export async function loadSession(db: Db, actor: Actor, sessionId: string) {
  const [row] = await db.select().from(courseSession).where(eq(courseSession.id, sessionId));
  if (!row) throw notFound('The session');
  const { customerId } = await assertCaseAccess(db, actor, row.caseId, 'work');
  return { ...row, customerId };
}

/** Removes a session entered by mistake (with its attendance); publicUrl null tells its teacher nothing (tests). */
export async function deleteSession(db: Db, actor: Actor, sessionId: string, publicUrl: string | null) {
  const row = await loadSession(db, actor, sessionId);
  const tellTeachers = await teacherNotices(db, actor, publicUrl, { what: 'removed', session: row });
  await db.transaction(async (tx) => {
    await tx.delete(courseSession).where(eq(courseSession.id, row.id));
    await auditSession(tx, actor, row, 'course_session.deleted');
    await tellTeachers(tx);
  });
}

/** Records (or corrects) who attended a session; only the course's participants. */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: typeof attendanceBody._output,
) {
  const row = await loadSession(db, actor, sessionId);
  if (row.cancelledAt) throw conflict('The session was cancelled: give it after all to record who attended.');
  const participants = new Set((await participantsOfDesign(db, row.designId)).map((p) => p.id));
  const unknown = input.entries.filter((e) => !participants.has(e.participantId)).map((e) => e.participantId);
  if (unknown.length)
    throw invalid([
      {
        field: 'body.entries',
        message: `not participants of this course: ${[...new Set(unknown)].join(', ')}`,
      },
    ]);
  const entries = [...new Map(input.entries.map((e) => [e.participantId, e])).values()];
  await db.transaction(async (tx) => {
    await tx
      .insert(sessionAttendance)
      .values(entries.map((e) => ({ sessionId: row.id, ...e, recordedBy: actor.userId })))
      .onConflictDoUpdate({
        target: [sessionAttendance.sessionId, sessionAttendance.participantId],
        set: { status: sql`excluded.status`, recordedBy: actor.userId, recordedAt: new Date() },
      });
    await auditSession(tx, actor, row, 'course_session.attendance_recorded', {
      present: entries.filter((e) => e.status === 'present').length,
      of: entries.length,
    });
    // attendance at a session is what shows the course has started
    await recordEvidence(tx, row.caseId, 'attendance_recorded', actor.userId);
  });
  return oneSession(db, row);
}

/** Shares (or stops sharing) a course's attendance with the customer's contact people. */
export const setAttendanceSharing = (
  db: Db,
  actor: Actor,
  caseId: string,
  designId: string,
  shared: boolean,
) =>
  setCourseChoice(db, actor, caseId, designId, shared, {
    on: (tx) =>
      tx.insert(attendanceSharing).values({ designId, sharedBy: actor.userId }).onConflictDoNothing(),
    off: (tx) => tx.delete(attendanceSharing).where(eq(attendanceSharing.designId, designId)),
    audit: shared ? 'attendance.shared' : 'attendance.unshared',
  });

/** Of a course's participants with an e-mail address: how many were not sent the schedule, and when it was last. */
function scheduleNoticeOf(participants: Participant[], sent: (typeof scheduleNoticeSent.$inferSelect)[]) {
  const withEmail = participants.filter((p) => p.email);
  const sentTo = new Set(sent.map((n) => n.participantId));
  const last = sent.reduce<Date | null>(
    (latest, n) => (!latest || n.sentAt > latest ? n.sentAt : latest),
    null,
  );
  return {
    withEmail: withEmail.length,
    notYetSent: withEmail.filter((p) => !sentTo.has(p.id)).length,
    lastSentAt: last?.toISOString() ?? null,
  };
}

/** Turns on (or off) the e-mail reminders to the course's participants the day before each session. */
export const setSessionReminders = (db: Db, actor: Actor, caseId: string, designId: string, on: boolean) =>
  setCourseChoice(db, actor, caseId, designId, on, {
    on: (tx) =>
      tx.insert(sessionReminders).values({ designId, enabledBy: actor.userId }).onConflictDoNothing(),
    off: (tx) => tx.delete(sessionReminders).where(eq(sessionReminders.designId, designId)),
    audit: on ? 'session_reminders.enabled' : 'session_reminders.disabled',
  });

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A yes-or-no choice the case's workers make for one of its courses, audited; the delivery as it then is. */
async function setCourseChoice(
  db: Db,
  actor: Actor,
  caseId: string,
  designId: string,
  on: boolean,
  choice: {
    on: (tx: Tx) => Promise<unknown>;
    off: (tx: Tx) => Promise<unknown>;
    audit:
      | 'attendance.shared'
      | 'attendance.unshared'
      | 'session_reminders.enabled'
      | 'session_reminders.disabled';
  },
) {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  if (!(await listDesigns(db, actor, caseId)).designs.some((d) => d.id === designId))
    throw notFound('The course');
  await db.transaction(async (tx) => {
    await (on ? choice.on(tx) : choice.off(tx));
    await recordAudit(tx, {
      actor,
      organisationId: access.heiId,
      action: choice.audit,
      subjectType: 'course_design',
      subjectId: designId,
      data: { caseId },
    });
  });
  return caseDelivery(db, actor, caseId);
}

/**
 * The schedule of the courses given on the customer's cases (optionally one case's), and each participant's
 * attendance where the HEI shares it. No access check.
 */
export async function customerDelivery(db: Db, customerId: string, caseId?: string) {
  const cases = (await casesForCustomer(db, customerId)).filter((c) => !caseId || c.id === caseId);
  if (!cases.length) return [];
  const hei = new Map(cases.map((c) => [c.id, c.hei]));
  const sessionRows = await db
    .select({ designId: courseSession.designId, caseId: courseSession.caseId })
    .from(courseSession)
    .where(inArray(courseSession.caseId, [...hei.keys()]))
    .groupBy(courseSession.designId, courseSession.caseId);
  if (!sessionRows.length) return [];
  const designIds = sessionRows.map((r) => r.designId);
  const [sessions, shared, titles, tokens] = await Promise.all([
    sessionsOf(db, designIds),
    db.select().from(attendanceSharing).where(inArray(attendanceSharing.designId, designIds)),
    designTitles(db, designIds),
    calendarTokens(db, designIds),
  ]);
  return Promise.all(
    sessionRows.map(async ({ designId, caseId: of }) => {
      const own = sessions.filter((s) => s.designId === designId);
      const isShared = shared.some((s) => s.designId === designId);
      return {
        designId,
        caseId: of,
        hei: hei.get(of) ?? '',
        title: titles.get(designId) ?? '',
        calendarPath: feedPath(tokens, designId),
        sessions: own.map(({ attendance: _marks, designId: _design, ...s }) => s),
        attendance: isShared ? summaries(await participantsOfDesign(db, designId), own) : null,
      };
    }),
  );
}

type AttendanceCounts = Record<AttendanceStatus, number>;

/** Each participant's sessions by status, of the attendance rows `where` picks (no access check). */
async function attendanceCounts(db: Db, where: SQL): Promise<Map<string, AttendanceCounts>> {
  const rows = await db
    .select({
      participantId: sessionAttendance.participantId,
      status: sessionAttendance.status,
      n: sql<number>`count(*)::int`,
    })
    .from(sessionAttendance)
    .innerJoin(courseSession, eq(courseSession.id, sessionAttendance.sessionId))
    .where(where)
    .groupBy(sessionAttendance.participantId, sessionAttendance.status);
  const result = new Map<string, AttendanceCounts>();
  for (const r of rows) {
    const counts = result.get(r.participantId) ?? { present: 0, absent: 0, excused: 0 };
    counts[r.status] = r.n;
    result.set(r.participantId, counts);
  }
  return result;
}

/** Each participant's sessions of a course by status (micro-credentials show it; no access check). */
export const attendanceOfDesign = (db: Db, designId: string) =>
  attendanceCounts(db, eq(courseSession.designId, designId));

/** How many sessions each of these participants was recorded present, absent and excused (subject access). */
export async function attendanceOfParticipants(db: Db, participantIds: string[]) {
  if (!participantIds.length) return new Map<string, AttendanceCounts>();
  return attendanceCounts(db, inArray(sessionAttendance.participantId, participantIds));
}

/**
 * The sessions a person is the teacher of, from `from` (to `to`), by day and time, with their courses' titles:
 * at one HEI or at all, called-off ones left out unless asked for. Their overview, and their calendar feed.
 */
export async function sessionsTaughtBy(
  db: Db,
  userId: string,
  range: { from: string; to?: string; heiId?: string; withCancelled?: boolean; limit: number },
) {
  const rows = await db
    .select()
    .from(courseSession)
    .where(
      and(
        eq(courseSession.teacherUserId, userId),
        range.heiId ? eq(courseSession.heiId, range.heiId) : undefined,
        range.withCancelled ? undefined : isNull(courseSession.cancelledAt),
        gte(courseSession.day, range.from),
        range.to ? lte(courseSession.day, range.to) : undefined,
      ),
    )
    .orderBy(asc(courseSession.day), asc(courseSession.startsAt))
    .limit(range.limit);
  const titles = await designTitles(db, [...new Set(rows.map((r) => r.designId))]);
  return rows.map((row) => ({
    ...sessionView(row),
    caseId: row.caseId,
    heiId: row.heiId,
    courseTitle: titles.get(row.designId) ?? '',
  }));
}
