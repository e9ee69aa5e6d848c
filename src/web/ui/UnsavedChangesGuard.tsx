import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useBlocker } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/**
 * Asks before a page with unsaved changes is left: within Lupp in a dialog (stay, or leave without saving), and when
 * the tab is closed or reloaded with the browser's own question. Long texts (a course design's content, an
 * agreement's clauses) were lost without a word by a click on the menu.
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker({ shouldBlockFn: () => dirty, enableBeforeUnload: dirty, withResolver: true });
  if (blocker.status !== 'blocked') return null;
  return (
    <Modal
      opened
      onClose={blocker.reset}
      title={t('common.unsaved.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text>{t('common.unsaved.text')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={blocker.reset} data-autofocus>
            {t('common.unsaved.stay')}
          </Button>
          <Button color="red.9" onClick={blocker.proceed}>
            {t('common.unsaved.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
