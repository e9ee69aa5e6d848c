import { Alert, Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeritRecord } from '../../../features/staff/staff.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { QueryView, Section } from '../../ui/page.tsx';
import { meritFilePath, meritQuery } from './staff.api.ts';

/**
 * The record of collaboration merits: summary, courses as a planned teacher, dialogues led, evaluations
 * (none yet), with downloads as Word and PDF in the interface language.
 */
export function MeritSection({ heiId, userId }: { heiId: string; userId: string }) {
  const { t, i18n } = useTranslation();
  const merit = useQuery(meritQuery(heiId, userId));
  return (
    <Section id="merit-record" title={t('staff.merit.title')}>
      <Stack gap="md">
        <Text size="sm" maw={760}>
          {t('staff.merit.intro')}
        </Text>
        <Group>
          {(['docx', 'pdf'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              variant="light"
              href={meritFilePath(heiId, userId, format, i18n.language)}
              download
            >
              {t(`staff.merit.${format}`)}
            </Button>
          ))}
        </Group>
        <QueryView query={merit}>{(record) => <MeritContent record={record} />}</QueryView>
      </Stack>
    </Section>
  );
}

function MeritContent({ record }: { record: MeritRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { totals } = record;
  const fact = (label: string, value: string | number) => (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
  return (
    <Stack gap="md" data-testid="merit-record">
      <Title order={3} size="h4">
        {t('staff.merit.totals')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {fact(t('staff.merit.totalCourses'), totals.courses)}
        {fact(
          t('staff.merit.totalHours'),
          t('staff.merit.totalHoursValue', {
            hours: format.number(totals.hours),
            teaching: format.number(totals.teachingHours),
            development: format.number(totals.developmentHours),
          }),
        )}
        {fact(t('staff.merit.casesOwned'), totals.casesOwned)}
        {fact(t('staff.merit.meetings'), totals.meetings)}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('staff.merit.countedNote')}
      </Text>

      <Title order={3} size="h4">
        {t('staff.merit.courses')}
      </Title>
      {record.courses.length === 0 ? (
        <Text size="sm">{t('staff.merit.noCourses')}</Text>
      ) : (
        <DataTable
          minWidth={640}
          data-testid="merit-courses"
          columns={[
            t('staff.merit.columns.course'),
            t('staff.merit.columns.customer'),
            t('staff.merit.columns.hours'),
            t('staff.merit.columns.status'),
          ]}
        >
          {record.courses.map((c) => (
            <Table.Tr key={c.designId}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {c.title}
                </Text>
                {(c.startDate || c.endDate) && (
                  <Text size="xs" c="dimmed">
                    {[c.startDate, c.endDate].map((d) => (d ? format.date(d) : '…')).join(' – ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {c.case.customer} ({c.case.reference})
              </Table.Td>
              <Table.Td>
                {t('staff.merit.hoursValue', {
                  teaching: format.number(c.teachingHours),
                  development: format.number(c.developmentHours),
                })}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge
                    variant={c.approved ? 'light' : 'outline'}
                    color={c.approved ? 'green' : 'gray'}
                    tt="none"
                  >
                    {c.approved && c.approvedAt
                      ? t('staff.merit.approved', { date: format.date(c.approvedAt) })
                      : t('staff.merit.planning')}
                  </Badge>
                  {c.agreement !== 'none' && (
                    <Badge variant="light" color={c.agreement === 'signed' ? 'green' : 'gray'} tt="none">
                      {c.agreement === 'signed'
                        ? t('staff.merit.agreement.signed', {
                            date: c.agreementSignedAt ? format.date(c.agreementSignedAt) : '',
                          })
                        : t(`staff.merit.agreement.${c.agreement}`)}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}

      <Title order={3} size="h4">
        {t('staff.merit.dialogues')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Text size="sm" fw={600}>
            {t('staff.merit.casesOwnedTitle')}
          </Text>
          {record.dialogues.casesOwned.length === 0 ? (
            <Text size="sm">{t('staff.merit.noCasesOwned')}</Text>
          ) : (
            <List size="sm" spacing={2}>
              {record.dialogues.casesOwned.map((c) => (
                <List.Item key={c.id}>
                  {c.reference}: {c.title} ({c.customer})
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div>
          <Text size="sm" fw={600}>
            {t('staff.merit.meetingsTitle')}
          </Text>
          {record.dialogues.meetings.length === 0 ? (
            <Text size="sm">{t('staff.merit.noMeetings')}</Text>
          ) : (
            <List size="sm" spacing={2}>
              {record.dialogues.meetings.map((m) => (
                <List.Item key={`${m.case.id}-${m.occurredAt}-${m.title}`}>
                  {format.date(m.occurredAt)}: {m.title} ({m.case.reference}, {m.case.customer})
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </SimpleGrid>

      <Title order={3} size="h4">
        {t('staff.merit.evaluations')}
      </Title>
      {record.evaluations.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('staff.merit.noEvaluations')}
        </Alert>
      ) : (
        <List size="sm">
          {record.evaluations.map((e) => (
            <List.Item key={e.evaluationId}>
              {t('staff.merit.evaluationLine', {
                title: e.title,
                date: format.date(e.closesOn),
                answered: e.answered,
                satisfaction: format.number(e.satisfaction),
                recommended: e.recommended,
              })}
              {e.gain !== null &&
                ` ${t('staff.merit.evaluationGain', { gain: format.figure(e.gain, { signed: true }) })}`}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
