import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';

/** The most events one CSV export holds: past it, the administrator chooses a shorter period. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** A guard for a string that may be one of a list's codes (a row written by another version may not be). */
const oneOf =
  <Code extends string>(codes: readonly Code[]) =>
  (value: string): value is Code =>
    (codes as readonly string[]).includes(value);

/**
 * Every kind of event the log holds, as `<record>.<what happened>`. The codes are stable (the CSV export and
 * the API give them as they are); the web names each one in Swedish and English (`audit.actions` in the
 * translations), which the type checker holds to this list.
 */
export const AUDIT_ACTIONS = [
  'account.erased_inactive',
  'agreement.addendum_added',
  'agreement.created',
  'agreement.invoice_exported',
  'agreement.invoice_reference_set',
  'agreement.signed_by_customer',
  'agreement.signed_by_hei',
  'agreement.updated',
  'analysis.created',
  'analysis.need_added',
  'analysis.need_changed',
  'analysis.need_removed',
  'analysis.person_added',
  'analysis.person_changed',
  'analysis.person_removed',
  'analysis.role_added',
  'analysis.role_changed',
  'analysis.role_removed',
  'analysis.self_service_link_created',
  'analysis.self_service_link_revoked',
  'analysis.survey_created',
  'analysis.updated',
  'analysis.version_created',
  'attendance.shared',
  'attendance.unshared',
  'case.checklist_done',
  'case.checklist_undone',
  'case.closed',
  'case.created',
  'case.customer_message',
  'case.document_added',
  'case.document_deleted',
  'case.entry_added',
  'case.reviewed',
  'case.stage_changed',
  'case.task_added',
  'case.task_changed',
  'catalog.imported',
  'checklist.replaced',
  'cost_config.approved',
  'cost_config.created',
  'cost_config.updated',
  'course.created',
  'course.deleted',
  'course.tag_confirmed',
  'course.tag_rejected',
  'course.updated',
  'course_calendar.link_created',
  'course_calendar.link_renewed',
  'course_schedule.sent',
  'course_session.attendance_recorded',
  'course_session.cancelled',
  'course_session.changed',
  'course_session.created',
  'course_session.deleted',
  'course_session.reinstated',
  'credential.issued',
  'credential.revoked',
  'design.approved',
  'design.changed_after_approval',
  'design.created',
  'design.updated',
  'design_calculation.approved',
  'design_calculation.created',
  'dialogue_templates.replaced',
  'evaluation.closed',
  'evaluation.created',
  'evaluation.follow_up_answered',
  'evaluation.follow_up_requested',
  'evaluation.shared',
  'guide_override.created',
  'guide_override.deleted',
  'guide_override.updated',
  'incentive_model.created',
  'incentive_model.replaced',
  'inquiry.claimed',
  'inquiry.contact_corrected',
  'inquiry.contact_erased',
  'inquiry.contact_purged',
  'inquiry.declined',
  'inquiry.eligibility_overridden',
  'inquiry.referral_accepted',
  'inquiry.referral_declined',
  'inquiry.referred',
  'invitation.accepted',
  'invitation.created',
  'invitation.revoked',
  'match.accepted',
  'match.rejected',
  'match.unmet_recorded',
  'match.unmet_withdrawn',
  'membership.removed',
  'membership.roles_changed',
  'organisation.logo_removed',
  'organisation.logo_set',
  'organisation.updated',
  'participant.added',
  'participant.imported',
  'participant.personal_data_purged',
  'participant.anonymised',
  'participant.personnummer_viewed',
  'participant.removed',
  'privacy.subject_access_report',
  'proposal.accepted',
  'proposal.cloned',
  'proposal.created',
  'proposal.declined',
  'proposal.sent',
  'proposal.updated',
  'proposal_template.changed',
  'regional.contribution_started',
  'regional.contribution_stopped',
  'retention.rule_changed',
  'retention.run',
  'session_reminders.disabled',
  'session_reminders.enabled',
  'staff_merit_record.exported',
  'staff_profile.changed_by_admin',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const isAuditAction = oneOf(AUDIT_ACTIONS);

/** The kinds of record an event is about (named in `audit.subjects`). */
export const AUDIT_SUBJECT_TYPES = [
  'agreement',
  'case',
  'catalog_import',
  'cost_config',
  'course',
  'course_design',
  'course_evaluation',
  'course_session',
  'design_calculation',
  'guide_override',
  'incentive_model',
  'inquiry',
  'invitation',
  'micro_credential',
  'need',
  'needs_analysis',
  'organisation',
  'participant',
  'proposal',
  'proposal_template',
  'user',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
export const isAuditSubjectType = oneOf(AUDIT_SUBJECT_TYPES);

/** What the log is narrowed to: a period, one kind of event, one person, one record. */
export const auditFilterQuery = {
  from: z.iso.date().optional(),
  to: z.iso.date().optional().describe('Exclusive'),
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional().describe('The id of the user who did it'),
  subject: z.string().max(200).optional().describe('The id of the record it was done to'),
};

export const auditQuery = z.object({
  ...auditFilterQuery,
  ...pageQuery,
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe(`csv: every event that matches (at most ${AUDIT_EXPORT_LIMIT}), not a page`),
});
export type AuditFilter = Pick<z.infer<typeof auditQuery>, keyof typeof auditFilterQuery>;

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.string().nullable(),
    actor: z.string().nullable().describe("The user's name; null when the system did it"),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditPageSchema = pageOf(auditEventSchema);

/** The kinds of event and the people in an organisation's log: what its filters offer. */
export const auditFilterOptionsSchema = z
  .object({
    actions: z.array(z.string()),
    actors: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'AuditFilterOptions' });
