import { Alert, Button, NativeSelect, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { publicSurveySchema } from '../../../features/needs/needs.contract.ts';
import { api, isApiError, isNoSuchRecord } from '../../api.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading, useDocumentTitle, useErrorMessage } from '../../ui/page.tsx';
import { publicSurveyQuery } from './analyses.api.ts';

const route = getRouteApi('/survey/$token');

/** One employee's anonymous self-assessment, through a single-use link. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { token } = route.useParams();
  const survey = useQuery(publicSurveyQuery(token));
  useDocumentTitle(t('survey.title'));
  return (
    <PublicFrame size={760}>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="md">
          <Title order={1}>{t('survey.title')}</Title>
          {survey.isPending ? (
            <Loading />
          ) : survey.isError ? (
            isNoSuchRecord(survey.error) ? (
              <Alert color="orange">{t('survey.notFound')}</Alert>
            ) : (
              <ErrorAlert error={survey.error} />
            )
          ) : survey.data.alreadyAnswered ? (
            <Alert color="blue">{t('survey.alreadyAnswered')}</Alert>
          ) : (
            <SurveyForm token={token} survey={survey.data} />
          )}
        </Stack>
      </Paper>
    </PublicFrame>
  );
}

type Survey = z.infer<typeof publicSurveySchema>;

function SurveyForm({ token, survey }: { token: string; survey: Survey }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const [roleId, setRoleId] = useState('');
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const levels = survey.levels[i18n.language === 'en' ? 'en' : 'sv'];
  const send = useMutation({
    mutationFn: () =>
      api.post(`/api/survey/${token}`, {
        roleId: roleId || null,
        answers: Object.entries(answers).map(([key, level]) => ({ key, level })),
      }),
    onError: (e) => setProblem(isApiError(e, 409) ? t('survey.alreadyAnswered') : errorMessage(e)),
  });
  if (send.isSuccess)
    return (
      <Alert color="green" role="status">
        {t('survey.thanks')}
      </Alert>
    );
  const missing = survey.questions.filter((q) => answers[q.key] === undefined).length;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (missing > 0) setProblem(t('survey.missing', { count: missing }));
        else {
          setProblem(null);
          send.mutate();
        }
      }}
    >
      <Stack gap="lg">
        <Text>{t('survey.intro')}</Text>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {survey.roles.length > 0 && (
          <NativeSelect
            label={t('survey.role')}
            value={roleId}
            onChange={(e) => setRoleId(e.currentTarget.value)}
          >
            <option value="">{t('survey.noRole')}</option>
            {survey.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </NativeSelect>
        )}
        {survey.questions.map((q) => (
          <Radio.Group
            key={q.key}
            label={t('survey.question', { label: format.pick(q.label) })}
            value={answers[q.key] === undefined ? null : String(answers[q.key])}
            onChange={(value) => setAnswers((a) => ({ ...a, [q.key]: Number(value) }))}
          >
            <Stack gap={6} mt="xs">
              {levels.map((text, level) => (
                <Radio key={text} value={String(level)} label={`${level} – ${text}`} />
              ))}
            </Stack>
          </Radio.Group>
        ))}
        <div>
          <Button type="submit" loading={send.isPending}>
            {t('survey.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
