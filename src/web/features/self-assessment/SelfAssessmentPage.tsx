import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Fieldset,
  Group,
  List,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Page, QueryView, Section } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import {
  type Assessment,
  type AssessmentList,
  guideHref,
  type Questionnaire,
  questionnaireQuery,
  selfAssessmentsQuery,
  submitSelfAssessment,
} from './self-assessment.api.ts';

/**
 * The collaboration-skills self-assessment: the person answers the statements (1–5), sees a result per
 * area with suggestions and links to the process guide, and — from the second time — how each area has
 * changed since the time before. Only the person sees it.
 */
export function SelfAssessmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const atHei = !!me?.memberships.some((m) => m.scope === 'organisation' && m.tenant.kind === 'hei');
  const questionnaire = useQuery({ ...questionnaireQuery, enabled: atHei });
  const mine = useQuery({ ...selfAssessmentsQuery, enabled: atHei });
  return (
    <Page title={t('selfAssessment.title')}>
      <Text maw={760}>{t('selfAssessment.intro')}</Text>
      <Alert color="blue" variant="light" maw={760}>
        {t('selfAssessment.private')}
      </Alert>
      {!atHei ? (
        <Alert color="gray">{t('selfAssessment.notHei')}</Alert>
      ) : (
        <QueryView query={questionnaire}>
          {(q) => <QueryView query={mine}>{(list) => <Content questionnaire={q} list={list} />}</QueryView>}
        </QueryView>
      )}
    </Page>
  );
}

function Content({ questionnaire, list }: { questionnaire: Questionnaire; list: AssessmentList }) {
  const { t } = useTranslation();
  const [taking, setTaking] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const showForm = taking || !list.latest;
  return (
    <Stack gap="lg">
      {showForm ? (
        <AssessmentForm
          questionnaire={questionnaire}
          onCancel={list.latest ? () => setTaking(false) : undefined}
          onSaved={() => {
            setTaking(false);
            // the result replaces the form: take the reader there
            setTimeout(() => resultHeading.current?.focus(), 0);
          }}
        />
      ) : (
        <Group>
          <Button onClick={() => setTaking(true)}>{t('selfAssessment.again')}</Button>
        </Group>
      )}
      {list.latest && !taking && <Result assessment={list.latest} headingRef={resultHeading} />}
      {list.assessments.length > 1 && !taking && <History list={list} />}
    </Stack>
  );
}

function AssessmentForm({
  questionnaire,
  onCancel,
  onSaved,
}: {
  questionnaire: Questionnaire;
  onCancel?: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [checked, setChecked] = useState(false);
  const statements = questionnaire.areas.flatMap((a) => a.statements);
  const missing = statements.filter((s) => answers[s.id] === undefined);
  const save = useMutation({
    mutationFn: () => submitSelfAssessment(questionnaire.id, answers),
    onSuccess: async () => {
      await refetchAfterChange(queryClient, selfAssessmentsQuery.queryKey);
      notify(t('selfAssessment.saved'));
      onSaved();
    },
  });
  return (
    <Section id="self-assessment-form" title={t('selfAssessment.formTitle')}>
      <form
        noValidate
        aria-labelledby="self-assessment-form"
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          if (missing.length === 0) save.mutate();
        }}
      >
        <Stack gap="lg">
          <Text>{format.pick(questionnaire.intro)}</Text>
          {checked && missing.length > 0 && (
            <Alert color="red" role="alert">
              {t('selfAssessment.missing')}
            </Alert>
          )}
          {save.error && <ErrorAlert error={save.error} />}
          {questionnaire.areas.map((area) => (
            <Fieldset key={area.key} legend={format.pick(area.title)}>
              <Stack gap="md">
                {area.statements.map((statement) => (
                  <Radio.Group
                    key={statement.id}
                    label={format.pick(statement.text)}
                    value={answers[statement.id] === undefined ? null : String(answers[statement.id])}
                    onChange={(value) => setAnswers((a) => ({ ...a, [statement.id]: Number(value) }))}
                    error={
                      checked && answers[statement.id] === undefined
                        ? t('selfAssessment.unanswered')
                        : undefined
                    }
                    data-testid={`statement-${statement.id}`}
                  >
                    <Group gap="md" mt={6}>
                      {questionnaire.scale.labels.map((option) => (
                        <Radio
                          key={option.value}
                          value={String(option.value)}
                          label={`${option.value} – ${format.pick(option.label)}`}
                        />
                      ))}
                    </Group>
                  </Radio.Group>
                ))}
              </Stack>
            </Fieldset>
          ))}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('selfAssessment.submit')}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const levelColour = { develop: 'orange', growing: 'blue', strong: 'green' } as const;

function Result({
  assessment,
  headingRef,
}: {
  assessment: Assessment;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const number = (n: number) => format.number(n);
  const change = (n: number | null) =>
    n === null ? '–' : n === 0 ? t('selfAssessment.noChange') : `${n > 0 ? '+' : '−'}${number(Math.abs(n))}`;
  return (
    <>
      <FocusSection
        id="self-assessment-result"
        title={t('selfAssessment.resultTitle')}
        headingRef={headingRef}
      >
        <Stack gap="sm" data-testid="self-assessment-result">
          <Text size="sm">
            {t('selfAssessment.resultOf', { date: format.dateTime(assessment.createdAt) })}{' '}
            {assessment.comparedWith
              ? t('selfAssessment.comparedWith', { date: format.dateTime(assessment.comparedWith.createdAt) })
              : t('selfAssessment.firstTime')}
          </Text>
          <DataTable
            minWidth={560}
            columns={[
              t('selfAssessment.columns.area'),
              t('selfAssessment.columns.latest'),
              !!assessment.comparedWith && t('selfAssessment.columns.previous'),
              !!assessment.comparedWith && t('selfAssessment.columns.change'),
              t('selfAssessment.columns.level'),
            ]}
          >
            {assessment.areas.map((area) => (
              <Table.Tr key={area.key} data-testid="self-assessment-area">
                <Table.Td>{format.pick(area.title)}</Table.Td>
                <Table.Td>{number(area.mean)}</Table.Td>
                {assessment.comparedWith && (
                  <Table.Td>{area.previous === null ? '–' : number(area.previous)}</Table.Td>
                )}
                {assessment.comparedWith && <Table.Td>{change(area.change)}</Table.Td>}
                <Table.Td>
                  <Badge variant="light" color={levelColour[area.level]} tt="none">
                    {t(`selfAssessment.level.${area.level}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Text size="sm" c="dimmed">
            {t('selfAssessment.meanNote')}
          </Text>
        </Stack>
      </FocusSection>
      <Section id="self-assessment-suggestions" title={t('selfAssessment.suggestionsTitle')}>
        <Stack gap="md" data-testid="self-assessment-suggestions">
          {assessment.suggestions.map((s) => {
            const area = assessment.areas.find((a) => a.key === s.area);
            return (
              <div key={s.area ?? 'all'}>
                {area && (
                  <Title order={3} size="h4">
                    {format.pick(area.title)}
                  </Title>
                )}
                <Text>{format.pick(s.text)}</Text>
                <Text size="sm" mt={4}>
                  {t('selfAssessment.readInGuide')}
                </Text>
                <List size="sm">
                  {s.guides.map((g) => (
                    <List.Item key={g.id}>
                      <Anchor href={guideHref(g.id, i18n.language)}>{format.pick(g.title)}</Anchor>
                    </List.Item>
                  ))}
                </List>
              </div>
            );
          })}
        </Stack>
      </Section>
    </>
  );
}

/** A Section whose heading can take focus (after saving, the result is where the reader goes). */
function FocusSection({
  id,
  title,
  headingRef,
  children,
}: {
  id: string;
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm" ref={headingRef} tabIndex={-1}>
        {title}
      </Title>
      {children}
    </Card>
  );
}

function History({ list }: { list: AssessmentList }) {
  const { t } = useTranslation();
  const format = useFormat();
  const areas = list.latest?.areas ?? [];
  return (
    <Section id="self-assessment-history" title={t('selfAssessment.historyTitle')}>
      <DataTable
        minWidth={720}
        columns={[t('selfAssessment.columns.date'), ...areas.map((a) => format.pick(a.title))]}
      >
        {list.assessments.map((a) => (
          <Table.Tr key={a.id} data-testid="self-assessment-history-row">
            <Table.Td>{format.dateTime(a.createdAt)}</Table.Td>
            {areas.map((area) => {
              const mine = a.areas.find((x) => x.key === area.key);
              return <Table.Td key={area.key}>{mine ? format.number(mine.mean) : '–'}</Table.Td>;
            })}
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
