import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links.tsx';
import { Page, QueryView } from '../../ui/page.tsx';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import { useCustomerAccess } from '../customers/access.ts';
import { FrameworkTable } from './Frameworks.tsx';
import { frameworksQuery } from './frameworks.api.ts';

/** All of the HEI's framework agreements, with every customer: which run, which end soon, what is called off. */
export function FrameworksPage() {
  const { t } = useTranslation();
  const { membership, canRead } = useCustomerAccess();
  const frameworks = useQuery({ ...frameworksQuery, enabled: canRead });
  return (
    <Page title={t('frameworks.allTitle')}>
      <OrganisationView membership={membership} allowed={canRead}>
        {() => (
          <Stack gap="md">
            <Text maw={760}>{t('frameworks.allIntro')}</Text>
            <QueryView query={frameworks}>
              {(list) =>
                list.length === 0 ? (
                  <Text>{t('frameworks.noneAtAll')}</Text>
                ) : (
                  <FrameworkTable frameworks={list} withCustomer testId="frameworks-table" />
                )
              }
            </QueryView>
            <AnchorLink to="/customers" search={{}}>
              {t('customers.back')}
            </AnchorLink>
          </Stack>
        )}
      </OrganisationView>
    </Page>
  );
}
