import { z } from 'zod';

/**
 * Evaluation on Kirkpatrick's four levels: the participants' reaction (1) and learning (2) in an anonymous
 * evaluation after the course; the customer's follow-up of behaviour at work (3) and results (4) later.
 * Every rating is on a scale of 1 (not at all) to 5 (fully).
 */
const scale = z.number().int().min(1).max(5);
const text = (max: number) => z.string().trim().max(max);

/** The participants' reaction (level 1): the course as a whole, its relevance to their work, teaching, arrangements. */
export const reactionKeys = ['overall', 'relevance', 'teaching', 'arrangements'] as const;
export const reactionSchema = z.strictObject({
  overall: scale,
  relevance: scale,
  teaching: scale,
  arrangements: scale,
});
export type Reaction = z.infer<typeof reactionSchema>;

/** A learning outcome asked about (level 2), fixed when the evaluation is made. */
export const outcomeQuestionSchema = z.object({ key: z.string(), text: z.string() });
export type OutcomeQuestion = z.infer<typeof outcomeQuestionSchema>;

/** A participant's own rating of an outcome before the course and now (a retrospective before/after). */
export const outcomeAnswerSchema = z.strictObject({ key: z.string().max(40), before: scale, after: scale });
export type OutcomeAnswer = z.infer<typeof outcomeAnswerSchema>;

/** The customer is asked to answer a follow-up within this many days (a wish, not a deadline: later answers count). */
export const FOLLOW_UP_ANSWER_DAYS = 21;

/** At least this many answers before any result is shown (the same rule as other anonymous surveys). */
export const EVALUATION_MIN_ANSWERS = 5;

export const createEvaluationBody = z.strictObject({
  /** An approved design of the case: the course that was given. */
  designId: z.uuid(),
  invited: z.number().int().min(EVALUATION_MIN_ANSWERS).max(1_000),
  closesOn: z.iso.date(),
  /** E-mail one link to each participant with an e-mail address (the link is not tied to them). */
  emailParticipants: z.boolean().default(false),
  /** The outcomes to ask about; by default the design's modules' learning outcomes. */
  outcomes: z.array(text(1_000).min(1, 'write the outcome')).max(30).optional(),
});

export const followUpSchema = z.object({
  id: z.uuid(),
  requestedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  answeredBy: z.string().nullable(),
  application: scale.nullable(),
  applicationText: z.string().nullable(),
  results: scale.nullable(),
  resultsText: z.string().nullable(),
  again: z.boolean().nullable(),
});

export const evaluationSummarySchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    designId: z.uuid(),
    title: z.string(),
    createdAt: z.iso.datetime(),
    closesOn: z.iso.date(),
    /** Answers are taken until the closing day, unless the HEI closed it earlier. */
    open: z.boolean(),
    invited: z.number().int(),
    emailed: z.number().int(),
    answered: z.number().int(),
    /** When the participants' figures were shared with the customer (null: not shared). */
    sharedAt: z.iso.datetime().nullable(),
    followUp: followUpSchema.nullable(),
  })
  .meta({ id: 'EvaluationSummary' });
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

export const createdEvaluationSchema = z.object({
  evaluation: evaluationSummarySchema,
  /** The links not e-mailed, to hand out; shown only now (Lupp keeps only their hashes). */
  links: z.array(z.string()),
});

/** Levels 1 and 2 summed up: what the HEI reads, and (without the comments) what it may share with the customer. */
const figures = {
  reaction: z.array(
    z.object({
      key: z.enum(reactionKeys),
      mean: z.number(),
      /** How many answered 1, 2, 3, 4 and 5. */
      distribution: z.array(z.number().int()).length(5),
    }),
  ),
  /** How many would recommend the course to a colleague, and how many would not. */
  recommend: z.object({ yes: z.number().int(), no: z.number().int() }),
  outcomes: z.array(
    z.object({ key: z.string(), text: z.string(), before: z.number(), after: z.number(), gain: z.number() }),
  ),
};

export const evaluationResultsSchema = z.object({
  evaluation: evaluationSummarySchema,
  minimum: z.number().int(),
  /** False until at least `minimum` have answered: then nothing but the count is shown. */
  shown: z.boolean(),
  ...figures,
  /** The free-text answers, in alphabetical order (not the order they came in). */
  comments: z.object({ best: z.array(z.string()), improve: z.array(z.string()) }),
});
export type EvaluationFigures = z.infer<z.ZodObject<typeof figures>>;

/** The participants' figures as the HEI shared them with the customer (never the comments). */
export const sharedEvaluationSchema = z.object({
  evaluationId: z.uuid(),
  caseId: z.uuid(),
  title: z.string(),
  hei: z.string(),
  sharedAt: z.iso.datetime(),
  answered: z.number().int(),
  ...figures,
});

export const publicEvaluationSchema = z.object({
  title: z.string(),
  /** The course's language: the page opens in it unless the participant's browser chose a language. */
  language: z.enum(['sv', 'en']),
  hei: z.string(),
  closesOn: z.iso.date(),
  open: z.boolean(),
  alreadyAnswered: z.boolean(),
  outcomes: z.array(outcomeQuestionSchema),
});

export const answerEvaluationBody = z.strictObject({
  reaction: reactionSchema,
  recommend: z.boolean(),
  outcomes: z.array(outcomeAnswerSchema).max(30),
  best: text(2_000).optional(),
  improve: text(2_000).optional(),
});

export const answerFollowUpBody = z.strictObject({
  application: scale,
  applicationText: text(4_000).default(''),
  results: scale,
  resultsText: text(4_000).default(''),
  again: z.boolean(),
});

/** The HEI's evaluations across its cases (the Uppföljning page), with the key figures of each. */
export const heiEvaluationsSchema = z.object({
  items: z.array(
    evaluationSummarySchema.extend({
      caseReference: z.string(),
      customer: z.string(),
      /** Mean of the overall rating (level 1), once enough have answered; null before. */
      satisfaction: z.number().nullable(),
      /** Mean gain over the outcomes, after minus before (level 2), once enough have answered. */
      gain: z.number().nullable(),
    }),
  ),
  totals: z.object({
    evaluations: z.number().int(),
    answered: z.number().int(),
    /** Means over the evaluations whose results are shown, each weighted by its answers. */
    satisfaction: z.number().nullable(),
    gain: z.number().nullable(),
    followUpsAnswered: z.number().int(),
    application: z.number().nullable(),
    results: z.number().nullable(),
  }),
});

/** A follow-up as the customer's contact people see it in the portal. */
export const portalFollowUpSchema = followUpSchema.extend({
  /** The day the HEI would like an answer by (the request's day + FOLLOW_UP_ANSWER_DAYS). */
  answerBy: z.iso.date(),
  evaluationId: z.uuid(),
  caseId: z.uuid(),
  title: z.string(),
  hei: z.string(),
});

/** Figures of a group of evaluations pooled across the consortium's contributing HEIs (regional analysis). */
export const pooledEvaluationFiguresSchema = z.object({
  evaluations: z.number().int().describe('Evaluations with results (at least five answers each)'),
  organisations: z.number().int().describe('Customer organisations whose courses they evaluate'),
  answers: z.number().int(),
  satisfaction: z.number().describe('Overall impression, 1–5, the mean of every answer'),
  gain: z.number().nullable().describe("Self-rated knowledge gain per learning outcome, 1–5 scale's steps"),
  recommendShare: z.number().min(0).max(1).describe('Share of answers that would recommend the course'),
  followUps: z
    .object({
      answered: z.number().int(),
      application: z.number().describe('Level 3, 1–5: the participants apply what they learned'),
      results: z.number().describe("Level 4, 1–5: the course met the organisation's goals"),
      againShare: z.number().min(0).max(1).describe('Share of customers who would buy again'),
    })
    .nullable()
    .describe("The customers' follow-ups answered (levels 3 and 4); null: none"),
});
export type PooledEvaluationFigures = z.infer<typeof pooledEvaluationFiguresSchema>;

export const pooledEvaluationsSchema = z.object({
  all: pooledEvaluationFiguresSchema
    .nullable()
    .describe('All of them; null when drawn from too few customer organisations to show'),
  bySubjectArea: z
    .array(pooledEvaluationFiguresSchema.extend({ subjectArea: z.string().nullable() }))
    .describe("By the design's SUN 2020 field (two digits; null: none given), most organisations first"),
  hiddenSubjectAreas: z.number().int().describe('Fields drawn from too few customer organisations'),
});
export type PooledEvaluations = z.infer<typeof pooledEvaluationsSchema>;
