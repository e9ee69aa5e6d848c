import { z } from 'zod';
import { keyFigurePeriodOut, keyFigurePeriodSchema } from '../../shared/periods.ts';
import { counties } from '../../shared/subject-areas.ts';
import { pooledEvaluationsSchema } from '../evaluation/evaluation.contract.ts';
import { sectors } from '../inquiries/inquiries.contract.ts';

/**
 * Pooled regional competence intelligence: what the consortium's HEIs learn about employers' competence
 * needs, summed across them for the region's analysts and the HEIs' planning. Only counts and sums leave an
 * HEI, and only from HEIs that chose to contribute; a competence or an occupation is shown only when it is
 * drawn from at least this many customer organisations, so no single employer's needs can be read off.
 */
export const MIN_ORGANISATIONS = 3;

/** How many calendar years after this one the competences' due years reach (the longest horizon is 5 years). */
export const DUE_YEARS_AHEAD = 5;

export const regionalQuery = z.object({
  period: keyFigurePeriodSchema.default('12m'),
  county: z.enum(counties).optional().describe('Only inquiries from, and customers in, this county'),
  sector: z
    .enum(sectors)
    .optional()
    .describe(
      "Only inquiries stating this sector, and customers in it (as their latest case records it, else by their organisation number's group)",
    ),
});
export type RegionalQuery = z.infer<typeof regionalQuery>;

/** How many competences the trend follows: those most organisations named over its years. */
export const TREND_COMPETENCES = 20;

export const regionalTrendQuery = regionalQuery.omit({ period: true });
export type RegionalTrendQuery = z.infer<typeof regionalTrendQuery>;

export const regionalExportQuery = regionalQuery.extend({
  lang: z.enum(['sv', 'en']).default('sv'),
  format: z
    .enum(['csv', 'xlsx'])
    .default('csv')
    .describe('csv: the competences; xlsx: the whole analysis, a sheet for each part'),
});

const count = z.number().int().min(0);
const label = z.object({ sv: z.string().nullable(), en: z.string().nullable() });
const conceptSchema = z.object({ id: z.uuid(), label });

const horizonCounts = z.object({ now: count, '1y': count, '3y': count, '5y': count });

/** One competence employers need, summed over the customer organisations whose analyses name it. */
export const competenceDemandSchema = z.object({
  concept: conceptSchema,
  organisations: count.describe('Customer organisations whose needs analyses name it'),
  people: count.describe('People who need it, summed over those organisations'),
  meanGap: z.number().describe('Required level minus current level (0–5), weighted by people'),
  peopleByHorizon: horizonCounts.describe('People by when they need it: now, in 1, 3 or 5 years'),
  peopleByYear: z
    .array(z.object({ year: z.number().int(), people: count }))
    .describe(
      "People by the calendar year their need is due by (the analysis's year plus its horizon): this year — needs " +
        `due earlier counted in it — and the ${DUE_YEARS_AHEAD} after it`,
    ),
  courses: count.describe("Courses in the consortium's catalogues confirmed as teaching it"),
  suggestedCourses: count.describe('Further courses suggested (not yet confirmed) as teaching it'),
  unmetOrganisations: count.describe(
    'Of the organisations: those whose need a coordinator found no course for',
  ),
});
export type CompetenceDemand = z.infer<typeof competenceDemandSchema>;

/** One occupation (SSYK/ESCO) in the analysed organisations: headcount now and at the analyses' horizon. */
export const occupationDemandSchema = z.object({
  concept: conceptSchema,
  organisations: count,
  headcountNow: count,
  headcountHorizon: count,
});
export type OccupationDemand = z.infer<typeof occupationDemandSchema>;

const countOf = <K extends z.ZodType>(key: K) => z.object({ key, count });

/** The front door's inquiries in the period: they reach the whole consortium, so every one counts. */
export const inquiryFiguresSchema = z.object({
  total: count,
  answered: count.describe('Given a first answer (claimed, referred or declined)'),
  answeredInTime: count.describe('Answered within the first-response target'),
  settled: count.describe(
    'Answered, or past the target unanswered: the inquiries the share answered in time is of',
  ),
  byStatus: z.object({ new: count, claimed: count, referred: count, declined: count }),
  bySector: z.object({ public: count, private: count, non_profit: count }),
  bySubjectArea: z.array(countOf(z.string().nullable())).describe('SUN 2020 field; null: not given'),
  byCounty: z.array(countOf(z.string())),
  byMonth: z.array(countOf(z.string().describe('YYYY-MM, Swedish time'))),
});
export type InquiryFigures = z.infer<typeof inquiryFiguresSchema>;

const heiSchema = z.object({ id: z.uuid(), name: z.string() });

/** The active HEI's own choice (null for a consortium analyst, who acts for no HEI). */
export const contributionSchema = z.object({
  hei: heiSchema,
  contributes: z.boolean(),
  since: z.iso.datetime().nullable(),
  mayChange: z.boolean().describe("The HEI's administrators decide"),
});
export type Contribution = z.infer<typeof contributionSchema>;

export const regionalAnalysisSchema = z.object({
  consortium: z.object({ id: z.uuid(), name: z.string() }),
  period: keyFigurePeriodOut,
  since: z.iso.date().nullable().describe('First day counted (null: everything)'),
  until: z.iso.date().describe("Last day counted: today, or a past year's 31 December"),
  county: z.string().nullable(),
  sector: z.enum(sectors).nullable(),
  minOrganisations: z.number().int(),
  contributors: z.array(heiSchema).describe('HEIs whose needs analyses and findings are pooled'),
  notContributing: z.array(heiSchema),
  contribution: contributionSchema.nullable(),
  inquiries: inquiryFiguresSchema,
  analyses: count.describe('Needs analyses pooled (the latest version of each)'),
  organisations: count.describe('Customer organisations they are about'),
  freeTextNeeds: count.describe(
    'Needs in those analyses written in free text, with no taxonomy concept: not in the sums',
  ),
  competences: z.array(competenceDemandSchema).describe('By organisations, then people'),
  hiddenCompetences: count.describe(`Competences named by fewer than ${MIN_ORGANISATIONS} organisations`),
  occupations: z.array(occupationDemandSchema),
  hiddenOccupations: count,
  evaluations: pooledEvaluationsSchema.describe(
    "The contributing HEIs' course evaluations with results made in the period (customers in the county)",
  ),
});
export type RegionalAnalysis = z.infer<typeof regionalAnalysisSchema>;

export const contributionBody = z.strictObject({ contributes: z.boolean() });

const hiddenCount = count
  .nullable()
  .describe(`null: fewer than ${MIN_ORGANISATIONS} organisations that year`);

/** The pooled figures calendar year by calendar year: how the region's demand moves. */
export const regionalTrendSchema = z.object({
  years: z.array(z.number().int()).describe('The last five calendar years, oldest first; this one to today'),
  county: z.string().nullable(),
  sector: z.enum(sectors).nullable(),
  minOrganisations: z.number().int(),
  byYear: z.array(
    z.object({
      year: z.number().int(),
      inquiries: count.describe('Front-door inquiries received'),
      analyses: count.describe('Needs analyses pooled (last changed that year)'),
      organisations: count.describe('Customer organisations they are about'),
    }),
  ),
  competences: z
    .array(
      z.object({
        concept: conceptSchema,
        organisations: count.describe('Over all the years'),
        byYear: z.array(
          z.object({ year: z.number().int(), organisations: hiddenCount, people: hiddenCount }),
        ),
      }),
    )
    .describe(
      `The ${TREND_COMPETENCES} competences most organisations named over the years (each from at least ${MIN_ORGANISATIONS})`,
    ),
});
export type RegionalTrend = z.infer<typeof regionalTrendSchema>;
