import { Alert, Box, Button, Checkbox, FileInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agreementListSchema } from '../../../features/agreements/agreements.contract.ts';
import {
  importReportSchema,
  participantInput,
  participantListSchema,
} from '../../../features/participants/participants.contract.ts';
import { checkPersonnummer, personnummerMessages } from '../../../features/participants/personnummer.ts';
import { stockholmDate } from '../../../shared/stockholm-days.ts';
import { api, isApiError } from '../../api.ts';
import { FormModal, submitting } from '../../ui/FormModal.tsx';
import { useFocusFirstInvalid } from '../../ui/focus.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { ParticipantsTable } from '../agreements/HeiParticipants.tsx';

type Report = typeof importReportSchema._output;
type PersonField = 'firstName' | 'lastName' | 'personnummer' | 'email';

/**
 * The participants the customer designates under each signed agreement of the case: the list (personnummer
 * masked), one more by hand, or many from a CSV or XLSX file whose bad rows are reported before anything is
 * written — until the deadline the agreement sets.
 */
export function PortalParticipants({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const agreements = useQuery({
    queryKey: ['portal', 'agreements'],
    queryFn: ({ signal }) => api.get('/api/portal/agreements', agreementListSchema, signal),
  });
  const signed = (agreements.data?.agreements ?? []).filter(
    (a) => a.caseId === caseId && a.status === 'signed',
  );
  if (agreements.isPending) return null;
  if (!signed.length) return <Text>{t('participants.noAgreement')}</Text>;
  return (
    <Stack gap="lg">
      {signed.map((a) => (
        <AgreementParticipants key={a.id} agreementId={a.id} title={a.title} />
      ))}
    </Stack>
  );
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

function AgreementParticipants({ agreementId, title }: { agreementId: string; title: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const key = ['portal', 'participants', agreementId];
  const url = `/api/portal/agreements/${agreementId}/participants`;
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get(url, participantListSchema, signal),
  });
  const [person, setPerson] = useState({
    firstName: '',
    lastName: '',
    email: '',
    personnummer: '',
    creditEligible: false,
  });
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Partial<Record<PersonField, string>>>({});
  const { container, tried } = useFocusFirstInvalid<HTMLFormElement>();
  const refresh = () => refetchAfterChange(queryClient, key);
  const add = useMutation({
    mutationFn: () => api.post(url, { ...person, email: person.email.trim() || null }, participantListSchema),
    onSuccess: async () => {
      notify(t('participants.added', { name: `${person.firstName} ${person.lastName}` }));
      setPerson({ firstName: '', lastName: '', email: '', personnummer: '', creditEligible: false });
      setError(null);
      await refresh();
    },
    onError: (e) =>
      isApiError(e, 409)
        ? setInvalid({ personnummer: t('participants.errors.duplicate') })
        : setError(errorMessage(e)),
  });
  /**
   * The fields checked by the API's own rules (its contract, and the personnummer check it runs), so each error is
   * said beside its field, in the reader's language.
   */
  const refused = (): Partial<Record<PersonField, string>> => {
    const parsed = participantInput.safeParse({ ...person, email: person.email.trim() || null });
    const bad = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
    const check = checkPersonnummer(person.personnummer, stockholmDate(new Date()));
    const problem = check.ok
      ? null
      : personnummerMessages[check.reason][i18n.language === 'en' ? 'en' : 'sv'];
    return Object.fromEntries(
      Object.entries({
        firstName: bad.has('firstName') && t('participants.errors.firstName'),
        lastName: bad.has('lastName') && t('participants.errors.lastName'),
        personnummer: bad.has('personnummer')
          ? t('participants.errors.personnummer')
          : problem && t('participants.errors.personnummerIs', { problem }),
        email: bad.has('email') && t('errors.fields.email'),
      }).filter(([, message]) => message),
    );
  };
  const upload = useMutation({
    mutationFn: async (keepValidRows: boolean) =>
      api.post(
        `${url}/import`,
        { fileName: file?.name ?? '', content: file ? await toBase64(file) : '', keepValidRows },
        importReportSchema,
      ),
    onSuccess: async (result) => {
      setReport(result);
      setError(null);
      if (result.status === 'imported') {
        notify(t('participants.imported', { count: result.added }));
        await refresh();
      }
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`${url}/${id}`),
    onSuccess: async () => {
      notify(t('participants.removed', { name: removing?.name ?? '' }));
      setRemoving(null);
      await refresh();
    },
  });
  const data = list.data;
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const headingId = `participants-${agreementId}`;
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={headingId}>
          {t('participants.heading', { title })}
        </Title>
        {data && (
          <Text size="sm">
            {data.open
              ? t('participants.openUntil', { date: format.date(data.deadline) })
              : t('participants.closed', { date: format.date(data.deadline) })}
          </Text>
        )}
        {data && data.participants.length > 0 ? (
          <ParticipantsTable
            testId="participants"
            participants={data.participants}
            actions={
              data.open
                ? (p) => {
                    const name = `${p.firstName} ${p.lastName}`;
                    return (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        aria-label={t('participants.removeFor', { name })}
                        onClick={() => setRemoving({ id: p.id, name })}
                      >
                        {t('participants.remove')}
                      </Button>
                    );
                  }
                : undefined
            }
          />
        ) : (
          <Text>{t('participants.none')}</Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {removing && (
          <FormModal
            title={t('participants.removeTitle', { name: removing.name })}
            submitLabel={t('participants.remove')}
            danger
            pending={remove.isPending}
            error={remove.error ? errorMessage(remove.error) : undefined}
            onClose={() => setRemoving(null)}
            onSubmit={() => remove.mutate(removing.id)}
          >
            <Text>{t('participants.removeText', { name: removing.name })}</Text>
          </FormModal>
        )}
        {data?.open && (
          <>
            <Box
              component="form"
              ref={container}
              noValidate
              onSubmit={submitting(() => {
                tried();
                const problems = refused();
                setInvalid(problems);
                setError(null);
                if (!Object.keys(problems).length) add.mutate();
              })}
            >
              <Stack gap="xs">
                <Text fw={600}>{t('participants.addOne')}</Text>
                <Group grow align="flex-start" wrap="wrap">
                  <TextInput
                    label={t('participants.firstName')}
                    required
                    value={person.firstName}
                    error={invalid.firstName}
                    onChange={(e) => setPerson({ ...person, firstName: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('participants.lastName')}
                    required
                    value={person.lastName}
                    error={invalid.lastName}
                    onChange={(e) => setPerson({ ...person, lastName: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('participants.personnummer')}
                    description={t('participants.personnummerHint')}
                    required
                    value={person.personnummer}
                    error={invalid.personnummer}
                    onChange={(e) => setPerson({ ...person, personnummer: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('participants.email')}
                    type="email"
                    value={person.email}
                    error={invalid.email}
                    onChange={(e) => setPerson({ ...person, email: e.currentTarget.value })}
                  />
                </Group>
                <Checkbox
                  label={t('participants.creditEligible')}
                  checked={person.creditEligible}
                  onChange={(e) => setPerson({ ...person, creditEligible: e.currentTarget.checked })}
                />
                <Group>
                  <Button type="submit" loading={add.isPending}>
                    {t('participants.add')}
                  </Button>
                </Group>
              </Stack>
            </Box>
            <Box
              component="form"
              noValidate
              onSubmit={submitting(() => {
                if (!file) setError(t('participants.chooseFile'));
                else upload.mutate(false);
              })}
            >
              <Stack gap="xs">
                <Text fw={600}>{t('participants.upload')}</Text>
                <Text size="sm">{t('participants.uploadHint')}</Text>
                <Group align="flex-end">
                  <FileInput
                    label={t('participants.file')}
                    accept=".csv,.xlsx,text/csv"
                    value={file}
                    onChange={(f) => {
                      setFile(f);
                      setReport(null);
                    }}
                    miw={280}
                  />
                  <Button type="submit" variant="light" loading={upload.isPending}>
                    {t('participants.read')}
                  </Button>
                </Group>
              </Stack>
            </Box>
          </>
        )}
        {report && report.problems.length > 0 && (
          <Alert
            color={report.status === 'rejected' ? 'red' : 'orange'}
            role="alert"
            title={
              report.status === 'rejected'
                ? t('participants.rejected', { count: report.problems.length })
                : t('participants.keptValid', { added: report.added, count: report.problems.length })
            }
          >
            <Stack gap={4} data-testid="participant-report">
              {report.problems.map((p) => (
                <Text key={`${p.row}-${p.field}`} size="sm">
                  {p.row ? t('participants.row', { row: p.row }) : ''} {p.message[lang]}
                </Text>
              ))}
              {report.status === 'rejected' && (
                <Group mt="xs">
                  <Button size="compact-sm" onClick={() => upload.mutate(true)} loading={upload.isPending}>
                    {t('participants.keepValidRows')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Box>
  );
}
