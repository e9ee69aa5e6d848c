import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../features/tenancy/tenancy.contract.ts';
import { useSignOut } from '../session.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={t('shell.userMenu', { name: me.user.name })}
          style={{ borderRadius: '50%' }}
        >
          <Avatar color="blue" variant="filled" radius="xl" size={36}>
            {initials(me.user.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.signedInAs')}</Menu.Label>
        <Text px="sm" size="sm" fw={600}>
          {me.user.name}
        </Text>
        <Text px="sm" pb="xs" size="sm" c="dimmed">
          {me.user.email}
        </Text>
        <Menu.Divider />
        <Menu.Item
          onClick={() =>
            signOut.mutate(undefined, {
              onSettled: () => void navigate({ to: '/sign-in', search: {} }),
            })
          }
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
