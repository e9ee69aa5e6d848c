import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
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

/** Notifies users in the caller's transaction, in the app and by e-mail; `task` when it asks them to do something. */
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
    await db.insert(notification).values({
      userId,
      kind: input.kind,
      title: input.title,
      link: input.link,
      actorName: input.actorName,
      task: input.task ?? null,
    });
    const [user] = await db.select({ email: authUser.email }).from(authUser).where(eq(authUser.id, userId));
    if (user) {
      await enqueueMail(db, {
        kind: input.kind,
        to: user.email,
        subject: input.title,
        text: `${input.text}\n\n${input.publicUrl}${input.link}`,
      });
    }
  }
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
