import { Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import type { Agreement, Installment } from './agreements.api.ts';

type Signature = Agreement['heiSignature'];

/** utkast / väntar på signatur / signerat, in colours that pass WCAG AA contrast. */
export function AgreementStatus({ status }: { status: Agreement['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      tt="none"
      variant={status === 'draft' ? 'outline' : 'light'}
      color={status === 'draft' ? 'gray.8' : status === 'signing' ? 'blue' : 'green'}
      data-testid="agreement-status"
    >
      {t(`agreements.status.${status}`)}
    </Badge>
  );
}

/** "Lärosätet (…): Signerat av Maria Chef 29 nov. 2026 14:05" or "Ej signerat", for both parties. */
export function Signatures({
  agreement: a,
  hei,
  customer,
  testId,
}: {
  agreement: Agreement;
  hei: Signature;
  customer: Signature;
  testId?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const line = (s: Signature) =>
    s
      ? t('agreements.signedBy', { name: s.by.name, date: format.dateTime(s.at) })
      : t('agreements.notSigned');
  return (
    <List size="sm" spacing={2} data-testid={testId}>
      <List.Item>
        <strong>{t('agreements.heiSignature', { name: a.hei.name })}:</strong> {line(hei)}
      </List.Item>
      <List.Item>
        <strong>{t('agreements.customerSignature', { name: a.customer.name })}:</strong> {line(customer)}
      </List.Item>
    </List>
  );
}

/**
 * The billing plan as a table: due date, amount, description, with the sum. The descriptions are written in the
 * agreement's `language`, which may not be the reader's: marked, so a screen reader reads them in it (WCAG 3.1.2).
 */
export function BillingTable({
  plan,
  caption,
  language,
}: {
  plan: Installment[];
  caption: string;
  language: 'sv' | 'en';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const sum = plan.reduce((s, i) => s + i.amountOre, 0);
  return (
    <Table withTableBorder striped={false} maw={720} data-testid="billing-plan">
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('agreements.dueDate')}</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>
            {t('agreements.amountColumn')}
          </Table.Th>
          <Table.Th scope="col">{t('agreements.description')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plan.map((i) => (
          <Table.Tr key={`${i.dueDate}-${i.amountOre}-${i.description}`}>
            <Table.Td>{format.date(i.dueDate)}</Table.Td>
            <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              {format.kronor(i.amountOre)}
            </Table.Td>
            <Table.Td lang={language}>{i.description}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">{t('agreements.sumRow')}</Table.Th>
          <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
            <strong>{format.kronor(sum)}</strong>
          </Table.Td>
          <Table.Td />
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** Price and the participants' deadline. */
export function AgreementFacts({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2}>
      <Text fw={600} data-testid="agreement-price">
        {t('agreements.price', { price: format.kronor(a.priceOre) })}
      </Text>
      <Text size="sm">{t('agreements.deadlineText', { date: format.date(a.participantsDeadline) })}</Text>
    </Stack>
  );
}

/** A heading for a sub-part of an agreement card (signatures, addenda). */
export function PartHeading({ children }: { children: string }) {
  return (
    <Title order={4} size="h5" mt="xs">
      {children}
    </Title>
  );
}
