import { z } from 'zod';

/**
 * Delivery: the sessions of a course being given, and who attended each. Times are Swedish local time.
 */
export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM');

export const sessionFields = z.strictObject({
  day: z.iso.date(),
  startsAt: clock,
  endsAt: clock,
  place: z.string().trim().max(300).default(''),
  topic: z.string().trim().max(1_000).default(''),
  teacher: z.string().trim().max(300).default(''),
});

export const createSessionBody = sessionFields
  .extend({
    designId: z.uuid(),
    /**
     * How many sessions to schedule, a week apart on the same weekday and times (1: this day only). A week whose
     * day is a public holiday (or midsommar-, jul- or nyårsafton) is passed over and the series goes a week further.
     */
    occurrences: z.int().min(1).max(52).default(1),
  })
  .refine((s) => s.endsAt > s.startsAt, { path: ['endsAt'], message: 'must be after the start' });

export const updateSessionBody = sessionFields
  .extend({
    /** E-mail the participants (and tell the customer) of the change; for a session today or later only. */
    notifyParticipants: z.boolean().default(false),
  })
  .refine((s) => s.endsAt > s.startsAt, { path: ['endsAt'], message: 'must be after the start' });

export const attendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ participantId: z.uuid(), status: z.enum(attendanceStatuses) }))
    .min(1, 'record at least one participant')
    .max(1_000),
});

/** Calling a session off: why (shown to the customer and in calendars), and whether to e-mail the participants. */
export const cancelSessionBody = z.strictObject({
  reason: z.string().trim().max(500).default(''),
  notifyParticipants: z.boolean().default(true),
});

/** Giving a cancelled session after all (it was called off by mistake, or the teacher recovered). */
export const reinstateSessionBody = z.strictObject({ notifyParticipants: z.boolean().default(true) });

/** E-mailing the course's schedule (with its calendar file) to the participants: all, or those not yet sent it. */
export const scheduleNoticeBody = z.strictObject({
  to: z.enum(['everyone', 'notYetSent']).default('notYetSent'),
});

export const scheduleNoticeResultSchema = z.object({
  sent: z.number().int().describe('Participants e-mailed'),
});

export const attendanceSharingBody = z.strictObject({ shared: z.boolean() });
export const sessionRemindersBody = z.strictObject({ on: z.boolean() });

export const sessionSchema = z.object({
  id: z.uuid(),
  designId: z.uuid(),
  day: z.iso.date(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  topic: z.string(),
  teacher: z.string(),
  /** Set when the session was called off; it stays in the schedule, marked, until someone removes it. */
  cancelledAt: z.iso.datetime().nullable(),
  cancelReason: z.string(),
  /** How many times it was changed or cancelled since it was scheduled (its calendar event's SEQUENCE). */
  sequence: z.number().int(),
  attendance: z.array(z.object({ participantId: z.uuid(), status: z.enum(attendanceStatuses) })),
});
export type SessionView = z.infer<typeof sessionSchema>;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** A session's length in hours ("09:00" to "12:30": 3.5); it ends after it starts (the table's check). */
export const sessionHours = (s: Pick<SessionView, 'startsAt' | 'endsAt'>) =>
  (minutesOf(s.endsAt) - minutesOf(s.startsAt)) / 60;

/** A teacher's name as sessions and designs are matched by: as written, spaces and case aside. */
export const teacherKey = (name: string) => name.trim().toLocaleLowerCase('sv');

/** Whether two sessions overlap in time ("HH:MM" times): back to back is no overlap. */
export const overlaps = (
  a: Pick<SessionView, 'day' | 'startsAt' | 'endsAt'>,
  b: Pick<SessionView, 'day' | 'startsAt' | 'endsAt'>,
) => a.day === b.day && a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** A scheduled session, with the rest of its weekly series and the holidays passed over, if any. */
export const createdSessionSchema = sessionSchema.extend({
  series: z.array(sessionSchema),
  holidaysSkipped: z.array(
    z.object({ day: z.iso.date(), name: z.object({ sv: z.string(), en: z.string() }) }),
  ),
});

/** A session called off or given after all, and how many participants were told by e-mail. */
export const sessionCancellationSchema = z.object({
  session: sessionSchema,
  notified: z.number().int().describe('Participants e-mailed (those with an address)'),
});

/** A session as changed, and how many participants were told by e-mail. */
export const changedSessionSchema = sessionSchema.extend({
  notified: z.number().int().describe('Participants e-mailed (0 unless notifyParticipants)'),
});

/** A participant's attendance over a course's sessions where it was recorded. */
export const attendanceSummarySchema = z.object({
  participantId: z.uuid(),
  name: z.string(),
  present: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
});

/** The session another one clashes with: at this HEI with its case named, at another HEI by its time only. */
const clashingSessionSchema = z.object({
  sessionId: z.uuid().nullable().describe("The other session; null when it is another HEI's"),
  day: z.iso.date(),
  startsAt: z.string(),
  endsAt: z.string(),
  caseId: z.uuid().nullable(),
  reference: z.string().nullable(),
  title: z.string().nullable().describe("The other session's course; null when it is another HEI's"),
});

/** A session of the course whose teacher (one with an account) teaches another session at the same time, at any HEI. */
export const teacherClashSchema = z.object({
  sessionId: z.uuid().describe('The session of this course'),
  teacher: z.string(),
  other: clashingSessionSchema,
});
export type TeacherClash = z.infer<typeof teacherClashSchema>;

/**
 * A session of the course whose place is written the same (case and spaces aside) as another session's of this
 * HEI at the same time. Places that are no room (a link, Zoom, Teams, distans, online …) are not compared.
 */
export const placeClashSchema = z.object({
  sessionId: z.uuid().describe('The session of this course'),
  place: z.string(),
  other: clashingSessionSchema,
});
export type PlaceClash = z.infer<typeof placeClashSchema>;

export const caseDeliverySchema = z.object({
  designs: z.array(
    z.object({
      designId: z.uuid(),
      title: z.string(),
      /** The design's teachers' names: the ones a session is usually given by. */
      teachers: z.array(z.string()),
      attendanceSharedAt: z.iso.datetime().nullable(),
      /** The course's calendar feed (iCalendar) under the public address, once someone made one. */
      calendarPath: z.string().nullable(),
      /** Participants with an e-mail address are reminded the day before each session. */
      remindersOn: z.boolean(),
      /** The schedule e-mailed to the participants: who has an address, who has not been sent it, and when last. */
      scheduleNotice: z.object({
        withEmail: z.number().int(),
        notYetSent: z.number().int(),
        lastSentAt: z.iso.datetime().nullable(),
      }),
      sessions: z.array(sessionSchema),
      participants: z.array(attendanceSummarySchema),
      /** Sessions whose teacher is booked for another session at the same time (neither called off). */
      clashes: z.array(teacherClashSchema),
      /** Sessions whose place is booked for another session of the HEI at the same time (neither called off). */
      placeClashes: z.array(placeClashSchema),
    }),
  ),
  places: z
    .array(z.string())
    .describe(
      "The places the HEI's sessions are held in, the most used first (at most 50): offered as a session's place, so a room is written the same way each time",
    ),
});

/** A course's schedule as the customer sees it, with the attendance when the HEI shares it. */
export const portalDeliverySchema = z.object({
  designId: z.uuid(),
  caseId: z.uuid(),
  hei: z.string(),
  title: z.string(),
  calendarPath: z.string().nullable(),
  sessions: z.array(sessionSchema.omit({ attendance: true, designId: true })),
  attendance: z.array(attendanceSummarySchema).nullable(),
});

/** A teacher's own calendar feed: the address, once they made one. */
export const teachingCalendarLinkSchema = z.object({
  path: z
    .string()
    .nullable()
    .describe('The feed of the sessions the person teaches, under the public address'),
});

export const calendarLinkSchema = z.object({
  path: z
    .string()
    .describe("The course's calendar feed under the public address; the one before stops working"),
});
