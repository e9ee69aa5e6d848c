import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { submitting } from '../../ui/FormModal.tsx';
import { Forbidden, Page, QueryView, Section } from '../../ui/page.tsx';
import { useCatalogAccess } from '../catalog/access.ts';
import { AcceptanceSummary, MatchFiltersPanel, MatchResult } from './MatchViews.tsx';
import { acceptanceQuery, type Filters, textMatchQuery } from './matching.api.ts';

/**
 * Matching in free text: an employer's words (from a call, an e-mail) against every catalogue of the
 * consortium. Needs analyses and inquiries have their own matches, where decisions are recorded.
 */
export function MatchingPage() {
  const { t } = useTranslation();
  const { canRead } = useCatalogAccess();
  const [draft, setDraft] = useState('');
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const match = useQuery({ ...textMatchQuery(text, filters), enabled: canRead && text.length >= 3 });
  const acceptance = useQuery({ ...acceptanceQuery, enabled: canRead });

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
              onSubmit={submitting(() => setText(draft.trim()))}
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
                {(data) => <MatchResult match={data} headingId="match-results" />}
              </QueryView>
            </section>
          )}
          <Section id="match-acceptance" title={t('matchingPage.acceptance')}>
            <Text size="sm" mb="xs">
              {t('matchingPage.acceptanceIntro')}
            </Text>
            <QueryView query={acceptance}>{(data) => <AcceptanceSummary acceptance={data} />}</QueryView>
          </Section>
        </Stack>
      )}
    </Page>
  );
}
