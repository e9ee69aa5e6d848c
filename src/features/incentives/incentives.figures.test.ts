import { describe, expect, it } from 'vitest';
import { creditedHours, departmentShareOre, plannedHours } from './incentives.figures.ts';

describe('incentive figures', () => {
  it('returns a share of the indirect costs in whole öre, half away from zero', () => {
    // OH 15 550,85 kr (the calculation example): 25 % is 3 887,7125 kr → 3 887,71 kr
    expect(departmentShareOre(1_555_085, 2_500)).toBe(388_771);
    // 1/3: 5 183,09833 kr → 5 183,10 kr
    expect(departmentShareOre(1_555_085, 3_333)).toBe(518_310);
    // exactly half an öre goes up: 1 öre × 50 % = 0,5 öre → 1 öre
    expect(departmentShareOre(1, 5_000)).toBe(1);
    expect(departmentShareOre(1_555_085, 0)).toBe(0);
    expect(departmentShareOre(1_555_085, 10_000)).toBe(1_555_085);
  });

  it('credits planned hours times the factor, to hundredths of an hour', () => {
    expect(creditedHours(60, 10_000)).toBe(60);
    expect(creditedHours(60, 12_500)).toBe(75);
    expect(creditedHours(8, 12_500)).toBe(10);
    // 7,25 h × 1,333 = 9,66425 h → 9,66 h
    expect(creditedHours(7.25, 13_330)).toBe(9.66);
    // 0,5 h × 1,5 = 0,75 h
    expect(creditedHours(0.5, 15_000)).toBe(0.75);
    // 0,01 h × 0,5 = 0,005 h → 0,01 h (half up)
    expect(creditedHours(0.01, 5_000)).toBe(0.01);
  });

  it('adds teaching and development hours without binary fractions', () => {
    expect(plannedHours(7.1, 0.2)).toBe(7.3);
    expect(plannedHours(40, 20)).toBe(60);
  });
});
