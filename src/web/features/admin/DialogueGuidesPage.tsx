import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { dialogueTemplateSchema } from '../../../features/cases/cases.contract.ts';
import { api } from '../../api.ts';
import { type DialogueTemplate, dialogueTemplatesQuery } from '../cases/cases.api.ts';
import {
  HeiSettingsPage,
  type SettingsEditorProps,
  SettingsIntro,
  useSettingsEditor,
} from './HeiSettings.tsx';

type Question = { key: string; sv: string; en: string };
type Guide = { uiKey: string; id?: string; name: string; questions: Question[] };

let counter = 0;
const uiKey = () => `guide-${++counter}`;
/** Keys identify a question's answers in meeting records; new questions get one of their own. */
const questionKey = () => `q${Date.now().toString(36)}${(++counter).toString(36)}`;

/** The HEI's guides for customer dialogue: named sets of questions a meeting record answers. */
export function DialogueGuidesPage() {
  const { t } = useTranslation();
  return (
    <HeiSettingsPage title={t('guidesAdmin.title')} queryFor={dialogueTemplatesQuery} editor={GuidesEditor} />
  );
}

function GuidesEditor({ organisationId, canEdit, saved }: SettingsEditorProps<DialogueTemplate>) {
  const { t } = useTranslation();
  const {
    rows: guides,
    setRows: setGuides,
    errors,
    save,
  } = useSettingsEditor({
    saved,
    toRow: (guide): Guide => ({ ...guide, uiKey: guide.id }),
    put: (rows) =>
      api.put(
        `/api/organisations/${organisationId}/dialogue-templates`,
        { templates: rows.map(({ uiKey: _key, ...guide }) => guide) },
        z.array(dialogueTemplateSchema),
      ),
    queryKey: dialogueTemplatesQuery(organisationId).queryKey,
    savedMessage: t('guidesAdmin.saved'),
    list: 'templates',
    fieldError: (guide, field) => {
      // `questions.2.sv`: that field of that question.
      const question = field.match(/^questions\.(\d+)\.(sv|en)$/);
      if (field === 'name') return [`${guide.uiKey}.name`, t('guidesAdmin.nameError')];
      if (question) return [`${guide.uiKey}.${question[1]}.${question[2]}`, t('guidesAdmin.questionError')];
      if (field === 'questions') return [`${guide.uiKey}.questions`, t('guidesAdmin.questionsError')];
      return undefined;
    },
  });

  const change = (key: string, patch: Partial<Guide>) =>
    setGuides((all) => all.map((g) => (g.uiKey === key ? { ...g, ...patch } : g)));
  const changeQuestion = (guide: Guide, index: number, patch: Partial<Question>) =>
    change(guide.uiKey, { questions: guide.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)) });

  return (
    <Stack gap="md">
      <SettingsIntro
        intro={t('guidesAdmin.intro')}
        readOnly={!canEdit && t('guidesAdmin.readOnly')}
        saveError={save.error}
      />
      {guides.map((guide, guideIndex) => (
        <Card key={guide.uiKey} withBorder component="section" aria-labelledby={`guide-${guide.uiKey}`}>
          <Title order={2} size="h4" id={`guide-${guide.uiKey}`} mb="sm">
            {guide.name || t('guidesAdmin.unnamed', { number: guideIndex + 1 })}
          </Title>
          <Stack gap="sm">
            <TextInput
              label={t('guidesAdmin.name')}
              value={guide.name}
              readOnly={!canEdit}
              onChange={(e) => change(guide.uiKey, { name: e.currentTarget.value })}
              error={errors[`${guide.uiKey}.name`]}
            />
            {errors[`${guide.uiKey}.questions`] && (
              <Text c="red.9" size="sm">
                {errors[`${guide.uiKey}.questions`]}
              </Text>
            )}
            {guide.questions.map((question, index) => {
              const group = t('guidesAdmin.question', {
                number: index + 1,
                guide: guide.name || guideIndex + 1,
              });
              return (
                <Stack key={question.key} gap={6} role="group" aria-label={group}>
                  <Group grow align="flex-start" wrap="wrap">
                    <TextInput
                      label={t('guidesAdmin.questionSv', { number: index + 1 })}
                      value={question.sv}
                      readOnly={!canEdit}
                      miw={220}
                      onChange={(e) => changeQuestion(guide, index, { sv: e.currentTarget.value })}
                      error={errors[`${guide.uiKey}.${index}.sv`]}
                    />
                    <TextInput
                      label={t('guidesAdmin.questionEn', { number: index + 1 })}
                      value={question.en}
                      readOnly={!canEdit}
                      miw={220}
                      onChange={(e) => changeQuestion(guide, index, { en: e.currentTarget.value })}
                      error={errors[`${guide.uiKey}.${index}.en`]}
                    />
                  </Group>
                  {canEdit && (
                    <Group>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red.9"
                        aria-label={`${t('guidesAdmin.removeQuestion')}: ${group}`}
                        onClick={() =>
                          change(guide.uiKey, { questions: guide.questions.filter((_, i) => i !== index) })
                        }
                      >
                        {t('guidesAdmin.removeQuestion')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              );
            })}
            {canEdit && (
              <Group>
                <Button
                  variant="light"
                  size="compact-sm"
                  onClick={() =>
                    change(guide.uiKey, {
                      questions: [...guide.questions, { key: questionKey(), sv: '', en: '' }],
                    })
                  }
                >
                  {t('guidesAdmin.addQuestion', { guide: guide.name || guideIndex + 1 })}
                </Button>
                <Button
                  variant="outline"
                  size="compact-sm"
                  color="red.9"
                  onClick={() => setGuides((all) => all.filter((g) => g.uiKey !== guide.uiKey))}
                >
                  {t('guidesAdmin.removeGuide', { guide: guide.name || guideIndex + 1 })}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      {canEdit && (
        <Group>
          <Button
            variant="light"
            onClick={() =>
              setGuides((all) => [
                ...all,
                { uiKey: uiKey(), name: '', questions: [{ key: questionKey(), sv: '', en: '' }] },
              ])
            }
          >
            {t('guidesAdmin.addGuide')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('guidesAdmin.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
