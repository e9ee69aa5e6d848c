import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { EarlierOutturns } from '../outturn/EarlierOutturns.tsx';
import { useDesignAccess } from './CaseDesign.tsx';
import { approveCalculation, calculate, calculationsQuery, type Design } from './design.api.ts';

const strong = new Set(['direct_total', 'total_cost', 'price']);
const statusColor = { draft: 'gray.8', approved: 'green', void: 'red.9' } as const;

/** The design's calculation versions: make a new one, see the newest's lines, approve a draft. */
export function DesignCalculations({ design }: { design: Design }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { canCalculate, canApproveCalculation, canReadOutturns } = useDesignAccess();
  // a design set aside is neither calculated nor approved until it is taken back
  const aside = design.status === 'withdrawn';
  const mayApprove = canApproveCalculation && !aside;
  const calculations = useQuery(calculationsQuery(design.id));
  const refresh = () => refetchAfterChange(queryClient, calculationsQuery(design.id).queryKey);
  const make = useMutation({
    mutationFn: () => calculate(design.id),
    onSuccess: async (c) => {
      notify(t('design.calc.made', { version: c.version }));
      await refresh();
    },
  });
  const approve = useMutation({
    mutationFn: (calculationId: string) => approveCalculation(design.id, calculationId),
    onSuccess: async (c) => {
      notify(t('design.calc.approvedNotice', { version: c.version }));
      await refresh();
    },
  });

  return (
    <Stack gap="sm" data-testid="design-calculations">
      <Title order={3} size="h4">
        {t('design.calc.title')}
      </Title>
      {canCalculate && !aside && (
        <Group>
          <Button variant="light" onClick={() => make.mutate()} loading={make.isPending}>
            {t('design.calc.calculate')}
          </Button>
        </Group>
      )}
      {make.error && (
        <Alert color="red" role="alert">
          {errorMessage(make.error)}
        </Alert>
      )}
      {approve.error && (
        <Alert color="red" role="alert">
          {errorMessage(approve.error)}
        </Alert>
      )}
      <QueryView query={calculations}>
        {({ calculations: list }) => {
          const newest = list[0];
          if (!newest) return <Text size="sm">{t('design.calc.none')}</Text>;
          return (
            <Stack gap="sm">
              <DataTable
                minWidth={640}
                data-testid="calc-versions"
                columns={[
                  t('design.calc.version'),
                  t('design.calc.status'),
                  t('design.calc.totalCost'),
                  t('design.calc.perParticipant'),
                  t('design.calc.createdAt'),
                  mayApprove ? t('design.actions') : false,
                ]}
              >
                {list.map((c) => {
                  const current = c.status === 'draft' && c.designRevision === design.revision;
                  return (
                    <Table.Tr key={c.id} data-testid="calc-version">
                      <Table.Td>{c.version}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant={statusColor[c.status] === 'green' ? 'light' : 'outline'}
                          tt="none"
                          color={statusColor[c.status]}
                        >
                          {t(`design.calc.statuses.${c.status}`)}
                        </Badge>
                        {c.approvedBy && (
                          <Text size="xs">{t('design.calc.by', { name: c.approvedBy.name })}</Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{format.kronor(c.result.totalCostOre)}</Table.Td>
                      <Table.Td ta="right">{format.kronor(c.result.pricePerParticipantOre)}</Table.Td>
                      <Table.Td>{format.dateTime(c.createdAt)}</Table.Td>
                      {mayApprove && (
                        <Table.Td>
                          {current && (
                            <Button
                              size="xs"
                              onClick={() => approve.mutate(c.id)}
                              loading={approve.isPending && approve.variables === c.id}
                            >
                              {t('design.calc.approve', { version: c.version })}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </DataTable>
              {newest.designRevision !== design.revision && (
                <Text size="sm">{t('design.calc.outdated')}</Text>
              )}
              <Title order={4} size="h5">
                {t('design.calc.linesOf', { version: newest.version })}
              </Title>
              <Text size="sm">
                {t('design.calc.basedOn', {
                  version: newest.result.config.version,
                  date: format.date(newest.result.config.effectiveFrom),
                })}
              </Text>
              <DataTable
                minWidth={420}
                columns={[t('design.calc.item'), t('design.calc.amount')]}
                data-testid="calc-lines"
              >
                {newest.result.lines.map((line) => (
                  <Table.Tr key={line.code} fw={strong.has(line.code) ? 700 : undefined}>
                    <Table.Td>{t(`costs.lines.${line.code}`)}</Table.Td>
                    <Table.Td ta="right">{format.kronor(line.amountOre)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>
                    {t('design.calc.perParticipantOf', { count: newest.result.participants })}
                  </Table.Td>
                  <Table.Td ta="right">{format.kronor(newest.result.pricePerParticipantOre)}</Table.Td>
                </Table.Tr>
              </DataTable>
              {newest.result.sensitivity.length > 0 && (
                <Text size="sm">
                  {t('design.calc.sensitivity')}{' '}
                  {newest.result.sensitivity
                    .map((s) =>
                      t('design.calc.sensitivityItem', {
                        count: s.participants,
                        price: format.kronor(s.pricePerParticipantOre),
                      }),
                    )
                    .join('; ')}
                </Text>
              )}
            </Stack>
          );
        }}
      </QueryView>
      {canReadOutturns && <EarlierOutturns designId={design.id} />}
    </Stack>
  );
}
