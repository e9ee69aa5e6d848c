import { NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseDetailSchema } from '../../../features/cases/cases.contract.ts';
import { sectors } from '../../../features/inquiries/inquiries.contract.ts';
import { orgNumberMessages } from '../../../features/tenancy/org-number.ts';
import { subjectAreas } from '../../../shared/subject-areas.ts';
import { api, isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';

type Fields = 'title' | 'customerName' | 'customerOrgNumber' | 'sector' | 'needText';

/**
 * Opens a case without an inquiry — a customer who called or wrote to the coordinator directly, often one
 * the HEI already knows (then `customer` is given, from the customer's page). The case starts at the inquiry
 * stage, with its checklist, owned by the coordinator who opened it.
 */
export function NewCaseModal({
  onClose,
  customer,
  callOffUnder,
}: {
  onClose: () => void;
  customer?: { name: string; orgNumber: string };
  /** A call-off under this framework agreement (with `customer`, its customer): the route and the agreement are set. */
  callOffUnder?: { id: string; title: string; reference: string | null };
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState({
    title: '',
    customerName: customer?.name ?? '',
    customerOrgNumber: customer?.orgNumber ?? '',
    sector: '',
    needText: '',
    subjectArea: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Fields | 'other', string>>>({});
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const create = useMutation({
    mutationFn: () =>
      api.post(
        '/api/cases',
        {
          ...values,
          subjectArea: values.subjectArea || null,
          ...(callOffUnder && {
            purchaseRoute: 'framework_call_off',
            frameworkAgreementId: callOffUnder.id,
            procurementReference: callOffUnder.reference,
          }),
        },
        caseDetailSchema,
      ),
    onSuccess: async (created) => {
      await refetchAfterChange(queryClient, ['cases']);
      await refetchAfterChange(queryClient, ['customers']);
      await refetchAfterChange(queryClient, ['framework-agreements']);
      onClose();
      await navigate({ to: '/cases/$caseId', params: { caseId: created.id } });
    },
    onError: (error) => {
      if (!isApiError(error, 400)) return setErrors({ other: errorMessage(error) });
      const fields = error.fieldErrors();
      setErrors({
        title: fields.title ? t('cases.new.titleError') : undefined,
        customerName: fields.customerName ? t('cases.new.customerNameError') : undefined,
        customerOrgNumber: fields.customerOrgNumber ? orgNumberError(fields.customerOrgNumber) : undefined,
        sector: fields.sector ? t('cases.new.sectorError') : undefined,
        needText: fields.needText ? t('cases.new.needTextError') : undefined,
      });
    },
  });
  // the API's words on a refused number, as the front door says them (format, check digit, a personnummer)
  const orgNumberError = (message: string) =>
    message === orgNumberMessages.checksum
      ? t('errors.fields.orgNumberChecksum')
      : message === orgNumberMessages.personal_identity_number
        ? t('errors.fields.orgNumberPersonal')
        : t('errors.fields.orgNumberFormat');
  const submit = () => {
    const local: Partial<Record<Fields, string>> = {
      title: values.title.trim().length < 3 ? t('cases.new.titleError') : undefined,
      customerName: values.customerName.trim().length < 2 ? t('cases.new.customerNameError') : undefined,
      customerOrgNumber: values.customerOrgNumber.trim() ? undefined : t('errors.fields.orgNumberFormat'),
      sector: values.sector ? undefined : t('cases.new.sectorError'),
      needText: values.needText.trim().length < 10 ? t('cases.new.needTextError') : undefined,
    };
    setErrors(local);
    if (Object.values(local).every((e) => !e)) create.mutate();
  };
  return (
    <FormModal
      title={
        callOffUnder
          ? t('frameworks.newCallOffTitle', { framework: callOffUnder.title })
          : customer
            ? t('cases.new.titleFor', { customer: customer.name })
            : t('cases.new.title')
      }
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('cases.new.submit')}
      pending={create.isPending}
      error={errors.other}
      size="lg"
    >
      <Text size="sm">{callOffUnder ? t('frameworks.newCallOffIntro') : t('cases.new.intro')}</Text>
      <TextInput
        label={t('cases.new.caseTitle')}
        required
        value={values.title}
        onChange={(e) => set('title')(e.currentTarget.value)}
        error={errors.title}
      />
      {!customer && (
        <>
          <TextInput
            label={t('cases.new.customerName')}
            required
            value={values.customerName}
            onChange={(e) => set('customerName')(e.currentTarget.value)}
            error={errors.customerName}
          />
          <TextInput
            label={t('cases.new.orgNumber')}
            description={t('cases.new.orgNumberHint')}
            required
            inputMode="numeric"
            value={values.customerOrgNumber}
            onChange={(e) => set('customerOrgNumber')(e.currentTarget.value)}
            error={errors.customerOrgNumber}
          />
        </>
      )}
      <CaseAboutFields values={values} set={set} errors={errors} />
    </FormModal>
  );
}

type AboutValues = { sector: string; needText: string; subjectArea: string };

/**
 * What a case is about — the customer's sector, the need and the subject area — as a coordinator writes it
 * when opening a case and when correcting it later ("Change details…").
 */
export function CaseAboutFields({
  values,
  set,
  errors,
}: {
  values: AboutValues;
  set: (field: keyof AboutValues) => (value: string) => void;
  errors: { sector?: string; needText?: string };
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <>
      <NativeSelect
        label={t('cases.new.sector')}
        required
        value={values.sector}
        onChange={(e) => set('sector')(e.currentTarget.value)}
        error={errors.sector}
      >
        {!values.sector && <option value="">{t('cases.new.choose')}</option>}
        {sectors.map((s) => (
          <option key={s} value={s}>
            {t(`labels.sector.${s}`)}
          </option>
        ))}
      </NativeSelect>
      <Textarea
        label={t('cases.new.needText')}
        required
        autosize
        minRows={4}
        maxLength={5000}
        value={values.needText}
        onChange={(e) => set('needText')(e.currentTarget.value)}
        error={errors.needText}
      />
      <NativeSelect
        label={t('cases.new.subjectArea')}
        value={values.subjectArea}
        onChange={(e) => set('subjectArea')(e.currentTarget.value)}
      >
        <option value="">{t('cases.new.noSubjectArea')}</option>
        {subjectAreas.map((s) => (
          <option key={s.code} value={s.code}>
            {s[language]}
          </option>
        ))}
      </NativeSelect>
    </>
  );
}
