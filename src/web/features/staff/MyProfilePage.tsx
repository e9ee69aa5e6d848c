import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { Page, QueryView, Section } from '../../ui/page.tsx';
import { TeachingCalendar } from '../delivery/TeachingCalendar.tsx';
import { MeritSection } from './MeritSection.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { staffAccess, staffProfileQuery } from './staff.api.ts';

/** "Min profil": the signed-in person's staff profile at the active HEI, their teaching calendar and merit record. */
export function MyProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = activeOrganisationOf(me);
  const { hei } = staffAccess(membership);
  const heiId = membership?.tenant.id ?? '';
  const userId = me?.user.id ?? '';
  const profile = useQuery({ ...staffProfileQuery(heiId, userId), enabled: hei && !!userId });
  return (
    <Page title={t('staff.myProfile.title')}>
      {!hei || !membership ? (
        <Alert color="gray">{t('staff.myProfile.notHei')}</Alert>
      ) : (
        <Stack gap="lg">
          <Text maw={760}>{t('staff.myProfile.intro', { organisation: membership.tenant.name })}</Text>
          <Section id="my-profile" title={t('staff.myProfile.profile')}>
            <QueryView query={profile}>{(p) => <ProfileForm key={p.userId} profile={p} self />}</QueryView>
          </Section>
          <Section id="my-teaching-calendar" title={t('delivery.teachingCalendar.title')}>
            <TeachingCalendar />
          </Section>
          <MeritSection heiId={heiId} userId={userId} />
        </Stack>
      )}
    </Page>
  );
}
