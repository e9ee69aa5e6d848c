import { Alert, Badge, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { InquiryList, InquirySummary } from '../../../features/inquiries/inquiries.contract.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Forbidden, Page, QueryView } from '../../ui/page.tsx';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { INQUIRIES_PAGE, type InquiryView, inquiriesQuery, inquiryViews } from './inquiries.api.ts';

const route = getRouteApi('/app/inquiries');

/** Who may work with inquiries; everyone else is told so instead of meeting an error. */
export function useInquiryAccess() {
  const membership = activeOrganisationOf(useMe());
  const isHei = membership?.tenant.kind === 'hei';
  return {
    membership,
    canRead: isHei && hasRole(membership, 'coordinator', 'manager', 'admin'),
    canAct: isHei && hasRole(membership, 'coordinator'),
  };
}

export function InquiriesPage() {
  const { t } = useTranslation();
  const { view, q } = route.useSearch();
  const navigate = useNavigate();
  const { canRead } = useInquiryAccess();

  return (
    <Page title={t('inquiries.title')}>
      {!canRead ? (
        <Forbidden>{t('inquiries.noAccess')}</Forbidden>
      ) : (
        <>
          <Text>{t('inquiries.intro')}</Text>
          <SearchForm
            label={t('inquiries.search')}
            hint={t('inquiries.searchHint')}
            button={t('inquiries.searchButton')}
            searched={q}
            maw={640}
            onSearch={(text) => void navigate({ to: '/inquiries', search: { view, q: text } })}
          />
          <Tabs
            value={view}
            onChange={(next) =>
              next && void navigate({ to: '/inquiries', search: { view: next as InquiryView, q } })
            }
            keepMounted={false}
          >
            <Tabs.List aria-label={t('inquiries.tabsLabel')}>
              {inquiryViews.map((v) => (
                <Tabs.Tab key={v} value={v}>
                  {t(`inquiries.tabs.${v}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {inquiryViews.map((v) => (
              <Tabs.Panel key={v} value={v} pt="md">
                <InquiryListView view={v} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </>
      )}
    </Page>
  );
}

/** One view's inquiries, a page at a time (the page and the search are in the address, so back works). */
function InquiryListView({ view }: { view: InquiryView }) {
  const { t } = useTranslation();
  const { q, page = 1 } = route.useSearch();
  const navigate = useNavigate();
  const list = useQuery({ ...inquiriesQuery(view, q, page), placeholderData: (previous) => previous });
  const toPage = (next: number) =>
    void navigate({ to: '/inquiries', search: { view, q, page: next > 1 ? next : undefined } });
  // inquiries claimed or referred away can empty the last page
  const { pages, pastTheEnd } = usePagesInRange(list, page, INQUIRIES_PAGE, toPage);
  if (pastTheEnd) return null;
  return (
    <QueryView query={list} forbidden={<Forbidden>{t('inquiries.noAccess')}</Forbidden>}>
      {(data) =>
        data.total === 0 ? (
          <Text>{q ? t('inquiries.noneFound', { q }) : t('inquiries.empty')}</Text>
        ) : (
          <Stack gap="sm">
            <InquiryTable view={view} data={data} />
            <Pager page={page} pages={pages} onPage={toPage} />
          </Stack>
        )
      }
    </QueryView>
  );
}

function InquiryTable({ view, data }: { view: InquiryView; data: InquiryList }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The API sorts overdue first; keep that order even if it changes.
  const rows = [...data.items].sort((a, b) => Number(b.overdue) - Number(a.overdue));

  return (
    <>
      {data.overdue > 0 && (
        <Alert color="red" variant="light" mb="sm">
          {t('inquiries.overdueCount', { count: data.overdue })}
        </Alert>
      )}
      <DataTable
        minWidth={860}
        verticalSpacing="sm"
        data-testid={`inquiries-${view}`}
        columns={[
          t('inquiries.organisation'),
          t('inquiries.reference'),
          t('inquiries.due'),
          t('inquiries.status'),
          t('inquiries.subjectArea'),
          t('inquiries.county'),
          t('inquiries.participants'),
          t('inquiries.proposed'),
          t('inquiries.flags'),
        ]}
      >
        {rows.map((inquiry) => (
          <InquiryRow key={inquiry.id} inquiry={inquiry} format={format} />
        ))}
      </DataTable>
    </>
  );
}

function InquiryRow({ inquiry, format }: { inquiry: InquirySummary; format: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  return (
    <Table.Tr bg={inquiry.overdue ? 'red.0' : undefined}>
      <Table.Th scope="row">
        <AnchorLink to="/inquiries/$inquiryId" params={{ inquiryId: inquiry.id }} fw={600}>
          {inquiry.organisationName}
        </AnchorLink>
      </Table.Th>
      <Table.Td>{inquiry.reference}</Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <span>{format.lastDay(inquiry.dueAt)}</span>
          {inquiry.overdue && (
            <Badge color="red.9" variant="filled" tt="none">
              {t('labels.overdue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{t(`labels.inquiryStatus.${inquiry.status}`)}</Table.Td>
      <Table.Td>{format.subjectArea(inquiry.subjectArea) ?? t('inquiries.notStated')}</Table.Td>
      <Table.Td>{inquiry.county}</Table.Td>
      <Table.Td>{inquiry.participants}</Table.Td>
      <Table.Td>{inquiry.proposedHei?.name ?? '–'}</Table.Td>
      <Table.Td>
        {inquiry.openFlags > 0 ? (
          <Badge color="orange" variant="light" tt="none">
            {t('inquiries.openFlags', { count: inquiry.openFlags })}
          </Badge>
        ) : (
          '–'
        )}
      </Table.Td>
    </Table.Tr>
  );
}
