import { describe, expect, it } from 'vitest';
import {
  type CalculationLine,
  type CostConfig,
  calculate,
  type DesignCosts,
  divideRounded,
  hourlyCost,
  sensitivity,
} from './calculation.ts';

// Worked examples, computed by hand (amounts in öre; 100 öre = 1 krona).

const configA: CostConfig = {
  staff: [
    { key: 'lecturer', hourlySalaryOre: 45_000, payrollOverheadBp: 4_150 }, // 450 kr + 41.5 % = 636.75 kr
    { key: 'professor', hourlySalaryOre: 55_000, payrollOverheadBp: 4_150 }, // 778.25 kr
    { key: 'administrator', hourlySalaryOre: 30_000, payrollOverheadBp: 4_150 }, // 424.50 kr
  ],
  indirectCostBp: 3_500, // OH 35 % of staff costs
  indirectCostBase: 'staff',
  premises: { kind: 'surcharge', rateBp: 1_200 }, // 12 % of staff costs
  administrationPerDeliveryOre: 500_000, // 5 000 kr
  administrationPerParticipantOre: 20_000, // 200 kr
  materialsPerParticipantOre: 50_000, // 500 kr
  travelPerTripOre: 150_000, // 1 500 kr
  vat: { applies: false, rateBp: 2_500 },
};

const designA: DesignCosts = {
  participants: 20,
  teaching: [
    { category: 'lecturer', hours: 40 },
    { category: 'professor', hours: 8 },
  ],
  development: [{ category: 'lecturer', hours: 20 }],
  trips: 4,
};

// By area, OH on all direct costs, VAT, quarter hours, a part delivered by another HEI.
const configB: CostConfig = {
  ...configA,
  indirectCostBase: 'direct',
  premises: { kind: 'area', yearlyCostPerSquareMetreOre: 250_000, usableHoursPerYear: 1_600 },
  vat: { applies: true, rateBp: 2_500 },
};

const designB: DesignCosts = {
  participants: 12,
  teaching: [{ category: 'lecturer', hours: 12.25 }],
  development: [{ category: 'administrator', hours: 3.5 }],
  materialsPerParticipantOre: 0,
  travelOre: 123_456,
  roomHours: 30,
  roomSquareMetres: 60,
  otherDirect: [{ label: 'Licence', amountOre: 250_000 }],
  deliveredByOthers: [{ hei: 'Högskolan i Norrvik', directOre: 1_000_000, indirectCostBp: 4_000 }],
};

const lines = (ls: CalculationLine[]) => Object.fromEntries(ls.map((l) => [l.code, l.amountOre]));

describe('full-cost calculation: worked examples', () => {
  it.each([
    {
      example: 'A: premises as a surcharge, OH on staff costs, no VAT',
      config: configA,
      design: designA,
      expected: {
        teaching: 3_169_600, // 40 h × 636.75 + 8 h × 778.25 = 31 696.00 kr
        development: 1_273_500, // 20 h × 636.75
        materials: 1_000_000, // 20 × 500 kr
        travel: 600_000, // 4 trips × 1 500 kr
        other_direct: 0,
        direct_total: 6_043_100,
        premises: 533_172, // 12 % of staff 44 431.00 kr
        indirect_costs: 1_555_085, // 35 % of 44 431.00 kr
        administration: 900_000, // 5 000 + 20 × 200 kr
        delivered_by_others: 0,
        total_cost: 9_031_357,
        vat: 0,
        price: 9_031_357,
      },
      perParticipant: 451_600, // 90 313.57 kr / 20 = 4 515.68, up to 4 516 kr
      rounding: 643,
    },
    {
      example: 'B: premises by area, OH on direct costs, VAT, another HEI delivers a part',
      config: configB,
      design: designB,
      expected: {
        teaching: 780_019, // 12.25 h × 636.75 = 7 800.1875 kr, half up to 7 800.19
        development: 148_575, // 3.5 h × 424.50
        materials: 0,
        travel: 123_456,
        other_direct: 250_000,
        direct_total: 1_302_050,
        premises: 281_250, // 30 h × 60 m² × 2 500 kr / 1 600 h
        indirect_costs: 455_718, // 35 % of 13 020.50 kr = 4 557.175, half up
        administration: 740_000, // 5 000 + 12 × 200 kr
        delivered_by_others: 1_400_000, // 10 000 kr + their OH 40 %
        total_cost: 4_179_018,
        vat: 1_044_755, // 25 % of 41 790.18 kr = 10 447.545, half up
        price: 5_223_773,
      },
      perParticipant: 435_400, // 52 237.73 kr / 12 = 4 353.14, up to 4 354 kr
      rounding: 1_027,
    },
  ])('$example', ({ config, design, expected, perParticipant, rounding }) => {
    const c = calculate(config, design);
    expect(lines(c.lines)).toEqual(expected);
    expect(c.totalCostOre).toBe(expected.total_cost);
    expect(c.priceOre).toBe(expected.price);
    expect(c.pricePerParticipantOre).toBe(perParticipant);
    expect(c.roundingOre).toBe(rounding);
    expect(c.pricePerParticipantOre * c.participants).toBeGreaterThanOrEqual(c.priceOre);
  });

  it('shows the hourly cost of each staff category used, and the staff hours', () => {
    const c = calculate(configA, designA);
    expect(c.hourlyCosts).toEqual([
      { category: 'lecturer', hourlyCostOre: 63_675 },
      { category: 'professor', hourlyCostOre: 77_825 },
    ]);
    expect(c.staffHours).toBe(68);
    expect(hourlyCost({ key: 'x', hourlySalaryOre: 33_333, payrollOverheadBp: 4_150 })).toBe(47_166); // 13 833.195 half up
  });

  it('gives the price per participant for other group sizes', () => {
    expect(sensitivity(configA, designA, [12, 20, 25])).toEqual([
      { participants: 12, priceOre: 8_471_357, pricePerParticipantOre: 706_000 },
      { participants: 20, priceOre: 9_031_357, pricePerParticipantOre: 451_600 },
      { participants: 25, priceOre: 9_381_357, pricePerParticipantOre: 375_300 },
    ]);
  });

  it('refuses a staff category without an hourly cost and a group of no one, naming the field', () => {
    expect(() =>
      calculate(configA, { ...designA, teaching: [{ category: 'guest', hours: 2 }] }),
    ).toThrowError(expect.objectContaining({ field: 'teaching.0.category' }));
    expect(() => calculate(configA, { ...designA, participants: 0 })).toThrowError(
      expect.objectContaining({ field: 'participants' }),
    );
    expect(() =>
      calculate(configA, { ...designA, development: [{ category: 'lecturer', hours: -1 }] }),
    ).toThrowError(expect.objectContaining({ field: 'development.0.hours' }));
  });

  it('rounds half away from zero in integers', () => {
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(-5, 2)).toBe(-3);
    expect(divideRounded(4, 3)).toBe(1);
    expect(divideRounded(78_001_875, 100)).toBe(780_019);
  });
});
