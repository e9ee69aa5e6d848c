import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusFirstInvalid, useReturnFocusWhenGone } from './focus.ts';
import { notify } from './notify.ts';
import { ErrorAlert, useErrorMessage } from './page.tsx';
import { refetchAfterChange } from './refetch.ts';

/** A form's submit handler that keeps the browser from loading a page: the app sends the request. */
export const submitting = (action: () => void) => (event: FormEvent) => {
  event.preventDefault();
  action();
};

type FormModalProps = {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  pending: boolean;
  /** A problem that belongs to no single field, shown above the fields. */
  error?: ReactNode;
  /** Red submit button, for a step that cannot simply be undone (close, decline, delete). */
  danger?: boolean;
  /** For a modal that stays mounted between openings; most are rendered only while open. */
  opened?: boolean;
  centered?: boolean;
  /** Wider dialogs for long forms (Mantine sizes: sm, md, lg, xl). */
  size?: string;
  children: ReactNode;
};

/**
 * A dialog around one form, with Cancel and a submit button. The form checks its fields itself
 * (`noValidate`) so errors read the same in every browser and language.
 */
export function FormModal({
  title,
  onClose,
  onSubmit,
  submitLabel,
  pending,
  error,
  danger = false,
  opened = true,
  centered,
  size,
  children,
}: FormModalProps) {
  const { t } = useTranslation();
  useReturnFocusWhenGone();
  const { container, tried } = useFocusFirstInvalid<HTMLFormElement>();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered={centered}
      size={size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        ref={container}
        noValidate
        onSubmit={submitting(() => {
          tried();
          onSubmit();
        })}
      >
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red.9' : undefined} loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * What a dialog's submit does: the request; then a notice, the `refresh` queries fetched again and the dialog
 * closed. A failure stays in the dialog as `error` (with what was typed); `setError` is for the form's own checks.
 */
export function useDialogAction<Result>(options: {
  request: () => Promise<Result>;
  /** The notice, or how to word it from what the request answered. */
  notice: string | ((result: Result) => string);
  refresh: QueryKey;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: options.request,
    onSuccess: async (result) => {
      notify(typeof options.notice === 'string' ? options.notice : options.notice(result));
      await refetchAfterChange(queryClient, options.refresh);
      options.onDone();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return { run: () => mutation.mutate(), pending: mutation.isPending, error, setError };
}

/** "Are you sure?" before a step that cannot be undone; `error` is a message or a failed request. */
export function ConfirmModal({
  text,
  confirmLabel,
  onConfirm,
  error,
  ...modal
}: {
  title: string;
  text: string;
  confirmLabel: string;
  pending: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
  centered?: boolean;
}) {
  return (
    <FormModal {...modal} onSubmit={onConfirm} submitLabel={confirmLabel} danger>
      <Text>{text}</Text>
      {typeof error === 'string' ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : error ? (
        <ErrorAlert error={error} />
      ) : null}
    </FormModal>
  );
}
