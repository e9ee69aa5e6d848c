import { Anchor, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customerSorts } from '../../../features/customers/customers.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Page, QueryView } from '../../ui/page.tsx';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import { useCustomerAccess } from './access.ts';
import {
  CUSTOMERS_PAGE,
  type CustomerSort,
  type CustomerSummary,
  customersPageQuery,
} from './customers.api.ts';

const route = getRouteApi('/app/customers');

/** The HEI's customer register: the organisations it has had cases with, searched, sorted and paged. */
export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const { q, sort } = route.useSearch();
  const navigate = useNavigate();
  const { membership, canRead } = useCustomerAccess();
  return (
    <Page title={t('customers.title')}>
      <Text maw={760}>{t('customers.intro')}</Text>
      <OrganisationView membership={membership} allowed={canRead}>
        {() => (
          <Stack gap="md">
            <Group align="flex-end" gap="lg">
              <SearchForm
                label={t('customers.search')}
                hint={t('customers.searchHint')}
                button={t('customers.searchButton')}
                searched={q}
                maw={520}
                onSearch={(text) => void navigate({ to: '/customers', search: { q: text, sort } })}
              />
              <Select
                label={t('customers.sort')}
                data={customerSorts.map((value) => ({ value, label: t(`customers.sorts.${value}`) }))}
                value={sort}
                allowDeselect={false}
                onChange={(value) =>
                  void navigate({
                    to: '/customers',
                    search: { q, sort: (value ?? 'recent') as CustomerSort },
                  })
                }
                w={240}
              />
            </Group>
            <CustomerList />
            <AnchorLink to="/framework-agreements" size="sm">
              {t('frameworks.all')}
            </AnchorLink>
            <Anchor
              href={`/api/customers/export?lang=${i18n.language === 'en' ? 'en' : 'sv'}`}
              download
              size="sm"
            >
              {t('customers.export')}
            </Anchor>
          </Stack>
        )}
      </OrganisationView>
    </Page>
  );
}

/** The customers found, a page at a time (the page, search and order are in the address, so back works). */
function CustomerList() {
  const { t } = useTranslation();
  const { q, sort, page = 1 } = route.useSearch();
  const navigate = useNavigate();
  const list = useQuery({ ...customersPageQuery(q, sort, page), placeholderData: (previous) => previous });
  const toPage = (next: number) =>
    void navigate({ to: '/customers', search: { q, sort, page: next > 1 ? next : undefined } });
  const { pages, pastTheEnd } = usePagesInRange(list, page, CUSTOMERS_PAGE, toPage);
  if (pastTheEnd) return null;
  return (
    <QueryView query={list}>
      {(data) =>
        data.total === 0 ? (
          <Text>{q ? t('customers.noneFound', { q }) : t('customers.none')}</Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm" aria-live="polite">
              {t('customers.count', { count: data.total })}
            </Text>
            <CustomerTable customers={data.items} />
            <Pager page={page} pages={pages} onPage={toPage} />
          </Stack>
        )
      }
    </QueryView>
  );
}

function CustomerTable({ customers }: { customers: CustomerSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      minWidth={760}
      striped
      verticalSpacing="sm"
      data-testid="customers-table"
      columns={[
        t('customers.customer'),
        t('customers.orgNumber'),
        t('customers.county'),
        t('customers.cases'),
        t('customers.wonLost'),
        t('customers.signedValue'),
        t('customers.lastCase'),
      ]}
    >
      {customers.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Th scope="row">
            <AnchorLink to="/customers/$customerId" params={{ customerId: c.id }} fw={600}>
              {c.name}
            </AnchorLink>
          </Table.Th>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.orgNumber}</Table.Td>
          <Table.Td>{c.county ?? '–'}</Table.Td>
          <Table.Td>{t('customers.casesOpen', { count: c.cases, open: c.openCases })}</Table.Td>
          <Table.Td>{t('customers.wonLostValue', { won: c.won, lost: c.lost })}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.kronor(c.signedValueOre)}</Table.Td>
          <Table.Td>{format.date(c.lastCaseOpenedAt)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
