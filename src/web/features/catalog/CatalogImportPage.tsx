import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  FileInput,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type ImportReport,
  mappableFields,
  type uploadSchema,
} from '../../../features/catalog/catalog.contract.ts';
import { BackToList } from '../../ui/BackToList.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { Forbidden, Page, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { useCatalogAccess } from './access.ts';
import { catalogImportsQuery, importCatalog, uploadCatalog } from './catalog.api.ts';

type Upload = z.infer<typeof uploadSchema>;

/**
 * The HEI's catalogue from a file, in two steps: read it (columns, first rows, a guessed mapping), then
 * import with the mapping the person checked. The report names every bad row; nothing is written when
 * rows are bad unless the person chose to keep the valid ones.
 */
export function CatalogImportPage() {
  const { t, i18n } = useTranslation();
  const { canWrite, heiId } = useCatalogAccess();
  return (
    <Page title={t('catalog.importTitle')}>
      <BackToList to="/courses">{t('catalog.back')}</BackToList>
      <Text maw={760}>{t('catalog.importIntro')}</Text>
      {!canWrite || !heiId ? (
        <Forbidden>{t('catalog.importNoAccess')}</Forbidden>
      ) : (
        <>
          <Text size="sm" maw={760}>
            {t('catalog.exportHint')}{' '}
            <Anchor href={`/api/organisations/${heiId}/catalog/export`} download>
              {t('catalog.exportLink')}
            </Anchor>
            {' · '}
            <Anchor
              href={`/api/organisations/${heiId}/catalog/export?format=xlsx&lang=${i18n.language === 'en' ? 'en' : 'sv'}`}
              download
            >
              {t('catalog.exportXlsxLink')}
            </Anchor>
          </Text>
          <CatalogImport heiId={heiId} />
        </>
      )}
    </Page>
  );
}

function CatalogImport({ heiId }: { heiId: string }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [keepValidRows, setKeepValidRows] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const read = useMutation({
    mutationFn: (chosen: File) => uploadCatalog(heiId, chosen),
    onSuccess: (u) => {
      setUpload(u);
      setMapping(u.suggestedMapping);
      setReport(null);
    },
    onError: (e) => setFileError(errorMessage(e)),
  });
  const run = useMutation({
    mutationFn: (u: Upload) =>
      importCatalog(heiId, {
        uploadId: u.uploadId,
        mapping: u.format === 'json' ? undefined : mapping,
        keepValidRows,
      }),
    onSuccess: async (r) => {
      setReport(r);
      await refetchAfterChange(queryClient, ['catalog-imports', heiId]);
      await refetchAfterChange(queryClient, ['courses']);
    },
  });

  return (
    <Stack gap="lg">
      <form
        noValidate
        aria-label={t('catalog.importTitle')}
        onSubmit={submitting(() => {
          if (!file) setFileError(t('catalog.fileError'));
          else {
            setFileError(null);
            read.mutate(file);
          }
        })}
      >
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t('catalog.file')}
            accept=".json,.csv,.xlsx,application/json,text/csv"
            value={file}
            onChange={setFile}
            error={fileError}
            miw={320}
          />
          <Button type="submit" loading={read.isPending}>
            {t('catalog.read')}
          </Button>
        </Group>
      </form>
      {upload && (
        <Section id="catalog-mapping" title={t('catalog.mapping')}>
          <Stack gap="sm">
            <Text>
              {upload.fileName}: {t('catalog.rows', { count: upload.rows })}
            </Text>
            {upload.problems.map((p) => (
              <Alert key={`${p.code}-${p.row}`} color="red" role="alert">
                {i18n.language === 'en' ? p.message.en : p.message.sv}
              </Alert>
            ))}
            {upload.format !== 'json' && (
              <>
                <Text size="sm">{t('catalog.mappingIntro')}</Text>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                  {mappableFields.map((field) => (
                    <NativeSelect
                      key={field}
                      label={t(`catalog.field_.${field}`)}
                      value={mapping[field] ?? ''}
                      onChange={(e) => {
                        const column = e.currentTarget.value;
                        setMapping(({ [field]: _old, ...rest }) =>
                          column ? { ...rest, [field]: column } : rest,
                        );
                      }}
                    >
                      <option value="">{t('catalog.notMapped')}</option>
                      {upload.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </NativeSelect>
                  ))}
                </SimpleGrid>
                <Sample upload={upload} />
              </>
            )}
            <Checkbox
              label={t('catalog.keepValidRows')}
              checked={keepValidRows}
              onChange={(e) => setKeepValidRows(e.currentTarget.checked)}
            />
            <Group>
              <Button loading={run.isPending} onClick={() => run.mutate(upload)}>
                {t('catalog.import')}
              </Button>
            </Group>
            {run.isError && (
              <Alert color="red" role="alert">
                {errorMessage(run.error)}
              </Alert>
            )}
          </Stack>
        </Section>
      )}
      {report && <Report report={report} />}
      <History heiId={heiId} />
    </Stack>
  );
}

function Sample({ upload }: { upload: Upload }) {
  const { t } = useTranslation();
  if (upload.sampleRows.length === 0) return null;
  return (
    <>
      <Text fw={600} id="catalog-sample">
        {t('catalog.sample')}
      </Text>
      {/* A wide sheet scrolls sideways: the region takes keyboard focus so it can be scrolled without a mouse. */}
      <Box role="region" aria-labelledby="catalog-sample" tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table striped miw={Math.max(480, upload.columns.length * 140)}>
          <Table.Thead>
            <Table.Tr>
              {upload.columns.map((c) => (
                <Table.Th key={c} scope="col">
                  {c}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upload.sampleRows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity but their place
              <Table.Tr key={i}>
                {upload.columns.map((c) => (
                  <Table.Td key={c}>{(row[c] ?? '').slice(0, 80)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </>
  );
}

function Report({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  return (
    <Section id="catalog-report" title={t('catalog.report')}>
      <Stack gap="sm" data-testid="catalog-report">
        <Alert color={report.status === 'succeeded' ? 'green' : 'orange'} role="status">
          <Text fw={700}>{t(`catalog.status.${report.status}`)}</Text>
          <Text>{t('catalog.counts', report.counts)}</Text>
        </Alert>
        {report.problems.length > 0 && (
          <>
            <Text fw={600}>{t('catalog.problems')}</Text>
            <DataTable
              minWidth={480}
              columns={[t('catalog.row'), t('catalog.field'), t('catalog.problem')]}
              striped
            >
              {report.problems.map((p) => (
                <Table.Tr key={`${p.row}-${p.field}-${p.code}`}>
                  <Table.Th scope="row">{p.row ?? '–'}</Table.Th>
                  <Table.Td>
                    {p.field ? t(`catalog.field_.${p.field}`, { defaultValue: p.field }) : '–'}
                  </Table.Td>
                  <Table.Td>{i18n.language === 'en' ? p.message.en : p.message.sv}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </>
        )}
      </Stack>
    </Section>
  );
}

function History({ heiId }: { heiId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const imports = useQuery(catalogImportsQuery(heiId));
  if (!imports.data?.length) return null;
  return (
    <Section id="catalog-history" title={t('catalog.history')}>
      <DataTable minWidth={520} columns={[t('catalog.file'), t('catalog.report')]} striped>
        {imports.data.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Th scope="row">
              {r.fileName}
              <Text size="xs">{format.dateTime(r.startedAt)}</Text>
            </Table.Th>
            <Table.Td>
              {t(`catalog.status.${r.status}`)} · {t('catalog.counts', r.counts)}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
