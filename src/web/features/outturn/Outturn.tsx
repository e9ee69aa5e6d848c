import {
  Alert,
  Anchor,
  Button,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COST_LINES } from '../../../features/costing/costing.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormModal, useDialogAction } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { QueryView } from '../../ui/page.tsx';
import { PartHeading } from '../agreements/AgreementParts.tsx';
import { hundredthsToInput, parseKronor, parseWhole } from '../costs/money.ts';
import { parseStaffHours, StaffHoursTable, useStaffHours } from '../costs/StaffHours.tsx';
import { type Outturn, outturnFilePath, outturnQuery, recordOutturn } from './outturn.api.ts';

const strong = new Set(['direct_total', 'total_cost']);

/**
 * "Efterkalkyl" on a signed agreement, for those at the HEI who follow its economy: what the delivery used,
 * priced at the calculation's rates, beside the calculation, and the result (revenue less the actual full cost).
 */
export function AgreementOutturn({ caseId, agreementId }: { caseId: string; agreementId: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery(outturnQuery(caseId, agreementId));
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="xs" data-testid="outturn">
      <PartHeading>{t('outturn.title')}</PartHeading>
      <QueryView query={query}>
        {(o) => (
          <>
            {o.actual ? <Comparison outturn={o} /> : <Text size="sm">{t('outturn.none')}</Text>}
            {o.actual && (
              <Group gap="md">
                <Anchor href={outturnFilePath(o.agreementId, 'pdf', i18n.language)} target="_blank" size="sm">
                  {t('outturn.pdf')}
                </Anchor>
                <Anchor href={outturnFilePath(o.agreementId, 'csv', i18n.language)} size="sm">
                  {t('outturn.csv')}
                </Anchor>
              </Group>
            )}
            {o.canEdit && (
              <Group>
                <Button variant={o.actual ? 'default' : 'filled'} size="xs" onClick={() => setEditing(true)}>
                  {o.actual ? t('outturn.edit') : t('outturn.record')}
                </Button>
              </Group>
            )}
            {editing && <OutturnForm caseId={caseId} outturn={o} onClose={() => setEditing(false)} />}
          </>
        )}
      </QueryView>
    </Stack>
  );
}

function Comparison({ outturn: o }: { outturn: Outturn }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actual = o.actual;
  if (!actual || o.resultOre === null) return null;
  const amount = (lines: Outturn['planned']['lines'], code: string) =>
    lines.find((l) => l.code === code)?.amountOre ?? 0;
  const plannedCost = amount(o.planned.lines, 'total_cost');
  const difference = (planned: number, outcome: number) =>
    outcome === planned ? '–' : `${outcome > planned ? '+' : ''}${format.kronor(outcome - planned)}`;
  const surplus = o.resultOre >= 0;
  return (
    <Stack gap="xs">
      <Alert color={surplus ? 'green' : 'orange'} role="status" data-testid="outturn-result">
        {t(surplus ? 'outturn.surplus' : 'outturn.deficit', {
          amount: format.kronor(Math.abs(o.resultOre)),
          coverage: format.percent(o.coverageBp ?? 0),
        })}
      </Alert>
      <Text size="sm">
        {t('outturn.quantities', {
          planned: o.planned.participants,
          actual: actual.participants,
          plannedHours: format.number(o.planned.staffHours),
          actualHours: format.number(actual.staffHours),
        })}
      </Text>
      <DataTable
        minWidth={560}
        caption={t('outturn.caption')}
        columns={[t('outturn.item'), t('outturn.planned'), t('outturn.actual'), t('outturn.difference')]}
        data-testid="outturn-lines"
      >
        {COST_LINES.map((code) => {
          const planned = amount(o.planned.lines, code);
          const outcome = amount(actual.lines, code);
          return (
            <Table.Tr key={code} fw={strong.has(code) ? 700 : undefined}>
              <Table.Th scope="row" fw={strong.has(code) ? 700 : 400}>
                {t(`costs.lines.${code}`)}
              </Table.Th>
              <Table.Td ta="right">{format.kronor(planned)}</Table.Td>
              <Table.Td ta="right">{format.kronor(outcome)}</Table.Td>
              <Table.Td ta="right">{difference(planned, outcome)}</Table.Td>
            </Table.Tr>
          );
        })}
        <Table.Tr>
          <Table.Th scope="row" fw={400}>
            {t('outturn.revenue')}
          </Table.Th>
          <Table.Td ta="right">{format.kronor(o.revenueOre)}</Table.Td>
          <Table.Td ta="right">{format.kronor(o.revenueOre)}</Table.Td>
          <Table.Td ta="right">–</Table.Td>
        </Table.Tr>
        <Table.Tr fw={700}>
          <Table.Th scope="row">{t('outturn.result')}</Table.Th>
          <Table.Td ta="right">{format.kronor(o.revenueOre - plannedCost)}</Table.Td>
          <Table.Td ta="right">{format.kronor(o.resultOre)}</Table.Td>
          <Table.Td ta="right">{difference(o.revenueOre - plannedCost, o.resultOre)}</Table.Td>
        </Table.Tr>
      </DataTable>
      {actual.note && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {actual.note}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {t('outturn.recorded', {
          name: actual.recordedBy ?? t('outturn.someone'),
          date: format.dateTime(actual.recordedAt),
          version: o.planned.config.version,
        })}
      </Text>
    </Stack>
  );
}

/** Record or correct the post-calculation: starts from the last one, or from the design's costs. */
function OutturnForm({
  caseId,
  outturn: o,
  onClose,
}: {
  caseId: string;
  outturn: Outturn;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const mark = i18n.language === 'en' ? '.' : ',';
  const base = o.actual?.costs ?? o.startingPoint;
  const hoursOf = (kind: 'teaching' | 'development', key: string) =>
    base[kind]
      .filter((r) => r.category === key)
      .reduce((sum, r) => sum + r.hours, 0)
      .toString()
      .replace('.', mark);
  const [participants, setParticipants] = useState(String(base.participants));
  const { hours, setHour } = useStaffHours(
    Object.fromEntries(
      o.categories.map((c) => [
        c.key,
        { teaching: hoursOf('teaching', c.key), development: hoursOf('development', c.key) },
      ]),
    ),
  );
  const [trips, setTrips] = useState(String(base.trips ?? 0));
  const [travel, setTravel] = useState(
    base.travelOre === undefined ? '' : hundredthsToInput(base.travelOre, mark),
  );
  const [materials, setMaterials] = useState(
    base.materialsPerParticipantOre === undefined
      ? ''
      : hundredthsToInput(base.materialsPerParticipantOre, mark),
  );
  const otherSum = base.otherDirect.reduce((sum, x) => sum + x.amountOre, 0);
  const [other, setOther] = useState(hundredthsToInput(otherSum, mark));
  const [note, setNote] = useState(o.actual?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const build = () => {
    const problems: Record<string, string> = {};
    const count = parseWhole(participants);
    if (count === null || count < 1) problems.participants = t('costs.calc.errors.participants');
    const tripCount = trips.trim() === '' ? 0 : parseWhole(trips);
    if (tripCount === null) problems.trips = t('costs.calc.errors.whole');
    const optionalKronor = (text: string, field: string) => {
      if (text.trim() === '') return undefined;
      const ore = parseKronor(text);
      if (ore === null) problems[field] = t('outturn.errors.kronor');
      return ore ?? undefined;
    };
    const travelOre = optionalKronor(travel, 'travel');
    const materialsOre = optionalKronor(materials, 'materials');
    const otherOre = optionalKronor(other, 'other') ?? 0;
    const rows = parseStaffHours(o.categories, hours, problems, t);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return null;
    return {
      // what the form does not ask for (room use, other HEIs' deliveries) stays as it was
      ...base,
      participants: count ?? 1,
      ...rows,
      trips: tripCount ?? 0,
      travelOre,
      materialsPerParticipantOre: materialsOre,
      otherDirect: otherOre > 0 ? [{ label: t('outturn.otherLabel'), amountOre: otherOre }] : [],
    };
  };
  const costs = useRef<ReturnType<typeof build>>(null);
  const action = useDialogAction({
    request: () =>
      recordOutturn(o.agreementId, { revision: o.actual?.revision ?? 0, costs: costs.current ?? base, note }),
    notice: t('outturn.saved'),
    refresh: ['case', caseId, 'outturn', o.agreementId],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t('outturn.formTitle', { title: o.title })}
      submitLabel={t('outturn.save')}
      pending={action.pending}
      error={action.error}
      onSubmit={() => {
        costs.current = build();
        if (costs.current) action.run();
      }}
      onClose={onClose}
      size="xl"
      centered
    >
      <Text size="sm">{t('outturn.formIntro', { version: o.planned.config.version })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('costs.calc.participants')}
          inputMode="numeric"
          required
          value={participants}
          onChange={(e) => setParticipants(e.currentTarget.value)}
          error={errors.participants}
          data-autofocus
        />
        <TextInput
          label={t('costs.calc.trips')}
          inputMode="numeric"
          value={trips}
          onChange={(e) => setTrips(e.currentTarget.value)}
          error={errors.trips}
        />
        <TextInput
          label={t('outturn.travel')}
          description={t('outturn.travelHint')}
          inputMode="decimal"
          value={travel}
          onChange={(e) => setTravel(e.currentTarget.value)}
          error={errors.travel}
        />
        <TextInput
          label={t('outturn.materials')}
          description={t('outturn.materialsHint')}
          inputMode="decimal"
          value={materials}
          onChange={(e) => setMaterials(e.currentTarget.value)}
          error={errors.materials}
        />
        <TextInput
          label={t('outturn.other')}
          inputMode="decimal"
          value={other}
          onChange={(e) => setOther(e.currentTarget.value)}
          error={errors.other}
        />
      </SimpleGrid>
      <Delivered outturn={o} />
      <StaffHoursTable
        categories={o.categories}
        hours={hours}
        setHour={setHour}
        errors={errors}
        caption={t('outturn.hoursCaption')}
      />
      <Textarea
        label={t('outturn.note')}
        description={t('outturn.noteHint')}
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </FormModal>
  );
}

/** What the course's sessions and attendance record, beside the form: facts to judge the actual hours by. */
function Delivered({ outturn: o }: { outturn: Outturn }) {
  const { t } = useTranslation();
  const format = useFormat();
  const d = o.delivered;
  const hours = (value: number) => t('outturn.delivered.hours', { hours: format.number(value) });
  const byCategory = [
    ...d.byCategory.map(
      (c) => `${o.categories.find((x) => x.key === c.key)?.label ?? c.key} ${hours(c.hours)}`,
    ),
    ...(d.otherTeacherHours ? [`${t('outturn.delivered.otherTeacher')} ${hours(d.otherTeacherHours)}`] : []),
  ];
  return (
    <Alert variant="light" color="blue" title={t('outturn.delivered.title')} data-testid="outturn-delivered">
      <Stack gap={4}>
        <Text size="sm">
          {d.sessionsGiven + d.sessionsCalledOff === 0
            ? t('outturn.delivered.noSessions')
            : t('outturn.delivered.sessions', {
                count: d.sessionsGiven,
                hours: format.number(d.hoursGiven),
                calledOff: d.sessionsCalledOff,
              })}
        </Text>
        {byCategory.length > 0 && (
          <Text size="sm">{t('outturn.delivered.byCategory', { list: byCategory.join(', ') })}</Text>
        )}
        <Text size="sm">
          {d.attended === null
            ? t('outturn.delivered.participants', { count: d.participants })
            : t('outturn.delivered.attended', { count: d.participants, attended: d.attended })}
        </Text>
        {d.sessionsGiven > 0 && (
          <Text size="xs" c="dimmed">
            {t('outturn.delivered.hint')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
