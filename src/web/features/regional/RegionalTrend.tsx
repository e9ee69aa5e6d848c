import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { QueryView } from '../../ui/page.tsx';
import { type RegionalTrend, type RegionalTrendQuery, regionalTrendQuery } from './regional.api.ts';

/**
 * The pooled figures of the last five calendar years side by side, for the page's county and sector: is the
 * region asking for more or less, and for which competences. Its years are its own, whatever the page's period.
 */
export function RegionalTrendView({ query }: { query: RegionalTrendQuery }) {
  const trend = useQuery(regionalTrendQuery(query));
  return <QueryView query={trend}>{(figures) => <TrendTables trend={figures} />}</QueryView>;
}

function TrendTables({ trend }: { trend: RegionalTrend }) {
  const { t } = useTranslation();
  const format = useFormat();
  const yearColumns = trend.years.map(String);
  const hidden = (value: number | null) => (value === null ? '–' : String(value));
  return (
    <Stack gap="md">
      <Text size="sm">{t('regional.trend.intro')}</Text>
      <DataTable
        minWidth={640}
        striped
        caption={t('regional.trend.base')}
        captionSide="top"
        data-testid="regional-trend-base"
        columns={[t('regional.inquiries.what'), ...yearColumns]}
      >
        {(['inquiries', 'analyses', 'organisations'] as const).map((figure) => (
          <Table.Tr key={figure}>
            <Table.Th scope="row">{t(`regional.trend.${figure}`)}</Table.Th>
            {trend.byYear.map((y) => (
              <Table.Td key={y.year}>{y[figure]}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </DataTable>
      {trend.competences.length ? (
        <>
          <DataTable
            minWidth={640}
            striped
            caption={t('regional.trend.competences')}
            captionSide="top"
            data-testid="regional-trend-competences"
            columns={[t('regional.competences.competence'), ...yearColumns]}
          >
            {trend.competences.map((c) => (
              <Table.Tr key={c.concept.id}>
                <Table.Th scope="row" lang={format.pickedLanguage(c.concept.label)}>
                  {format.pick(c.concept.label)}
                </Table.Th>
                {c.byYear.map((y) => (
                  <Table.Td key={y.year}>{hidden(y.people)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </DataTable>
          <Text size="sm">{t('regional.trend.hidden', { min: trend.minOrganisations })}</Text>
        </>
      ) : (
        <Text>{t('regional.trend.none', { min: trend.minOrganisations })}</Text>
      )}
    </Stack>
  );
}
