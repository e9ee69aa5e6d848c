import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';

/**
 * A course's schedule for calendars: the .ics file to download, and the feed address that participants'
 * calendar apps subscribe to (made on request; a new one replaces the old). Both the HEI and the customer
 * see it; the customer passes the address on to its participants.
 */
export function CourseCalendar({
  title,
  fileHref,
  ...feed
}: {
  title: string;
  fileHref: string;
  feedPath: string | null;
  renew: () => Promise<unknown>;
  onRenewed: () => Promise<unknown>;
  canRenew?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="course-calendar">
      <Group gap="md">
        <Anchor href={fileHref} download size="sm">
          {t('delivery.calendar.download', { title })}
        </Anchor>
      </Group>
      <CalendarFeed
        {...feed}
        label={t('delivery.calendar.feedLabel', { title })}
        hint={t('delivery.calendar.feedHint')}
        createHint={t('delivery.calendar.createHint')}
      />
    </Stack>
  );
}

/**
 * A calendar feed's secret address: made on request, then shown to copy or open in the calendar app, and
 * replaced by a new one when it went further than meant (a course's feed, a teacher's own).
 */
export function CalendarFeed({
  feedPath,
  label,
  hint,
  createHint,
  renew,
  onRenewed,
  canRenew = true,
}: {
  feedPath: string | null;
  label: string;
  hint: string;
  createHint: string;
  renew: () => Promise<unknown>;
  onRenewed: () => Promise<unknown>;
  canRenew?: boolean;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const feedUrl = feedPath ? new URL(feedPath, window.location.origin).toString() : null;
  const makeLink = useMutation({
    mutationFn: renew,
    onSuccess: async () => {
      notify(t(feedPath ? 'delivery.calendar.renewedNotice' : 'delivery.calendar.createdNotice'));
      await onRenewed();
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const copy = async () => {
    if (feedUrl) await navigator.clipboard?.writeText(feedUrl).catch(() => undefined);
    notify(t('delivery.calendar.copiedNotice'));
  };
  if (!feedUrl)
    return (
      canRenew && (
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            loading={makeLink.isPending}
            onClick={() => makeLink.mutate()}
          >
            {t('delivery.calendar.create')}
          </Button>
          <Text size="xs" c="dimmed" maw={560}>
            {createHint}
          </Text>
        </Group>
      )
    );
  return (
    <>
      <TextInput
        label={label}
        description={hint}
        readOnly
        value={feedUrl}
        maw={760}
        onFocus={(event) => event.currentTarget.select()}
      />
      <Group gap="xs">
        <Button size="compact-sm" variant="default" onClick={copy}>
          {t('delivery.calendar.copy')}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          component="a"
          href={feedUrl.replace(/^https?:/, 'webcal:')}
        >
          {t('delivery.calendar.subscribe')}
        </Button>
        {canRenew && (
          <Button
            size="compact-sm"
            variant="subtle"
            loading={makeLink.isPending}
            onClick={() => makeLink.mutate()}
          >
            {t('delivery.calendar.renew')}
          </Button>
        )}
      </Group>
    </>
  );
}
