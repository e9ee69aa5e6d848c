import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Edit" and "Remove" for one row of a table; `name` makes each button's accessible name unique. */
export function RowActions({
  editLabel,
  removeLabel,
  onEdit,
  onRemove,
}: {
  editLabel: string;
  removeLabel: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  // (may wrap: side by side the two made the needs table scroll sideways at 1280 px, "Ta bort" cut off)
  return (
    <Group gap={4}>
      <Button size="compact-xs" variant="default" aria-label={editLabel} onClick={onEdit}>
        {t('analyses.edit')}
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red.9"
        c="red.9"
        aria-label={removeLabel}
        onClick={onRemove}
      >
        {t('analyses.remove')}
      </Button>
    </Group>
  );
}
