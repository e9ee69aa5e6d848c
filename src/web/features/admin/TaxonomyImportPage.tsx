import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  Paper,
  Progress,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api.ts';
import { useMe } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading, Page, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { formatSize } from '../documents/documents.api.ts';
import {
  type ImportForm,
  isRunning,
  percentDone,
  type TaxonomyImport,
  taxonomyImportListSchema,
  taxonomyImportSchema,
  uploadTaxonomy,
} from './taxonomy.api.ts';

const listKey = ['taxonomy-imports'] as const;

/**
 * Taxonomy imports for administrators: upload an ESCO CSV package or JobTech JSON files with the same
 * options as `lupp import taxonomy`, follow the background import to its end, read its problem report,
 * and see earlier imports. Taxonomies are shared by the whole installation, so the administrator of any
 * HEI may import.
 */
export function TaxonomyImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [shown, setShown] = useState<string | null>(null);
  const isAdmin = !!me?.memberships.some((m) => m.tenant.kind === 'hei' && m.roles.includes('admin'));
  return (
    <Page title={t('taxonomyAdmin.title')}>
      {isAdmin ? (
        <>
          <Text>{t('taxonomyAdmin.intro')}</Text>
          <UploadForm onQueued={setShown} />
          {shown && <ImportStatus importId={shown} />}
          <History shown={shown} onShow={setShown} />
        </>
      ) : (
        <Alert color="orange" title={t('access.forbiddenTitle')}>
          {t('taxonomyAdmin.forbidden')}
        </Alert>
      )}
    </Page>
  );
}

function UploadForm({ onQueued }: { onQueued: (importId: string) => void }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const filesId = useId();
  const filesHintId = useId();
  const filesErrorId = useId();
  const [form, setForm] = useState<ImportForm>({
    format: 'esco',
    version: '',
    language: '',
    keepValidRows: false,
    files: [],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const set = <K extends keyof ImportForm>(key: K, value: ImportForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const upload = useMutation({
    mutationFn: (input: ImportForm) => uploadTaxonomy(input, (s, total) => setSent({ sent: s, total })),
    onMutate: () => {
      setErrors({});
      setSent({ sent: 0, total: 1 });
    },
    onSuccess: async (queued) => {
      setSent(null);
      setForm((f) => ({ ...f, files: [] }));
      if (fileInput.current) fileInput.current.value = '';
      onQueued(queued.id);
      await refetchAfterChange(queryClient, listKey);
    },
    onError: (error) => {
      setSent(null);
      if (isApiError(error, 413)) setErrors({ files: t('taxonomyAdmin.tooLarge') });
      else if (isApiError(error, 400) && error.errors.length) setErrors(error.fieldErrors());
      else setErrors({ form: errorMessage(error) });
    },
  });

  const totalSize = form.files.reduce((sum, f) => sum + f.size, 0);
  const extension = form.format === 'esco' ? '.csv' : '.json';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="taxonomy-upload-title">
      <Title order={2} size="h3" id="taxonomy-upload-title" mb="sm">
        {t('taxonomyAdmin.uploadTitle')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!form.files.length) setErrors({ files: t('taxonomyAdmin.chooseFiles') });
          else upload.mutate(form);
        }}
      >
        <Stack gap="md">
          <Radio.Group
            label={t('taxonomyAdmin.format')}
            value={form.format}
            onChange={(value) => set('format', value === 'jobtech' ? 'jobtech' : 'esco')}
            error={errors.format}
          >
            <Group mt={4}>
              <Radio value="esco" label={t('taxonomyAdmin.esco')} />
              <Radio value="jobtech" label={t('taxonomyAdmin.jobtech')} />
            </Group>
          </Radio.Group>

          <Stack gap={4}>
            <Input.Label htmlFor={filesId}>{t('taxonomyAdmin.files')}</Input.Label>
            <Input.Description id={filesHintId}>
              {form.format === 'esco'
                ? t('taxonomyAdmin.filesHintEsco')
                : t('taxonomyAdmin.filesHintJobtech')}
            </Input.Description>
            <input
              ref={fileInput}
              id={filesId}
              type="file"
              multiple
              accept={extension}
              aria-describedby={errors.files ? `${filesHintId} ${filesErrorId}` : filesHintId}
              aria-invalid={errors.files ? true : undefined}
              onChange={(e) => set('files', [...(e.currentTarget.files ?? [])])}
              style={{ maxWidth: '100%' }}
            />
            {form.files.length > 0 && (
              <Text size="sm">
                {t('taxonomyAdmin.chosen', {
                  count: form.files.length,
                  size: formatSize(totalSize, i18n.language),
                })}
              </Text>
            )}
            {errors.files && <Input.Error id={filesErrorId}>{errors.files}</Input.Error>}
          </Stack>

          <Group align="flex-start" grow preventGrowOverflow={false}>
            <TextInput
              label={t('taxonomyAdmin.version')}
              description={
                form.format === 'esco'
                  ? t('taxonomyAdmin.versionHintEsco')
                  : t('taxonomyAdmin.versionHintJobtech')
              }
              placeholder={form.format === 'esco' ? '1.2.0' : 'current'}
              value={form.version}
              onChange={(e) => set('version', e.currentTarget.value)}
              error={errors.version}
              maw={320}
            />
            {form.format === 'esco' && (
              <TextInput
                label={t('taxonomyAdmin.language')}
                description={t('taxonomyAdmin.languageHint')}
                placeholder="sv"
                value={form.language}
                onChange={(e) => set('language', e.currentTarget.value)}
                error={errors.language}
                maw={320}
              />
            )}
          </Group>

          <Checkbox
            label={t('taxonomyAdmin.keepValidRows')}
            description={t('taxonomyAdmin.keepValidRowsHint')}
            checked={form.keepValidRows}
            onChange={(e) => set('keepValidRows', e.currentTarget.checked)}
          />

          {errors.form && (
            <Alert color="red" title={t('common.error')} role="alert">
              {errors.form}
            </Alert>
          )}
          {sent && (
            <ProgressBar
              label={t('taxonomyAdmin.uploading')}
              percent={Math.round((sent.sent / Math.max(1, sent.total)) * 100)}
              valueText={t('taxonomyAdmin.uploaded', {
                sent: formatSize(sent.sent, i18n.language),
                total: formatSize(sent.total, i18n.language),
              })}
            />
          )}
          <Group>
            <Button type="submit" loading={upload.isPending}>
              {t('taxonomyAdmin.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A labelled progress bar whose value text says more than a percentage (and is shown beside it). */
function ProgressBar({ label, percent, valueText }: { label: string; percent: number; valueText: string }) {
  const { t } = useTranslation();
  const text = t('taxonomyAdmin.valueText', { text: valueText, percent });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} aria-hidden>
        {label}
      </Text>
      <Progress.Root size="lg">
        <Progress.Section
          value={percent}
          withAria={false}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
        />
      </Progress.Root>
      <Text size="sm" data-testid="progress-text" aria-hidden>
        {text}
      </Text>
    </Stack>
  );
}

function ImportStatus({ importId }: { importId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE');
  const view = useQuery({
    queryKey: ['taxonomy-import', importId],
    queryFn: ({ signal }) => api.get(`/api/taxonomy/imports/${importId}`, taxonomyImportSchema, signal),
    // Every second until the job is done with it.
    refetchInterval: (query) => (query.state.data && !isRunning(query.state.data.status) ? false : 1000),
  });
  const status = view.data?.status;
  useEffect(() => {
    if (status && !isRunning(status)) void refetchAfterChange(queryClient, listKey);
  }, [status, queryClient]);

  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const data = view.data;
  const p = data.progress;
  const phaseText =
    data.status === 'queued'
      ? t('taxonomyAdmin.phase.queued')
      : isRunning(data.status) && p
        ? t(`taxonomyAdmin.phase.${p.phase}`, { done: number.format(p.done), total: number.format(p.total) })
        : t(`taxonomyAdmin.status.${data.status}`);
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="taxonomy-import-title"
      data-testid="import-status"
    >
      <Title order={2} size="h3" id="taxonomy-import-title" mb="sm">
        {t('taxonomyAdmin.importTitle', {
          source: data.source === 'esco' ? 'ESCO' : 'JobTech',
          version: data.version,
        })}
      </Title>
      <Stack gap="md">
        <Text role="status" fw={600} data-testid="import-state">
          {t(`taxonomyAdmin.status.${data.status}`)}
        </Text>
        {(isRunning(data.status) || data.status === 'succeeded') && (
          <ProgressBar
            label={t('taxonomyAdmin.progressLabel')}
            percent={percentDone(data)}
            valueText={phaseText}
          />
        )}
        {data.status === 'needs_decision' && (
          <Alert color="orange" title={t('taxonomyAdmin.nothingImported')}>
            {t('taxonomyAdmin.needsDecision')}
          </Alert>
        )}
        {data.status === 'failed' && (
          <Alert color="red" title={t('taxonomyAdmin.status.failed')}>
            {t('taxonomyAdmin.failed')}
          </Alert>
        )}
        {!isRunning(data.status) && <Counts counts={data.counts} />}
        {data.problems.length > 0 && <ProblemReport problems={data.problems} total={data.counts.problems} />}
      </Stack>
    </Paper>
  );
}

const countKeys = ['files', 'concepts', 'relations', 'deprecated', 'problems'] as const;

function Counts({ counts }: { counts: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE');
  return (
    <Table withTableBorder captionSide="top" maw={420} data-testid="import-counts">
      <Table.Caption>{t('taxonomyAdmin.countsCaption')}</Table.Caption>
      <Table.Tbody>
        {countKeys
          .filter((key) => counts[key] !== undefined)
          .map((key) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">{t(`taxonomyAdmin.counts.${key}`)}</Table.Th>
              <Table.Td ta="right">{number.format(counts[key] ?? 0)}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

const SHOWN_PROBLEMS = 200;

function ProblemReport({
  problems,
  total,
}: {
  problems: TaxonomyImport['problems'];
  total: number | undefined;
}) {
  const { t } = useTranslation();
  const all = Math.max(total ?? 0, problems.length);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('taxonomyAdmin.problemsTitle')}
      </Title>
      {all > SHOWN_PROBLEMS && (
        <Text size="sm">{t('taxonomyAdmin.problemsShown', { shown: SHOWN_PROBLEMS, total: all })}</Text>
      )}
      <Table.ScrollContainer minWidth={560} mah={480}>
        <Table striped verticalSpacing="xs" data-testid="problem-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('taxonomyAdmin.file')}</Table.Th>
              <Table.Th scope="col">{t('taxonomyAdmin.row')}</Table.Th>
              <Table.Th scope="col">{t('taxonomyAdmin.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a report row has no identity of its own
              <Table.Tr key={i}>
                <Table.Td style={{ wordBreak: 'break-all' }}>{p.file}</Table.Td>
                <Table.Td>{p.row ?? t('taxonomyAdmin.wholeFile')}</Table.Td>
                <Table.Td>{p.problem}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function History({ shown, onShow }: { shown: string | null; onShow: (importId: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => api.get('/api/taxonomy/imports', taxonomyImportListSchema, signal),
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="taxonomy-history-title">
      <Title order={2} size="h3" id="taxonomy-history-title">
        {t('taxonomyAdmin.historyTitle')}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.length === 0 ? (
        <Text>{t('taxonomyAdmin.historyEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="import-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('taxonomyAdmin.started')}</Table.Th>
                <Table.Th scope="col">{t('taxonomyAdmin.source')}</Table.Th>
                <Table.Th scope="col">{t('taxonomyAdmin.version')}</Table.Th>
                <Table.Th scope="col">{t('taxonomyAdmin.language')}</Table.Th>
                <Table.Th scope="col">{t('taxonomyAdmin.statusColumn')}</Table.Th>
                <Table.Th scope="col">{t('taxonomyAdmin.counts.concepts')}</Table.Th>
                <Table.Th scope="col">{t('taxonomyAdmin.counts.problems')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('taxonomyAdmin.report')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((row) => {
                const started = format.dateTime(row.startedAt);
                return (
                  <Table.Tr key={row.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{started}</Table.Td>
                    <Table.Td>
                      {row.source === 'esco' ? 'ESCO' : row.source === 'jobtech' ? 'JobTech' : row.source}
                    </Table.Td>
                    <Table.Td>{row.version}</Table.Td>
                    <Table.Td>{row.language ?? '–'}</Table.Td>
                    <Table.Td>{t(`taxonomyAdmin.status.${row.status}`)}</Table.Td>
                    <Table.Td ta="right">{row.counts.concepts ?? '–'}</Table.Td>
                    <Table.Td ta="right">{row.counts.problems ?? row.problems.length}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        disabled={row.id === shown}
                        onClick={() => onShow(row.id)}
                        aria-label={t('taxonomyAdmin.showReport', { started })}
                      >
                        {t('taxonomyAdmin.show')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
