import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../server/http/problem.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { type Actor, organisationParty } from '../tenancy/tenancy.service.ts';
import { scheduleIcs } from './delivery.calendar.ts';
import { sessionsTaughtBy } from './delivery.service.ts';
import { teachingCalendar } from './delivery.table.ts';

/** How far back the feed goes: a calendar keeps last month's sessions rather than see them vanish. */
const DAYS_BACK = 31;

export const teachingCalendarPath = (token: string) => `/api/public/teaching-calendars/${token}.ics`;

/** Only HEI staff teach: a customer's contact person has no teaching calendar. */
function assertHeiStaff(actor: Actor) {
  if (!actor.memberships.some((m) => m.scope === 'organisation' && m.tenant.kind === 'hei'))
    throw forbidden('Only the staff of an HEI have a teaching calendar.');
}

/** The person's feed address, if they made one. */
export async function teachingCalendarLink(db: Db, actor: Actor) {
  assertHeiStaff(actor);
  const [feed] = await db.select().from(teachingCalendar).where(eq(teachingCalendar.userId, actor.userId));
  return { path: feed ? teachingCalendarPath(feed.token) : null };
}

/** Makes the person's feed address, or a new one that replaces the one before (which then stops working). */
export async function renewTeachingCalendarLink(db: Db, actor: Actor) {
  assertHeiStaff(actor);
  const token = randomBytes(18).toString('base64url');
  await db
    .insert(teachingCalendar)
    .values({ userId: actor.userId, token })
    .onConflictDoUpdate({ target: teachingCalendar.userId, set: { token, createdAt: new Date() } });
  return { path: teachingCalendarPath(token) };
}

/**
 * The sessions the feed's owner teaches, at every HEI, from a month ago on — called-off ones too, marked, so
 * a calendar that has them marks them — as iCalendar; a replaced address is not found.
 */
export async function publicTeachingCalendar(db: Db, token: string): Promise<string> {
  const [feed] = await db.select().from(teachingCalendar).where(eq(teachingCalendar.token, token));
  if (!feed) throw notFound('The calendar');
  const sessions = await sessionsTaughtBy(db, feed.userId, {
    from: addDays(stockholmDate(new Date()), -DAYS_BACK),
    withCancelled: true,
    limit: 2_000,
  });
  const heis = new Map<string, string>();
  for (const heiId of new Set(sessions.map((s) => s.heiId)))
    heis.set(heiId, (await organisationParty(db, heiId)).name);
  return scheduleIcs(
    'Undervisning i Lupp / Teaching',
    sessions.map((session) => ({
      session,
      courseTitle: session.courseTitle,
      hei: heis.get(session.heiId) ?? '',
    })),
  );
}
