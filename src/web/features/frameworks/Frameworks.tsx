import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDING_SOON_DAYS, frameworkDetailSchema } from '../../../features/frameworks/frameworks.contract.ts';
import { api, isApiError } from '../../api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { hundredthsToInput, parseKronor } from '../costs/money.ts';
import {
  customerFrameworksQuery,
  type FrameworkDetail,
  type FrameworkSummary,
  frameworkQuery,
  useFrameworkWriter,
} from './frameworks.api.ts';

// Framework agreements (ramavtal) on the customer page, and the form that records and corrects one.

/** Where the agreement stands today: starts on…, running (N days left), ends soon, ended on…. */
export function FrameworkStatus({ framework: f }: { framework: FrameworkSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text =
    f.status === 'upcoming'
      ? t('frameworks.status.upcoming', { date: format.date(f.validFrom) })
      : f.status === 'ended'
        ? t('frameworks.status.ended', { date: format.date(f.validTo) })
        : f.daysLeft === 0
          ? t('frameworks.status.endsToday')
          : f.daysLeft <= ENDING_SOON_DAYS
            ? t('frameworks.status.endingSoon', { count: f.daysLeft })
            : t('frameworks.status.active', { count: f.daysLeft });
  const soon = f.status === 'active' && f.daysLeft <= ENDING_SOON_DAYS;
  return <span style={soon ? { fontWeight: 600 } : undefined}>{text}</span>;
}

/** "90 313,57 kr of 2 000 000 kr" called off, or the called-off value alone when no ceiling is stated. */
function CalledOff({ framework: f }: { framework: FrameworkSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return f.ceilingOre
    ? t('frameworks.calledOffOf', {
        calledOff: format.kronor(f.calledOffOre),
        ceiling: format.kronor(f.ceilingOre),
      })
    : format.kronor(f.calledOffOre);
}

/** The customer page's section: the HEI's framework agreements with the customer, and a new one. */
export function CustomerFrameworks({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const canWrite = useFrameworkWriter();
  const frameworks = useQuery(customerFrameworksQuery(customer.id));
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const list = frameworks.data ?? [];
  return (
    <Section id="customer-frameworks" title={t('frameworks.section')}>
      <Stack gap="sm">
        <Text size="sm">{t('frameworks.intro')}</Text>
        {canWrite && (
          <Group>
            <Button variant="light" onClick={() => setAdding(true)}>
              {t('frameworks.new')}
            </Button>
          </Group>
        )}
        {frameworks.isSuccess && list.length === 0 ? (
          <Text>{t('frameworks.none')}</Text>
        ) : (
          <FrameworkTable frameworks={list} testId="customer-frameworks" />
        )}
      </Stack>
      {adding && (
        <FrameworkModal
          customer={customer}
          onClose={() => setAdding(false)}
          onSaved={(saved) =>
            navigate({ to: '/framework-agreements/$frameworkId', params: { frameworkId: saved.id } })
          }
        />
      )}
    </Section>
  );
}

/** Framework agreements as a table: name (and reference), the customer if asked, period and status, called off. */
export function FrameworkTable({
  frameworks,
  withCustomer = false,
  testId,
}: {
  frameworks: FrameworkSummary[];
  withCustomer?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      minWidth={withCustomer ? 800 : 640}
      striped
      data-testid={testId}
      columns={[
        t('frameworks.name_column'),
        ...(withCustomer ? [t('frameworks.customer')] : []),
        t('frameworks.period'),
        t('frameworks.calledOff'),
        t('frameworks.callOffs'),
      ]}
    >
      {frameworks.map((f) => (
        <Table.Tr key={f.id}>
          <Table.Th scope="row">
            <AnchorLink to="/framework-agreements/$frameworkId" params={{ frameworkId: f.id }}>
              {f.title}
            </AnchorLink>
            {f.reference && (
              <Text size="xs" c="dimmed">
                {f.reference}
              </Text>
            )}
          </Table.Th>
          {withCustomer && (
            <Table.Td>
              <AnchorLink to="/customers/$customerId" params={{ customerId: f.customer.id }}>
                {f.customer.name}
              </AnchorLink>
            </Table.Td>
          )}
          <Table.Td>
            {format.date(f.validFrom)} – {format.date(f.validTo)}
            <Text size="xs">
              <FrameworkStatus framework={f} />
            </Text>
          </Table.Td>
          <Table.Td>
            <CalledOff framework={f} />
          </Table.Td>
          <Table.Td>{f.callOffs}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

type Field = 'title' | 'validFrom' | 'validTo' | 'ceiling';

/** Records a framework agreement with the customer, or corrects (extends) `framework`. */
export function FrameworkModal({
  customer,
  framework,
  onClose,
  onSaved,
}: {
  customer: { id: string; name: string };
  framework?: FrameworkDetail;
  onClose: () => void;
  onSaved?: (saved: FrameworkDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const mark = i18n.language === 'en' ? '.' : ',';
  const [values, setValues] = useState({
    title: framework?.title ?? '',
    reference: framework?.reference ?? '',
    validFrom: framework?.validFrom ?? '',
    validTo: framework?.validTo ?? '',
    ceiling: framework?.ceilingOre ? hundredthsToInput(framework.ceilingOre, mark) : '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field | 'other', string>>>({});
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const ceilingOre = values.ceiling.trim() === '' ? null : parseKronor(values.ceiling);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        title: values.title.trim(),
        reference: values.reference.trim() || null,
        validFrom: values.validFrom,
        validTo: values.validTo,
        ceilingOre,
      };
      return framework
        ? api.patch(`/api/framework-agreements/${framework.id}`, body, frameworkDetailSchema)
        : api.post('/api/framework-agreements', { customerId: customer.id, ...body }, frameworkDetailSchema);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(frameworkQuery(saved.id).queryKey, saved);
      await refetchAfterChange(queryClient, ['framework-agreements']);
      notify(t('frameworks.saved'));
      onClose();
      onSaved?.(saved);
    },
    onError: (error) => {
      if (!isApiError(error, 400)) return setErrors({ other: errorMessage(error) });
      const fields = error.fieldErrors();
      setErrors({
        title: fields.title ? t('frameworks.nameError') : undefined,
        validFrom: fields.validFrom ? t('frameworks.dateError') : undefined,
        validTo: fields.validTo
          ? t(values.validTo ? 'frameworks.periodError' : 'frameworks.dateError')
          : undefined,
        ceiling: fields.ceilingOre ? t('frameworks.ceilingError') : undefined,
        other:
          fields.title || fields.validFrom || fields.validTo || fields.ceilingOre
            ? undefined
            : errorMessage(error),
      });
    },
  });
  const submit = () => {
    const local: Partial<Record<Field, string>> = {
      title: values.title.trim().length < 3 ? t('frameworks.nameError') : undefined,
      validFrom: values.validFrom ? undefined : t('frameworks.dateError'),
      validTo: !values.validTo
        ? t('frameworks.dateError')
        : values.validFrom && values.validTo < values.validFrom
          ? t('frameworks.periodError')
          : undefined,
      ceiling: values.ceiling.trim() !== '' && !ceilingOre ? t('frameworks.ceilingError') : undefined,
    };
    setErrors(local);
    if (Object.values(local).every((e) => !e)) save.mutate();
  };
  return (
    <FormModal
      title={framework ? t('frameworks.editTitle') : t('frameworks.newTitle', { customer: customer.name })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={errors.other}
    >
      <Text size="sm">{t('frameworks.formIntro')}</Text>
      <TextInput
        label={t('frameworks.name')}
        required
        maxLength={200}
        value={values.title}
        onChange={(e) => set('title')(e.currentTarget.value)}
        error={errors.title}
      />
      <TextInput
        label={t('frameworks.reference')}
        maxLength={200}
        value={values.reference}
        onChange={(e) => set('reference')(e.currentTarget.value)}
      />
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('frameworks.validFrom')}
          required
          value={values.validFrom}
          onChange={(e) => set('validFrom')(e.currentTarget.value)}
          error={errors.validFrom}
        />
        <TextInput
          type="date"
          label={t('frameworks.validTo')}
          description={t('frameworks.validToHint')}
          required
          value={values.validTo}
          onChange={(e) => set('validTo')(e.currentTarget.value)}
          error={errors.validTo}
        />
      </Group>
      <TextInput
        label={t('frameworks.ceiling')}
        description={t('frameworks.ceilingHint')}
        inputMode="decimal"
        value={values.ceiling}
        onChange={(e) => set('ceiling')(e.currentTarget.value)}
        error={errors.ceiling}
      />
    </FormModal>
  );
}
