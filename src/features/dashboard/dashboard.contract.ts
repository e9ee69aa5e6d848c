import { z } from 'zod';
import { keyFigurePeriodOut, keyFigurePeriodSchema } from '../../shared/periods.ts';
import { openStages } from '../cases/stages.ts';
import { heiEvaluationsSchema } from '../evaluation/evaluation.contract.ts';

/**
 * An HEI's key figures for its contract education: the pipeline now, and what was won, sold, signed and
 * invoiced in a period — for its managers, administrators, coordinators and economists. Amounts are in öre,
 * without VAT.
 */
/** Who reads the key figures: those who run or pay for contract education at the HEI (not teachers). */
export const DASHBOARD_READERS = ['admin', 'manager', 'coordinator', 'economist'] as const;

export const dashboardQuery = z.object({ period: keyFigurePeriodSchema.default('12m') });
export const dashboardExportQuery = dashboardQuery.extend({ lang: z.enum(['sv', 'en']).default('sv') });

const count = z.number().int().min(0);
const ore = z.number().int().describe('öre, without VAT');
const amount = z.object({ count, valueOre: ore });
const share = z.number().min(0).max(1).nullable();

export const dashboardSchema = z.object({
  hei: z.object({ id: z.uuid(), name: z.string() }),
  period: keyFigurePeriodOut,
  since: z.iso.date().nullable(),
  until: z.iso.date().describe("The period's last day: today, or a past year's 31 December"),
  pipeline: z.object({
    open: count,
    byStage: z.array(z.object({ stage: z.enum(openStages), count })),
    byOwner: z
      .array(z.object({ owner: z.string().nullable().describe('null: nobody is responsible yet'), count }))
      .describe('Open cases by the person responsible, most first'),
    awaitingAnswer: amount.describe('Proposals sent and not yet answered'),
  }),
  cases: z.object({
    opened: count,
    won: count,
    lost: count,
    declined: count,
    referred: count,
    winRate: share.describe('Won of won and lost cases closed in the period'),
    wonBySector: z.object({ public: count, private: count, non_profit: count }),
    tenders: z
      .object({ won: count, lost: count, winRate: share })
      .describe('Cases closed in the period where the HEI tendered: an advertised procurement or a call-off'),
  }),
  proposals: z.object({
    sent: amount,
    accepted: amount,
    declined: amount,
    hitRate: share.describe('Accepted value of the accepted and declined value decided in the period'),
  }),
  agreements: z.object({
    signed: amount.describe('Signed by both parties in the period'),
    byMonth: z.array(z.object({ key: z.string().describe('YYYY-MM'), count, valueOre: ore })),
    medianDaysToAgreement: z
      .number()
      .int()
      .nullable()
      .describe('From the case opened to the agreement signed'),
    dueInPeriodOre: ore.describe("Signed agreements' billing-plan payments due in the period, up to today"),
    dueNextYearOre: ore.describe('Payments due in the twelve months from today'),
  }),
  volume: z
    .object({
      participants: count.describe('Participants designated under the agreements signed in the period'),
      creditParticipants: count.describe('Of them, those who meet the entry requirements and get credits'),
      credits: z
        .number()
        .describe("Credits (högskolepoäng) those participants take: each one's credits of the course"),
      fullTimeEquivalents: z
        .number()
        .describe('The credits as full-time equivalents (helårsekvivalenter): 60 credits each'),
      sessionsGiven: count.describe('Sessions given (not called off) in the period, up to today'),
      teachingHours: z.number().describe('Their scheduled hours'),
      credentialsIssued: count.describe('Micro-credentials issued in the period and not revoked'),
    })
    .describe('How much contract education the period held: participants, credits and teaching'),
  outturn: z
    .object({
      recorded: count.describe('Post-calculations recorded (or last corrected) in the period'),
      revenueOre: ore.describe("Their agreements' revenue"),
      actualCostOre: ore.describe('Their actual full cost'),
      resultOre: z.number().int().describe('Revenue less actual full cost: negative is a deficit'),
      coverageBp: z
        .number()
        .int()
        .nullable()
        .describe('Revenue as a share of the actual full cost, in basis points'),
      deficits: count.describe('Of them, how many did not cover the actual full cost'),
      awaiting: count.describe(
        'Now: agreements signed by both parties whose case is at follow-up or closed as won, with no post-calculation',
      ),
      awaitingList: z
        .array(
          z.object({ agreementId: z.uuid(), caseId: z.uuid(), reference: z.string(), title: z.string() }),
        )
        .describe('The first ten of them, the oldest first'),
    })
    .describe('Post-calculations (efterkalkyl): whether the agreements covered their full cost'),
  evaluations: heiEvaluationsSchema.shape.totals.describe(
    "All the HEI's course evaluations (as Uppföljning)",
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
