import { Button, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../features/cases/cases.contract.ts';
import { api, isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';

/** "Invite the customer's contact person": an e-mail invitation to the customer portal. */
export function InviteCustomerContact({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [opened, setOpened] = useState(false);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpened(false);
    setEmail('');
    setError(null);
  };
  const invite = useMutation({
    mutationFn: () => api.post(`/api/cases/${detail.id}/customer-contacts`, { email }),
    onSuccess: () => {
      notify(t('cases.inviteSent', { email: email.trim() }));
      close();
    },
    onError: (e) => {
      if (isApiError(e, 400)) setError(t('errors.fields.email'));
      else if (isApiError(e, 409)) setError(e.detail ?? t('errors.conflict'));
      else setError(errorMessage(e));
    },
  });
  return (
    <>
      <Button size="compact-sm" variant="light" onClick={() => setOpened(true)}>
        {t('cases.inviteContact')}
      </Button>
      <FormModal
        opened={opened}
        title={t('cases.inviteContact')}
        onClose={close}
        onSubmit={() => invite.mutate()}
        submitLabel={t('invitations.submit')}
        pending={invite.isPending}
      >
        <Text size="sm">{t('cases.inviteIntro', { customer: detail.customer.name })}</Text>
        <TextInput
          label={t('invitations.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
      </FormModal>
    </>
  );
}
