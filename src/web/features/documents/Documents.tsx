import { Anchor, Badge, Button, Checkbox, Group, Input, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api.ts';
import { ConfirmModal, submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { type CaseDocument, documentListSchema, formatSize, uploadDocument } from './documents.api.ts';

type Props = {
  /** `/api/cases/<id>/documents` or `/api/portal/cases/<id>/documents`: list, upload, download below it. */
  basePath: string;
  canUpload: boolean;
  /** HEI staff choose whether the customer sees a file; the customer's own uploads are always shared. */
  shareOption?: boolean;
  canDelete?: boolean;
};

/** The documents of a case: list with download links, upload, and (for HEI staff) delete. */
export function Documents({ basePath, canUpload, shareOption = false, canDelete = false }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const queryKey = ['documents', basePath];
  const list = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get(basePath, documentListSchema, signal),
  });
  const inputId = useId();
  const errorId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [shared, setShared] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CaseDocument | null>(null);

  const upload = useMutation({
    mutationFn: (f: File) => uploadDocument(basePath, f, { sharedWithCustomer: shareOption && shared }),
    onMutate: () => setFileError(null),
    onSuccess: async (doc) => {
      notify(t('documents.uploaded', { name: doc.fileName }));
      setFile(null);
      setShared(false);
      if (fileInput.current) fileInput.current.value = '';
      await refetchAfterChange(queryClient, queryKey);
    },
    onError: (e) => {
      if (isApiError(e, 415)) setFileError(t('documents.unsupportedType'));
      else if (isApiError(e, 413)) setFileError(t('documents.tooLarge'));
      else if (isApiError(e, 400) && e.fieldErrors().file) setFileError(t('documents.chooseFile'));
      else setFileError(errorMessage(e));
    },
  });
  const remove = useMutation({
    mutationFn: (doc: CaseDocument) => api.delete(`${basePath}/${doc.id}`),
    onSuccess: async (_, doc) => {
      notify(t('documents.deleted', { name: doc.fileName }));
      setDeleting(null);
      await refetchAfterChange(queryClient, queryKey);
    },
    onError: (e) => notify(errorMessage(e), 'error'),
  });

  return (
    <Stack gap="sm">
      <QueryView query={list} empty={<Text>{t('documents.empty')}</Text>}>
        {(documents) => (
          <Stack
            gap="xs"
            component="ul"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            data-testid="document-list"
          >
            {documents.map((doc) => (
              <li key={doc.id}>
                <Group gap="xs" wrap="wrap">
                  <Anchor href={`${basePath}/${doc.id}`} download={doc.fileName} fw={600}>
                    {doc.fileName}
                  </Anchor>
                  <Text size="sm">
                    {formatSize(doc.sizeBytes, i18n.language)} · {format.dateTime(doc.uploadedAt)}
                    {doc.uploadedBy ? ` · ${doc.uploadedBy}` : ''}
                  </Text>
                  {doc.fromCustomer && (
                    <Badge variant="light" tt="none" size="sm">
                      {t('documents.fromCustomer')}
                    </Badge>
                  )}
                  {shareOption && !doc.fromCustomer && (
                    <Badge variant="outline" color="gray.8" tt="none" size="sm">
                      {doc.sharedWithCustomer ? t('documents.shared') : t('documents.internal')}
                    </Badge>
                  )}
                  {canDelete && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red.9"
                      c="red.9"
                      onClick={() => setDeleting(doc)}
                      aria-label={t('documents.deleteNamed', { name: doc.fileName })}
                    >
                      {t('documents.delete')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </QueryView>
      {canUpload && (
        <form
          noValidate
          onSubmit={submitting(() => {
            if (!file) setFileError(t('documents.chooseFile'));
            else upload.mutate(file);
          })}
        >
          <Stack gap="xs">
            <Input.Label htmlFor={inputId}>{t('documents.file')}</Input.Label>
            <Input.Description>{t('documents.fileHint')}</Input.Description>
            <input
              ref={fileInput}
              id={inputId}
              type="file"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? errorId : undefined}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setFileError(null);
              }}
              style={{ maxWidth: '100%' }}
            />
            {fileError && <Input.Error id={errorId}>{fileError}</Input.Error>}
            {shareOption && (
              <Checkbox
                label={t('documents.shareWithCustomer')}
                checked={shared}
                onChange={(e) => setShared(e.currentTarget.checked)}
              />
            )}
            <Group>
              <Button type="submit" variant="light" loading={upload.isPending}>
                {t('documents.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {deleting && (
        <ConfirmModal
          title={t('documents.deleteTitle')}
          text={t('documents.deleteConfirm', { name: deleting.fileName })}
          confirmLabel={t('documents.delete')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Stack>
  );
}
