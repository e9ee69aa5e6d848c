import { Alert, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { QueryView } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { calculationsQuery, designsQuery } from '../design/design.api.ts';
import {
  caseIncentivesQuery,
  factorText,
  hoursText,
  type CaseIncentives as Incentives,
} from './incentives.api.ts';

type Entry = Incentives['entries'][number];

/**
 * "Vad deltagandet ger" on the case page: from each approved calculation of the case, what goes back to
 * the departments (their share of the OH surcharge) and the hours credited to each teacher, under the
 * HEI's incentive model in force on the day the calculation was made — shown with that model.
 */
export function CaseIncentives({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useQuery(caseIncentivesQuery(caseId));
  useRefreshWithDesigns(caseId);
  return (
    <QueryView query={query}>
      {(data) => (
        <Stack gap="md" data-testid="case-incentives">
          <Text size="sm" maw={760}>
            {t('incentives.case.intro')}
          </Text>
          {data.entries.length === 0 ? (
            <Alert color="gray" title={t('incentives.case.noApproved')}>
              <Text size="sm">{t('incentives.case.empty')}</Text>
              {data.designs > 0 && (
                <Text size="sm" mt="xs">
                  {t('incentives.case.noApprovedWithDesigns')}
                </Text>
              )}
            </Alert>
          ) : (
            data.entries.map((entry) => (
              <EntryView key={entry.design.id} entry={entry} titled={data.entries.length > 1} />
            ))
          )}
          <Text size="sm" c="dimmed">
            {t('incentives.case.rounding')}
          </Text>
          <AnchorLink to="/admin/incentives" size="sm">
            {t('incentives.case.readMore')}
          </AnchorLink>
        </Stack>
      )}
    </QueryView>
  );
}

/**
 * The panel follows the design section of the same page: when the case's designs or a design's
 * calculations are fetched anew (approved, changed, calculated), its figures may have changed too.
 */
function useRefreshWithDesigns(caseId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const designs = designsQuery(caseId).queryKey;
    const calculationsOf = calculationsQuery('').queryKey;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const [head, id, what] = event.query.queryKey;
      const ofCase = head === designs[0] && id === designs[1] && what === designs[2];
      const calculations = head === calculationsOf[0] && what === calculationsOf[2];
      if (ofCase || calculations) void refetchAfterChange(queryClient, caseIncentivesQuery(caseId).queryKey);
    });
  }, [caseId, queryClient]);
}

function EntryView({ entry, titled }: { entry: Entry; titled: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { model } = entry;
  const hours = (h: number) => hoursText(h, i18n.language);
  return (
    <Stack gap="sm" data-testid="case-incentive-entry">
      {titled && (
        <Title order={3} size="h4">
          {entry.design.title}
        </Title>
      )}
      {model ? (
        <Text size="sm">
          {t('incentives.case.basis', {
            design: entry.design.title,
            calculation: entry.calculation.version,
            date: format.date(entry.calculation.date),
            version: model.version,
            from: format.date(model.effectiveFrom),
          })}
        </Text>
      ) : (
        <Alert color="orange">
          {t('incentives.case.noModel', {
            design: entry.design.title,
            calculation: entry.calculation.version,
            date: format.date(entry.calculation.date),
          })}
        </Alert>
      )}
      {model && entry.departmentShareOre !== null && entry.creditedHours !== null && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Figure
            testId="incentive-department-share"
            label={t('incentives.case.departmentShare')}
            value={format.kronor(entry.departmentShareOre)}
            note={t('incentives.case.departmentShareOf', {
              share: format.percent(model.departmentShareBp),
              oh: format.kronor(entry.indirectCostsOre),
            })}
          />
          <Figure
            testId="incentive-credited-hours"
            label={t('incentives.case.hours')}
            value={t('incentives.case.hoursValue', { hours: hours(entry.creditedHours) })}
            note={t('incentives.case.hoursOf', {
              planned: hours(entry.plannedHours),
              factor: factorText(model.workloadFactorBp, i18n.language),
            })}
          />
        </SimpleGrid>
      )}
      {entry.teachers.length === 0 ? (
        <Text size="sm">{t('incentives.case.noTeachers')}</Text>
      ) : (
        <DataTable
          minWidth={640}
          aria-label={t('incentives.case.teachers', { design: entry.design.title })}
          columns={[
            t('incentives.case.columns.teacher'),
            t('incentives.case.columns.category'),
            t('incentives.case.columns.teaching'),
            t('incentives.case.columns.development'),
            t('incentives.case.columns.planned'),
            !!model && t('incentives.case.columns.credited'),
          ]}
        >
          {entry.teachers.map((teacher, i) => (
            // teachers have no id: the same name may be there twice
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is only read
            <Table.Tr key={i} data-testid="incentive-teacher-row">
              <Table.Td>{teacher.name}</Table.Td>
              <Table.Td>{teacher.categoryLabel}</Table.Td>
              <Table.Td>{hours(teacher.teachingHours)}</Table.Td>
              <Table.Td>{hours(teacher.developmentHours)}</Table.Td>
              <Table.Td>{hours(teacher.plannedHours)}</Table.Td>
              {model && <Table.Td>{hours(teacher.creditedHours ?? 0)}</Table.Td>}
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>{t('incentives.case.total')}</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td />
            <Table.Td>{hours(entry.plannedHours)}</Table.Td>
            {model && <Table.Td>{hours(entry.creditedHours ?? 0)}</Table.Td>}
          </Table.Tr>
        </DataTable>
      )}
      {model && (
        <div>
          <Text size="sm" fw={700}>
            {t('incentives.case.otherIncentives')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {i18n.language === 'en' ? model.description.en : model.description.sv}
          </Text>
        </div>
      )}
    </Stack>
  );
}

function Figure({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="sm">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {note}
      </Text>
    </Card>
  );
}
