import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { listDesigns } from '../design/design.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { participantsOfDesign } from '../participants/participants.service.ts';
import { type Actor, contactPeopleOf } from '../tenancy/tenancy.service.ts';
import { courseIcs } from './delivery.calendar.ts';
import type { cancelSessionBody, reinstateSessionBody, updateSessionBody } from './delivery.contract.ts';
import { courseForMail, type MailCourse, mailText, sessionTimes, spelledOut } from './delivery.reminders.ts';
import { accountOfTeacher, auditSession, loadSession, oneSession, sessionView } from './delivery.service.ts';
import { courseSession, sessionAttendance } from './delivery.table.ts';
import { teacherNotices } from './delivery.teachers.ts';

type Session = typeof courseSession.$inferSelect;
type Change = 'cancelled' | 'reinstated' | 'changed';

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
  return change(db, actor, row, 'cancelled', {
    set: { cancelledAt: new Date(), cancelledBy: actor.userId, cancelReason: input.reason },
    tell: input.notifyParticipants,
    publicUrl,
    reason: input.reason,
  });
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
  return change(db, actor, row, 'reinstated', {
    set: { cancelledAt: null, cancelledBy: null, cancelReason: '' },
    tell: input.notifyParticipants,
    publicUrl,
  });
}

/**
 * Changes a session's day, times, place or content (its attendance stays); the participants with an e-mail
 * address, and the customer's contact people, are told when the coordinator asks and the session was or is
 * today or later.
 */
export async function updateSession(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: typeof updateSessionBody._output,
  publicUrl: string,
) {
  const row = await loadSession(db, actor, sessionId);
  const { notifyParticipants, ...fields } = input;
  const design = (await listDesigns(db, actor, row.caseId)).designs.find((d) => d.id === row.designId);
  const teacherUserId = design ? await accountOfTeacher(db, row.heiId, design, fields.teacher) : null;
  return change(db, actor, row, 'changed', {
    set: { ...fields, teacherUserId },
    tell: notifyParticipants,
    publicUrl,
  });
}

async function change(
  db: Db,
  actor: Actor,
  row: Session & { customerId: string },
  what: Change,
  {
    set,
    publicUrl,
    reason,
    ...asked
  }: { set: Partial<Session>; tell: boolean; publicUrl: string; reason?: string },
) {
  const today = stockholmDate(new Date());
  // a session moved from today on, or to it: either day may be the one people have in their calendars
  // (a called-off session that is edited stays called off: nobody is told it "changed")
  const tell =
    asked.tell &&
    (row.day >= today || (set.day ?? row.day) >= today) &&
    !(what === 'changed' && row.cancelledAt);
  const recipients = tell ? (await participantsOfDesign(db, row.designId)).filter((p) => p.email) : [];
  const contacts = tell ? await contactPeopleOf(db, row.customerId) : [];
  const course = tell ? await courseForMail(db, row, publicUrl) : null;
  const after = { ...row, ...set };
  const tellTeachers = await teacherNotices(
    db,
    actor,
    publicUrl,
    what === 'changed' ? { what, before: row, after } : { what, session: after },
  );
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(courseSession)
      .set({ ...set, sequence: sql`${courseSession.sequence} + 1` })
      .where(eq(courseSession.id, row.id))
      .returning();
    if (!updated) return;
    if (course) {
      // the changed event, same UID and a higher SEQUENCE: a calendar that has the session updates it (marks
      // it cancelled, confirmed again, or moved) when the participant opens the file
      const calendar = courseIcs(
        { title: course.title, hei: course.hei, sessions: [sessionView(updated)] },
        { attached: true },
      );
      for (const p of recipients)
        await enqueueMail(tx, {
          kind: `session_${what}`,
          to: p.email ?? '',
          subject: subjectOf(what, updated, course),
          text: textOf(what, row, updated, p.firstName, course),
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
        text: contactText(what, row, updated, course),
      });
    }
    await auditSession(tx, actor, updated, `course_session.${what}`, {
      reason: reason || undefined,
      notified: recipients.length,
    });
    await tellTeachers(tx);
  });
  return { session: await oneSession(db, row), notified: recipients.length };
}

// the case's reference in the subject: the HEI's retention rule erases a participant's e-mails by it
const subjectOf = (what: Change, session: Session, course: MailCourse) =>
  ({
    cancelled: `Inställt ${session.day}: ${course.title} (${course.reference}) / Cancelled: ${course.title}`,
    reinstated: `Blir av ${session.day}: ${course.title} (${course.reference}) / Taking place: ${course.title}`,
    changed: `Ändrat tillfälle: ${course.title} (${course.reference}) / Session changed: ${course.title}`,
  })[what];

/** "onsdag 3 februari 2027 kl. 09:00–16:00" / "Wednesday, 3 February 2027, 09:00–16:00 (Swedish time)". */
const when = (session: Session, locale: 'sv-SE' | 'en-GB') =>
  locale === 'sv-SE'
    ? `${spelledOut(session.day, locale)} kl. ${sessionTimes(session)}`
    : `${spelledOut(session.day, locale)}, ${sessionTimes(session)} (Swedish time)`;

/** The first lines of a notice: what happened to which session, in Swedish and in English. */
function whatHappened(what: Change, before: Session, after: Session, course: MailCourse) {
  const of = {
    sv: `Tillfället i ${course.title} med ${course.hei}`,
    en: `The session of ${course.title} (${course.hei})`,
  };
  if (what === 'cancelled')
    return {
      sv: [`${of.sv} ${when(after, 'sv-SE')} är inställt.`],
      en: [`${of.en} on ${when(after, 'en-GB')}, is cancelled.`],
    };
  if (what === 'reinstated')
    return {
      sv: [`${of.sv} ${when(after, 'sv-SE')} blir av ändå, som det var planerat.`],
      en: [`${of.en} on ${when(after, 'en-GB')}, takes place after all, as planned.`],
    };
  return {
    sv: [`${of.sv} ${when(before, 'sv-SE')} är ändrat.`, `Nu: ${when(after, 'sv-SE')}`],
    en: [`${of.en} on ${when(before, 'en-GB')}, has changed.`, `Now: ${when(after, 'en-GB')}`],
  };
}

/** What the customer's contact people read: which session of which course, what happened, and why. */
function contactText(what: Change, before: Session, after: Session, course: MailCourse) {
  const reason = after.cancelReason;
  if (what === 'cancelled')
    return mailText(
      [
        `${course.hei} har ställt in tillfället i ${course.title} ${when(after, 'sv-SE')}.`,
        reason && `Orsak: ${reason}`,
      ],
      [
        `${course.hei} has cancelled the session of ${course.title} on ${when(after, 'en-GB')}.`,
        reason && `Reason: ${reason}`,
      ],
    );
  const { sv, en } = whatHappened(what, before, after, course);
  const changed = what === 'changed';
  return mailText(
    [...sv, changed && after.place && `Plats: ${after.place}`],
    [...en, changed && after.place && `Place: ${after.place}`],
  );
}

/** The notice in Swedish, then English: which session, what happened and why, and the calendar link if any. */
function textOf(what: Change, before: Session, after: Session, firstName: string, course: MailCourse) {
  const { sv, en } = whatHappened(what, before, after, course);
  const placed = what !== 'cancelled' && after.place;
  return mailText(
    [
      `Hej ${firstName}!`,
      ...sv,
      after.cancelReason && `Orsak: ${after.cancelReason}`,
      placed && `Plats: ${after.place}`,
      what === 'changed' && after.topic && `Innehåll: ${after.topic}`,
      what === 'changed' && after.teacher && `Lärare: ${after.teacher}`,
      'Den bifogade filen schema.ics uppdaterar tillfället i din kalender.',
      course.feed && `Hela schemat i din kalender: ${course.feed}`,
    ],
    [
      `Hello ${firstName},`,
      ...en,
      after.cancelReason && `Reason: ${after.cancelReason}`,
      placed && `Place: ${after.place}`,
      what === 'changed' && after.topic && `Content: ${after.topic}`,
      what === 'changed' && after.teacher && `Teacher: ${after.teacher}`,
      'The attached file schema.ics updates the session in your calendar.',
      course.feed && `The whole schedule in your calendar: ${course.feed}`,
    ],
    [
      `${course.hei} skickar meddelandet eftersom du är anmäld till utbildningen. / ${course.hei} sends this because you are a participant of the course.`,
    ],
  );
}
