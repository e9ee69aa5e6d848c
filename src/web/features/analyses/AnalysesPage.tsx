import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnalysisSummary, analysisSchema } from '../../../features/needs/needs.contract.ts';
import { api, isApiError } from '../../api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Page, QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { casesQuery } from '../cases/cases.api.ts';
import { useAnalysisAccess } from './access.ts';
import { ANALYSES_PAGE, analysesPageQuery } from './analyses.api.ts';

const route = getRouteApi('/app/needs');

/** The active HEI's needs analyses, newest first and searchable, and a way to start one for a case. */
export function AnalysesPage() {
  const { t } = useTranslation();
  const { q } = route.useSearch();
  const navigate = useNavigate();
  const { canRead, canWrite } = useAnalysisAccess();
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('analyses.title')}>
      <Text maw={760}>{t('analyses.intro')}</Text>
      {!canRead ? (
        <Alert color="orange" title={t('access.forbiddenTitle')}>
          {t('analyses.noAccess')}
        </Alert>
      ) : (
        <Stack gap="md">
          {canWrite && (
            <Group>
              <Button onClick={() => setCreating(true)}>{t('analyses.newButton')}</Button>
            </Group>
          )}
          <SearchForm
            label={t('analyses.search')}
            hint={t('analyses.searchHint')}
            button={t('analyses.searchButton')}
            searched={q}
            maw={640}
            onSearch={(text) => void navigate({ to: '/needs', search: { q: text } })}
          />
          <AnalysisList />
        </Stack>
      )}
      {creating && <NewAnalysisModal onClose={() => setCreating(false)} />}
    </Page>
  );
}

/** The analyses found, a page at a time (the page and the search are in the address, so back works). */
function AnalysisList() {
  const { t } = useTranslation();
  const { q, page = 1 } = route.useSearch();
  const navigate = useNavigate();
  const list = useQuery({ ...analysesPageQuery(q, page), placeholderData: (previous) => previous });
  const toPage = (next: number) =>
    void navigate({ to: '/needs', search: { q, page: next > 1 ? next : undefined } });
  // an address past the last page (a bookmark, analyses deleted since) shows the last page there is
  const { pages, pastTheEnd } = usePagesInRange(list, page, ANALYSES_PAGE, toPage);
  if (pastTheEnd) return null;
  return (
    <QueryView query={list}>
      {(data) =>
        data.total === 0 ? (
          <Text>{q ? t('analyses.noneFound', { q }) : t('analyses.none')}</Text>
        ) : (
          <Stack gap="sm">
            <AnalysisTable analyses={data.items} />
            <Pager page={page} pages={pages} onPage={toPage} />
          </Stack>
        )
      }
    </QueryView>
  );
}

function AnalysisTable({ analyses }: { analyses: AnalysisSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      minWidth={640}
      striped
      verticalSpacing="sm"
      data-testid="analyses-table"
      columns={[
        t('analyses.analysisTitle'),
        t('analyses.customer'),
        t('analyses.versionLabel'),
        t('analyses.needsCount'),
        t('analyses.created'),
      ]}
    >
      {analyses.map((a) => (
        <Table.Tr key={a.id}>
          <Table.Th scope="row">
            <AnchorLink to="/needs/$analysisId" params={{ analysisId: a.id }} fw={600}>
              {a.title}
            </AnchorLink>
          </Table.Th>
          <Table.Td>{a.customer.name}</Table.Td>
          <Table.Td>{a.version}</Table.Td>
          <Table.Td>{a.needs}</Table.Td>
          <Table.Td>{format.date(a.createdAt)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** Starts an analysis for one of the HEI's open cases (the customer is taken from the case). */
export function NewAnalysisModal({ onClose, caseId }: { onClose: () => void; caseId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [chosenCase, setChosenCase] = useState(caseId ?? '');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<{ title?: string; caseId?: string; other?: string }>({});
  const create = useMutation({
    mutationFn: () => api.post('/api/analyses', { caseId: chosenCase, title }, analysisSchema),
    onSuccess: async (created) => {
      await refetchAfterChange(queryClient, ['analyses']);
      onClose();
      await navigate({ to: '/needs/$analysisId', params: { analysisId: created.id } });
    },
    onError: (error) => {
      if (isApiError(error, 400)) {
        const fields = error.fieldErrors();
        setErrors({
          title: fields.title ? t('analyses.titleError') : undefined,
          caseId: fields.caseId ? t('analyses.caseError') : undefined,
        });
      } else setErrors({ other: errorMessage(error) });
    },
  });
  const submit = () => {
    const local = {
      title: title.trim().length < 3 ? t('analyses.titleError') : undefined,
      caseId: chosenCase ? undefined : t('analyses.caseError'),
    };
    setErrors(local);
    if (!local.title && !local.caseId) create.mutate();
  };

  return (
    <FormModal
      title={t('analyses.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('analyses.create')}
      pending={create.isPending}
      error={errors.other}
    >
      {!caseId && <CasePicker value={chosenCase} onChange={setChosenCase} error={errors.caseId} />}
      <TextInput
        label={t('analyses.analysisTitle')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
      />
    </FormModal>
  );
}

/**
 * The open case an analysis is for: the most recently changed ones at first, any other by searching as one
 * types (customer, title, need), so an HEI with many cases finds an old one too.
 */
function CasePicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (caseId: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // the box shows the chosen case's name: that is no search
  const q = debounced && debounced !== chosen?.label ? debounced : undefined;
  const cases = useQuery({
    ...casesQuery({ q, pageSize: 50, sort: 'updated' }),
    placeholderData: (previous) => previous,
  });
  const options = (cases.data?.items ?? [])
    .filter((c) => c.stage !== 'closed')
    .map((c) => ({ value: c.id, label: `${c.customer.name} – ${c.title} (${c.reference})` }));
  if (chosen && chosen.value === value && !options.some((o) => o.value === value)) options.unshift(chosen);
  return (
    <Select
      label={t('analyses.forCase')}
      description={t('analyses.caseSearchHint')}
      placeholder={t('analyses.chooseCase')}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={t('analyses.noCaseFound')}
      value={value || null}
      onChange={(id, option) => {
        setChosen(id && option ? { value: id, label: option.label } : null);
        onChange(id ?? '');
      }}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
