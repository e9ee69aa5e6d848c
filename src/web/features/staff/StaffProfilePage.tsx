import { Alert, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Forbidden, Page, QueryView, Section } from '../../ui/page.tsx';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import { CommitmentsSection } from './Commitments.tsx';
import { MeritSection } from './MeritSection.tsx';
import { ProfileForm, ProfileSummary } from './ProfileForm.tsx';
import { staffAccess, staffProfileQuery } from './staff.api.ts';

const route = getRouteApi('/app/staff/$userId');

/**
 * One staff member's profile, for the HEI's coordinators, managers and admins: read, or changed by an admin
 * (logged); with the merit record for admins and managers (and the person).
 */
export function StaffProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = activeOrganisationOf(me);
  const { userId } = route.useParams();
  const self = me?.user.id === userId;
  const { hei } = staffAccess(membership);
  const profile = useQuery({ ...staffProfileQuery(membership?.tenant.id ?? '', userId), enabled: hei });
  return (
    <Page title={profile.data?.name ?? t('staff.person.title')}>
      <OrganisationView membership={membership} allowed={hei}>
        {({ tenant }) => (
          <QueryView
            query={profile}
            forbidden={<Forbidden>{t('staff.person.forbidden')}</Forbidden>}
            notFound={<Alert color="gray">{t('staff.person.notFound')}</Alert>}
          >
            {(p) => (
              <Stack gap="lg">
                <Group gap="md">
                  <AnchorLink to="/staff" search={{}}>
                    {t('staff.person.back')}
                  </AnchorLink>
                  {self && <AnchorLink to="/profile">{t('staff.person.own')}</AnchorLink>}
                </Group>
                <Text>{p.email}</Text>
                <Section id="staff-profile" title={t('staff.person.profile')}>
                  {p.canEdit ? (
                    <ProfileForm key={p.userId} profile={p} self={self} />
                  ) : (
                    <ProfileSummary profile={p} />
                  )}
                </Section>
                <CommitmentsSection profile={p} />
                {p.canSeeMerits && <MeritSection heiId={tenant.id} userId={p.userId} />}
              </Stack>
            )}
          </QueryView>
        )}
      </OrganisationView>
    </Page>
  );
}
