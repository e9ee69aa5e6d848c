import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { SkipLink } from './SkipLink.tsx';

/** Layout for pages without a signed-in user: sign-in, invitation links, not found. */
export function PublicFrame({ children, size = 460 }: { children: ReactNode; size?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group h={60} px="md" justify="space-between">
          <Group gap="sm">
            <Text component="span" fw={800} size="xl" c="blue.9">
              {t('app.name')}
            </Text>
            <Text component="span" size="sm" c="dimmed" visibleFrom="xs">
              {t('app.tagline')}
            </Text>
          </Group>
          <LanguageSwitcher />
        </Group>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size={size} py="xl" px="md">
        {children}
      </Container>
    </Box>
  );
}
