import { Paper, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView, Section } from '../../ui/page.tsx';
import { MatchFiltersPanel, MatchResult } from './MatchViews.tsx';
import { type Filters, inquiryMatchesQuery } from './matching.api.ts';

/** The inquiry's need, in the employer's own words, matched against the consortium's catalogues. */
export function InquiryMatches({ inquiryId, canDecide }: { inquiryId: string; canDecide: boolean }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ hei: 'own-first' });
  const matches = useQuery({ ...inquiryMatchesQuery(inquiryId, filters), placeholderData: (p) => p });
  return (
    <Section id="inq-matches" title={t('matchingPage.inquiryTitle')}>
      <Stack gap="sm">
        <Paper withBorder p="sm">
          <MatchFiltersPanel filters={filters} onChange={setFilters} />
        </Paper>
        <QueryView query={matches}>
          {(data) => (
            <MatchResult
              match={data}
              subject={{ kind: 'inquiry', id: inquiryId }}
              canDecide={canDecide}
              headingId="inq-matches"
              filters={filters}
              onFiltersChange={setFilters}
            />
          )}
        </QueryView>
      </Stack>
    </Section>
  );
}
