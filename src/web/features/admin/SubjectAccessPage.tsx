import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { checkPersonnummer, personnummerMessages } from '../../../features/participants/personnummer.ts';
import {
  type SubjectAccessQuery,
  type SubjectAccessReport,
  subjectAccessReportSchema,
} from '../../../features/privacy/privacy.contract.ts';
import { api, isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { ErrorAlert, Page } from '../../ui/page.tsx';
import { saveFile } from '../../ui/save-file.ts';
import { useLanguageName } from '../staff/ProfileForm.tsx';
import { OrganisationView } from './OrganisationView.tsx';

// A subject access report (registerutdrag, GDPR art. 15): the HEI's admin searches by what the person gave
// (e-mail, personnummer) and reads, or downloads, what Lupp holds about them at the HEI. Every report is audited.

type Fields = { email: string; personnummer: string; name: string };
type Errors = Partial<Record<keyof Fields, string>>;

/** The server's own check of an address (zod), so the page refuses exactly what the API would. */
const isEmail = (value: string) => z.email().safeParse(value).success;

export function SubjectAccessPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const allowed = membership?.tenant.kind === 'hei' && hasRole(membership, 'admin');
  return (
    <Page title={t('subjectAccess.title')}>
      {membership?.tenant.kind === 'hei' && !hasRole(membership, 'admin') ? (
        <Alert color="gray">{t('subjectAccess.noAccess')}</Alert>
      ) : (
        <OrganisationView membership={membership} allowed={allowed}>
          {({ tenant }) => <SubjectAccess hei={tenant} />}
        </OrganisationView>
      )}
    </Page>
  );
}

function SubjectAccess({ hei }: { hei: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const [fields, setFields] = useState<Fields>({ email: '', personnummer: '', name: '' });
  const [errors, setErrors] = useState<Errors>({});
  const personnummerError = (reason: keyof typeof personnummerMessages) =>
    t('subjectAccess.personnummerError', {
      reason: personnummerMessages[reason][i18n.language === 'en' ? 'en' : 'sv'],
    });
  const report = useMutation({
    mutationFn: (query: SubjectAccessQuery) =>
      api.post(`/api/organisations/${hei.id}/subject-access`, query, subjectAccessReportSchema),
    onError: (failure) => {
      if (!isApiError(failure, 400)) return;
      const refused = failure.fieldErrors();
      setErrors({
        email: refused.email && t('subjectAccess.emailError'),
        personnummer: refused.personnummer && personnummerError('format'),
        name: refused.name && t('subjectAccess.nameError'),
      });
    },
  });

  const submit = () => {
    const email = fields.email.trim();
    const personnummer = fields.personnummer.trim();
    const name = fields.name.trim();
    const wrong: Errors = {};
    if (!email && !personnummer && !name) wrong.email = t('subjectAccess.needOne');
    if (email && !isEmail(email)) wrong.email = t('subjectAccess.emailError');
    const check = personnummer
      ? checkPersonnummer(personnummer, new Date().toISOString().slice(0, 10))
      : null;
    if (check && !check.ok) wrong.personnummer = personnummerError(check.reason);
    if (name && name.length < 4) wrong.name = t('subjectAccess.nameError');
    setErrors(wrong);
    if (Object.keys(wrong).length) return;
    report.mutate({
      email: email || undefined,
      personnummer: personnummer || undefined,
      name: name || undefined,
    });
  };
  const change = (field: keyof Fields) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setFields({ ...fields, [field]: event.currentTarget.value });
    setErrors({ ...errors, [field]: undefined });
  };

  return (
    <Stack gap="lg">
      <Text>{t('subjectAccess.intro', { hei: hei.name })}</Text>
      <Paper withBorder p="lg" radius="md" maw={640}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            {report.error && !isApiError(report.error, 400) && <ErrorAlert error={report.error} />}
            <TextInput
              type="email"
              label={t('subjectAccess.email')}
              description={t('subjectAccess.emailHint')}
              value={fields.email}
              onChange={change('email')}
              error={errors.email}
              autoComplete="off"
            />
            <TextInput
              label={t('subjectAccess.personnummer')}
              description={t('subjectAccess.personnummerHint')}
              value={fields.personnummer}
              onChange={change('personnummer')}
              error={errors.personnummer}
              autoComplete="off"
              maw={260}
            />
            <TextInput
              label={t('subjectAccess.name')}
              description={t('subjectAccess.nameHint')}
              value={fields.name}
              onChange={change('name')}
              error={errors.name}
              autoComplete="off"
            />
            <Group>
              <Button type="submit" loading={report.isPending}>
                {t('subjectAccess.search')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {report.data && <ReportView report={report.data} />}
    </Stack>
  );
}

function ReportView({ report }: { report: SubjectAccessReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { email, personnummer, name } = report.searchedFor;
  const who = [name, email, personnummer].filter(Boolean).join(', ');
  const empty =
    !report.accounts.length &&
    !report.inquiryContacts.length &&
    !report.participants.length &&
    !report.mentions.length;
  return (
    <Stack component="section" aria-labelledby="report-heading" gap="md">
      <Title order={2} size="h3" id="report-heading">
        {t('subjectAccess.heading', { hei: report.hei.name })}
      </Title>
      <Text>{t('subjectAccess.generated', { at: format.dateTime(report.generatedAt), who })}</Text>
      {empty ? (
        <Alert color="gray">{t('subjectAccess.nothing', { hei: report.hei.name })}</Alert>
      ) : (
        <>
          <Accounts report={report} />
          <InquiryContacts report={report} />
          <Participations report={report} />
          <Mentions report={report} />
        </>
      )}
      <Group>
        <Button variant="outline" onClick={() => downloadJson(report)}>
          {t('subjectAccess.download')}
        </Button>
      </Group>
    </Stack>
  );
}

function Part({ title, none, children }: { title: string; none: string | false; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {title}
      </Title>
      {none ? <Text c="dimmed">{none}</Text> : children}
    </Stack>
  );
}

function Accounts({ report }: { report: SubjectAccessReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part
      title={t('subjectAccess.accounts')}
      none={
        !report.accounts.length &&
        t(report.searchedFor.email ? 'subjectAccess.accountsNone' : 'subjectAccess.byEmailOnly')
      }
    >
      {report.accounts.map((account) => (
        <Stack key={account.email} gap={4}>
          <Text>
            {account.name} · {account.email} · {t('subjectAccess.accountCreated')}{' '}
            {format.date(account.createdAt)}
          </Text>
          <DataTable
            minWidth={480}
            columns={[t('subjectAccess.organisation'), t('subjectAccess.roles'), t('subjectAccess.since')]}
          >
            {account.memberships.map((m) => (
              <Table.Tr key={m.organisation}>
                <Table.Td>{m.organisation}</Table.Td>
                <Table.Td>
                  {m.roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(', ')}
                </Table.Td>
                <Table.Td>{format.date(m.since)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Text size="sm">
            {account.auditEvents ? (
              <AnchorLink to="/admin/audit" search={{ actor: account.userId }}>
                {t('subjectAccess.auditEvents', { count: account.auditEvents })}
              </AnchorLink>
            ) : (
              t('subjectAccess.auditEvents', { count: 0 })
            )}
          </Text>
          {account.staffProfile && <StaffProfile profile={account.staffProfile} />}
        </Stack>
      ))}
    </Part>
  );
}

type Profile = NonNullable<SubjectAccessReport['accounts'][number]['staffProfile']>;

function StaffProfile({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  const rows: [string, string][] = [
    [t('staff.profile.department'), profile.department ?? '–'],
    [t('staff.profile.languages'), profile.languages.map(languageName).join(', ') || '–'],
    [t('staff.profile.availability'), t(`staff.availability.${profile.availability}`)],
    [t('staff.profile.hoursPerYear'), profile.hoursPerYear === null ? '–' : String(profile.hoursPerYear)],
    [t('staff.profile.interest'), t(`staff.interest.${profile.interest}`)],
    [t('staff.profile.expertise'), profile.expertise.map(format.pick).join(', ') || '–'],
    [t('staff.profile.bio'), profile.bio || '–'],
  ];
  return (
    <Stack gap={4} mt="sm">
      <Title order={4} size="h5">
        {t('subjectAccess.staffProfile')}
      </Title>
      <Table variant="vertical" withTableBorder maw={720}>
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th scope="row" w={260}>
                {name}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function InquiryContacts({ report }: { report: SubjectAccessReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part
      title={t('subjectAccess.inquiries')}
      none={
        !report.inquiryContacts.length &&
        t(report.searchedFor.email ? 'subjectAccess.inquiriesNone' : 'subjectAccess.byEmailOnly')
      }
    >
      <DataTable
        minWidth={720}
        columns={[
          t('subjectAccess.reference'),
          t('subjectAccess.received'),
          t('subjectAccess.customer'),
          t('subjectAccess.status'),
          t('subjectAccess.contact'),
          t('subjectAccess.mails'),
        ]}
      >
        {report.inquiryContacts.map((i) => (
          <Table.Tr key={i.inquiryId}>
            <Table.Td>{i.reference}</Table.Td>
            <Table.Td>{format.date(i.receivedAt)}</Table.Td>
            <Table.Td>{i.organisationName}</Table.Td>
            <Table.Td>{t(`labels.inquiryStatus.${i.status}`, { defaultValue: i.status })}</Table.Td>
            <Table.Td>{[i.contactName, i.contactEmail, i.contactPhone].filter(Boolean).join(', ')}</Table.Td>
            <Table.Td>
              {i.mails.map((mail) => (
                <Text key={`${mail.createdAt}${mail.subject}`} size="sm">
                  {format.date(mail.createdAt)}: {mail.subject} (
                  {t(`subjectAccess.mailStatus.${mail.status}`)})
                </Text>
              ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Part>
  );
}

function Participations({ report }: { report: SubjectAccessReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part
      title={t('subjectAccess.participants')}
      none={
        !report.participants.length &&
        t(
          report.searchedFor.email || report.searchedFor.personnummer
            ? 'subjectAccess.participantsNone'
            : 'subjectAccess.byEmailOrNumberOnly',
        )
      }
    >
      <DataTable
        minWidth={720}
        columns={[
          t('subjectAccess.case'),
          t('subjectAccess.name'),
          t('subjectAccess.email'),
          t('subjectAccess.personnummer'),
          t('subjectAccess.award'),
          t('subjectAccess.designated'),
          t('subjectAccess.attendance'),
          t('subjectAccess.credentials'),
        ]}
      >
        {report.participants.map((p) => (
          <Table.Tr key={p.participantId}>
            <Table.Td>
              {p.caseReference} {p.caseTitle} ({p.customerName})
            </Table.Td>
            <Table.Td>
              {p.firstName} {p.lastName}
            </Table.Td>
            <Table.Td>{p.email ?? t('subjectAccess.erased')}</Table.Td>
            <Table.Td>{p.personnummer ?? t('subjectAccess.erased')}</Table.Td>
            <Table.Td>
              {p.creditEligible ? t('subjectAccess.credits') : t('subjectAccess.certificate')}
            </Table.Td>
            <Table.Td>{format.date(p.designatedAt)}</Table.Td>
            <Table.Td>
              {p.attendance
                ? t('subjectAccess.attendanceCounts', p.attendance)
                : t('subjectAccess.noAttendance')}
            </Table.Td>
            <Table.Td>
              {p.credentials.length
                ? p.credentials.map((c) => (
                    <Text size="sm" key={c.path}>
                      <Anchor href={c.path} size="sm">
                        {c.title}
                      </Anchor>{' '}
                      {c.revokedAt
                        ? t('subjectAccess.credentialRevoked', { date: format.date(c.revokedAt) })
                        : t('subjectAccess.credentialIssued', { date: format.date(c.issuedAt) })}
                    </Text>
                  ))
                : t('subjectAccess.noCredentials')}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Part>
  );
}

/** Free text that names the person, each with the way to where it is written. */
function Mentions({ report }: { report: SubjectAccessReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part
      title={t('subjectAccess.mentions')}
      none={!report.mentions.length && t('subjectAccess.mentionsNone')}
    >
      {report.searchedFor.name && <Text size="sm">{t('subjectAccess.mentionsByName')}</Text>}
      <DataTable
        minWidth={720}
        columns={[
          t('subjectAccess.where'),
          t('subjectAccess.record'),
          t('subjectAccess.excerpt'),
          t('subjectAccess.matched'),
          t('subjectAccess.date'),
        ]}
      >
        {report.mentions.map((m) => (
          <Table.Tr key={`${m.source}|${m.label}|${m.at}|${m.excerpt}`}>
            <Table.Td>{t(`subjectAccess.source.${m.source}`)}</Table.Td>
            <Table.Td>
              <MentionLink mention={m} />
            </Table.Td>
            <Table.Td>{m.excerpt}</Table.Td>
            <Table.Td>{m.matched.map((kind) => t(`subjectAccess.matchedBy.${kind}`)).join(', ')}</Table.Td>
            <Table.Td>{format.date(m.at)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Part>
  );
}

/** The way to the record a mention is in: its analysis, its inquiry, or its case. */
function MentionLink({ mention: m }: { mention: SubjectAccessReport['mentions'][number] }) {
  const onCase = m.caseReference ? ` (${m.caseReference})` : '';
  if (m.analysisId)
    return (
      <AnchorLink to="/needs/$analysisId" params={{ analysisId: m.analysisId }}>
        {m.label}
        {onCase}
      </AnchorLink>
    );
  if (m.inquiryId)
    return (
      <AnchorLink to="/inquiries/$inquiryId" params={{ inquiryId: m.inquiryId }}>
        {m.label}
      </AnchorLink>
    );
  if (m.caseId)
    return (
      <AnchorLink to="/cases/$caseId" params={{ caseId: m.caseId }}>
        {m.caseReference} {m.label}
      </AnchorLink>
    );
  return <>{m.label}</>;
}

/** The report as the API gave it, as a file to send to the person (machine-readable, as article 15 asks). */
function downloadJson(report: SubjectAccessReport) {
  const file = new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
  saveFile(file, `registerutdrag-${report.generatedAt.slice(0, 10)}.json`);
}
