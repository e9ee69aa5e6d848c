import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { participantsOfDesign } from '../participants/participants.service.ts';
import { type Actor, contactPeopleOf } from '../tenancy/tenancy.service.ts';
import { courseIcs } from './delivery.calendar.ts';
import type { cancelSessionBody, reinstateSessionBody } from './delivery.contract.ts';
import { courseForMail, type MailCourse, mailText, sessionTimes, spelledOut } from './delivery.reminders.ts';
import { auditSession, loadSession, oneSession, sessionView } from './delivery.service.ts';
import { courseSession, sessionAttendance } from './delivery.table.ts';

type Session = typeof courseSession.$inferSelect;
type Change = 'cancelled' | 'reinstated';

/**
 * Calls a session off (the teacher is ill, the room is lost). It stays in the schedule, marked with why, so
 * the customer sees it and calendars that imported the schedule mark it cancelled; the participants with an
 * e-mail address are told, unless the coordinator says not to. A session whose attendance was recorded took
 * place and cannot be cancelled. The participants, and the customer's contact people (in Lupp and by e-mail),
 * are told only of a session today or later.
 */
export async function cancelSession(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: typeof cancelSessionBody._output,
  publicUrl: string,
) {
  const row = await loadSession(db, actor, sessionId);
  if (row.cancelledAt) throw conflict('The session is already cancelled.');
  const [recorded] = await db
    .select({ id: sessionAttendance.participantId })
    .from(sessionAttendance)
    .where(eq(sessionAttendance.sessionId, row.id))
    .limit(1);
  if (recorded)
    throw conflict('Attendance was recorded for the session, so it took place: it cannot be cancelled.');
  return change(db, actor, row, 'cancelled', input, publicUrl);
}

/** Gives a cancelled session after all, telling the participants who were told it was cancelled. */
export async function reinstateSession(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: typeof reinstateSessionBody._output,
  publicUrl: string,
) {
  const row = await loadSession(db, actor, sessionId);
  if (!row.cancelledAt) throw conflict('The session is not cancelled.');
  return change(db, actor, row, 'reinstated', { reason: '', ...input }, publicUrl);
}

async function change(
  db: Db,
  actor: Actor,
  row: Session & { customerId: string },
  what: Change,
  input: { reason: string; notifyParticipants: boolean },
  publicUrl: string,
) {
  const tell = input.notifyParticipants && row.day >= stockholmDate(new Date());
  const recipients = tell ? (await participantsOfDesign(db, row.designId)).filter((p) => p.email) : [];
  const contacts = tell ? await contactPeopleOf(db, row.customerId) : [];
  const course = tell ? await courseForMail(db, row, publicUrl) : null;
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(courseSession)
      .set({
        ...(what === 'cancelled'
          ? { cancelledAt: new Date(), cancelledBy: actor.userId, cancelReason: input.reason }
          : { cancelledAt: null, cancelledBy: null, cancelReason: '' }),
        sequence: sql`${courseSession.sequence} + 1`,
      })
      .where(eq(courseSession.id, row.id))
      .returning();
    if (!updated) return;
    if (course) {
      // the changed event, same UID and a higher SEQUENCE: a calendar that has the session marks it cancelled
      // (or confirmed again) when the participant opens the file
      const calendar = courseIcs(
        { title: course.title, hei: course.hei, sessions: [sessionView(updated)] },
        { attached: true },
      );
      for (const p of recipients)
        await enqueueMail(tx, {
          kind: `session_${what}`,
          to: p.email ?? '',
          subject: subjectOf(what, updated, course),
          text: textOf(what, updated, p.firstName, course),
          calendar,
        });
      // the customer's contact people pass the schedule on: they hear of it too, in Lupp and by e-mail
      await notify(tx, {
        userIds: contacts,
        kind: `session_${what}`,
        title: subjectOf(what, updated, course),
        link: `/portal/cases/${row.caseId}#portal-delivery`,
        actorName: actor.name,
        publicUrl,
        text: contactText(what, updated, course),
      });
    }
    await auditSession(tx, actor, updated, `course_session.${what}`, {
      reason: input.reason || undefined,
      notified: recipients.length,
    });
  });
  return { session: await oneSession(db, row), notified: recipients.length };
}

// the case's reference in the subject: the HEI's retention rule erases a participant's e-mails by it
const subjectOf = (what: Change, session: Session, course: MailCourse) =>
  what === 'cancelled'
    ? `Inställt ${session.day}: ${course.title} (${course.reference}) / Cancelled: ${course.title}`
    : `Blir av ${session.day}: ${course.title} (${course.reference}) / Taking place: ${course.title}`;

/** What the customer's contact people read: which session of which course, and why. */
function contactText(what: Change, session: Session, course: MailCourse) {
  const time = sessionTimes(session);
  const sv =
    what === 'cancelled'
      ? `${course.hei} har ställt in tillfället i ${course.title} ${spelledOut(session.day, 'sv-SE')} kl. ${time}.`
      : `Tillfället i ${course.title} ${spelledOut(session.day, 'sv-SE')} kl. ${time} blir av ändå, meddelar ${course.hei}.`;
  const en =
    what === 'cancelled'
      ? `${course.hei} has cancelled the session of ${course.title} on ${spelledOut(session.day, 'en-GB')}, ${time} (Swedish time).`
      : `The session of ${course.title} on ${spelledOut(session.day, 'en-GB')}, ${time} (Swedish time), takes place after all, ${course.hei} says.`;
  const reason = session.cancelReason;
  return mailText([sv, reason && `Orsak: ${reason}`], [en, reason && `Reason: ${reason}`]);
}

/** The notice in Swedish, then English: which session, why, and the calendar link if there is one. */
function textOf(what: Change, session: Session, firstName: string, course: MailCourse) {
  const time = sessionTimes(session);
  const when = { sv: spelledOut(session.day, 'sv-SE'), en: spelledOut(session.day, 'en-GB') };
  const sv = [
    `Hej ${firstName}!`,
    what === 'cancelled'
      ? `Tillfället i ${course.title} med ${course.hei} ${when.sv} kl. ${time} är inställt.`
      : `Tillfället i ${course.title} med ${course.hei} ${when.sv} kl. ${time} blir av ändå, som det var planerat.`,
    session.cancelReason && `Orsak: ${session.cancelReason}`,
    session.place && what === 'reinstated' && `Plats: ${session.place}`,
    course.feed && `Hela schemat i din kalender: ${course.feed}`,
  ];
  const en = [
    `Hello ${firstName},`,
    what === 'cancelled'
      ? `The session of ${course.title} (${course.hei}) on ${when.en}, ${time} (Swedish time), is cancelled.`
      : `The session of ${course.title} (${course.hei}) on ${when.en}, ${time} (Swedish time), takes place after all, as planned.`,
    session.cancelReason && `Reason: ${session.cancelReason}`,
    session.place && what === 'reinstated' && `Place: ${session.place}`,
    course.feed && `The whole schedule in your calendar: ${course.feed}`,
  ];
  return mailText(sv, en, [
    `${course.hei} skickar meddelandet eftersom du är anmäld till utbildningen. / ${course.hei} sends this because you are a participant of the course.`,
  ]);
}
