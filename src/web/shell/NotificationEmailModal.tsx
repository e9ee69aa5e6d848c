import { Radio, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  meSchema,
  type NotificationEmail,
  notificationEmailChoices,
} from '../../features/tenancy/tenancy.contract.ts';
import { api } from '../api.ts';
import { meQuery, useMe } from '../session.ts';
import { FormModal } from '../ui/FormModal.tsx';
import { notify } from '../ui/notify.ts';
import { useErrorMessage } from '../ui/page.tsx';

/** How the signed-in person wants notifications by e-mail: each at once, once every morning, or not at all. */
export function NotificationEmailModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [choice, setChoice] = useState<NotificationEmail>(me?.user.notificationEmail ?? 'each');
  const save = useMutation({
    mutationFn: () => api.put('/api/me/preferences', { notificationEmail: choice }, meSchema),
    onSuccess: (updated) => {
      queryClient.setQueryData(meQuery.queryKey, updated);
      notify(t('notifications.email.saved'));
      onClose();
    },
  });
  return (
    <FormModal
      title={t('notifications.email.title')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error ? errorMessage(save.error) : undefined}
    >
      <Radio.Group
        label={t('notifications.email.label')}
        description={t('notifications.email.hint', { email: me?.user.email ?? '' })}
        value={choice}
        onChange={(value) => setChoice(value as NotificationEmail)}
      >
        <Stack gap="xs" mt="xs">
          {notificationEmailChoices.map((value) => (
            <Radio key={value} value={value} label={t(`notifications.email.choices.${value}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </FormModal>
  );
}
