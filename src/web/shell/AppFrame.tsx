import { AppShell, Burger, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useLocation } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../features/tenancy/tenancy.contract.ts';
import { activeMembershipOf, useMe } from '../session.ts';
import { NavItemLink } from '../ui/links.tsx';
import { useKeepLinkedPartInView } from '../ui/scroll-to-hash.ts';
import { HeaderSearch } from './HeaderSearch.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationsBell } from './NotificationsBell.tsx';
import { administrationItems, isCustomerContact, menuItems } from './navigation.ts';
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx';
import { SkipLink } from './SkipLink.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in layout: header (product, organisation, language, user), main menu, content. */
export function AppFrame({ children }: { children: ReactNode }) {
  const me = useMe();
  if (!me) return null;
  return <SignedInFrame me={me}>{children}</SignedInFrame>;
}

function SignedInFrame({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  useKeepLinkedPartInView();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useLocation({ select: (l) => l.pathname });
  const active = activeMembershipOf(me);
  const administration = administrationItems(active);
  // Below the `sm` breakpoint (48em) the menu slides out of view when closed; hide it from the
  // keyboard and screen readers too, not only from the eye.
  const phone = useMediaQuery('(max-width: 47.99em)');
  const menuHidden = phone && !opened;

  // On a phone the menu covers the page: close it once the user has picked a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to navigation only
  useEffect(() => close(), [pathname]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="main-menu"
            />
            <Text component="span" fw={800} size="xl" c="blue.9">
              {t('app.name')}
            </Text>
            <Group visibleFrom="sm" style={{ minWidth: 0 }}>
              <OrganisationSwitcher me={me} />
            </Group>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {!isCustomerContact(active) && <HeaderSearch />}
            <NotificationsBell />
            <LanguageSwitcher />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="main-menu"
        p="xs"
        component="nav"
        aria-label={t('nav.label')}
        style={menuHidden ? { visibility: 'hidden' } : undefined}
      >
        <Stack hiddenFrom="sm" gap={4} p="xs" pb="sm">
          <Text size="xs" c="dimmed">
            {t('shell.activeOrganisation')}
          </Text>
          <OrganisationSwitcher me={me} />
        </Stack>
        <AppShell.Section grow component={ScrollArea}>
          {menuItems(active).map((item) => (
            <NavItemLink
              key={item.to}
              to={item.to}
              label={t(`nav.${item.label}`)}
              activeOptions={{ exact: 'exact' in item }}
              active={'exact' in item ? pathname === item.to : pathname.startsWith(item.to)}
            />
          ))}
          {administration.length > 0 && (
            <div>
              <Text
                id="nav-administration"
                size="xs"
                fw={700}
                c="dimmed"
                tt="uppercase"
                px="sm"
                mt="md"
                mb={4}
              >
                {t('nav.administration')}
              </Text>
              {administration.map((item) => (
                <NavItemLink
                  key={item.to}
                  to={item.to}
                  label={t(`nav.${item.label}`)}
                  active={pathname.startsWith(item.to)}
                />
              ))}
            </div>
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
