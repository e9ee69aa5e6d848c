import { Alert, Badge, Card, Group, Loader, Stack, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isNoSuchRecord } from '../api.ts';
import { useFormat } from './format.ts';

/** Sets the browser tab's title to "<page> – Lupp". */
export function useDocumentTitle(page: string | null) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = page ? t('app.pageTitle', { page }) : t('app.name');
  }, [page, t]);
}

/** A page inside the app: one h1 (also the tab title), then the content. */
/** A page: its heading (`titleLang` when the title is data in another language than the page) and content. */
export function Page({
  title,
  titleLang,
  children,
}: {
  title: string;
  titleLang?: string;
  children: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} lang={titleLang}>
        {title}
      </Title>
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
  const editConflict = useEditConflictMessage();
  return (error: unknown): string => {
    if (!isApiError(error)) return t('errors.generic');
    if (error.code === 'edit_conflict') return editConflict(error);
    if (error.status === 0) return t('errors.network');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status >= 500)
      return `${t('errors.generic')} ${error.requestId ? t('errors.withRequestId', { requestId: error.requestId }) : ''}`.trim();
    return error.detail ?? t('errors.generic');
  };
}

/**
 * A save refused because someone else saved in between (edit_conflict), in the reader's words: who and when, in
 * their language and time zone, when the API says (the API's own detail is English, with a UTC timestamp).
 */
function useEditConflictMessage() {
  const { t } = useTranslation();
  const format = useFormat();
  return (error: unknown): string =>
    isApiError(error) && error.changedBy && error.changedAt
      ? t('errors.editConflictBy', { name: error.changedBy, when: format.dateTime(error.changedAt) })
      : t('errors.editConflictSomeone');
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

/** Why the user sees no data: the orange "no access" alert with the page's own words. */
export function Forbidden({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('access.forbiddenTitle')}>
      {children}
    </Alert>
  );
}

/**
 * One query's data, or what stands in for it: loading, or the error.
 * `forbidden` shows when the user may not see the data: known beforehand (`allowed` false; the query is
 * then disabled and would stay pending for ever) or answered 403. `notFound` shows for a 404, `empty`
 * for a list without entries.
 */
export function QueryView<T>({
  query,
  allowed = true,
  forbidden,
  notFound,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  allowed?: boolean;
  forbidden?: ReactNode;
  notFound?: ReactNode;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (!allowed || (forbidden && isApiError(query.error, 403))) return forbidden;
  if (query.isPending) return <Loading />;
  if (notFound && isNoSuchRecord(query.error)) return notFound;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (empty && Array.isArray(query.data) && query.data.length === 0) return empty;
  return children(query.data);
}

/** The top line of a record's page: its reference, where it stands, then `children` (more badges, who, when). */
export function RecordHeader({
  reference,
  status,
  statusTestId,
  children,
}: {
  reference: string;
  status: string;
  statusTestId: string;
  children: ReactNode;
}) {
  return (
    <Group gap="xs">
      <Badge size="lg" variant="light" tt="none">
        {reference}
      </Badge>
      <Badge size="lg" variant="outline" tt="none" data-testid={statusTestId}>
        {status}
      </Badge>
      {children}
    </Group>
  );
}

/** A titled part of a detail page; the heading names the region for screen readers. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
