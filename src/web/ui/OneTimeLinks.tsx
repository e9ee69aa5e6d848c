import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notify } from './notify.ts';

/**
 * Links shown only once (Lupp keeps just their hashes): one per line, to read or copy at once, e.g. a
 * survey's or an evaluation's single-use links.
 */
export function OneTimeLinks({ label, links, testId }: { label: string; links: string[]; testId: string }) {
  const { t } = useTranslation();
  const copy = async () => {
    await navigator.clipboard?.writeText(links.join('\n')).catch(() => undefined);
    notify(t('analyses.copied'));
  };
  return (
    <Stack gap="xs">
      <Textarea label={label} readOnly autosize maxRows={8} value={links.join('\n')} data-testid={testId} />
      <Group>
        <Button size="compact-sm" variant="default" onClick={copy}>
          {t('analyses.copyLinks')}
        </Button>
      </Group>
    </Stack>
  );
}
