import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OpenStage } from '../../../features/cases/stages.ts';
import { guidePathForStage, heiGuidePaths } from '../../../features/guide/guide.text.ts';

/**
 * The process guide in context: the stage's page and its checklist in the HEI's version of the guide (its
 * adaptation where it has one, else the shared text). Plain links: the guide is server-rendered HTML.
 */
export function StageGuideLinks({ stage, heiId }: { stage: OpenStage; heiId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const stageName = t(`labels.stage.${stage}`);
  const checklist = (format: 'docx' | 'pdf') =>
    heiGuidePaths(heiId).templateFile(lang, `checklist-${stage}`, format);
  return (
    <Group gap="md" data-testid="stage-guide-links">
      <Anchor href={guidePathForStage(stage, lang, heiId)} size="sm">
        {t('cases.processGuide.stage', { stage: stageName })}
      </Anchor>
      <Anchor href={checklist('docx')} size="sm">
        {t('cases.processGuide.checklistDocx', { stage: stageName })}
      </Anchor>
      <Anchor href={checklist('pdf')} size="sm">
        {t('cases.processGuide.checklistPdf', { stage: stageName })}
      </Anchor>
    </Group>
  );
}
