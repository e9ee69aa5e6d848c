import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/i18n.ts';

/** A short-lived message (announced by screen readers), with a labelled close button. */
export function notify(message: string, kind: 'success' | 'error' = 'success') {
  notifications.show({
    message,
    color: kind === 'success' ? 'green' : 'red',
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
