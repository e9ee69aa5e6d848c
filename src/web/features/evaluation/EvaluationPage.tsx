import { Anchor, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { KeyFigure } from '../../ui/KeyFigure.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { Forbidden, Page, QueryView } from '../../ui/page.tsx';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { EVALUATION_MIN_ANSWERS, heiEvaluationsQuery } from './evaluation.api.ts';

/**
 * Uppföljning: the HEI's evaluations across its cases — how many answered, the participants' overall
 * rating and the knowledge they gained (levels 1–2), and the customers' follow-ups (levels 3–4) — with
 * totals, each row leading to its case.
 */
export function EvaluationPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { canRead } = useCaseAccess();
  const query = useQuery({ ...heiEvaluationsQuery, enabled: canRead });
  return (
    <Page title={t('areas.evaluation.title')}>
      <Text maw={760}>{t('evaluation.page.intro', { min: EVALUATION_MIN_ANSWERS })}</Text>
      <QueryView
        query={query}
        allowed={canRead}
        forbidden={<Forbidden>{t('evaluation.page.noAccess')}</Forbidden>}
      >
        {({ items, totals }) => (
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="evaluation-totals">
              <KeyFigure label={t('evaluation.page.evaluations')} value={String(totals.evaluations)} />
              <KeyFigure label={t('evaluation.page.answers')} value={String(totals.answered)} />
              <KeyFigure
                label={t('evaluation.page.satisfaction')}
                value={format.figure(totals.satisfaction)}
              />
              <KeyFigure
                label={t('evaluation.page.gain')}
                value={format.figure(totals.gain, { signed: true })}
              />
              <KeyFigure label={t('evaluation.page.followUps')} value={String(totals.followUpsAnswered)} />
              <KeyFigure label={t('evaluation.page.application')} value={format.figure(totals.application)} />
              <KeyFigure label={t('evaluation.page.results')} value={format.figure(totals.results)} />
            </SimpleGrid>
            {items.length === 0 ? (
              <Text>{t('evaluation.page.none')}</Text>
            ) : (
              <DataTable
                minWidth={900}
                striped
                data-testid="evaluation-list"
                columns={[
                  t('evaluation.page.case'),
                  t('evaluation.page.course'),
                  t('evaluation.page.answered'),
                  t('evaluation.page.status'),
                  t('evaluation.page.satisfactionShort'),
                  t('evaluation.page.gainShort'),
                  t('evaluation.page.followUp'),
                ]}
              >
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <AnchorLink to="/cases/$caseId" params={{ caseId: e.caseId }} hash="case-evaluation">
                        {e.caseReference}
                      </AnchorLink>
                      <Text size="sm">{e.customer}</Text>
                    </Table.Td>
                    <Table.Td>{e.title}</Table.Td>
                    <Table.Td>
                      {t('evaluation.page.answeredOf', { answered: e.answered, invited: e.invited })}
                    </Table.Td>
                    <Table.Td>
                      {e.open
                        ? t('evaluation.page.openUntil', { date: format.date(e.closesOn) })
                        : t('evaluation.page.closed')}
                    </Table.Td>
                    <Table.Td>{format.figure(e.satisfaction)}</Table.Td>
                    <Table.Td>{format.figure(e.gain, { signed: true })}</Table.Td>
                    <Table.Td>
                      {!e.followUp
                        ? '–'
                        : e.followUp.answeredAt
                          ? t('evaluation.page.followUpAnswered', {
                              application: e.followUp.application,
                              results: e.followUp.results,
                            })
                          : t('evaluation.page.followUpWaiting')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
            <Text size="sm" c="dimmed">
              {t('evaluation.page.hiddenNote', { min: EVALUATION_MIN_ANSWERS })}
            </Text>
            {items.length > 0 && (
              <Anchor
                href={`/api/evaluations/export?lang=${i18n.language === 'en' ? 'en' : 'sv'}`}
                download
                size="sm"
              >
                {t('evaluation.page.export')}
              </Anchor>
            )}
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
