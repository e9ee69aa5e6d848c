import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  AUDIT_EXPORT_LIMIT,
  type AuditEventView,
  type AuditFilter,
  auditFilterOptionsSchema,
  auditPageSchema,
  isAuditAction,
  isAuditSubjectType,
} from '../../../features/audit/audit.contract.ts';
import { api } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Pager, usePagesInRange } from '../../ui/Pager.tsx';
import { Page, QueryView } from '../../ui/page.tsx';
import { auditDetails } from './audit-details.ts';
import { OrganisationView } from './OrganisationView.tsx';

const route = getRouteApi('/app/admin/audit');

/** Events on one page of the log. */
const AUDIT_PAGE = 50;

function auditPath(organisationId: string, filter: AuditFilter, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/organisations/${organisationId}/audit${query ? `?${query}` : ''}`;
}

/**
 * The names of kinds of event and of records, in the reader's language. A code this version does not know
 * (written by a newer or an older one) shows as it is stored.
 */
function useAuditNames() {
  const { t, i18n } = useTranslation();
  const subject = (type: string) => (isAuditSubjectType(type) ? t(`audit.subjects.${type}`) : type);
  return {
    action: (code: string) => (isAuditAction(code) ? t(`audit.actions.${code}`) : code),
    subject,
    /** Inside a sentence: "ärende", "case". */
    subjectInText: (type: string) => subject(type).toLocaleLowerCase(i18n.language),
  };
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
  const names = useAuditNames();
  const { page = 1, ...filter } = route.useSearch();
  const navigate = useNavigate();
  const events = useQuery({
    queryKey: ['organisation', organisationId, 'audit', filter, page],
    queryFn: ({ signal }) =>
      api.get(
        auditPath(organisationId, filter, { page: String(page), pageSize: String(AUDIT_PAGE) }),
        auditPageSchema,
        signal,
      ),
    placeholderData: (previous) => previous,
  });
  const toPage = (next: number) =>
    void navigate({ to: '/admin/audit', search: { ...filter, page: next > 1 ? next : undefined } });
  // new filters start on the first page
  const show = (next: AuditFilter) => void navigate({ to: '/admin/audit', search: next });
  const { pages, pastTheEnd } = usePagesInRange(events, page, AUDIT_PAGE, toPage);
  // the record's kind, from its events once they are here ("ärende 3f2a1b2c"); until then "posten …"
  const recordNamed = (id: string) => {
    const type = events.data?.items.find((e) => e.subjectId === id)?.subjectType;
    const kind = type ? names.subjectInText(type) : t('audit.aRecord');
    return `${kind} ${id.slice(0, 8)}`;
  };
  // here, not in the form: the form is remounted whenever the filters change
  const options = useQuery({
    queryKey: ['organisation', organisationId, 'audit', 'filters'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/audit/filters`, auditFilterOptionsSchema, signal),
  }).data;

  return (
    <>
      {/* keyed by the filters: when the address changes under the form (a record's history, back), it
          shows what is shown */}
      <AuditFilters key={JSON.stringify(filter)} options={options} filter={filter} onShow={show} />
      {filter.subject && (
        <Group gap="sm">
          <Text>{t('audit.onlySubject', { subject: recordNamed(filter.subject) })}</Text>
          <Button variant="default" size="compact-sm" onClick={() => show({ ...filter, subject: undefined })}>
            {t('audit.allSubjects')}
          </Button>
        </Group>
      )}
      {!pastTheEnd && (
        <QueryView query={events}>
          {(data) => (
            <Stack gap="sm">
              <Group justify="space-between">
                <Text fw={600} role="status" data-testid="audit-total">
                  {t('audit.total', { count: data.total })}
                </Text>
                {data.total > AUDIT_EXPORT_LIMIT ? (
                  <Text size="sm">{t('audit.csvTooMany', { limit: AUDIT_EXPORT_LIMIT })}</Text>
                ) : (
                  data.total > 0 && (
                    <Anchor
                      href={auditPath(organisationId, filter, { format: 'csv' })}
                      download
                      data-testid="audit-csv"
                    >
                      {t('audit.csv')}
                    </Anchor>
                  )
                )}
              </Group>
              {data.total === 0 ? (
                <Text>{t('audit.empty')}</Text>
              ) : (
                <AuditTable events={data.items} filter={filter} />
              )}
              <Pager page={page} pages={pages} onPage={toPage} />
            </Stack>
          )}
        </QueryView>
      )}
    </>
  );
}

/** The period, kind of event and person to show; applied together when the form is sent. */
function AuditFilters({
  options,
  filter,
  onShow,
}: {
  /** The kinds of event and the people in the log (none yet while they load). */
  options: z.infer<typeof auditFilterOptionsSchema> | undefined;
  filter: AuditFilter;
  onShow: (filter: AuditFilter) => void;
}) {
  const { t, i18n } = useTranslation();
  const names = useAuditNames();
  const [draft, setDraft] = useState(filter);
  const set = (key: keyof AuditFilter) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value || undefined;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  // a kind or a person no longer in the log (an address kept from before) is still offered, so it shows
  const actions = [...new Set([...(options?.actions ?? []), ...(filter.action ? [filter.action] : [])])]
    .map((code) => ({ code, name: names.action(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const actors = options?.actors ?? [];

  return (
    <Paper withBorder p="md">
      <form aria-label={t('audit.filters')} onSubmit={submitting(() => onShow(draft))}>
        <Group align="flex-end" gap="sm">
          <TextInput type="date" label={t('audit.from')} value={draft.from ?? ''} onChange={set('from')} />
          <TextInput type="date" label={t('audit.to')} value={draft.to ?? ''} onChange={set('to')} />
          <NativeSelect label={t('audit.action')} value={draft.action ?? ''} onChange={set('action')}>
            <option value="">{t('audit.anyAction')}</option>
            {actions.map((action) => (
              <option key={action.code} value={action.code}>
                {action.name}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect label={t('audit.actor')} value={draft.actor ?? ''} onChange={set('actor')}>
            <option value="">{t('audit.anyActor')}</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
          </NativeSelect>
          <Button type="submit">{t('audit.filter')}</Button>
        </Group>
      </form>
    </Paper>
  );
}

function AuditTable({ events, filter }: { events: AuditEventView[]; filter: AuditFilter }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useAuditNames();
  return (
    <DataTable
      minWidth={760}
      striped
      verticalSpacing="xs"
      data-testid="audit-table"
      columns={[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.subject'), t('audit.details')]}
    >
      {events.map((e) => (
        <Table.Tr key={e.id}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(e.at)}</Table.Td>
          <Table.Td>{e.actor ?? t('audit.system')}</Table.Td>
          <Table.Td>{names.action(e.action)}</Table.Td>
          <Table.Td>
            {names.subject(e.subjectType)}{' '}
            {filter.subject === e.subjectId ? (
              <Text span size="xs">
                {e.subjectId.slice(0, 8)}
              </Text>
            ) : (
              <AnchorLink
                to="/admin/audit"
                search={{ ...filter, subject: e.subjectId }}
                size="xs"
                aria-label={t('audit.historyOf', {
                  subject: `${names.subjectInText(e.subjectType)} ${e.subjectId}`,
                })}
              >
                {e.subjectId.slice(0, 8)}
              </AnchorLink>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="xs" style={{ wordBreak: 'break-word' }} maw={360}>
              {auditDetails(e.data, t, format)}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
