import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { QueryView, useErrorMessage } from '../../ui/page.tsx';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { type CaseReview as CaseReviewData, caseReviewQuery, saveCaseReview } from './review.api.ts';

const fields = ['wentWell', 'toImprove', 'followOn'] as const;
type Answers = Record<(typeof fields)[number], string>;

/**
 * "Återblick" on the case page: what the people who worked on the case learned (what worked, what to do
 * differently, what it may lead to), and what the HEI learned on its earlier cases with the same customer.
 * The HEI's own; the customer never sees it.
 */
export function CaseReview({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useQuery(caseReviewQuery(caseId));
  const { canWork } = useCaseAccess();
  return (
    <QueryView query={query}>
      {(data) => (
        <Stack gap="lg" data-testid="case-review">
          <Text size="sm" maw={760}>
            {t('review.intro')}
          </Text>
          {canWork ? (
            <ReviewForm key={data.review?.revision ?? 0} caseId={caseId} data={data} />
          ) : (
            <ReadOnly data={data} />
          )}
          <Earlier data={data} />
        </Stack>
      )}
    </QueryView>
  );
}

function ReviewForm({ caseId, data }: { caseId: string; data: CaseReviewData }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [answers, setAnswers] = useState<Answers>({
    wentWell: data.review?.wentWell ?? '',
    toImprove: data.review?.toImprove ?? '',
    followOn: data.review?.followOn ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      saveCaseReview(caseId, { ...answers, ...(data.review ? { revision: data.review.revision } : {}) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(caseReviewQuery(caseId).queryKey, saved);
      notify(t('review.saved'));
    },
  });
  const changed = fields.some((f) => answers[f].trim() !== (data.review?.[f] ?? ''));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm" maw={760}>
        {fields.map((field) => (
          <Textarea
            key={field}
            label={t(`review.${field}`)}
            description={t(`review.${field}Hint`)}
            autosize
            minRows={2}
            maxLength={4000}
            value={answers[field]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setAnswers((a) => ({ ...a, [field]: value }));
            }}
          />
        ))}
        {save.error && (
          <Alert color="red" role="alert" title={t('review.notSaved')}>
            {isApiError(save.error, 409) && save.error.code === 'edit_conflict'
              ? t('review.conflict')
              : errorMessage(save.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('review.save')}
          </Button>
          <Saved data={data} />
        </Group>
      </Stack>
    </form>
  );
}

function Saved({ data }: { data: CaseReviewData }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!data.review) return null;
  return (
    <Text size="sm" c="dimmed">
      {t('review.savedBy', {
        date: format.dateTime(data.review.updatedAt),
        name: data.review.updatedBy ?? t('review.someone'),
      })}
    </Text>
  );
}

function ReadOnly({ data }: { data: CaseReviewData }) {
  const { t } = useTranslation();
  if (!data.review) return <Text size="sm">{t('review.none')}</Text>;
  return (
    <Stack gap="xs">
      <Answers review={data.review} />
      <Saved data={data} />
    </Stack>
  );
}

function Answers({ review }: { review: Answers }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {fields.map(
        (field) =>
          review[field] && (
            <div key={field}>
              <Text size="sm" fw={600}>
                {t(`review.${field}`)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {review[field]}
              </Text>
            </div>
          ),
      )}
    </Stack>
  );
}

/** What the HEI learned on its earlier cases with the customer: the start of this case's dialogue. */
function Earlier({ data }: { data: CaseReviewData }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="earlier-reviews">
      <Title order={3} size="h4">
        {t('review.earlierTitle', { customer: data.customer })}
      </Title>
      {data.earlier.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('review.noEarlier', { customer: data.customer })}
        </Text>
      ) : (
        data.earlier.map((earlier) => <Lesson key={earlier.caseId} lesson={earlier} />)
      )}
    </Stack>
  );
}

/** Another case's review, headed by its case (a link) with how it ended and when the review was written. */
export function Lesson({ lesson }: { lesson: CaseReviewData['earlier'][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder padding="sm" component="article" aria-label={lesson.title}>
      <Stack gap="xs">
        <Group gap="xs">
          <AnchorLink to="/cases/$caseId" params={{ caseId: lesson.caseId }} fw={600}>
            {lesson.reference} · {lesson.title}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            {lesson.outcome ? t(`labels.outcome.${lesson.outcome}`) : t(`labels.stage.${lesson.stage}`)} ·{' '}
            {t('review.writtenOn', { date: format.date(lesson.updatedAt) })}
          </Text>
        </Group>
        <Answers review={lesson} />
      </Stack>
    </Card>
  );
}
