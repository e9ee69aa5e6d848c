import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type heiChecklistItemSchema, heiChecklistSchema } from '../../../features/cases/cases.contract.ts';
import { type Evidence, evidenceKinds, type OpenStage, openStages } from '../../../features/cases/stages.ts';
import { api } from '../../api.ts';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { heiChecklistQuery } from '../cases/cases.api.ts';
import {
  HeiSettingsPage,
  type SettingsEditorProps,
  SettingsIntro,
  useSettingsEditor,
} from './HeiSettings.tsx';

type Item = {
  key: string;
  id?: string;
  stage: OpenStage;
  labelSv: string;
  labelEn: string;
  required: boolean;
  evidence: Evidence | null;
};

let counter = 0;
const newKey = () => `new-${++counter}`;

export function ChecklistPage() {
  const { t } = useTranslation();
  return (
    <HeiSettingsPage
      title={t('checklistAdmin.title')}
      viewRoles={['admin', 'manager', 'coordinator']}
      queryFor={heiChecklistQuery}
      editor={ChecklistEditor}
    />
  );
}

type SavedItem = z.infer<typeof heiChecklistItemSchema>;

function ChecklistEditor({ organisationId, canEdit, saved }: SettingsEditorProps<SavedItem>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const {
    rows: items,
    setRows: setItems,
    errors,
    save,
  } = useSettingsEditor({
    saved,
    toRow: (item): Item => ({ ...item, key: item.id }),
    put: (rows) =>
      api.put(
        `/api/organisations/${organisationId}/checklist`,
        { items: rows.map(({ key: _key, ...item }) => item) },
        heiChecklistSchema,
      ),
    queryKey: heiChecklistQuery(organisationId).queryKey,
    savedMessage: t('checklistAdmin.saved'),
    list: 'items',
    fieldError: (item, field) =>
      field === 'labelSv' || field === 'labelEn'
        ? [`${item.key}.${field}`, t('checklistAdmin.labelError')]
        : undefined,
    onSaved: () => void refetchAfterChange(queryClient, ['case']),
  });

  const change = (key: string, patch: Partial<Item>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const moveWithinStage = (key: string, direction: -1 | 1) =>
    setItems((all) => {
      const index = all.findIndex((i) => i.key === key);
      const item = all[index];
      if (!item) return all;
      // The neighbour in the same stage.
      let other = index + direction;
      while (other >= 0 && other < all.length && all[other]?.stage !== item.stage) other += direction;
      const neighbour = all[other];
      if (!neighbour) return all;
      const next = [...all];
      next[index] = neighbour;
      next[other] = item;
      return next;
    });

  return (
    <Stack gap="md">
      <SettingsIntro
        intro={t('checklistAdmin.intro')}
        readOnly={!canEdit && t('checklistAdmin.readOnly')}
        saveError={save.error}
      />
      {openStages.map((stage) => {
        const stageItems = items.filter((i) => i.stage === stage);
        const stageName = t(`labels.stage.${stage}`);
        return (
          <Card
            key={stage}
            withBorder
            component="section"
            aria-labelledby={`cl-${stage}`}
            data-testid={`admin-checklist-${stage}`}
          >
            <Title order={2} size="h4" id={`cl-${stage}`} mb="sm">
              {stageName}
            </Title>
            <Stack gap="sm">
              {stageItems.length === 0 && <Text size="sm">{t('checklistAdmin.empty')}</Text>}
              {stageItems.map((item, index) => {
                const number = index + 1;
                const group = t('checklistAdmin.itemActions', { number, stage: stageName });
                return (
                  <Stack
                    key={item.key}
                    gap={6}
                    role="group"
                    aria-label={group}
                    pb="sm"
                    style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <Group grow align="flex-start" wrap="wrap">
                      <TextInput
                        label={t('checklistAdmin.labelSv')}
                        value={item.labelSv}
                        readOnly={!canEdit}
                        miw={220}
                        onChange={(e) => change(item.key, { labelSv: e.currentTarget.value })}
                        error={errors[`${item.key}.labelSv`]}
                      />
                      <TextInput
                        label={t('checklistAdmin.labelEn')}
                        value={item.labelEn}
                        readOnly={!canEdit}
                        miw={220}
                        onChange={(e) => change(item.key, { labelEn: e.currentTarget.value })}
                        error={errors[`${item.key}.labelEn`]}
                      />
                    </Group>
                    <Group gap="sm">
                      <Checkbox
                        label={t('checklistAdmin.required')}
                        checked={item.required}
                        disabled={!canEdit}
                        onChange={(e) => change(item.key, { required: e.currentTarget.checked })}
                      />
                      <NativeSelect
                        label={t('evidence.label')}
                        value={item.evidence ?? ''}
                        disabled={!canEdit}
                        data={[
                          { value: '', label: t('evidence.byHand') },
                          ...evidenceKinds.map((kind) => ({
                            value: kind,
                            label: t(`evidence.option.${kind}`),
                          })),
                        ]}
                        onChange={(e) =>
                          change(item.key, { evidence: (e.currentTarget.value || null) as Evidence | null })
                        }
                      />
                      {canEdit && (
                        <Group gap={4}>
                          <ActionIcon
                            variant="default"
                            aria-label={`${t('checklistAdmin.up')}: ${group}`}
                            disabled={index === 0}
                            onClick={() => moveWithinStage(item.key, -1)}
                          >
                            <span aria-hidden="true">↑</span>
                          </ActionIcon>
                          <ActionIcon
                            variant="default"
                            aria-label={`${t('checklistAdmin.down')}: ${group}`}
                            disabled={index === stageItems.length - 1}
                            onClick={() => moveWithinStage(item.key, 1)}
                          >
                            <span aria-hidden="true">↓</span>
                          </ActionIcon>
                          <Button
                            size="compact-sm"
                            variant="outline"
                            color="red.9"
                            aria-label={`${t('checklistAdmin.remove')}: ${group}`}
                            onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))}
                          >
                            {t('checklistAdmin.remove')}
                          </Button>
                        </Group>
                      )}
                    </Group>
                  </Stack>
                );
              })}
              {canEdit && (
                <Group>
                  <Button
                    variant="light"
                    size="compact-sm"
                    onClick={() =>
                      setItems((all) => {
                        // After the last item of the stage, so the array stays in stage order.
                        const last = all.map((i) => i.stage).lastIndexOf(stage);
                        const before = openStages.indexOf(stage);
                        const at =
                          last >= 0 ? last + 1 : all.findIndex((i) => openStages.indexOf(i.stage) > before);
                        const next = [...all];
                        next.splice(at < 0 ? next.length : at, 0, {
                          key: newKey(),
                          stage,
                          labelSv: '',
                          labelEn: '',
                          required: false,
                          evidence: null,
                        });
                        return next;
                      })
                    }
                  >
                    {t('checklistAdmin.add', { stage: stageName })}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        );
      })}
      {canEdit && (
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('checklistAdmin.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
