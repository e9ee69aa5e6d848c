import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Analysis, confidences, drivers } from '../../../features/needs/needs.contract.ts';
import { horizons } from '../../../features/needs/priority.ts';
import { isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import {
  type AnalysisBase,
  analysisApi,
  heiTaxonomy,
  levelsQuery,
  type NeedInput,
  type Suggestion,
  type TaxonomyAccess,
} from './analyses.api.ts';
import { type ChosenConcept, ConceptPicker } from './ConceptPicker.tsx';

type Need = Analysis['needs'][number];
type Errors = Partial<
  Record<'subject' | 'requiredLevel' | 'currentLevel' | 'importance' | 'people' | 'other', string>
>;

const emptyNeed = (): NeedInput => ({
  roleId: null,
  conceptId: null,
  freeText: null,
  requiredLevel: 3,
  currentLevel: 1,
  importance: 2,
  people: 1,
  horizon: 'now',
  driver: null,
  evidence: null,
  confidence: 'medium',
  goalIndividual: null,
  goalOrganisation: null,
  indicators: null,
});

const fromNeed = (n: Need): NeedInput => ({
  roleId: n.roleId,
  conceptId: n.concept?.id ?? null,
  freeText: n.freeText,
  requiredLevel: n.requiredLevel,
  currentLevel: n.currentLevel,
  importance: n.importance,
  people: n.people,
  horizon: n.horizon,
  driver: n.driver,
  evidence: n.evidence,
  confidence: n.confidence,
  goalIndividual: n.goalIndividual,
  goalOrganisation: n.goalOrganisation,
  indicators: n.indicators,
});

/** Empty text is "not given" for the API. */
const orNull = (value: string) => (value.trim() ? value : null);

/**
 * Records one competence need as it comes up in the dialogue: a taxonomy concept (searched, or
 * suggested from the customer's own words and confirmed by a person), levels with their plain-language
 * descriptions, importance, people, horizon, driver, evidence, goals and indicators.
 */
export function NeedForm({
  base,
  analysis,
  need,
  onClose,
  onSaved,
  taxonomy = heiTaxonomy,
}: {
  base: AnalysisBase;
  analysis: Analysis;
  need: Need | null;
  onClose: () => void;
  onSaved: (analysis: Analysis) => void;
  taxonomy?: TaxonomyAccess;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const levels = useQuery(levelsQuery);
  const [values, setValues] = useState<NeedInput>(need ? fromNeed(need) : emptyNeed());
  const [concept, setConcept] = useState<ChosenConcept | null>(
    need?.concept ? { id: need.concept.id, label: format.pick(need.concept.label) } : null,
  );
  const [errors, setErrors] = useState<Errors>({});
  const set = (changes: Partial<NeedInput>) => setValues((v) => ({ ...v, ...changes }));
  const save = useMutation({
    mutationFn: () => {
      const body = { ...values, conceptId: concept?.id ?? null };
      return need ? analysisApi(base).updateNeed(need.id, body) : analysisApi(base).addNeed(body);
    },
    onSuccess: onSaved,
    onError: (error) => {
      if (isApiError(error, 400)) {
        const f = error.fieldErrors();
        setErrors({
          subject: f.conceptId || f.freeText ? t('analyses.subjectError') : undefined,
          requiredLevel: f.requiredLevel ? t('analyses.levelError') : undefined,
          currentLevel: f.currentLevel ? t('analyses.levelError') : undefined,
          importance: f.importance ? t('analyses.importanceError') : undefined,
          people: f.people ? t('analyses.peopleError') : undefined,
          other: Object.keys(f).length === 0 ? errorMessage(error) : undefined,
        });
      } else setErrors({ other: errorMessage(error) });
    },
  });
  const submit = () => {
    const local: Errors = {
      subject: concept || values.freeText?.trim() ? undefined : t('analyses.subjectError'),
      people: Number.isInteger(values.people) && values.people >= 1 ? undefined : t('analyses.peopleError'),
    };
    setErrors(local);
    if (!local.subject && !local.people) save.mutate();
  };
  const levelTexts = levels.data?.levels[i18n.language === 'en' ? 'en' : 'sv'] ?? [];
  const levelOptions = [0, 1, 2, 3, 4, 5].map((level) => (
    <option key={level} value={level}>
      {levelTexts[level] ? t('analyses.levelOption', { level, text: levelTexts[level] }) : level}
    </option>
  ));
  const label = need ? (need.concept ? format.pick(need.concept.label) : (need.freeText ?? '')) : '';

  return (
    <FormModal
      size="xl"
      title={need ? t('analyses.editNeed', { label }) : t('analyses.needTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('analyses.saveNeed')}
      pending={save.isPending}
      error={errors.other}
    >
      <NativeSelect
        label={t('analyses.role')}
        value={values.roleId ?? ''}
        onChange={(e) => set({ roleId: e.currentTarget.value || null })}
      >
        <option value="">{t('analyses.wholeOrganisation')}</option>
        {analysis.roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </NativeSelect>
      <Textarea
        label={t('analyses.freeText')}
        description={t('analyses.freeTextHint')}
        autosize
        minRows={2}
        value={values.freeText ?? ''}
        onChange={(e) => set({ freeText: orNull(e.currentTarget.value) })}
      />
      <Suggestions
        text={values.freeText ?? ''}
        taxonomy={taxonomy}
        onUse={(s) => setConcept({ id: s.concept.id, label: format.pick(s.concept.label) })}
      />
      <ConceptPicker
        label={t('analyses.conceptSearch')}
        description={t('analyses.conceptSearchHint')}
        types="skill,skill-group"
        value={concept}
        onChange={setConcept}
        taxonomy={taxonomy}
        error={errors.subject}
      />
      {concept && (
        <Text size="sm" fw={600} role="status">
          {t('analyses.chosenConcept', { label: concept.label })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('analyses.requiredLevel')}
          value={values.requiredLevel}
          onChange={(e) => set({ requiredLevel: Number(e.currentTarget.value) })}
          error={errors.requiredLevel}
        >
          {levelOptions}
        </NativeSelect>
        <NativeSelect
          label={t('analyses.currentLevel')}
          value={values.currentLevel}
          onChange={(e) => set({ currentLevel: Number(e.currentTarget.value) })}
          error={errors.currentLevel}
        >
          {levelOptions}
        </NativeSelect>
        <NativeSelect
          label={t('analyses.importance')}
          value={values.importance}
          onChange={(e) => set({ importance: Number(e.currentTarget.value) })}
          error={errors.importance}
        >
          {(['1', '2', '3'] as const).map((i) => (
            <option key={i} value={i}>
              {t(`analyses.importanceOption.${i}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('analyses.people')}
          type="number"
          min={1}
          value={Number.isNaN(values.people) ? '' : values.people}
          onChange={(e) => set({ people: e.currentTarget.valueAsNumber })}
          error={errors.people}
        />
        <NativeSelect
          label={t('analyses.horizon')}
          value={values.horizon}
          onChange={(e) => set({ horizon: e.currentTarget.value as NeedInput['horizon'] })}
        >
          {horizons.map((h) => (
            <option key={h} value={h}>
              {t(`analyses.horizonOption.${h}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('analyses.needDriver')}
          value={values.driver ?? ''}
          onChange={(e) => set({ driver: e.currentTarget.value || null })}
        >
          <option value="">{t('analyses.noDriver')}</option>
          {drivers.map((d) => (
            <option key={d} value={d}>
              {t(`analyses.driver.${d}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('analyses.certainty')}
          value={values.confidence}
          onChange={(e) => set({ confidence: e.currentTarget.value as NeedInput['confidence'] })}
        >
          {confidences.map((c) => (
            <option key={c} value={c}>
              {t(`analyses.certaintyOption.${c}`)}
            </option>
          ))}
        </NativeSelect>
      </SimpleGrid>
      <Textarea
        label={t('analyses.evidence')}
        description={t('analyses.evidenceHint')}
        autosize
        minRows={2}
        value={values.evidence ?? ''}
        onChange={(e) => set({ evidence: orNull(e.currentTarget.value) })}
      />
      <Title order={3} size="h5">
        {t('analyses.goals')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Textarea
          label={t('analyses.goalIndividual')}
          autosize
          minRows={2}
          value={values.goalIndividual ?? ''}
          onChange={(e) => set({ goalIndividual: orNull(e.currentTarget.value) })}
        />
        <Textarea
          label={t('analyses.goalOrganisation')}
          autosize
          minRows={2}
          value={values.goalOrganisation ?? ''}
          onChange={(e) => set({ goalOrganisation: orNull(e.currentTarget.value) })}
        />
        <Textarea
          label={t('analyses.indicators')}
          autosize
          minRows={2}
          value={values.indicators ?? ''}
          onChange={(e) => set({ indicators: orNull(e.currentTarget.value) })}
        />
      </SimpleGrid>
    </FormModal>
  );
}

/** Concepts suggested for the customer's own words, with the words that matched; a person picks one. */
function Suggestions({
  text,
  taxonomy,
  onUse,
}: {
  text: string;
  taxonomy: TaxonomyAccess;
  onUse: (suggestion: Suggestion) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const suggest = useMutation({
    mutationFn: () => taxonomy.suggest(text, 'skill,skill-group'),
  });
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="default"
          size="compact-sm"
          disabled={text.trim().length < 3}
          loading={suggest.isPending}
          onClick={() => suggest.mutate()}
        >
          {t('analyses.suggest')}
        </Button>
      </Group>
      {suggest.isError && <Text c="red.9">{errorMessage(suggest.error)}</Text>}
      {suggest.data && (
        <Paper withBorder p="xs" component="section" aria-label={t('analyses.suggestions')}>
          {suggest.data.length === 0 ? (
            <Text size="sm">{t('analyses.noSuggestions')}</Text>
          ) : (
            <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {suggest.data.map((s) => {
                const label = format.pick(s.concept.label);
                return (
                  <li key={s.concept.id}>
                    <Group gap="xs" wrap="wrap">
                      <Button size="compact-xs" variant="light" onClick={() => onUse(s)}>
                        {t('analyses.useSuggestion', { label })}
                      </Button>
                      <Text size="xs">
                        {t('analyses.matched', { words: s.matchedWords.join(', ') })} ·{' '}
                        {t('analyses.confidence', { percent: Math.round(s.confidence * 100) })}
                      </Text>
                      {s.needsConfirmation && (
                        <Badge color="dark" variant="outline" tt="none">
                          {t('analyses.unsure')}
                        </Badge>
                      )}
                    </Group>
                  </li>
                );
              })}
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
