import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { earlierOutturnsQuery } from './outturn.api.ts';

/**
 * Beside a design's calculation: what earlier deliveries of the same catalogue courses actually took against
 * their calculations, so this calculation can learn from them. Shown only when there are any.
 */
export function EarlierOutturns({ designId }: { designId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(earlierOutturnsQuery(designId));
  const rows = query.data ?? [];
  if (!rows.length) return null;
  const pair = (planned: string, actual: string) => `${planned} → ${actual}`;
  return (
    <Stack gap="xs" data-testid="earlier-outturns">
      <Title order={4} size="h5" id={`earlier-outturns-${designId}`}>
        {t('outturn.earlier.title')}
      </Title>
      <Text size="sm">{t('outturn.earlier.intro')}</Text>
      <DataTable
        minWidth={760}
        aria-labelledby={`earlier-outturns-${designId}`}
        columns={[
          t('outturn.earlier.delivery'),
          t('outturn.earlier.participants'),
          t('outturn.earlier.hours'),
          t('outturn.earlier.cost'),
          t('outturn.result'),
          t('outturn.earlier.coverage'),
        ]}
      >
        {rows.map((o) => (
          <Table.Tr key={o.agreementId}>
            <Table.Th scope="row" fw={400}>
              <AnchorLink to="/cases/$caseId" params={{ caseId: o.caseId }} hash="case-agreements">
                {o.title}
              </AnchorLink>
              <Text size="xs">
                {t('outturn.earlier.recorded', {
                  reference: o.caseReference,
                  date: format.date(o.recordedAt),
                })}
              </Text>
              {o.note && <Text size="xs">{o.note}</Text>}
            </Table.Th>
            <Table.Td>{pair(String(o.participants.planned), String(o.participants.actual))}</Table.Td>
            <Table.Td>
              {pair(format.number(o.staffHours.planned), format.number(o.staffHours.actual))}
            </Table.Td>
            <Table.Td>{pair(format.kronor(o.costOre.planned), format.kronor(o.costOre.actual))}</Table.Td>
            <Table.Td>{format.kronor(o.resultOre)}</Table.Td>
            <Table.Td>{o.coverageBp === null ? '–' : format.percent(o.coverageBp)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}
