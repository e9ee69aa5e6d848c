import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostConfigInput } from '../../../features/costing/costing.contract.ts';
import { isApiError } from '../../api.ts';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { Page, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { VersionTable } from '../../ui/VersionTable.tsx';
import { OrganisationQueryView } from '../admin/OrganisationView.tsx';
import { Calculator } from './Calculator.tsx';
import { ConfigEditor, ConfigValues } from './ConfigEditor.tsx';
import { type CostConfigVersion, costAccess, costConfigsQuery, createCostConfig } from './costs.api.ts';

/**
 * The HEI's cost configuration (kostnadsunderlag): its versions, the values of one, a draft to change
 * (admins and economists; economists approve), and the full-cost calculator on the version in effect.
 */
export function CostsPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const access = costAccess(membership);
  const query = useQuery({ ...costConfigsQuery(membership?.tenant.id ?? ''), enabled: access.canRead });
  return (
    <Page title={t('costs.title')}>
      <OrganisationQueryView membership={membership} allowed={access.canRead} query={query}>
        {({ versions }, { tenant }) => (
          <CostsContent organisationId={tenant.id} versions={versions} access={access} />
        )}
      </OrganisationQueryView>
    </Page>
  );
}

function CostsContent({
  organisationId,
  versions,
  access,
}: {
  organisationId: string;
  versions: CostConfigVersion[];
  access: ReturnType<typeof costAccess>;
}) {
  const { t } = useTranslation();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Until one is chosen: the version in effect today, else the newest.
  const selected =
    versions.find((v) => v.id === selectedId) ?? versions.find((v) => v.inEffect) ?? versions[0];

  return (
    <Stack gap="lg">
      <Text maw={760}>{t('costs.intro')}</Text>
      <Section id="cost-versions" title={t('costs.versions')}>
        <Stack gap="sm">
          {versions.length === 0 ? (
            <Text>{t('costs.noVersions')}</Text>
          ) : (
            <CostVersionTable versions={versions} selectedId={selected?.id} onSelect={setSelectedId} />
          )}
          {access.canEdit && (
            <Group>
              <Button variant="light" onClick={() => setCreating(true)}>
                {t('costs.newVersion')}
              </Button>
            </Group>
          )}
        </Stack>
      </Section>
      {selected && (
        <Section id="cost-version" title={t('costs.versionTitle', { version: selected.version })}>
          {access.canEdit && selected.status === 'draft' ? (
            <ConfigEditor
              key={selected.id}
              organisationId={organisationId}
              version={selected}
              canApprove={access.canApprove}
            />
          ) : (
            <ConfigValues version={selected} canEdit={access.canEdit} />
          )}
        </Section>
      )}
      <Calculator organisationId={organisationId} versions={versions} />
      {creating && (
        <NewVersionModal
          organisationId={organisationId}
          first={versions.length === 0}
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

function CostVersionTable({
  versions,
  selectedId,
  onSelect,
}: {
  versions: CostConfigVersion[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <VersionTable
      versions={versions}
      selectedId={selectedId}
      onSelect={onSelect}
      rowTestId="cost-version-row"
      minWidth={640}
      columns={[
        t('costs.columns.version'),
        t('costs.columns.effectiveFrom'),
        t('costs.columns.status'),
        t('costs.columns.inEffect'),
        t('costs.columns.approvedBy'),
        t('costs.columns.approvedAt'),
      ]}
      title={(v) => t('costs.versionTitle', { version: v.version })}
      cells={(v) => [
        <Badge key="status" variant={v.status === 'approved' ? 'light' : 'outline'} tt="none">
          {t(`costs.status.${v.status}`)}
        </Badge>,
        v.inEffect ? (
          <Badge key="inEffect" variant="light" color="green" tt="none">
            {t('costs.inEffect')}
          </Badge>
        ) : (
          <Text key="inEffect" span size="sm" c="dimmed">
            {t('costs.notInEffect')}
          </Text>
        ),
        v.approvedBy?.name ?? '–',
        v.approvedAt ? format.dateTime(v.approvedAt) : '–',
      ]}
    />
  );
}

/** For an HEI's very first version there is nothing to copy: it starts from zeros to fill in. */
const starter: CostConfigInput = {
  staff: [{ key: 'lecturer', label: 'Lektor', hourlySalaryOre: 0, payrollOverheadBp: 0 }],
  indirectCostBp: 0,
  indirectCostBase: 'staff',
  premises: { kind: 'surcharge', rateBp: 0 },
  administrationPerDeliveryOre: 0,
  administrationPerParticipantOre: 0,
  materialsPerParticipantOre: 0,
  travelPerTripOre: 0,
  vat: { applies: false, rateBp: 2_500 },
};

function NewVersionModal({
  organisationId,
  first,
  onClose,
  onCreated,
}: {
  organisationId: string;
  first: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [missing, setMissing] = useState(false);
  const create = useMutation({
    mutationFn: () => createCostConfig(organisationId, effectiveFrom, first ? starter : undefined),
    onSuccess: async (created) => {
      await refetchAfterChange(queryClient, costConfigsQuery(organisationId).queryKey);
      notify(t('costs.created', { version: created.version }));
      onCreated(created.id);
    },
  });
  const dateError =
    missing || isApiError(create.error, 400) ? t('costs.errors.date') : (undefined as string | undefined);
  return (
    <FormModal
      title={t('costs.newVersion')}
      onClose={onClose}
      submitLabel={t('costs.create')}
      pending={create.isPending}
      error={create.error && !isApiError(create.error, 400) ? message(create.error) : undefined}
      onSubmit={() => {
        const ok = /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom);
        setMissing(!ok);
        if (ok) create.mutate();
      }}
    >
      <Text size="sm">{first ? t('costs.newFirstIntro') : t('costs.newIntro')}</Text>
      <TextInput
        type="date"
        label={t('costs.fields.effectiveFrom')}
        required
        value={effectiveFrom}
        onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
        error={dateError}
        data-autofocus
      />
    </FormModal>
  );
}
