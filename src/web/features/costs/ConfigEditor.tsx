import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, isApiError } from '../../api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ConfirmModal, submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import {
  type ConfigForm,
  comparable,
  type FormProblems,
  fromForm,
  newRowId,
  type StaffRow,
  toForm,
} from './config-form.ts';
import {
  approveCostConfig,
  type CostConfigVersion,
  costConfigsQuery,
  updateCostConfig,
} from './costs.api.ts';

/** The decimal mark the interface language writes (inputs accept both). */
function useDecimalMark(): ',' | '.' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? '.' : ',';
}

/** A draft version's form: save it (with the revision read), approve it (economists). */
export function ConfigEditor({
  organisationId,
  version,
  canApprove,
}: {
  organisationId: string;
  version: CostConfigVersion;
  canApprove: boolean;
}) {
  const { t } = useTranslation();
  const mark = useDecimalMark();
  const queryClient = useQueryClient();
  const listKey = costConfigsQuery(organisationId).queryKey;
  const [form, setForm] = useState<ConfigForm>(() => toForm(version, mark));
  const [read, setRead] = useState(() => ({ revision: version.revision, form: comparable(form) }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const conflictMessage = useErrorMessage(); // an edit_conflict: who saved in between, and when
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [approving, setApproving] = useState(false);
  const dirty = comparable(form) !== read.form;

  const problemText = (problem: FormProblems[string]) => t(`costs.errors.${problem}`);
  // The form sends only whole öre and basis points at or above zero: what the API can still refuse in
  // them is the size. Other fields keep the API's words.
  const refusedMessage = (field: string, message: string) =>
    field.endsWith('Ore')
      ? t('costs.errors.amountRange')
      : field === 'config.vat.rateBp'
        ? t('costs.errors.vatRange')
        : field.endsWith('Bp')
          ? t('costs.errors.percentRange')
          : field === 'effectiveFrom'
            ? t('costs.errors.date')
            : message;

  const reset = (fresh: CostConfigVersion) => {
    const next = toForm(fresh, mark);
    setForm(next);
    setRead({ revision: fresh.revision, form: comparable(next) });
    setErrors({});
    setConflict(null);
  };

  const save = useMutation({
    mutationFn: () => {
      const parsed = fromForm(form);
      if (parsed.problems) throw new FormInvalid(parsed.problems);
      return updateCostConfig(organisationId, version.id, {
        revision: read.revision,
        effectiveFrom: form.effectiveFrom,
        note: form.note,
        config: parsed.config,
      });
    },
    onMutate: () => setConflict(null),
    onSuccess: async (saved) => {
      reset(saved);
      notify(t('costs.saved', { version: saved.version }));
      await refetchAfterChange(queryClient, listKey);
    },
    onError: (error) => {
      if (error instanceof FormInvalid) {
        setErrors(Object.fromEntries(Object.entries(error.problems).map(([k, p]) => [k, problemText(p)])));
      } else if (isApiError(error, 400)) {
        setErrors(
          Object.fromEntries(
            Object.entries(error.fieldErrors('body')).map(([field, message]) => [
              field,
              refusedMessage(field, message),
            ]),
          ),
        );
      } else if (isApiError(error, 409) && error.code === 'edit_conflict') {
        setConflict(error);
      }
    },
  });

  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...costConfigsQuery(organisationId), staleTime: 0 }),
    onSuccess: ({ versions }) => {
      const fresh = versions.find((v) => v.id === version.id);
      if (fresh) reset(fresh);
    },
  });

  const approve = useMutation({
    mutationFn: () => approveCostConfig(organisationId, version.id, read.revision),
    onSuccess: async (approved) => {
      setApproving(false);
      notify(t('costs.approved', { version: approved.version }));
      await refetchAfterChange(queryClient, listKey);
    },
  });

  const set =
    <K extends keyof ConfigForm>(field: K) =>
    (value: ConfigForm[K]) =>
      setForm((f) => ({ ...f, [field]: value }));
  const text = (field: keyof ConfigForm) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    set(field)(e.currentTarget.value as never);
  const changeRow = (rowId: string, patch: Partial<StaffRow>) =>
    setForm((f) => ({ ...f, staff: f.staff.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)) }));

  // Refused fields the form has no place for (the list as a whole, say) are listed above it.
  const shown = new Set([
    'effectiveFrom',
    'note',
    'config.indirectCostBp',
    'config.premises.rateBp',
    'config.premises.yearlyCostPerSquareMetreOre',
    'config.premises.usableHoursPerYear',
    'config.administrationPerDeliveryOre',
    'config.administrationPerParticipantOre',
    'config.materialsPerParticipantOre',
    'config.travelPerTripOre',
    'config.vat.rateBp',
    ...form.staff.flatMap((_, i) =>
      ['key', 'label', 'hourlySalaryOre', 'payrollOverheadBp'].map((f) => `config.staff.${i}.${f}`),
    ),
  ]);
  const elsewhere = Object.entries(errors).filter(([field]) => !shown.has(field));

  return (
    <>
      <form noValidate aria-label={t('costs.editForm')} onSubmit={submitting(() => save.mutate())}>
        <Stack gap="md">
          <VersionSummary version={version} />
          {conflict && (
            <Alert color="orange" title={t('costs.conflictTitle')} role="alert" data-testid="edit-conflict">
              <Stack gap="xs">
                <Text size="sm">{conflictMessage(conflict)}</Text>
                <Text size="sm">{t('costs.conflictKept')}</Text>
                <Group>
                  <Button
                    variant="default"
                    size="compact-sm"
                    loading={reload.isPending}
                    onClick={() => reload.mutate()}
                  >
                    {t('costs.reload')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {!!save.error &&
            !(save.error instanceof FormInvalid) &&
            !isApiError(save.error, 400) &&
            !conflict && <ErrorAlert error={save.error} />}
          {Object.keys(errors).length > 0 && (
            <Alert color="red" role="alert" title={t('costs.errors.title')}>
              {elsewhere.length === 0 ? (
                t('costs.errors.atFields')
              ) : (
                <Stack gap={2}>
                  <Text size="sm">{t('costs.errors.atFields')}</Text>
                  {elsewhere.map(([field, message]) => (
                    <Text size="sm" key={field}>
                      {field}: {message}
                    </Text>
                  ))}
                </Stack>
              )}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('costs.fields.effectiveFrom')}
              value={form.effectiveFrom}
              onChange={text('effectiveFrom')}
              error={errors.effectiveFrom}
            />
            <Textarea
              label={t('costs.fields.note')}
              autosize
              minRows={1}
              maxLength={2000}
              value={form.note}
              onChange={text('note')}
              error={errors.note}
            />
          </SimpleGrid>

          <Fieldset legend={t('costs.staffLegend')}>
            <Text size="sm" mb="xs">
              {t('costs.staffIntro')}
            </Text>
            <DataTable
              minWidth={720}
              verticalSpacing="xs"
              columns={[
                t('costs.fields.label'),
                t('costs.fields.key'),
                t('costs.fields.hourlySalary'),
                t('costs.fields.payrollOverhead'),
                t('costs.columns.actions'),
              ]}
            >
              {form.staff.map((row, i) => {
                const at = `config.staff.${i}`;
                const name = row.label.trim() || t('costs.rowNumber', { number: i + 1 });
                return (
                  <Table.Tr key={row.rowId}>
                    <Table.Td>
                      <TextInput
                        aria-label={t('costs.fields.labelOf', { number: i + 1 })}
                        value={row.label}
                        onChange={(e) => changeRow(row.rowId, { label: e.currentTarget.value })}
                        error={errors[`${at}.label`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('costs.fields.keyOf', { category: name })}
                        value={row.key}
                        onChange={(e) => changeRow(row.rowId, { key: e.currentTarget.value })}
                        error={errors[`${at}.key`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('costs.fields.hourlySalaryOf', { category: name })}
                        inputMode="decimal"
                        value={row.salary}
                        onChange={(e) => changeRow(row.rowId, { salary: e.currentTarget.value })}
                        error={errors[`${at}.hourlySalaryOre`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('costs.fields.payrollOverheadOf', { category: name })}
                        inputMode="decimal"
                        value={row.overhead}
                        onChange={(e) => changeRow(row.rowId, { overhead: e.currentTarget.value })}
                        error={errors[`${at}.payrollOverheadBp`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red.9"
                        disabled={form.staff.length === 1}
                        aria-label={t('costs.removeCategory', { category: name })}
                        onClick={() =>
                          setForm((f) => ({ ...f, staff: f.staff.filter((r) => r.rowId !== row.rowId) }))
                        }
                      >
                        {t('costs.remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
            <Group mt="xs">
              <Button
                variant="light"
                size="compact-sm"
                onClick={() =>
                  setForm((f) => ({
                    ...f,
                    staff: [...f.staff, { rowId: newRowId(), key: '', label: '', salary: '', overhead: '' }],
                  }))
                }
              >
                {t('costs.addCategory')}
              </Button>
            </Group>
          </Fieldset>

          <Fieldset legend={t('costs.indirectLegend')}>
            <Stack gap="sm">
              <TextInput
                label={t('costs.fields.indirectCost')}
                inputMode="decimal"
                maw={240}
                value={form.indirectCost}
                onChange={text('indirectCost')}
                error={errors['config.indirectCostBp']}
              />
              <Radio.Group
                label={t('costs.fields.indirectCostBase')}
                value={form.indirectCostBase}
                onChange={(v) => set('indirectCostBase')(v as ConfigForm['indirectCostBase'])}
              >
                <Group mt={4}>
                  <Radio value="staff" label={t('costs.base.staff')} />
                  <Radio value="direct" label={t('costs.base.direct')} />
                </Group>
              </Radio.Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('costs.premisesLegend')}>
            <Stack gap="sm">
              <Radio.Group
                label={t('costs.fields.premisesKind')}
                value={form.premisesKind}
                onChange={(v) => set('premisesKind')(v as ConfigForm['premisesKind'])}
              >
                <Group mt={4}>
                  <Radio value="surcharge" label={t('costs.premises.surcharge')} />
                  <Radio value="area" label={t('costs.premises.area')} />
                </Group>
              </Radio.Group>
              {form.premisesKind === 'surcharge' ? (
                <TextInput
                  label={t('costs.fields.premisesRate')}
                  inputMode="decimal"
                  maw={240}
                  value={form.premisesRate}
                  onChange={text('premisesRate')}
                  error={errors['config.premises.rateBp']}
                />
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t('costs.fields.areaCost')}
                    inputMode="decimal"
                    value={form.areaCost}
                    onChange={text('areaCost')}
                    error={errors['config.premises.yearlyCostPerSquareMetreOre']}
                  />
                  <TextInput
                    label={t('costs.fields.usableHours')}
                    inputMode="numeric"
                    value={form.usableHours}
                    onChange={text('usableHours')}
                    error={errors['config.premises.usableHoursPerYear']}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('costs.otherLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('costs.fields.adminPerDelivery')}
                inputMode="decimal"
                value={form.adminPerDelivery}
                onChange={text('adminPerDelivery')}
                error={errors['config.administrationPerDeliveryOre']}
              />
              <TextInput
                label={t('costs.fields.adminPerParticipant')}
                inputMode="decimal"
                value={form.adminPerParticipant}
                onChange={text('adminPerParticipant')}
                error={errors['config.administrationPerParticipantOre']}
              />
              <TextInput
                label={t('costs.fields.materials')}
                inputMode="decimal"
                value={form.materials}
                onChange={text('materials')}
                error={errors['config.materialsPerParticipantOre']}
              />
              <TextInput
                label={t('costs.fields.travel')}
                inputMode="decimal"
                value={form.travel}
                onChange={text('travel')}
                error={errors['config.travelPerTripOre']}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('costs.vatLegend')}>
            <Stack gap="sm">
              <Checkbox
                label={t('costs.fields.vatApplies')}
                checked={form.vatApplies}
                onChange={(e) => set('vatApplies')(e.currentTarget.checked)}
              />
              <TextInput
                label={t('costs.fields.vatRate')}
                inputMode="decimal"
                maw={240}
                value={form.vatRate}
                onChange={text('vatRate')}
                error={errors['config.vat.rateBp']}
              />
            </Stack>
          </Fieldset>

          <Text size="sm">{t('costs.decimalHint')}</Text>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('costs.saveDraft')}
            </Button>
            {canApprove && (
              <Button variant="outline" disabled={dirty} onClick={() => setApproving(true)}>
                {t('costs.approve')}
              </Button>
            )}
            {canApprove && dirty && (
              <Text size="sm" c="dimmed">
                {t('costs.saveBeforeApproving')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
      {approving && (
        <ConfirmModal
          title={t('costs.approveTitle', { version: version.version })}
          text={t('costs.approveText')}
          confirmLabel={t('costs.approve')}
          pending={approve.isPending}
          error={approve.error}
          onConfirm={() => approve.mutate()}
          onClose={() => setApproving(false)}
        />
      )}
    </>
  );
}

class FormInvalid extends Error {
  constructor(readonly problems: FormProblems) {
    super('The form has fields that cannot be read');
  }
}

/** Status and who approved when, above the values. */
function VersionSummary({ version }: { version: CostConfigVersion }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Text size="sm">
      {[
        t(`costs.status.${version.status}`),
        t('costs.validFrom', { date: format.date(version.effectiveFrom) }),
        version.inEffect ? t('costs.inEffect') : null,
        version.approvedBy && version.approvedAt
          ? t('costs.approvedByAt', {
              name: version.approvedBy.name,
              at: format.dateTime(version.approvedAt),
            })
          : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </Text>
  );
}

/** A version's values, read-only: approved versions, and drafts for those who may not change them. */
export function ConfigValues({ version, canEdit }: { version: CostConfigVersion; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = version.config;
  const rows: [string, string][] = [
    [t('costs.fields.effectiveFrom'), format.date(version.effectiveFrom)],
    [
      t('costs.fields.indirectCost'),
      t('costs.indirectOf', {
        rate: format.percent(c.indirectCostBp),
        base: t(`costs.baseOf.${c.indirectCostBase}`),
      }),
    ],
    [
      t('costs.premisesLegend'),
      c.premises.kind === 'surcharge'
        ? t('costs.premisesSurchargeValue', { rate: format.percent(c.premises.rateBp) })
        : t('costs.premisesAreaValue', {
            cost: format.kronor(c.premises.yearlyCostPerSquareMetreOre),
            hours: format.number(c.premises.usableHoursPerYear),
          }),
    ],
    [t('costs.fields.adminPerDelivery'), format.kronor(c.administrationPerDeliveryOre)],
    [t('costs.fields.adminPerParticipant'), format.kronor(c.administrationPerParticipantOre)],
    [t('costs.fields.materials'), format.kronor(c.materialsPerParticipantOre)],
    [t('costs.fields.travel'), format.kronor(c.travelPerTripOre)],
    [
      t('costs.vatLegend'),
      c.vat.applies ? t('costs.vatValue', { rate: format.percent(c.vat.rateBp) }) : t('costs.noVat'),
    ],
    [t('costs.fields.note'), version.note || '–'],
  ];
  return (
    <Stack gap="md">
      <VersionSummary version={version} />
      {version.status === 'approved' ? (
        <Alert color="gray" variant="light">
          {canEdit ? t('costs.approvedReadOnly') : t('costs.approvedReadOnlyReader')}
        </Alert>
      ) : (
        <Alert color="gray" variant="light">
          {t('costs.draftReadOnly')}
        </Alert>
      )}
      <Title order={3} size="h5">
        {t('costs.staffLegend')}
      </Title>
      <DataTable
        minWidth={560}
        columns={[
          t('costs.fields.label'),
          t('costs.fields.key'),
          t('costs.fields.hourlySalary'),
          t('costs.fields.payrollOverhead'),
        ]}
      >
        {c.staff.map((s) => (
          <Table.Tr key={s.key}>
            <Table.Td>{s.label}</Table.Td>
            <Table.Td>{s.key}</Table.Td>
            <Table.Td>{format.kronor(s.hourlySalaryOre)}</Table.Td>
            <Table.Td>{format.percent(s.payrollOverheadBp)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Table.ScrollContainer minWidth={480}>
        <Table data-testid="cost-values">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" w="40%">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
