import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
import { pickBilingual } from '../../shared/bilingual.ts';
import { authUser } from '../auth/auth.table.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { notification } from './notifications.table.ts';

type Writer = Pick<Db, 'insert' | 'select'>;

/**
 * The things to do a notification can ask for, one key per record, so that doing it (by whoever of those
 * asked) marks every notification asking for it done: `settleTask`.
 */
export const tasks = {
  answerProposal: (proposalId: string) => `proposal:${proposalId}`,
  sign: (agreementId: string, addendum: number | null) =>
    addendum === null ? `agreement:${agreementId}` : `agreement:${agreementId}:addendum:${addendum}`,
  followUp: (followUpId: string) => `follow-up:${followUpId}`,
};

/**
 * Notifies users in the caller's transaction, in the app and — as each of them chose — by e-mail at once, in
 * the next morning's e-mail, or not at all; `task` when it asks them to do something.
 */
export async function notify(
  db: Writer,
  input: {
    userIds: string[];
    kind: string;
    title: string;
    link: string;
    actorName: string;
    publicUrl: string;
    text: string;
    task?: string;
  },
) {
  for (const userId of new Set(input.userIds)) {
    const [user] = await db
      .select({ email: authUser.email, choice: authUser.notificationEmail })
      .from(authUser)
      .where(eq(authUser.id, userId));
    if (!user) continue;
    await db.insert(notification).values({
      userId,
      kind: input.kind,
      title: input.title,
      link: input.link,
      actorName: input.actorName,
      task: input.task ?? null,
      mailPending: user.choice === 'daily',
      mailText: user.choice === 'daily' ? input.text : null,
    });
    // at once unless they chose the morning e-mail or none (so also for a choice Lupp does not know)
    if (user.choice !== 'daily' && user.choice !== 'none')
      await enqueueMail(db, {
        kind: input.kind,
        to: user.email,
        subject: input.title,
        text: `${input.text}\n\n${input.publicUrl}${input.link}`,
      });
  }
}

/** A notification's text under its title in the morning e-mail, indented as the list item's. */
const indent = (text: string) =>
  text.trim()
    ? `${text
        .trim()
        .split('\n')
        .map((line) => (line ? `  ${line}` : ''))
        .join('\n')}\n`
    : '';

const digestWords = {
  sv: {
    subject: (n: number) => (n === 1 ? 'En avisering i Lupp' : `${n} aviseringar i Lupp`),
    intro: 'Det här har hänt i Lupp sedan förra e-postmeddelandet, och du har inte läst det än:',
    outro: 'Du valde att få aviseringarna samlade en gång om dagen. Det ändrar du under klockan i Lupp.',
  },
  en: {
    subject: (n: number) => (n === 1 ? 'A notification in Lupp' : `${n} notifications in Lupp`),
    intro: 'This has happened in Lupp since the last e-mail, and you have not read it yet:',
    outro: 'You chose to have notifications gathered once a day. Change that under the bell in Lupp.',
  },
};

/**
 * The morning e-mail of those who chose 'daily': one e-mail each, of the notifications waiting for it that are
 * still unread and not done by someone else (in the user's language). Every waiting notification is then
 * settled, also of those who have since chosen otherwise. Returns how many e-mails were sent.
 */
export async function sendNotificationDigests(db: Db, publicUrl: string): Promise<number> {
  const waiting = await db
    .select({
      n: notification,
      email: authUser.email,
      locale: authUser.locale,
      choice: authUser.notificationEmail,
    })
    .from(notification)
    .innerJoin(authUser, eq(authUser.id, notification.userId))
    .where(eq(notification.mailPending, true))
    .orderBy(notification.createdAt);
  const byUser = new Map<string, typeof waiting>();
  for (const row of waiting) {
    if (row.choice !== 'daily' || row.n.readAt || row.n.doneAt) continue;
    const rows = byUser.get(row.n.userId);
    if (rows) rows.push(row);
    else byUser.set(row.n.userId, [row]);
  }
  await db.transaction(async (tx) => {
    for (const rows of byUser.values()) {
      const first = rows[0];
      if (!first) continue;
      const language = first.locale === 'en' ? 'en' : 'sv';
      const words = digestWords[language];
      const lines = rows.map(
        (r) =>
          `- ${pickBilingual(r.n.title, language)}\n${indent(r.n.mailText ?? '')}  ${publicUrl}${r.n.link}`,
      );
      await enqueueMail(tx, {
        kind: 'notification_digest',
        to: first.email,
        subject: words.subject(rows.length),
        text: `${words.intro}\n\n${lines.join('\n\n')}\n\n${words.outro}`,
      });
    }
    const ids = waiting.map((r) => r.n.id);
    if (ids.length)
      await tx
        .update(notification)
        .set({ mailPending: false, mailText: null })
        .where(inArray(notification.id, ids));
  });
  return byUser.size;
}

export async function listNotifications(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(notification)
    .where(eq(notification.userId, userId))
    .orderBy(desc(notification.createdAt))
    .limit(100);
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notification)
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      link: r.link,
      actorName: r.actorName,
      createdAt: r.createdAt.toISOString(),
      read: !!r.readAt,
      done: !!r.doneAt,
    })),
  };
}

export async function markRead(db: Db, userId: string, notificationId: string | 'all') {
  const updated = await db
    .update(notification)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notification.userId, userId),
        isNull(notification.readAt),
        notificationId === 'all' ? undefined : eq(notification.id, notificationId),
      ),
    )
    .returning({ id: notification.id });
  if (notificationId !== 'all' && !updated.length) {
    const [exists] = await db
      .select({ id: notification.id })
      .from(notification)
      .where(and(eq(notification.id, notificationId), eq(notification.userId, userId)));
    if (!exists) throw notFound('The notification');
  }
}

/**
 * The task is done: every notification asking for it, whoever it went to, is marked done and read (in the
 * caller's transaction). A colleague who signed or answered has done it for all the customer's contact people.
 */
export async function settleTask(db: Pick<Db, 'update'>, ...keys: string[]) {
  if (!keys.length) return;
  await db
    .update(notification)
    .set({ doneAt: sql`now()`, readAt: sql`coalesce(${notification.readAt}, now())` })
    .where(and(inArray(notification.task, keys), isNull(notification.doneAt)));
}
