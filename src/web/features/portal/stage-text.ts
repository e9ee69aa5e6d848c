import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../features/cases/stages.ts';

/** What the stage of a case means for the customer, in a sentence. */
export function useStageText() {
  const { t } = useTranslation();
  return (stage: Stage, outcome: string | null) =>
    stage === 'closed'
      ? outcome === 'won'
        ? t('portal.closedWon')
        : t('portal.closedOther')
      : t(`portal.stageText.${stage}`);
}
