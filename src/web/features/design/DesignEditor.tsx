import {
  Alert,
  Box,
  Button,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { courseFormats, courseLevels } from '../../../features/catalog/catalog.contract.ts';
import { isApiError } from '../../api.ts';
import { decimalMark, numberText, parseDecimal } from '../../ui/decimal.ts';
import { EditableRows } from '../../ui/EditableRows.tsx';
import { submitting } from '../../ui/FormModal.tsx';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { UnsavedChangesGuard } from '../../ui/UnsavedChangesGuard.tsx';
import { costConfigsQuery } from '../costs/costs.api.ts';
import { hundredthsToInput, parseKronor, parseWhole } from '../costs/money.ts';
import { FindTeacherLink } from '../staff/FindTeacherLink.tsx';
import { DesignStatus, useDesignAccess } from './CaseDesign.tsx';
import { DesignAsideNotice, SetDesignAside } from './DesignAside.tsx';
import {
  DeliveriesByOthers,
  type DeliveryForm,
  deliveriesFromForm,
  deliveriesToForm,
  type OtherCostForm,
  OtherDirectCosts,
  otherCostsFromForm,
  otherCostsToForm,
} from './DesignCosts.tsx';
import { NeedCoverage, OutcomeNeeds, useCaseNeeds } from './DesignNeeds.tsx';
import { approveDesign, type Design, type DesignUpdate, designsQuery, updateDesign } from './design.api.ts';

type ModuleForm = {
  key: string;
  title: string;
  courseId: string | null;
  credits: string;
  content: string;
  outcomes: { text: string; needIds: string[] }[];
};
type TeacherForm = {
  name: string;
  userId: string | null;
  category: string;
  teachingHours: string;
  developmentHours: string;
};
type Form = {
  title: string;
  language: Design['language'];
  format: Design['format'];
  level: Design['level'];
  awards: Design['awards'];
  credits: string;
  sunField: string;
  participants: string;
  content: string;
  examination: string;
  schedule: string;
  startDate: string;
  endDate: string;
  modules: ModuleForm[];
  teachers: TeacherForm[];
  trips: string;
  materials: string;
  otherDirect: OtherCostForm[];
  deliveredByOthers: DeliveryForm[];
};

function toForm(d: Design, mark: ',' | '.'): Form {
  return {
    title: d.title,
    language: d.language,
    format: d.format,
    level: d.level,
    awards: d.awards,
    credits: numberText(d.credits, mark),
    sunField: d.sunField ?? '',
    participants: String(d.participants),
    content: d.content,
    examination: d.examination,
    schedule: d.schedule,
    startDate: d.startDate ?? '',
    endDate: d.endDate ?? '',
    modules: d.modules.map((m) => ({
      key: m.key,
      title: m.title,
      courseId: m.courseId,
      credits: numberText(m.credits, mark),
      content: m.content,
      outcomes: m.outcomes.map((o) => ({ text: o.text, needIds: o.needIds })),
    })),
    teachers: d.teachers.map((tr) => ({
      name: tr.name,
      userId: tr.userId,
      category: tr.category,
      teachingHours: numberText(tr.teachingHours, mark),
      developmentHours: numberText(tr.developmentHours, mark),
    })),
    trips: d.costs.trips === undefined ? '' : String(d.costs.trips),
    materials:
      d.costs.materialsPerParticipantOre === undefined
        ? ''
        : hundredthsToInput(d.costs.materialsPerParticipantOre, mark),
    otherDirect: otherCostsToForm(d.costs, mark),
    deliveredByOthers: deliveriesToForm(d.costs, mark),
  };
}

/** The design's fields, checks and the study director's approval. */
export function DesignEditor({ design }: { design: Design }) {
  const { t, i18n } = useTranslation();
  const mark = decimalMark(i18n.language);
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { canWork, canApproveDesign } = useDesignAccess();
  const caseNeeds = useCaseNeeds(design.caseId);
  const configs = useQuery({ ...costConfigsQuery(design.heiId), retry: false });
  const inEffect =
    configs.data?.versions.find((v) => v.inEffect) ??
    configs.data?.versions.find((v) => v.status === 'approved');
  const categories = inEffect?.config.staff.map((s) => ({ key: s.key, label: s.label })) ?? [];
  const [form, setForm] = useState<Form>(() => toForm(design, mark));
  const [saved, setSaved] = useState<Form>(form);
  const showSaved = (d: Design) => {
    const fresh = toForm(d, mark);
    setForm(fresh);
    setSaved(fresh);
  };
  const [revision, setRevision] = useState(design.revision);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [failure, setFailure] = useState<ReactNode>(null);

  const cacheDesign = async (updated: Design) => {
    queryClient.setQueryData(designsQuery(design.caseId).queryKey, (old) =>
      old ? { designs: old.designs.map((d) => (d.id === updated.id ? updated : d)) } : old,
    );
    await refetchAfterChange(queryClient, ['design', updated.id]);
  };

  const save = useMutation({
    mutationFn: (body: DesignUpdate) => updateDesign(design.id, body),
    onMutate: () => {
      setConflict(null);
      setFailure(null);
    },
    onSuccess: async (updated) => {
      notify(t('design.saved'));
      showSaved(updated);
      setRevision(updated.revision);
      await cacheDesign(updated);
    },
    onError: (e) => {
      if (isApiError(e, 409) && e.code === 'edit_conflict') setConflict(errorMessage(e));
      else if (isApiError(e, 400) && e.errors.length)
        setFailure(
          <List size="sm">
            {e.errors.map((f) => (
              <List.Item key={f.field}>
                {f.field.replace(/^body\./, '')}: {f.message}
              </List.Item>
            ))}
          </List>,
        );
      else setFailure(errorMessage(e));
    },
  });

  const approve = useMutation({
    mutationFn: () => approveDesign(design.id, design.revision),
    onSuccess: async (updated) => {
      notify(t('design.approvedNotice'));
      await cacheDesign(updated);
    },
  });

  const reload = async () => {
    const { designs } = await queryClient.fetchQuery({ ...designsQuery(design.caseId), staleTime: 0 });
    const latest = designs.find((d) => d.id === design.id);
    if (latest) {
      showSaved(latest);
      setRevision(latest.revision);
    }
    setConflict(null);
  };

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof Form) => (e: { currentTarget: { value: string } }) =>
    set(key, e.currentTarget.value as never);
  const setModule = (i: number, change: Partial<ModuleForm>) =>
    setForm((f) => ({ ...f, modules: f.modules.map((m, j) => (j === i ? { ...m, ...change } : m)) }));
  const submit = () => {
    const problems: Record<string, string> = {};
    if (form.title.trim().length < 3) problems.title = t('design.errors.title');
    const participants = parseWhole(form.participants);
    if (participants === null || participants < 1) problems.participants = t('design.errors.participants');
    const credits = parseDecimal(form.credits);
    if (credits === undefined) problems.credits = t('design.errors.number');
    if (form.sunField.trim() && !/^\d{2,4}$/.test(form.sunField.trim()))
      problems.sunField = t('design.errors.sunField');
    const trips = form.trips.trim() === '' ? null : parseWhole(form.trips);
    if (trips === null && form.trips.trim() !== '') problems.trips = t('design.errors.whole');
    const materials = form.materials.trim() === '' ? null : parseKronor(form.materials);
    if (materials === null && form.materials.trim() !== '') problems.materials = t('design.errors.kronor');
    const modules = form.modules.map((m, i) => {
      const c = parseDecimal(m.credits);
      if (!m.title.trim()) problems[`modules.${i}.title`] = t('design.errors.moduleTitle');
      if (c === undefined) problems[`modules.${i}.credits`] = t('design.errors.number');
      return {
        key: m.key,
        title: m.title.trim(),
        courseId: m.courseId,
        credits: c ?? null,
        content: m.content,
        outcomes: m.outcomes
          .filter((o) => o.text.trim())
          .map((o) => ({ text: o.text.trim(), needIds: o.needIds })),
      };
    });
    const teachers = form.teachers.map((x, i) => {
      const teaching = parseDecimal(x.teachingHours);
      const development = parseDecimal(x.developmentHours);
      if (!x.name.trim()) problems[`teachers.${i}.name`] = t('design.errors.teacherName');
      if (!x.category) problems[`teachers.${i}.category`] = t('design.errors.category');
      if (teaching === undefined) problems[`teachers.${i}.teachingHours`] = t('design.errors.number');
      if (development === undefined) problems[`teachers.${i}.developmentHours`] = t('design.errors.number');
      return {
        name: x.name.trim(),
        userId: x.userId,
        category: x.category,
        teachingHours: teaching ?? 0,
        developmentHours: development ?? 0,
      };
    });
    const otherDirect = otherCostsFromForm(form.otherDirect, problems, {
      label: t('design.errors.costLabel'),
      kronor: t('design.errors.kronor'),
    });
    const deliveredByOthers = deliveriesFromForm(form.deliveredByOthers, problems, {
      hei: t('design.errors.hei'),
      kronor: t('design.errors.kronor'),
      percent: t('design.errors.percent'),
    });
    if (form.startDate && form.endDate && form.endDate < form.startDate)
      problems.endDate = t('design.errors.endBeforeStart');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const {
      trips: _trips,
      materialsPerParticipantOre: _materials,
      otherDirect: _otherDirect,
      deliveredByOthers: _deliveredByOthers,
      ...otherCosts
    } = design.costs;
    save.mutate({
      revision,
      title: form.title.trim(),
      language: form.language,
      format: form.format,
      level: form.level,
      awards: form.awards,
      credits: credits ?? null,
      sunField: form.sunField.trim() || null,
      participants: participants ?? 1,
      content: form.content,
      examination: form.examination,
      schedule: form.schedule,
      startDate: form.startDate || null,
      endDate: form.endDate || null,
      modules,
      teachers,
      costs: {
        ...otherCosts,
        ...(trips !== null ? { trips } : {}),
        ...(materials !== null ? { materialsPerParticipantOre: materials } : {}),
        otherDirect,
        deliveredByOthers,
      },
    });
  };

  const blocking = design.checks.filter((c) => c.blocking);
  const advisory = design.checks.filter((c) => !c.blocking);
  const reason = (c: Design['checks'][number]) => (i18n.language === 'en' ? c.reason.en : c.reason.sv);
  const categoryOptions = [
    ...categories,
    // a category of an earlier configuration (or one the reader cannot look up) stays choosable
    ...form.teachers
      .filter((x) => x.category && !categories.some((c) => c.key === x.category))
      .map((x) => ({ key: x.category, label: x.category })),
  ].filter((c, i, all) => all.findIndex((o) => o.key === c.key) === i);
  const newTeacher = (): TeacherForm => ({
    name: '',
    userId: null,
    category: categories[0]?.key ?? '',
    teachingHours: '',
    developmentHours: '',
  });
  const aside = design.status === 'withdrawn';
  // a design set aside is kept as it was: taken back before it is changed
  const readOnly = !canWork || aside;

  return (
    <Stack gap="md" data-testid="design-editor">
      <UnsavedChangesGuard dirty={!readOnly && JSON.stringify(form) !== JSON.stringify(saved)} />
      <Group gap="sm">
        <Title order={3} size="h4">
          {design.title}
        </Title>
        <DesignStatus design={design} />
      </Group>
      {aside && <DesignAsideNotice design={design} canWork={canWork} />}
      {blocking.length > 0 && (
        <Alert color="red" title={t('design.blockingTitle')} data-testid="design-blocking">
          <List size="sm">
            {blocking.map((c) => (
              <List.Item key={c.rule}>{reason(c)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {advisory.length > 0 && (
        <Alert color="orange" title={t('design.adviceTitle')} data-testid="design-advice">
          <List size="sm">
            {advisory.map((c) => (
              <List.Item key={c.rule}>{reason(c)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {canApproveDesign && design.status === 'draft' && (
        <Stack gap="xs">
          <Group>
            <Button
              onClick={() => approve.mutate()}
              loading={approve.isPending}
              disabled={blocking.length > 0}
            >
              {t('design.approve')}
            </Button>
          </Group>
          {blocking.length > 0 && <Text size="sm">{t('design.approveBlocked')}</Text>}
          {approve.error && (
            <Alert color="red" role="alert">
              {errorMessage(approve.error)}
            </Alert>
          )}
        </Stack>
      )}

      {canWork && !aside && <SetDesignAside design={design} />}

      <form noValidate aria-label={t('design.form')} onSubmit={submitting(submit)}>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <TextInput
                label={t('design.fields.title')}
                lang={form.language}
                required
                value={form.title}
                onChange={text('title')}
                error={errors.title}
              />
              <TextInput
                label={t('design.fields.participants')}
                inputMode="numeric"
                required
                value={form.participants}
                onChange={text('participants')}
                error={errors.participants}
              />
              <NativeSelect
                label={t('design.fields.language')}
                value={form.language}
                onChange={text('language')}
              >
                {(['sv', 'en'] as const).map((l) => (
                  <option key={l} value={l}>
                    {t(`catalog.lang.${l}`)}
                  </option>
                ))}
              </NativeSelect>
              <NativeSelect label={t('design.fields.format')} value={form.format} onChange={text('format')}>
                {courseFormats.map((f) => (
                  <option key={f} value={f}>
                    {t(`catalog.formats.${f}`)}
                  </option>
                ))}
              </NativeSelect>
              <NativeSelect label={t('design.fields.level')} value={form.level} onChange={text('level')}>
                {courseLevels.map((l) => (
                  <option key={l} value={l}>
                    {t(`catalog.levels.${l}`)}
                  </option>
                ))}
              </NativeSelect>
              <NativeSelect label={t('design.fields.awards')} value={form.awards} onChange={text('awards')}>
                <option value="credits">{t('design.awards.credits')}</option>
                <option value="certificate">{t('design.awards.certificate')}</option>
              </NativeSelect>
              <TextInput
                label={t('design.fields.credits')}
                inputMode="decimal"
                value={form.credits}
                onChange={text('credits')}
                error={errors.credits}
              />
              <TextInput
                label={t('design.fields.sunField')}
                description={t('design.fields.sunFieldHint')}
                value={form.sunField}
                onChange={text('sunField')}
                error={errors.sunField}
              />
              <TextInput
                label={t('design.fields.startDate')}
                type="date"
                value={form.startDate}
                onChange={text('startDate')}
              />
              <TextInput
                label={t('design.fields.endDate')}
                type="date"
                value={form.endDate}
                onChange={text('endDate')}
                error={errors.endDate}
              />
            </SimpleGrid>
            <Textarea
              label={t('design.fields.content')}
              lang={form.language}
              autosize
              minRows={2}
              value={form.content}
              onChange={text('content')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Textarea
                label={t('design.fields.examination')}
                lang={form.language}
                autosize
                minRows={2}
                value={form.examination}
                onChange={text('examination')}
              />
              <Textarea
                label={t('design.fields.schedule')}
                lang={form.language}
                autosize
                minRows={2}
                value={form.schedule}
                onChange={text('schedule')}
              />
            </SimpleGrid>

            <Title order={4} size="h5">
              {t('design.modules')}
            </Title>
            {form.modules.length === 0 && <Text size="sm">{t('design.noModules')}</Text>}
            {form.modules.map((m, i) => (
              <Box
                key={m.key}
                component="fieldset"
                p="sm"
                m={0}
                data-testid="design-module"
                style={{
                  border: '1px solid var(--mantine-color-gray-4)',
                  borderRadius: 'var(--mantine-radius-sm)',
                }}
              >
                <Text component="legend" fw={700} px={4}>
                  {t('design.moduleN', { n: i + 1 })}
                </Text>
                <Stack gap="xs">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t('design.moduleTitle', { n: i + 1 })}
                      lang={form.language}
                      value={m.title}
                      onChange={(e) => setModule(i, { title: e.currentTarget.value })}
                      error={errors[`modules.${i}.title`]}
                    />
                    <TextInput
                      label={t('design.moduleCredits', { n: i + 1 })}
                      inputMode="decimal"
                      value={m.credits}
                      onChange={(e) => setModule(i, { credits: e.currentTarget.value })}
                      error={errors[`modules.${i}.credits`]}
                    />
                  </SimpleGrid>
                  <Textarea
                    label={t('design.moduleContent', { n: i + 1 })}
                    lang={form.language}
                    autosize
                    minRows={2}
                    value={m.content}
                    onChange={(e) => setModule(i, { content: e.currentTarget.value })}
                  />
                  <Text fw={600} size="sm">
                    {t('design.outcomes')}
                  </Text>
                  {m.outcomes.map((o, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: outcomes have no identity but their place
                    <Stack key={`${m.key}-${k}`} gap={4} data-testid="design-outcome">
                      <Group gap="xs" align="flex-end" wrap="nowrap">
                        <TextInput
                          style={{ flex: 1 }}
                          label={t('design.outcomeN', { n: k + 1, module: i + 1 })}
                          lang={form.language}
                          value={o.text}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            setModule(i, {
                              outcomes: m.outcomes.map((x, j) => (j === k ? { ...x, text: value } : x)),
                            });
                          }}
                        />
                        <Button
                          variant="subtle"
                          color="red.9"
                          c="red.9"
                          aria-label={t('design.removeOutcome', { n: k + 1, module: i + 1 })}
                          onClick={() => setModule(i, { outcomes: m.outcomes.filter((_, j) => j !== k) })}
                        >
                          {t('design.remove')}
                        </Button>
                      </Group>
                      <OutcomeNeeds
                        caseNeeds={caseNeeds}
                        label={t('design.needs.outcomeNeeds', { n: k + 1, module: i + 1 })}
                        value={o.needIds}
                        onChange={(needIds) =>
                          setModule(i, {
                            outcomes: m.outcomes.map((x, j) => (j === k ? { ...x, needIds } : x)),
                          })
                        }
                      />
                    </Stack>
                  ))}
                  <Group gap="xs">
                    <Button
                      variant="light"
                      size="xs"
                      onClick={() => setModule(i, { outcomes: [...m.outcomes, { text: '', needIds: [] }] })}
                    >
                      {t('design.addOutcome', { module: i + 1 })}
                    </Button>
                    <Button
                      variant="subtle"
                      color="red.9"
                      c="red.9"
                      size="xs"
                      onClick={() =>
                        set(
                          'modules',
                          form.modules.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t('design.removeModule', { n: i + 1 })}
                    </Button>
                  </Group>
                </Stack>
              </Box>
            ))}
            <Group>
              <Button
                variant="light"
                onClick={() =>
                  set('modules', [
                    ...form.modules,
                    {
                      key: `m${Date.now().toString(36)}`,
                      title: '',
                      courseId: null,
                      credits: '',
                      content: '',
                      outcomes: [],
                    },
                  ])
                }
              >
                {t('design.addModule')}
              </Button>
            </Group>
            <NeedCoverage
              caseNeeds={caseNeeds}
              outcomes={form.modules.flatMap((m, i) =>
                m.outcomes.map((o, k) => ({
                  module: i + 1,
                  outcome: k + 1,
                  text: o.text,
                  needIds: o.needIds,
                })),
              )}
            />

            <Title order={4} size="h5">
              {t('design.teachers')}
            </Title>
            <EditableRows
              rows={form.teachers}
              onChange={(rows) => set('teachers', rows)}
              readOnly={readOnly}
              minWidth={720}
              tableTestId="design-teachers"
              columns={[
                t('design.teacherName'),
                t('design.category'),
                t('design.teachingHours'),
                t('design.developmentHours'),
              ]}
              empty={t('design.noTeachers')}
              removeLabel={(n) => t('design.removeTeacher', { n })}
              add={{ label: t('design.addTeacher'), row: newTeacher }}
              actions={<FindTeacherLink designId={design.id} />}
              cells={(x, i, change) => (
                <>
                  <Table.Td>
                    <TextInput
                      aria-label={t('design.teacherNameN', { n: i + 1 })}
                      value={x.name}
                      onChange={(e) => change({ name: e.currentTarget.value })}
                      error={errors[`teachers.${i}.name`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('design.categoryN', { n: i + 1 })}
                      value={x.category}
                      onChange={(e) => change({ category: e.currentTarget.value })}
                      error={errors[`teachers.${i}.category`]}
                    >
                      {!x.category && <option value="">{t('design.chooseCategory')}</option>}
                      {categoryOptions.map((c) => (
                        <option key={c.key} value={c.key}>
                          {c.label}
                        </option>
                      ))}
                    </NativeSelect>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('design.teachingHoursN', { n: i + 1 })}
                      inputMode="decimal"
                      value={x.teachingHours}
                      onChange={(e) => change({ teachingHours: e.currentTarget.value })}
                      error={errors[`teachers.${i}.teachingHours`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('design.developmentHoursN', { n: i + 1 })}
                      inputMode="decimal"
                      value={x.developmentHours}
                      onChange={(e) => change({ developmentHours: e.currentTarget.value })}
                      error={errors[`teachers.${i}.developmentHours`]}
                    />
                  </Table.Td>
                </>
              )}
            />

            <Title order={4} size="h5">
              {t('design.otherCosts')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('design.fields.trips')}
                inputMode="numeric"
                value={form.trips}
                onChange={text('trips')}
                error={errors.trips}
              />
              <TextInput
                label={t('design.fields.materials')}
                description={t('design.fields.materialsHint')}
                inputMode="decimal"
                value={form.materials}
                onChange={text('materials')}
                error={errors.materials}
              />
            </SimpleGrid>
            <OtherDirectCosts
              rows={form.otherDirect}
              onChange={(rows) => set('otherDirect', rows)}
              errors={errors}
              readOnly={readOnly}
            />
            <DeliveriesByOthers
              heiId={design.heiId}
              rows={form.deliveredByOthers}
              onChange={(rows) => set('deliveredByOthers', rows)}
              errors={errors}
              readOnly={readOnly}
            />

            {conflict && (
              <Alert
                color="orange"
                role="alert"
                title={t('design.conflictTitle')}
                data-testid="edit-conflict"
              >
                <Stack gap="xs">
                  <Text size="sm">{conflict}</Text>
                  <Group>
                    <Button variant="default" size="xs" onClick={() => void reload()}>
                      {t('design.reload')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {failure && (
              <Alert color="red" role="alert" title={t('design.saveFailed')}>
                {failure}
              </Alert>
            )}
            {!readOnly && design.status === 'approved' && (
              <Alert color="orange" data-testid="approved-design-notice">
                {t('design.approvedEditNotice')}
              </Alert>
            )}
            {!readOnly && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('design.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Stack>
  );
}
