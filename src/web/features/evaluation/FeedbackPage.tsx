import { Alert, Button, Fieldset, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isNoSuchRecord } from '../../api.ts';
import { hasChosenLanguage } from '../../i18n/i18n.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading, useDocumentTitle, useErrorMessage } from '../../ui/page.tsx';
import { FreeText, ScaleQuestion } from './AnswerFields.tsx';
import {
  answerEvaluation,
  type PublicEvaluation,
  publicEvaluationQuery,
  reactionKeys,
} from './evaluation.api.ts';

const route = getRouteApi('/feedback/$token');

/** A participant's anonymous evaluation of a course, through a single-use link (no account). */
export function FeedbackPage() {
  const { t, i18n } = useTranslation();
  const { token } = route.useParams();
  const evaluation = useQuery(publicEvaluationQuery(token));
  useDocumentTitle(t('feedback.title'));
  // an English course's participants get an English page, unless their browser chose a language
  const courseLanguage = evaluation.data?.language;
  useEffect(() => {
    if (courseLanguage && !hasChosenLanguage() && i18n.language !== courseLanguage)
      void i18n.changeLanguage(courseLanguage);
  }, [courseLanguage, i18n]);
  return (
    <PublicFrame size={760}>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="md">
          <Title order={1}>{t('feedback.title')}</Title>
          {evaluation.isPending ? (
            <Loading />
          ) : evaluation.isError ? (
            isNoSuchRecord(evaluation.error) ? (
              <Alert color="orange">{t('feedback.notFound')}</Alert>
            ) : (
              <ErrorAlert error={evaluation.error} />
            )
          ) : evaluation.data.alreadyAnswered ? (
            <Alert color="blue">{t('feedback.alreadyAnswered')}</Alert>
          ) : !evaluation.data.open ? (
            <Alert color="orange">{t('feedback.closed')}</Alert>
          ) : (
            <FeedbackForm token={token} evaluation={evaluation.data} />
          )}
        </Stack>
      </Paper>
    </PublicFrame>
  );
}

function FeedbackForm({ token, evaluation }: { token: string; evaluation: PublicEvaluation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const [reaction, setReaction] = useState<Partial<Record<(typeof reactionKeys)[number], number>>>({});
  const [recommend, setRecommend] = useState<boolean | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, { before?: number; after?: number }>>({});
  const [best, setBest] = useState('');
  const [improve, setImprove] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      answerEvaluation(token, {
        reaction: {
          overall: reaction.overall ?? 0,
          relevance: reaction.relevance ?? 0,
          teaching: reaction.teaching ?? 0,
          arrangements: reaction.arrangements ?? 0,
        },
        recommend: recommend ?? false,
        outcomes: evaluation.outcomes.map((o) => ({
          key: o.key,
          before: outcomes[o.key]?.before ?? 0,
          after: outcomes[o.key]?.after ?? 0,
        })),
        best,
        improve,
      }),
    onError: (e) =>
      setProblem(
        isApiError(e, 409)
          ? e.code === 'evaluation_closed'
            ? t('feedback.closed')
            : t('feedback.alreadyAnswered')
          : errorMessage(e),
      ),
  });
  if (send.isSuccess)
    return (
      <Alert color="green" role="status">
        {t('feedback.thanks')}
      </Alert>
    );
  const missing =
    reactionKeys.filter((k) => reaction[k] === undefined).length +
    (recommend === null ? 1 : 0) +
    evaluation.outcomes.reduce(
      (n, o) =>
        n + (outcomes[o.key]?.before === undefined ? 1 : 0) + (outcomes[o.key]?.after === undefined ? 1 : 0),
      0,
    );
  const setOutcome = (key: string, when: 'before' | 'after', value: number) =>
    setOutcomes((all) => ({ ...all, [key]: { ...all[key], [when]: value } }));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (missing > 0) setProblem(t('feedback.missing', { count: missing }));
        else {
          setProblem(null);
          send.mutate();
        }
      }}
    >
      <Stack gap="lg">
        <Text>
          {t('feedback.intro', {
            title: evaluation.title,
            hei: evaluation.hei,
            date: format.date(evaluation.closesOn),
          })}
        </Text>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Fieldset legend={t('feedback.reactionLegend')}>
          <Stack gap="md">
            {reactionKeys.map((key) => (
              <ScaleQuestion
                key={key}
                label={t(`feedback.reaction.${key}`)}
                description={t('feedback.scaleAgreement')}
                value={reaction[key]}
                onChange={(v) => setReaction((r) => ({ ...r, [key]: v }))}
              />
            ))}
            <Radio.Group
              label={t('feedback.recommend')}
              value={recommend === null ? null : recommend ? 'yes' : 'no'}
              onChange={(v) => setRecommend(v === 'yes')}
            >
              <Group gap="lg" mt="xs">
                <Radio value="yes" label={t('evaluation.yes')} />
                <Radio value="no" label={t('evaluation.no')} />
              </Group>
            </Radio.Group>
          </Stack>
        </Fieldset>
        {evaluation.outcomes.length > 0 && (
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('feedback.learningTitle')}
            </Title>
            <Text size="sm">{t('feedback.learningIntro')}</Text>
            {evaluation.outcomes.map((o) => (
              // the outcome is the course's words, in its language even where the page is in the other
              <Fieldset key={o.key} legend={<span lang={evaluation.language}>{o.text}</span>}>
                <Stack gap="sm">
                  <ScaleQuestion
                    label={t('feedback.before')}
                    description={t('feedback.scaleKnowledge')}
                    value={outcomes[o.key]?.before}
                    onChange={(v) => setOutcome(o.key, 'before', v)}
                  />
                  <ScaleQuestion
                    label={t('feedback.after')}
                    description={t('feedback.scaleKnowledge')}
                    value={outcomes[o.key]?.after}
                    onChange={(v) => setOutcome(o.key, 'after', v)}
                  />
                </Stack>
              </Fieldset>
            ))}
          </Stack>
        )}
        <FreeText label={t('feedback.best')} max={2000} value={best} onChange={setBest} />
        <FreeText label={t('feedback.improve')} max={2000} value={improve} onChange={setImprove} />
        <Text size="sm" c="dimmed">
          {t('feedback.anonymous')}
        </Text>
        <div>
          <Button type="submit" loading={send.isPending}>
            {t('feedback.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
