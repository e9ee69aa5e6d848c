import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type AttendanceStatus,
  calendarLinkSchema,
  caseDeliverySchema,
  changedSessionSchema,
  createdSessionSchema,
  portalDeliverySchema,
  type SessionView,
  scheduleNoticeResultSchema,
  sessionCancellationSchema,
  sessionSchema,
} from '../../../features/delivery/delivery.contract.ts';
import { api } from '../../api.ts';

export type CaseDelivery = z.infer<typeof caseDeliverySchema>;
export { attendanceStatuses } from '../../../features/delivery/delivery.contract.ts';
export type { AttendanceStatus, SessionView };

export type SessionFields = {
  day: string;
  startsAt: string;
  endsAt: string;
  place: string;
  topic: string;
  teacher: string;
};

export const caseDeliveryQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'delivery'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/delivery`, caseDeliverySchema, signal),
  });

/** Schedules a session, or `occurrences` of them a week apart (holidays passed over). */
export const createSession = (caseId: string, designId: string, fields: SessionFields, occurrences = 1) =>
  api.post(`/api/cases/${caseId}/sessions`, { designId, ...fields, occurrences }, createdSessionSchema);

export const updateSession = (sessionId: string, fields: SessionFields, notifyParticipants: boolean) =>
  api.put(`/api/sessions/${sessionId}`, { ...fields, notifyParticipants }, changedSessionSchema);

export const deleteSession = (sessionId: string) => api.delete(`/api/sessions/${sessionId}`);

/** Calls a session off (why, and whether to e-mail the participants), or gives it after all. */
export const cancelSession = (sessionId: string, reason: string, notifyParticipants: boolean) =>
  api.post(`/api/sessions/${sessionId}/cancel`, { reason, notifyParticipants }, sessionCancellationSchema);
export const reinstateSession = (sessionId: string, notifyParticipants: boolean) =>
  api.post(`/api/sessions/${sessionId}/reinstate`, { notifyParticipants }, sessionCancellationSchema);

export const recordAttendance = (
  sessionId: string,
  entries: { participantId: string; status: AttendanceStatus }[],
) => api.put(`/api/sessions/${sessionId}/attendance`, { entries }, sessionSchema);

export const setAttendanceSharing = (caseId: string, designId: string, shared: boolean) =>
  api.put(`/api/cases/${caseId}/designs/${designId}/attendance-sharing`, { shared }, caseDeliverySchema);

export const setSessionReminders = (caseId: string, designId: string, on: boolean) =>
  api.put(`/api/cases/${caseId}/designs/${designId}/session-reminders`, { on }, caseDeliverySchema);

export const sendScheduleNotice = (caseId: string, designId: string, to: 'everyone' | 'notYetSent') =>
  api.post(`/api/cases/${caseId}/designs/${designId}/schedule-notice`, { to }, scheduleNoticeResultSchema);

export const portalDeliveryQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['portal', 'case', caseId, 'delivery'],
    queryFn: ({ signal }) =>
      api.get(`/api/portal/delivery?caseId=${caseId}`, z.array(portalDeliverySchema), signal),
  });

/** The .ics file of a course's sessions: the staff's and the customer's address. */
export const caseCalendarHref = (caseId: string, designId: string) =>
  `/api/cases/${caseId}/designs/${designId}/calendar`;
export const portalCalendarHref = (designId: string) => `/api/portal/designs/${designId}/calendar`;

/** A course's report for the follow-up meeting (PDF) in a language. */
export const courseReportHref = (caseId: string, designId: string, language: 'sv' | 'en') =>
  `/api/cases/${caseId}/designs/${designId}/report?language=${language}`;

export const renewCaseCalendarLink = (caseId: string, designId: string) =>
  api.post(`/api/cases/${caseId}/designs/${designId}/calendar-link`, {}, calendarLinkSchema);
export const renewPortalCalendarLink = (designId: string) =>
  api.post(`/api/portal/designs/${designId}/calendar-link`, {}, calendarLinkSchema);
