import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Page, QueryView } from '../../ui/page.tsx';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { useAnalysisAccess } from '../analyses/access.ts';
import { analysesPageQuery } from '../analyses/analyses.api.ts';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { casesQuery } from '../cases/cases.api.ts';
import { useCatalogAccess } from '../catalog/access.ts';
import { coursesQuery } from '../catalog/catalog.api.ts';
import { useCustomerAccess } from '../customers/access.ts';
import { customersPageQuery } from '../customers/customers.api.ts';
import { useInquiryAccess } from '../inquiries/InquiriesPage.tsx';
import { inquirySearchQuery } from '../inquiries/inquiries.api.ts';

const route = getRouteApi('/app/search');

/** How many hits of each kind the search shows; the rest are a link away, in that list with the same search. */
const SHOWN = 5;

/**
 * One search across what the person may read at the active HEI — cases, customers, inquiries, needs analyses and
 * the consortium's courses — each kind asked of its own list (so each keeps its own rules of access), the first
 * hits of each shown with a way to all of them.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const { q } = route.useSearch();
  const navigate = useNavigate();
  return (
    <Page title={t('search.title')}>
      <SearchForm
        label={t('search.label')}
        hint={t('search.hint')}
        button={t('search.button')}
        searched={q}
        maw={640}
        onSearch={(text) => void navigate({ to: '/search', search: { q: text } })}
      />
      {q ? <Results q={q} /> : <Text>{t('search.empty')}</Text>}
    </Page>
  );
}

function Results({ q }: { q: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cases = useCaseAccess().canRead;
  const customers = useCustomerAccess().canRead;
  const inquiries = useInquiryAccess().canRead;
  const analyses = useAnalysisAccess().canRead;
  const courses = useCatalogAccess().canBrowse;
  const caseHits = useQuery({ ...casesQuery({ q, pageSize: SHOWN }), enabled: cases });
  const customerHits = useQuery({ ...customersPageQuery(q, 'recent', 1), enabled: customers });
  const allInquiries = useQuery({ ...inquirySearchQuery(q), enabled: inquiries });
  const analysisHits = useQuery({ ...analysesPageQuery(q, 1), enabled: analyses });
  const courseHits = useQuery({ ...coursesQuery({ q }), enabled: courses });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="search-results">
      {cases && (
        <Group
          id="search-cases"
          title={t('search.cases')}
          query={caseHits}
          total={(d) => d.total}
          more={
            <AnchorLink to="/cases" search={{ q }}>
              {t('search.all')}
            </AnchorLink>
          }
        >
          {(d) =>
            d.items.slice(0, SHOWN).map((c) => (
              <List.Item key={c.id}>
                <AnchorLink to="/cases/$caseId" params={{ caseId: c.id }}>
                  {c.title}
                </AnchorLink>{' '}
                · {c.customer.name} · {c.reference}
              </List.Item>
            ))
          }
        </Group>
      )}
      {customers && (
        <Group
          id="search-customers"
          title={t('search.customers')}
          query={customerHits}
          total={(d) => d.total}
          more={
            <AnchorLink to="/customers" search={{ q }}>
              {t('search.all')}
            </AnchorLink>
          }
        >
          {(d) =>
            d.items.slice(0, SHOWN).map((c) => (
              <List.Item key={c.id}>
                <AnchorLink to="/customers/$customerId" params={{ customerId: c.id }}>
                  {c.name}
                </AnchorLink>{' '}
                · {c.orgNumber}
              </List.Item>
            ))
          }
        </Group>
      )}
      {inquiries && (
        <Group
          id="search-inquiries"
          title={t('search.inquiries')}
          query={allInquiries}
          total={(d) => d.total}
          more={
            <AnchorLink to="/inquiries" search={{ q, view: 'inbox' }}>
              {t('search.all')}
            </AnchorLink>
          }
        >
          {(d) =>
            d.items.slice(0, SHOWN).map((i) => (
              <List.Item key={i.id}>
                <AnchorLink to="/inquiries/$inquiryId" params={{ inquiryId: i.id }}>
                  {i.organisationName}
                </AnchorLink>{' '}
                · {i.reference} · {format.date(i.createdAt)}
              </List.Item>
            ))
          }
        </Group>
      )}
      {analyses && (
        <Group
          id="search-analyses"
          title={t('search.analyses')}
          query={analysisHits}
          total={(d) => d.total}
          more={
            <AnchorLink to="/needs" search={{ q }}>
              {t('search.all')}
            </AnchorLink>
          }
        >
          {(d) =>
            d.items.slice(0, SHOWN).map((a) => (
              <List.Item key={a.id}>
                <AnchorLink to="/needs/$analysisId" params={{ analysisId: a.id }}>
                  {a.title}
                </AnchorLink>{' '}
                · {a.customer.name}
              </List.Item>
            ))
          }
        </Group>
      )}
      {courses && (
        <Group
          id="search-courses"
          title={t('search.courses')}
          query={courseHits}
          total={(d) => d.total}
          more={
            <AnchorLink to="/courses" search={{ q }}>
              {t('search.all')}
            </AnchorLink>
          }
        >
          {(d) =>
            d.courses.slice(0, SHOWN).map((c) => (
              <List.Item key={c.id}>
                <AnchorLink
                  to="/courses/$courseId"
                  params={{ courseId: c.id }}
                  lang={format.pickedLanguage(c.title)}
                >
                  {format.pick(c.title)}
                </AnchorLink>{' '}
                · {c.hei.name}
              </List.Item>
            ))
          }
        </Group>
      )}
    </SimpleGrid>
  );
}

/** One kind of hit: its heading with how many, the first few, and the way to all of them in their list. */
function Group<T>({
  id,
  title,
  query,
  total,
  more,
  children,
}: {
  id: string;
  title: string;
  query: UseQueryResult<T>;
  total: (data: T) => number;
  more: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
        {query.data !== undefined && ` (${total(query.data)})`}
      </Title>
      <QueryView query={query}>
        {(data) =>
          total(data) === 0 ? (
            <Text size="sm">{t('search.none')}</Text>
          ) : (
            <Stack gap="xs">
              <List size="sm" spacing={4}>
                {children(data)}
              </List>
              {total(data) > SHOWN && <Text size="sm">{more}</Text>}
            </Stack>
          )
        }
      </QueryView>
    </Card>
  );
}
