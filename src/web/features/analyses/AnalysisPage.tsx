import { Alert, Badge, Button, Group, Menu, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Analysis, analysisSchema } from '../../../features/needs/needs.contract.ts';
import { api } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Loading, Page, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { AnalysisEditor } from './AnalysisEditor.tsx';
import { useAnalysisAccess } from './access.ts';
import { analysesQuery, analysisQuery, comparisonQuery, hei } from './analyses.api.ts';
import { PersonsSection } from './Persons.tsx';
import { SelfServiceLinks } from './SelfServiceLinks.tsx';
import { SurveysSection } from './Surveys.tsx';

const route = getRouteApi('/app/needs/$analysisId');

/** One analysis as the HEI works on it with the customer: the editor, exports, versions. */
export function AnalysisPage() {
  const { t } = useTranslation();
  const { analysisId } = route.useParams();
  const { canRead, canWrite } = useAnalysisAccess();
  const base = hei(analysisId);
  const analysis = useQuery({ ...analysisQuery(base), enabled: canRead });
  return (
    <Page title={analysis.data?.title ?? t('analyses.title')}>
      {!canRead ? (
        <Alert color="orange" title={t('access.forbiddenTitle')}>
          {t('analyses.noAccess')}
        </Alert>
      ) : analysis.isPending ? (
        <Loading />
      ) : analysis.isError ? (
        <ErrorAlert error={analysis.error} />
      ) : (
        <Stack gap="lg">
          <Header analysis={analysis.data} canWrite={canWrite} />
          <AnalysisEditor analysis={analysis.data} endpoints={{ base }} canEdit={canWrite} formulaEditable />
          <SurveysSection base={base} analysis={analysis.data} canEdit={canWrite} />
          <PersonsSection base={base} analysis={analysis.data} canEdit={canWrite} />
          <SelfServiceLinks analysisId={analysis.data.id} canEdit={canWrite} />
          <VersionsSection analysis={analysis.data} />
        </Stack>
      )}
    </Page>
  );
}

function Header({ analysis, canWrite }: { analysis: Analysis; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const newVersion = useMutation({
    mutationFn: () => api.post(`/api/analyses/${analysis.id}/versions`, {}, analysisSchema),
    onSuccess: async (created) => {
      await refetchAfterChange(queryClient, ['analyses']);
      notify(t('analyses.newVersionDone', { version: created.version }));
      await navigate({ to: '/needs/$analysisId', params: { analysisId: created.id } });
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const file = (format: string) => `/api/analyses/${analysis.id}/export?format=${format}&lang=${lang}`;
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={4}>
        <Group gap="xs">
          <Badge size="lg" variant="light" tt="none">
            {t('analyses.version', { version: analysis.version })}
          </Badge>
          <Text fw={600}>
            {t('analyses.customer')}: {analysis.customer.name}
          </Text>
        </Group>
        {analysis.caseId && (
          <AnchorLink to="/cases/$caseId" params={{ caseId: analysis.caseId }}>
            {t('analyses.caseLink')}
          </AnchorLink>
        )}
      </Stack>
      <Group gap="xs">
        <ButtonLink to="/needs/$analysisId/matches" params={{ analysisId: analysis.id }} variant="filled">
          {t('matchingPage.analysisLink')}
        </ButtonLink>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default">{t('analyses.export')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={file('csv')} download>
              {t('analyses.exportCsv')}
            </Menu.Item>
            <Menu.Item component="a" href={file('xlsx')} download>
              {t('analyses.exportXlsx')}
            </Menu.Item>
            <Menu.Item component="a" href={`/api/analyses/${analysis.id}/summary.pdf?lang=${lang}`} download>
              {t('analyses.exportPdf')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {canWrite && (
          <Button variant="light" loading={newVersion.isPending} onClick={() => newVersion.mutate()}>
            {t('analyses.newVersion')}
          </Button>
        )}
      </Group>
    </Group>
  );
}

/** Compares this analysis with another one of the same customer (usually an earlier version). */
function VersionsSection({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  const others = useQuery(analysesQuery({ customerId: analysis.customer.id }));
  const [other, setOther] = useState('');
  const [compared, setCompared] = useState<string | null>(null);
  const candidates = (others.data ?? []).filter((a) => a.id !== analysis.id);
  if (candidates.length === 0) return null;
  return (
    <Section id="analysis-versions" title={t('analyses.versions')}>
      <Stack gap="sm">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (other) setCompared(other);
          }}
        >
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('analyses.compareWith')}
              value={other}
              onChange={(e) => setOther(e.currentTarget.value)}
            >
              <option value="" />
              {candidates.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} – {t('analyses.version', { version: a.version })}
                </option>
              ))}
            </NativeSelect>
            <Button type="submit" variant="default" disabled={!other}>
              {t('analyses.compare')}
            </Button>
          </Group>
        </form>
        {compared && <Comparison fromId={compared} toId={analysis.id} />}
      </Stack>
    </Section>
  );
}

function Comparison({ fromId, toId }: { fromId: string; toId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const comparison = useQuery(comparisonQuery(fromId, toId));
  if (comparison.isPending) return <Loading />;
  if (comparison.isError) return <ErrorAlert error={comparison.error} />;
  const c = comparison.data;
  const pair = (v: { gap: number; priority: number } | null) =>
    v ? `${v.gap} / ${format.number(v.priority, 2)}` : '–';
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('analyses.compareTitle', { from: c.from.version, to: c.to.version })}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped data-testid="comparison-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('analyses.competence')}</Table.Th>
              <Table.Th scope="col">{t('analyses.change.changed')}</Table.Th>
              <Table.Th scope="col">{t('analyses.before')}</Table.Th>
              <Table.Th scope="col">{t('analyses.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{t(`analyses.change.${row.change}`)}</Table.Td>
                <Table.Td>{pair(row.before)}</Table.Td>
                <Table.Td>{pair(row.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
