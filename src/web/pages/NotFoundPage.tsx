import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../session.ts';
import { AppFrame } from '../shell/AppFrame.tsx';
import { PublicFrame } from '../shell/PublicFrame.tsx';
import { ButtonLink } from '../ui/links.tsx';
import { Loading, useDocumentTitle } from '../ui/page.tsx';

/** Any address the app does not know: inside the shell when signed in, else on its own. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  const { data: me, isPending } = useQuery(meQuery);
  const content = (
    <Stack gap="md" align="flex-start">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
    </Stack>
  );
  if (isPending) return <Loading />;
  return me ? <AppFrame>{content}</AppFrame> : <PublicFrame>{content}</PublicFrame>;
}
