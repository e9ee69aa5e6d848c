import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Availability,
  availabilities,
  type Interest,
  interests,
  profileLanguages,
} from '../../../features/staff/staff.contract.ts';
import { isApiError } from '../../api.ts';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import type { ChosenConcept } from '../analyses/ConceptPicker.tsx';
import { ConceptChooser } from './ConceptChooser.tsx';
import { type StaffProfile, saveProfile, staffProfileQuery } from './staff.api.ts';

/** Language codes as names in the interface language ("engelska", "English"). */
export function useLanguageName() {
  const { i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language === 'en' ? 'en' : 'sv'], { type: 'language' });
  return (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
}

type Form = {
  department: string;
  languages: string[];
  availability: Availability;
  hoursPerYear: string;
  interest: Interest;
  bio: string;
  expertise: ChosenConcept[];
};

/**
 * A staff profile to fill in: expertise (taxonomy concepts), teaching languages, availability and hours a
 * year, interest in contract education, department and a short presentation. The person's own, or, for an
 * admin, a colleague's (then the page says the change is logged).
 */
export function ProfileForm({ profile, self }: { profile: StaffProfile; self: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => ({
    department: profile.department ?? '',
    languages: profile.languages,
    availability: profile.availability,
    hoursPerYear: profile.hoursPerYear === null ? '' : String(profile.hoursPerYear),
    interest: profile.interest,
    bio: profile.bio,
    expertise: profile.expertise.map((c) => ({ id: c.id, label: format.pick(c.label) })),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const save = useMutation({
    mutationFn: (hoursPerYear: number | null) =>
      saveProfile(profile.heiId, profile.userId, {
        department: form.department.trim() || null,
        languages: form.languages,
        availability: form.availability,
        hoursPerYear,
        interest: form.interest,
        bio: form.bio.trim(),
        expertise: form.expertise.map((c) => c.id),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(staffProfileQuery(profile.heiId, profile.userId).queryKey, saved);
      await refetchAfterChange(queryClient, ['organisation', profile.heiId, 'staff']);
      notify(t('staff.profile.saved'));
    },
    onError: (error) => {
      if (!isApiError(error, 400)) return;
      const refused = Object.keys(error.fieldErrors());
      const has = (field: string) => refused.some((f) => f === field || f.startsWith(`${field}.`));
      setErrors({
        ...(has('department') ? { department: t('staff.profile.errors.department') } : {}),
        ...(has('hoursPerYear') ? { hoursPerYear: t('staff.profile.errors.hours') } : {}),
        ...(has('bio') ? { bio: t('staff.profile.errors.bio') } : {}),
        ...(has('languages') ? { languages: t('staff.profile.errors.languages') } : {}),
        ...(has('expertise') ? { expertise: t('staff.profile.errors.expertise') } : {}),
      });
    },
  });

  const submit = () => {
    const hours = form.hoursPerYear.trim();
    const parsed = hours === '' ? null : /^\d+$/.test(hours) ? Number(hours) : Number.NaN;
    const problems: Record<string, string> = {};
    if (parsed !== null && (!Number.isInteger(parsed) || parsed > 2_000))
      problems.hoursPerYear = t('staff.profile.errors.hours');
    if (form.bio.trim().length > 2_000) problems.bio = t('staff.profile.errors.bio');
    if (form.department.trim().length > 200) problems.department = t('staff.profile.errors.department');
    setErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate(parsed);
  };

  const languageOptions = [...new Set([...profileLanguages, ...form.languages])];
  return (
    <form noValidate onSubmit={submitting(submit)} aria-label={t('staff.profile.formLabel')}>
      <Stack gap="md" maw={760}>
        {!self && (
          <Alert color="blue" variant="light">
            {t('staff.profile.adminEditing', { name: profile.name })}
          </Alert>
        )}
        {save.error && !isApiError(save.error, 400) && <ErrorAlert error={save.error} />}
        <ConceptChooser
          testId="profile-expertise"
          label={t('staff.profile.expertise')}
          description={t('staff.profile.expertiseHint')}
          pickerLabel={t('staff.profile.addExpertise')}
          pickerDescription={t('staff.profile.addExpertiseHint')}
          empty={t('staff.profile.noExpertise')}
          removeLabel={(concept) => t('staff.profile.removeExpertise', { concept })}
          concepts={form.expertise}
          onChange={(concepts) => set('expertise', concepts)}
          error={errors.expertise}
        />
        <TextInput
          label={t('staff.profile.department')}
          value={form.department}
          onChange={(e) => set('department', e.currentTarget.value)}
          error={errors.department}
        />
        <Checkbox.Group
          label={t('staff.profile.languages')}
          value={form.languages}
          onChange={(value) => set('languages', value)}
          error={errors.languages}
        >
          <Group gap="md" mt={4}>
            {languageOptions.map((code) => (
              <Checkbox key={code} value={code} label={languageName(code)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Radio.Group
            label={t('staff.profile.availability')}
            value={form.availability}
            onChange={(value) => set('availability', value as Availability)}
          >
            <Stack gap={6} mt={4}>
              {availabilities.map((a) => (
                <Radio key={a} value={a} label={t(`staff.availability.${a}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('staff.profile.interest')}
            value={form.interest}
            onChange={(value) => set('interest', value as Interest)}
          >
            <Stack gap={6} mt={4}>
              {interests.map((i) => (
                <Radio key={i} value={i} label={t(`staff.interest.${i}`)} />
              ))}
            </Stack>
          </Radio.Group>
        </SimpleGrid>
        <TextInput
          label={t('staff.profile.hoursPerYear')}
          description={t('staff.profile.hoursPerYearHint')}
          inputMode="numeric"
          maw={240}
          value={form.hoursPerYear}
          onChange={(e) => set('hoursPerYear', e.currentTarget.value)}
          error={errors.hoursPerYear}
        />
        <Textarea
          label={t('staff.profile.bio')}
          description={t('staff.profile.bioHint')}
          autosize
          minRows={3}
          value={form.bio}
          onChange={(e) => set('bio', e.currentTarget.value)}
          error={errors.bio}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('staff.profile.save')}
          </Button>
          {profile.updatedAt && (
            <Text size="sm" c="dimmed">
              {t('staff.profile.updated', { at: format.dateTime(profile.updatedAt) })}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** A profile as those who may not change it read it. */
export function ProfileSummary({ profile }: { profile: StaffProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  const row = (label: string, value: ReactNode) => (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </div>
  );
  return (
    <Stack gap="sm" maw={760} data-testid="profile-summary">
      {!profile.exists && <Alert color="gray">{t('staff.profile.notFilled')}</Alert>}
      {row(
        t('staff.profile.expertise'),
        profile.expertise.length ? (
          <Group gap={6} mt={2}>
            {profile.expertise.map((c) => (
              <Badge key={c.id} variant="light" tt="none">
                {format.pick(c.label)}
              </Badge>
            ))}
          </Group>
        ) : (
          t('staff.profile.noExpertise')
        ),
      )}
      {row(t('staff.profile.department'), profile.department ?? '–')}
      {row(t('staff.profile.languages'), profile.languages.map(languageName).join(', ') || '–')}
      {row(t('staff.profile.availability'), t(`staff.availability.${profile.availability}`))}
      {row(t('staff.profile.hoursPerYear'), profile.hoursPerYear ?? '–')}
      {row(t('staff.profile.interest'), t(`staff.interest.${profile.interest}`))}
      {row(t('staff.profile.bio'), profile.bio || '–')}
      {row(t('staff.profile.email'), profile.email)}
      <Text size="sm" c="dimmed">
        {t('staff.profile.readOnly')}
      </Text>
    </Stack>
  );
}
