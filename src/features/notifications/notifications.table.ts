import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';

/**
 * Something a user should look at: an @-mention, a customer's answer, or a thing to do (a proposal to answer,
 * an agreement to sign, a follow-up to give). A thing to do names its task; when anyone does it, every
 * notification of the task is done (and read), so nobody is asked again for what a colleague has done.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Where in the app it points, e.g. /cases/<id>. */
    link: text('link').notNull(),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** The thing to do it asks for, e.g. `proposal:<id>` (the service's `tasks`); null: news, asking nothing. */
    task: text('task'),
    /** When the task was done, by anyone. */
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** Waiting for the user's morning e-mail (they chose 'daily'); cleared when it is sent. */
    mailPending: boolean('mail_pending').notNull().default(false),
    /** While it waits for the morning e-mail: what it says there (gone once sent, as the sent e-mail is). */
    mailText: text('mail_text'),
  },
  (t) => [
    index('notification_user_idx').on(t.userId, t.createdAt),
    index('notification_open_task_idx').on(t.task).where(sql`${t.doneAt} is null`),
    index('notification_mail_pending_idx').on(t.userId).where(sql`${t.mailPending}`),
  ],
);
