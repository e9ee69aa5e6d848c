import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * One collaboration-skills self-assessment by a person: an answer (1–5) per statement of the questionnaire
 * defined in code. Private to the person; kept so they can see their development over time.
 */
export const selfAssessment = pgTable(
  'self_assessment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id').references(() => organisation.id, { onDelete: 'set null' }),
    /** The questionnaire's version, so old answers are read with the statements they answered. */
    questionnaire: text('questionnaire').notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('self_assessment_user_idx').on(t.userId, t.createdAt)],
);
