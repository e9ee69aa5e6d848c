import { Anchor, Button, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  participantListSchema,
  revealedSchema,
} from '../../../features/participants/participants.contract.ts';
import { api } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { designsQuery, proposalsQuery } from '../design/design.api.ts';

/**
 * The participants the customer designated under a signed agreement, as the HEI sees them: personnummer
 * masked; a coordinator or admin may show one whole, or download those who get credits for registering them in
 * Ladok, which the server audits.
 */
export function HeiParticipants({
  caseId,
  agreementId,
  proposalId,
  canReveal,
}: {
  caseId: string;
  agreementId: string;
  proposalId: string;
  canReveal: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const list = useQuery({
    queryKey: ['agreement', agreementId, 'participants'],
    queryFn: ({ signal }) =>
      api.get(`/api/agreements/${agreementId}/participants`, participantListSchema, signal),
  });
  const [shown, setShown] = useState<Record<string, string>>({});
  const reveal = useMutation({
    mutationFn: (id: string) =>
      api.get(`/api/agreements/${agreementId}/participants/${id}/personnummer`, revealedSchema),
    onSuccess: (r, id) => setShown((all) => ({ ...all, [id]: r.personnummer })),
  });
  const data = list.data;
  const givesCredits = useGivesCredits(caseId, proposalId);
  const registrable = data?.participants.some((p) => p.creditEligible && p.personnummer) ?? false;
  const headingId = `hei-participants-${agreementId}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId}>
        {t('participants.heiHeading', { count: data?.participants.length ?? 0 })}
      </Title>
      {data && (
        <Text size="sm">
          {data.open
            ? t('participants.heiOpen', { date: format.date(data.deadline) })
            : t('participants.heiClosed', { date: format.date(data.deadline) })}
        </Text>
      )}
      {reveal.error && <Text c="red.9">{errorMessage(reveal.error)}</Text>}
      {data && data.participants.length > 0 && (
        <ParticipantsTable
          testId="hei-participants"
          participants={data.participants}
          personnummer={(p) => (
            <>
              {shown[p.id] ?? p.personnummer ?? t('participants.erased')}{' '}
              {canReveal && !shown[p.id] && p.personnummer && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={t('participants.revealFor', { name: `${p.firstName} ${p.lastName}` })}
                  onClick={() => reveal.mutate(p.id)}
                >
                  {t('participants.reveal')}
                </Button>
              )}
            </>
          )}
        />
      )}
      {canReveal && givesCredits && registrable && (
        <Text size="sm">
          <Anchor href={`/api/agreements/${agreementId}/participants/ladok.xlsx?lang=${i18n.language}`}>
            {t('participants.ladok')}
          </Anchor>{' '}
          {t('participants.ladokHint')}
        </Text>
      )}
      {canReveal && <Text size="xs">{t('participants.revealAudited')}</Text>}
    </Stack>
  );
}

/** Whether the course the agreement was made for gives credits (its approved design, through the proposal). */
function useGivesCredits(caseId: string, proposalId: string) {
  const proposals = useQuery(proposalsQuery(caseId));
  const designs = useQuery(designsQuery(caseId));
  const designId = proposals.data?.proposals.find((p) => p.id === proposalId)?.designId;
  return designs.data?.designs.find((d) => d.id === designId)?.awards === 'credits';
}

type Participant = (typeof participantListSchema._output)['participants'][number];

/** Participants as a table: name, personnummer (masked, or what `personnummer` shows), credits or certificate. */
export function ParticipantsTable({
  participants,
  testId,
  personnummer,
  actions,
}: {
  participants: Participant[];
  testId: string;
  personnummer?: (p: Participant) => ReactNode;
  /** What can be done with a participant (the customer's portal: take them off), in a last column. */
  actions?: (p: Participant) => ReactNode;
}) {
  const { t } = useTranslation();
  const shown = personnummer ?? ((p: Participant) => p.personnummer ?? t('participants.erased'));
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('participants.name')}</Table.Th>
          <Table.Th>{t('participants.personnummer')}</Table.Th>
          <Table.Th>{t('participants.awards')}</Table.Th>
          {actions && (
            <Table.Th>
              <VisuallyHidden>{t('participants.actions')}</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {participants.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              {p.anonymisedAt ? t('participants.anonymised') : `${p.firstName} ${p.lastName}`}
            </Table.Td>
            <Table.Td>{shown(p)}</Table.Td>
            <Table.Td>
              {p.creditEligible ? t('participants.credits') : t('participants.certificate')}
            </Table.Td>
            {actions && <Table.Td>{actions(p)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
