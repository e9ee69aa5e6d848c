import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { type Design, restoreDesign, withdrawDesign } from './design.api.ts';

/** After a design is set aside or taken back: the case's designs, its proposals (drafts withdrawn) and timeline. */
function useDesignChanged(caseId: string) {
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, ['case', caseId]);
}

/**
 * "Lägg åt sidan…": the customer chose another alternative, or the design was dropped. Asks why (for the case's
 * timeline); refused while a proposal offers the design, which the dialog says.
 */
export function SetDesignAside({ design }: { design: Design }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const changed = useDesignChanged(design.caseId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: () => withdrawDesign(design.id, reason),
    onSuccess: async () => {
      notify(t('design.aside.done', { title: design.title }));
      setOpen(false);
      await changed();
    },
    onError: (e) => {
      if (isApiError(e, 400)) setError(t('design.aside.reasonError'));
      else if (isApiError(e, 409) && e.code === 'design_in_proposal') setRefusal(t('design.aside.offered'));
      else setRefusal(errorMessage(e));
    },
  });
  const close = () => {
    setOpen(false);
    setError(null);
    setRefusal(null);
  };
  return (
    <>
      <Group>
        <Button variant="default" onClick={() => setOpen(true)}>
          {t('design.aside.button')}
        </Button>
      </Group>
      {open && (
        <FormModal
          title={t('design.aside.title', { title: design.title })}
          onClose={close}
          onSubmit={() => {
            if (reason.trim().length < 2) setError(t('design.aside.reasonError'));
            else withdraw.mutate();
          }}
          submitLabel={t('design.aside.submit')}
          pending={withdraw.isPending}
          error={refusal}
        >
          <Text size="sm">{t('design.aside.intro')}</Text>
          <Textarea
            label={t('design.aside.reason')}
            description={t('design.aside.reasonHint')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            data-autofocus
          />
        </FormModal>
      )}
    </>
  );
}

/** On a design set aside: who set it aside, when and why, and "Ta tillbaka" for those who work on the case. */
export function DesignAsideNotice({ design, canWork }: { design: Design; canWork: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const changed = useDesignChanged(design.caseId);
  const restore = useMutation({
    mutationFn: () => restoreDesign(design.id),
    onSuccess: async () => {
      notify(t('design.aside.restored', { title: design.title }));
      await changed();
    },
  });
  if (!design.withdrawn) return null;
  return (
    <Alert color="gray" title={t('design.aside.noticeTitle')} data-testid="design-aside">
      <Text size="sm">
        {t('design.aside.notice', {
          name: design.withdrawn.by?.name ?? t('design.aside.someone'),
          date: format.date(design.withdrawn.at),
        })}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <strong>{t('design.aside.reason')}:</strong> {design.withdrawn.reason}
      </Text>
      {canWork && (
        <Group mt="sm">
          <Button variant="light" onClick={() => restore.mutate()} loading={restore.isPending}>
            {t('design.aside.restore')}
          </Button>
        </Group>
      )}
      {restore.error && (
        <Text size="sm" c="red.9" role="alert">
          {errorMessage(restore.error)}
        </Text>
      )}
    </Alert>
  );
}
