import { Alert, Box, Button, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalCaseDetail } from '../../../features/portal/portal.contract.ts';
import { isApiError } from '../../api.ts';
import { submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { Forbidden, Page, QueryView, RecordHeader, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { PortalAgreements } from '../agreements/PortalAgreements.tsx';
import { PortalCredentials } from '../credentials/PortalCredentials.tsx';
import { PortalDelivery } from '../delivery/PortalDelivery.tsx';
import { Documents } from '../documents/Documents.tsx';
import { PortalFollowUps } from '../evaluation/PortalFollowUps.tsx';
import { PortalParticipants } from './PortalParticipants.tsx';
import { PortalProposals } from './PortalProposals.tsx';
import { portalCaseQuery, sendPortalMessage } from './portal.api.ts';
import { useStageText } from './stage-text.ts';

const route = getRouteApi('/app/portal/cases/$caseId');

export function PortalCasePage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const detail = useQuery(portalCaseQuery(caseId));
  return (
    <Page title={detail.data?.title ?? t('portal.caseTitle')}>
      <AnchorLink to="/portal">{t('portal.back')}</AnchorLink>
      <QueryView
        query={detail}
        forbidden={<Forbidden>{t('portal.noAccess')}</Forbidden>}
        notFound={<Alert color="orange">{t('portal.caseNotFound')}</Alert>}
      >
        {(data) => <PortalCaseView detail={data} />}
      </QueryView>
    </Page>
  );
}

function PortalCaseView({ detail }: { detail: PortalCaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stageText = useStageText();
  return (
    <Stack gap="lg">
      <RecordHeader
        reference={detail.reference}
        status={t(`labels.stage.${detail.stage}`)}
        statusTestId="portal-case-stage"
      >
        <Text size="sm">
          {detail.hei} · {t('portal.updated', { date: format.date(detail.updatedAt) })}
        </Text>
      </RecordHeader>
      <Text>{stageText(detail.stage, detail.outcome)}</Text>
      <Section id="portal-need" title={t('portal.need')}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.needText}</Text>
      </Section>
      <Section id="portal-proposals" title={t('portalProposals.title')}>
        <PortalProposals caseId={detail.id} />
      </Section>
      <Section id="portal-agreements" title={t('agreements.title')}>
        <PortalAgreements caseId={detail.id} />
      </Section>
      <Section id="portal-participants" title={t('participants.title')}>
        <PortalParticipants caseId={detail.id} />
      </Section>
      <Section id="portal-delivery" title={t('delivery.portal.title')}>
        <PortalDelivery caseId={detail.id} />
      </Section>
      <Section id="portal-follow-up" title={t('evaluation.portal.title')}>
        <PortalFollowUps caseId={detail.id} />
      </Section>
      <Section id="portal-credentials" title={t('credentials.case.title')}>
        <PortalCredentials caseId={detail.id} />
      </Section>
      <Section id="portal-message" title={t('portal.writeTitle')}>
        <MessageForm detail={detail} />
      </Section>
      <Section id="portal-timeline" title={t('portal.timeline')}>
        <PortalTimeline detail={detail} />
      </Section>
      <Section id="portal-documents" title={t('documents.title')}>
        <Documents basePath={`/api/portal/cases/${detail.id}/documents`} canUpload />
      </Section>
    </Stack>
  );
}

function MessageForm({ detail }: { detail: PortalCaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => sendPortalMessage(detail.id, text),
    onSuccess: async (updated) => {
      notify(t('portal.messageSent'));
      setText('');
      setError(null);
      queryClient.setQueryData(portalCaseQuery(detail.id).queryKey, updated);
      await refetchAfterChange(queryClient, ['portal'], { exact: true });
    },
    onError: (e) => setError(isApiError(e, 400) ? t('portal.messageError') : errorMessage(e)),
  });
  return (
    <Box
      component="form"
      noValidate
      onSubmit={submitting(() => {
        if (text.trim().length < 2) setError(t('portal.messageError'));
        else send.mutate();
      })}
    >
      <Stack gap="sm">
        <Text size="sm">{t('portal.writeIntro', { hei: detail.hei })}</Text>
        <Textarea
          label={t('portal.message')}
          required
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
        />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {t('portal.send')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

function PortalTimeline({ detail }: { detail: PortalCaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (detail.entries.length === 0) return <Text>{t('portal.noEntries')}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={detail.entries.length} data-testid="portal-entries">
      {detail.entries.map((entry) => {
        const body = entry.body;
        const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null);
        const answers = (body.answers ?? {}) as Record<string, unknown>;
        const blocks: [string, string, string | null][] = [
          ['participants', t('cases.participants'), text('participants')],
          ['agenda', t('cases.agenda'), text('agenda')],
          ...Object.entries(answers).map(
            ([key, v]) =>
              [`answer-${key}`, '', typeof v === 'string' ? v : null] as [string, string, string | null],
          ),
          ['notes', '', text('notes')],
          ['nextSteps', t('cases.nextSteps'), text('nextSteps')],
        ];
        return (
          <Timeline.Item key={entry.id} title={<Text fw={600}>{entry.title}</Text>}>
            <Text size="sm">
              {format.dateTime(entry.occurredAt)}
              {entry.author ? ` · ${entry.author}` : ''}
              {body.fromCustomer === true ? ` · ${t('portal.fromYou')}` : ''}
            </Text>
            {blocks
              .filter(([, , value]) => value)
              .map(([key, label, value]) => (
                <Text key={key} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {label && <strong>{label} </strong>}
                  {value}
                </Text>
              ))}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
