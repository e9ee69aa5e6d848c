import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { MonthlyBars } from '../../ui/MonthlyBars.tsx';
import type { InquiryFigures } from './regional.api.ts';

/**
 * The front door's inquiries in the period: a bar per month (an image, with a text alternative; the
 * table beside carries the figures) and counts by status, sector, subject area and county.
 */
export function InquiryFiguresView({ figures }: { figures: InquiryFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!figures.total) return <Text>{t('regional.inquiries.none')}</Text>;
  const busiest = [...figures.byMonth].sort((a, b) => b.count - a.count)[0];
  return (
    <Stack gap="md">
      <MonthlyBars
        months={figures.byMonth.map((m) => ({ key: m.key, value: m.count }))}
        alt={t('regional.inquiries.chartAlt', {
          total: figures.total,
          months: figures.byMonth.length,
          busiest: busiest ? format.month(busiest.key) : '–',
        })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Counts
          caption={t('regional.inquiries.byMonth')}
          rows={figures.byMonth.map((m) => [format.month(m.key), m.count])}
          testId="regional-by-month"
        />
        <Stack gap="lg">
          <Counts
            caption={t('regional.inquiries.byStatus')}
            rows={(['new', 'claimed', 'referred', 'declined'] as const).map((s) => [
              t(`regional.inquiries.status.${s}`),
              figures.byStatus[s],
            ])}
          />
          <Counts
            caption={t('regional.inquiries.bySector')}
            rows={(['public', 'private', 'non_profit'] as const).map((s) => [
              t(`labels.sector.${s}`),
              figures.bySector[s],
            ])}
          />
          <Counts
            caption={t('regional.inquiries.bySubjectArea')}
            rows={figures.bySubjectArea.map((s) => [
              format.subjectArea(s.key) ?? t('regional.inquiries.noSubjectArea'),
              s.count,
            ])}
          />
          <Counts
            caption={t('regional.inquiries.byCounty')}
            rows={figures.byCounty.map((c) => [c.key, c.count])}
            testId="regional-by-county"
          />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function Counts({ caption, rows, testId }: { caption: string; rows: [string, number][]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Table striped data-testid={testId}>
      <Table.Caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>
        {caption}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('regional.inquiries.what')}</Table.Th>
          <Table.Th scope="col">{t('regional.inquiries.count')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, n]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={400}>
              {label}
            </Table.Th>
            <Table.Td>{n}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
