import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../ui/format.ts';

export type ChartPoint = { id: string; label: string; gap: number; priority: number };

/**
 * Needs by gap (x) and priority (y). The chart is an image for sighted users, with a short text
 * alternative; the table below carries every figure for everyone.
 */
export function GapChart({ points }: { points: ChartPoint[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const top = [...points].sort((a, b) => b.priority - a.priority)[0];
  return (
    <Stack gap="sm">
      <Text size="sm">{t('analyses.chartIntro')}</Text>
      <div
        role="img"
        aria-label={t('analyses.chartAlt', { count: points.length, top: top ? top.label : '–' })}
        style={{ width: '100%', height: 280 }}
      >
        {/* the picture is the box's: its parts are no objects of their own to a screen reader */}
        <ResponsiveContainer aria-hidden>
          <ScatterChart accessibilityLayer={false} margin={{ top: 10, right: 20, bottom: 20, left: 0 }}>
            <CartesianGrid stroke="#d0d0d0" />
            <XAxis
              type="number"
              dataKey="gap"
              name={t('analyses.gap')}
              domain={[0, 5]}
              allowDecimals={false}
              label={{ value: t('analyses.gap'), position: 'insideBottom', offset: -10 }}
              stroke="#333"
            />
            <YAxis type="number" dataKey="priority" name={t('analyses.priority')} stroke="#333" />
            <Tooltip cursor={{ strokeDasharray: '3 3' }} />
            <Scatter data={points} fill="#1f4e8c" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <Table.ScrollContainer minWidth={400}>
        <Table striped data-testid="gap-table">
          <Table.Caption>{t('analyses.chartTable')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('analyses.competence')}</Table.Th>
              <Table.Th scope="col">{t('analyses.gap')}</Table.Th>
              <Table.Th scope="col">{t('analyses.priority')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row">{p.label}</Table.Th>
                <Table.Td>{p.gap}</Table.Td>
                <Table.Td>{format.number(p.priority, 2)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
