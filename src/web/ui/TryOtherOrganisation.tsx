import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe, useSwitchMembership } from '../session.ts';

/**
 * Beside "not found" on a record's page, for someone in more than one organisation: a link (an e-mail's, a
 * colleague's) may be to a record of another of theirs, which Lupp shows only while that one is active. Switching
 * loads the page again as that organisation.
 */
export function TryOtherOrganisation() {
  const { t } = useTranslation();
  const me = useMe();
  const switchMembership = useSwitchMembership();
  const others =
    me?.memberships.filter((m) => m.id !== me.activeMembershipId && m.scope === 'organisation') ?? [];
  if (!others.length) return null;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('access.tryOther')}</Text>
      <Group gap="xs">
        {others.map((m) => (
          <Button
            key={m.id}
            size="compact-sm"
            variant="light"
            loading={switchMembership.isPending && switchMembership.variables === m.id}
            onClick={() => switchMembership.mutate(m.id)}
          >
            {t('access.switchTo', { organisation: m.tenant.name })}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
