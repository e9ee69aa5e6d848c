import { Alert, Anchor, Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { AgreementFacts, AgreementStatus, BillingTable, PartHeading, Signatures } from './AgreementParts.tsx';
import {
  type Agreement,
  portalAgreementPdfPath,
  portalAgreementsQuery,
  signAddendumAsCustomer,
  signAgreementAsCustomer,
} from './agreements.api.ts';
import { Invoicing } from './Invoicing.tsx';

/**
 * The customer's agreements on a case in the portal: the clauses, price, billing plan and deadline, both
 * signatures and the PDF; the customer signs the revision read, and signs addenda.
 */
export function PortalAgreements({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const list = useQuery(portalAgreementsQuery);
  const mine = (list.data?.agreements ?? []).filter((a) => a.caseId === caseId);
  if (list.isPending) return null;
  if (list.error) return <Alert color="red">{t('agreements.loadError')}</Alert>;
  if (!mine.length) return <Text>{t('agreements.portalNone')}</Text>;
  return (
    <Stack gap="md">
      {mine.map((a) => (
        <PortalAgreementCard key={a.id} agreement={a} />
      ))}
    </Stack>
  );
}

type Signing = { kind: 'agreement' } | { kind: 'addendum'; number: number };

function PortalAgreementCard({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [signing, setSigning] = useState<Signing | null>(null);
  const sign = useMutation({
    mutationFn: (what: Signing) =>
      what.kind === 'agreement'
        ? signAgreementAsCustomer(a.id, a.revision)
        : signAddendumAsCustomer(a.id, what.number),
    onSuccess: async (_, what) => {
      setSigning(null);
      notify(t(what.kind === 'agreement' ? 'agreements.signedNotice' : 'agreements.addendumSigned'));
      await refetchAfterChange(queryClient, portalAgreementsQuery.queryKey);
    },
    onError: async (e) => {
      // the agreement changed after it was read: show the new revision before anyone signs it
      if (isApiError(e, 409)) await refetchAfterChange(queryClient, portalAgreementsQuery.queryKey);
    },
  });
  const headingId = `portal-agreement-${a.id}`;
  return (
    <Card withBorder component="article" aria-labelledby={headingId} data-testid="portal-agreement">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {a.title}
          </Title>
          <AgreementStatus status={a.status} />
        </Group>
        <Text size="sm">
          {t('agreements.parties', { hei: a.hei.name, customer: a.customer.name })} ·{' '}
          {t('agreements.revision', { revision: a.revision })}
        </Text>
        <AgreementFacts agreement={a} />
        <PartHeading>{t('agreements.clauses')}</PartHeading>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang={a.language}>
          {a.clauses}
        </Text>
        <BillingTable plan={a.billingPlan} caption={t('agreements.billingPlan')} language={a.language} />
        <PartHeading>{t('agreements.signatures')}</PartHeading>
        <Signatures
          agreement={a}
          hei={a.heiSignature}
          customer={a.customerSignature}
          testId="agreement-signatures"
        />
        {!a.customerSignature && (
          <Group>
            <Button onClick={() => setSigning({ kind: 'agreement' })}>{t('agreements.signCustomer')}</Button>
          </Group>
        )}
        {a.addenda.length > 0 && (
          <>
            <PartHeading>{t('agreements.addenda')}</PartHeading>
            {a.addenda.map((x) => (
              <Box key={x.number} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
                <Text fw={600} size="sm">
                  {t('agreements.addendum', { number: x.number })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {x.text}
                </Text>
                <Signatures agreement={a} hei={x.heiSignature} customer={x.customerSignature} />
                {!x.customerSignature && (
                  <Button size="xs" mt={4} onClick={() => setSigning({ kind: 'addendum', number: x.number })}>
                    {t('agreements.signAddendum', { number: x.number })}
                  </Button>
                )}
              </Box>
            ))}
          </>
        )}
        {a.status === 'signed' && <Invoicing agreement={a} side="customer" />}
        {signing && (
          <FormModal
            title={
              signing.kind === 'agreement'
                ? t('agreements.signTitle')
                : t('agreements.signAddendum', { number: signing.number })
            }
            submitLabel={t('agreements.signConfirmButton')}
            pending={sign.isPending}
            onSubmit={() => sign.mutate(signing)}
            onClose={() => {
              setSigning(null);
              sign.reset();
            }}
            centered
            error={
              sign.error &&
              (isApiError(sign.error, 409) && signing.kind === 'agreement'
                ? t('agreements.signConflict')
                : errorMessage(sign.error))
            }
          >
            <Text>
              {signing.kind === 'agreement'
                ? t('agreements.signConfirm', { revision: a.revision, title: a.title })
                : t('agreements.signAddendumConfirm', { number: signing.number, title: a.title })}
            </Text>
          </FormModal>
        )}
        <Anchor href={portalAgreementPdfPath(a.id)} target="_blank" rel="noopener">
          {t('agreements.pdf', { title: a.title })}
        </Anchor>
      </Stack>
    </Card>
  );
}
