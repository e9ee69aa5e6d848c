import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
import { assertCaseAccess, caseSummariesOf } from '../cases/cases.service.ts';
import { caseCredentials } from '../credentials/credentials.service.ts';
import { sessionHours } from '../delivery/delivery.contract.ts';
import { caseDelivery } from '../delivery/delivery.service.ts';
import { getDesign } from '../design/design.service.ts';
import { evaluationResults, listCaseEvaluations } from '../evaluation/evaluation.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import { organisationParty } from '../tenancy/tenancy.service.ts';

/**
 * A course's report for the follow-up meeting with the customer (the guide's stage 8): what was given — the
 * sessions held and called off, the teaching hours — who came, the micro-credentials issued, and the
 * evaluation on Kirkpatrick's levels 1–2 (the participants' figures, never their comments, as when the HEI
 * shares them) and 3–4 (the customer's follow-up, when answered). Read from each feature's own service; the
 * HEI's staff who may read the case may make it.
 */
export async function courseReport(db: Db, actor: Actor, caseId: string, designId: string) {
  const access = await assertCaseAccess(db, actor, caseId, 'read');
  const [delivery, credentials, { evaluations }, cases, hei] = await Promise.all([
    caseDelivery(db, actor, caseId),
    caseCredentials(db, actor, caseId),
    listCaseEvaluations(db, actor, caseId),
    caseSummariesOf(db, access.heiId, [caseId]),
    organisationParty(db, access.heiId),
  ]);
  const course = delivery.designs.find((d) => d.designId === designId);
  const theCase = cases.get(caseId);
  if (!course || !theCase) throw notFound('A course given in this case');
  const design = await getDesign(db, actor, designId);
  // the newest evaluation of the course (evaluations come newest first)
  const evaluation = evaluations.find((e) => e.designId === designId);
  const results = evaluation ? await evaluationResults(db, actor, evaluation.id) : null;
  const held = course.sessions.filter((s) => !s.cancelledAt);
  const marks = held.flatMap((s) => s.attendance);
  return {
    hei,
    case: { reference: theCase.reference, title: theCase.title, customer: theCase.customerName },
    course: {
      title: design.title,
      language: design.language,
      format: design.format,
      awards: design.awards,
      credits: design.credits,
      examination: design.examination,
      teachers: design.teachers.map((teacher) => teacher.name),
    },
    sessions: course.sessions.map((s) => ({
      day: s.day,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      topic: s.topic,
      teacher: s.teacher,
      cancelled: !!s.cancelledAt,
    })),
    hoursHeld: held.reduce((sum, s) => sum + sessionHours(s), 0),
    participants: course.participants.length,
    attendance: {
      present: marks.filter((m) => m.status === 'present').length,
      recorded: marks.length,
      sessionsRecorded: held.filter((s) => s.attendance.length > 0).length,
    },
    credentialsIssued: credentials.credentials.filter((c) => c.designId === designId && !c.revokedAt).length,
    evaluation:
      evaluation && results
        ? {
            invited: evaluation.invited,
            answered: evaluation.answered,
            shown: results.shown,
            minimum: results.minimum,
            reaction: results.reaction.map((r) => ({ key: r.key, mean: r.mean })),
            recommend: results.recommend,
            outcomes: results.outcomes.map((o) => ({ text: o.text, before: o.before, after: o.after })),
            followUp: evaluation.followUp?.answeredAt ? evaluation.followUp : null,
          }
        : null,
  };
}

export type CourseReport = Awaited<ReturnType<typeof courseReport>>;
