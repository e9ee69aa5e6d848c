import { Anchor, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { unmetDemandSchema, unmetListSchema } from '../../../features/matching/matching.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Forbidden, Page, QueryView, Section } from '../../ui/page.tsx';
import { useTabState } from '../../ui/tab-state.ts';
import { useCatalogAccess } from '../catalog/access.ts';
import { AcceptanceSummary, MatchFiltersPanel, MatchResult } from './MatchViews.tsx';
import { acceptanceQuery, type Filters, textMatchQuery, UNMET_PAGE, unmetQuery } from './matching.api.ts';

/**
 * Matching in free text: an employer's words (from a call, an e-mail) against every catalogue of the
 * consortium. Needs analyses and inquiries have their own matches, where decisions are recorded.
 */
export function MatchingPage() {
  const { t } = useTranslation();
  const { canRead } = useCatalogAccess();
  // the search searched for stays with the tab: back from a course finds the results again
  const [searched, setSearched] = useTabState<{ text: string; filters: Filters }>('matching', {
    text: '',
    filters: {},
  });
  const { text, filters } = searched;
  const [draft, setDraft] = useState(text);
  const setFilters = (next: Filters) => setSearched({ text, filters: next });
  const match = useQuery({ ...textMatchQuery(text, filters), enabled: canRead && text.length >= 3 });
  const acceptance = useQuery({ ...acceptanceQuery, enabled: canRead });
  const [unmetPage, setUnmetPage] = useState(1);
  const unmet = useQuery({
    ...unmetQuery(unmetPage),
    enabled: canRead,
    placeholderData: (previous) => previous,
  });
  // a withdrawal can empty the last page of unmet demand
  const { pastTheEnd: unmetPastTheEnd } = usePagesInRange(unmet, unmetPage, UNMET_PAGE, setUnmetPage);

  return (
    <Page title={t('matchingPage.title')}>
      <Text maw={760}>{t('matchingPage.intro')}</Text>
      {!canRead ? (
        <Forbidden>{t('matchingPage.noAccess')}</Forbidden>
      ) : (
        <Stack gap="lg">
          <Paper withBorder p="md">
            <form
              aria-label={t('matchingPage.searchForm')}
              onSubmit={submitting(() => setSearched({ text: draft.trim(), filters }))}
            >
              <Stack gap="sm">
                <Textarea
                  label={t('matchingPage.text')}
                  description={t('matchingPage.textHint')}
                  autosize
                  minRows={3}
                  maxLength={4000}
                  value={draft}
                  onChange={(e) => setDraft(e.currentTarget.value)}
                />
                <MatchFiltersPanel filters={filters} onChange={setFilters} />
                <Group>
                  <Button type="submit" disabled={draft.trim().length < 3}>
                    {t('matchingPage.searchButton')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
          {text && (
            <section aria-labelledby="match-results">
              <Title order={2} size="h3" id="match-results" mb="sm">
                {t('matchingPage.results')}
              </Title>
              <QueryView query={match}>
                {(data) => (
                  <MatchResult
                    match={data}
                    headingId="match-results"
                    filters={filters}
                    onFiltersChange={setFilters}
                  />
                )}
              </QueryView>
            </section>
          )}
          <Section id="match-acceptance" title={t('matchingPage.acceptance')}>
            <Text size="sm" mb="xs">
              {t('matchingPage.acceptanceIntro')}
            </Text>
            <QueryView query={acceptance}>{(data) => <AcceptanceSummary acceptance={data} />}</QueryView>
          </Section>
          <Section id="match-unmet" title={t('matchingPage.unmet')}>
            <Text size="sm" mb="xs">
              {t('matchingPage.unmetIntro')}
            </Text>
            <QueryView query={unmet}>
              {(data) =>
                unmetPastTheEnd ? null : (
                  <UnmetDemandList unmet={data} page={unmetPage} onPage={setUnmetPage} />
                )
              }
            </QueryView>
          </Section>
        </Stack>
      )}
    </Page>
  );
}

type UnmetDemand = z.infer<typeof unmetDemandSchema>;
type UnmetDemandList = z.infer<typeof unmetListSchema>;

/** The HEI's unmet demand, newest first, a page at a time, each with the way back to where it was matched. */
function UnmetDemandList({
  unmet,
  page,
  onPage,
}: {
  unmet: UnmetDemandList;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(unmet.total / UNMET_PAGE));
  if (!unmet.total) return <Text>{t('matchingPage.unmetNone')}</Text>;
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">{t('matchingPage.unmetCount', { count: unmet.total })}</Text>
        <Anchor href={`/api/matching/unmet/export?lang=${lang}`} download size="sm">
          {t('matchingPage.unmetDownload')}
        </Anchor>
      </Group>
      <UnmetDemandTable unmet={unmet.items} />
      <Pager page={page} pages={pages} onPage={onPage} />
    </Stack>
  );
}

function UnmetDemandTable({ unmet }: { unmet: UnmetDemand[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      minWidth={640}
      aria-labelledby="match-unmet"
      data-testid="unmet-list"
      columns={[t('matchingPage.unmetNeed'), t('matchingPage.unmetFrom'), t('matchingPage.unmetWhen')]}
    >
      {unmet.map((u) => (
        <Table.Tr key={`${u.subject.kind}-${u.subject.id}`}>
          <Table.Td>
            {u.analysisId ? (
              <AnchorLink to="/needs/$analysisId/matches" params={{ analysisId: u.analysisId }}>
                {u.label}
              </AnchorLink>
            ) : (
              <AnchorLink to="/inquiries/$inquiryId" params={{ inquiryId: u.subject.id }}>
                {u.label}
              </AnchorLink>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm">
              {t(u.analysisId ? 'matchingPage.unmetFromAnalysis' : 'matchingPage.unmetFromInquiry', {
                source: u.source,
              })}
            </Text>
            <Text size="sm">{u.customerName}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.date(u.recordedAt)}</Text>
            {u.recordedBy && <Text size="sm">{u.recordedBy}</Text>}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
