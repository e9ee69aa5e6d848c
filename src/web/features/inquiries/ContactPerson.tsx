import { Button, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InquiryDetail } from '../../../features/inquiries/inquiries.contract.ts';
import { isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { refusedFields } from '../../ui/field-errors.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { correctInquiryContact, inquiryAction } from './inquiries.api.ts';

// The contact person's rights (GDPR): the front door's privacy text promises to show, correct and erase
// their details on request. A coordinator does it here, with the request's reason for an erasure.

type Updated = (updated: InquiryDetail) => Promise<void>;

/** The contact person's details, or when they were erased. */
export function ContactDetails({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (inquiry.contactErasedAt) {
    const at = format.dateTime(inquiry.contactErasedAt);
    return (
      <>
        {inquiry.contactErasure === 'retention'
          ? t('inquiries.contactPurged', { at })
          : t('inquiries.contactErased', { at })}
      </>
    );
  }
  return <>{[inquiry.contactName, inquiry.contactEmail, inquiry.contactPhone].filter(Boolean).join('\n')}</>;
}

/** Correct or erase the contact person: for a coordinator, until the details are erased. */
export function ContactActions({ inquiry, onUpdated }: { inquiry: InquiryDetail; onUpdated: Updated }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'correct' | 'erase' | null>(null);
  if (inquiry.contactErasedAt) return null;
  const close = () => setDialog(null);
  return (
    <>
      <Group gap="sm" mt="md">
        <Button variant="default" onClick={() => setDialog('correct')}>
          {t('inquiries.correctContact')}
        </Button>
        <Button variant="outline" color="red.9" onClick={() => setDialog('erase')}>
          {t('inquiries.eraseContact')}
        </Button>
      </Group>
      {dialog === 'correct' && <CorrectModal inquiry={inquiry} onClose={close} onUpdated={onUpdated} />}
      {dialog === 'erase' && <EraseModal inquiry={inquiry} onClose={close} onUpdated={onUpdated} />}
    </>
  );
}

type ModalProps = { inquiry: InquiryDetail; onClose: () => void; onUpdated: Updated };

function CorrectModal({ inquiry, onClose, onUpdated }: ModalProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState({
    contactName: inquiry.contactName ?? '',
    contactEmail: inquiry.contactEmail ?? '',
    contactPhone: inquiry.contactPhone ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof values | 'body' | 'other', string>>>({});
  const save = useMutation({
    mutationFn: () => correctInquiryContact(inquiry.id, values),
    onSuccess: async (updated) => {
      notify(t('inquiries.contactCorrected'));
      onClose();
      await onUpdated(updated);
    },
    onError: (error) => {
      if (isApiError(error, 400))
        setErrors(
          refusedFields(error, {
            contactName: t('frontdoor.errors.contactName'),
            contactEmail: t('errors.fields.email'),
            contactPhone: t('frontdoor.errors.contactPhone'),
            body: t('inquiries.contactUnchanged'),
          }),
        );
      else setErrors({ other: errorMessage(error) });
    },
  });
  const input = (field: keyof typeof values) => ({
    value: values[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
    },
    error: errors[field],
  });
  return (
    <FormModal
      title={t('inquiries.correctContactTitle')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={errors.body ?? errors.other}
    >
      <Text size="sm">{t('inquiries.correctContactIntro')}</Text>
      <TextInput label={t('frontdoor.contactName')} required autoComplete="off" {...input('contactName')} />
      <TextInput
        label={t('frontdoor.contactEmail')}
        type="email"
        required
        autoComplete="off"
        {...input('contactEmail')}
      />
      <TextInput
        label={t('frontdoor.contactPhone')}
        type="tel"
        autoComplete="off"
        {...input('contactPhone')}
      />
    </FormModal>
  );
}

function EraseModal({ inquiry, onClose, onUpdated }: ModalProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; other?: string }>({});
  const erase = useMutation({
    mutationFn: () => inquiryAction(inquiry.id, 'contact/erase', { reason }),
    onSuccess: async (updated) => {
      notify(t('inquiries.contactErasedDone'));
      onClose();
      await onUpdated(updated);
    },
    onError: (error) => {
      if (isApiError(error, 400)) setErrors({ reason: t('inquiries.reasonError') });
      else setErrors({ other: errorMessage(error) });
    },
  });
  return (
    <FormModal
      title={t('inquiries.eraseContactTitle')}
      onClose={onClose}
      onSubmit={() => erase.mutate()}
      submitLabel={t('inquiries.eraseContact')}
      pending={erase.isPending}
      error={errors.other}
      danger
    >
      <Text size="sm">{t('inquiries.eraseContactIntro')}</Text>
      <Textarea
        label={t('inquiries.eraseReason')}
        description={t('inquiries.eraseReasonHint')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={errors.reason}
      />
    </FormModal>
  );
}
