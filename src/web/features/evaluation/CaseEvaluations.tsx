import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { OneTimeLinks } from '../../ui/OneTimeLinks.tsx';
import { ErrorAlert, Loading, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { absolute } from '../analyses/analyses.api.ts';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { designsQuery } from '../design/design.api.ts';
import { EvaluationResultsView, FollowUpView } from './EvaluationResults.tsx';
import {
  caseEvaluationsQuery,
  closeEvaluation,
  createEvaluation,
  EVALUATION_MIN_ANSWERS,
  type EvaluationSummary,
  requestFollowUp,
  shareEvaluation,
} from './evaluation.api.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * "Utvärdering" on the case page: the participants' anonymous evaluation of a course given from an approved
 * design (Kirkpatrick levels 1–2), its results from five answers, and the customer's follow-up (levels 3–4).
 */
export function CaseEvaluations({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { canWork } = useCaseAccess();
  const evaluations = useQuery(caseEvaluationsQuery(caseId));
  const [created, setCreated] = useState<{ links: string[]; emailed: number } | null>(null);
  // the case's evaluations first; the form for a first one, behind a button once there is one
  const [adding, setAdding] = useState(false);
  const none = evaluations.isSuccess && evaluations.data.evaluations.length === 0;
  return (
    <Stack gap="md" data-testid="case-evaluations">
      <Text size="sm" maw={760}>
        {t('evaluation.case.intro', { min: EVALUATION_MIN_ANSWERS })}
      </Text>
      {created && <CreatedLinks {...created} />}
      {evaluations.isPending ? (
        <Loading />
      ) : evaluations.isError ? (
        <ErrorAlert error={evaluations.error} />
      ) : (
        evaluations.data.evaluations.map((e) => (
          <EvaluationItem key={e.id} caseId={caseId} evaluation={e} canWork={canWork} />
        ))
      )}
      {canWork &&
        evaluations.isSuccess &&
        (none || adding ? (
          <CreateEvaluation
            caseId={caseId}
            onCreated={(result) => {
              setCreated(result);
              setAdding(false);
            }}
          />
        ) : (
          <div>
            <Button variant="light" onClick={() => setAdding(true)}>
              {t('evaluation.case.createAnother')}
            </Button>
          </div>
        ))}
    </Stack>
  );
}

function CreateEvaluation({
  caseId,
  onCreated,
}: {
  caseId: string;
  onCreated: (created: { links: string[]; emailed: number }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const designs = useQuery(designsQuery(caseId));
  const approved = (designs.data?.designs ?? []).filter((d) => d.status === 'approved');
  const [designId, setDesignId] = useState('');
  const [invited, setInvited] = useState<number | null>(null);
  const [closesOn, setClosesOn] = useState(inDays(14));
  const [emailParticipants, setEmailParticipants] = useState(true);
  // the outcomes to ask about: the design's, until the coordinator edits them (one per line)
  const [outcomesText, setOutcomesText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const design = approved.find((d) => d.id === designId) ?? approved[0];
  const count = invited ?? Math.max(EVALUATION_MIN_ANSWERS, design?.participants ?? 0);
  const outcomesValue =
    outcomesText ?? (design?.modules ?? []).flatMap((m) => m.outcomes.map((o) => o.text)).join('\n');
  const outcomes = outcomesValue
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const create = useMutation({
    mutationFn: () =>
      createEvaluation(caseId, {
        designId: design?.id ?? '',
        invited: count,
        closesOn,
        emailParticipants,
        outcomes,
      }),
    onSuccess: async (result) => {
      setError(null);
      onCreated({ links: result.links.map(absolute), emailed: result.evaluation.emailed });
      notify(t('evaluation.case.created'));
      await refetchAfterChange(queryClient, ['case', caseId, 'evaluations']);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (designs.isPending) return null;
  if (!design) return <Text size="sm">{t('evaluation.case.needsApprovedDesign')}</Text>;
  const countValid = Number.isInteger(count) && count >= EVALUATION_MIN_ANSWERS && count <= 1000;
  return (
    <form
      noValidate
      aria-label={t('evaluation.case.create')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!countValid) setError(t('evaluation.case.invitedError', { min: EVALUATION_MIN_ANSWERS }));
        else if (outcomes.length > 30) setError(t('evaluation.case.outcomesError'));
        else create.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('evaluation.case.create')}
        </Title>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('evaluation.case.design')}
            value={design.id}
            onChange={(e) => {
              setDesignId(e.currentTarget.value);
              setOutcomesText(null);
            }}
            data={approved.map((d) => ({ value: d.id, label: d.title }))}
          />
          <TextInput
            label={t('evaluation.case.invited')}
            type="number"
            min={EVALUATION_MIN_ANSWERS}
            max={1000}
            w={160}
            value={Number.isNaN(count) ? '' : count}
            onChange={(e) => setInvited(e.currentTarget.valueAsNumber)}
          />
          <TextInput
            label={t('evaluation.case.closesOn')}
            type="date"
            w={230}
            value={closesOn}
            onChange={(e) => setClosesOn(e.currentTarget.value)}
          />
        </Group>
        <Checkbox
          label={t('evaluation.case.emailParticipants')}
          description={t('evaluation.case.emailParticipantsHint')}
          checked={emailParticipants}
          onChange={(e) => setEmailParticipants(e.currentTarget.checked)}
        />
        <Textarea
          label={t('evaluation.case.outcomesLabel')}
          description={t('evaluation.case.outcomes', { count: outcomes.length })}
          autosize
          minRows={2}
          maxRows={10}
          value={outcomesValue}
          onChange={(e) => setOutcomesText(e.currentTarget.value)}
        />
        <div>
          <Button type="submit" loading={create.isPending}>
            {t('evaluation.case.create')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function CreatedLinks({ links, emailed }: { links: string[]; emailed: number }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={t('evaluation.case.createdTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('evaluation.case.emailed', { count: emailed })}</Text>
        {links.length > 0 && (
          <OneTimeLinks
            label={t('evaluation.case.links', { count: links.length })}
            links={links}
            testId="evaluation-links"
          />
        )}
      </Stack>
    </Alert>
  );
}

function EvaluationItem({
  caseId,
  evaluation,
  canWork,
}: {
  caseId: string;
  evaluation: EvaluationSummary;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const refresh = () => refetchAfterChange(queryClient, ['case', caseId, 'evaluations']);
  const close = useMutation({
    mutationFn: () => closeEvaluation(evaluation.id),
    onSuccess: async () => {
      notify(t('evaluation.case.closedNotice'));
      await refresh();
    },
    onError: (e) => notify(errorMessage(e), 'error'),
  });
  const share = useMutation({
    mutationFn: () => shareEvaluation(evaluation.id),
    onSuccess: async () => {
      notify(t('evaluation.case.sharedNotice'));
      await refresh();
    },
    onError: (e) => notify(errorMessage(e), 'error'),
  });
  const [askingFollowUp, setAskingFollowUp] = useState(false);
  const followUp = useMutation({
    mutationFn: () => requestFollowUp(evaluation.id),
    onSuccess: async () => {
      setAskingFollowUp(false);
      notify(t('evaluation.case.followUpRequested'));
      await refresh();
    },
  });
  return (
    <Stack gap="xs" data-testid="evaluation-item">
      <Title order={3} size="h4">
        {evaluation.title}
      </Title>
      <Text size="sm">
        {t('evaluation.case.status', {
          created: format.date(evaluation.createdAt),
          answered: evaluation.answered,
          invited: evaluation.invited,
        })}{' '}
        {evaluation.open
          ? t('evaluation.case.openUntil', { date: format.date(evaluation.closesOn) })
          : t('evaluation.case.closed')}
      </Text>
      <Group gap="sm">
        <Button size="compact-sm" variant="default" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t('evaluation.case.hideResults') : t('evaluation.case.showResults')}
        </Button>
        {canWork && evaluation.open && (
          <Button
            size="compact-sm"
            variant="default"
            loading={close.isPending}
            onClick={() => close.mutate()}
          >
            {t('evaluation.case.close')}
          </Button>
        )}
        {canWork && !evaluation.sharedAt && evaluation.answered >= EVALUATION_MIN_ANSWERS && (
          <Button size="compact-sm" variant="light" loading={share.isPending} onClick={() => share.mutate()}>
            {t('evaluation.case.share')}
          </Button>
        )}
        {canWork && !evaluation.followUp && (
          <Button size="compact-sm" variant="light" onClick={() => setAskingFollowUp(true)}>
            {t('evaluation.case.requestFollowUp')}
          </Button>
        )}
      </Group>
      {askingFollowUp && (
        <FormModal
          title={t('evaluation.case.followUpTitle', { title: evaluation.title })}
          submitLabel={t('evaluation.case.followUpSend')}
          pending={followUp.isPending}
          error={followUp.error ? errorMessage(followUp.error) : null}
          onSubmit={() => followUp.mutate()}
          onClose={() => setAskingFollowUp(false)}
        >
          <Text size="sm">{t('evaluation.case.followUpIntro')}</Text>
        </FormModal>
      )}
      {evaluation.sharedAt && (
        <Text size="sm">{t('evaluation.case.sharedOn', { date: format.date(evaluation.sharedAt) })}</Text>
      )}
      {open && <EvaluationResultsView evaluationId={evaluation.id} />}
      {evaluation.followUp && <FollowUpView followUp={evaluation.followUp} />}
    </Stack>
  );
}
