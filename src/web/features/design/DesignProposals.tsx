import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { useDesignAccess } from './CaseDesign.tsx';
import {
  cloneProposal,
  createProposal,
  type Design,
  type Proposal,
  proposalPdfPath,
  proposalsQuery,
  sendProposal,
  updateProposal,
} from './design.api.ts';

/** A validity date before today: the API refuses it, so the field says so before anything is sent. */
const hasPassed = (date: string) => date !== '' && date < inDays(0);

/** A date some days from today, as YYYY-MM-DD (local time). */
function inDays(days: number) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

const statusColor = {
  draft: 'gray.8',
  sent: 'blue.8',
  accepted: 'green',
  declined: 'red.9',
  withdrawn: 'gray.8',
} as const;

/** The case's proposals: make one from an approved design and calculation, edit drafts, send, clone. */
export function DesignProposals({
  caseId,
  designs,
  current,
}: {
  caseId: string;
  designs: Design[];
  current: Design | null;
}) {
  const { t } = useTranslation();
  const { canWork } = useDesignAccess();
  const proposals = useQuery(proposalsQuery(caseId));
  return (
    <Stack gap="sm" data-testid="design-proposals">
      <Title order={3} size="h4">
        {t('design.proposals.title')}
      </Title>
      {canWork && current && current.status !== 'withdrawn' && (
        <NewProposal caseId={caseId} design={current} />
      )}
      <QueryView query={proposals}>
        {({ proposals: list }) =>
          list.length === 0 ? (
            <Text size="sm">{t('design.proposals.none')}</Text>
          ) : (
            <Stack gap="md">
              {list.map((p) => (
                <ProposalCard
                  key={`${p.id}-${p.revision}`}
                  proposal={p}
                  designTitle={designs.find((d) => d.id === p.designId)?.title ?? ''}
                />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}

function NewProposal({ caseId, design }: { caseId: string; design: Design }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [language, setLanguage] = useState<'sv' | 'en'>(design.language);
  const [validUntil, setValidUntil] = useState(inDays(30));
  const create = useMutation({
    mutationFn: () => createProposal(caseId, { designId: design.id, language, validUntil }),
    onSuccess: async (p) => {
      notify(t('design.proposals.created', { version: p.version }));
      await refetchAfterChange(queryClient, proposalsQuery(caseId).queryKey);
    },
  });
  return (
    <Box
      component="form"
      noValidate
      aria-labelledby="new-proposal-heading"
      onSubmit={submitting(() => !hasPassed(validUntil) && create.mutate())}
      p="sm"
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Stack gap="xs">
        <Text fw={700} id="new-proposal-heading">
          {t('design.proposals.new', { title: design.title })}
        </Text>
        {design.status !== 'approved' && <Text size="sm">{t('design.proposals.needsApproval')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('design.proposals.language')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value === 'en' ? 'en' : 'sv')}
          >
            <option value="sv">{t('catalog.lang.sv')}</option>
            <option value="en">{t('catalog.lang.en')}</option>
          </NativeSelect>
          <TextInput
            label={t('design.proposals.validUntil')}
            type="date"
            required
            value={validUntil}
            onChange={(e) => setValidUntil(e.currentTarget.value)}
            error={hasPassed(validUntil) ? t('design.proposals.validUntilPassed') : undefined}
          />
        </SimpleGrid>
        {create.error && (
          <Alert
            color={isApiError(create.error, 409) ? 'orange' : 'red'}
            role="alert"
            title={isApiError(create.error, 409) ? t('design.proposals.notYet') : undefined}
          >
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('design.proposals.create')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

function ProposalCard({ proposal: p, designTitle }: { proposal: Proposal; designTitle: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { canWork } = useDesignAccess();
  const [title, setTitle] = useState(p.title);
  const [intro, setIntro] = useState(p.intro);
  const [terms, setTerms] = useState(p.terms);
  const [validUntil, setValidUntil] = useState(p.validUntil);
  const refresh = () => refetchAfterChange(queryClient, proposalsQuery(p.caseId).queryKey);
  const save = useMutation({
    mutationFn: () => updateProposal(p.id, { revision: p.revision, title, intro, terms, validUntil }),
    onSuccess: async () => {
      notify(t('design.proposals.saved'));
      await refresh();
    },
  });
  const send = useMutation({
    mutationFn: () => sendProposal(p.id, p.revision),
    onSuccess: async () => {
      notify(t('design.proposals.sentNotice'));
      await refresh();
    },
  });
  const clone = useMutation({
    mutationFn: () => cloneProposal(p.id),
    onSuccess: async (c) => {
      notify(t('design.proposals.created', { version: c.version }));
      await refresh();
    },
  });
  const editable = canWork && p.status === 'draft';
  const dirty = title !== p.title || intro !== p.intro || terms !== p.terms || validUntil !== p.validUntil;
  const headingId = `proposal-${p.id}`;
  const error = save.error ?? send.error ?? clone.error;

  return (
    <Box
      component="article"
      aria-labelledby={headingId}
      data-testid="proposal"
      p="sm"
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Stack gap="xs">
        <Group gap="sm">
          <Text fw={700} id={headingId}>
            {t('design.proposals.version', { version: p.version, title: p.title })}
          </Text>
          <Badge
            variant={statusColor[p.status] === 'green' ? 'light' : 'outline'}
            tt="none"
            color={statusColor[p.status]}
            data-testid="proposal-status"
          >
            {t(`design.proposals.statuses.${p.status}`)}
          </Badge>
          {p.expired && (
            <Badge variant="outline" tt="none" color="red.9">
              {t('design.proposals.expired')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('design.proposals.summary', {
            price: format.kronor(p.priceOre),
            perParticipant: format.kronor(p.pricePerParticipantOre),
            count: p.participants,
            date: format.date(p.validUntil),
          })}
        </Text>
        {designTitle && <Text size="sm">{t('design.proposals.fromDesign', { title: designTitle })}</Text>}
        {p.sentAt && (
          <Text size="sm">{t('design.proposals.sentAt', { date: format.dateTime(p.sentAt) })}</Text>
        )}
        {p.status === 'declined' && p.declineReason && (
          <Alert color="orange" title={t('design.proposals.declineReason')}>
            {p.declineReason}
          </Alert>
        )}
        {editable ? (
          <form
            noValidate
            aria-label={t('design.proposals.editForm', { version: p.version })}
            onSubmit={submitting(() => !hasPassed(validUntil) && save.mutate())}
          >
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('design.proposals.titleField')}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                />
                <TextInput
                  label={t('design.proposals.validUntil')}
                  type="date"
                  value={validUntil}
                  onChange={(e) => setValidUntil(e.currentTarget.value)}
                  error={hasPassed(validUntil) ? t('design.proposals.validUntilPassed') : undefined}
                />
              </SimpleGrid>
              <Textarea
                label={t('design.proposals.intro')}
                lang={p.language}
                autosize
                minRows={3}
                value={intro}
                onChange={(e) => setIntro(e.currentTarget.value)}
              />
              <Textarea
                label={t('design.proposals.terms')}
                lang={p.language}
                autosize
                minRows={3}
                value={terms}
                onChange={(e) => setTerms(e.currentTarget.value)}
              />
              <Group>
                <Button type="submit" variant="light" loading={save.isPending}>
                  {t('design.proposals.save')}
                </Button>
                <Button onClick={() => send.mutate()} loading={send.isPending} disabled={dirty}>
                  {t('design.proposals.send')}
                </Button>
              </Group>
              {dirty && <Text size="sm">{t('design.proposals.saveFirst')}</Text>}
            </Stack>
          </form>
        ) : (
          <Stack gap={4}>
            {p.intro && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang={p.language}>
                {p.intro}
              </Text>
            )}
          </Stack>
        )}
        {error && (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        <Group gap="md">
          <Anchor href={proposalPdfPath(p.id)} target="_blank" rel="noopener" size="sm">
            {t('design.proposals.pdf', { version: p.version })}
          </Anchor>
          {canWork && p.status !== 'draft' && (
            <Button variant="default" size="xs" onClick={() => clone.mutate()} loading={clone.isPending}>
              {t('design.proposals.clone')}
            </Button>
          )}
        </Group>
      </Stack>
    </Box>
  );
}
