import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../features/customers/customers.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';

/** The HEI's cases (with a customer, or under an agreement): reference, title, stage, opened, signed value. */
export function CaseValueTable({ cases, testId }: { cases: CustomerDetail['caseList']; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      minWidth={640}
      striped
      data-testid={testId}
      columns={[
        t('customers.reference'),
        t('customers.caseTitle'),
        t('customers.stage'),
        t('customers.opened'),
        t('customers.signedValue'),
      ]}
    >
      {cases.map((k) => (
        <Table.Tr key={k.id}>
          <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
            <AnchorLink to="/cases/$caseId" params={{ caseId: k.id }}>
              {k.reference}
            </AnchorLink>
          </Table.Th>
          <Table.Td>{k.title}</Table.Td>
          <Table.Td>
            {t(`labels.stage.${k.stage}`)}
            {k.outcome && ` (${t(`labels.outcome.${k.outcome}`)})`}
          </Table.Td>
          <Table.Td>{format.date(k.openedAt)}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.kronor(k.signedValueOre)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
