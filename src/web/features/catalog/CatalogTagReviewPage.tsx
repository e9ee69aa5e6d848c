import { Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagReview } from '../../../features/catalog/catalog.contract.ts';
import { BackToList } from '../../ui/BackToList.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Forbidden, Page, QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { useCatalogAccess } from './access.ts';
import { decideTag, TAG_REVIEW_PAGE, tagReviewQuery } from './catalog.api.ts';
import { TagDecision } from './TagDecision.tsx';

/**
 * The HEI's suggested concepts nobody has decided on, course by course, to confirm or reject in one place
 * (instead of opening every course): confirmed concepts are what matching finds a course by.
 */
export function CatalogTagReviewPage() {
  const { t } = useTranslation();
  const { canWrite, heiId } = useCatalogAccess();
  return (
    <Page title={t('catalog.review.title')}>
      <BackToList to="/courses">{t('catalog.back')}</BackToList>
      <Text maw={760}>{t('catalog.review.intro')}</Text>
      {!canWrite || !heiId ? <Forbidden>{t('catalog.importNoAccess')}</Forbidden> : <Review heiId={heiId} />}
    </Page>
  );
}

function Review({ heiId }: { heiId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState<string>();
  const [offset, setOffset] = useState(0);
  const review = useQuery({ ...tagReviewQuery(heiId, { q, offset }), placeholderData: (p) => p });
  const page = Math.floor(offset / TAG_REVIEW_PAGE) + 1;
  const toPage = (next: number) => setOffset((next - 1) * TAG_REVIEW_PAGE);
  // deciding the last courses of the last page empties it
  const { pages, pastTheEnd } = usePagesInRange(review, page, TAG_REVIEW_PAGE, toPage);
  return (
    <Stack gap="sm">
      <SearchForm
        label={t('catalog.review.search')}
        hint={t('catalog.review.searchHint')}
        button={t('catalog.searchButton')}
        searched={q}
        onSearch={(text) => {
          setQ(text);
          setOffset(0);
        }}
        maw={640}
      />
      <QueryView query={review}>
        {(r) =>
          pastTheEnd ? null : r.total === 0 ? (
            <Text role="status">{q ? t('catalog.review.noneFound', { q }) : t('catalog.review.none')}</Text>
          ) : (
            <Stack gap="sm">
              <Text role="status">
                {r.courses.length < r.total
                  ? t('catalog.review.countPage', {
                      count: r.total,
                      from: offset + 1,
                      to: offset + r.courses.length,
                    })
                  : t('catalog.review.count', { count: r.total })}
              </Text>
              <ReviewTable heiId={heiId} review={r} />
              <Pager page={page} pages={pages} onPage={toPage} />
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}

function ReviewTable({ heiId, review }: { heiId: string; review: TagReview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const decide = useMutation({
    mutationFn: (d: { courseId: string; conceptId: string; status: 'confirmed' | 'rejected' }) =>
      decideTag(heiId, d.courseId, d.conceptId, d.status),
    onSuccess: async (course) => {
      queryClient.setQueryData(['course', course.id], course);
      await refetchAfterChange(queryClient, ['tag-review', heiId]);
    },
    onError: (e) => notify(errorMessage(e), 'error'),
  });
  return (
    <DataTable
      minWidth={640}
      data-testid="tag-review"
      columns={[
        t('catalog.review.course'),
        t('catalog.review.concept'),
        t('catalog.review.why'),
        t('common.actions'),
      ]}
    >
      {review.courses.flatMap((course) =>
        course.tags.map((tag) => {
          const label = format.pick(tag.concept.label);
          const title = `${course.code} ${format.pick(course.title)}`;
          return (
            <Table.Tr key={`${course.id}-${tag.concept.id}`}>
              <Table.Td>
                <AnchorLink to="/courses/$courseId" params={{ courseId: course.id }}>
                  {title}
                </AnchorLink>
              </Table.Td>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td>{tag.matchedWords.join(', ')}</Table.Td>
              <Table.Td>
                <TagDecision
                  status={tag.status}
                  busy={decide.isPending}
                  names={{
                    confirm: t('catalog.review.confirm', { label, course: title }),
                    reject: t('catalog.review.reject', { label, course: title }),
                  }}
                  onDecide={(status) =>
                    decide.mutate({ courseId: course.id, conceptId: tag.concept.id, status })
                  }
                />
              </Table.Td>
            </Table.Tr>
          );
        }),
      )}
    </DataTable>
  );
}
