import { Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_RETENTION_MONTHS,
  type Retention,
  type RetentionChange,
  retentionRunSchema,
  retentionSchema,
} from '../../../features/retention/retention.contract.ts';
import { api, isApiError } from '../../api.ts';
import { ConfirmModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, QueryView } from '../../ui/page.tsx';

// The HEI's retention rule (gallringsbeslut): inquiries' contact persons, participants' personnummer and, if
// the HEI's decision says so, participants' names (anonymisation).
// Every member reads it, its admins set it and may apply it at once; otherwise Lupp applies it every night.

const retentionPath = (organisationId: string) => `/api/organisations/${organisationId}/retention`;
export const retentionQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'retention'],
    queryFn: ({ signal }) => api.get(retentionPath(organisationId), retentionSchema, signal),
  });

type Field = keyof RetentionChange;
const fields: Field[] = ['inquiryContactMonths', 'participantMonths', 'participantNameMonths'];

export function RetentionSection({ organisationId, canEdit }: { organisationId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(retentionQuery(organisationId));
  return (
    <Paper component="section" aria-labelledby="retention-heading" withBorder p="lg" radius="md" maw={640}>
      <Stack gap="md">
        <Title order={2} size="h4" id="retention-heading">
          {t('organisation.retention.title')}
        </Title>
        <Text size="sm">{t('organisation.retention.intro')}</Text>
        <QueryView query={query}>
          {(retention) => (
            <>
              <RetentionStatus retention={retention} />
              {canEdit ? (
                <RetentionForm organisationId={organisationId} retention={retention} />
              ) : (
                <Alert color="gray" variant="light">
                  {t('organisation.retention.readOnly')}
                </Alert>
              )}
            </>
          )}
        </QueryView>
      </Stack>
    </Paper>
  );
}

function RetentionStatus({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { inquiryContactMonths: contacts, participantMonths: participants, due } = retention;
  return (
    <Stack gap={4} data-testid="retention-status">
      <Text fw={600}>
        {contacts === null
          ? t('organisation.retention.none')
          : t('organisation.retention.rule', { count: contacts })}
      </Text>
      {contacts !== null && <Text>{t('organisation.retention.due', { count: due.inquiryContacts })}</Text>}
      <Text fw={600}>
        {participants === null
          ? t('organisation.retention.participantNone')
          : t('organisation.retention.participantRule', { count: participants })}
      </Text>
      {participants !== null && (
        <Text>{t('organisation.retention.participantsDue', { count: due.participants })}</Text>
      )}
      <Text fw={600}>
        {retention.participantNameMonths === null
          ? t('organisation.retention.participantNameNone')
          : t('organisation.retention.participantNameRule', { count: retention.participantNameMonths })}
      </Text>
      {retention.participantNameMonths !== null && (
        <Text>{t('organisation.retention.namesDue', { count: due.participantNames })}</Text>
      )}
      <Text fw={600}>
        {retention.customerAccountMonths === null
          ? t('organisation.retention.accountsNone')
          : t('organisation.retention.accountsRule', { count: retention.customerAccountMonths })}
      </Text>
      <Text size="sm">{t('organisation.retention.accountsHint')}</Text>
      {retention.lastRunAt && retention.lastRunErased && (
        <Text size="sm" c="dimmed">
          {t('organisation.retention.lastRun', {
            at: format.dateTime(retention.lastRunAt),
            contacts: retention.lastRunErased.inquiryContacts,
            participants: retention.lastRunErased.participants,
            names: retention.lastRunErased.participantNames,
          })}
        </Text>
      )}
      {retention.updatedAt && retention.updatedBy && (
        <Text size="sm" c="dimmed">
          {t('organisation.retention.changedBy', {
            at: format.dateTime(retention.updatedAt),
            name: retention.updatedBy,
          })}
        </Text>
      )}
    </Stack>
  );
}

type Draft = Record<Field, string | number>;
const draftOf = (retention: Retention): Draft => ({
  inquiryContactMonths: retention.inquiryContactMonths ?? '',
  participantMonths: retention.participantMonths ?? '',
  participantNameMonths: retention.participantNameMonths ?? '',
});

/** A period as typed: null when left empty, undefined when not a whole number of months from 1 to 120. */
function monthsOf(value: string | number): number | null | undefined {
  if (value === '') return null;
  const months = Number(value);
  return Number.isInteger(months) && months >= 1 && months <= MAX_RETENTION_MONTHS ? months : undefined;
}

function RetentionForm({ organisationId, retention }: { organisationId: string; retention: Retention }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(retention));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [confirming, setConfirming] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved periods change
  useEffect(
    () => setDraft(draftOf(retention)),
    [retention.inquiryContactMonths, retention.participantMonths, retention.participantNameMonths],
  );
  const cache = (updated: Retention) =>
    queryClient.setQueryData(retentionQuery(organisationId).queryKey, updated);
  // a period beside the personnummer's that is too short is the only other refusal
  const errorOf = (field: Field) =>
    field === 'participantNameMonths' && monthsOf(draft[field]) !== undefined
      ? t('organisation.retention.nameMonthsError')
      : t('organisation.retention.monthsError');

  const save = useMutation({
    mutationFn: (change: RetentionChange) => api.put(retentionPath(organisationId), change, retentionSchema),
    onSuccess: (updated) => {
      cache(updated);
      setErrors({});
      notify(t('organisation.retention.saved'));
    },
    onError: (failure) => {
      if (!isApiError(failure, 400)) return;
      const refused = failure.fieldErrors();
      setErrors(Object.fromEntries(fields.filter((f) => refused[f]).map((f) => [f, errorOf(f)])));
    },
  });
  const run = useMutation({
    mutationFn: () => api.post(`${retentionPath(organisationId)}/run`, {}, retentionRunSchema),
    onSuccess: ({ erased, retention: updated }) => {
      cache(updated);
      setConfirming(false);
      notify(
        t('organisation.retention.ran', {
          contacts: erased.inquiryContacts,
          participants: erased.participants,
          names: erased.participantNames,
        }),
      );
    },
  });

  const submit = () => {
    const change = {
      inquiryContactMonths: monthsOf(draft.inquiryContactMonths),
      participantMonths: monthsOf(draft.participantMonths),
      participantNameMonths: monthsOf(draft.participantNameMonths),
    };
    const wrong = fields.filter((f) => change[f] === undefined);
    // a name goes last: anonymising before the personnummer is erased would leave the number without a name
    const { participantMonths: numbers, participantNameMonths: names } = change;
    if (names && numbers && names < numbers) wrong.push('participantNameMonths');
    if (wrong.length) return setErrors(Object.fromEntries(wrong.map((f) => [f, errorOf(f)])));
    save.mutate(change as RetentionChange);
  };
  const saveFailure = save.error && !isApiError(save.error, 400) && save.error;
  const due = retention.due.inquiryContacts + retention.due.participants + retention.due.participantNames;
  const input = (field: Field, label: string, hint: string) => (
    <NumberInput
      label={label}
      description={hint}
      min={1}
      max={MAX_RETENTION_MONTHS}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      value={draft[field]}
      onChange={(value) => {
        setDraft({ ...draft, [field]: value });
        setErrors({ ...errors, [field]: undefined });
      }}
      error={errors[field]}
      maw={200}
    />
  );

  return (
    <>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          {saveFailure && <ErrorAlert error={saveFailure} />}
          {input(
            'inquiryContactMonths',
            t('organisation.retention.months'),
            t('organisation.retention.monthsHint'),
          )}
          {input(
            'participantMonths',
            t('organisation.retention.participantMonths'),
            t('organisation.retention.participantMonthsHint'),
          )}
          {input(
            'participantNameMonths',
            t('organisation.retention.participantNameMonths'),
            t('organisation.retention.participantNameMonthsHint'),
          )}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('organisation.retention.save')}
            </Button>
            {due > 0 && (
              <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
                {t('organisation.retention.runNow')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {confirming && (
        <ConfirmModal
          title={t('organisation.retention.confirmTitle')}
          text={t('organisation.retention.confirm', {
            contacts: retention.due.inquiryContacts,
            participants: retention.due.participants,
            names: retention.due.participantNames,
          })}
          confirmLabel={t('organisation.retention.confirmButton')}
          pending={run.isPending}
          error={run.error}
          onConfirm={() => run.mutate()}
          onClose={() => setConfirming(false)}
          centered
        />
      )}
    </>
  );
}
