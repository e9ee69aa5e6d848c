import { Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { courseListSchema } from '../../../features/catalog/catalog.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Forbidden, Page, QueryView } from '../../ui/page.tsx';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { myConsortiumQuery } from '../inquiries/inquiries.api.ts';
import { useCatalogAccess } from './access.ts';
import { CourseKindSelects } from './CourseKindSelects.tsx';
import { COURSES_PAGE, type CourseFilters, coursesQuery } from './catalog.api.ts';

type CourseList = z.infer<typeof courseListSchema>;

const route = getRouteApi('/app/courses');

/** Search every catalogue of the consortium: free text in Swedish or English, and filters. */
export function CatalogPage() {
  const { t } = useTranslation();
  const { canBrowse: canRead, canWrite } = useCatalogAccess();
  const { page = 1, ...filters } = route.useSearch();
  const navigate = useNavigate();
  const courses = useQuery({
    ...coursesQuery(filters, (page - 1) * COURSES_PAGE),
    enabled: canRead,
    placeholderData: (p) => p,
  });
  const toPage = (next: number) =>
    void navigate({ to: '/courses', search: { ...filters, page: next > 1 ? next : undefined } });
  // a search or a filter starts on the first page
  const set = (changes: Partial<CourseFilters>) =>
    void navigate({ to: '/courses', search: { ...filters, ...changes, page: undefined } });
  // an address past the last page (a bookmark, courses removed since) shows the last page there is
  const { pages, pastTheEnd } = usePagesInRange(courses, page, COURSES_PAGE, toPage);
  const heis = useQuery({ ...myConsortiumQuery, enabled: canRead }).data?.heis ?? [];

  return (
    <Page title={t('catalog.title')}>
      <Text maw={760}>{t('catalog.intro')}</Text>
      {!canRead ? (
        <Forbidden>{t('catalog.noAccess')}</Forbidden>
      ) : (
        <Stack gap="md">
          {canWrite && (
            <Group>
              <ButtonLink to="/courses/import" variant="light">
                {t('catalog.importButton')}
              </ButtonLink>
              <ButtonLink to="/courses/tags" variant="light">
                {t('catalog.review.button')}
              </ButtonLink>
            </Group>
          )}
          <Paper withBorder p="md">
            <Stack gap="sm">
              <SearchForm
                label={t('catalog.search')}
                hint={t('catalog.searchHint')}
                button={t('catalog.searchButton')}
                searched={filters.q}
                onSearch={(q) => set({ q })}
              />
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
                <NativeSelect
                  label={t('catalog.hei')}
                  value={filters.hei ?? ''}
                  onChange={(e) => set({ hei: e.currentTarget.value || undefined })}
                >
                  <option value="">{t('catalog.anyHei')}</option>
                  {heis.map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.name}
                    </option>
                  ))}
                </NativeSelect>
                <CourseKindSelects value={filters} onChange={set} />
              </SimpleGrid>
            </Stack>
          </Paper>
          {!pastTheEnd && (
            <QueryView query={courses}>
              {(data) => <CourseTable data={data} page={page} pages={pages} onPage={toPage} />}
            </QueryView>
          )}
        </Stack>
      )}
    </Page>
  );
}

function CourseTable({
  data,
  page,
  pages,
  onPage,
}: {
  data: CourseList;
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs">
      <Text fw={600} role="status" data-testid="course-total">
        {t('catalog.total', { count: data.total })}
      </Text>
      {data.courses.length === 0 ? (
        <Text>{t('catalog.empty')}</Text>
      ) : (
        <DataTable
          minWidth={760}
          striped
          data-testid="courses-table"
          columns={[
            t('catalog.courseTitle'),
            t('catalog.hei'),
            t('catalog.credits'),
            t('catalog.level'),
            t('catalog.language'),
            t('catalog.format'),
          ]}
        >
          {data.courses.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row">
                <AnchorLink
                  to="/courses/$courseId"
                  params={{ courseId: c.id }}
                  fw={600}
                  lang={format.pickedLanguage(c.title)}
                >
                  {format.pick(c.title)}
                </AnchorLink>
                <Text size="xs">{c.code}</Text>
              </Table.Th>
              <Table.Td>{c.hei.name}</Table.Td>
              <Table.Td>
                {c.credits !== null
                  ? t('catalog.creditsValue', { credits: format.number(c.credits) })
                  : c.creditEquivalent !== null
                    ? t('catalog.creditEquivalent', { credits: format.number(c.creditEquivalent) })
                    : '–'}
              </Table.Td>
              <Table.Td>{c.level ? t(`catalog.levels.${c.level}`) : '–'}</Table.Td>
              {/* plain text: a badge here was cut to "Sve…" when the column was narrow */}
              <Table.Td>
                {c.languages.map((l) => (l === 'sv' || l === 'en' ? t(`catalog.lang.${l}`) : l)).join(', ')}
              </Table.Td>
              <Table.Td>{c.format ? t(`catalog.formats.${c.format}`) : '–'}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Pager page={page} pages={pages} onPage={onPage} />
    </Stack>
  );
}
