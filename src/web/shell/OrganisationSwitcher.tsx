import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../features/tenancy/tenancy.contract.ts';
import { activeMembershipOf, useSwitchMembership } from '../session.ts';
import { notify } from '../ui/notify.ts';

/** Shows the active organisation; a menu to switch when the user is a member of several. */
export function OrganisationSwitcher({ me }: { me: Me }) {
  const { t } = useTranslation();
  const active = activeMembershipOf(me);
  const switchMembership = useSwitchMembership();
  const name = active?.tenant.name ?? t('shell.noOrganisation');

  if (me.memberships.length < 2) {
    return (
      <Text fw={600} size="sm" truncate="end" data-testid="active-organisation">
        <VisuallyHidden>{t('shell.activeOrganisation')}: </VisuallyHidden>
        {name}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="compact-md"
          loading={switchMembership.isPending}
          data-testid="active-organisation"
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          maw={320}
        >
          <VisuallyHidden>
            {t('shell.switchOrganisation')}, {t('shell.activeOrganisation').toLowerCase()}:{' '}
          </VisuallyHidden>
          {name}
          <span aria-hidden="true">&nbsp;▾</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.switchOrganisation')}</Menu.Label>
        {me.memberships.map((m) => (
          <Menu.Item
            key={m.id}
            aria-current={m.id === active?.id ? 'true' : undefined}
            fw={m.id === active?.id ? 700 : undefined}
            onClick={() => {
              if (m.id === active?.id) return;
              switchMembership.mutate(m.id, {
                onSuccess: () => notify(t('shell.switched', { name: m.tenant.name })),
                onError: () => notify(t('shell.switchFailed'), 'error'),
              });
            }}
          >
            {m.tenant.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
