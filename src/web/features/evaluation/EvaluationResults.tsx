import { Alert, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { QueryView } from '../../ui/page.tsx';
import { type EvaluationFigures, evaluationResultsQuery, type FollowUp } from './evaluation.api.ts';

/** Levels 1 and 2 of one evaluation: the reaction's means and distributions, each outcome before and after. */
export function EvaluationResultsView({ evaluationId }: { evaluationId: string }) {
  const { t } = useTranslation();
  const query = useQuery(evaluationResultsQuery(evaluationId));
  return (
    <QueryView query={query}>
      {(r) =>
        !r.shown ? (
          <Text role="status" size="sm">
            {t('evaluation.results.hidden', { min: r.minimum, count: r.evaluation.answered })}
          </Text>
        ) : (
          <Stack gap="md" data-testid="evaluation-results">
            <FiguresView figures={r} answered={r.evaluation.answered} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Comments title={t('evaluation.results.best')} texts={r.comments.best} />
              <Comments title={t('evaluation.results.improve')} texts={r.comments.improve} />
            </SimpleGrid>
          </Stack>
        )
      }
    </QueryView>
  );
}

/** The participants' figures (levels 1 and 2) as tables: for the HEI, and as shared with the customer. */
export function FiguresView({ figures: r, answered }: { figures: EvaluationFigures; answered: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const signed = (n: number) => format.figure(n, { signed: true });
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Caption>{t('evaluation.results.reaction', { count: answered })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evaluation.results.question')}</Table.Th>
              <Table.Th scope="col">{t('evaluation.results.mean')}</Table.Th>
              <Table.Th scope="col">{t('evaluation.results.distribution')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.reaction.map((q) => (
              <Table.Tr key={q.key}>
                <Table.Th scope="row">{t(`evaluation.reaction.${q.key}`)}</Table.Th>
                <Table.Td>{format.number(q.mean)}</Table.Td>
                <Table.Td>
                  {q.distribution
                    .map((count, i) => t('evaluation.results.distributionText', { level: i + 1, count }))
                    .join(', ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">
        {t('evaluation.results.recommend', {
          yes: r.recommend.yes,
          count: r.recommend.yes + r.recommend.no,
        })}
      </Text>
      {r.outcomes.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Caption>{t('evaluation.results.learning')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('evaluation.results.outcome')}</Table.Th>
                <Table.Th scope="col">{t('evaluation.results.before')}</Table.Th>
                <Table.Th scope="col">{t('evaluation.results.after')}</Table.Th>
                <Table.Th scope="col">{t('evaluation.results.gain')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.outcomes.map((o) => (
                <Table.Tr key={o.key}>
                  <Table.Th scope="row">{o.text}</Table.Th>
                  <Table.Td>{format.number(o.before)}</Table.Td>
                  <Table.Td>{format.number(o.after)}</Table.Td>
                  <Table.Td>{signed(o.gain)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

function Comments({ title, texts }: { title: string; texts: string[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={4} size="h5">
        {title}
      </Title>
      {texts.length ? (
        <List size="sm" spacing={4}>
          {texts.map((text, i) => (
            // the same comment may come twice; the order is fixed (alphabetical)
            // biome-ignore lint/suspicious/noArrayIndexKey: a list of plain texts that never reorders
            <List.Item key={i}>{text}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t('evaluation.results.noComments')}</Text>
      )}
    </Stack>
  );
}

/** The customer's follow-up (levels 3 and 4): asked for and waiting, or their answer. */
export function FollowUpView({ followUp, title }: { followUp: FollowUp; title?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!followUp.answeredAt)
    return (
      <Text size="sm" data-testid="follow-up">
        {t('evaluation.followUp.waiting', { date: format.date(followUp.requestedAt) })}
      </Text>
    );
  return (
    // a record to read, not news: an article named by its title, which screen readers do not announce on load
    <Alert
      color="blue"
      role="article"
      title={title ?? t('evaluation.followUp.title')}
      data-testid="follow-up"
    >
      <Stack gap={6}>
        <Text size="sm">
          {t('evaluation.followUp.answeredBy', {
            name: followUp.answeredBy ?? t('evaluation.followUp.someone'),
            date: format.date(followUp.answeredAt),
          })}
        </Text>
        <Text size="sm">
          <strong>{t('evaluation.followUp.application')}:</strong> {followUp.application} / 5
          {followUp.applicationText ? ` – ${followUp.applicationText}` : ''}
        </Text>
        <Text size="sm">
          <strong>{t('evaluation.followUp.results')}:</strong> {followUp.results} / 5
          {followUp.resultsText ? ` – ${followUp.resultsText}` : ''}
        </Text>
        <Text size="sm">
          <strong>{t('evaluation.followUp.again')}:</strong>{' '}
          {followUp.again ? t('evaluation.yes') : t('evaluation.no')}
        </Text>
      </Stack>
    </Alert>
  );
}
