import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Analysis, drivers } from '../../../features/needs/needs.contract.ts';
import { horizons } from '../../../features/needs/priority.ts';
import { isApiError } from '../../api.ts';
import { decimalMark, numberText, parseDecimal } from '../../ui/decimal.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Loading, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import {
  type AnalysisBase,
  analysisApi,
  heatmapQuery,
  type RoleInput,
  type TaxonomyAccess,
} from './analyses.api.ts';
import { type ChosenConcept, ConceptPicker } from './ConceptPicker.tsx';
import { GapChart } from './GapChart.tsx';
import { Heatmap } from './Heatmap.tsx';
import { NeedForm } from './NeedForm.tsx';
import { RowActions } from './RowActions.tsx';

type Need = Analysis['needs'][number];
type Role = Analysis['roles'][number];

/** Where the editor sends its requests, and the taxonomy endpoints it may use from there. */
export type EditorEndpoints = { base: AnalysisBase; taxonomy?: TaxonomyAccess };

/** Keeps the cached analysis (and what is derived from it) in step after a change. */
export function useAnalysisUpdate(base: AnalysisBase) {
  const queryClient = useQueryClient();
  return async (updated?: Analysis) => {
    if (updated) queryClient.setQueryData(base.key, updated);
    await refetchAfterChange(queryClient, base.key);
    await refetchAfterChange(queryClient, ['analyses']);
  };
}

/** Removes one part of the analysis (a role, a need, a person) and says so, or why it could not. */
export function useRemoval(base: AnalysisBase, remove: (id: string) => Promise<unknown>) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useAnalysisUpdate(base);
  return useMutation({
    mutationFn: remove,
    onSuccess: async () => {
      await update();
      notify(t('analyses.deleted'));
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
}

/** The whole analysis, organisation → roles → needs → what follows from them, for HEI and customer alike. */
export function AnalysisEditor({
  analysis,
  endpoints,
  canEdit,
  formulaEditable = false,
}: {
  analysis: Analysis;
  endpoints: EditorEndpoints;
  canEdit: boolean;
  /** The HEI tunes the priority formula (horizon weights); the customer's link does not. */
  formulaEditable?: boolean;
}) {
  return (
    <Stack gap="lg">
      <OrganisationSection
        analysis={analysis}
        base={endpoints.base}
        canEdit={canEdit}
        formulaEditable={formulaEditable}
      />
      <RolesSection analysis={analysis} endpoints={endpoints} canEdit={canEdit} />
      <NeedsSection analysis={analysis} endpoints={endpoints} canEdit={canEdit} />
      <TopSection analysis={analysis} />
      <HeatmapSection base={endpoints.base} />
      <ChartSection analysis={analysis} />
    </Stack>
  );
}

export function useNeedLabel() {
  const format = useFormat();
  return (need: Need) => (need.concept ? format.pick(need.concept.label) : (need.freeText ?? ''));
}

function OrganisationSection({
  analysis,
  base,
  canEdit,
  formulaEditable,
}: {
  analysis: Analysis;
  base: AnalysisBase;
  canEdit: boolean;
  formulaEditable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useAnalysisUpdate(base);
  const [strategy, setStrategy] = useState(analysis.strategy);
  const [chosen, setChosen] = useState<string[]>(analysis.drivers);
  const mark = decimalMark(i18n.language);
  const [weightTexts, setWeightTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(analysis.horizonWeights).map(([h, w]) => [h, numberText(w, mark)])),
  );
  const weights = Object.fromEntries(Object.entries(weightTexts).map(([h, text]) => [h, parseDecimal(text)]));
  const weightValid = (w: number | null | undefined) => typeof w === 'number' && w >= 0 && w <= 10;
  const weightsValid = Object.values(weights).every(weightValid);
  const save = useMutation({
    mutationFn: () =>
      analysisApi(base).update({
        strategy,
        drivers: chosen,
        ...(formulaEditable ? { horizonWeights: weights } : {}),
      }),
    onSuccess: async (updated) => {
      await update(updated);
      notify(t('analyses.saved'));
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  return (
    <Section id="analysis-organisation" title={t('analyses.organisation')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (weightsValid) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('analyses.strategy')}
            description={t('analyses.strategyHint')}
            autosize
            minRows={3}
            value={strategy}
            readOnly={!canEdit}
            onChange={(e) => setStrategy(e.currentTarget.value)}
          />
          <Checkbox.Group label={t('analyses.drivers')} value={chosen} onChange={setChosen}>
            <Group gap="md" mt={4}>
              {drivers.map((d) => (
                <Checkbox key={d} value={d} label={t(`analyses.driver.${d}`)} disabled={!canEdit} />
              ))}
            </Group>
          </Checkbox.Group>
          {formulaEditable && (
            <Fieldset legend={t('analyses.weights')} variant="unstyled">
              <Text size="sm" mb="xs">
                {t('analyses.weightsHint')}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                {horizons.map((h) => (
                  <TextInput
                    key={h}
                    label={t(`analyses.horizonOption.${h}`)}
                    inputMode="decimal"
                    readOnly={!canEdit}
                    value={weightTexts[h] ?? ''}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setWeightTexts((w) => ({ ...w, [h]: text }));
                    }}
                    error={weightValid(weights[h]) ? undefined : t('analyses.weightError')}
                  />
                ))}
              </SimpleGrid>
            </Fieldset>
          )}
          {canEdit && (
            <Group>
              <Button type="submit" variant="light" loading={save.isPending}>
                {t('analyses.saveOrganisation')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}

function RolesSection({
  analysis,
  endpoints,
  canEdit,
}: {
  analysis: Analysis;
  endpoints: EditorEndpoints;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const update = useAnalysisUpdate(endpoints.base);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const remove = useRemoval(endpoints.base, analysisApi(endpoints.base).deleteRole);
  return (
    <Section id="analysis-roles" title={t('analyses.roles')}>
      <Stack gap="sm">
        {analysis.roles.length === 0 ? (
          <Text>{t('analyses.noRoles')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="roles-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('analyses.roleTitle')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.headcountNow')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.headcountHorizon')}</Table.Th>
                  {canEdit && <Table.Th scope="col">{t('analyses.edit')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analysis.roles.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Th scope="row">{r.title}</Table.Th>
                    <Table.Td>{r.headcountNow}</Table.Td>
                    <Table.Td>{r.headcountHorizon}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <RowActions
                          editLabel={`${t('analyses.editRole')}: ${r.title}`}
                          removeLabel={t('analyses.deleteRole', { title: r.title })}
                          onEdit={() => setEditing(r)}
                          onRemove={() => remove.mutate(r.id)}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canEdit && (
          <Group>
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('analyses.addRole')}
            </Button>
          </Group>
        )}
      </Stack>
      {editing && (
        <RoleForm
          endpoints={endpoints}
          role={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async (updated) => {
            await update(updated);
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}

function RoleForm({
  endpoints,
  role,
  onClose,
  onSaved,
}: {
  endpoints: EditorEndpoints;
  role: Role | null;
  onClose: () => void;
  onSaved: (analysis: Analysis) => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [title, setTitle] = useState(role?.title ?? '');
  const [occupation, setOccupation] = useState<ChosenConcept | null>(null);
  const [now, setNow] = useState(role?.headcountNow ?? 0);
  const [horizon, setHorizon] = useState(role?.headcountHorizon ?? 0);
  const [errors, setErrors] = useState<{ title?: string; now?: string; horizon?: string; other?: string }>(
    {},
  );
  const save = useMutation({
    mutationFn: () => {
      const body: RoleInput = {
        title,
        occupationConceptId: occupation?.id ?? role?.occupationConceptId ?? null,
        headcountNow: now,
        headcountHorizon: horizon,
      };
      const client = analysisApi(endpoints.base);
      return role ? client.updateRole(role.id, body) : client.addRole(body);
    },
    onSuccess: onSaved,
    onError: (error) => {
      if (isApiError(error, 400)) {
        const f = error.fieldErrors();
        setErrors({
          title: f.title ? t('analyses.roleTitleError') : undefined,
          now: f.headcountNow ? t('analyses.headcountError') : undefined,
          horizon: f.headcountHorizon ? t('analyses.headcountError') : undefined,
          other: f.occupationConceptId ? errorMessage(error) : undefined,
        });
      } else setErrors({ other: errorMessage(error) });
    },
  });
  const validCount = (n: number) => Number.isInteger(n) && n >= 0;
  const submit = () => {
    const local = {
      title: title.trim().length < 2 ? t('analyses.roleTitleError') : undefined,
      now: validCount(now) ? undefined : t('analyses.headcountError'),
      horizon: validCount(horizon) ? undefined : t('analyses.headcountError'),
    };
    setErrors(local);
    if (!local.title && !local.now && !local.horizon) save.mutate();
  };
  return (
    <FormModal
      title={role ? t('analyses.editRole') : t('analyses.addRole')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('analyses.saveRole')}
      pending={save.isPending}
      error={errors.other}
    >
      <TextInput
        label={t('analyses.roleTitle')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
      />
      <ConceptPicker
        label={t('analyses.occupation')}
        description={t('analyses.conceptSearchHint')}
        types="occupation"
        value={occupation}
        onChange={setOccupation}
        taxonomy={endpoints.taxonomy}
      />
      <SimpleGrid cols={2}>
        <TextInput
          label={t('analyses.headcountNow')}
          type="number"
          min={0}
          value={Number.isNaN(now) ? '' : now}
          onChange={(e) => setNow(e.currentTarget.valueAsNumber)}
          error={errors.now}
        />
        <TextInput
          label={t('analyses.headcountHorizon')}
          type="number"
          min={0}
          value={Number.isNaN(horizon) ? '' : horizon}
          onChange={(e) => setHorizon(e.currentTarget.valueAsNumber)}
          error={errors.horizon}
        />
      </SimpleGrid>
    </FormModal>
  );
}

/** How a need's priority was computed, in the interface language's numbers: "3 × 2 × 2,6 × 1 = 15,6". */
function priorityFormula(n: Need, number: (value: number, digits: number) => string) {
  const { gap, peopleWeight, horizonWeight, priority } = n.computed;
  const factors = [n.importance, gap, peopleWeight, horizonWeight].map((v) => number(v, 2));
  return `${factors.join(' × ')} = ${number(priority, 2)}`;
}

function NeedsSection({
  analysis,
  endpoints,
  canEdit,
}: {
  analysis: Analysis;
  endpoints: EditorEndpoints;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelOf = useNeedLabel();
  const update = useAnalysisUpdate(endpoints.base);
  const [editing, setEditing] = useState<Need | 'new' | null>(null);
  const remove = useRemoval(endpoints.base, analysisApi(endpoints.base).deleteNeed);
  const roleTitle = (roleId: string | null) =>
    analysis.roles.find((r) => r.id === roleId)?.title ?? t('analyses.wholeOrganisation');
  return (
    <Section id="analysis-needs" title={t('analyses.needs')}>
      <Stack gap="sm">
        <Text size="sm">{t('analyses.formula')}</Text>
        {analysis.needs.length === 0 ? (
          <Text>{t('analyses.noNeeds')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="xs" data-testid="needs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('analyses.competence')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.role')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.requiredLevel')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.currentLevel')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.gap')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.importance')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.people')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.horizon')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.priority')}</Table.Th>
                  {canEdit && <Table.Th scope="col">{t('analyses.edit')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analysis.needs.map((n) => {
                  const label = labelOf(n);
                  return (
                    <Table.Tr key={n.id}>
                      <Table.Th scope="row">
                        {label}
                        {n.concept?.deprecated && (
                          <Badge ml={6} color="gray.8" variant="outline" tt="none">
                            {t('analyses.deprecated')}
                          </Badge>
                        )}
                        {n.concept && n.freeText && (
                          <Text size="xs" fw={400}>
                            {n.freeText}
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>{roleTitle(n.roleId)}</Table.Td>
                      <Table.Td>{n.requiredLevel}</Table.Td>
                      <Table.Td>{n.currentLevel}</Table.Td>
                      <Table.Td>{n.computed.gap}</Table.Td>
                      <Table.Td>{n.importance}</Table.Td>
                      <Table.Td>{n.people}</Table.Td>
                      <Table.Td>{t(`analyses.horizonOption.${n.horizon}`)}</Table.Td>
                      <Table.Td>
                        <Text span fw={700}>
                          {format.number(n.computed.priority, 2)}
                        </Text>
                        <Text size="xs">
                          {t('analyses.formulaFor', {
                            formula: priorityFormula(n, format.number),
                          })}
                        </Text>
                      </Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <RowActions
                            editLabel={t('analyses.editNeed', { label })}
                            removeLabel={t('analyses.deleteNeed', { label })}
                            onEdit={() => setEditing(n)}
                            onRemove={() => remove.mutate(n.id)}
                          />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canEdit && (
          <Group>
            <Button onClick={() => setEditing('new')}>{t('analyses.addNeed')}</Button>
          </Group>
        )}
      </Stack>
      {editing && (
        <NeedForm
          base={endpoints.base}
          analysis={analysis}
          need={editing === 'new' ? null : editing}
          taxonomy={endpoints.taxonomy}
          onClose={() => setEditing(null)}
          onSaved={async (updated) => {
            await update(updated);
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}

function TopSection({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelOf = useNeedLabel();
  return (
    <Section id="analysis-top" title={t('analyses.top')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} data-testid="top-priorities">
        {horizons.map((h) => {
          const needs = (analysis.topByHorizon[h] ?? [])
            .map((id) => analysis.needs.find((n) => n.id === id))
            .filter((n): n is Need => !!n);
          return (
            <Stack key={h} gap={4}>
              <Title order={3} size="h5">
                {t(`analyses.horizonOption.${h}`)}
              </Title>
              {needs.length === 0 ? (
                <Text size="sm">{t('analyses.noTop')}</Text>
              ) : (
                <List type="ordered" size="sm">
                  {needs.map((n) => (
                    <List.Item key={n.id}>
                      {labelOf(n)} ({format.number(n.computed.priority, 2)})
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          );
        })}
      </SimpleGrid>
    </Section>
  );
}

function HeatmapSection({ base }: { base: AnalysisBase }) {
  const { t } = useTranslation();
  // Fetched again whenever the analysis changes: its query key starts with the analysis key, which
  // every change invalidates.
  const heatmap = useQuery(heatmapQuery(base));
  return (
    <Section id="analysis-heatmap" title={t('analyses.heatmap')}>
      {heatmap.isPending ? (
        <Loading />
      ) : heatmap.isError ? (
        <ErrorAlert error={heatmap.error} />
      ) : (
        <Heatmap data={heatmap.data} />
      )}
    </Section>
  );
}

function ChartSection({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  const labelOf = useNeedLabel();
  return (
    <Section id="analysis-chart" title={t('analyses.chart')}>
      {analysis.needs.length === 0 ? (
        <Text>{t('analyses.noNeeds')}</Text>
      ) : (
        <GapChart
          points={analysis.needs.map((n) => ({
            id: n.id,
            label: labelOf(n),
            gap: n.computed.gap,
            priority: n.computed.priority,
          }))}
        />
      )}
    </Section>
  );
}
