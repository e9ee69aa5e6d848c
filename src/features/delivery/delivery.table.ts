import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import { courseDesign } from '../design/design.table.ts';
import { participant } from '../participants/participants.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { AttendanceStatus } from './delivery.contract.ts';

/**
 * A session of a course being given (a teaching day, a seminar, an online meeting): its day and Swedish local
 * times (a course in Sweden is scheduled in Swedish time whatever the browser's zone), where, and what.
 * A cancelled session stays (with why), so calendars that imported it mark it cancelled rather than keep it.
 */
export const courseSession = pgTable(
  'course_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    designId: uuid('design_id')
      .notNull()
      .references(() => courseDesign.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    place: text('place').notNull().default(''),
    topic: text('topic').notNull().default(''),
    /** Who teaches it, as written (usually one of the design's teachers); shown to the customer and in calendars. */
    teacher: text('teacher').notNull().default(''),
    /** The teacher's account, when the name is that of one of the design's teachers who has one: their own list. */
    teacherUserId: text('teacher_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by').references(() => authUser.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason').notNull().default(''),
    /** Counts the changes since it was scheduled: calendars that imported it take a higher one as newer (RFC 5545). */
    sequence: integer('sequence').notNull().default(0),
  },
  (t) => [
    index('course_session_design_idx').on(t.designId, t.day, t.startsAt),
    index('course_session_case_idx').on(t.caseId),
    // a teacher's sessions by day: their own calendar, and the clashes a coordinator is shown
    index('course_session_teacher_idx').on(t.teacherUserId, t.day),
    // the HEI's sessions by day: rooms booked twice
    index('course_session_hei_day_idx').on(t.heiId, t.day),
    check('course_session_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Whether a participant attended a session, as the teacher or coordinator recorded it. */
export const sessionAttendance = pgTable(
  'session_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSession.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participant.id, { onDelete: 'cascade' }),
    status: text('status').$type<AttendanceStatus>().notNull(),
    recordedBy: text('recorded_by').references(() => authUser.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.participantId] }),
    index('session_attendance_participant_idx').on(t.participantId),
    check('session_attendance_status', sql`${t.status} in ('present', 'absent', 'excused')`),
  ],
);

/** The HEI shares a course's attendance with the customer (when the agreement says it reports attendance). */
export const attendanceSharing = pgTable('attendance_sharing', {
  designId: uuid('design_id')
    .primaryKey()
    .references(() => courseDesign.id, { onDelete: 'cascade' }),
  sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  sharedBy: text('shared_by').references(() => authUser.id, { onDelete: 'set null' }),
});

/**
 * A course's calendar feed: its schedule as iCalendar at a secret address (`token`, 18 random bytes) that a
 * calendar app subscribes to, so the participants' calendars follow when the HEI moves a session. The address
 * carries no personal data (days, times, place, topic); a new token replaces the old, which then stops working.
 */
export const courseCalendar = pgTable(
  'course_calendar',
  {
    designId: uuid('design_id')
      .primaryKey()
      .references(() => courseDesign.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('course_calendar_token_idx').on(t.token)],
);

/**
 * A teacher's own calendar feed: the sessions they teach, at every HEI, at a secret address (`token`, 18 random
 * bytes) their calendar app subscribes to. A new token replaces the old, which then stops working.
 */
export const teachingCalendar = pgTable(
  'teaching_calendar',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('teaching_calendar_token_idx').on(t.token)],
);

/** The HEI has participants reminded by e-mail the day before each session of this course. */
export const sessionReminders = pgTable('session_reminders', {
  designId: uuid('design_id')
    .primaryKey()
    .references(() => courseDesign.id, { onDelete: 'cascade' }),
  enabledAt: timestamp('enabled_at', { withTimezone: true }).notNull().defaultNow(),
  enabledBy: text('enabled_by').references(() => authUser.id, { onDelete: 'set null' }),
});

/**
 * A reminder sent: one per session, participant and day (the row is the lock, so two app processes send it
 * once; a session moved to another day is reminded of again).
 */
export const sessionReminderSent = pgTable(
  'session_reminder_sent',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSession.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participant.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId, t.day] })],
);

/**
 * The course's schedule e-mailed to a participant (with its calendar file): when last, so the coordinator can
 * send it to those added since, or to everyone again after a change.
 */
export const scheduleNoticeSent = pgTable(
  'schedule_notice_sent',
  {
    designId: uuid('design_id')
      .notNull()
      .references(() => courseDesign.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participant.id, { onDelete: 'cascade' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    sentBy: text('sent_by').references(() => authUser.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.designId, t.participantId] })],
);
