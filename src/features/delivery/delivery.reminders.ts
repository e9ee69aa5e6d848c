import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { caseSummariesOf } from '../cases/cases.service.ts';
import { designTitles } from '../design/design.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { participantsOfDesign } from '../participants/participants.service.ts';
import { organisationParty } from '../tenancy/tenancy.service.ts';
import { calendarPath, calendarTokens } from './delivery.service.ts';
import { courseSession, sessionReminderSent, sessionReminders } from './delivery.table.ts';

/** The weekday and date as a Swedish and an English reader write them: "onsdag 3 februari 2027". */
export const spelledOut = (day: string, locale: 'sv-SE' | 'en-GB') =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));

const hhmm = (time: string) => time.slice(0, 5);

/** "09:00–16:00", as an e-mail about a session writes its times. */
export const sessionTimes = (session: { startsAt: string; endsAt: string }) =>
  `${hhmm(session.startsAt)}–${hhmm(session.endsAt)}`;

/** An e-mail's text: each block's lines (those left out are falsy), blocks apart by an empty line. */
export const mailText = (...blocks: (string | false | null | undefined)[][]) =>
  blocks.map((lines) => lines.filter(Boolean).join('\n')).join('\n\n');

/**
 * Reminds the participants of tomorrow's sessions (Swedish calendar days) by e-mail: of the courses whose
 * HEI turned reminders on, each participant with an address, once per session and day. Returns how many
 * e-mails it wrote to the outbox. Run each morning (a job).
 */
export async function remindParticipants(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  const tomorrow = addDays(stockholmDate(now), 1);
  const sessions = await db
    .select({ session: courseSession })
    .from(courseSession)
    .innerJoin(sessionReminders, eq(sessionReminders.designId, courseSession.designId))
    .where(and(eq(courseSession.day, tomorrow), isNull(courseSession.cancelledAt)))
    .orderBy(courseSession.startsAt);
  let sent = 0;
  for (const { session } of sessions) {
    const participants = (await participantsOfDesign(db, session.designId)).filter((p) => p.email);
    if (!participants.length) continue;
    const course = await courseForMail(db, session, publicUrl);
    for (const p of participants)
      if (await remindOnce(db, session, { id: p.id, firstName: p.firstName, email: p.email ?? '' }, course))
        sent += 1;
  }
  return sent;
}

type Session = typeof courseSession.$inferSelect;
export type MailCourse = { title: string; hei: string; reference: string; feed: string | null };

/**
 * What an e-mail to a session's participants says of its course: title, HEI, the case's reference (in the
 * subject: the HEI's retention rule erases a participant's e-mails by it) and the calendar feed, if any.
 */
export async function courseForMail(
  db: Db,
  session: Pick<Session, 'designId' | 'heiId' | 'caseId'>,
  publicUrl: string,
): Promise<MailCourse> {
  const [titles, hei, cases, tokens] = await Promise.all([
    designTitles(db, [session.designId]),
    organisationParty(db, session.heiId),
    caseSummariesOf(db, session.heiId, [session.caseId]),
    calendarTokens(db, [session.designId]),
  ]);
  const token = tokens.get(session.designId);
  return {
    title: titles.get(session.designId) ?? '',
    hei: hei.name,
    reference: cases.get(session.caseId)?.reference ?? '',
    feed: token ? `${publicUrl}${calendarPath(token)}` : null,
  };
}

async function remindOnce(
  db: Db,
  session: Session,
  to: { id: string; firstName: string; email: string },
  course: MailCourse,
) {
  return db.transaction(async (tx) => {
    const [first] = await tx
      .insert(sessionReminderSent)
      .values({ sessionId: session.id, participantId: to.id, day: session.day })
      .onConflictDoNothing()
      .returning();
    if (!first) return false;
    await enqueueMail(tx, {
      kind: 'session_reminder',
      to: to.email,
      // the case's reference in the subject: the HEI's retention rule erases a participant's mails by it
      subject: `I morgon: ${course.title} (${course.reference}) / Tomorrow: ${course.title}`,
      text: reminderText(session, to.firstName, course),
    });
    return true;
  });
}

/** The reminder in Swedish, then English: when, where, what, and the calendar link if there is one. */
function reminderText(session: Session, firstName: string, course: MailCourse) {
  const time = sessionTimes(session);
  const sv = [
    `Hej ${firstName}!`,
    `I morgon, ${spelledOut(session.day, 'sv-SE')}, kl. ${time}, är det ${course.title} med ${course.hei}.`,
    session.place && `Plats: ${session.place}`,
    session.topic && `Innehåll: ${session.topic}`,
    session.teacher && `Lärare: ${session.teacher}`,
    course.feed && `Hela schemat i din kalender: ${course.feed}`,
  ];
  const en = [
    `Hello ${firstName},`,
    `Tomorrow, ${spelledOut(session.day, 'en-GB')}, ${time} (Swedish time), ${course.hei} gives ${course.title}.`,
    session.place && `Place: ${session.place}`,
    session.topic && `Content: ${session.topic}`,
    session.teacher && `Teacher: ${session.teacher}`,
    course.feed && `The whole schedule in your calendar: ${course.feed}`,
  ];
  return mailText(sv, en, [
    `${course.hei} skickar påminnelsen eftersom du är anmäld till utbildningen. / ${course.hei} sends this reminder because you are a participant of the course.`,
  ]);
}
