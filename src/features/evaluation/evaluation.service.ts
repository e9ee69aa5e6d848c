import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';
import { AppError, conflict, invalid, notFound } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { containsAny, type FoundText, foundIn, mentionPatterns } from '../../shared/mentions.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { signedAgreementIdsOfDesign } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  assertCaseAccess,
  caseOwnerOf,
  caseSummariesOf,
  casesForCustomer,
  customerOfEachCase,
  recordEvidence,
  sectorsOfCustomers,
} from '../cases/cases.service.ts';
import { getDesign, sunFieldsOfDesigns } from '../design/design.service.ts';
import type { Sector } from '../inquiries/eligibility.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { hashToken, newToken } from '../needs/self-service.service.ts';
import { notify, settleTask, tasks } from '../notifications/notifications.service.ts';
import { participantEmails } from '../participants/participants.service.ts';
import {
  type Actor,
  actingHei,
  contactPeopleOf,
  getOrganisation,
  organisationsById,
} from '../tenancy/tenancy.service.ts';
import {
  type answerEvaluationBody,
  type answerFollowUpBody,
  type createEvaluationBody,
  EVALUATION_MIN_ANSWERS,
  type EvaluationSummary,
  FOLLOW_UP_ANSWER_DAYS,
  type OutcomeQuestion,
  type PooledEvaluationFigures,
  type PooledEvaluations,
  reactionKeys,
} from './evaluation.contract.ts';
import {
  courseEvaluation,
  evaluationFollowUp,
  evaluationLink,
  evaluationResponse,
} from './evaluation.table.ts';

type EvaluationRow = typeof courseEvaluation.$inferSelect;
type FollowUpRow = typeof evaluationFollowUp.$inferSelect;
type ResponseRow = typeof evaluationResponse.$inferSelect;

const READ = ['admin', 'coordinator', 'teacher', 'economist', 'manager'] as const;
const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0);

// ------------------------------------------------------------------ the HEI makes an evaluation

/**
 * An evaluation of an approved design of the case, with `invited` single-use links. With
 * `emailParticipants`, one link goes to each participant of the design's signed agreements who has an
 * e-mail address (which link went to whom is not recorded); the rest are returned, shown only now.
 */
export async function createEvaluation(
  db: Db,
  actor: Actor,
  caseId: string,
  input: typeof createEvaluationBody._output,
  publicUrl: string,
) {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  const design = await getDesign(db, actor, input.designId).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) return null; // another case's, or none
    throw error;
  });
  if (!design || design.caseId !== caseId)
    throw invalid([{ field: 'body.designId', message: 'is not a design of this case' }]);
  if (design.status !== 'approved')
    throw invalid([
      { field: 'body.designId', message: 'the design is not approved; evaluate the course as given' },
    ]);
  if (input.closesOn < stockholmDate(new Date()))
    throw invalid([{ field: 'body.closesOn', message: 'the closing day has passed; choose today or later' }]);
  const outcomes: OutcomeQuestion[] = (
    input.outcomes ?? design.modules.flatMap((m) => m.outcomes.map((o) => o.text))
  ).map((text, i) => ({ key: `o${i + 1}`, text }));
  const emails = input.emailParticipants
    ? await participantEmails(db, await signedAgreementIdsOfDesign(db, design.id))
    : [];
  if (emails.length > input.invited)
    throw invalid([
      {
        field: 'body.invited',
        message: `the course has ${emails.length} participants with an e-mail address; make at least as many links`,
      },
    ]);
  const tokens = Array.from({ length: input.invited }, newToken);
  const hei = await getOrganisation(db, access.heiId);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(courseEvaluation)
      .values({
        caseId,
        heiId: access.heiId,
        designId: design.id,
        title: design.title,
        language: design.language,
        outcomes,
        invited: input.invited,
        emailed: emails.length,
        closesOn: input.closesOn,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new AppError(500, 'internal_error', 'the evaluation was not written');
    await tx
      .insert(evaluationLink)
      .values(tokens.map((t) => ({ evaluationId: row.id, tokenHash: hashToken(t) })));
    for (const [i, to] of emails.entries())
      await enqueueMail(tx, {
        kind: 'course_evaluation',
        to,
        forgetBodyOnceSent: true,
        // the case's reference in the subject: the HEI's retention rule erases a participant's mails by it
        subject: `Utvärdera ${design.title} (${access.reference}) / Evaluate ${design.title}`,
        text: [
          `Tack för att du deltog i ”${design.title}” vid ${hei.name}. Berätta vad du tyckte och vad du har lärt dig: det tar fem minuter och är anonymt. Länken gäller till och med ${input.closesOn} och kan användas en gång.`,
          `Thank you for taking part in “${design.title}” at ${hei.name}. Tell us what you thought and what you learned: it takes five minutes and is anonymous. The link is valid until ${input.closesOn} and can be used once.`,
          `${publicUrl}/feedback/${tokens[i]}`,
        ].join('\n\n'),
      });
    await recordAudit(tx, {
      actor,
      organisationId: access.heiId,
      action: 'evaluation.created',
      subjectType: 'course_evaluation',
      subjectId: row.id,
      data: { caseId, designId: design.id, invited: input.invited, emailed: emails.length },
    });
    return row;
  });
  return {
    evaluation: summaryOf(created, 0, null),
    links: tokens.slice(emails.length).map((t) => `/feedback/${t}`),
  };
}

/** An audit event of the HEI about one of its evaluations, naming its case. */
const auditEvaluation = (
  tx: Parameters<typeof recordAudit>[0],
  actor: Actor,
  row: EvaluationRow,
  action: 'evaluation.closed' | 'evaluation.shared' | 'evaluation.follow_up_requested',
) =>
  recordAudit(tx, {
    actor,
    organisationId: row.heiId,
    action,
    subjectType: 'course_evaluation',
    subjectId: row.id,
    data: { caseId: row.caseId },
  });

const isOpen = (row: EvaluationRow, now = new Date()) => !row.closedAt && row.closesOn >= stockholmDate(now);

const followUpView = (f: FollowUpRow | null) =>
  f && {
    id: f.id,
    requestedAt: f.requestedAt.toISOString(),
    answeredAt: f.answeredAt?.toISOString() ?? null,
    answeredBy: f.answeredByName,
    application: f.application,
    applicationText: f.applicationText,
    results: f.results,
    resultsText: f.resultsText,
    again: f.again,
  };

const summaryOf = (
  row: EvaluationRow,
  answered: number,
  followUp: FollowUpRow | null,
): EvaluationSummary => ({
  id: row.id,
  caseId: row.caseId,
  designId: row.designId,
  title: row.title,
  createdAt: row.createdAt.toISOString(),
  closesOn: row.closesOn,
  open: isOpen(row),
  invited: row.invited,
  emailed: row.emailed,
  answered,
  sharedAt: row.sharedAt?.toISOString() ?? null,
  followUp: followUpView(followUp),
});

/** Summaries of these evaluations: how many answered, and the customer's follow-up. */
async function summaries(db: Db, rows: EvaluationRow[]) {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [counts, followUps] = await Promise.all([
    db
      .select({ id: evaluationResponse.evaluationId, n: count() })
      .from(evaluationResponse)
      .where(inArray(evaluationResponse.evaluationId, ids))
      .groupBy(evaluationResponse.evaluationId),
    db.select().from(evaluationFollowUp).where(inArray(evaluationFollowUp.evaluationId, ids)),
  ]);
  const answered = new Map(counts.map((c) => [c.id, c.n]));
  const followUp = new Map(followUps.map((f) => [f.evaluationId, f]));
  return rows.map((r) => summaryOf(r, answered.get(r.id) ?? 0, followUp.get(r.id) ?? null));
}

export async function listCaseEvaluations(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  const rows = await db
    .select()
    .from(courseEvaluation)
    .where(eq(courseEvaluation.caseId, caseId))
    .orderBy(desc(courseEvaluation.createdAt));
  return { evaluations: await summaries(db, rows) };
}

/** An evaluation of a case the actor may see (404 otherwise, as if it did not exist). */
async function loadEvaluation(db: Db, actor: Actor, id: string, need: 'read' | 'work') {
  const [row] = await db.select().from(courseEvaluation).where(eq(courseEvaluation.id, id));
  if (!row) throw notFound('The evaluation');
  try {
    return { row, access: await assertCaseAccess(db, actor, row.caseId, need) };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound('The evaluation');
    throw error;
  }
}

/** Stops taking answers now (before the closing day). */
export async function closeEvaluation(db: Db, actor: Actor, id: string) {
  const { row } = await loadEvaluation(db, actor, id, 'work');
  if (!isOpen(row)) throw conflict('The evaluation is already closed.');
  await db.transaction(async (tx) => {
    await tx.update(courseEvaluation).set({ closedAt: new Date() }).where(eq(courseEvaluation.id, id));
    await auditEvaluation(tx, actor, row, 'evaluation.closed');
    await recordEvidence(tx, row.caseId, 'evaluation_done', actor.userId);
  });
  return oneSummary(db, id);
}

async function oneSummary(db: Db, id: string) {
  const rows = await db.select().from(courseEvaluation).where(eq(courseEvaluation.id, id));
  const [summary] = await summaries(db, rows);
  if (!summary) throw notFound('The evaluation');
  return summary;
}

/**
 * Shares the participants' figures (levels 1 and 2, never their comments) with the customer's portal, once
 * there are results to show; the contact people are told.
 */
export async function shareEvaluation(db: Db, actor: Actor, id: string, publicUrl: string) {
  const { row, access } = await loadEvaluation(db, actor, id, 'work');
  if (row.sharedAt) throw conflict("The participants' figures have already been shared with the customer.");
  const [answers] = await db
    .select({ n: count() })
    .from(evaluationResponse)
    .where(eq(evaluationResponse.evaluationId, id));
  if ((answers?.n ?? 0) < EVALUATION_MIN_ANSWERS)
    throw conflict(`Fewer than ${EVALUATION_MIN_ANSWERS} have answered: there are no results to share yet.`);
  const hei = (await getOrganisation(db, row.heiId)).name;
  await db.transaction(async (tx) => {
    const [shared] = await tx
      .update(courseEvaluation)
      .set({ sharedAt: new Date(), sharedBy: actor.userId })
      .where(and(eq(courseEvaluation.id, id), isNull(courseEvaluation.sharedAt)))
      .returning({ id: courseEvaluation.id });
    if (!shared) throw conflict("A colleague shared the participants' figures with the customer just now.");
    await auditEvaluation(tx, actor, row, 'evaluation.shared');
    // results to share with the customer: the participants' evaluation is done, closed or not
    await recordEvidence(tx, row.caseId, 'evaluation_done', actor.userId);
    await notify(tx, {
      userIds: await contactPeopleOf(tx, access.customerId),
      kind: 'evaluation_shared',
      title: `Deltagarnas utvärdering av ${row.title} / The participants' evaluation of ${row.title}`,
      link: `/portal/cases/${row.caseId}#portal-follow-up`,
      actorName: actor.name,
      publicUrl,
      text: [
        `${hei} delar deltagarnas sammanställda utvärdering av ”${row.title}” (${access.reference}) med er.`,
        `${hei} shares the participants' summed-up evaluation of “${row.title}” (${access.reference}) with you.`,
      ].join('\n\n'),
    });
  });
  return oneSummary(db, id);
}

// ------------------------------------------------------------------ results

/** Levels 1 and 2 from these answers: means, distributions, recommendations, each outcome's gain, comments. */
function aggregateResponses(
  outcomes: OutcomeQuestion[],
  responses: Pick<ResponseRow, 'reaction' | 'recommend' | 'outcomes' | 'best' | 'improve'>[],
) {
  const reaction = reactionKeys.map((key) => {
    const values = responses.map((r) => r.reaction[key]);
    const distribution = [1, 2, 3, 4, 5].map((level) => values.filter((v) => v === level).length);
    return { key, mean: round1(mean(values)), distribution };
  });
  const perOutcome = outcomes.map((o) => {
    const answers = responses.flatMap((r) => r.outcomes.filter((a) => a.key === o.key));
    const before = round1(mean(answers.map((a) => a.before)));
    const after = round1(mean(answers.map((a) => a.after)));
    // the difference of the figures shown beside it, so that the row adds up for whoever checks it
    return { key: o.key, text: o.text, before, after, gain: round1(after - before) };
  });
  const texts = (pick: (r: (typeof responses)[number]) => string | null) =>
    responses
      .flatMap((r) => pick(r) ?? [])
      .filter((t) => t.length)
      .sort((a, b) => a.localeCompare(b, 'sv'));
  return {
    reaction,
    recommend: {
      yes: responses.filter((r) => r.recommend).length,
      no: responses.filter((r) => !r.recommend).length,
    },
    outcomes: perOutcome,
    comments: { best: texts((r) => r.best), improve: texts((r) => r.improve) },
  };
}

const responsesOf = (db: Db, ids: string[]) =>
  ids.length
    ? db.select().from(evaluationResponse).where(inArray(evaluationResponse.evaluationId, ids))
    : Promise.resolve([] as ResponseRow[]);

/** These evaluations' answers, each evaluation's apart (one query). */
async function responsesByEvaluation(db: Db, ids: string[]) {
  const grouped = new Map<string, ResponseRow[]>();
  for (const r of await responsesOf(db, ids))
    grouped.set(r.evaluationId, [...(grouped.get(r.evaluationId) ?? []), r]);
  return (id: string) => grouped.get(id) ?? [];
}

export async function evaluationResults(db: Db, actor: Actor, id: string) {
  const { row } = await loadEvaluation(db, actor, id, 'read');
  const [responses, evaluation] = await Promise.all([responsesOf(db, [id]), oneSummary(db, id)]);
  const shown = responses.length >= EVALUATION_MIN_ANSWERS;
  const empty = {
    reaction: [],
    recommend: { yes: 0, no: 0 },
    outcomes: [],
    comments: { best: [], improve: [] },
  };
  return {
    evaluation,
    minimum: EVALUATION_MIN_ANSWERS,
    shown,
    ...(shown ? aggregateResponses(row.outcomes, responses) : empty),
  };
}

/**
 * An evaluation's key figures from its answers, or null while fewer than the minimum have answered: the
 * mean overall impression, the mean gain over all outcomes (after minus before; null without outcomes) and
 * how many would recommend the course.
 */
function keyFigures(responses: ResponseRow[]) {
  if (responses.length < EVALUATION_MIN_ANSWERS) return null;
  const gains = responses.flatMap((r) => r.outcomes.map((a) => a.after - a.before));
  return {
    answered: responses.length,
    satisfaction: round1(mean(responses.map((r) => r.reaction.overall))),
    gain: gains.length ? round1(mean(gains)) : null,
    recommended: responses.filter((r) => r.recommend).length,
  };
}

/** The evaluations of these designs that have results to show, with their key figures (merit records; no access check). */
export async function evaluationFiguresOfDesigns(db: Db, designIds: string[]) {
  if (!designIds.length) return [];
  const rows = await db
    .select()
    .from(courseEvaluation)
    .where(inArray(courseEvaluation.designId, designIds))
    .orderBy(courseEvaluation.createdAt);
  const answersOf = await responsesByEvaluation(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((row) => {
    const figures = keyFigures(answersOf(row.id));
    return figures ? [{ evaluationId: row.id, title: row.title, closesOn: row.closesOn, ...figures }] : [];
  });
}

/** The active HEI's evaluations, newest first, with their key figures and weighted totals (the Uppföljning page). */
export async function heiEvaluations(db: Db, actor: Actor) {
  const hei = await actingHei(db, actor, [...READ]);
  const rows = await db
    .select()
    .from(courseEvaluation)
    .where(eq(courseEvaluation.heiId, hei.id))
    .orderBy(desc(courseEvaluation.createdAt));
  const [list, answersOf, cases] = await Promise.all([
    summaries(db, rows),
    responsesByEvaluation(
      db,
      rows.map((r) => r.id),
    ),
    caseSummariesOf(
      db,
      hei.id,
      rows.map((r) => r.caseId),
    ),
  ]);
  const weighted: { answers: number; satisfaction: number; gain: number }[] = [];
  const items = list.map((summary, i) => {
    const row = rows[i] as EvaluationRow;
    const figures = keyFigures(answersOf(row.id));
    if (figures)
      weighted.push({
        answers: figures.answered,
        satisfaction: figures.satisfaction,
        gain: figures.gain ?? 0,
      });
    const c = cases.get(row.caseId);
    return {
      ...summary,
      caseReference: c?.reference ?? '',
      customer: c?.customerName ?? '',
      satisfaction: figures?.satisfaction ?? null,
      gain: figures?.gain ?? null,
    };
  });
  const answers = weighted.reduce((s, w) => s + w.answers, 0);
  const weightedMean = (pick: (w: (typeof weighted)[number]) => number) =>
    answers ? round1(weighted.reduce((s, w) => s + pick(w) * w.answers, 0) / answers) : null;
  const answeredFollowUps = list.flatMap((s) => (s.followUp?.answeredAt ? [s.followUp] : []));
  const followUpMean = (pick: (f: NonNullable<EvaluationSummary['followUp']>) => number | null) =>
    answeredFollowUps.length ? round1(mean(answeredFollowUps.map((f) => pick(f) ?? 0))) : null;
  return {
    items,
    totals: {
      evaluations: list.length,
      answered: list.reduce((s, e) => s + e.answered, 0),
      satisfaction: weightedMean((w) => w.satisfaction),
      gain: weightedMean((w) => w.gain),
      followUpsAnswered: answeredFollowUps.length,
      application: followUpMean((f) => f.application),
      results: followUpMean((f) => f.results),
    },
  };
}

const csvHeaders = {
  sv: [
    'Ärende',
    'Kund',
    'Utbildning',
    'Skapad',
    'Stänger',
    'Öppen',
    'Länkar',
    'Svar',
    'Helhetsintryck (1–5)',
    'Skattad kunskapsökning',
    'Delad med kunden',
    'Uppföljning begärd',
    'Uppföljning besvarad',
    'Tillämpning i arbetet (1–5)',
    'Resultat för verksamheten (1–5)',
    'Skulle köpa igen',
  ],
  en: [
    'Case',
    'Customer',
    'Course',
    'Created',
    'Closes',
    'Open',
    'Links',
    'Answers',
    'Overall impression (1–5)',
    'Rated knowledge gain',
    'Shared with the customer',
    'Follow-up requested',
    'Follow-up answered',
    'Use at work (1–5)',
    'Results for the organisation (1–5)',
    'Would buy again',
  ],
};

/**
 * The active HEI's evaluations as CSV, newest first, with the figures the page shows (a figure is empty
 * until five have answered): for reports to management in a spreadsheet.
 */
export async function heiEvaluationsCsv(db: Db, actor: Actor, language: 'sv' | 'en') {
  const { items } = await heiEvaluations(db, actor);
  const day = (iso: string | null | undefined) => (iso ? stockholmDate(new Date(iso)) : '');
  const words = language === 'sv' ? { yes: 'ja', no: 'nej' } : { yes: 'yes', no: 'no' };
  const yesNo = (value: boolean | null | undefined) =>
    value === null || value === undefined ? '' : value ? words.yes : words.no;
  return toCsv(
    [
      csvHeaders[language],
      ...items.map((e) => [
        e.caseReference,
        e.customer,
        e.title,
        day(e.createdAt),
        e.closesOn,
        yesNo(e.open),
        e.invited,
        e.answered,
        e.satisfaction,
        e.gain,
        day(e.sharedAt),
        day(e.followUp?.requestedAt),
        day(e.followUp?.answeredAt),
        e.followUp?.application,
        e.followUp?.results,
        yesNo(e.followUp?.again),
      ]),
    ],
    language === 'sv',
  );
}

// ------------------------------------------------------------------ a participant answers (public)

const invalidLink = () =>
  new AppError(
    404,
    'evaluation_link_invalid',
    'This evaluation link is unknown. Check that the whole link was copied.',
  );
const alreadyAnswered = () =>
  new AppError(
    409,
    'evaluation_already_answered',
    'This link has already been used to answer the evaluation. Each link is for one answer.',
  );

async function evaluationOfLink(db: Db, token: string) {
  const [found] = await db
    .select({ link: evaluationLink, evaluation: courseEvaluation })
    .from(evaluationLink)
    .innerJoin(courseEvaluation, eq(evaluationLink.evaluationId, courseEvaluation.id))
    .where(eq(evaluationLink.tokenHash, hashToken(token)));
  if (!found) throw invalidLink();
  return found;
}

export async function publicEvaluation(db: Db, token: string) {
  const { link, evaluation } = await evaluationOfLink(db, token);
  return {
    title: evaluation.title,
    language: evaluation.language,
    hei: (await getOrganisation(db, evaluation.heiId)).name,
    closesOn: evaluation.closesOn,
    open: isOpen(evaluation),
    alreadyAnswered: link.answered,
    outcomes: evaluation.outcomes,
  };
}

/**
 * Stores one answer: the link is marked used and the answer written in one transaction, with no reference
 * to the link and the date only. Every outcome must be rated, so every mean counts the same respondents.
 */
export async function answerEvaluation(db: Db, token: string, input: typeof answerEvaluationBody._output) {
  const { link, evaluation } = await evaluationOfLink(db, token);
  if (link.answered) throw alreadyAnswered();
  if (!isOpen(evaluation))
    throw new AppError(
      409,
      'evaluation_closed',
      `The evaluation closed on ${evaluation.closesOn}; it takes no more answers.`,
    );
  const keys = new Set(evaluation.outcomes.map((o) => o.key));
  const errors = input.outcomes.flatMap((a, i) =>
    keys.has(a.key)
      ? []
      : [{ field: `body.outcomes.${i}.key`, message: 'is not an outcome of this evaluation' }],
  );
  const given = new Set(input.outcomes.map((a) => a.key));
  const missing = evaluation.outcomes.filter((o) => !given.has(o.key));
  if (missing.length)
    errors.push({
      field: 'body.outcomes',
      message: `rate every outcome; missing: ${missing.map((o) => o.key).join(', ')}`,
    });
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(evaluationLink)
      .set({ answered: true })
      .where(and(eq(evaluationLink.id, link.id), eq(evaluationLink.answered, false)))
      .returning({ id: evaluationLink.id });
    if (!used.length) throw alreadyAnswered();
    await tx.insert(evaluationResponse).values({
      evaluationId: evaluation.id,
      reaction: input.reaction,
      recommend: input.recommend,
      outcomes: input.outcomes.map((a) => ({ key: a.key, before: a.before, after: a.after })),
      best: input.best || null,
      improve: input.improve || null,
    });
  });
  return { answered: true as const };
}

// ------------------------------------------------------------------ the customer's follow-up (levels 3 and 4)

/** Asks the customer's contact people to follow up the course (in the app and by e-mail); once per evaluation. */
export async function requestFollowUp(db: Db, actor: Actor, id: string, publicUrl: string) {
  const { row, access } = await loadEvaluation(db, actor, id, 'work');
  const hei = (await getOrganisation(db, row.heiId)).name;
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(evaluationFollowUp)
      .values({ evaluationId: id, requestedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict("The customer's follow-up of this evaluation has already been asked for.");
    await auditEvaluation(tx, actor, row, 'evaluation.follow_up_requested');
    await notify(tx, {
      userIds: await contactPeopleOf(tx, access.customerId),
      kind: 'evaluation_follow_up',
      task: tasks.followUp(created.id),
      title: `Hur har ${row.title} gett resultat? / How has ${row.title} paid off?`,
      link: `/portal/cases/${row.caseId}#portal-follow-up`,
      actorName: actor.name,
      publicUrl,
      text: [
        `${hei} vill veta hur deltagarna använder det de lärde sig i ”${row.title}” (${access.reference}) och vad det har gett er verksamhet. Fem frågor i Lupp.`,
        `${hei} would like to know how the participants use what they learned in “${row.title}” (${access.reference}) and what it has given your organisation. Five questions in Lupp.`,
      ].join('\n\n'),
    });
  });
  return oneSummary(db, id);
}

/** The follow-ups the HEIs have asked of this customer, newest first, answered or not. No access check. */
export async function customerFollowUps(db: Db, customerId: string, caseId?: string) {
  const cases = (await casesForCustomer(db, customerId)).filter((c) => !caseId || c.id === caseId);
  if (!cases.length) return [];
  const hei = new Map(cases.map((c) => [c.id, c.hei]));
  const rows = await db
    .select({ f: evaluationFollowUp, e: courseEvaluation })
    .from(evaluationFollowUp)
    .innerJoin(courseEvaluation, eq(evaluationFollowUp.evaluationId, courseEvaluation.id))
    .where(inArray(courseEvaluation.caseId, [...hei.keys()]))
    .orderBy(desc(evaluationFollowUp.requestedAt));
  return rows.map(({ f, e }) => ({
    ...(followUpView(f) as NonNullable<ReturnType<typeof followUpView>>),
    answerBy: addDays(stockholmDate(f.requestedAt), FOLLOW_UP_ANSWER_DAYS),
    evaluationId: e.id,
    caseId: e.caseId,
    title: e.title,
    hei: hei.get(e.caseId) ?? '',
  }));
}

/** The participants' figures the HEIs have shared with this customer, newest first. No access check. */
export async function customerEvaluations(db: Db, customerId: string, caseId?: string) {
  const cases = (await casesForCustomer(db, customerId)).filter((c) => !caseId || c.id === caseId);
  if (!cases.length) return [];
  const hei = new Map(cases.map((c) => [c.id, c.hei]));
  const rows = await db
    .select()
    .from(courseEvaluation)
    .where(and(inArray(courseEvaluation.caseId, [...hei.keys()]), isNotNull(courseEvaluation.sharedAt)))
    .orderBy(desc(courseEvaluation.sharedAt));
  const answersOf = await responsesByEvaluation(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const own = answersOf(row.id);
    const { comments: _private, ...figures } = aggregateResponses(row.outcomes, own);
    return {
      evaluationId: row.id,
      caseId: row.caseId,
      title: row.title,
      hei: hei.get(row.caseId) ?? '',
      sharedAt: (row.sharedAt as Date).toISOString(),
      answered: own.length,
      ...figures,
    };
  });
}

/**
 * The cases with a follow-up still unanswered whose answer-by day falls between `from` and `to` (for the
 * morning reminders; no access check).
 */
export async function casesWithFollowUpsDue(db: Db, from: string, to: string): Promise<string[]> {
  const answerBy = sql`((${evaluationFollowUp.requestedAt} at time zone 'Europe/Stockholm')::date + ${FOLLOW_UP_ANSWER_DAYS}::int)`;
  const rows = await db
    .selectDistinct({ caseId: courseEvaluation.caseId })
    .from(evaluationFollowUp)
    .innerJoin(courseEvaluation, eq(evaluationFollowUp.evaluationId, courseEvaluation.id))
    .where(
      and(isNull(evaluationFollowUp.answeredAt), sql`${answerBy} between ${from}::date and ${to}::date`),
    );
  return rows.map((r) => r.caseId);
}

/** The customer's answer, once; the case's owner and whoever asked are told. */
export async function answerFollowUp(
  db: Db,
  actor: Actor,
  customerId: string,
  followUpId: string,
  input: typeof answerFollowUpBody._output,
  publicUrl: string,
) {
  const mine = (await customerFollowUps(db, customerId)).find((f) => f.id === followUpId);
  if (!mine) throw notFound('The follow-up');
  if (mine.answeredAt) throw conflict(`The follow-up was answered by ${mine.answeredBy ?? 'a colleague'}.`);
  const customer = (await getOrganisation(db, customerId)).name;
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(evaluationFollowUp)
      .set({
        answeredBy: actor.userId,
        answeredByName: actor.name,
        answeredAt: new Date(),
        application: input.application,
        applicationText: input.applicationText || null,
        results: input.results,
        resultsText: input.resultsText || null,
        again: input.again,
      })
      .where(and(eq(evaluationFollowUp.id, followUpId), isNull(evaluationFollowUp.answeredAt)))
      .returning();
    if (!done) throw conflict('The follow-up was answered by a colleague just now.');
    const [evaluation] = await tx
      .select()
      .from(courseEvaluation)
      .where(eq(courseEvaluation.id, done.evaluationId));
    if (!evaluation) throw notFound('The evaluation');
    await recordAudit(tx, {
      actor,
      organisationId: customerId,
      action: 'evaluation.follow_up_answered',
      subjectType: 'course_evaluation',
      subjectId: evaluation.id,
      data: { caseId: evaluation.caseId },
    });
    await settleTask(tx, tasks.followUp(done.id));
    await notify(tx, {
      userIds: [await caseOwnerOf(tx, evaluation.caseId), done.requestedBy].filter((id) => id !== null),
      kind: 'evaluation_follow_up_answered',
      title: `${customer} har följt upp ${evaluation.title} / ${customer} has followed up ${evaluation.title}`,
      link: `/cases/${evaluation.caseId}#case-evaluation`,
      actorName: actor.name,
      publicUrl,
      text: [
        `${actor.name} (${customer}) har besvarat uppföljningen av ”${evaluation.title}”.`,
        `${actor.name} (${customer}) has answered the follow-up of “${evaluation.title}”.`,
      ].join('\n\n'),
    });
  });
  return (await customerFollowUps(db, customerId)).find((f) => f.id === followUpId);
}

// ------------------------------------------------------------------ subject access

/**
 * The HEI's evaluation texts that contain one of the terms: participants' comments and customers' follow-ups
 * (their words and who answered). For a subject access report; no access check.
 */
export async function mentionsInEvaluations(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const patterns = mentionPatterns(terms);
  const [comments, followUps] = await Promise.all([
    db
      .select({ r: evaluationResponse, e: courseEvaluation })
      .from(evaluationResponse)
      .innerJoin(courseEvaluation, eq(evaluationResponse.evaluationId, courseEvaluation.id))
      .where(
        and(
          eq(courseEvaluation.heiId, heiId),
          containsAny([evaluationResponse.best, evaluationResponse.improve], patterns),
        ),
      ),
    db
      .select({ f: evaluationFollowUp, e: courseEvaluation })
      .from(evaluationFollowUp)
      .innerJoin(courseEvaluation, eq(evaluationFollowUp.evaluationId, courseEvaluation.id))
      .where(
        and(
          eq(courseEvaluation.heiId, heiId),
          containsAny(
            [
              evaluationFollowUp.applicationText,
              evaluationFollowUp.resultsText,
              evaluationFollowUp.answeredByName,
            ],
            patterns,
          ),
        ),
      ),
  ]);
  const found = (e: EvaluationRow, at: Date) => (text: string) => ({
    source: 'evaluation' as const,
    caseId: e.caseId,
    recordId: null,
    label: e.title,
    text,
    at,
  });
  return [
    ...comments.map(({ r, e }) =>
      foundIn([r.best, r.improve], terms, found(e, new Date(`${r.answeredOn}T12:00:00Z`))),
    ),
    ...followUps.map(({ f, e }) =>
      foundIn(
        [f.answeredByName, f.applicationText, f.resultsText],
        terms,
        found(e, f.answeredAt ?? f.requestedAt),
      ),
    ),
  ].filter((mention) => mention !== null);
}

/**
 * The participants' evaluations with results (at least EVALUATION_MIN_ANSWERS answers) of these HEIs' courses,
 * made in the period and, with a county or a sector, of customers there, pooled for the consortium's analysis: all of
 * them and
 * by the design's SUN field — each shown only when drawn from at least `minOrganisations` customer organisations,
 * so that no customer's results can be read off. Means are of every answer (a large course weighs more); the
 * customers' follow-ups (levels 3 and 4) are those answered. No comments, no course names. No access check.
 */
export async function pooledEvaluations(
  db: Db,
  filter: { heiIds: string[]; window: FigureWindow; county: string | null; sector: Sector | null },
  minOrganisations: number,
): Promise<PooledEvaluations> {
  const rows = filter.heiIds.length
    ? await db
        .select({
          id: courseEvaluation.id,
          caseId: courseEvaluation.caseId,
          designId: courseEvaluation.designId,
        })
        .from(courseEvaluation)
        .where(
          and(
            inArray(courseEvaluation.heiId, filter.heiIds),
            inWindow(courseEvaluation.createdAt, filter.window),
          ),
        )
    : [];
  const ids = rows.map((r) => r.id);
  const [answersOf, followUps, customerOf, fieldOf] = await Promise.all([
    responsesByEvaluation(db, ids),
    ids.length
      ? db
          .select()
          .from(evaluationFollowUp)
          .where(and(inArray(evaluationFollowUp.evaluationId, ids), isNotNull(evaluationFollowUp.answeredAt)))
      : [],
    customerOfEachCase(db, [...new Set(rows.map((r) => r.caseId))]),
    sunFieldsOfDesigns(db, [...new Set(rows.map((r) => r.designId))]),
  ]);
  const customers = [...new Set(customerOf.values())];
  const [counties, sectors] = await Promise.all([
    filter.county ? organisationsById(db, customers) : new Map<string, { county: string | null }>(),
    filter.sector ? sectorsOfCustomers(db, customers) : new Map<string, Sector>(),
  ]);
  const followUpOf = new Map(followUps.map((f) => [f.evaluationId, f]));
  const pooled = rows.flatMap((r) => {
    const answers = answersOf(r.id);
    const customer = customerOf.get(r.caseId) ?? '';
    if (answers.length < EVALUATION_MIN_ANSWERS) return [];
    if (filter.county && counties.get(customer)?.county !== filter.county) return [];
    if (filter.sector && sectors.get(customer) !== filter.sector) return [];
    const field = fieldOf.get(r.designId)?.slice(0, 2) ?? null;
    return [{ customer, field, answers, followUp: followUpOf.get(r.id) }];
  });
  const figures = (group: typeof pooled): PooledEvaluationFigures => {
    const answers = group.flatMap((g) => g.answers);
    const gains = answers.flatMap((a) => a.outcomes.map((o) => o.after - o.before));
    const answered = group.flatMap((g) => (g.followUp ? [g.followUp] : []));
    return {
      evaluations: group.length,
      organisations: new Set(group.map((g) => g.customer)).size,
      answers: answers.length,
      satisfaction: round1(mean(answers.map((a) => a.reaction.overall))),
      gain: gains.length ? round1(mean(gains)) : null,
      recommendShare: answers.filter((a) => a.recommend).length / answers.length,
      followUps: answered.length
        ? {
            answered: answered.length,
            application: round1(mean(answered.map((f) => f.application ?? 0))),
            results: round1(mean(answered.map((f) => f.results ?? 0))),
            againShare: answered.filter((f) => f.again).length / answered.length,
          }
        : null,
    };
  };
  const fields = new Map<string | null, typeof pooled>();
  for (const p of pooled) fields.set(p.field, [...(fields.get(p.field) ?? []), p]);
  const byField = [...fields].map(([subjectArea, group]) => ({ subjectArea, ...figures(group) }));
  const shown = byField.filter((f) => f.organisations >= minOrganisations);
  const all = pooled.length ? figures(pooled) : null;
  return {
    all: all && all.organisations >= minOrganisations ? all : null,
    bySubjectArea: shown.sort(
      (a, b) =>
        b.organisations - a.organisations || (a.subjectArea ?? '~').localeCompare(b.subjectArea ?? '~'),
    ),
    hiddenSubjectAreas: byField.length - shown.length,
  };
}
