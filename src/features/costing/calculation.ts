/**
 * The full-cost calculation of a contract-education delivery (issue 6). Pure: a cost configuration of the
 * HEI and the cost inputs of a design in, every line of the calculation out. Contract education must be
 * charged at full cost (förordning 2002:760, 4 §), so every cost the HEI carries is in it: staff time at
 * salary plus payroll overheads, materials, travel, premises, the HEI's indirect costs (OH) and
 * administration, and what other HEIs deliver at their own direct plus indirect cost.
 *
 * Money is integer öre throughout. Rounding rules (shown to the economist with the calculation):
 * - each line is rounded to whole öre, half away from zero, where it is computed;
 * - the hourly cost of a staff category is rounded to whole öre before it is multiplied by hours;
 * - percentages (basis points: 4 150 = 41.50 %) are applied to the rounded amounts they are based on;
 * - the price per participant is rounded up to whole kronor, so the participants together cover the
 *   full cost; the difference is shown as the rounding.
 */

/** A share in basis points: 10 000 = 100 %. */
export type BasisPoints = number;

export type StaffCategory = {
  key: string;
  /** Salary cost per working hour, before payroll overheads. */
  hourlySalaryOre: number;
  /** Payroll overheads (lönekostnadspålägg: employer contributions, pension, holiday pay). */
  payrollOverheadBp: BasisPoints;
};

export type CostConfig = {
  staff: StaffCategory[];
  /** The HEI's indirect costs (OH), as a share of the base below. */
  indirectCostBp: BasisPoints;
  /** What OH is a share of: staff costs (salaries with overheads) or all direct costs. */
  indirectCostBase: 'staff' | 'direct';
  /**
   * Premises: a surcharge on staff costs, or by area — the yearly cost of a square metre spread over the
   * hours a room can be used in a year, times the design's room area and hours.
   */
  premises:
    | { kind: 'surcharge'; rateBp: BasisPoints }
    | { kind: 'area'; yearlyCostPerSquareMetreOre: number; usableHoursPerYear: number };
  /** Administration: per delivery (contract, planning, invoicing) and per participant (registration, certificates). */
  administrationPerDeliveryOre: number;
  administrationPerParticipantOre: number;
  /** Defaults a design may override. */
  materialsPerParticipantOre: number;
  travelPerTripOre: number;
  /** Education is normally exempt from VAT (mervärdesskattelagen 3 kap. 8 §); some deliveries are not. */
  vat: { applies: boolean; rateBp: BasisPoints };
};

export type DesignCosts = {
  participants: number;
  /** Hours of teaching (lectures, seminars, supervision, examination) per staff category. */
  teaching: { category: string; hours: number }[];
  /** Hours of developing and adapting the course per staff category. */
  development: { category: string; hours: number }[];
  /** Overrides the configured default when given. */
  materialsPerParticipantOre?: number;
  /** Teacher trips (to the workplace), at the configured cost per trip unless `travelOre` is given. */
  trips?: number;
  travelOre?: number;
  /** Room use, for premises by area. */
  roomHours?: number;
  roomSquareMetres?: number;
  /** Other direct costs (licences, external lecturers, venue hire), as they are. */
  otherDirect?: { label: string; amountOre: number }[];
  /** Parts delivered by other HEIs: their direct costs and their own OH rate. */
  deliveredByOthers?: { hei: string; directOre: number; indirectCostBp: BasisPoints }[];
};

export type CalculationLine = {
  code:
    | 'teaching'
    | 'development'
    | 'materials'
    | 'travel'
    | 'other_direct'
    | 'direct_total'
    | 'premises'
    | 'indirect_costs'
    | 'administration'
    | 'delivered_by_others'
    | 'total_cost'
    | 'vat'
    | 'price';
  amountOre: number;
};

export type Calculation = {
  lines: CalculationLine[];
  /** Hourly cost (salary with payroll overheads) of each staff category used. */
  hourlyCosts: { category: string; hourlyCostOre: number }[];
  staffHours: number;
  totalCostOre: number;
  vatOre: number;
  /** What the customer pays for the delivery: full cost plus VAT when it applies. */
  priceOre: number;
  participants: number;
  /** Rounded up to whole kronor. */
  pricePerParticipantOre: number;
  /** What rounding per participant adds to the price (participants × per participant − price). */
  roundingOre: number;
};

export class CalculationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** n / d rounded half away from zero, in integers (no binary fractions of öre). */
export function divideRounded(n: number, d: number): number {
  const sign = Math.sign(n) * Math.sign(d);
  const a = Math.abs(n);
  const b = Math.abs(d);
  return sign * Math.floor((2 * a + b) / (2 * b));
}

/** An amount times a share in basis points, rounded to öre. */
export const share = (amountOre: number, bp: BasisPoints) => divideRounded(amountOre * bp, 10_000);

/** Hours to hundredths (quarter hours and minutes of teaching), so hours × öre stays in integers. */
const hundredths = (hours: number) => Math.round(hours * 100);

export function hourlyCost(category: StaffCategory): number {
  return category.hourlySalaryOre + share(category.hourlySalaryOre, category.payrollOverheadBp);
}

function staffCost(
  config: CostConfig,
  rows: { category: string; hours: number }[],
  field: string,
): { amount: number; hours: number } {
  let amount = 0;
  let hours = 0;
  rows.forEach((row, i) => {
    const category = config.staff.find((c) => c.key === row.category);
    if (!category)
      throw new CalculationError(`${field}.${i}.category`, `has no hourly cost: "${row.category}"`);
    if (!(row.hours >= 0)) throw new CalculationError(`${field}.${i}.hours`, 'must be 0 or more');
    amount += divideRounded(hundredths(row.hours) * hourlyCost(category), 100);
    hours += hundredths(row.hours);
  });
  return { amount, hours };
}

export function calculate(config: CostConfig, design: DesignCosts): Calculation {
  if (!Number.isInteger(design.participants) || design.participants < 1)
    throw new CalculationError('participants', 'must be a whole number of at least 1');
  const teaching = staffCost(config, design.teaching, 'teaching');
  const development = staffCost(config, design.development, 'development');
  const staff = teaching.amount + development.amount;
  const materials =
    design.participants * (design.materialsPerParticipantOre ?? config.materialsPerParticipantOre);
  const travel = design.travelOre ?? (design.trips ?? 0) * config.travelPerTripOre;
  const otherDirect = (design.otherDirect ?? []).reduce((sum, o) => sum + o.amountOre, 0);
  const direct = staff + materials + travel + otherDirect;

  let premises: number;
  if (config.premises.kind === 'surcharge') premises = share(staff, config.premises.rateBp);
  else {
    const { yearlyCostPerSquareMetreOre, usableHoursPerYear } = config.premises;
    const squareMetreHours = hundredths(design.roomHours ?? 0) * (design.roomSquareMetres ?? 0);
    premises = divideRounded(squareMetreHours * yearlyCostPerSquareMetreOre, usableHoursPerYear * 100);
  }
  const indirect = share(config.indirectCostBase === 'staff' ? staff : direct, config.indirectCostBp);
  const administration =
    config.administrationPerDeliveryOre + design.participants * config.administrationPerParticipantOre;
  const byOthers = (design.deliveredByOthers ?? []).reduce(
    (sum, o) => sum + o.directOre + share(o.directOre, o.indirectCostBp),
    0,
  );
  const totalCost = direct + premises + indirect + administration + byOthers;
  const vat = config.vat.applies ? share(totalCost, config.vat.rateBp) : 0;
  const price = totalCost + vat;
  // up to whole kronor: the participants together must cover the full cost
  const perParticipant = Math.ceil(price / design.participants / 100) * 100;

  const used = new Set([...design.teaching, ...design.development].map((r) => r.category));
  return {
    lines: [
      { code: 'teaching', amountOre: teaching.amount },
      { code: 'development', amountOre: development.amount },
      { code: 'materials', amountOre: materials },
      { code: 'travel', amountOre: travel },
      { code: 'other_direct', amountOre: otherDirect },
      { code: 'direct_total', amountOre: direct },
      { code: 'premises', amountOre: premises },
      { code: 'indirect_costs', amountOre: indirect },
      { code: 'administration', amountOre: administration },
      { code: 'delivered_by_others', amountOre: byOthers },
      { code: 'total_cost', amountOre: totalCost },
      { code: 'vat', amountOre: vat },
      { code: 'price', amountOre: price },
    ],
    hourlyCosts: config.staff
      .filter((c) => used.has(c.key))
      .map((c) => ({ category: c.key, hourlyCostOre: hourlyCost(c) })),
    staffHours: (teaching.hours + development.hours) / 100,
    totalCostOre: totalCost,
    vatOre: vat,
    priceOre: price,
    participants: design.participants,
    pricePerParticipantOre: perParticipant,
    roundingOre: perParticipant * design.participants - price,
  };
}

/** The same design for other group sizes: what the price per participant would be with 12 or 25. */
export function sensitivity(config: CostConfig, design: DesignCosts, groupSizes: number[]) {
  return groupSizes.map((participants) => {
    const c = calculate(config, { ...design, participants });
    return {
      participants,
      priceOre: c.priceOre,
      pricePerParticipantOre: c.pricePerParticipantOre,
    };
  });
}
