import { z } from 'zod';
import { questionnaires, scale } from './questionnaire.ts';

const bilingual = z.object({ sv: z.string(), en: z.string() });
const guideLink = z.object({ id: z.string(), title: bilingual });

export const questionnaireSchema = z.object({
  id: z.string(),
  title: bilingual,
  intro: bilingual,
  scale: z.object({
    min: z.number().int(),
    max: z.number().int(),
    labels: z.array(z.object({ value: z.number().int(), label: bilingual })),
  }),
  areas: z.array(
    z.object({
      key: z.string(),
      title: bilingual,
      statements: z.array(z.object({ id: z.string(), text: bilingual })),
    }),
  ),
});

/** Every statement of the questionnaire answered, 1–5; nothing else. */
export const submitSelfAssessmentBody = z
  .strictObject({
    questionnaire: z.string().max(40).describe('The id of the questionnaire answered, e.g. collab-2026-1'),
    answers: z
      .record(
        z.string().max(40),
        z
          .number()
          .int(`answer with a whole number from ${scale.min} to ${scale.max}`)
          .min(scale.min, `answer with a whole number from ${scale.min} to ${scale.max}`)
          .max(scale.max, `answer with a whole number from ${scale.min} to ${scale.max}`),
      )
      .describe('Statement id → answer (1 = not at all true … 5 = entirely true)'),
  })
  .superRefine((body, ctx) => {
    const questionnaire = questionnaires[body.questionnaire];
    if (!questionnaire) {
      ctx.addIssue({ code: 'custom', path: ['questionnaire'], message: 'is not a questionnaire of Lupp' });
      return;
    }
    const ids = new Set(questionnaire.areas.flatMap((a) => a.statements.map((s) => s.id)));
    for (const id of ids)
      if (!(id in body.answers))
        ctx.addIssue({
          code: 'custom',
          path: ['answers', id],
          message: `answer every statement (${scale.min}–${scale.max})`,
        });
    for (const id of Object.keys(body.answers))
      if (!ids.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['answers', id],
          message: 'is not a statement of the questionnaire',
        });
  });

const level = z.enum(['develop', 'growing', 'strong']);

export const assessmentSummarySchema = z.object({
  id: z.uuid(),
  questionnaire: z.string(),
  createdAt: z.string(),
  /** Per area: the mean of its answers to one decimal (half up), and what that means. */
  areas: z.array(z.object({ key: z.string(), title: bilingual, mean: z.number(), level })),
});

export const assessmentSchema = assessmentSummarySchema.extend({
  answers: z.record(z.string(), z.number().int()),
  /** The person's assessment before this one, which `previous` and `change` compare with. */
  comparedWith: z.object({ id: z.uuid(), createdAt: z.string() }).nullable(),
  areas: z.array(
    z.object({
      key: z.string(),
      title: bilingual,
      mean: z.number(),
      level,
      /** The area's mean in the assessment before; null for the first one (or an area it lacked). */
      previous: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
  /** Areas that are not yet strengths, weakest first, with pages of the public guide to read. */
  suggestions: z.array(
    z.object({ area: z.string().nullable(), text: bilingual, guides: z.array(guideLink) }),
  ),
});
export type AssessmentView = z.infer<typeof assessmentSchema>;

export const assessmentListSchema = z.object({
  /** The questionnaire people answer now. */
  current: z.string(),
  /** Newest first. */
  assessments: z.array(assessmentSummarySchema),
  /** The newest in full, compared with the one before it. */
  latest: assessmentSchema.nullable(),
});
