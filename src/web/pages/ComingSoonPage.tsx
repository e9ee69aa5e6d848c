import { Alert, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { sv } from '../i18n/sv.ts';
import { AnchorLink } from '../ui/links.tsx';
import { Page } from '../ui/page.tsx';

export type AreaKey = keyof typeof sv.areas;

/** An area of Lupp that is planned but not built: says so plainly, and what it will hold. */
export function ComingSoonPage({ area }: { area: AreaKey }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`areas.${area}.title`)}>
      <Group>
        <Badge variant="outline" color="gray.8" size="lg" tt="none">
          {t('comingSoon.badge')}
        </Badge>
      </Group>
      <Alert color="blue" title={t('comingSoon.title')} maw={720}>
        <Text>{t('comingSoon.body')}</Text>
        <Text mt="xs" fw={600}>
          {t(`areas.${area}.description`)}
        </Text>
      </Alert>
      <AnchorLink to="/">{t('comingSoon.back')}</AnchorLink>
    </Page>
  );
}
