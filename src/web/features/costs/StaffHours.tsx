import { Table, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { parseHours } from './money.ts';

type Kind = 'teaching' | 'development';
/** Hours as typed, per staff category key. */
export type Hours = Record<string, Record<Kind, string>>;
type Category = { key: string; label: string };
type HoursRow = { category: string; hours: number };

/** The typed hours of each category, and a setter for one field. */
export function useStaffHours(initial: Hours = {}) {
  const [hours, setHours] = useState<Hours>(initial);
  const setHour = (key: string, kind: Kind, value: string) =>
    setHours((h) => ({ ...h, [key]: { teaching: '', development: '', ...h[key], [kind]: value } }));
  return { hours, setHour };
}

/**
 * The hours as the API takes them (categories with more than 0 hours); a field that is not a number of hours
 * goes into `problems` as `<kind>.<category key>`.
 */
export function parseStaffHours(
  categories: Category[],
  hours: Hours,
  problems: Record<string, string>,
  t: TFunction,
) {
  const rows: Record<Kind, HoursRow[]> = { teaching: [], development: [] };
  for (const c of categories)
    for (const kind of ['teaching', 'development'] as const) {
      const value = parseHours(hours[c.key]?.[kind] ?? '');
      if (value === null) problems[`${kind}.${c.key}`] = t('costs.calc.errors.hours');
      else if (value > 0) rows[kind].push({ category: c.key, hours: value });
    }
  return rows;
}

/** Teaching and development hours per staff category, one row each. */
export function StaffHoursTable({
  categories,
  hours,
  setHour,
  errors,
  caption,
}: {
  categories: Category[];
  hours: Hours;
  setHour: (key: string, kind: Kind, value: string) => void;
  errors: Record<string, string>;
  caption?: string;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={480}
      verticalSpacing="xs"
      caption={caption}
      columns={[t('costs.calc.category'), t('costs.calc.teachingHours'), t('costs.calc.developmentHours')]}
    >
      {categories.map((c) => (
        <Table.Tr key={c.key}>
          <Table.Th scope="row">{c.label}</Table.Th>
          {(['teaching', 'development'] as const).map((kind) => (
            <Table.Td key={kind}>
              <TextInput
                aria-label={t(`costs.calc.${kind}HoursOf`, { category: c.label })}
                inputMode="decimal"
                value={hours[c.key]?.[kind] ?? ''}
                onChange={(e) => setHour(c.key, kind, e.currentTarget.value)}
                error={errors[`${kind}.${c.key}`]}
              />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
