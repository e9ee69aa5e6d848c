import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
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
import { ConfirmModal, FormModal, useDialogAction } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Loading, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { CourseCalendar } from './CourseCalendar.tsx';
import {
  type AttendanceStatus,
  attendanceStatuses,
  type CaseDelivery as CaseDeliveryData,
  cancelSession,
  caseCalendarHref,
  caseDeliveryQuery,
  courseReportHref,
  createSession,
  deleteSession,
  recordAttendance,
  reinstateSession,
  renewCaseCalendarLink,
  type SessionFields,
  type SessionView,
  sendScheduleNotice,
  setAttendanceSharing,
  setSessionReminders,
  updateSession,
} from './delivery.api.ts';

type Course = CaseDeliveryData['designs'][number];
type Dialog =
  | { kind: 'new' }
  | { kind: 'edit'; session: SessionView }
  | { kind: 'attendance'; session: SessionView }
  | { kind: 'cancel'; session: SessionView }
  | { kind: 'reinstate'; session: SessionView }
  | { kind: 'delete'; session: SessionView }
  | { kind: 'scheduleNotice' };

/** What may be done with a session: a cancelled one has no attendance, and may be given after all. */
const actionsOf = (session: SessionView) =>
  session.cancelledAt
    ? (['reinstate', 'edit', 'delete'] as const)
    : (['attendance', 'edit', 'cancel', 'delete'] as const);

/** A session's content, and, when it was called off, that it was and why (the HEI's page and the portal). */
export function SessionTopic({
  session,
}: {
  session: Pick<SessionView, 'topic' | 'teacher' | 'cancelledAt' | 'cancelReason'>;
}) {
  const { t } = useTranslation();
  return (
    <>
      {session.topic}
      {session.teacher && (
        <Text size="sm" c="dimmed">
          {t('delivery.teacherOf', { teacher: session.teacher })}
        </Text>
      )}
      {session.cancelledAt && (
        <Text size="sm" fw={700} c="red.9">
          {session.cancelReason
            ? t('delivery.cancelledBecause', { reason: session.cancelReason })
            : t('delivery.cancelled')}
        </Text>
      )}
    </>
  );
}

/** A clash, said in `text`, and the other session: this course's, another course of the HEI linked, or none. */
function ClashNote({
  caseId,
  text,
  other,
}: {
  caseId: string;
  text: string;
  other: Course['clashes'][number]['other'];
}) {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={700} c="red.9">
      {text}{' '}
      {other.caseId !== null &&
        (other.caseId === caseId ? (
          t('delivery.clashSameCourse')
        ) : (
          <AnchorLink to="/cases/$caseId" params={{ caseId: other.caseId }} hash="case-delivery">
            {other.reference} {other.title}
          </AnchorLink>
        ))}
    </Text>
  );
}

const clashKey = (other: Course['clashes'][number]['other']) =>
  `${other.sessionId ?? 'elsewhere'}-${other.startsAt}-${other.endsAt}`;

/**
 * Where the session's teacher is booked for another session at the same time: the other course linked when it is
 * this HEI's, only its time when it is another HEI's.
 */
function Clashes({ caseId, clashes }: { caseId: string; clashes: Course['clashes'] }) {
  const { t } = useTranslation();
  return clashes.map(({ teacher, other }) => {
    const time = `${other.startsAt}–${other.endsAt}`;
    const text =
      other.caseId === null
        ? t('delivery.clashElsewhere', { teacher, time })
        : t('delivery.clash', { teacher, time });
    return <ClashNote key={clashKey(other)} caseId={caseId} text={text} other={other} />;
  });
}

/** Where the session's room (named just above, in its cell) is booked for another session of the HEI at the same time. */
function PlaceClashes({ caseId, clashes }: { caseId: string; clashes: Course['placeClashes'] }) {
  const { t } = useTranslation();
  return clashes.map(({ other }) => (
    <ClashNote
      key={clashKey(other)}
      caseId={caseId}
      text={t('delivery.placeClash', { time: `${other.startsAt}–${other.endsAt}` })}
      other={other}
    />
  ));
}

/** "Genomförande" on the case page: each approved design's sessions, who attended, and what the customer sees. */
export function CaseDelivery({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const delivery = useQuery(caseDeliveryQuery(caseId));
  if (delivery.isPending) return <Loading />;
  if (delivery.isError) return <ErrorAlert error={delivery.error} />;
  return (
    <Stack gap="md" data-testid="case-delivery">
      <Text size="sm" maw={760}>
        {t('delivery.intro')}
      </Text>
      {delivery.data.designs.length === 0 && <Text size="sm">{t('delivery.noDesign')}</Text>}
      {delivery.data.designs.map((course) => (
        <CourseDelivery key={course.designId} caseId={caseId} course={course} places={delivery.data.places} />
      ))}
    </Stack>
  );
}

/** A yes-or-no choice for a course, saved at once, with a notice of what it now is. */
function useCourseChoice(
  caseId: string,
  save: (on: boolean) => Promise<unknown>,
  notices: { on: string; off: string },
) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  return useMutation({
    mutationFn: save,
    onSuccess: async (_, on) => {
      notify(on ? notices.on : notices.off);
      await refetchAfterChange(queryClient, ['case', caseId]);
    },
    onError: (e) => notify(errorMessage(e), 'error'),
  });
}

function CourseDelivery({ caseId, course, places }: { caseId: string; course: Course; places: string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { canWork } = useCaseAccess();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const refresh = () => refetchAfterChange(queryClient, ['case', caseId]);
  const share = useCourseChoice(caseId, (on) => setAttendanceSharing(caseId, course.designId, on), {
    on: t('delivery.sharedNotice'),
    off: t('delivery.unsharedNotice'),
  });
  const remind = useCourseChoice(caseId, (on) => setSessionReminders(caseId, course.designId, on), {
    on: t('delivery.remindersOnNotice'),
    off: t('delivery.remindersOffNotice'),
  });
  const present = (s: SessionView) => s.attendance.filter((a) => a.status === 'present').length;
  return (
    <Stack gap="xs" data-testid="course-delivery">
      <Title order={3} size="h4">
        {course.title}
      </Title>
      {course.sessions.length === 0 ? (
        <Text size="sm">{t('delivery.noSessions')}</Text>
      ) : (
        <DataTable
          striped
          minWidth={720}
          caption={t('delivery.sessionsCaption', { title: course.title })}
          columns={[
            t('delivery.day'),
            t('delivery.time'),
            t('delivery.place'),
            t('delivery.topic'),
            t('delivery.attendance'),
            canWork && t('delivery.actions'),
          ]}
        >
          {course.sessions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{format.date(s.day)}</Table.Td>
              <Table.Td>
                {s.startsAt}–{s.endsAt}
              </Table.Td>
              <Table.Td>
                {s.place}
                <PlaceClashes
                  caseId={caseId}
                  clashes={course.placeClashes.filter((c) => c.sessionId === s.id)}
                />
              </Table.Td>
              <Table.Td>
                <SessionTopic session={s} />
                <Clashes caseId={caseId} clashes={course.clashes.filter((c) => c.sessionId === s.id)} />
              </Table.Td>
              <Table.Td>
                {s.cancelledAt
                  ? t('delivery.cancelled')
                  : s.attendance.length
                    ? t('delivery.presentOf', { present: present(s), count: s.attendance.length })
                    : t('delivery.notRecorded')}
              </Table.Td>
              {canWork && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {actionsOf(s).map((kind) => (
                      <Button
                        key={kind}
                        size="compact-xs"
                        variant={kind === 'attendance' ? 'light' : 'subtle'}
                        color={kind === 'delete' ? 'red' : undefined}
                        onClick={() => setDialog({ kind, session: s })}
                        aria-label={t(`delivery.${kind}For`, { day: format.date(s.day) })}
                      >
                        {t(`delivery.${kind}Action`)}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {canWork && (
        <Group>
          <Button variant="default" onClick={() => setDialog({ kind: 'new' })}>
            {t('delivery.add')}
          </Button>
        </Group>
      )}
      {canWork && course.sessions.length > 0 && course.participants.length > 0 && (
        <ScheduleNoticeStatus course={course} onSend={() => setDialog({ kind: 'scheduleNotice' })} />
      )}
      {course.sessions.length > 0 && (
        <CourseCalendar
          title={course.title}
          fileHref={caseCalendarHref(caseId, course.designId)}
          feedPath={course.calendarPath}
          renew={() => renewCaseCalendarLink(caseId, course.designId)}
          onRenewed={refresh}
          canRenew={canWork}
        />
      )}
      {course.sessions.length > 0 && course.participants.length > 0 && (
        <AttendanceTable caption={t('delivery.summaryCaption')} participants={course.participants} />
      )}
      {course.sessions.length > 0 && (
        <Text size="sm">
          {t('delivery.report')}{' '}
          {(['sv', 'en'] as const).map((language, i) => (
            <span key={language}>
              {i > 0 && ' · '}
              <Anchor
                href={courseReportHref(caseId, course.designId, language)}
                target="_blank"
                rel="noopener"
                aria-label={t(`delivery.reportIn.${language}`, { title: course.title })}
              >
                {t(`delivery.reportLanguage.${language}`)}
              </Anchor>
            </span>
          ))}
        </Text>
      )}
      {canWork && course.participants.length > 0 && (
        <Checkbox
          label={t('delivery.share')}
          description={t('delivery.shareHint')}
          checked={!!course.attendanceSharedAt}
          disabled={share.isPending}
          onChange={(e) => share.mutate(e.currentTarget.checked)}
        />
      )}
      {canWork && course.participants.length > 0 && (
        <Checkbox
          label={t('delivery.reminders')}
          description={t('delivery.remindersHint')}
          checked={course.remindersOn}
          disabled={remind.isPending}
          onChange={(e) => remind.mutate(e.currentTarget.checked)}
        />
      )}
      {!canWork && course.attendanceSharedAt && <Text size="sm">{t('delivery.sharedStatus')}</Text>}
      {dialog?.kind === 'new' && (
        <SessionModal
          caseId={caseId}
          designId={course.designId}
          teachers={course.teachers}
          places={places}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'edit' && (
        <SessionModal
          caseId={caseId}
          designId={course.designId}
          teachers={course.teachers}
          places={places}
          session={dialog.session}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'attendance' && (
        <AttendanceModal
          caseId={caseId}
          course={course}
          session={dialog.session}
          onClose={() => setDialog(null)}
        />
      )}
      {(dialog?.kind === 'cancel' || dialog?.kind === 'reinstate') && (
        <CancellationModal
          caseId={caseId}
          session={dialog.session}
          cancel={dialog.kind === 'cancel'}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'scheduleNotice' && (
        <ScheduleNoticeModal caseId={caseId} course={course} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteModal caseId={caseId} session={dialog.session} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}

/** Each participant's count of sessions present, absent and excused (the HEI's page and the portal). */
export function AttendanceTable({
  caption,
  participants,
}: {
  caption: string;
  participants: Course['participants'];
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      striped
      maw={640}
      minWidth={420}
      caption={caption}
      columns={[
        t('delivery.participant'),
        ...attendanceStatuses.map((status) => t(`delivery.statuses.${status}`)),
      ]}
    >
      {participants.map((p) => (
        <Table.Tr key={p.participantId}>
          <Table.Td>{p.name || t('participants.anonymised')}</Table.Td>
          {attendanceStatuses.map((status) => (
            <Table.Td key={status}>{p[status]}</Table.Td>
          ))}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** What an input with `list={id}` offers as you type (anything else may be written). */
function Suggestions({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  );
}

function SessionModal({
  caseId,
  designId,
  teachers,
  places,
  session,
  onClose,
}: {
  caseId: string;
  designId: string;
  /** The design's teachers, offered as you type (anyone may be written). */
  teachers: string[];
  /** The HEI's places, offered as you type: a room written the same way each time is one its clashes know. */
  places: string[];
  session?: SessionView;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [fields, setFields] = useState<SessionFields>({
    day: session?.day ?? '',
    startsAt: session?.startsAt ?? '09:00',
    endsAt: session?.endsAt ?? '16:00',
    place: session?.place ?? '',
    topic: session?.topic ?? '',
    teacher: session?.teacher ?? '',
  });
  // a called-off session stays called off when edited: there is no change to tell anyone of
  const canTell = !!session && !session.cancelledAt;
  const [tell, setTell] = useState(canTell);
  const [occurrences, setOccurrences] = useState(1);
  const format = useFormat();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  // the notice is worded from what the server answered: how many were told, or how many were added and
  // which holidays the series passed over
  const changed = async (id: string) => {
    const { notified } = await updateSession(id, fields, tell);
    return tell ? t('delivery.changedToldNotice', { count: notified }) : t('delivery.changedNotice');
  };
  const added = async () => {
    const { series, holidaysSkipped } = await createSession(caseId, designId, fields, occurrences);
    const skipped = holidaysSkipped.map((h) => `${h.name[language]} ${format.date(h.day)}`).join(', ');
    return [
      series.length
        ? t('delivery.addedSeriesNotice', { count: series.length + 1 })
        : t('delivery.addedNotice'),
      skipped && t('delivery.holidaysSkipped', { days: skipped }),
    ]
      .filter(Boolean)
      .join(' ');
  };
  const save = useDialogAction({
    request: () => (session ? changed(session.id) : added()),
    notice: (text) => text,
    refresh: ['case', caseId],
    onDone: onClose,
  });
  const set = (key: keyof SessionFields) => (e: { currentTarget: { value: string } }) =>
    setFields({ ...fields, [key]: e.currentTarget.value });
  const submit = () => {
    if (!fields.day) save.setError(t('delivery.dayError'));
    else if (!fields.startsAt || !fields.endsAt || fields.endsAt <= fields.startsAt)
      save.setError(t('delivery.timeError'));
    else save.run();
  };
  return (
    <FormModal
      title={session ? t('delivery.editTitle') : t('delivery.addTitle')}
      submitLabel={t('delivery.save')}
      pending={save.pending}
      error={save.error}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextInput label={t('delivery.day')} type="date" value={fields.day} onChange={set('day')} />
      <Group grow>
        <TextInput
          label={t('delivery.startsAt')}
          type="time"
          value={fields.startsAt}
          onChange={set('startsAt')}
        />
        <TextInput label={t('delivery.endsAt')} type="time" value={fields.endsAt} onChange={set('endsAt')} />
      </Group>
      <TextInput
        label={t('delivery.place')}
        value={fields.place}
        onChange={set('place')}
        list={`places-${designId}`}
        autoComplete="off"
      />
      <Suggestions id={`places-${designId}`} values={places} />
      <TextInput label={t('delivery.topic')} value={fields.topic} onChange={set('topic')} />
      <TextInput
        label={t('delivery.teacher')}
        description={t('delivery.teacherHint')}
        value={fields.teacher}
        onChange={set('teacher')}
        list={`teachers-${designId}`}
        autoComplete="off"
      />
      <Suggestions id={`teachers-${designId}`} values={teachers} />
      {!session && (
        <NumberInput
          label={t('delivery.occurrences')}
          description={t('delivery.occurrencesHint')}
          min={1}
          max={52}
          allowDecimal={false}
          clampBehavior="strict"
          value={occurrences}
          onChange={(v) => setOccurrences(typeof v === 'number' && v >= 1 ? v : 1)}
        />
      )}
      {canTell && (
        <Checkbox
          label={t('delivery.notifyParticipants')}
          description={t('delivery.notifyChangeHint')}
          checked={tell}
          onChange={(e) => setTell(e.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
}

function AttendanceModal({
  caseId,
  course,
  session,
  onClose,
}: {
  caseId: string;
  course: Course;
  session: SessionView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [marks, setMarks] = useState<Record<string, AttendanceStatus>>(
    Object.fromEntries(session.attendance.map((a) => [a.participantId, a.status])),
  );
  const save = useDialogAction({
    request: () =>
      recordAttendance(
        session.id,
        Object.entries(marks).map(([participantId, status]) => ({ participantId, status })),
      ),
    notice: t('delivery.recordedNotice'),
    refresh: ['case', caseId],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t('delivery.recordTitle', { day: format.date(session.day) })}
      submitLabel={t('delivery.save')}
      pending={save.pending}
      error={save.error}
      onClose={onClose}
      size="lg"
      onSubmit={() => (Object.keys(marks).length ? save.run() : save.setError(t('delivery.recordError')))}
    >
      {course.participants.length === 0 && <Text size="sm">{t('delivery.noParticipants')}</Text>}
      <Button
        size="compact-sm"
        variant="default"
        onClick={() =>
          setMarks(Object.fromEntries(course.participants.map((p) => [p.participantId, 'present'])))
        }
      >
        {t('delivery.allPresent')}
      </Button>
      {course.participants.map((p) => (
        <Radio.Group
          key={p.participantId}
          label={p.name || t('participants.anonymised')}
          value={marks[p.participantId] ?? ''}
          onChange={(value) => setMarks({ ...marks, [p.participantId]: value as AttendanceStatus })}
        >
          <Group gap="md" mt={4}>
            {attendanceStatuses.map((status) => (
              <Radio key={status} value={status} label={t(`delivery.statuses.${status}`)} />
            ))}
          </Group>
        </Radio.Group>
      ))}
    </FormModal>
  );
}

/** Calls a session off, with why, or gives a cancelled one after all; either way the participants may be told. */
function CancellationModal({
  caseId,
  session,
  cancel,
  onClose,
}: {
  caseId: string;
  session: SessionView;
  cancel: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [reason, setReason] = useState('');
  const [tell, setTell] = useState(true);
  const day = format.date(session.day);
  const save = useDialogAction({
    request: () => (cancel ? cancelSession(session.id, reason, tell) : reinstateSession(session.id, tell)),
    notice: ({ notified }) =>
      t(cancel ? 'delivery.cancelledNotice' : 'delivery.reinstatedNotice', { count: notified }),
    refresh: ['case', caseId],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t(cancel ? 'delivery.cancelTitle' : 'delivery.reinstateTitle', { day })}
      submitLabel={t(cancel ? 'delivery.cancelConfirm' : 'delivery.reinstateConfirm')}
      danger={cancel}
      pending={save.pending}
      error={save.error}
      onClose={onClose}
      onSubmit={save.run}
    >
      <Text size="sm">{t(cancel ? 'delivery.cancelIntro' : 'delivery.reinstateIntro')}</Text>
      {cancel && (
        <Textarea
          label={t('delivery.cancelReason')}
          value={reason}
          maxLength={500}
          autosize
          minRows={2}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      <Checkbox
        label={t('delivery.notifyParticipants')}
        description={t('delivery.notifyHint')}
        checked={tell}
        onChange={(e) => setTell(e.currentTarget.checked)}
      />
    </FormModal>
  );
}

/** Whether the participants were sent the schedule (the kallelse), and the button that sends it. */
function ScheduleNoticeStatus({ course, onSend }: { course: Course; onSend: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { withEmail, notYetSent, lastSentAt } = course.scheduleNotice;
  const withoutEmail = course.participants.length - withEmail;
  if (!withEmail) return <Text size="sm">{t('delivery.scheduleNotice.noEmail')}</Text>;
  return (
    <Group gap="sm" align="center" data-testid="schedule-notice">
      <Text size="sm">
        {lastSentAt
          ? `${t('delivery.scheduleNotice.lastSent', { when: format.dateTime(lastSentAt) })} ${
              notYetSent
                ? t('delivery.scheduleNotice.notYetSent', { count: notYetSent })
                : t('delivery.scheduleNotice.allSent')
            }`
          : t('delivery.scheduleNotice.never')}
        {withoutEmail > 0 && ` ${t('delivery.scheduleNotice.withoutEmail', { count: withoutEmail })}`}
      </Text>
      <Button variant="default" size="compact-sm" onClick={onSend}>
        {t('delivery.scheduleNotice.action')}
      </Button>
    </Group>
  );
}

/** E-mails the schedule with its calendar file: to those not sent it yet, or to everyone again after a change. */
function ScheduleNoticeModal({
  caseId,
  course,
  onClose,
}: {
  caseId: string;
  course: Course;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { withEmail, notYetSent } = course.scheduleNotice;
  const [to, setTo] = useState<'everyone' | 'notYetSent'>(notYetSent ? 'notYetSent' : 'everyone');
  const send = useDialogAction({
    request: () => sendScheduleNotice(caseId, course.designId, to),
    notice: ({ sent }) => t('delivery.scheduleNotice.sentNotice', { count: sent }),
    refresh: ['case', caseId],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t('delivery.scheduleNotice.title')}
      submitLabel={t('delivery.scheduleNotice.send')}
      pending={send.pending}
      error={send.error}
      onClose={onClose}
      onSubmit={send.run}
    >
      <Text size="sm">{t('delivery.scheduleNotice.intro')}</Text>
      <Radio.Group
        label={t('delivery.scheduleNotice.to')}
        value={to}
        onChange={(value) => setTo(value as typeof to)}
      >
        <Stack gap="xs" mt={4}>
          <Radio
            value="notYetSent"
            disabled={!notYetSent}
            label={t('delivery.scheduleNotice.toNotYetSent', { count: notYetSent })}
          />
          <Radio value="everyone" label={t('delivery.scheduleNotice.toEveryone', { count: withEmail })} />
        </Stack>
      </Radio.Group>
    </FormModal>
  );
}

function DeleteModal({
  caseId,
  session,
  onClose,
}: {
  caseId: string;
  session: SessionView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const remove = useDialogAction({
    request: () => deleteSession(session.id),
    notice: t('delivery.deletedNotice'),
    refresh: ['case', caseId],
    onDone: onClose,
  });
  return (
    <ConfirmModal
      title={t('delivery.deleteTitle', { day: format.date(session.day) })}
      text={t('delivery.deleteIntro')}
      confirmLabel={t('delivery.deleteAction')}
      pending={remove.pending}
      error={remove.error}
      onConfirm={remove.run}
      onClose={onClose}
    />
  );
}
