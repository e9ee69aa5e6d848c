import type { Db } from '../../db/client.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { caseSummariesOf } from '../cases/cases.service.ts';
import { designTitles } from '../design/design.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { type Actor, isMemberOf } from '../tenancy/tenancy.service.ts';
import type { courseSession } from './delivery.table.ts';

/** What a notice says of a session: known before the change is saved (a new session has no id yet). */
type Session = Pick<
  typeof courseSession.$inferSelect,
  | 'heiId'
  | 'caseId'
  | 'designId'
  | 'day'
  | 'startsAt'
  | 'endsAt'
  | 'place'
  | 'topic'
  | 'teacher'
  | 'teacherUserId'
  | 'cancelledAt'
  | 'cancelReason'
>;

/** What happened to a teacher's sessions. */
export type TeacherNotice =
  | { what: 'scheduled'; sessions: Session[] }
  | { what: 'cancelled' | 'reinstated' | 'removed'; session: Session }
  | { what: 'changed'; before: Session; after: Session };

/** `title` in Swedish and English, each completed by the course: the bell shows the reader's language. */
type Told = {
  userId: string;
  kind: string;
  title: { sv: string; en: string };
  lines: string[];
  session: Session;
};

/**
 * Tells the teachers who have an account — in Lupp, and by e-mail as each chose — what someone else does to the
 * sessions they teach from today on: schedules them for one or a series, takes one from them or gives it to
 * another teacher, calls one off, gives it after all, removes it, or moves it (day, times or place; not a change
 * of its content only). Their calendar feed follows by itself, but a calendar app fetches a feed only every few
 * hours, and a teacher who has not subscribed would learn of it on the day. Someone who changes their own session
 * is not told.
 *
 * Two steps, so that a notice is sent if and only if the change is saved: this reads, before the change's
 * transaction, whom to tell what (it reads other features' data, which an embedded database's one connection
 * could not while the transaction holds it), and the function it returns writes the notices in that transaction.
 * publicUrl null tells nobody (demo data, tests).
 */
export async function teacherNotices(
  db: Db,
  actor: Actor,
  publicUrl: string | null,
  notice: TeacherNotice,
): Promise<(tx: Parameters<typeof notify>[0]) => Promise<void>> {
  const told = publicUrl
    ? await stillAtTheHei(db, whomToTell(notice, actor.userId, stockholmDate(new Date())))
    : [];
  const first = told[0]?.session;
  if (!publicUrl || !first) return async () => {};
  const [titles, cases] = await Promise.all([
    designTitles(db, [first.designId]),
    caseSummariesOf(db, first.heiId, [first.caseId]),
  ]);
  const course = `${titles.get(first.designId) ?? ''} (${cases.get(first.caseId)?.reference ?? ''})`;
  return async (tx) => {
    for (const t of told)
      await notify(tx, {
        userIds: [t.userId],
        kind: t.kind,
        title: `${t.title.sv} ${course} / ${t.title.en} ${course}`,
        link: `/cases/${first.caseId}#case-delivery`,
        actorName: actor.name,
        publicUrl,
        text: t.lines.join('\n'),
      });
  };
}

/** Those of them still members of the session's HEI: a session keeps the account of a teacher who has left. */
async function stillAtTheHei(db: Db, told: Told[]) {
  const kept: Told[] = [];
  for (const t of told) if (await isMemberOf(db, t.userId, t.session.heiId)) kept.push(t);
  return kept;
}

function whomToTell(notice: TeacherNotice, actorId: string, today: string): Told[] {
  const teaches = (s: Session) => s.teacherUserId !== null && s.teacherUserId !== actorId;
  const ahead = (s: Session) => s.day >= today && !s.cancelledAt;
  if (notice.what === 'scheduled') {
    const sessions = notice.sessions.filter((s) => teaches(s) && ahead(s));
    const [first] = sessions;
    if (!first?.teacherUserId) return [];
    return [
      {
        userId: first.teacherUserId,
        kind: 'teaching_scheduled',
        title:
          sessions.length === 1
            ? { sv: 'Du undervisar:', en: 'You teach:' }
            : {
                sv: `Du undervisar ${sessions.length} tillfällen:`,
                en: `You teach ${sessions.length} sessions:`,
              },
        lines: sessions.map(described),
        session: first,
      },
    ];
  }
  if (notice.what !== 'changed') {
    const s = notice.session;
    // a session called off earlier and now removed was already told
    if (!teaches(s) || s.day < today || (notice.what === 'removed' && s.cancelledAt)) return [];
    const cancelled = notice.what === 'cancelled';
    return [
      {
        userId: s.teacherUserId as string,
        kind: `teaching_${notice.what}`,
        title: {
          cancelled: { sv: `Inställt ${s.day}:`, en: `Cancelled ${s.day}:` },
          reinstated: { sv: `Blir av ${s.day}:`, en: `Taking place ${s.day}:` },
          removed: { sv: `Borttaget ur schemat ${s.day}:`, en: `Removed from the schedule ${s.day}:` },
        }[notice.what],
        lines: [described(s), ...(cancelled && s.cancelReason ? [`Orsak / Reason: ${s.cancelReason}`] : [])],
        session: s,
      },
    ];
  }
  const { before, after } = notice;
  if (before.teacherUserId === after.teacherUserId) {
    const moved = whereAndWhen(before) !== whereAndWhen(after);
    if (!teaches(after) || !moved || after.cancelledAt || (before.day < today && after.day < today))
      return [];
    return [
      {
        userId: after.teacherUserId as string,
        kind: 'teaching_changed',
        title: { sv: 'Ändrat tillfälle:', en: 'Session changed:' },
        lines: [`Förut / Before: ${described(before)}`, `Nu / Now: ${described(after)}`],
        session: after,
      },
    ];
  }
  return [
    ...(teaches(before) && ahead(before)
      ? [
          {
            userId: before.teacherUserId as string,
            kind: 'teaching_unassigned',
            title: { sv: 'Du undervisar inte längre:', en: 'You no longer teach:' },
            lines: [
              described(before),
              ...(after.teacher ? [`Lärare nu / Teacher now: ${after.teacher}`] : []),
            ],
            session: before,
          },
        ]
      : []),
    ...(teaches(after) && ahead(after)
      ? [
          {
            userId: after.teacherUserId as string,
            kind: 'teaching_scheduled',
            title: { sv: 'Du undervisar:', en: 'You teach:' },
            lines: [described(after)],
            session: after,
          },
        ]
      : []),
  ];
}

/** Day, times and place, the times to the minute: the database gives "09:00:00" for a request's "09:00". */
const whereAndWhen = (s: Session) =>
  JSON.stringify([s.day, s.startsAt.slice(0, 5), s.endsAt.slice(0, 5), s.place]);

/** "2027-02-03 09:00–12:00, Sal B201: Felsökning" */
const described = (s: Session) =>
  `${s.day} ${s.startsAt.slice(0, 5)}–${s.endsAt.slice(0, 5)}${s.place ? `, ${s.place}` : ''}${s.topic ? `: ${s.topic}` : ''}`;
