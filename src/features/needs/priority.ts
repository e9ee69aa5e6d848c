/**
 * Gap and priority of a competence need are computed, never typed. The formula is documented here and
 * in the API, and every result is returned with its inputs so people can see why a need ranks where it does.
 *
 *   gap      = max(0, required level − current level)                       (levels 0–5)
 *   priority = importance × gap × people weight × horizon weight
 *   people weight  = 1 + log10(people affected)      (1 person → 1, 10 → 2, 100 → 3)
 *   horizon weight = now 1.0 · 1 year 0.8 · 3 years 0.6 · 5 years 0.4        (configurable per analysis)
 */
export const horizons = ['now', '1y', '3y', '5y'] as const;
export type Horizon = (typeof horizons)[number];

export type Weights = Record<Horizon, number>;

/** The horizons as reports and exports name them. */
export const horizonLabels: Record<'sv' | 'en', Record<Horizon, string>> = {
  sv: { now: 'Nu', '1y': 'Inom 1 år', '3y': 'Inom 3 år', '5y': 'Inom 5 år' },
  en: { now: 'Now', '1y': 'Within 1 year', '3y': 'Within 3 years', '5y': 'Within 5 years' },
};
export const defaultHorizonWeights: Weights = { now: 1, '1y': 0.8, '3y': 0.6, '5y': 0.4 };

export type PriorityInputs = {
  requiredLevel: number;
  currentLevel: number;
  importance: number;
  people: number;
  horizon: Horizon;
};

export type Priority = {
  gap: number;
  peopleWeight: number;
  horizonWeight: number;
  priority: number;
  formula: string;
};

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function computePriority(input: PriorityInputs, weights: Weights = defaultHorizonWeights): Priority {
  const gap = Math.max(0, input.requiredLevel - input.currentLevel);
  const peopleWeight = round(1 + Math.log10(Math.max(1, input.people)));
  const horizonWeight = weights[input.horizon];
  const priority = round(input.importance * gap * peopleWeight * horizonWeight);
  return {
    gap,
    peopleWeight,
    horizonWeight,
    priority,
    formula: `${input.importance} × ${gap} × ${peopleWeight} × ${horizonWeight} = ${priority}`,
  };
}

/** Plain-language descriptions of the 0–5 levels, for forms and reports. */
export const levelDescriptions = {
  sv: [
    'Ingen kunskap',
    'Känner till begreppen',
    'Kan utföra enkla uppgifter med stöd',
    'Arbetar självständigt med vanliga uppgifter',
    'Hanterar komplexa uppgifter och stöttar andra',
    'Expert: utvecklar området och lär ut det',
  ],
  en: [
    'No knowledge',
    'Knows the concepts',
    'Does simple tasks with support',
    'Works independently on common tasks',
    'Handles complex tasks and supports others',
    'Expert: develops the field and teaches it',
  ],
};
