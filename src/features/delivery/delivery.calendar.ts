import { randomBytes } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { eq } from 'drizzle-orm';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertCaseAccess } from '../cases/cases.service.ts';
import { designTitles } from '../design/design.service.ts';
import { type Actor, actingCustomer, organisationParty } from '../tenancy/tenancy.service.ts';
import type { SessionView } from './delivery.contract.ts';
import { calendarPath, caseDelivery, customerDelivery, sessionsOf } from './delivery.service.ts';
import { courseCalendar, courseSession } from './delivery.table.ts';

/** Sessions are scheduled in Swedish local time: the calendar says so, so a phone abroad shows them right. */
const SWEDISH_TIME = 'Europe/Stockholm';

/** Both languages: the calendar is the participants', whichever they read. */
const CANCELLED_PREFIX = 'INSTÄLLT / CANCELLED:';

type CalendarSession = Pick<
  SessionView,
  | 'id'
  | 'day'
  | 'startsAt'
  | 'endsAt'
  | 'place'
  | 'topic'
  | 'teacher'
  | 'cancelledAt'
  | 'cancelReason'
  | 'sequence'
>;
export type CalendarCourse = { title: string; hei: string; sessions: CalendarSession[] };

/**
 * A course's schedule as an iCalendar file (RFC 5545): one event per session, in Swedish local time with its
 * time-zone rules. An event's UID is its session's id, so a calendar that imports the file again, or follows
 * the feed, moves a changed session instead of adding it twice.
 */
export function courseIcs(course: CalendarCourse, options: { attached?: boolean } = {}): string {
  const events = course.sessions.map((session) => ({ session, courseTitle: course.title, hei: course.hei }));
  return scheduleIcs(`${course.title} (${course.hei})`, events, options);
}

/** Sessions of one course or of several (a teacher's), each event named by its course. */
export function scheduleIcs(
  name: string,
  events: { session: CalendarSession; courseTitle: string; hei: string }[],
  options: { attached?: boolean } = {},
): string {
  const calendar = ical({
    name,
    prodId: { company: 'Lupp', product: 'Lupp', language: 'SV' },
    // calendar apps that follow the feed look again after this long
    ttl: 60 * 60,
    // sent with an e-mail: published events (iTIP), which a mail program offers to add, not a meeting to answer
    ...(options.attached ? { method: ICalCalendarMethod.PUBLISH } : {}),
  });
  // the zone's rules (VTIMEZONE) for the events' TZID; no calendar-wide zone, so DTSTAMP stays in UTC as
  // RFC 5545 asks (ical-generator writes it in the calendar's zone otherwise)
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const { session: s, courseTitle, hei } of events) {
    const title = s.topic ? `${courseTitle}: ${s.topic}` : courseTitle;
    calendar.createEvent({
      id: `${s.id}@lupp`,
      // "2026-12-03T09:00:00" with the zone: written as the local time it is, with TZID=Europe/Stockholm
      start: `${s.day}T${s.startsAt}:00`,
      end: `${s.day}T${s.endsAt}:00`,
      timezone: SWEDISH_TIME,
      // a calendar that imported the file before takes the event as newer, and changes its copy
      sequence: s.sequence,
      // a cancelled session stays, marked: a calendar that imported the file marks its copy (same UID)
      // cancelled too, and one that ignores the status still shows it in the title
      status: s.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: s.cancelledAt ? `${CANCELLED_PREFIX} ${title}` : title,
      location: s.place || null,
      description: [
        s.cancelledAt && s.cancelReason,
        s.topic,
        s.teacher && `Lärare / Teacher: ${s.teacher}`,
        hei,
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  return calendar.toString();
}

/** One course of the case as the HEI's staff see it in "Genomförande"; another HEI's is not found. */
export async function caseCalendar(db: Db, actor: Actor, caseId: string, designId: string) {
  const { heiId } = await assertCaseAccess(db, actor, caseId, 'read');
  const course = (await caseDelivery(db, actor, caseId)).designs.find((d) => d.designId === designId);
  if (!course) throw notFound('The course');
  const hei = (await organisationParty(db, heiId)).name;
  return { heiId, course: { title: course.title, hei, sessions: course.sessions } };
}

/** One course of the customer's cases with a schedule, as the portal shows it. */
export async function customerCalendar(db: Db, customerId: string, designId: string) {
  const course = (await customerDelivery(db, customerId)).find((c) => c.designId === designId);
  if (!course) throw notFound('The course');
  // the HEI that gives it: its sessions say (a course is in the portal once it has one)
  const [session] = await db
    .select({ heiId: courseSession.heiId })
    .from(courseSession)
    .where(eq(courseSession.designId, designId))
    .limit(1);
  if (!session) throw notFound('The course');
  return {
    heiId: session.heiId,
    course: { title: course.title, hei: course.hei, sessions: course.sessions },
  };
}

/**
 * Makes a new feed address for a course, which replaces the one before (say, when it was passed further than
 * meant). HEI staff who work on the case and the customer's contact people may; it is audited at the HEI.
 */
async function renewCalendarLink(db: Db, actor: Actor, designId: string, heiId: string) {
  const token = randomBytes(18).toString('base64url');
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(courseCalendar).where(eq(courseCalendar.designId, designId));
    await tx
      .insert(courseCalendar)
      .values({ designId, heiId, token, createdBy: actor.userId })
      .onConflictDoUpdate({
        target: courseCalendar.designId,
        set: { token, createdBy: actor.userId, createdAt: new Date() },
      });
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: before ? 'course_calendar.link_renewed' : 'course_calendar.link_created',
      subjectType: 'course_design',
      subjectId: designId,
      data: {},
    });
  });
  return { path: calendarPath(token) };
}

/** A new feed address made by the HEI's staff who work on the case. */
export async function renewCaseCalendarLink(db: Db, actor: Actor, caseId: string, designId: string) {
  await assertCaseAccess(db, actor, caseId, 'work');
  const { heiId } = await caseCalendar(db, actor, caseId, designId);
  return renewCalendarLink(db, actor, designId, heiId);
}

/** A new feed address made by the customer's contact people, of a course on one of their cases. */
export async function renewCustomerCalendarLink(db: Db, actor: Actor, designId: string) {
  const { heiId } = await customerCalendar(db, actingCustomer(actor), designId);
  return renewCalendarLink(db, actor, designId, heiId);
}

/** The course behind a feed address, as a calendar app fetches it; a replaced address is not found. */
export async function publicCalendar(db: Db, token: string): Promise<CalendarCourse> {
  const [feed] = await db.select().from(courseCalendar).where(eq(courseCalendar.token, token));
  if (!feed) throw notFound('The calendar');
  const [titles, hei, sessions] = await Promise.all([
    designTitles(db, [feed.designId]),
    organisationParty(db, feed.heiId),
    sessionsOf(db, [feed.designId]),
  ]);
  return { title: titles.get(feed.designId) ?? '', hei: hei.name, sessions };
}
