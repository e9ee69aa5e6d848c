import { Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { saveFile } from '../../ui/save-file.ts';
import { PartHeading } from './AgreementParts.tsx';
import { type Agreement, peppolInvoicePath, setInvoiceReference } from './agreements.api.ts';

/**
 * Invoicing of a signed agreement: the customer's reference for its invoices (the customer gives it in the
 * portal, the coordinator may too) and, for the HEI, each payment of the billing plan as a Peppol invoice.
 */
export function Invoicing({ agreement: a, side }: { agreement: Agreement; side: 'hei' | 'customer' }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="invoicing">
      <PartHeading>{t('agreements.invoicing.title')}</PartHeading>
      <ReferenceForm agreement={a} side={side} />
      {side === 'hei' && <PeppolInvoices agreement={a} />}
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

function PeppolInvoices({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
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
  return (
    <Stack gap={4}>
      <Text size="sm">{t('agreements.invoicing.peppolIntro')}</Text>
      <Group gap="xs">
        {a.billingPlan.map((installment, index) => (
          <Button
            key={`${installment.dueDate}-${installment.amountOre}`}
            variant="default"
            size="xs"
            loading={fetchInvoice.isPending && fetchInvoice.variables === index + 1}
            onClick={() => fetchInvoice.mutate(index + 1)}
          >
            {t('agreements.invoicing.peppol', {
              number: index + 1,
              date: format.date(installment.dueDate),
              amount: format.kronor(installment.amountOre),
            })}
          </Button>
        ))}
      </Group>
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
    </Stack>
  );
}
