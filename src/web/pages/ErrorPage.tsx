import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../ui/page.tsx';

/**
 * What a person sees when a page fails to render: a plain explanation and a way on, instead of a
 * stack trace. The technical message is kept (small) for a support request.
 */
export function ErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('crash.title'));
  return (
    <Stack gap="md" align="flex-start" p="md" role="alert">
      <Title order={1}>{t('crash.title')}</Title>
      <Text>{t('crash.body')}</Text>
      <Group>
        <Button onClick={reset}>{t('crash.retry')}</Button>
        <Button component="a" href="/" variant="default">
          {t('crash.home')}
        </Button>
      </Group>
      {error instanceof Error && (
        <Text size="xs">
          {t('crash.detail')} <Code>{error.message}</Code>
        </Text>
      )}
    </Stack>
  );
}
