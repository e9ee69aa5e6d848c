import { Anchor, Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { Page, QueryView } from '../../ui/page.tsx';
import { OrganisationView } from './OrganisationView.tsx';

const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
});

type Filters = { from: string; to: string; action: string };

function auditPath(organisationId: string, filters: Filters, format?: 'csv') {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.action.trim()) params.set('action', filters.action.trim());
  if (format) params.set('format', format);
  const query = params.toString();
  return `/api/organisations/${organisationId}/audit${query ? `?${query}` : ''}`;
}

export function AuditPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  return (
    <Page title={t('audit.title')}>
      <OrganisationView membership={membership} allowed={hasRole(membership, 'admin')}>
        {({ tenant }) => (
          <>
            <Text>{t('audit.intro', { organisation: tenant.name })}</Text>
            <AuditLog organisationId={tenant.id} />
          </>
        )}
      </OrganisationView>
    </Page>
  );
}

function AuditLog({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<Filters>({ from: '', to: '', action: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const events = useQuery({
    queryKey: ['organisation', organisationId, 'audit', filters],
    queryFn: ({ signal }) => api.get(auditPath(organisationId, filters), z.array(auditEventSchema), signal),
    placeholderData: (previous) => previous,
  });
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  return (
    <>
      <Paper withBorder p="md">
        <form aria-label={t('audit.filter')} onSubmit={submitting(() => setFilters(draft))}>
          <Group align="flex-end" gap="sm">
            <TextInput type="date" label={t('audit.from')} value={draft.from} onChange={set('from')} />
            <TextInput type="date" label={t('audit.to')} value={draft.to} onChange={set('to')} />
            <TextInput
              label={t('audit.action')}
              placeholder="case.stage_changed"
              value={draft.action}
              onChange={set('action')}
            />
            <Button type="submit">{t('audit.filter')}</Button>
          </Group>
        </form>
      </Paper>
      <Group>
        <Anchor href={auditPath(organisationId, filters, 'csv')} download data-testid="audit-csv">
          {t('audit.csv')}
        </Anchor>
      </Group>
      <QueryView query={events} empty={<Text>{t('audit.empty')}</Text>}>
        {(list) => (
          <DataTable
            minWidth={760}
            striped
            verticalSpacing="xs"
            data-testid="audit-table"
            columns={[
              t('audit.at'),
              t('audit.actor'),
              t('audit.action'),
              t('audit.subject'),
              t('audit.details'),
            ]}
          >
            {list.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(e.at)}</Table.Td>
                <Table.Td>{e.actor ?? t('audit.system')}</Table.Td>
                <Table.Td>
                  <code>{e.action}</code>
                </Table.Td>
                <Table.Td>
                  {e.subjectType}{' '}
                  <Text span size="xs">
                    {e.subjectId.slice(0, 8)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ wordBreak: 'break-word' }} maw={360}>
                    {JSON.stringify(e.data)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </>
  );
}
