import { Alert, Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { FreeText, ScaleQuestion } from './AnswerFields.tsx';
import { FiguresView, FollowUpView } from './EvaluationResults.tsx';
import {
  answerFollowUp,
  type PortalFollowUp,
  portalEvaluationsQuery,
  portalFollowUpsQuery,
} from './evaluation.api.ts';

/**
 * The customer's follow-up of a course in the portal (Kirkpatrick levels 3 and 4): how far the participants
 * apply what they learned, what it has given the organisation, and whether they would do it again.
 */
export function PortalFollowUps({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const followUps = useQuery(portalFollowUpsQuery(caseId));
  const shared = useQuery(portalEvaluationsQuery(caseId));
  if (followUps.isPending || shared.isPending) return null;
  if (!followUps.data?.length && !shared.data?.length) return <Text>{t('evaluation.portal.none')}</Text>;
  return (
    <Stack gap="lg">
      {(followUps.data ?? []).map((f) => (
        <Stack key={f.id} gap="xs">
          <Title order={3} size="h4">
            {f.title}
          </Title>
          {f.answeredAt ? (
            <FollowUpView followUp={f} title={t('evaluation.portal.answeredTitle')} />
          ) : (
            <FollowUpForm followUp={f} />
          )}
        </Stack>
      ))}
      {(shared.data ?? []).map((e) => (
        <Stack key={e.evaluationId} gap="xs" data-testid="shared-evaluation">
          <Title order={3} size="h4">
            {t('evaluation.portal.sharedTitle', { title: e.title })}
          </Title>
          <Text size="sm">
            {t('evaluation.portal.sharedIntro', {
              hei: e.hei,
              date: format.date(e.sharedAt),
              count: e.answered,
            })}
          </Text>
          <FiguresView figures={e} answered={e.answered} />
        </Stack>
      ))}
    </Stack>
  );
}

function FollowUpForm({ followUp }: { followUp: PortalFollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [application, setApplication] = useState<number>();
  const [applicationText, setApplicationText] = useState('');
  const [results, setResults] = useState<number>();
  const [resultsText, setResultsText] = useState('');
  const [again, setAgain] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      answerFollowUp(followUp.id, {
        application: application ?? 0,
        applicationText,
        results: results ?? 0,
        resultsText,
        again: again === 'yes',
      }),
    onSuccess: async () => {
      notify(t('evaluation.portal.thanks'));
      await refetchAfterChange(queryClient, ['portal']);
    },
    onError: (e) => setProblem(errorMessage(e)),
  });
  const scale = (label: string, value: number | undefined, onChange: (v: number) => void) => (
    <ScaleQuestion
      label={label}
      description={t('evaluation.portal.scale')}
      value={value}
      onChange={onChange}
    />
  );
  return (
    <form
      noValidate
      aria-label={t('evaluation.portal.formLabel', { title: followUp.title })}
      onSubmit={(event) => {
        event.preventDefault();
        if (!application || !results || !again) setProblem(t('evaluation.portal.missing'));
        else {
          setProblem(null);
          send.mutate();
        }
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t('evaluation.portal.intro', {
            hei: followUp.hei,
            date: format.date(followUp.requestedAt),
            answerBy: format.date(followUp.answerBy),
          })}
        </Text>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {scale(t('evaluation.followUp.applicationQuestion'), application, setApplication)}
        <FreeText
          label={t('evaluation.portal.applicationText')}
          max={4000}
          value={applicationText}
          onChange={setApplicationText}
        />
        {scale(t('evaluation.followUp.resultsQuestion'), results, setResults)}
        <FreeText
          label={t('evaluation.portal.resultsText')}
          max={4000}
          value={resultsText}
          onChange={setResultsText}
        />
        <Radio.Group label={t('evaluation.followUp.againQuestion')} value={again} onChange={setAgain}>
          <Group gap="lg" mt="xs">
            <Radio value="yes" label={t('evaluation.yes')} />
            <Radio value="no" label={t('evaluation.no')} />
          </Group>
        </Radio.Group>
        <div>
          <Button type="submit" loading={send.isPending}>
            {t('evaluation.portal.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
