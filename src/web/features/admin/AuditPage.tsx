import { Anchor, Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading, Page } from '../../ui/page.tsx';
import { NoAccess, NotInOrganisation } from './NoAccess.tsx';

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
  if (!membership)
    return (
      <Page title={t('audit.title')}>
        <NotInOrganisation />
      </Page>
    );
  if (!hasRole(membership, 'admin'))
    return (
      <Page title={t('audit.title')}>
        <NoAccess organisation={membership.tenant.name} />
      </Page>
    );
  return (
    <Page title={t('audit.title')}>
      <Text>{t('audit.intro', { organisation: membership.tenant.name })}</Text>
      <AuditLog organisationId={membership.tenant.id} />
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
        <form
          aria-label={t('audit.filter')}
          onSubmit={(event) => {
            event.preventDefault();
            setFilters(draft);
          }}
        >
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
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        isApiError(events.error, 400) ? (
          <ErrorAlert error={events.error} />
        ) : (
          <ErrorAlert error={events.error} />
        )
      ) : events.data.length === 0 ? (
        <Text>{t('audit.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.at')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.subject')}</Table.Th>
                <Table.Th scope="col">{t('audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.map((e) => (
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
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
