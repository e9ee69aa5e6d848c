import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type FigurePeriod, figurePeriods } from '../../shared/periods.ts';

/** The period a page of figures covers: the last 12 months, the last 3 years, or all time. */
export function PeriodSelect({
  value,
  onChange,
}: {
  value: FigurePeriod;
  onChange: (period: FigurePeriod) => void;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('regional.period')}
      value={value}
      maw={280}
      onChange={(event) => onChange(event.currentTarget.value as FigurePeriod)}
    >
      {figurePeriods.map((p) => (
        <option key={p} value={p}>
          {t(`regional.periods.${p}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
