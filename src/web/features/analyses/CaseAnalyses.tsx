import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links.tsx';
import { NewAnalysisModal } from './AnalysesPage.tsx';
import { useAnalysisAccess } from './access.ts';
import { analysesQuery } from './analyses.api.ts';

/** On a case: its needs analyses (every version), and a way to start one in the dialogue stage. */
export function CaseAnalyses({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { canRead, canWrite } = useAnalysisAccess();
  const analyses = useQuery({ ...analysesQuery({ caseId }), enabled: canRead });
  const [creating, setCreating] = useState(false);
  if (!canRead) return null;
  return (
    <Stack gap="sm">
      {(analyses.data ?? []).length === 0 ? (
        <Text>{t('analyses.none')}</Text>
      ) : (
        <List>
          {(analyses.data ?? []).map((a) => (
            <List.Item key={a.id}>
              <AnchorLink to="/needs/$analysisId" params={{ analysisId: a.id }}>
                {a.title} – {t('analyses.version', { version: a.version })}
              </AnchorLink>
            </List.Item>
          ))}
        </List>
      )}
      {canWrite && (
        <Group>
          <Button variant="light" onClick={() => setCreating(true)}>
            {t('analyses.newButton')}
          </Button>
        </Group>
      )}
      {creating && <NewAnalysisModal caseId={caseId} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
