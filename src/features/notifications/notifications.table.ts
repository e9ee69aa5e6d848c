import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';

/** Something a user should look at: for now @-mentions on case timelines. */
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
  },
  (t) => [index('notification_user_idx').on(t.userId, t.createdAt)],
);
