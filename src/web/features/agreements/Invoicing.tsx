import { Alert, Button, Group, List, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stockholmDate } from '../../../shared/stockholm-days.ts';
import { ApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ConfirmModal, FormModal, useDialogAction } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { saveFile } from '../../ui/save-file.ts';
import { PartHeading } from './AgreementParts.tsx';
import {
  type Agreement,
  markInvoiced,
  peppolInvoicePath,
  setInvoiceReference,
  unmarkInvoiced,
} from './agreements.api.ts';

/**
 * Invoicing of a signed agreement: the customer's reference for its invoices (the customer gives it in the
 * portal, the coordinator may too) and the payments of the billing plan, which of them are invoiced and, for
 * the HEI, each as a Peppol invoice.
 */
export function Invoicing({ agreement: a, side }: { agreement: Agreement; side: 'hei' | 'customer' }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="invoicing">
      <PartHeading>{t('agreements.invoicing.title')}</PartHeading>
      <ReferenceForm agreement={a} side={side} />
      <Payments agreement={a} side={side} />
    </Stack>
  );
}

function ReferenceForm({ agreement: a, side }: { agreement: Agreement; side: 'hei' | 'customer' }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(a.invoiceReference ?? '');
  const save = useMutation({
    mutationFn: () => setInvoiceReference(a.id, value, side),
    onSuccess: async () => {
      await refetchAfterChange(queryClient, side === 'hei' ? ['case', a.caseId] : ['portal']);
      notify(t('agreements.invoicing.saved'));
    },
  });
  const fieldError = save.error instanceof ApiError ? save.error.fieldErrors().invoiceReference : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t(side === 'hei' ? 'agreements.invoicing.referenceHei' : 'agreements.invoicing.reference')}
          description={t(
            side === 'hei'
              ? 'agreements.invoicing.referenceHint'
              : 'agreements.invoicing.referenceHintCustomer',
          )}
          maw={420}
          style={{ flexGrow: 1 }}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={fieldError ?? (save.error && !fieldError ? errorMessage(save.error) : undefined)}
        />
        <Button type="submit" loading={save.isPending} disabled={value.trim() === (a.invoiceReference ?? '')}>
          {t('agreements.invoicing.save')}
        </Button>
      </Group>
    </form>
  );
}

/** Fetches the invoice so that a refusal (what is missing) shows here instead of as a raw error page. */
async function download(path: string) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ApiError({ type: 'about:blank', title: 'Error', status: response.status, ...body });
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'invoice.xml';
  saveFile(await response.blob(), name);
  return name;
}

/**
 * The billing plan's payments and which of them are invoiced. For the HEI's coordinators and economists, each
 * payment's Peppol invoice, and a button to record that it was invoiced (or to take that back).
 */
function Payments({ agreement: a, side }: { agreement: Agreement; side: 'hei' | 'customer' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const me = useMe();
  const canInvoice = side === 'hei' && hasRole(activeOrganisationOf(me), 'coordinator', 'economist');
  const [marking, setMarking] = useState<number | null>(null);
  const [unmarking, setUnmarking] = useState<number | null>(null);
  const fetchInvoice = useMutation({
    mutationFn: (n: number) => download(peppolInvoicePath(a.id, n)),
    onSuccess: (name) => notify(t('agreements.invoicing.downloaded', { name })),
  });
  const error = fetchInvoice.error;
  const missing = error instanceof ApiError && error.code === 'invoice_details_missing' ? error.errors : [];
  const missingText = (field: string) =>
    field === 'invoiceReference'
      ? t('agreements.invoicing.missingReference')
      : field === 'hei.bankgiro'
        ? t('agreements.invoicing.missingBankgiro')
        : field;
  const today = stockholmDate(new Date());
  const invoiced = new Map(a.invoices.map((i) => [i.number, i]));
  const invoicedOre = a.billingPlan.reduce((sum, p, i) => sum + (invoiced.has(i + 1) ? p.amountOre : 0), 0);
  return (
    <Stack gap={4}>
      {side === 'hei' && <Text size="sm">{t('agreements.invoicing.peppolIntro')}</Text>}
      <DataTable
        minWidth={560}
        withTableBorder
        maw={900}
        data-testid="payments"
        caption={t('agreements.invoicing.paymentsCaption', {
          invoiced: format.kronor(invoicedOre),
          total: format.kronor(a.priceOre),
        })}
        columns={[
          t('agreements.invoicing.payment'),
          t('agreements.dueDate'),
          t('agreements.amountColumn'),
          t('agreements.invoicing.status'),
          side === 'hei' && t('agreements.invoicing.actions'),
        ]}
      >
        {a.billingPlan.map((payment, index) => {
          const number = index + 1;
          const done = invoiced.get(number);
          return (
            <Table.Tr key={number}>
              <Table.Th scope="row" fw="normal">
                {t('agreements.invoicing.paymentNumber', { number })}
              </Table.Th>
              <Table.Td>{format.date(payment.dueDate)}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                {format.kronor(payment.amountOre)}
              </Table.Td>
              <Table.Td>
                {done ? (
                  t('agreements.invoicing.invoiced', {
                    date: format.date(done.invoicedOn),
                    number: done.invoiceNumber,
                  })
                ) : payment.dueDate < today ? (
                  <Text span size="sm" c="red.9" fw={600}>
                    {t('agreements.invoicing.due')}
                  </Text>
                ) : (
                  t('agreements.invoicing.notInvoiced')
                )}
              </Table.Td>
              {side === 'hei' && (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button
                      variant="default"
                      size="compact-sm"
                      aria-label={t('agreements.invoicing.peppol', { number })}
                      loading={fetchInvoice.isPending && fetchInvoice.variables === number}
                      onClick={() => fetchInvoice.mutate(number)}
                    >
                      {t('agreements.invoicing.peppolShort')}
                    </Button>
                    {canInvoice &&
                      (done ? (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          aria-label={t('agreements.invoicing.unmarkLabel', { number })}
                          onClick={() => setUnmarking(number)}
                        >
                          {t('agreements.invoicing.unmark')}
                        </Button>
                      ) : (
                        <Button
                          variant="light"
                          size="compact-sm"
                          aria-label={t('agreements.invoicing.markLabel', { number })}
                          onClick={() => setMarking(number)}
                        >
                          {t('agreements.invoicing.mark')}
                        </Button>
                      ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </DataTable>
      {error && (
        <Alert color="orange" role="alert" title={t('agreements.invoicing.notYet')}>
          {missing.length > 0 ? (
            <List size="sm">
              {missing.map((m) => (
                <List.Item key={m.field}>{missingText(m.field)}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{errorMessage(error)}</Text>
          )}
        </Alert>
      )}
      {marking !== null && (
        <MarkInvoiced agreement={a} number={marking} today={today} onClose={() => setMarking(null)} />
      )}
      {unmarking !== null && (
        <UnmarkInvoiced agreement={a} number={unmarking} onClose={() => setUnmarking(null)} />
      )}
    </Stack>
  );
}

/** Records the day and the finance system's number of payment `number`'s invoice. */
function MarkInvoiced({
  agreement: a,
  number,
  today,
  onClose,
}: {
  agreement: Agreement;
  number: number;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [invoicedOn, setInvoicedOn] = useState(today);
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const action = useDialogAction({
    request: () => markInvoiced(a.id, number, { invoicedOn, invoiceNumber }),
    notice: t('agreements.invoicing.marked', { number }),
    refresh: ['case', a.caseId],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t('agreements.invoicing.markTitle', { number })}
      submitLabel={t('agreements.invoicing.markSubmit')}
      pending={action.pending}
      error={action.error}
      onSubmit={() => {
        if (!invoiceNumber.trim()) action.setError(t('agreements.invoicing.numberMissing'));
        else if (!invoicedOn || invoicedOn > today) action.setError(t('agreements.invoicing.dayLater'));
        else action.run();
      }}
      onClose={onClose}
      centered
    >
      <TextInput
        type="date"
        label={t('agreements.invoicing.invoicedOn')}
        max={today}
        value={invoicedOn}
        onChange={(e) => setInvoicedOn(e.currentTarget.value)}
        required
      />
      <TextInput
        label={t('agreements.invoicing.invoiceNumber')}
        description={t('agreements.invoicing.invoiceNumberHint')}
        value={invoiceNumber}
        onChange={(e) => setInvoiceNumber(e.currentTarget.value)}
        maxLength={50}
        required
        data-autofocus
      />
    </FormModal>
  );
}

function UnmarkInvoiced({
  agreement: a,
  number,
  onClose,
}: {
  agreement: Agreement;
  number: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const action = useDialogAction({
    request: () => unmarkInvoiced(a.id, number),
    notice: t('agreements.invoicing.unmarked', { number }),
    refresh: ['case', a.caseId],
    onDone: onClose,
  });
  return (
    <ConfirmModal
      title={t('agreements.invoicing.unmarkTitle', { number })}
      text={t('agreements.invoicing.unmarkText')}
      confirmLabel={t('agreements.invoicing.unmarkConfirm')}
      pending={action.pending}
      error={action.error}
      onConfirm={action.run}
      onClose={onClose}
      centered
    />
  );
}
