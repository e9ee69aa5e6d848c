import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { teachingCalendarLinkSchema } from '../../../features/delivery/delivery.contract.ts';
import { api } from '../../api.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';

const teachingCalendarQuery = queryOptions({
  queryKey: ['teaching-calendar'],
  queryFn: ({ signal }) => api.get('/api/me/teaching-calendar', teachingCalendarLinkSchema, signal),
});

/** The person's own calendar feed of the sessions they teach: made on request, replaced when it went astray. */
export function TeachingCalendar() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const { data } = useQuery(teachingCalendarQuery);
  const feedUrl = data?.path ? new URL(data.path, window.location.origin).toString() : null;
  const make = useMutation({
    mutationFn: () => api.post('/api/me/teaching-calendar', {}, teachingCalendarLinkSchema),
    onSuccess: (made) => {
      queryClient.setQueryData(teachingCalendarQuery.queryKey, made);
      notify(t(feedUrl ? 'delivery.calendar.renewedNotice' : 'delivery.calendar.createdNotice'));
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  if (!data) return null;
  if (!feedUrl)
    return (
      <Stack gap={4} align="flex-start">
        <Button size="compact-sm" variant="default" loading={make.isPending} onClick={() => make.mutate()}>
          {t('delivery.calendar.create')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('delivery.teachingCalendar.hint')}
        </Text>
      </Stack>
    );
  return (
    <Stack gap={6}>
      <TextInput
        label={t('delivery.teachingCalendar.label')}
        description={t('delivery.teachingCalendar.hint')}
        readOnly
        value={feedUrl}
        onFocus={(event) => event.currentTarget.select()}
      />
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="default"
          onClick={async () => {
            await navigator.clipboard?.writeText(feedUrl).catch(() => undefined);
            notify(t('delivery.calendar.copiedNotice'));
          }}
        >
          {t('delivery.calendar.copy')}
        </Button>
        <Button size="compact-sm" variant="subtle" loading={make.isPending} onClick={() => make.mutate()}>
          {t('delivery.calendar.renew')}
        </Button>
      </Group>
    </Stack>
  );
}
