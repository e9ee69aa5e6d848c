import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { analysesQuery } from '../analyses/analyses.api.ts';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { parseWhole } from '../costs/money.ts';
import { DesignCalculations } from './DesignCalculations.tsx';
import { DesignEditor } from './DesignEditor.tsx';
import { DesignProposals } from './DesignProposals.tsx';
import {
  acceptedMatchesQuery,
  catalogSearchQuery,
  createDesign,
  type Design,
  designsQuery,
} from './design.api.ts';

/** Who may do what with the case's designs, calculations and proposals (the API decides; this shapes the page). */
export function useDesignAccess() {
  const { membership, canWork, isManager } = useCaseAccess();
  const roles: readonly string[] = membership?.roles ?? [];
  return {
    canWork,
    canApproveDesign: isManager,
    canCalculate: roles.includes('coordinator') || roles.includes('economist'),
    canApproveCalculation: roles.includes('economist'),
    // earlier post-calculations: those who follow the HEI's economy (not teachers)
    canReadOutturns: ['admin', 'coordinator', 'economist', 'manager'].some((r) => roles.includes(r)),
  };
}

/** "Utformning och offert" on the case page: the designs, their calculations and the case's proposals. */
export function CaseDesign({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { canWork } = useDesignAccess();
  const designs = useQuery(designsQuery(caseId));
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <QueryView query={designs}>
      {({ designs: list }) => {
        const current = list.find((d) => d.id === selected) ?? list.at(-1) ?? null;
        return (
          <Stack gap="lg">
            <Text size="sm" maw={760}>
              {t('design.intro')}
            </Text>
            {list.length === 0 ? (
              <Text>{t('design.none')}</Text>
            ) : (
              list.length > 1 && (
                <NativeSelect
                  label={t('design.choose')}
                  value={current?.id ?? ''}
                  onChange={(e) => setSelected(e.currentTarget.value)}
                  maw={480}
                >
                  {list.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.status === 'withdrawn' ? t('design.aside.option', { title: d.title }) : d.title}
                    </option>
                  ))}
                </NativeSelect>
              )
            )}
            {canWork && (
              <Group>
                <Button variant="light" onClick={() => setCreating(true)}>
                  {t('design.new')}
                </Button>
              </Group>
            )}
            {current && (
              <>
                <DesignEditor key={current.id} design={current} />
                <DesignCalculations design={current} />
              </>
            )}
            <DesignProposals caseId={caseId} designs={list} current={current} />
            {creating && (
              <NewDesignModal
                caseId={caseId}
                onClose={() => setCreating(false)}
                onCreated={(d) => {
                  setSelected(d.id);
                  setCreating(false);
                }}
              />
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** The status of a design as a badge: draft, approved by whom, or set aside. */
export function DesignStatus({ design }: { design: Design }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Badge
      size="lg"
      tt="none"
      variant={design.status === 'approved' ? 'light' : 'outline'}
      color={design.status === 'approved' ? 'green' : 'gray.8'}
      data-testid="design-status"
    >
      {design.status === 'approved'
        ? t('design.approvedBy', {
            name: design.approvedBy?.name ?? '',
            date: design.approvedAt ? format.date(design.approvedAt) : '',
          })
        : t(`design.status.${design.status}`)}
    </Badge>
  );
}

type CourseOption = { id: string; label: string };

function NewDesignModal({
  caseId,
  onClose,
  onCreated,
}: {
  caseId: string;
  onClose: () => void;
  onCreated: (design: Design) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const analyses = useQuery(analysesQuery({ caseId }));
  const analysisIds = (analyses.data ?? []).map((a) => a.id);
  const accepted = useQuery({ ...acceptedMatchesQuery(analysisIds), enabled: analyses.isSuccess });
  const [title, setTitle] = useState('');
  const [participants, setParticipants] = useState('20');
  const [picked, setPicked] = useState<CourseOption[]>([]);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const found = useQuery({ ...catalogSearchQuery(search), enabled: search.length > 0 });
  const [errors, setErrors] = useState<{ title?: string; participants?: string; other?: string }>({});

  const label = (c: { code: string; title: { sv: string | null; en: string | null }; hei: string }) =>
    `${c.code} ${format.pick(c.title)} (${c.hei})`;
  const acceptedOptions: CourseOption[] = (accepted.data ?? []).map((c) => ({ id: c.id, label: label(c) }));
  const foundOptions: CourseOption[] = (found.data?.courses ?? []).map((c) => ({
    id: c.id,
    label: label({ ...c, hei: c.hei.name }),
  }));
  const isPicked = (id: string) => picked.some((p) => p.id === id);
  const toggle = (option: CourseOption, on: boolean) =>
    setPicked((current) => (on ? [...current, option] : current.filter((p) => p.id !== option.id)));

  const create = useMutation({
    mutationFn: () =>
      createDesign(caseId, {
        title: title.trim(),
        fromCourseIds: picked.map((p) => p.id),
        participants: parseWhole(participants) ?? 1,
      }),
    onSuccess: async (design) => {
      notify(t('design.created'));
      await refetchAfterChange(queryClient, designsQuery(caseId).queryKey);
      onCreated(design);
    },
    onError: (e) => setErrors({ other: errorMessage(e) }),
  });
  const submit = () => {
    const problems: typeof errors = {};
    if (title.trim().length < 3) problems.title = t('design.errors.title');
    const count = parseWhole(participants);
    if (count === null || count < 1) problems.participants = t('design.errors.participants');
    setErrors(problems);
    if (Object.keys(problems).length === 0) create.mutate();
  };

  const courseList = (options: CourseOption[], testId: string) => (
    <Stack gap={4} data-testid={testId}>
      {options.map((o) => (
        <Checkbox
          key={o.id}
          label={o.label}
          checked={isPicked(o.id)}
          onChange={(e) => toggle(o, e.currentTarget.checked)}
        />
      ))}
    </Stack>
  );
  const runSearch = () => setSearch(searchText.trim());

  return (
    <FormModal
      title={t('design.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('design.create')}
      pending={create.isPending}
      error={errors.other}
      size="lg"
    >
      <TextInput
        label={t('design.fields.title')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
        data-autofocus
      />
      <TextInput
        label={t('design.fields.participants')}
        inputMode="numeric"
        required
        value={participants}
        onChange={(e) => setParticipants(e.currentTarget.value)}
        error={errors.participants}
      />
      <Title order={3} size="h5">
        {t('design.fromCourses')}
      </Title>
      <Text size="sm">{t('design.fromCoursesHint')}</Text>
      <Text fw={600} size="sm">
        {t('design.acceptedMatches')}
      </Text>
      {acceptedOptions.length === 0 ? (
        <Text size="sm">
          {accepted.isPending && analyses.isPending ? t('app.loading') : t('design.noAccepted')}
        </Text>
      ) : (
        courseList(acceptedOptions, 'accepted-courses')
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('design.searchCatalog')}
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              runSearch();
            }
          }}
          style={{ flex: 1 }}
        />
        <Button variant="default" onClick={runSearch} loading={found.isFetching}>
          {t('design.search')}
        </Button>
      </Group>
      {search &&
        found.isSuccess &&
        (foundOptions.length === 0 ? (
          <Text size="sm">{t('design.noCourses')}</Text>
        ) : (
          courseList(foundOptions, 'found-courses')
        ))}
      {found.isError && <Text c="red.9">{errorMessage(found.error)}</Text>}
      {picked.length > 0 && (
        <Text size="sm" aria-live="polite">
          {t('design.picked', { count: picked.length })}
        </Text>
      )}
      {isApiError(create.error, 404) && <Text size="sm">{t('design.courseGone')}</Text>}
    </FormModal>
  );
}
