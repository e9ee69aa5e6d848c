import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isNoSuchRecord } from '../../api.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { ErrorAlert, Loading, useDocumentTitle, useErrorMessage } from '../../ui/page.tsx';
import {
  type PublicCredential,
  publicCredentialQuery,
  type Verification,
  verifyCredential,
} from './credentials.api.ts';

const route = getRouteApi('/credentials/$code');

/** A micro-credential at the address its learner shares: anyone reads it, downloads it and sees whether it is valid. */
export function CredentialPage() {
  const { t } = useTranslation();
  const { code } = route.useParams();
  const credential = useQuery(publicCredentialQuery(code));
  useDocumentTitle(t('credentials.public.title'));
  return (
    <PublicFrame size={820}>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="md">
          <Title order={1}>{t('credentials.public.title')}</Title>
          {credential.isPending ? (
            <Loading />
          ) : credential.isError ? (
            isNoSuchRecord(credential.error) ? (
              <Alert color="orange">{t('credentials.public.notFound')}</Alert>
            ) : (
              <ErrorAlert error={credential.error} />
            )
          ) : (
            <CredentialView credential={credential.data} downloads />
          )}
          <AnchorLink to="/credentials/verify" size="sm">
            {t('credentials.verify.link')}
          </AnchorLink>
        </Stack>
      </Paper>
    </PublicFrame>
  );
}

/** What a credential certifies: the status first, then the learner, the course and the EU's elements. */
function CredentialView({
  credential: c,
  downloads = false,
}: {
  credential: PublicCredential;
  downloads?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const workload = [
    c.credits !== null ? t('credentials.public.credits', { credits: format.number(c.credits) }) : null,
    c.workloadHours !== null ? t('credentials.public.hours', { count: c.workloadHours }) : null,
  ].filter(Boolean);
  // [label, value, the value's language when it is the course's text rather than the interface's]
  const rows: [string, string, ('sv' | 'en')?][] = [
    [t('credentials.public.issuer'), [c.issuer.name, c.issuer.orgNumber].filter(Boolean).join(', ')],
    [t('credentials.public.country'), t('credentials.public.sweden')],
    [t('credentials.public.issued'), format.date(c.issuedAt)],
    ...(c.startDate || c.endDate
      ? [
          [
            t('credentials.public.period'),
            [c.startDate, c.endDate].flatMap((d) => (d ? [format.date(d)] : [])).join(' – '),
          ] as [string, string],
        ]
      : []),
    ...(workload.length ? [[t('credentials.public.workload'), workload.join(', ')] as [string, string]] : []),
    [
      t('credentials.public.level'),
      [t(`catalog.levels.${c.level}`), c.eqfLevel ? t('credentials.public.eqf', { level: c.eqfLevel }) : null]
        .filter(Boolean)
        .join(', '),
    ],
    [t('credentials.public.format'), t(`catalog.formats.${c.format}`)],
    c.assessment
      ? [t('credentials.public.assessment'), c.assessment, c.language]
      : [t('credentials.public.assessment'), t('credentials.public.noAssessment')],
    [t('credentials.public.quality'), t('credentials.public.qualityText')],
  ];
  return (
    <Stack gap="md" data-testid="credential">
      {c.status === 'valid' ? (
        <Alert color="green" title={t('credentials.public.valid')}>
          {t('credentials.public.validText', { hei: c.issuer.name })}
        </Alert>
      ) : c.status === 'suspended' ? (
        <Alert color="orange" title={t('credentials.public.suspended')}>
          {t('credentials.public.suspendedText', {
            hei: c.issuer.name,
            date: format.date(c.suspendedAt ?? c.issuedAt),
          })}
        </Alert>
      ) : (
        <Alert color="red" title={t('credentials.public.revoked')}>
          {t('credentials.public.revokedText', {
            hei: c.issuer.name,
            date: format.date(c.revokedAt ?? c.issuedAt),
          })}
        </Alert>
      )}
      <div>
        <Text>{t('credentials.public.certifies', { hei: c.issuer.name })}</Text>
        <Title order={2}>{c.learnerName}</Title>
        <Text>{t('credentials.public.completed')}</Text>
        <Title order={2} lang={c.language}>
          {c.title}
        </Title>
      </div>
      {c.outcomes.length > 0 && (
        <div>
          <Title order={3} size="h4">
            {t('credentials.public.outcomes')}
          </Title>
          <List lang={c.language}>
            {c.outcomes.map((o) => (
              <List.Item key={o}>{o}</List.Item>
            ))}
          </List>
        </div>
      )}
      <Table>
        <Table.Caption>{t('credentials.public.details')}</Table.Caption>
        <Table.Tbody>
          {rows.map(([label, value, lang]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w={200}>
                {label}
              </Table.Th>
              <Table.Td lang={lang}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {downloads && (
        <Group gap="sm">
          <Button component="a" href={c.links.pdf} target="_blank" variant="default">
            {t('credentials.public.pdf')}
          </Button>
          {c.status === 'valid' && (
            <Button component="a" href={c.links.signed} variant="default">
              {t('credentials.public.signed')}
            </Button>
          )}
        </Group>
      )}
      {downloads && c.status === 'valid' && (
        <Text size="sm" c="dimmed">
          {t('credentials.public.signedHint')}{' '}
          <Anchor href={c.links.issuer} size="sm" underline="always">
            {t('credentials.public.issuerKey')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

/** "Kontrollera ett intyg": an employer checks a signed credential file a candidate gave them. */
export function VerifyCredentialPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const verify = useMutation({
    mutationFn: (jwt: string) => verifyCredential(jwt),
    onSuccess: () => setError(null),
    onError: (e) => setError(errorMessage(e)),
  });
  useDocumentTitle(t('credentials.verify.title'));
  const readFile = async (file: File | null) => {
    if (!file) return;
    const content = (await file.text()).trim();
    setText(content);
    verify.mutate(content);
  };
  return (
    <PublicFrame size={820}>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="md">
          <Title order={1}>{t('credentials.verify.title')}</Title>
          <Text>{t('credentials.verify.intro')}</Text>
          <FileInput
            label={t('credentials.verify.file')}
            accept=".jwt,application/jwt,text/plain"
            clearable
            onChange={(file) => void readFile(file)}
          />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!text.trim()) setError(t('credentials.verify.empty'));
              else verify.mutate(text.trim());
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t('credentials.verify.paste')}
                autosize
                minRows={3}
                maxRows={8}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <div>
                <Button type="submit" loading={verify.isPending}>
                  {t('credentials.verify.check')}
                </Button>
              </div>
            </Stack>
          </form>
          {verify.data && <VerificationResult result={verify.data} />}
        </Stack>
      </Paper>
    </PublicFrame>
  );
}

function VerificationResult({ result }: { result: Verification }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="verification">
      <Alert
        role="status"
        color={result.genuine ? 'green' : 'red'}
        title={result.genuine ? t('credentials.verify.genuine') : t('credentials.verify.notGenuine')}
      >
        {t(`credentials.verify.reasons.${result.reason}`)}
      </Alert>
      {result.credential && (
        <>
          <CredentialView credential={result.credential} />
          <AnchorLink
            to="/credentials/$code"
            params={{ code: result.credential.path.split('/').pop() ?? '' }}
          >
            {t('credentials.verify.open')}
          </AnchorLink>
        </>
      )}
    </Stack>
  );
}
