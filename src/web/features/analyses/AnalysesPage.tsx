import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analysisSchema } from '../../../features/needs/needs.contract.ts';
import { api, isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { ErrorAlert, Loading, Page, useErrorMessage } from '../../ui/page.tsx';
import { casesQuery } from '../cases/cases.api.ts';
import { useAnalysisAccess } from './access.ts';
import { analysesQuery } from './analyses.api.ts';

/** The active HEI's needs analyses, newest first, and a way to start one for a case. */
export function AnalysesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { canRead, canWrite } = useAnalysisAccess();
  const list = useQuery({ ...analysesQuery(), enabled: canRead });
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('analyses.title')}>
      <Text maw={760}>{t('analyses.intro')}</Text>
      {!canRead ? (
        <Alert color="orange" title={t('access.forbiddenTitle')}>
          {t('analyses.noAccess')}
        </Alert>
      ) : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Stack gap="md">
          {canWrite && (
            <Group>
              <Button onClick={() => setCreating(true)}>{t('analyses.newButton')}</Button>
            </Group>
          )}
          {list.data.length === 0 ? (
            <Text>{t('analyses.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing="sm" data-testid="analyses-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('analyses.analysisTitle')}</Table.Th>
                    <Table.Th scope="col">{t('analyses.customer')}</Table.Th>
                    <Table.Th scope="col">{t('analyses.versionLabel')}</Table.Th>
                    <Table.Th scope="col">{t('analyses.needsCount')}</Table.Th>
                    <Table.Th scope="col">{t('analyses.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((a) => (
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
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
      {creating && <NewAnalysisModal onClose={() => setCreating(false)} />}
    </Page>
  );
}

/** Starts an analysis for one of the HEI's open cases (the customer is taken from the case). */
export function NewAnalysisModal({ onClose, caseId }: { onClose: () => void; caseId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const cases = useQuery({ ...casesQuery({ pageSize: 200, sort: 'updated' }), enabled: !caseId });
  const [chosenCase, setChosenCase] = useState(caseId ?? '');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<{ title?: string; caseId?: string; other?: string }>({});
  const create = useMutation({
    mutationFn: () => api.post('/api/analyses', { caseId: chosenCase, title }, analysisSchema),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['analyses'] });
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
      {!caseId && (
        <NativeSelect
          label={t('analyses.forCase')}
          required
          value={chosenCase}
          onChange={(e) => setChosenCase(e.currentTarget.value)}
          error={errors.caseId}
        >
          <option value="">{t('analyses.chooseCase')}</option>
          {(cases.data?.items ?? [])
            .filter((c) => c.stage !== 'closed')
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.customer.name} – {c.title} ({c.reference})
              </option>
            ))}
        </NativeSelect>
      )}
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
