import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_FILE_READERS } from '../../../features/case-file/case-file.contract.ts';
import { type CaseDetail, caseDetailSchema } from '../../../features/cases/cases.contract.ts';
import { type OpenStage, openStages, outcomes, stages } from '../../../features/cases/stages.ts';
import { api, isApiError } from '../../api.ts';
import { hasRole, useMe } from '../../session.ts';
import { BackToList } from '../../ui/BackToList.tsx';
import { FormModal, submitting } from '../../ui/FormModal.tsx';
import { refusedFields } from '../../ui/field-errors.ts';
import { pickBilingual, useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { Forbidden, Page, QueryView, RecordHeader, Section, useErrorMessage } from '../../ui/page.tsx';
import { useSavedToggle } from '../../ui/saved-toggle.ts';
import { TryOtherOrganisation } from '../../ui/TryOtherOrganisation.tsx';
import { CaseAgreements } from '../agreements/CaseAgreements.tsx';
import { CaseAnalyses } from '../analyses/CaseAnalyses.tsx';
import { CaseCredentials } from '../credentials/CaseCredentials.tsx';
import { CaseDelivery } from '../delivery/CaseDelivery.tsx';
import { CaseDesign } from '../design/CaseDesign.tsx';
import { Documents } from '../documents/Documents.tsx';
import { CaseEvaluations } from '../evaluation/CaseEvaluations.tsx';
import { CaseIncentives } from '../incentives/CaseIncentives.tsx';
import { CaseReview } from '../review/CaseReview.tsx';
import { EditCaseButton, HandOverButton, PurchaseLine, RegistryNumberButton } from './CaseDetails.tsx';
import { useCaseAccess } from './CasesPage.tsx';
import {
  caseQuery,
  colleaguesQuery,
  type DialogueTemplate,
  dialogueTemplatesQuery,
  moveCase,
  useCaseUpdate,
} from './cases.api.ts';
import { InviteCustomerContact } from './InviteCustomerContact.tsx';
import { StageGuideLinks } from './StageGuideLinks.tsx';

const route = getRouteApi('/app/cases/$caseId');

export function CasePage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const { canRead } = useCaseAccess();
  const detail = useQuery({ ...caseQuery(caseId), enabled: canRead });
  return (
    <Page title={detail.data?.title ?? t('cases.title')}>
      <BackToList to="/cases">{t('cases.back')}</BackToList>
      <QueryView
        query={detail}
        allowed={canRead}
        forbidden={<Forbidden>{t('cases.noAccess')}</Forbidden>}
        notFound={
          <Alert color="orange">
            <Stack gap="sm">
              <Text size="sm">{t('cases.notFound')}</Text>
              <TryOtherOrganisation />
            </Stack>
          </Alert>
        }
      >
        {(data) => <CaseView detail={data} />}
      </QueryView>
    </Page>
  );
}

function CaseView({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { canWork, canMove, membership } = useCaseAccess();
  const canInvite = !!membership?.roles.includes('coordinator');
  const canChange = canMove && detail.stage !== 'closed';
  const canDownloadFile = hasRole(membership, ...CASE_FILE_READERS);
  const fileLanguage = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <Stack gap="lg">
      <RecordHeader
        reference={detail.reference}
        status={t(`labels.stage.${detail.stage}`)}
        statusTestId="case-stage"
      >
        {detail.outcome && (
          <Badge size="lg" variant="filled" tt="none">
            {t('cases.outcome', { outcome: t(`labels.outcome.${detail.outcome}`) })}
          </Badge>
        )}
        <Text size="sm">
          <AnchorLink to="/customers/$customerId" params={{ customerId: detail.customer.id }}>
            {detail.customer.name}
          </AnchorLink>{' '}
          · {t('cases.owner')}: {detail.owner?.name ?? t('cases.noOwner')}
          {detail.registryNumber &&
            ` · ${t('cases.details.registryNumberIs', { number: detail.registryNumber })}`}
        </Text>
        {canDownloadFile && (
          <>
            <Anchor href={`/api/cases/${detail.id}/record.pdf?lang=${fileLanguage}`} size="sm">
              {t('cases.caseRecord')}
            </Anchor>
            <Anchor href={`/api/cases/${detail.id}/file.zip?lang=${fileLanguage}`} size="sm">
              {t('cases.caseFile')}
            </Anchor>
          </>
        )}
        {canInvite && <InviteCustomerContact detail={detail} />}
        {canChange && <EditCaseButton detail={detail} />}
        {canMove && detail.stage === 'closed' && <RegistryNumberButton detail={detail} />}
        {canChange && <HandOverButton detail={detail} />}
      </RecordHeader>
      <PurchaseLine detail={detail} />
      {detail.inquiryId && (
        <AnchorLink to="/inquiries/$inquiryId" params={{ inquiryId: detail.inquiryId }} size="sm">
          {t('cases.fromInquiry')}
        </AnchorLink>
      )}
      <Stepper detail={detail} />
      <OnThisPage />
      {!canWork && <Alert color="gray">{t('cases.readOnlyWork')}</Alert>}
      <StagePanel detail={detail} />
      <Section id="case-need" title={t('cases.need')}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.needText}</Text>
        {detail.outcomeReason && <Text mt="sm">{detail.outcomeReason}</Text>}
      </Section>
      <Checklist detail={detail} />
      <Section id="case-analyses" title={t('analyses.title')}>
        <CaseAnalyses caseId={detail.id} />
      </Section>
      <Section id="case-design" title={t('design.title')}>
        <CaseDesign caseId={detail.id} />
      </Section>
      <Section id="case-incentives" title={t('incentives.case.title')}>
        <CaseIncentives caseId={detail.id} />
      </Section>
      <Section id="case-agreements" title={t('agreements.title')}>
        <CaseAgreements caseId={detail.id} />
      </Section>
      <Section id="case-delivery" title={t('delivery.title')}>
        <CaseDelivery caseId={detail.id} />
      </Section>
      <Section id="case-evaluation" title={t('evaluation.case.title')}>
        <CaseEvaluations caseId={detail.id} />
      </Section>
      <Section id="case-credentials" title={t('credentials.case.title')}>
        <CaseCredentials caseId={detail.id} />
      </Section>
      <Section id="case-review" title={t('review.title')}>
        <CaseReview caseId={detail.id} />
      </Section>
      <Tasks detail={detail} />
      <Section id="case-documents" title={t('documents.title')}>
        <Documents
          basePath={`/api/cases/${detail.id}/documents`}
          canUpload={canWork}
          shareOption
          canDelete={canWork}
        />
      </Section>
      <CaseTimeline detail={detail} />
    </Stack>
  );
}

/** The page's sections, in their order below (their ids and titles' keys), for the way to each. */
const CASE_SECTIONS = [
  ['case-need', 'cases.need'],
  ['case-checklist', 'cases.checklist'],
  ['case-analyses', 'analyses.title'],
  ['case-design', 'design.title'],
  ['case-incentives', 'incentives.case.title'],
  ['case-agreements', 'agreements.title'],
  ['case-delivery', 'delivery.title'],
  ['case-evaluation', 'evaluation.case.title'],
  ['case-credentials', 'credentials.case.title'],
  ['case-review', 'review.title'],
  ['case-tasks', 'cases.tasks'],
  ['case-documents', 'documents.title'],
  ['case-timeline', 'cases.timeline'],
] as const;

/** A case's page is long (a given course's is some twenty screens): a link to each of its sections. */
function OnThisPage() {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-labelledby="case-parts" gap="xs" align="baseline">
      <Text id="case-parts" size="sm" fw={700}>
        {t('cases.onThisPage')}
        <span aria-hidden="true">:</span>
      </Text>
      <Group component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
        {CASE_SECTIONS.map(([id, title]) => (
          <li key={id}>
            <Anchor href={`#${id}`} size="sm">
              {t(title)}
            </Anchor>
          </li>
        ))}
      </Group>
    </Group>
  );
}

function Stepper({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const current = stages.indexOf(detail.stage);
  return (
    <nav aria-label={t('cases.stepper')}>
      <Box
        component="ol"
        m={0}
        p={0}
        style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 'var(--mantine-spacing-xs)' }}
      >
        {stages.map((stage, index) => (
          <li key={stage} aria-current={index === current ? 'step' : undefined}>
            <Badge
              size="lg"
              tt="none"
              radius="xl"
              variant={index === current ? 'filled' : index < current ? 'light' : 'outline'}
              color={index < current ? 'blue' : index === current ? 'blue.8' : 'gray.7'}
            >
              {index + 1}. {t(`labels.stage.${stage}`)}
              {index < current && <span aria-hidden="true"> ✓</span>}
            </Badge>
          </li>
        ))}
      </Box>
    </nav>
  );
}

function StagePanel({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { canMove, isManager } = useCaseAccess();
  const update = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const [refused, setRefused] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'override' | 'close' | null>(null);
  const index = openStages.indexOf(detail.stage as OpenStage);
  const next = index >= 0 && index < openStages.length - 1 ? openStages[index + 1] : undefined;
  const move = useMutation({
    mutationFn: (to: OpenStage) => moveCase(detail.id, to),
    onMutate: () => setRefused(null),
    onSuccess: async (updated) => {
      notify(t('cases.movedTo', { stage: t(`labels.stage.${updated.stage}`) }));
      await update(updated);
    },
    onError: (error) => {
      if (isApiError(error, 409) && error.errors.length)
        setRefused(error.errors.map((e) => pickBilingual(e.message, i18n.language)));
      else notify(errorMessage(error), 'error');
    },
  });
  if (detail.stage === 'closed') return null;

  return (
    <Section id="case-stage-panel" title={`${t('cases.currentStage')}: ${t(`labels.stage.${detail.stage}`)}`}>
      <Stack gap="sm">
        {detail.missingForNextStage.length > 0 ? (
          <div>
            <Text fw={600}>{t('cases.missingTitle')}</Text>
            <List data-testid="missing-items">
              {detail.missingForNextStage.map((m) => (
                <List.Item key={m.id}>{format.pick(m.label)}</List.Item>
              ))}
            </List>
          </div>
        ) : (
          <Text>{t('cases.noneMissing')}</Text>
        )}
        <StageGuideLinks stage={detail.stage} heiId={detail.hei.id} />
        {refused && (
          <Alert color="red" role="alert" title={t('cases.refusedTitle')}>
            <List>
              {refused.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {canMove && (
          <Group gap="sm">
            {next && (
              <Button loading={move.isPending} onClick={() => move.mutate(next)}>
                {t('cases.nextStage', { stage: t(`labels.stage.${next}`) })}
              </Button>
            )}
            {next && isManager && detail.missingForNextStage.length > 0 && (
              <Button variant="default" onClick={() => setDialog('override')}>
                {t('cases.overrideButton')}
              </Button>
            )}
            <Button variant="outline" color="red.9" onClick={() => setDialog('close')}>
              {t('cases.close')}
            </Button>
          </Group>
        )}
      </Stack>
      {dialog === 'override' && next && (
        <OverrideModal detail={detail} to={next} onClose={() => setDialog(null)} />
      )}
      {dialog === 'close' && <CloseModal detail={detail} onClose={() => setDialog(null)} />}
    </Section>
  );
}

function OverrideModal({ detail, to, onClose }: { detail: CaseDetail; to: OpenStage; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: () => moveCase(detail.id, to, reason),
    onSuccess: async (updated) => {
      notify(t('cases.movedTo', { stage: t(`labels.stage.${updated.stage}`) }));
      onClose();
      await update(updated);
    },
    onError: (e) => setError(isApiError(e, 400) ? t('cases.overrideReasonError') : errorMessage(e)),
  });
  return (
    <FormModal
      title={t('cases.overrideTitle')}
      onClose={onClose}
      onSubmit={() => move.mutate()}
      submitLabel={t('cases.moveOverride')}
      pending={move.isPending}
    >
      <Text size="sm">{t('cases.overrideIntro', { stage: t(`labels.stage.${to}`) })}</Text>
      <Textarea
        label={t('cases.overrideReason')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={error}
        data-autofocus
      />
    </FormModal>
  );
}

function CloseModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { isManager } = useCaseAccess();
  const update = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const [outcome, setOutcome] = useState<string>('lost');
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; overrideReason?: string; other?: ReactNode }>({});
  const close = useMutation({
    mutationFn: () =>
      api.post(
        `/api/cases/${detail.id}/close`,
        { outcome, reason, ...(isManager && overrideReason.trim() ? { overrideReason } : {}) },
        caseDetailSchema,
      ),
    onSuccess: async (updated) => {
      notify(t('cases.closed'));
      onClose();
      await update(updated);
    },
    onError: (e) => {
      if (isApiError(e, 400))
        setErrors(
          refusedFields(e, {
            reason: t('cases.closeReasonError'),
            overrideReason: t('cases.overrideReasonError'),
          }),
        );
      else if (isApiError(e, 409) && e.errors.length)
        setErrors({
          other: (
            <>
              <Text>{t('cases.closeRefused')}</Text>
              <List>
                {e.errors.map((m) => (
                  <List.Item key={m.field}>{pickBilingual(m.message, i18n.language)}</List.Item>
                ))}
              </List>
            </>
          ),
        });
      else setErrors({ other: errorMessage(e) });
    },
  });
  return (
    <FormModal
      title={t('cases.closeTitle')}
      onClose={onClose}
      onSubmit={() => close.mutate()}
      submitLabel={t('cases.closeSubmit')}
      pending={close.isPending}
      error={errors.other}
      danger
    >
      <NativeSelect
        label={t('cases.closeOutcome')}
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
      >
        {outcomes.map((o) => (
          <option key={o} value={o}>
            {t(`labels.outcome.${o}`)}
          </option>
        ))}
      </NativeSelect>
      <Textarea
        label={t('cases.closeReason')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
      {isManager && (
        <Textarea
          label={t('cases.overrideReason')}
          description={t('cases.overrideTitle')}
          autosize
          minRows={2}
          value={overrideReason}
          onChange={(e) => setOverrideReason(e.currentTarget.value)}
          error={errors.overrideReason}
        />
      )}
    </FormModal>
  );
}

type ChecklistItem = CaseDetail['checklist'][number];

function Checklist({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { canWork } = useCaseAccess();
  const update = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const [commenting, setCommenting] = useState<ChecklistItem | null>(null);
  const ticking = useSavedToggle();
  const tick = useMutation({
    mutationFn: ({ item, done, comment }: { item: ChecklistItem; done: boolean; comment?: string }) =>
      api.put(
        `/api/cases/${detail.id}/checklist/${item.id}`,
        { done, ...(comment?.trim() ? { comment } : {}) },
        caseDetailSchema,
      ),
    onSuccess: update,
    onError: (e) => notify(errorMessage(e), 'error'),
  });
  const current = openStages.indexOf(detail.stage as OpenStage);
  // The current stage first, then the rest in process order.
  const ordered = [...openStages].sort((a, b) =>
    a === detail.stage ? -1 : b === detail.stage ? 1 : openStages.indexOf(a) - openStages.indexOf(b),
  );

  return (
    <Section id="case-checklist" title={t('cases.checklist')}>
      <Text size="sm" mb="sm">
        {t('cases.checklistIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {ordered.map((stage) => {
          const items = detail.checklist.filter((i) => i.stage === stage);
          if (items.length === 0) return null;
          return (
            <Box
              key={stage}
              component="fieldset"
              data-testid={`checklist-${stage}`}
              p="sm"
              m={0}
              style={{
                border: `1px solid var(--mantine-color-${stage === detail.stage ? 'blue-6' : 'gray-3'})`,
                borderRadius: 'var(--mantine-radius-sm)',
              }}
            >
              <Text component="legend" fw={700} px={4}>
                {t(`labels.stage.${stage}`)}
                {openStages.indexOf(stage) === current && ` (${t('cases.currentStage').toLowerCase()})`}
              </Text>
              <Stack gap="xs">
                {items.map((item) => {
                  const label = format.pick(item.label);
                  return (
                    <div key={item.id}>
                      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                        <Checkbox
                          label={`${label}${item.required ? ` (${t('labels.required')})` : ''}`}
                          checked={ticking.shown(item.id, !!item.done)}
                          disabled={!canWork || ticking.busy}
                          onChange={(e) => {
                            const done = e.currentTarget.checked;
                            ticking.start(item.id, done, (settled) =>
                              tick.mutate({ item, done }, { onSettled: settled }),
                            );
                          }}
                        />
                        {canWork && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            // the item's label wraps; the button keeps its word whole beside it
                            style={{ flexShrink: 0 }}
                            aria-label={t('cases.commentFor', { label })}
                            onClick={() => setCommenting(item)}
                          >
                            {t('cases.commentButton')}
                          </Button>
                        )}
                      </Group>
                      {item.done ? (
                        <Text size="xs" ml={30}>
                          {item.done.evidence
                            ? t('evidence.done', {
                                at: format.dateTime(item.done.at),
                                what: t(`evidence.past.${item.done.evidence}`),
                                by: item.done.by ?? '–',
                              })
                            : t('cases.doneBy', {
                                at: format.dateTime(item.done.at),
                                by: item.done.by ?? '–',
                              })}
                          {item.done.comment ? ` – ${item.done.comment}` : ''}
                        </Text>
                      ) : (
                        item.evidence && (
                          <Text size="xs" ml={30}>
                            {t('evidence.hint', { when: t(`evidence.when.${item.evidence}`) })}
                          </Text>
                        )
                      )}
                    </div>
                  );
                })}
              </Stack>
            </Box>
          );
        })}
      </SimpleGrid>
      {commenting && (
        <CommentModal
          item={commenting}
          onClose={() => setCommenting(null)}
          onSave={(comment) =>
            tick.mutate(
              { item: commenting, done: true, comment },
              {
                onSuccess: () => {
                  notify(t('cases.tickedWithComment', { item: format.pick(commenting.label) }));
                  setCommenting(null);
                },
              },
            )
          }
          saving={tick.isPending}
        />
      )}
    </Section>
  );
}

function CommentModal({
  item,
  onClose,
  onSave,
  saving,
}: {
  item: ChecklistItem;
  onClose: () => void;
  onSave: (comment: string) => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [comment, setComment] = useState(item.done?.comment ?? '');
  return (
    <FormModal
      title={t('cases.commentTitle')}
      onClose={onClose}
      onSubmit={() => onSave(comment)}
      submitLabel={t('cases.tickWithComment')}
      pending={saving}
    >
      <Text fw={600}>{format.pick(item.label)}</Text>
      <Textarea
        label={t('cases.comment')}
        autosize
        minRows={2}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        data-autofocus
      />
    </FormModal>
  );
}

function Tasks({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { canWork } = useCaseAccess();
  const update = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const colleagues = useQuery({ ...colleaguesQuery, enabled: canWork });
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [assignee, setAssignee] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      api.post(
        `/api/cases/${detail.id}/tasks`,
        { title, assigneeUserId: assignee || null, dueOn: dueOn || null },
        caseDetailSchema,
      ),
    onSuccess: async (updated) => {
      notify(t('cases.taskAdded'));
      setTitle('');
      setDueOn('');
      setAssignee('');
      setTitleError(null);
      await update(updated);
    },
    onError: (e) => {
      const { title } = refusedFields(e, { title: t('cases.taskTitleError') });
      if (title) setTitleError(title);
      else notify(errorMessage(e), 'error');
    },
  });
  const toggling = useSavedToggle();
  const toggle = useMutation({
    mutationFn: ({ taskId, done }: { taskId: string; done: boolean }) =>
      api.patch(`/api/cases/${detail.id}/tasks/${taskId}`, { done }, caseDetailSchema),
    onSuccess: update,
    onError: (e) => notify(errorMessage(e), 'error'),
  });
  const assignees = [
    ...(me ? [{ value: me.user.id, label: t('cases.me', { name: me.user.name }) }] : []),
    ...(colleagues.data ?? [])
      .filter((m) => m.userId !== me?.user.id)
      .map((m) => ({ value: m.userId, label: m.name })),
  ];

  return (
    <Section id="case-tasks" title={t('cases.tasks')}>
      <Stack gap="sm">
        {detail.tasks.length === 0 ? (
          <Text>{t('cases.noTasks')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="task-list">
            {detail.tasks.map((task) => (
              <li key={task.id}>
                <Group gap="xs" wrap="wrap">
                  <Checkbox
                    label={task.title}
                    aria-label={t('cases.taskDone', { title: task.title })}
                    checked={toggling.shown(task.id, task.done)}
                    disabled={!canWork || toggling.busy}
                    onChange={(e) => {
                      const done = e.currentTarget.checked;
                      toggling.start(task.id, done, (settled) =>
                        toggle.mutate({ taskId: task.id, done }, { onSettled: settled }),
                      );
                    }}
                  />
                  {task.dueOn && <Text size="sm">{t('cases.due', { date: format.date(task.dueOn) })}</Text>}
                  <Text size="sm">
                    · {t('cases.assignee')}: {task.assignee?.name ?? t('cases.unassigned')}
                  </Text>
                  {task.overdue && (
                    <Badge color="red.9" variant="filled" tt="none">
                      {t('labels.overdue')}
                    </Badge>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}
        {canWork && (
          <Box
            component="form"
            noValidate
            aria-labelledby="new-task-heading"
            onSubmit={submitting(() => add.mutate())}
          >
            <Title order={3} size="h5" id="new-task-heading" mt="sm" mb="xs">
              {t('cases.newTask')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('cases.taskTitle')}
                required
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={titleError}
              />
              <TextInput
                label={t('cases.dueOn')}
                type="date"
                value={dueOn}
                onChange={(e) => setDueOn(e.currentTarget.value)}
              />
              <NativeSelect
                label={t('cases.assignee')}
                value={assignee}
                onChange={(e) => setAssignee(e.currentTarget.value)}
              >
                <option value="">{t('cases.unassigned')}</option>
                {assignees.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </NativeSelect>
            </SimpleGrid>
            <Group mt="sm">
              <Button type="submit" variant="light" loading={add.isPending}>
                {t('cases.addTask')}
              </Button>
            </Group>
          </Box>
        )}
      </Stack>
    </Section>
  );
}

const entryKinds = ['meeting', 'contact', 'note'] as const;
/** The details a coordinator may change, as the timeline names them. */
const caseFields = [
  'title',
  'needText',
  'sector',
  'subjectArea',
  'purchaseRoute',
  'tenderDeadline',
  'procurementReference',
  'registryNumber',
  'frameworkAgreementId',
] as const;
type CaseField = (typeof caseFields)[number];

/** Now, as the value of a datetime-local input (local time, minutes). */
function nowLocal() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { canWork, membership } = useCaseAccess();
  const templates = useQuery({
    ...dialogueTemplatesQuery(membership?.tenant.id ?? ''),
    enabled: !!membership,
  });
  const questionLabel = (key: string) => {
    if (key === 'why' || key === 'what' || key === 'how') return t(`cases.${key}`);
    const question = templates.data?.flatMap((tpl) => tpl.questions).find((q) => q.key === key);
    return question ? format.pick(question) : key;
  };
  const stageName = (s: unknown) =>
    typeof s === 'string' && (stages as readonly string[]).includes(s)
      ? t(`labels.stage.${s as (typeof stages)[number]}`)
      : String(s ?? '');
  const outcomeName = (o: unknown) =>
    typeof o === 'string' && (outcomes as readonly string[]).includes(o)
      ? t(`labels.outcome.${o as (typeof outcomes)[number]}`)
      : String(o ?? '');

  // what Lupp wrote on the timeline, in the reader's language (the stored title is Swedish)
  const systemEntryTitle = (body: Record<string, unknown>, stored: string) => {
    const words = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
    switch (body.event) {
      case 'details_changed': {
        const fields = Array.isArray(body.fields) ? (body.fields as string[]) : [];
        const known = fields.filter((f): f is CaseField => (caseFields as readonly string[]).includes(f));
        return t('cases.details.changedEntry', {
          fields: known.map((f) => t(`cases.details.field.${f}`)).join(', '),
        });
      }
      case 'owner_changed':
        return body.from
          ? t('cases.details.ownerEntry', { from: words('from'), to: words('to') })
          : t('cases.details.ownerEntryNoOne', { to: words('to') });
      case 'opened_from_inquiry':
        return t('cases.details.openedFromInquiry', { reference: words('reference') });
      case 'design_withdrawn':
        return t('cases.details.designWithdrawn', { design: words('design') });
      case 'design_restored':
        return t('cases.details.designRestored', { design: words('design') });
      default:
        return stored;
    }
  };

  return (
    <Section id="case-timeline" title={t('cases.timeline')}>
      <Stack gap="lg">
        {canWork && <EntryForm detail={detail} />}
        {detail.entries.length === 0 ? (
          <Text>{t('cases.noEntries')}</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={detail.entries.length} data-testid="case-entries">
            {detail.entries.map((entry) => {
              const body = entry.body as Record<string, unknown>;
              const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null);
              const answers = (body.answers ?? {}) as Record<string, unknown>;
              const isStage = entry.kind === 'stage';
              const title = isStage
                ? body.to === 'closed'
                  ? t('cases.closeNote', { outcome: outcomeName(body.outcome), reason: text('reason') ?? '' })
                  : t('cases.stageEntry', { from: stageName(body.from), to: stageName(body.to) })
                : entry.kind === 'system'
                  ? systemEntryTitle(body, entry.title)
                  : entry.title;
              const blocks: [string, string | null][] = [
                [t('cases.participants'), text('participants')],
                [t('cases.agenda'), text('agenda')],
                ...Object.entries(answers).map(
                  ([key, value]) =>
                    [questionLabel(key), typeof value === 'string' ? value : null] as [string, string | null],
                ),
                [t('cases.notes'), text('notes') ?? (entry.kind === 'system' ? text('note') : null)],
                [t('cases.nextSteps'), text('nextSteps')],
                [t('cases.why'), entry.kind === 'system' ? text('reason') : null],
              ];
              return (
                <Timeline.Item
                  key={entry.id}
                  title={
                    <Group gap="xs">
                      <Text fw={600}>{title}</Text>
                      <Badge variant="light" tt="none" size="sm">
                        {t(`cases.kind.${entry.kind}`)}
                      </Badge>
                      {(entry.kind === 'meeting' || entry.kind === 'contact' || entry.kind === 'note') && (
                        <Badge variant="outline" color="gray.8" tt="none" size="sm">
                          {entry.internal ? t('cases.internal') : t('cases.visible')}
                        </Badge>
                      )}
                    </Group>
                  }
                >
                  <Text size="sm">
                    {format.dateTime(entry.occurredAt)}
                    {entry.author ? ` · ${entry.author}` : ''}
                  </Text>
                  {isStage && text('overrideReason') && (
                    <Text size="sm" fw={600}>
                      {t('cases.overrideNote', { reason: text('overrideReason') })}
                    </Text>
                  )}
                  {blocks
                    .filter(([, value]) => value)
                    .map(([label, value]) => (
                      <Text key={label} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        <strong>{label}</strong> {value}
                      </Text>
                    ))}
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Stack>
    </Section>
  );
}

const emptyEntry = {
  kind: 'meeting' as (typeof entryKinds)[number],
  occurredAt: '',
  title: '',
  participants: '',
  agenda: '',
  notes: '',
  nextSteps: '',
  visible: false,
};

/** The model's three questions, used when the HEI's guides cannot be loaded. */
const modelQuestions: DialogueTemplate['questions'] = [
  { key: 'why', sv: '', en: '' },
  { key: 'what', sv: '', en: '' },
  { key: 'how', sv: '', en: '' },
];

function EntryForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { membership } = useCaseAccess();
  const update = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const templates = useQuery({
    ...dialogueTemplatesQuery(membership?.tenant.id ?? ''),
    enabled: !!membership,
  });
  const colleagues = useQuery(colleaguesQuery);
  const [values, setValues] = useState({ ...emptyEntry, occurredAt: nowLocal() });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [mentions, setMentions] = useState<string[]>([]);
  const template = templates.data?.find((tpl) => tpl.id === templateId) ?? templates.data?.[0] ?? null;
  const questions = template?.questions ?? modelQuestions;
  const others = (colleagues.data ?? []).filter((c) => c.userId !== me?.user.id);
  const [errors, setErrors] = useState<{ title?: string; occurredAt?: string }>({});
  const set = (key: keyof typeof emptyEntry) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };
  const optional = (s: string) => (s.trim() ? s : undefined);
  const save = useMutation({
    mutationFn: () => {
      const occurred = values.occurredAt ? new Date(values.occurredAt) : null;
      const given = Object.fromEntries(
        questions.filter((q) => answers[q.key]?.trim()).map((q) => [q.key, answers[q.key] ?? '']),
      );
      const withAnswers = values.kind === 'meeting' && Object.keys(given).length > 0;
      return api.post(
        `/api/cases/${detail.id}/entries`,
        {
          kind: values.kind,
          occurredAt: occurred && !Number.isNaN(occurred.getTime()) ? occurred.toISOString() : undefined,
          title: values.title,
          participants: optional(values.participants),
          agenda: optional(values.agenda),
          notes: optional(values.notes),
          nextSteps: optional(values.nextSteps),
          answers: withAnswers ? given : undefined,
          templateId: withAnswers && template ? template.id : undefined,
          internal: !values.visible,
          mentions,
        },
        caseDetailSchema,
      );
    },
    onSuccess: async (updated) => {
      notify(t('cases.entryAdded'));
      setValues({ ...emptyEntry, occurredAt: nowLocal() });
      setAnswers({});
      setMentions([]);
      setErrors({});
      await update(updated);
    },
    onError: (e) => {
      if (isApiError(e, 400))
        setErrors(
          refusedFields(e, { title: t('cases.entryTitleError'), occurredAt: t('cases.occurredAtError') }),
        );
      else notify(errorMessage(e), 'error');
    },
  });
  const meeting = values.kind === 'meeting';

  return (
    <Box
      component="form"
      noValidate
      aria-labelledby="new-entry-heading"
      onSubmit={submitting(() => save.mutate())}
      p="md"
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Title order={3} size="h4" id="new-entry-heading" mb="sm">
        {t('cases.newEntry')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect label={t('cases.entryKind')} value={values.kind} onChange={set('kind')}>
            {entryKinds.map((k) => (
              <option key={k} value={k}>
                {t(`cases.kind.${k}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('cases.occurredAt')}
            type="datetime-local"
            required
            value={values.occurredAt}
            onChange={set('occurredAt')}
            error={errors.occurredAt}
          />
          <TextInput
            label={t('cases.entryTitle')}
            required
            value={values.title}
            onChange={set('title')}
            error={errors.title}
          />
        </SimpleGrid>
        {values.kind !== 'note' && (
          <TextInput
            label={t('cases.participants')}
            value={values.participants}
            onChange={set('participants')}
          />
        )}
        {meeting && (
          <Textarea
            label={t('cases.agenda')}
            autosize
            minRows={2}
            value={values.agenda}
            onChange={set('agenda')}
          />
        )}
        {meeting && (
          <Box
            component="fieldset"
            m={0}
            p="sm"
            style={{
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-sm)',
            }}
          >
            <Text component="legend" fw={700} px={4}>
              {t('cases.questions')}
            </Text>
            <Stack gap="sm">
              {templates.data && templates.data.length > 1 && (
                <NativeSelect
                  label={t('cases.guide')}
                  value={template?.id ?? ''}
                  onChange={(e) => {
                    setTemplateId(e.currentTarget.value);
                    setAnswers({});
                  }}
                >
                  {templates.data.map((tpl) => (
                    <option key={tpl.id} value={tpl.id}>
                      {tpl.name}
                    </option>
                  ))}
                </NativeSelect>
              )}
              {questions.map((q) => {
                const model = q.key === 'why' || q.key === 'what' || q.key === 'how';
                return (
                  <Textarea
                    key={`${template?.id ?? 'model'}-${q.key}`}
                    label={model ? t(`cases.${q.key as 'why' | 'what' | 'how'}`) : format.pick(q)}
                    description={model ? t(`cases.${q.key as 'why' | 'what' | 'how'}Hint`) : undefined}
                    autosize
                    minRows={2}
                    value={answers[q.key] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setAnswers((current) => ({ ...current, [q.key]: value }));
                    }}
                  />
                );
              })}
            </Stack>
          </Box>
        )}
        <Textarea
          label={t('cases.notes')}
          autosize
          minRows={3}
          value={values.notes}
          onChange={set('notes')}
        />
        <Textarea
          label={t('cases.nextSteps')}
          autosize
          minRows={2}
          value={values.nextSteps}
          onChange={set('nextSteps')}
        />
        {others.length > 0 && (
          <Checkbox.Group
            label={t('cases.mention')}
            description={t('cases.mentionHint')}
            value={mentions}
            onChange={setMentions}
          >
            <Group gap="md" mt={4} data-testid="mentions">
              {others.map((c) => (
                <Checkbox key={c.userId} value={c.userId} label={c.name} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Checkbox
          label={t('cases.visibleToCustomer')}
          description={t('cases.visibleToCustomerHint')}
          checked={values.visible}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setValues((v) => ({ ...v, visible: checked }));
          }}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('cases.addEntry')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
