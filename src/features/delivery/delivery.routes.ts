import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { EVERY_MORNING } from '../../server/jobs.ts';
import { actingCustomer } from '../tenancy/tenancy.service.ts';
import {
  type CalendarCourse,
  caseCalendar,
  courseIcs,
  customerCalendar,
  publicCalendar,
  renewCaseCalendarLink,
  renewCustomerCalendarLink,
} from './delivery.calendar.ts';
import { cancelSession, reinstateSession, updateSession } from './delivery.changes.ts';
import {
  attendanceBody,
  attendanceSharingBody,
  calendarLinkSchema,
  cancelSessionBody,
  caseDeliverySchema,
  changedSessionSchema,
  createdSessionSchema,
  createSessionBody,
  portalDeliverySchema,
  reinstateSessionBody,
  scheduleNoticeBody,
  scheduleNoticeResultSchema,
  sessionCancellationSchema,
  sessionRemindersBody,
  sessionSchema,
  teachingCalendarLinkSchema,
  updateSessionBody,
} from './delivery.contract.ts';
import { remindParticipants } from './delivery.reminders.ts';
import { sendScheduleNotice } from './delivery.schedule-notice.ts';
import {
  caseDelivery,
  createSession,
  customerDelivery,
  deleteSession,
  recordAttendance,
  setAttendanceSharing,
  setSessionReminders,
} from './delivery.service.ts';
import {
  publicTeachingCalendar,
  renewTeachingCalendarLink,
  teachingCalendarLink,
} from './delivery.teaching-calendar.ts';

const caseParams = z.object({ caseId: z.uuid() });
const sessionParams = z.object({ sessionId: z.uuid() });
const courseParams = z.object({ caseId: z.uuid(), designId: z.uuid() });
const icsFile = z.string().describe('The schedule as iCalendar (text/calendar)');

/** A course's schedule as an .ics file a calendar app imports (or, from the feed, follows). */
const sendCalendar = (reply: FastifyReply, course: CalendarCourse, inline = false) =>
  sendFile(reply, {
    name: fileName([course.title, 'schema'], 'ics'),
    type: 'text/calendar; charset=utf-8',
    inline,
    body: courseIcs(course),
  });

/**
 * Delivery: the sessions of a course being given and who attended each; the customer sees the schedule, and
 * the attendance when the HEI shares it.
 */
/** The morning reminders to participants of the sessions the next day (07:00 Swedish time). */
export const SESSION_REMINDER_QUEUE = 'session-reminders';

export async function deliveryRoutes(app: App, { database: { db }, config, jobs }: Deps) {
  const tags = ['delivery'];
  jobs.define(SESSION_REMINDER_QUEUE, EVERY_MORNING, async () => {
    const sent = await remindParticipants(db, config.publicUrl);
    app.log.info({ sent }, "participants reminded of tomorrow's sessions");
  });

  app.get(
    '/api/cases/:caseId/delivery',
    {
      schema: {
        tags,
        summary: "The sessions of the case's approved designs with their attendance, and each participant's",
        params: caseParams,
        response: { 200: caseDeliverySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => caseDelivery(db, actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/sessions',
    {
      schema: {
        tags,
        summary:
          'Schedule a session of an approved design (a day, Swedish local times, place and topic), or a weekly series of them',
        params: caseParams,
        body: createSessionBody,
        response: { 201: createdSessionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createSession(db, actorOf(request), request.params.caseId, request.body, config.publicUrl),
        ),
  );

  app.put(
    '/api/sessions/:sessionId',
    {
      schema: {
        tags,
        summary:
          'Change a session (its attendance stays); with notifyParticipants, the participants with an e-mail address and the customer are told',
        params: sessionParams,
        body: updateSessionBody,
        response: { 200: changedSessionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { session, notified } = await updateSession(
        db,
        actorOf(request),
        request.params.sessionId,
        request.body,
        config.publicUrl,
      );
      return { ...session, notified };
    },
  );

  app.delete(
    '/api/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Remove a session, with its attendance',
        params: sessionParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteSession(db, actorOf(request), request.params.sessionId, config.publicUrl);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/sessions/:sessionId/cancel',
    {
      schema: {
        tags,
        summary:
          'Call a session off: it stays in the schedule marked cancelled, with why; participants with an e-mail address are told (409 when already cancelled or attendance was recorded)',
        params: sessionParams,
        body: cancelSessionBody,
        response: { 200: sessionCancellationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      cancelSession(db, actorOf(request), request.params.sessionId, request.body, config.publicUrl),
  );

  app.post(
    '/api/sessions/:sessionId/reinstate',
    {
      schema: {
        tags,
        summary: 'Give a cancelled session after all; participants with an e-mail address are told',
        params: sessionParams,
        body: reinstateSessionBody,
        response: { 200: sessionCancellationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      reinstateSession(db, actorOf(request), request.params.sessionId, request.body, config.publicUrl),
  );

  app.put(
    '/api/sessions/:sessionId/attendance',
    {
      schema: {
        tags,
        summary:
          "Record who attended a session (present, absent or excused); only the course's participants, not of a cancelled session (409)",
        params: sessionParams,
        body: attendanceBody,
        response: { 200: sessionSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => recordAttendance(db, actorOf(request), request.params.sessionId, request.body),
  );

  app.put(
    '/api/cases/:caseId/designs/:designId/attendance-sharing',
    {
      schema: {
        tags,
        summary: "Share a course's attendance with the customer's contact people, or stop sharing it",
        params: courseParams,
        body: attendanceSharingBody,
        response: { 200: caseDeliverySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      setAttendanceSharing(
        db,
        actorOf(request),
        request.params.caseId,
        request.params.designId,
        request.body.shared,
      ),
  );

  app.put(
    '/api/cases/:caseId/designs/:designId/session-reminders',
    {
      schema: {
        tags,
        summary:
          "Remind the course's participants by e-mail the day before each session (those with an address), or stop",
        params: courseParams,
        body: sessionRemindersBody,
        response: { 200: caseDeliverySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { caseId, designId } = request.params;
      return setSessionReminders(db, actorOf(request), caseId, designId, request.body.on);
    },
  );

  app.post(
    '/api/cases/:caseId/designs/:designId/schedule-notice',
    {
      schema: {
        tags,
        summary:
          "E-mail the course's schedule from today on, with a calendar file, to its participants with an address: those not sent it yet, or everyone (409 when no session is ahead or nobody is left to send to)",
        params: courseParams,
        body: scheduleNoticeBody,
        response: { 200: scheduleNoticeResultSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { caseId, designId } = request.params;
      return sendScheduleNotice(db, actorOf(request), caseId, designId, request.body, config.publicUrl);
    },
  );

  app.get(
    '/api/portal/delivery',
    {
      schema: {
        tags,
        summary:
          "The schedule of the courses given on the customer's cases, with attendance where shared (optionally one case's)",
        querystring: z.object({ caseId: z.uuid().optional() }),
        response: { 200: z.array(portalDeliverySchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => customerDelivery(db, actingCustomer(actorOf(request)), request.query.caseId),
  );

  app.get(
    '/api/cases/:caseId/designs/:designId/calendar',
    {
      schema: {
        tags,
        summary: "A course's sessions as an iCalendar file (.ics), in Swedish local time",
        params: courseParams,
        response: { 200: icsFile, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { caseId, designId } = request.params;
      return sendCalendar(reply, (await caseCalendar(db, actorOf(request), caseId, designId)).course);
    },
  );

  app.post(
    '/api/cases/:caseId/designs/:designId/calendar-link',
    {
      schema: {
        tags,
        summary:
          "Make a new address of the course's calendar feed for the participants (the one before stops working)",
        params: courseParams,
        response: { 200: calendarLinkSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      renewCaseCalendarLink(db, actorOf(request), request.params.caseId, request.params.designId),
  );

  app.get(
    '/api/portal/designs/:designId/calendar',
    {
      schema: {
        tags,
        summary: "A course's sessions as an iCalendar file, for the customer's contact people",
        params: z.object({ designId: z.uuid() }),
        response: { 200: icsFile, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const customerId = actingCustomer(actorOf(request));
      return sendCalendar(reply, (await customerCalendar(db, customerId, request.params.designId)).course);
    },
  );

  app.post(
    '/api/portal/designs/:designId/calendar-link',
    {
      schema: {
        tags,
        summary:
          "Make a new address of the course's calendar feed, for the customer to pass to its participants",
        params: z.object({ designId: z.uuid() }),
        response: { 200: calendarLinkSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => renewCustomerCalendarLink(db, actorOf(request), request.params.designId),
  );

  app.get(
    '/api/me/teaching-calendar',
    {
      schema: {
        tags,
        summary: 'The address of the calendar feed of the sessions the person teaches, if they made one',
        response: { 200: teachingCalendarLinkSchema, ...problems(401, 403) },
      },
    },
    async (request) => teachingCalendarLink(db, actorOf(request)),
  );

  app.post(
    '/api/me/teaching-calendar',
    {
      schema: {
        tags,
        summary:
          "Make the person's teaching calendar feed, or a new address of it (the one before stops working)",
        response: { 200: teachingCalendarLinkSchema, ...problems(401, 403) },
      },
    },
    async (request) => renewTeachingCalendarLink(db, actorOf(request)),
  );

  app.get(
    '/api/public/teaching-calendars/:file',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "A teacher's calendar feed: the sessions they teach at every HEI, from a month ago on (the address is secret)",
        params: z.object({ file: z.string().regex(/^[\w-]{20,40}\.ics$/, 'is not a calendar address') }),
        response: { 200: icsFile, ...problems(400, 404) },
      },
    },
    async (request, reply) =>
      sendFile(reply, {
        name: 'undervisning.ics',
        type: 'text/calendar; charset=utf-8',
        inline: true,
        body: await publicTeachingCalendar(db, request.params.file.replace(/\.ics$/, '')),
      }),
  );

  app.get(
    '/api/public/course-calendars/:file',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "A course's calendar feed, which calendar apps subscribe to: its sessions, no personal data (the address is secret)",
        params: z.object({ file: z.string().regex(/^[\w-]{20,40}\.ics$/, 'is not a calendar address') }),
        response: { 200: icsFile, ...problems(400, 404) },
      },
    },
    async (request, reply) =>
      sendCalendar(reply, await publicCalendar(db, request.params.file.replace(/\.ics$/, '')), true),
  );
}
