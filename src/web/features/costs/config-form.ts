import type { CostConfigInput } from '../../../features/costing/costing.contract.ts';
import type { CostConfigVersion } from './costs.api.ts';
import { hundredthsToInput, parseKronor, parsePercent, parseWhole } from './money.ts';

// A version of the cost configuration as its form holds it: the numbers as typed (kronor and per cent,
// decimal comma), turned into öre and basis points only when saved.

export type StaffRow = { rowId: string; key: string; label: string; salary: string; overhead: string };

export type ConfigForm = {
  effectiveFrom: string;
  note: string;
  staff: StaffRow[];
  indirectCost: string;
  indirectCostBase: 'staff' | 'direct';
  premisesKind: 'surcharge' | 'area';
  premisesRate: string;
  areaCost: string;
  usableHours: string;
  adminPerDelivery: string;
  adminPerParticipant: string;
  materials: string;
  travel: string;
  vatApplies: boolean;
  vatRate: string;
};

let rows = 0;
export const newRowId = () => `staff-${++rows}`;

export function toForm(version: CostConfigVersion, mark: ',' | '.'): ConfigForm {
  const c = version.config;
  const kr = (ore: number) => hundredthsToInput(ore, mark);
  const pct = (bp: number) => hundredthsToInput(bp, mark, true);
  return {
    effectiveFrom: version.effectiveFrom,
    note: version.note,
    staff: c.staff.map((s) => ({
      rowId: newRowId(),
      key: s.key,
      label: s.label,
      salary: kr(s.hourlySalaryOre),
      overhead: pct(s.payrollOverheadBp),
    })),
    indirectCost: pct(c.indirectCostBp),
    indirectCostBase: c.indirectCostBase,
    premisesKind: c.premises.kind,
    premisesRate: c.premises.kind === 'surcharge' ? pct(c.premises.rateBp) : '',
    areaCost: c.premises.kind === 'area' ? kr(c.premises.yearlyCostPerSquareMetreOre) : '',
    usableHours: c.premises.kind === 'area' ? String(c.premises.usableHoursPerYear) : '',
    adminPerDelivery: kr(c.administrationPerDeliveryOre),
    adminPerParticipant: kr(c.administrationPerParticipantOre),
    materials: kr(c.materialsPerParticipantOre),
    travel: kr(c.travelPerTripOre),
    vatApplies: c.vat.applies,
    vatRate: pct(c.vat.rateBp),
  };
}

/** What is wrong with a field, keyed by the path the API names it by (`config.staff.1.hourlySalaryOre`). */
export type FormProblems = Record<
  string,
  'amount' | 'percent' | 'whole' | 'required' | 'key' | 'duplicate' | 'date'
>;

/** The body the API takes, or the fields that cannot be read (keyed as the API would name them). */
export function fromForm(
  form: ConfigForm,
): { config: CostConfigInput; problems?: undefined } | { config?: undefined; problems: FormProblems } {
  const problems: FormProblems = {};
  const read = <T>(path: string, value: T | null, kind: FormProblems[string]): T => {
    if (value === null) problems[path] = kind;
    return value as T;
  };
  const kronor = (path: string, text: string) => read(path, parseKronor(text), 'amount');
  const percent = (path: string, text: string) => read(path, parsePercent(text), 'percent');

  const seen = new Set<string>();
  const staff = form.staff.map((row, i) => {
    const at = `config.staff.${i}`;
    const key = row.key.trim();
    if (!/^[a-z0-9_-]{1,40}$/.test(key)) problems[`${at}.key`] = 'key';
    else if (seen.has(key)) problems[`${at}.key`] = 'duplicate';
    seen.add(key);
    if (!row.label.trim()) problems[`${at}.label`] = 'required';
    return {
      key,
      label: row.label.trim(),
      hourlySalaryOre: kronor(`${at}.hourlySalaryOre`, row.salary),
      payrollOverheadBp: percent(`${at}.payrollOverheadBp`, row.overhead),
    };
  });
  const premises: CostConfigInput['premises'] =
    form.premisesKind === 'surcharge'
      ? { kind: 'surcharge', rateBp: percent('config.premises.rateBp', form.premisesRate) }
      : {
          kind: 'area',
          yearlyCostPerSquareMetreOre: kronor('config.premises.yearlyCostPerSquareMetreOre', form.areaCost),
          usableHoursPerYear: read(
            'config.premises.usableHoursPerYear',
            (() => {
              const hours = parseWhole(form.usableHours);
              return hours !== null && hours >= 1 ? hours : null;
            })(),
            'whole',
          ),
        };
  const config: CostConfigInput = {
    staff,
    indirectCostBp: percent('config.indirectCostBp', form.indirectCost),
    indirectCostBase: form.indirectCostBase,
    premises,
    administrationPerDeliveryOre: kronor('config.administrationPerDeliveryOre', form.adminPerDelivery),
    administrationPerParticipantOre: kronor(
      'config.administrationPerParticipantOre',
      form.adminPerParticipant,
    ),
    materialsPerParticipantOre: kronor('config.materialsPerParticipantOre', form.materials),
    travelPerTripOre: kronor('config.travelPerTripOre', form.travel),
    vat: { applies: form.vatApplies, rateBp: percent('config.vat.rateBp', form.vatRate) },
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.effectiveFrom)) problems.effectiveFrom = 'date';
  return Object.keys(problems).length ? { problems } : { config };
}

/** The form without its row ids: to tell whether anything was changed since it was read. */
export const comparable = (form: ConfigForm) =>
  JSON.stringify({ ...form, staff: form.staff.map(({ rowId: _rowId, ...row }) => row) });
