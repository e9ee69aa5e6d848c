/**
 * What a case gives the departments and teachers taking part, from its approved calculation and the HEI's
 * incentive model. Pure, in integers:
 * - the departments' share is the calculation's indirect costs (OH, whole öre) × the share in basis points,
 *   rounded to whole öre, half away from zero (as every percentage of the calculation);
 * - a teacher's credited hours are (teaching + development hours) × the workload factor in basis points,
 *   in hundredths of an hour, rounded half away from zero.
 */
import { divideRounded, share } from '../costing/calculation.ts';

/** The part of the indirect costs returned to the departments, in öre. */
export const departmentShareOre = (indirectCostsOre: number, shareBp: number) =>
  share(indirectCostsOre, shareBp);

/** Hours to hundredths, as the calculation counts them (quarter hours and minutes stay exact). */
const hundredths = (hours: number) => Math.round(hours * 100);

/** Planned hours × the workload factor (10 000 = hour for hour), to hundredths of an hour. */
export const creditedHours = (plannedHours: number, factorBp: number) =>
  divideRounded(hundredths(plannedHours) * factorBp, 10_000) / 100;

/** Teaching plus development hours, without binary fractions creeping in (7.1 + 0.2 = 7.3). */
export const plannedHours = (teachingHours: number, developmentHours: number) =>
  (hundredths(teachingHours) + hundredths(developmentHours)) / 100;
