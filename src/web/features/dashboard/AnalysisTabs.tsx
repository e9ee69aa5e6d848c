import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { DASHBOARD_READERS } from './dashboard.api.ts';

/** Whether the active membership reads its HEI's key figures. */
export function useReadsKeyFigures() {
  const membership = activeOrganisationOf(useMe());
  return membership?.tenant.kind === 'hei' && hasRole(membership, ...DASHBOARD_READERS);
}

/**
 * The two views of Analys for those who read both: the consortium's pooled analysis and their own HEI's key
 * figures (a regional analyst, or a teacher, has only the first and sees no choice).
 */
export function AnalysisTabs({ current }: { current: 'regional' | 'hei' }) {
  const { t } = useTranslation();
  if (!useReadsKeyFigures()) return null;
  const tab = (to: '/analysis' | '/analysis/hei', key: 'regional' | 'hei', label: string) => (
    <ButtonLink
      to={to}
      size="sm"
      variant={current === key ? 'filled' : 'default'}
      aria-current={current === key ? 'page' : undefined}
    >
      {label}
    </ButtonLink>
  );
  return (
    <Group component="nav" aria-label={t('keyFigures.tabs')} gap="xs">
      {tab('/analysis', 'regional', t('keyFigures.regionalTab'))}
      {tab('/analysis/hei', 'hei', t('keyFigures.heiTab'))}
    </Group>
  );
}
