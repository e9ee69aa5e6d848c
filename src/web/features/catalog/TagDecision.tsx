import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Confirm and reject buttons for a concept on a course; a button for the state the tag is already in is
 * disabled. `names` are the buttons' accessible names (the concept, and the course where that is not clear).
 */
export function TagDecision({
  status,
  names,
  busy = false,
  onDecide,
}: {
  status: 'suggested' | 'confirmed' | 'rejected';
  names: { confirm: string; reject: string };
  busy?: boolean;
  onDecide: (status: 'confirmed' | 'rejected') => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="default"
        disabled={busy || status === 'confirmed'}
        aria-label={names.confirm}
        onClick={() => onDecide('confirmed')}
      >
        {t('catalog.confirmButton')}
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red.9"
        c="red.9"
        disabled={busy || status === 'rejected'}
        aria-label={names.reject}
        onClick={() => onDecide('rejected')}
      >
        {t('catalog.rejectButton')}
      </Button>
    </Group>
  );
}
