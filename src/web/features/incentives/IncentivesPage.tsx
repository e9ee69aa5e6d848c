import { Badge, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { Page, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { VersionTable } from '../../ui/VersionTable.tsx';
import { OrganisationQueryView } from '../admin/OrganisationView.tsx';
import { hundredthsToInput, parsePercent } from '../costs/money.ts';
import {
  createIncentiveModel,
  factorText,
  type IncentiveModel,
  incentiveAccess,
  incentiveModelsQuery,
  parseFactor,
} from './incentives.api.ts';

/**
 * "Incitament": the HEI's incentive model in versions — the share of the OH surcharge returned to the
 * departments, the factor on teachers' hours and other incentives in words. Everyone at the HEI reads it;
 * admins and economists add a version (from today or later; a version in force never changes).
 */
export function IncentivesPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const access = incentiveAccess(membership);
  const query = useQuery({ ...incentiveModelsQuery(membership?.tenant.id ?? ''), enabled: access.canRead });
  return (
    <Page title={t('incentives.title')}>
      <OrganisationQueryView membership={membership} allowed={access.canRead} query={query}>
        {({ versions }, { tenant }) => (
          <IncentivesContent organisationId={tenant.id} versions={versions} canEdit={access.canEdit} />
        )}
      </OrganisationQueryView>
    </Page>
  );
}

function IncentivesContent({
  organisationId,
  versions,
  canEdit,
}: {
  organisationId: string;
  versions: IncentiveModel[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const inForce = versions.find((v) => v.status === 'in_force');
  const selected = versions.find((v) => v.id === selectedId) ?? inForce ?? versions[0];
  return (
    <Stack gap="lg">
      <Text maw={760}>{t('incentives.intro')}</Text>
      <Section id="incentive-versions" title={t('incentives.versions')}>
        <Stack gap="sm">
          {versions.length === 0 ? (
            <Text>{t('incentives.noVersions')}</Text>
          ) : (
            <IncentiveVersionTable versions={versions} selectedId={selected?.id} onSelect={setSelectedId} />
          )}
          {canEdit ? (
            <Group>
              <Button variant="light" onClick={() => setCreating(true)}>
                {t('incentives.newVersion')}
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('incentives.readOnly')}
            </Text>
          )}
        </Stack>
      </Section>
      {selected && (
        <Section id="incentive-version" title={t('incentives.versionTitle', { version: selected.version })}>
          <ModelValues model={selected} />
        </Section>
      )}
      {creating && (
        <NewVersionModal
          organisationId={organisationId}
          latest={versions[0]}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setSelectedId(id);
            setCreating(false);
          }}
        />
      )}
    </Stack>
  );
}

export function StatusBadge({ model }: { model: IncentiveModel }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant={model.status === 'in_force' ? 'light' : 'outline'}
      color={model.status === 'in_force' ? 'green' : 'gray.8'}
      tt="none"
    >
      {t(`incentives.status.${model.status}`)}
    </Badge>
  );
}

function IncentiveVersionTable({
  versions,
  selectedId,
  onSelect,
}: {
  versions: IncentiveModel[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <VersionTable
      versions={versions}
      selectedId={selectedId}
      onSelect={onSelect}
      rowTestId="incentive-version-row"
      minWidth={720}
      columns={[
        t('incentives.columns.version'),
        t('incentives.columns.effectiveFrom'),
        t('incentives.columns.status'),
        t('incentives.columns.departmentShare'),
        t('incentives.columns.workloadFactor'),
        t('incentives.columns.createdBy'),
      ]}
      title={(v) => t('incentives.versionTitle', { version: v.version })}
      cells={(v) => [
        <StatusBadge key="status" model={v} />,
        format.percent(v.departmentShareBp),
        factorText(v.workloadFactorBp, i18n.language),
        v.createdBy?.name ?? '–',
      ]}
    />
  );
}

/** One version's values, the description in the interface language (the other below it). */
function ModelValues({ model }: { model: IncentiveModel }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const factor = factorText(model.workloadFactorBp, i18n.language);
  const [first, second] =
    i18n.language === 'en'
      ? [model.description.en, model.description.sv]
      : [model.description.sv, model.description.en];
  return (
    <Stack gap="md" data-testid="incentive-values">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Value label={t('incentives.values.effectiveFrom')}>
          {format.date(model.effectiveFrom)} <StatusBadge model={model} />
        </Value>
        <Value label={t('incentives.values.departmentShare')}>
          {format.percent(model.departmentShareBp)}
        </Value>
        <Value label={t('incentives.values.workloadFactor')}>
          {t('incentives.values.factorValue', { factor })}
        </Value>
      </SimpleGrid>
      <Value label={t('incentives.values.description')}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{first}</Text>
        <Text size="sm" c="dimmed" mt="xs">
          <Text span inherit fw={600}>
            {t('incentives.values.otherLanguage')}:
          </Text>{' '}
          <span lang={i18n.language === 'en' ? 'sv' : 'en'} style={{ whiteSpace: 'pre-wrap' }}>
            {second}
          </span>
        </Text>
      </Value>
    </Stack>
  );
}

function Value({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={700}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

type Form = {
  effectiveFrom: string;
  departmentShare: string;
  workloadFactor: string;
  descriptionSv: string;
  descriptionEn: string;
};
type Field = keyof Form;

/** Today in Sweden as YYYY-MM-DD (the Swedish date format is ISO's). */
const todayIso = () =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

function NewVersionModal({
  organisationId,
  latest,
  onClose,
  onCreated,
}: {
  organisationId: string;
  latest: IncentiveModel | undefined;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const mark = i18n.language === 'en' ? '.' : ',';
  // A new version usually changes one thing: start from the latest one.
  const [form, setForm] = useState<Form>(() => ({
    effectiveFrom: todayIso(),
    departmentShare: latest ? hundredthsToInput(latest.departmentShareBp, mark, true) : '',
    workloadFactor: latest ? factorText(latest.workloadFactorBp, i18n.language) : '1',
    descriptionSv: latest?.description.sv ?? '',
    descriptionEn: latest?.description.en ?? '',
  }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = (field: Field) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const messages: Record<Field, string> = {
    effectiveFrom: t('incentives.errors.date'),
    departmentShare: t('incentives.errors.share'),
    workloadFactor: t('incentives.errors.factor'),
    descriptionSv: t('incentives.errors.description'),
    descriptionEn: t('incentives.errors.description'),
  };
  const apiFields: Record<string, Field> = {
    effectiveFrom: 'effectiveFrom',
    departmentShareBp: 'departmentShare',
    workloadFactorBp: 'workloadFactor',
    descriptionSv: 'descriptionSv',
    descriptionEn: 'descriptionEn',
  };

  const create = useMutation({
    mutationFn: (body: Parameters<typeof createIncentiveModel>[1]) =>
      createIncentiveModel(organisationId, body),
    onSuccess: async (created) => {
      await refetchAfterChange(queryClient, incentiveModelsQuery(organisationId).queryKey);
      // the cases' panels show the model: they may have changed
      await refetchAfterChange(queryClient, ['cases']);
      notify(t('incentives.created', { version: created.version, date: format.date(created.effectiveFrom) }));
      onCreated(created.id);
    },
    onError: (error) => {
      if (!isApiError(error, 400)) return;
      const refused: Partial<Record<Field, string>> = {};
      for (const field of Object.keys(error.fieldErrors())) {
        const mine = apiFields[field];
        if (mine) refused[mine] = messages[mine];
      }
      setErrors(refused);
    },
  });

  const submit = () => {
    const share = parsePercent(form.departmentShare);
    const factor = parseFactor(form.workloadFactor);
    const found: Partial<Record<Field, string>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.effectiveFrom)) found.effectiveFrom = messages.effectiveFrom;
    if (share === null || share > 10_000) found.departmentShare = messages.departmentShare;
    if (factor === null || factor > 50_000) found.workloadFactor = messages.workloadFactor;
    if (!form.descriptionSv.trim()) found.descriptionSv = messages.descriptionSv;
    if (!form.descriptionEn.trim()) found.descriptionEn = messages.descriptionEn;
    setErrors(found);
    if (Object.keys(found).length || share === null || factor === null) return;
    create.mutate({
      effectiveFrom: form.effectiveFrom,
      departmentShareBp: share,
      workloadFactorBp: factor,
      descriptionSv: form.descriptionSv,
      descriptionEn: form.descriptionEn,
    });
  };

  return (
    <FormModal
      title={t('incentives.newVersion')}
      onClose={onClose}
      submitLabel={t('incentives.create')}
      pending={create.isPending}
      size="lg"
      error={
        isApiError(create.error, 409)
          ? t('incentives.errors.inForce')
          : create.error && !isApiError(create.error, 400)
            ? message(create.error)
            : undefined
      }
      onSubmit={submit}
    >
      <Text size="sm">{t('incentives.newIntro')}</Text>
      <TextInput
        type="date"
        label={t('incentives.fields.effectiveFrom')}
        required
        value={form.effectiveFrom}
        onChange={(e) => set('effectiveFrom')(e.currentTarget.value)}
        error={errors.effectiveFrom}
        data-autofocus
      />
      <TextInput
        label={t('incentives.fields.departmentShare')}
        description={t('incentives.fields.departmentShareHint')}
        required
        inputMode="decimal"
        value={form.departmentShare}
        onChange={(e) => set('departmentShare')(e.currentTarget.value)}
        error={errors.departmentShare}
      />
      <TextInput
        label={t('incentives.fields.workloadFactor')}
        description={t('incentives.fields.workloadFactorHint')}
        required
        inputMode="decimal"
        value={form.workloadFactor}
        onChange={(e) => set('workloadFactor')(e.currentTarget.value)}
        error={errors.workloadFactor}
      />
      <Textarea
        label={t('incentives.fields.descriptionSv')}
        description={t('incentives.fields.descriptionHint')}
        required
        autosize
        minRows={3}
        lang="sv"
        value={form.descriptionSv}
        onChange={(e) => set('descriptionSv')(e.currentTarget.value)}
        error={errors.descriptionSv}
      />
      <Textarea
        label={t('incentives.fields.descriptionEn')}
        required
        autosize
        minRows={3}
        lang="en"
        value={form.descriptionEn}
        onChange={(e) => set('descriptionEn')(e.currentTarget.value)}
        error={errors.descriptionEn}
      />
    </FormModal>
  );
}
