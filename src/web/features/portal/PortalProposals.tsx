import { Alert, Anchor, Badge, Box, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ProposalView,
  proposalListSchema,
  proposalSchema,
} from '../../../features/proposals/proposals.contract.ts';
import { api } from '../../api.ts';
import { FormModal, submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';

const proposalsKey = ['portal', 'proposals'];

/**
 * The proposals (offerter) HEIs have sent the customer on a case: what is offered, the price and the
 * validity, the PDF, and the customer's answer — accept while it is valid, or decline with a reason.
 */
export function PortalProposals({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: proposalsKey,
    queryFn: ({ signal }) => api.get('/api/portal/proposals', proposalListSchema, signal),
  });
  const mine = (list.data?.proposals ?? []).filter((p) => p.caseId === caseId);
  if (list.isPending) return null;
  if (!mine.length) return <Text>{t('portalProposals.none')}</Text>;
  return (
    <Stack gap="md">
      {mine.map((p) => (
        <ProposalCard key={p.id} proposal={p} />
      ))}
    </Stack>
  );
}

const statusColor: Record<ProposalView['status'], string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'gray',
};

function ProposalCard({ proposal: p }: { proposal: ProposalView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [declining, setDeclining] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: (decision: 'accept' | 'decline') =>
      api.post(
        `/api/portal/proposals/${p.id}/${decision}`,
        decision === 'decline' ? { reason } : {},
        proposalSchema,
      ),
    onSuccess: async (updated) => {
      notify(
        t(
          updated.status === 'accepted' ? 'portalProposals.acceptedNotice' : 'portalProposals.declinedNotice',
        ),
      );
      setDeclining(false);
      setAccepting(false);
      setError(null);
      await refetchAfterChange(queryClient, proposalsKey);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const headingId = `proposal-${p.id}`;
  const open = p.status === 'sent' && !p.expired;
  return (
    <Card withBorder component="article" aria-labelledby={headingId} data-testid="portal-proposal">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {t('portalProposals.heading', { title: p.title, version: p.version })}
          </Title>
          <Badge color={statusColor[p.status]} variant="light">
            {p.expired ? t('portalProposals.expired') : t(`portalProposals.status.${p.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('portalProposals.from', { hei: p.hei.name })} ·{' '}
          {t('portalProposals.validUntil', { date: format.date(p.validUntil) })}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} lang={p.language}>
          {p.intro}
        </Text>
        <Text fw={600} data-testid="proposal-price">
          {t('portalProposals.price', {
            total: format.kronor(p.priceOre),
            perParticipant: format.kronor(p.pricePerParticipantOre),
            participants: p.participants,
          })}
        </Text>
        <Anchor href={`/api/portal/proposals/${p.id}/pdf`} target="_blank" rel="noopener">
          {t('portalProposals.pdf', { title: p.title })}
        </Anchor>
        {p.status === 'declined' && p.declineReason && (
          <Text size="sm">{t('portalProposals.yourReason', { reason: p.declineReason })}</Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {open && !declining && (
          <Group>
            <Button onClick={() => setAccepting(true)}>{t('portalProposals.accept')}</Button>
            <Button variant="outline" color="red.9" onClick={() => setDeclining(true)}>
              {t('portalProposals.decline')}
            </Button>
          </Group>
        )}
        {accepting && (
          <FormModal
            title={t('portalProposals.acceptTitle')}
            submitLabel={t('portalProposals.accept')}
            pending={answer.isPending}
            error={error}
            onClose={() => {
              setAccepting(false);
              setError(null);
            }}
            onSubmit={() => answer.mutate('accept')}
          >
            <Text>
              {t('portalProposals.acceptConfirm', {
                title: p.title,
                hei: p.hei.name,
                total: format.kronor(p.priceOre),
              })}
            </Text>
          </FormModal>
        )}
        {open && declining && (
          <Box
            component="form"
            noValidate
            onSubmit={submitting(() => {
              if (reason.trim().length < 3) setError(t('portalProposals.reasonNeeded'));
              else answer.mutate('decline');
            })}
          >
            <Stack gap="sm">
              <Textarea
                label={t('portalProposals.reason')}
                description={t('portalProposals.reasonHint', { hei: p.hei.name })}
                required
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Group>
                <Button type="submit" color="red.9" loading={answer.isPending}>
                  {t('portalProposals.confirmDecline')}
                </Button>
                <Button variant="default" onClick={() => setDeclining(false)}>
                  {t('portalProposals.cancel')}
                </Button>
              </Group>
            </Stack>
          </Box>
        )}
      </Stack>
    </Card>
  );
}
