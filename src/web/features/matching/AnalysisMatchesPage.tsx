import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Forbidden, Page, QueryView, Section } from '../../ui/page.tsx';
import { useAnalysisAccess } from '../analyses/access.ts';
import { AcceptanceSummary, MatchFiltersPanel, MatchResult } from './MatchViews.tsx';
import { analysisMatchesQuery, type Filters } from './matching.api.ts';

const route = getRouteApi('/app/needs/$analysisId/matches');

/** Courses for every prioritised need of an analysis, highest priority first; the coordinator decides. */
export function AnalysisMatchesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { analysisId } = route.useParams();
  const { canRead, canWrite } = useAnalysisAccess();
  const [filters, setFilters] = useState<Filters>({});
  const matches = useQuery({
    ...analysisMatchesQuery(analysisId, filters),
    enabled: canRead,
    placeholderData: (p) => p,
  });

  return (
    <Page title={t('matchingPage.analysisTitle')}>
      <AnchorLink to="/needs/$analysisId" params={{ analysisId }}>
        {t('matchingPage.backToAnalysis')}
      </AnchorLink>
      <QueryView
        query={matches}
        allowed={canRead}
        forbidden={<Forbidden>{t('analyses.noAccess')}</Forbidden>}
      >
        {(data) => (
          <Stack gap="lg">
            <Paper withBorder p="md">
              <MatchFiltersPanel filters={filters} onChange={setFilters} />
            </Paper>
            <Section id="analysis-acceptance" title={t('matchingPage.acceptance')}>
              <AcceptanceSummary acceptance={data.acceptance} />
            </Section>
            {data.needs.length === 0 && <Text>{t('matchingPage.noNeeds')}</Text>}
            {data.needs.map((n, i) => (
              <section key={n.need.id} aria-labelledby={`need-${n.need.id}`}>
                <Group gap="sm" mb="xs" align="baseline">
                  <Title order={2} size="h3" id={`need-${n.need.id}`}>
                    {i + 1}. {n.need.conceptLabel ? format.pick(n.need.conceptLabel) : n.need.label}
                  </Title>
                  <Badge variant="outline" color="dark" tt="none">
                    {t('matchingPage.priority', { priority: format.number(n.need.priority) })}
                  </Badge>
                  <Badge variant="outline" color="dark" tt="none">
                    {t(`analyses.horizonOption.${n.need.horizon as 'now'}`)}
                  </Badge>
                </Group>
                <MatchResult
                  match={n}
                  subject={{ kind: 'need', id: n.need.id }}
                  canDecide={canWrite}
                  headingId={`need-${n.need.id}`}
                  filters={filters}
                  onFiltersChange={setFilters}
                />
              </section>
            ))}
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
