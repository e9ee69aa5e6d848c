import { Alert, Loader, Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.ts';

/** Sets the browser tab's title to "<page> – Lupp". */
export function useDocumentTitle(page: string | null) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = page ? t('app.pageTitle', { page }) : t('app.name');
  }, [page, t]);
}

/** A page inside the app: one h1 (also the tab title), then the content. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{title}</Title>
      {children}
    </Stack>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" role="status" aria-live="polite">
      <Loader aria-hidden size="sm" />
      <span>{t('app.loading')}</span>
    </Stack>
  );
}

/** The text to show for a failed request. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!isApiError(error)) return t('errors.generic');
    if (error.status === 0) return t('errors.network');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status >= 500)
      return `${t('errors.generic')} ${error.requestId ? t('errors.withRequestId', { requestId: error.requestId }) : ''}`.trim();
    return error.detail ?? t('errors.generic');
  };
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" title={title ?? t('common.error')} role="alert">
      {message(error)}
    </Alert>
  );
}
