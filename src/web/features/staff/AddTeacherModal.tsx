import { Alert, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { costConfigsQuery } from '../costs/costs.api.ts';
import { parseHours } from '../costs/money.ts';
import { updateDesign } from '../design/design.api.ts';
import { designQuery, type StaffProfile } from './staff.api.ts';

type DesignRef = { id: string; title: string; caseId: string };

/**
 * Adds a person found by expertise to a design as a teacher (with their user id, so the hours count in their
 * merit record): the name, the staff category that prices the hours, and the planned hours. The design is
 * read as it is now and saved with the new teacher row (a change of an approved design takes the approval
 * back, which the dialog says).
 */
export function AddTeacherModal({
  heiId,
  design,
  person,
  onClose,
  onAdded,
}: {
  heiId: string;
  design: DesignRef;
  person: StaffProfile;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const configs = useQuery(costConfigsQuery(heiId));
  const current = useQuery(designQuery(design.id));
  const version = configs.data?.versions.find((v) => v.inEffect) ?? configs.data?.versions[0];
  const categories = version?.config.staff ?? [];
  const [name, setName] = useState(person.name);
  const [category, setCategory] = useState('');
  const [teaching, setTeaching] = useState('');
  const [development, setDevelopment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const chosenCategory = category || categories[0]?.key || '';

  const add = useMutation({
    mutationFn: async (row: { teachingHours: number; developmentHours: number }) => {
      // the design as it is now: the new row goes on top of everyone else's changes
      const latest = await queryClient.fetchQuery({ ...designQuery(design.id), staleTime: 0 });
      return updateDesign(design.id, {
        revision: latest.revision,
        teachers: [
          ...latest.teachers,
          { name: name.trim(), userId: person.userId, category: chosenCategory, ...row },
        ],
      });
    },
    onSuccess: async (updated) => {
      // the design editor starts from the design as it is when it opens: no stale copy to start from
      queryClient.removeQueries({ queryKey: ['case', updated.caseId, 'designs'] });
      await Promise.all([
        refetchAfterChange(queryClient, ['design', updated.id]),
        refetchAfterChange(queryClient, ['organisation', heiId, 'staff']),
      ]);
      notify(t('staff.add.added', { name: name.trim(), design: updated.title }));
      onAdded();
    },
  });

  const submit = () => {
    const teachingHours = parseHours(teaching);
    const developmentHours = parseHours(development);
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('staff.add.errors.name');
    if (!chosenCategory) problems.category = t('staff.add.errors.category');
    if (teachingHours === null) problems.teaching = t('staff.add.errors.hours');
    if (developmentHours === null) problems.development = t('staff.add.errors.hours');
    setErrors(problems);
    if (Object.keys(problems).length === 0)
      add.mutate({ teachingHours: teachingHours ?? 0, developmentHours: developmentHours ?? 0 });
  };

  return (
    <FormModal
      title={t('staff.add.title', { name: person.name })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('staff.add.submit')}
      pending={add.isPending}
      error={
        add.error ? (isApiError(add.error, 409) ? t('staff.add.conflict') : message(add.error)) : undefined
      }
    >
      <Text size="sm">{t('staff.add.intro', { design: design.title })}</Text>
      {current.data?.status === 'approved' && (
        <Alert color="yellow" variant="light">
          {t('staff.add.approvedWarning')}
        </Alert>
      )}
      <TextInput
        label={t('staff.add.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
        data-autofocus
      />
      {categories.length > 0 ? (
        <NativeSelect
          label={t('staff.add.category')}
          value={chosenCategory}
          onChange={(e) => setCategory(e.currentTarget.value)}
          error={errors.category}
        >
          {categories.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </NativeSelect>
      ) : (
        <TextInput
          label={t('staff.add.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
          error={errors.category}
        />
      )}
      <SimpleGrid cols={2}>
        <TextInput
          label={t('staff.add.teachingHours')}
          inputMode="decimal"
          value={teaching}
          onChange={(e) => setTeaching(e.currentTarget.value)}
          error={errors.teaching}
        />
        <TextInput
          label={t('staff.add.developmentHours')}
          inputMode="decimal"
          value={development}
          onChange={(e) => setDevelopment(e.currentTarget.value)}
          error={errors.development}
        />
      </SimpleGrid>
    </FormModal>
  );
}
