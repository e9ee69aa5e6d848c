import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormModal, useDialogAction } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Loading, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import {
  type CaseCredentials as CaseCredentialsData,
  type CredentialSummary,
  caseCredentialsQuery,
  issueCredentials,
  reinstateCredential,
  revokeCredential,
  suspendCredential,
} from './credentials.api.ts';

type Course = CaseCredentialsData['designs'][number];

/**
 * "Mikromeriter" on the case page: for each course given (an approved design with participants under a
 * signed agreement), who completed it gets a micro-credential; each one's public address, and suspending or
 * revoking it.
 */
export function CaseCredentials({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const credentials = useQuery(caseCredentialsQuery(caseId));
  if (credentials.isPending) return <Loading />;
  if (credentials.isError) return <ErrorAlert error={credentials.error} />;
  const { designs, credentials: issued } = credentials.data;
  return (
    <Stack gap="md" data-testid="case-credentials">
      <Text size="sm" maw={760}>
        {t('credentials.case.intro')}
      </Text>
      {designs.length === 0 && <Text size="sm">{t('credentials.case.noCourse')}</Text>}
      {designs.map((course) => (
        <CourseCredentials
          key={course.designId}
          caseId={caseId}
          course={course}
          issued={issued.filter((c) => c.designId === course.designId)}
        />
      ))}
    </Stack>
  );
}

function CourseCredentials({
  caseId,
  course,
  issued,
}: {
  caseId: string;
  course: Course;
  issued: CredentialSummary[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { canWork } = useCaseAccess();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [chosen, setChosen] = useState<string[]>([]);
  const [hours, setHours] = useState('');
  const [emailParticipants, setEmailParticipants] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState<Changing | null>(null);
  const valid = new Map(issued.filter((c) => !c.revokedAt).map((c) => [c.participantId, c]));
  const needsHours = course.participants.some((p) => chosen.includes(p.participantId) && p.credits === null);
  const issue = useMutation({
    mutationFn: () =>
      issueCredentials(caseId, {
        designId: course.designId,
        participantIds: chosen,
        workloadHours: hours.trim() ? Number(hours) : undefined,
        emailParticipants,
      }),
    onSuccess: async (result) => {
      setError(null);
      setChosen([]);
      notify(
        t('credentials.case.issuedNotice', { count: result.credentials.length, emailed: result.emailed }),
      );
      await refetchAfterChange(queryClient, ['case', caseId, 'credentials']);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const submit = () => {
    const h = Number(hours);
    if (!chosen.length) setError(t('credentials.case.chooseError'));
    else if (hours.trim() && !(Number.isInteger(h) && h >= 1 && h <= 5000))
      setError(t('credentials.case.hoursError'));
    else if (needsHours && !hours.trim()) setError(t('credentials.case.hoursNeeded'));
    else issue.mutate();
  };
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  return (
    <Stack gap="xs" data-testid="course-credentials">
      <Title order={3} size="h4">
        {course.title}
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <DataTable
        striped
        minWidth={640}
        caption={t('credentials.case.caption', { title: course.title })}
        columns={[
          canWork && t('credentials.case.choose'),
          t('credentials.case.participant'),
          t('credentials.case.awards'),
          t('credentials.case.attendance'),
          t('credentials.case.credential'),
        ]}
      >
        {course.participants.map((p) => {
          const credential = valid.get(p.participantId);
          return (
            <Table.Tr key={p.participantId}>
              {canWork && (
                <Table.Td>
                  {!credential && course.examined && (
                    <Checkbox
                      aria-label={t('credentials.case.chooseOne', { name: p.name })}
                      checked={chosen.includes(p.participantId)}
                      onChange={(e) => toggle(p.participantId, e.currentTarget.checked)}
                    />
                  )}
                </Table.Td>
              )}
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>
                {p.credits !== null
                  ? t('credentials.case.credits', { credits: format.number(p.credits) })
                  : t('credentials.case.certificate')}
              </Table.Td>
              <Table.Td>
                {p.attendance
                  ? t('credentials.case.attended', p.attendance)
                  : t('credentials.case.noAttendance')}
              </Table.Td>
              <Table.Td>
                {credential ? (
                  <IssuedCredential
                    caseId={caseId}
                    credential={credential}
                    canWork={canWork}
                    onChange={setChanging}
                  />
                ) : (
                  t('credentials.case.none')
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </DataTable>
      {canWork && !course.examined && <Alert color="gray">{t('credentials.case.notExamined')}</Alert>}
      {canWork && course.examined && course.participants.some((p) => !valid.has(p.participantId)) && (
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('credentials.case.hours')}
            description={t('credentials.case.hoursHint')}
            type="number"
            min={1}
            max={5000}
            w={260}
            required={needsHours}
            value={hours}
            onChange={(e) => setHours(e.currentTarget.value)}
          />
          <Checkbox
            label={t('credentials.case.email')}
            checked={emailParticipants}
            onChange={(e) => setEmailParticipants(e.currentTarget.checked)}
          />
          <Button loading={issue.isPending} onClick={submit} disabled={chosen.length === 0}>
            {t('credentials.case.issue', { count: chosen.length })}
          </Button>
        </Group>
      )}
      <RevokedList issued={issued} />
      {changing && (
        <ReasonModal
          caseId={caseId}
          credential={changing.credential}
          action={changing.action}
          onClose={() => setChanging(null)}
        />
      )}
    </Stack>
  );
}

type ReasonAction = 'revoke' | 'suspend';
type Changing = { credential: CredentialSummary; action: ReasonAction };

/** An issued credential's link, whether it is suspended, and what the case's workers may do with it. */
function IssuedCredential({
  caseId,
  credential,
  canWork,
  onChange,
}: {
  caseId: string;
  credential: CredentialSummary;
  canWork: boolean;
  onChange: (changing: Changing) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const reinstate = useMutation({
    mutationFn: () => reinstateCredential(credential.id),
    onSuccess: async () => {
      notify(t('credentials.case.reinstatedNotice'));
      await refetchAfterChange(queryClient, ['case', caseId, 'credentials']);
    },
  });
  const name = credential.learnerName;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Anchor href={credential.path} target="_blank" size="sm">
          {t('credentials.case.issuedOn', { date: format.date(credential.issuedAt) })}
        </Anchor>
        {canWork &&
          (credential.suspendedAt ? (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => reinstate.mutate()}
              loading={reinstate.isPending}
              aria-label={t('credentials.case.reinstateOne', { name })}
            >
              {t('credentials.case.reinstate')}
            </Button>
          ) : (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => onChange({ credential, action: 'suspend' })}
              aria-label={t('credentials.case.suspendOne', { name })}
            >
              {t('credentials.case.suspend')}
            </Button>
          ))}
        {canWork && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => onChange({ credential, action: 'revoke' })}
            aria-label={t('credentials.case.revokeOne', { name })}
          >
            {t('credentials.case.revoke')}
          </Button>
        )}
      </Group>
      {credential.suspendedAt && (
        <Text size="xs" fw={700}>
          {t('credentials.case.suspendedOn', {
            date: format.date(credential.suspendedAt),
            reason: credential.suspendReason,
          })}
        </Text>
      )}
      {reinstate.error && (
        <Text size="xs" c="red.9" role="alert">
          {errorMessage(reinstate.error)}
        </Text>
      )}
    </Stack>
  );
}

function RevokedList({ issued }: { issued: CredentialSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoked = issued.filter((c) => c.revokedAt);
  if (!revoked.length) return null;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {t('credentials.case.revokedTitle')}
      </Text>
      {revoked.map((c) => (
        <Text size="sm" key={c.id}>
          {t('credentials.case.revokedLine', {
            name: c.learnerName,
            date: format.date(c.revokedAt ?? c.issuedAt),
            reason: c.revokeReason,
          })}
        </Text>
      ))}
    </Stack>
  );
}

/** Revoking (for good) or suspending (for now) a credential, with the reason. */
function ReasonModal({
  caseId,
  credential,
  action,
  onClose,
}: {
  caseId: string;
  credential: CredentialSummary;
  action: ReasonAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const revoking = action === 'revoke';
  const change = useDialogAction({
    request: () =>
      revoking ? revokeCredential(credential.id, reason) : suspendCredential(credential.id, reason),
    notice: t(revoking ? 'credentials.case.revokedNotice' : 'credentials.case.suspendedNotice'),
    refresh: ['case', caseId, 'credentials'],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t(revoking ? 'credentials.case.revokeTitle' : 'credentials.case.suspendTitle', {
        name: credential.learnerName,
      })}
      submitLabel={t(revoking ? 'credentials.case.revoke' : 'credentials.case.suspend')}
      danger
      pending={change.pending}
      error={change.error}
      onClose={onClose}
      onSubmit={() => (reason.trim() ? change.run() : change.setError(t('credentials.case.reasonError')))}
    >
      <Text size="sm">{t(revoking ? 'credentials.case.revokeIntro' : 'credentials.case.suspendIntro')}</Text>
      <Textarea
        label={t('credentials.case.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </FormModal>
  );
}
