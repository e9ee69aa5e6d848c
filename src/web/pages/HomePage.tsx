import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MyWork } from '../features/overview/MyWork.tsx';
import { CustomerToDo } from '../features/portal/CustomerToDo.tsx';
import { activeMembershipOf, useMe } from '../session.ts';
import { homeAreaItems, isCustomerContact, isHeiMembership } from '../shell/navigation.ts';
import { AnchorLink, ButtonLink } from '../ui/links.tsx';
import { Page } from '../ui/page.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const active = activeMembershipOf(me);
  if (!me) return null;
  const others = me.memberships.filter((m) => m.id !== active?.id);

  return (
    <Page title={t('home.greeting', { name: me.user.name })}>
      <Text>{t('home.intro')}</Text>
      {active ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="home-organisation">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('home.activeOrganisation')}
            </Text>
            <Title order={2} size="h3" id="home-organisation" data-testid="home-organisation">
              {active.tenant.name}
            </Title>
            <Text size="sm">{t(`tenantKind.${active.tenant.kind}`)}</Text>
            <Title order={3} size="h5" mt="sm">
              {t('home.yourRoles')}
            </Title>
            <Group gap="xs">
              {active.roles.map((role) => (
                <Badge key={role} variant="light" size="lg" tt="none">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
            {others.length > 0 && (
              <>
                <Title order={3} size="h5" mt="sm">
                  {t('home.otherMemberships')}
                </Title>
                <List>
                  {others.map((m) => (
                    <List.Item key={m.id}>
                      {m.tenant.name} ({m.roles.map((r) => t(`roles.${r}`)).join(', ')})
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Card>
      ) : (
        <Card withBorder padding="lg">
          <Text>{t('home.noMembership')}</Text>
        </Card>
      )}

      {active && isHeiMembership(active) && <MyWork membershipId={active.id} />}

      {isCustomerContact(active) && <CustomerToDo />}

      {isCustomerContact(active) ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="home-portal">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h3" id="home-portal">
              {t('portal.title')}
            </Title>
            <Text>{t('portal.homeIntro')}</Text>
            <ButtonLink to="/portal">{t('portal.open')}</ButtonLink>
          </Stack>
        </Card>
      ) : (
        <section aria-labelledby="home-areas">
          <Title order={2} size="h3" id="home-areas" mb="sm">
            {t('home.areasTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {homeAreaItems(active)
              .filter((item) => item.to !== '/')
              .map((item) => (
                <Card key={item.to} withBorder padding="md">
                  <AnchorLink to={item.to} fw={700}>
                    {t(`areas.${item.label as Exclude<typeof item.label, 'home'>}.title`)}
                  </AnchorLink>
                  <Text size="sm" mt={4}>
                    {t(`areas.${item.label as Exclude<typeof item.label, 'home'>}.description`)}
                  </Text>
                </Card>
              ))}
          </SimpleGrid>
        </section>
      )}
    </Page>
  );
}
