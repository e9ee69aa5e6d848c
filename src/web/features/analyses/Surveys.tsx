import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Analysis } from '../../../features/needs/needs.contract.ts';
import { isApiError } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { OneTimeLinks } from '../../ui/OneTimeLinks.tsx';
import { ErrorAlert, Loading, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import {
  type AnalysisBase,
  absolute,
  createSurvey,
  surveyResultsQuery,
  surveysQuery,
} from './analyses.api.ts';

/** Answers are shown only from this many respondents (the API holds the same rule). */
const MINIMUM = 5;

/** The anonymous self-assessment: create single-use links, see who many answered, and the aggregates. */
export function SurveysSection({
  base,
  analysis,
  canEdit,
}: {
  base: AnalysisBase;
  analysis: Analysis;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const surveys = useQuery(surveysQuery(base));
  const [respondents, setRespondents] = useState(10);
  const [error, setError] = useState<string | null>(null);
  const [links, setLinks] = useState<string[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createSurvey(base, respondents),
    onSuccess: async (created) => {
      setLinks(created.links.map(absolute));
      await refetchAfterChange(queryClient, [...base.key, 'surveys']);
    },
    onError: (e) => setError(isApiError(e, 400) ? t('analyses.respondentsError') : errorMessage(e)),
  });
  const submit = () => {
    const valid = Number.isInteger(respondents) && respondents >= MINIMUM && respondents <= 500;
    setError(valid ? null : t('analyses.respondentsError'));
    if (valid) create.mutate();
  };

  return (
    <Section id="analysis-surveys" title={t('analyses.surveys')}>
      <Stack gap="sm">
        <Text size="sm">{t('analyses.surveysIntro', { min: MINIMUM })}</Text>
        {canEdit &&
          (analysis.needs.length === 0 ? (
            <Text size="sm">{t('analyses.surveyNeedsNeeds')}</Text>
          ) : (
            <form
              noValidate
              aria-label={t('analyses.createSurvey')}
              onSubmit={(event) => {
                event.preventDefault();
                submit();
              }}
            >
              <Group align="flex-end" gap="sm">
                <TextInput
                  label={t('analyses.respondents')}
                  type="number"
                  min={MINIMUM}
                  max={500}
                  value={Number.isNaN(respondents) ? '' : respondents}
                  onChange={(e) => setRespondents(e.currentTarget.valueAsNumber)}
                  error={error}
                />
                <Button type="submit" variant="light" loading={create.isPending}>
                  {t('analyses.createSurvey')}
                </Button>
              </Group>
            </form>
          ))}
        {links && (
          <Alert color="green" title={t('analyses.surveyCreated')}>
            <OneTimeLinks label={t('analyses.surveyLinks')} links={links} testId="survey-links" />
          </Alert>
        )}
        {surveys.isPending ? (
          <Loading />
        ) : surveys.isError ? (
          <ErrorAlert error={surveys.error} />
        ) : (
          surveys.data.map((s) => (
            <Stack key={s.id} gap="xs">
              <Group gap="sm">
                <Text fw={600}>
                  {t('analyses.surveyRow', {
                    date: format.date(s.createdAt),
                    answered: s.answered,
                    invited: s.invited,
                  })}
                </Text>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  {t('analyses.showResults')}
                </Button>
              </Group>
              {open === s.id && <SurveyResults base={base} surveyId={s.id} />}
            </Stack>
          ))
        )}
      </Stack>
    </Section>
  );
}

function SurveyResults({ base, surveyId }: { base: AnalysisBase; surveyId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const results = useQuery(surveyResultsQuery(base, surveyId));
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorAlert error={results.error} />;
  const r = results.data;
  if (!r.shown)
    return <Text role="status">{t('analyses.resultsHidden', { min: r.minimum, answered: r.answered })}</Text>;
  const table = (rows: typeof r.perQuestion, caption: string) => (
    <Table.ScrollContainer minWidth={480}>
      <Table striped data-testid="survey-results">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('analyses.competence')}</Table.Th>
            <Table.Th scope="col">{t('analyses.mean')}</Table.Th>
            <Table.Th scope="col">{t('analyses.distribution')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((q) => (
            <Table.Tr key={q.key}>
              <Table.Th scope="row">{format.pick(q.label)}</Table.Th>
              <Table.Td>{format.number(q.mean)}</Table.Td>
              <Table.Td>
                {q.distribution
                  .map((count, level) => t('analyses.distributionText', { level, count }))
                  .join(', ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Stack gap="xs">
      {table(r.perQuestion, `${t('analyses.surveys')}: ${t('analyses.perRole', { count: r.answered })}`)}
      {r.perRole.map((role) => (
        <div key={role.roleId}>
          {table(role.perQuestion, `${role.title}: ${t('analyses.perRole', { count: role.answered })}`)}
        </div>
      ))}
    </Stack>
  );
}
