import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type FigurePeriod, figurePeriods, type KeyFigurePeriod } from '../../shared/periods.ts';

/**
 * The period a page of figures covers: the last 12 months, the last 3 years, or all time — and, where `years` are
 * given, a calendar year (the HEI's financial year).
 */
export function PeriodSelect<P extends FigurePeriod | KeyFigurePeriod>({
  value,
  onChange,
  years = [],
}: {
  value: P;
  onChange: (period: P) => void;
  years?: readonly P[];
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('regional.period')}
      value={value}
      maw={280}
      onChange={(event) => onChange(event.currentTarget.value as P)}
    >
      {figurePeriods.map((p) => (
        <option key={p} value={p}>
          {t(`regional.periods.${p}`)}
        </option>
      ))}
      {years.map((year) => (
        <option key={year} value={year}>
          {t('regional.calendarYear', { year })}
        </option>
      ))}
    </NativeSelect>
  );
}
