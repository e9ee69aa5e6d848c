import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import type { Heatmap as HeatmapData } from './analyses.api.ts';

/** Gap 0–5 as a blue scale; text turns white where the background gets dark (contrast ≥ 4.5:1). */
const shade = (gap: number) => {
  const steps = ['#ffffff', '#dbe8f7', '#b3cdee', '#2f5f9f', '#1f4a80', '#173a6a'];
  const index = Math.min(5, Math.max(0, Math.round(gap)));
  return { background: steps[index], color: index >= 3 ? '#ffffff' : '#1a1a1a' };
};

/**
 * Roles × competences, each cell the gap. It is a real table (row and column headers, the number in
 * each cell), so the colours are an aid, never the only carrier of the information.
 */
export function Heatmap({ data }: { data: HeatmapData }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (data.cells.length === 0) return <Text>{t('analyses.heatmapEmpty')}</Text>;
  const rows = [
    ...data.roles,
    ...(data.cells.some((c) => c.roleId === null)
      ? [{ id: null, title: t('analyses.wholeOrganisation') }]
      : []),
  ];
  return (
    <Table.ScrollContainer minWidth={Math.max(480, 160 + data.competences.length * 120)}>
      <Table withTableBorder withColumnBorders data-testid="heatmap">
        <Table.Caption>{t('analyses.heatmapIntro')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('analyses.role')}</Table.Th>
            {data.competences.map((c) => (
              <Table.Th scope="col" key={c.key}>
                {format.pick(c.label)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((role) => (
            <Table.Tr key={role.id ?? 'organisation'}>
              <Table.Th scope="row">{role.title}</Table.Th>
              {data.competences.map((c) => {
                const cell = data.cells.find((x) => x.roleId === role.id && x.key === c.key);
                if (!cell)
                  return (
                    <Table.Td key={c.key}>
                      <VisuallyHidden>{t('analyses.noNeedHere')}</VisuallyHidden>
                      <span aria-hidden="true">–</span>
                    </Table.Td>
                  );
                return (
                  <Table.Td key={c.key} style={shade(cell.gap)} ta="center">
                    <Text span fw={700} inherit>
                      {format.number(cell.gap)}
                    </Text>
                    {cell.source === 'survey' && (
                      <Text span size="xs" display="block" inherit>
                        {t('analyses.fromSurvey', { count: cell.respondents ?? 0 })}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
