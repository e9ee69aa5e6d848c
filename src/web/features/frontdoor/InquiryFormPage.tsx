import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  budgetRanges,
  formats,
  languages,
  purposes,
  sectors,
  submittedInquirySchema,
} from '../../../features/inquiries/inquiries.contract.ts';
import { counties, subjectAreas } from '../../../shared/subject-areas.ts';
import { api, isApiError } from '../../api.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { meQuery } from '../../session.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { ErrorAlert, Loading, useDocumentTitle } from '../../ui/page.tsx';
import { portalQuery } from '../portal/portal.api.ts';
import { frontDoorQuery } from './frontdoor.api.ts';

const route = getRouteApi('/c/$slug/inquiry');

const initialValues = {
  organisationName: '',
  orgNumber: '',
  sector: '',
  municipality: '',
  county: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  needText: '',
  subjectArea: '',
  purpose: '',
  participantsWorkForBuyer: '',
  participants: '' as string | number,
  desiredStart: '',
  format: '',
  language: '',
  budgetRange: '',
  preferredHeiId: '',
  consent: false,
  website: '',
};
type Values = typeof initialValues;
const fields = Object.keys(initialValues) as (keyof Values)[];

const orUndefined = (value: string) => (value === '' ? undefined : value);

/** What the form sends: empty choices are left out, so the server names them as missing. */
function toBody(values: Values) {
  return {
    organisationName: values.organisationName,
    orgNumber: values.orgNumber,
    sector: orUndefined(values.sector),
    municipality: values.municipality,
    county: orUndefined(values.county),
    contactName: values.contactName,
    contactEmail: values.contactEmail,
    contactPhone: orUndefined(values.contactPhone.trim()),
    needText: values.needText,
    subjectArea: values.subjectArea === '' ? null : values.subjectArea,
    purpose: orUndefined(values.purpose),
    participantsWorkForBuyer:
      values.participantsWorkForBuyer === '' ? undefined : values.participantsWorkForBuyer === 'yes',
    participants: values.participants === '' ? undefined : Number(values.participants),
    desiredStart: orUndefined(values.desiredStart.trim()),
    format: orUndefined(values.format),
    language: orUndefined(values.language),
    budgetRange: orUndefined(values.budgetRange),
    preferredHeiId: values.preferredHeiId === '' ? null : values.preferredHeiId,
    consent: values.consent,
    locale: currentLanguage(),
    website: values.website,
  };
}

export function InquiryFormPage() {
  const { t } = useTranslation();
  const { slug } = route.useParams();
  const { from } = route.useSearch();
  const frontDoor = useQuery(frontDoorQuery(slug));
  const meQ = useQuery({ ...meQuery, enabled: from === 'portal' });
  const me = meQ.data ?? null;
  // asked only when the visitor came from the portal: an anonymous visitor is never asked who they are
  const portal = useQuery({ ...portalQuery, enabled: from === 'portal' && !!me });
  const known = from === 'portal' && portal.data && me ? { portal: portal.data, me } : null;
  const [sent, setSent] = useState<{ reference: string; followUrl: string; email: string } | null>(null);
  useDocumentTitle(sent ? t('frontdoor.sentTitle') : t('frontdoor.title'));

  return (
    <PublicFrame size={800}>
      {frontDoor.isPending || meQ.isLoading || portal.isLoading ? (
        <Loading />
      ) : frontDoor.isError ? (
        <Stack>
          <Title order={1}>{t('frontdoor.title')}</Title>
          {isApiError(frontDoor.error, 404) ? (
            <Alert color="orange">{t('frontdoor.notFound')}</Alert>
          ) : (
            <ErrorAlert error={frontDoor.error} />
          )}
        </Stack>
      ) : sent ? (
        <Sent {...sent} fromPortal={!!known} onAnother={() => setSent(null)} />
      ) : (
        <InquiryForm
          prefill={
            known && {
              organisationName: known.portal.organisation.name,
              orgNumber: known.portal.organisation.orgNumber,
              contactName: known.me.user.name,
              contactEmail: known.me.user.email,
            }
          }
          slug={slug}
          consortium={frontDoor.data.consortium.name}
          heis={frontDoor.data.heis}
          onSent={setSent}
        />
      )}
    </PublicFrame>
  );
}

function Sent({
  reference,
  followUrl,
  email,
  fromPortal,
  onAnother,
}: {
  reference: string;
  followUrl: string;
  email: string;
  fromPortal: boolean;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // the form is gone: the focus goes to the thanks, and a screen reader says it (WCAG 2.4.3, 4.1.3)
  useEffect(() => heading.current?.focus(), []);
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="md">
        <Title order={1} ref={heading} tabIndex={-1}>
          {t('frontdoor.sentTitle')}
        </Title>
        <div>
          <Text fw={500}>{t('frontdoor.referenceLabel')}</Text>
          <Text fz={32} fw={800} c="blue.9" data-testid="inquiry-reference">
            {reference}
          </Text>
        </div>
        <Text>{t('frontdoor.sentBody', { email })}</Text>
        <div>
          <Text>{t('frontdoor.followLabel')}</Text>
          <Anchor href={followUrl} style={{ wordBreak: 'break-all' }} data-testid="follow-link">
            {followUrl}
          </Anchor>
        </div>
        <Group>
          <Button variant="default" onClick={onAnother}>
            {t('frontdoor.another')}
          </Button>
          {fromPortal && <AnchorLink to="/portal">{t('frontdoor.backToPortal')}</AnchorLink>}
        </Group>
      </Stack>
    </Paper>
  );
}

/** What a signed-in customer contact's account already says: their organisation and themself. */
type Prefill = Pick<Values, 'organisationName' | 'orgNumber' | 'contactName' | 'contactEmail'>;

function InquiryForm({
  prefill,
  slug,
  consortium,
  heis,
  onSent,
}: {
  prefill: Prefill | null;
  slug: string;
  consortium: string;
  heis: { id: string; name: string }[];
  onSent: (sent: { reference: string; followUrl: string; email: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const fieldErrors = useFieldErrors();
  const honeypotId = useId();
  const form = useForm<Values>({ initialValues: { ...initialValues, ...prefill } });
  const errorAlert = useRef<HTMLDivElement>(null);

  const overrides = Object.fromEntries(
    Object.entries(t('frontdoor.errors', { returnObjects: true }) as Record<string, string>),
  );
  const submit = useMutation({
    mutationFn: (values: Values) =>
      api.post(
        `/api/public/consortia/${encodeURIComponent(slug)}/inquiries`,
        toBody(values),
        submittedInquirySchema,
      ),
    onSuccess: (result, values) => {
      window.scrollTo({ top: 0 });
      onSent({ ...result, email: values.contactEmail.trim() });
    },
    onError: (error) => {
      form.setErrors(fieldErrors(error, fields, overrides));
      requestAnimationFrame(() => errorAlert.current?.focus());
    },
  });
  const validationFailed = isApiError(submit.error, 400);
  const choose = <option value="">{t('frontdoor.choose')}</option>;
  const language = i18n.language === 'en' ? 'en' : 'sv';

  return (
    <Stack gap="lg">
      <Title order={1}>{t('frontdoor.title')}</Title>
      <Text>{t('frontdoor.intro', { consortium })}</Text>
      <div>
        <Text fw={600}>{t('frontdoor.heis')}</Text>
        <List>
          {heis.map((hei) => (
            <List.Item key={hei.id}>{hei.name}</List.Item>
          ))}
        </List>
      </div>
      {prefill && (
        <Alert color="blue" variant="light" data-testid="prefilled">
          {t('frontdoor.prefilled', { organisation: prefill.organisationName })}
        </Alert>
      )}
      <Text size="sm">{t('frontdoor.required')}</Text>
      {submit.isError && (
        <div ref={errorAlert} tabIndex={-1}>
          {validationFailed ? (
            <Alert color="red" role="alert" title={t('common.error')}>
              {t('frontdoor.fixErrors')}
            </Alert>
          ) : isApiError(submit.error, 429) ? (
            <Alert color="red" role="alert" title={t('common.error')}>
              {t('frontdoor.rateLimited')}
            </Alert>
          ) : (
            <ErrorAlert error={submit.error} />
          )}
        </div>
      )}
      <form noValidate onSubmit={form.onSubmit((values) => submit.mutate(values))}>
        <Stack gap="lg">
          <Fieldset legend={t('frontdoor.organisationLegend')}>
            <Stack gap="sm">
              <TextInput
                label={t('frontdoor.organisationName')}
                required
                autoComplete="organization"
                {...form.getInputProps('organisationName')}
              />
              <TextInput
                label={t('frontdoor.orgNumber')}
                description={t('frontdoor.orgNumberHint')}
                required
                inputMode="numeric"
                {...form.getInputProps('orgNumber')}
              />
              <NativeSelect label={t('frontdoor.sector')} required {...form.getInputProps('sector')}>
                {choose}
                {sectors.map((s) => (
                  <option key={s} value={s}>
                    {t(`labels.sector.${s}`)}
                  </option>
                ))}
              </NativeSelect>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('frontdoor.municipality')}
                  required
                  {...form.getInputProps('municipality')}
                />
                <NativeSelect label={t('frontdoor.county')} required {...form.getInputProps('county')}>
                  {choose}
                  {counties.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </NativeSelect>
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('frontdoor.contactLegend')}>
            <Stack gap="sm">
              <TextInput
                label={t('frontdoor.contactName')}
                required
                autoComplete="name"
                {...form.getInputProps('contactName')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('frontdoor.contactEmail')}
                  description={t('frontdoor.contactEmailHint')}
                  type="email"
                  required
                  autoComplete="email"
                  {...form.getInputProps('contactEmail')}
                />
                <TextInput
                  label={t('frontdoor.contactPhone')}
                  type="tel"
                  autoComplete="tel"
                  {...form.getInputProps('contactPhone')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('frontdoor.needLegend')}>
            <Stack gap="sm">
              <Textarea
                label={t('frontdoor.needText')}
                description={t('frontdoor.needTextHint', { count: form.values.needText.trim().length })}
                required
                autosize
                minRows={5}
                maxLength={5000}
                {...form.getInputProps('needText')}
              />
              <NativeSelect label={t('frontdoor.subjectArea')} {...form.getInputProps('subjectArea')}>
                <option value="">{t('frontdoor.dontKnow')}</option>
                {subjectAreas.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s[language]}
                  </option>
                ))}
              </NativeSelect>
              <NativeSelect label={t('frontdoor.purpose')} required {...form.getInputProps('purpose')}>
                {choose}
                {purposes.map((p) => (
                  <option key={p} value={p}>
                    {t(`labels.purpose.${p}`)}
                  </option>
                ))}
              </NativeSelect>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('frontdoor.scopeLegend')}>
            <Stack gap="sm">
              <Radio.Group
                label={t('frontdoor.participantsWorkForBuyer')}
                required
                {...form.getInputProps('participantsWorkForBuyer')}
              >
                <Group mt={4}>
                  <Radio value="yes" label={t('frontdoor.yes')} />
                  <Radio value="no" label={t('frontdoor.no')} />
                </Group>
              </Radio.Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('frontdoor.participants')}
                  required
                  min={1}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('participants')}
                />
                <TextInput
                  label={t('frontdoor.desiredStart')}
                  description={t('frontdoor.desiredStartHint')}
                  {...form.getInputProps('desiredStart')}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect label={t('frontdoor.format')} required {...form.getInputProps('format')}>
                  {choose}
                  {formats.map((f) => (
                    <option key={f} value={f}>
                      {t(`labels.format.${f}`)}
                    </option>
                  ))}
                </NativeSelect>
                <NativeSelect label={t('frontdoor.language')} required {...form.getInputProps('language')}>
                  {choose}
                  {languages.map((l) => (
                    <option key={l} value={l}>
                      {t(`labels.language.${l}`)}
                    </option>
                  ))}
                </NativeSelect>
                <NativeSelect
                  label={t('frontdoor.budgetRange')}
                  required
                  {...form.getInputProps('budgetRange')}
                >
                  {choose}
                  {budgetRanges.map((b) => (
                    <option key={b} value={b}>
                      {t(`labels.budget.${b}`)}
                    </option>
                  ))}
                </NativeSelect>
              </SimpleGrid>
              <NativeSelect label={t('frontdoor.preferredHei')} {...form.getInputProps('preferredHeiId')}>
                <option value="">{t('frontdoor.noPreference')}</option>
                {heis.map((hei) => (
                  <option key={hei.id} value={hei.id}>
                    {hei.name}
                  </option>
                ))}
              </NativeSelect>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('frontdoor.consentLegend')}>
            <Stack gap="sm">
              <Checkbox
                label={t('frontdoor.consent')}
                required
                {...form.getInputProps('consent', { type: 'checkbox' })}
              />
              <Text size="sm">{t('frontdoor.consentInfo')}</Text>
            </Stack>
          </Fieldset>

          {/* A honeypot: invisible to people and screen readers, filled in by bots. */}
          <div
            aria-hidden="true"
            style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}
          >
            <label htmlFor={honeypotId}>{t('frontdoor.honeypot')}</label>
            <input
              id={honeypotId}
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={form.values.website}
              onChange={(event) => form.setFieldValue('website', event.currentTarget.value)}
            />
          </div>

          <Group>
            <Button type="submit" size="md" loading={submit.isPending}>
              {t('frontdoor.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
