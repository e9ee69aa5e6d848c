import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { AttendanceTable, SessionTopic } from './CaseDelivery.tsx';
import { CourseCalendar } from './CourseCalendar.tsx';
import { portalCalendarHref, portalDeliveryQuery, renewPortalCalendarLink } from './delivery.api.ts';

/** "Schema och närvaro" in the portal: the course's sessions, and each participant's attendance if shared. */
export function PortalDelivery({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const delivery = useQuery(portalDeliveryQuery(caseId));
  const queryClient = useQueryClient();
  if (delivery.isPending) return <Loading />;
  if (delivery.isError) return <ErrorAlert error={delivery.error} />;
  if (!delivery.data.length) return <Text size="sm">{t('delivery.portal.none')}</Text>;
  return (
    <Stack gap="lg">
      {delivery.data.map((course) => (
        <Stack gap="xs" key={course.designId} data-testid="portal-delivery">
          <Title order={3} size="h4">
            {course.title}
          </Title>
          <DataTable
            striped
            minWidth={520}
            caption={t('delivery.sessionsCaption', { title: course.title })}
            columns={[t('delivery.day'), t('delivery.time'), t('delivery.place'), t('delivery.topic')]}
          >
            {course.sessions.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{format.date(s.day)}</Table.Td>
                <Table.Td>
                  {s.startsAt}–{s.endsAt}
                </Table.Td>
                <Table.Td>{s.place}</Table.Td>
                <Table.Td>
                  <SessionTopic session={s} />
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <CourseCalendar
            title={course.title}
            fileHref={portalCalendarHref(course.designId)}
            feedPath={course.calendarPath}
            renew={() => renewPortalCalendarLink(course.designId)}
            onRenewed={() => refetchAfterChange(queryClient, portalDeliveryQuery(caseId).queryKey)}
          />
          {course.attendance ? (
            <AttendanceTable
              caption={t('delivery.portal.attendanceCaption', { hei: course.hei })}
              participants={course.attendance}
            />
          ) : (
            <Text size="sm">{t('delivery.portal.notShared')}</Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
