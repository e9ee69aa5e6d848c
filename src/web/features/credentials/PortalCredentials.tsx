import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading } from '../../ui/page.tsx';
import { portalCredentialsQuery } from './credentials.api.ts';

/** "Mikromeriter" in the portal: what the HEI has certified of the participants the customer designated. */
export function PortalCredentials({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const credentials = useQuery(portalCredentialsQuery(caseId));
  if (credentials.isPending) return <Loading />;
  if (credentials.isError) return <ErrorAlert error={credentials.error} />;
  if (!credentials.data.length) return <Text size="sm">{t('credentials.portal.none')}</Text>;
  return (
    <DataTable
      striped
      data-testid="portal-credentials"
      minWidth={480}
      columns={[
        t('credentials.case.participant'),
        t('credentials.portal.course'),
        t('credentials.case.credential'),
      ]}
    >
      {credentials.data.map((c) => (
        <Table.Tr key={c.path}>
          <Table.Td>{c.learnerName}</Table.Td>
          <Table.Td>{c.title}</Table.Td>
          <Table.Td>
            {c.revokedAt ? (
              t('credentials.portal.revoked', { date: format.date(c.revokedAt) })
            ) : c.suspendedAt ? (
              t('credentials.portal.suspended', { date: format.date(c.suspendedAt) })
            ) : (
              <Anchor href={c.path} target="_blank" size="sm">
                {t('credentials.case.issuedOn', { date: format.date(c.issuedAt) })}
              </Anchor>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
