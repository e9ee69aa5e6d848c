import { Stack } from '@mantine/core';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { teachingCalendarLinkSchema } from '../../../features/delivery/delivery.contract.ts';
import { api } from '../../api.ts';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { CalendarFeed } from './CourseCalendar.tsx';

const teachingCalendarQuery = queryOptions({
  queryKey: ['teaching-calendar'],
  queryFn: ({ signal }) => api.get('/api/me/teaching-calendar', teachingCalendarLinkSchema, signal),
});

/** The person's own calendar feed of the sessions they teach: made on request, replaced when it went astray. */
export function TeachingCalendar() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data } = useQuery(teachingCalendarQuery);
  if (!data) return null;
  return (
    <Stack gap={6}>
      <CalendarFeed
        feedPath={data.path}
        label={t('delivery.teachingCalendar.label')}
        hint={t('delivery.teachingCalendar.hint')}
        createHint={t('delivery.teachingCalendar.hint')}
        renew={() => api.post('/api/me/teaching-calendar', {}, teachingCalendarLinkSchema)}
        onRenewed={() => refetchAfterChange(queryClient, teachingCalendarQuery.queryKey)}
      />
    </Stack>
  );
}
