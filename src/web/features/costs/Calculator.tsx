import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Section } from '../../ui/page.tsx';
import { type Calculation, type CostConfigVersion, calculateCosts } from './costs.api.ts';
import { parseGroupSizes, parseWhole } from './money.ts';
import { parseStaffHours, StaffHoursTable, useStaffHours } from './StaffHours.tsx';

/**
 * The full-cost calculator: a design's participants, hours per staff category and trips, priced with the
 * version in effect today (the API picks it), with other group sizes for comparison.
 */
export function Calculator({
  organisationId,
  versions,
}: {
  organisationId: string;
  versions: CostConfigVersion[];
}) {
  const { t } = useTranslation();
  // The categories of the version in effect (else of the newest approved one, else of the newest).
  const basis =
    versions.find((v) => v.inEffect) ?? versions.find((v) => v.status === 'approved') ?? versions[0];
  const categories = basis?.config.staff ?? [];
  const [participants, setParticipants] = useState('');
  const { hours, setHour } = useStaffHours();
  const [trips, setTrips] = useState('');
  const [groupSizes, setGroupSizes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const calculate = useMutation({
    mutationFn: (body: Parameters<typeof calculateCosts>[1]) => calculateCosts(organisationId, body),
  });

  const submit = () => {
    const problems: Record<string, string> = {};
    const count = parseWhole(participants);
    if (count === null || count < 1) problems.participants = t('costs.calc.errors.participants');
    const tripCount = trips.trim() === '' ? 0 : parseWhole(trips);
    if (tripCount === null) problems.trips = t('costs.calc.errors.whole');
    const sizes = parseGroupSizes(groupSizes);
    if (sizes === null || sizes.length > 10) problems.groupSizes = t('costs.calc.errors.groupSizes');
    const { teaching, development } = parseStaffHours(categories, hours, problems, t);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    calculate.mutate({
      design: { participants: count ?? 1, teaching, development, trips: tripCount ?? 0 },
      groupSizes: sizes ?? [],
    });
  };

  return (
    <Section id="cost-calculation" title={t('costs.calc.title')}>
      <Stack gap="md">
        <Text size="sm" maw={760}>
          {t('costs.calc.intro')}
        </Text>
        <form noValidate aria-label={t('costs.calc.form')} onSubmit={submitting(submit)}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('costs.calc.participants')}
                inputMode="numeric"
                required
                value={participants}
                onChange={(e) => setParticipants(e.currentTarget.value)}
                error={errors.participants}
              />
              <TextInput
                label={t('costs.calc.trips')}
                inputMode="numeric"
                value={trips}
                onChange={(e) => setTrips(e.currentTarget.value)}
                error={errors.trips}
              />
              <TextInput
                label={t('costs.calc.groupSizes')}
                description={t('costs.calc.groupSizesHint')}
                value={groupSizes}
                onChange={(e) => setGroupSizes(e.currentTarget.value)}
                error={errors.groupSizes}
              />
            </SimpleGrid>
            {categories.length > 0 && (
              <StaffHoursTable categories={categories} hours={hours} setHour={setHour} errors={errors} />
            )}
            <Group>
              <Button type="submit" loading={calculate.isPending}>
                {t('costs.calc.calculate')}
              </Button>
            </Group>
          </Stack>
        </form>
        {calculate.error &&
          (isApiError(calculate.error, 409) && calculate.error.code === 'no_cost_config' ? (
            <Alert color="orange" title={t('costs.calc.noConfigTitle')} role="alert">
              {calculate.error.detail}
            </Alert>
          ) : (
            <ErrorAlert error={calculate.error} />
          ))}
        {calculate.data && !calculate.isPending && (
          <CalculationResult calculation={calculate.data} labels={labelsOf(versions)} />
        )}
      </Stack>
    </Section>
  );
}

/** Staff category labels by key, as the versions name them (for the hourly costs). */
const labelsOf = (versions: CostConfigVersion[]) =>
  Object.fromEntries(versions.flatMap((v) => v.config.staff.map((s) => [s.key, s.label])).reverse());

const strong = new Set(['direct_total', 'total_cost', 'price']);

function CalculationResult({
  calculation: c,
  labels,
}: {
  calculation: Calculation;
  labels: Record<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const figures: [string, string, string][] = [
    ['calc-total', t('costs.calc.totalCost'), format.kronor(c.totalCostOre)],
    ['calc-price', t('costs.calc.price'), format.kronor(c.priceOre)],
    [
      'calc-per-participant',
      t('costs.calc.pricePerParticipant', { count: c.participants }),
      format.kronor(c.pricePerParticipantOre),
    ],
    ['calc-rounding', t('costs.calc.rounding'), format.kronor(c.roundingOre)],
  ];
  return (
    <Stack gap="md" aria-live="polite" data-testid="calculation">
      <Title order={3} size="h4">
        {t('costs.calc.result')}
      </Title>
      <Text size="sm">
        {t('costs.calc.basedOn', { version: c.config.version, date: format.date(c.config.effectiveFrom) })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {figures.map(([id, label, value]) => (
          <Paper key={id} withBorder p="sm" data-testid={id}>
            <Text size="sm">{label}</Text>
            <Text fw={700} size="lg">
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm">{t('costs.calc.roundingNote')}</Text>

      <Title order={4} size="h5">
        {t('costs.calc.lines')}
      </Title>
      <DataTable
        minWidth={420}
        columns={[t('costs.calc.item'), t('costs.calc.amount')]}
        data-testid="calc-lines"
      >
        {c.lines.map((line) => (
          <Table.Tr key={line.code} fw={strong.has(line.code) ? 700 : undefined}>
            <Table.Td>{t(`costs.lines.${line.code}`)}</Table.Td>
            <Table.Td ta="right">{format.kronor(line.amountOre)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      <Title order={4} size="h5">
        {t('costs.calc.hourlyCosts')}
      </Title>
      <DataTable
        minWidth={420}
        columns={[t('costs.calc.category'), t('costs.calc.hourlyCost')]}
        data-testid="calc-hourly"
      >
        {c.hourlyCosts.map((h) => (
          <Table.Tr key={h.category}>
            <Table.Td>{h.label || labels[h.category] || h.category}</Table.Td>
            <Table.Td ta="right">{format.kronor(h.hourlyCostOre)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      {c.sensitivity.length > 0 && (
        <>
          <Title order={4} size="h5">
            {t('costs.calc.sensitivity')}
          </Title>
          <DataTable
            minWidth={420}
            columns={[t('costs.calc.participants'), t('costs.calc.price'), t('costs.calc.perParticipant')]}
            data-testid="calc-sensitivity"
          >
            {c.sensitivity.map((s) => (
              <Table.Tr key={s.participants}>
                <Table.Td>{s.participants}</Table.Td>
                <Table.Td ta="right">{format.kronor(s.priceOre)}</Table.Td>
                <Table.Td ta="right">{format.kronor(s.pricePerParticipantOre)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
    </Stack>
  );
}
