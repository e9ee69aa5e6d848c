import type { CostConfigInput } from '../costing/costing.contract.ts';

/**
 * The demo HEIs' approved cost configuration (version 1, from 1 January 2026): round figures of the size
 * Swedish HEIs use — hourly salary costs per staff category, payroll overheads 41.5 %, OH 35 % and premises
 * 12 % of staff costs, no VAT (education is exempt).
 */
export const demoCostConfig: CostConfigInput = {
  staff: [
    { key: 'professor', label: 'Professor', hourlySalaryOre: 55_000, payrollOverheadBp: 4_150 },
    { key: 'lecturer', label: 'Lektor', hourlySalaryOre: 45_000, payrollOverheadBp: 4_150 },
    { key: 'adjunct', label: 'Adjunkt', hourlySalaryOre: 38_000, payrollOverheadBp: 4_150 },
    { key: 'administrator', label: 'Administratör', hourlySalaryOre: 30_000, payrollOverheadBp: 4_150 },
  ],
  indirectCostBp: 3_500,
  indirectCostBase: 'staff',
  premises: { kind: 'surcharge', rateBp: 1_200 },
  administrationPerDeliveryOre: 500_000,
  administrationPerParticipantOre: 20_000,
  materialsPerParticipantOre: 50_000,
  travelPerTripOre: 150_000,
  vat: { applies: false, rateBp: 2_500 },
};
