import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertCaseAccess } from '../cases/cases.service.ts';
import { listDesigns } from '../design/design.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { participantsOfDesign } from '../participants/participants.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import { courseIcs } from './delivery.calendar.ts';
import type { SessionView, scheduleNoticeBody } from './delivery.contract.ts';
import { courseForMail, type MailCourse, mailText, sessionTimes, spelledOut } from './delivery.reminders.ts';
import { sessionsOf } from './delivery.service.ts';
import { scheduleNoticeSent } from './delivery.table.ts';

/**
 * E-mails a course's schedule to its participants (the kallelse): the sessions from today on, in the text and as
 * a calendar file to add them with, and the feed address if there is one. To those not sent it yet (added since),
 * or to everyone again after a change. Each participant's last sending is kept; audited.
 */
export async function sendScheduleNotice(
  db: Db,
  actor: Actor,
  caseId: string,
  designId: string,
  input: typeof scheduleNoticeBody._output,
  publicUrl: string,
) {
  const { heiId } = await assertCaseAccess(db, actor, caseId, 'work');
  if (!(await listDesigns(db, actor, caseId)).designs.some((d) => d.id === designId))
    throw notFound('The course');
  const today = stockholmDate(new Date());
  const ahead = (await sessionsOf(db, [designId])).filter((s) => s.day >= today && !s.cancelledAt);
  if (!ahead.length)
    throw conflict('The course has no sessions from today on: there is no schedule to send.');
  const withEmail = (await participantsOfDesign(db, designId)).filter((p) => p.email);
  if (!withEmail.length) throw conflict('None of the participants has an e-mail address.');
  const sentBefore = new Set(
    (await db.select().from(scheduleNoticeSent).where(eq(scheduleNoticeSent.designId, designId))).map(
      (n) => n.participantId,
    ),
  );
  const recipients = input.to === 'everyone' ? withEmail : withEmail.filter((p) => !sentBefore.has(p.id));
  if (!recipients.length) throw nobodyLeft();

  const course = await courseForMail(db, { designId, heiId, caseId }, publicUrl);
  const calendar = courseIcs({ title: course.title, hei: course.hei, sessions: ahead }, { attached: true });
  return db.transaction(async (tx) => {
    // each participant's sending is claimed in the transaction before the mail is queued: of two coordinators
    // sending to those not yet sent it at the same moment, one sends and the other finds nobody left
    const claimed = await claimSending(tx, input.to, designId, recipients, actor.userId);
    const sending = recipients.filter((p) => claimed.has(p.id));
    if (!sending.length) throw nobodyLeft();
    for (const p of sending)
      await enqueueMail(tx, {
        kind: 'schedule_notice',
        to: p.email ?? '',
        // the case's reference in the subject: the HEI's retention rule erases a participant's e-mails by it
        subject: `Schema: ${course.title} (${course.reference}) / Schedule: ${course.title}`,
        text: noticeText(ahead, p.firstName, course),
        calendar,
      });
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'course_schedule.sent',
      subjectType: 'course_design',
      subjectId: designId,
      data: { caseId, to: input.to, recipients: sending.length, sessions: ahead.length },
    });
    return { sent: sending.length };
  });
}

const nobodyLeft = () => conflict('Every participant with an e-mail address was sent the schedule already.');

/** Records the sending to these participants; to those not yet sent it, only where no sending is recorded. */
async function claimSending(
  tx: Db,
  to: typeof scheduleNoticeBody._output.to,
  designId: string,
  participants: { id: string }[],
  userId: string,
) {
  const rows = tx
    .insert(scheduleNoticeSent)
    // in one order, so that two sendings at once wait for each other rather than deadlock
    .values(
      participants
        .map((p) => ({ designId, participantId: p.id, sentBy: userId }))
        .sort((a, b) => a.participantId.localeCompare(b.participantId)),
    );
  const claimed =
    to === 'everyone'
      ? rows.onConflictDoUpdate({
          target: [scheduleNoticeSent.designId, scheduleNoticeSent.participantId],
          set: { sentAt: sql`now()`, sentBy: userId },
        })
      : rows.onConflictDoNothing();
  return new Set((await claimed.returning({ id: scheduleNoticeSent.participantId })).map((r) => r.id));
}

/** One line a session: "onsdag 3 februari 2027 kl. 09:00–16:00, Sal A: Svetssymboler (lärare: Anna Ek)". */
const sessionLine = (s: SessionView, locale: 'sv-SE' | 'en-GB') => {
  const sv = locale === 'sv-SE';
  const when = sv
    ? `${spelledOut(s.day, locale)} kl. ${sessionTimes(s)}`
    : `${spelledOut(s.day, locale)}, ${sessionTimes(s)}`;
  const teacher = s.teacher ? ` (${sv ? 'lärare' : 'teacher'}: ${s.teacher})` : '';
  return `– ${[when, s.place].filter(Boolean).join(', ')}${s.topic ? `: ${s.topic}` : ''}${teacher}`;
};

/** The notice in Swedish, then English: the sessions ahead, the attached file and the feed if there is one. */
function noticeText(sessions: SessionView[], firstName: string, course: MailCourse) {
  const many = sessions.length > 1;
  return mailText(
    [
      `Hej ${firstName}!`,
      `Välkommen till ${course.title} med ${course.hei}. Utbildningen ges vid ${many ? `de här ${sessions.length} tillfällena` : 'det här tillfället'}:`,
    ],
    sessions.map((s) => sessionLine(s, 'sv-SE')),
    [
      'Öppna den bifogade filen schema.ics för att lägga in tillfällena i din kalender.',
      course.feed &&
        `Eller prenumerera på schemat, så följer din kalender med om något ändras: ${course.feed}`,
    ],
    [
      `Hello ${firstName},`,
      `Welcome to ${course.title}, given by ${course.hei}. It takes place ${many ? `at these ${sessions.length} sessions` : 'at this session'} (Swedish time):`,
    ],
    sessions.map((s) => sessionLine(s, 'en-GB')),
    [
      'Open the attached file schema.ics to add the sessions to your calendar.',
      course.feed && `Or subscribe to the schedule, and your calendar follows any change: ${course.feed}`,
    ],
    [
      `${course.hei} skickar schemat eftersom du är anmäld till utbildningen. / ${course.hei} sends the schedule because you are a participant of the course.`,
    ],
  );
}
