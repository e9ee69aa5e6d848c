import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
import { authUser } from '../auth/auth.table.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { notification } from './notifications.table.ts';

type Writer = Pick<Db, 'insert' | 'select'>;

/** Notifies users in the caller's transaction, in the app and by e-mail. */
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
  },
) {
  for (const userId of new Set(input.userIds)) {
    await db
      .insert(notification)
      .values({ userId, kind: input.kind, title: input.title, link: input.link, actorName: input.actorName });
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
