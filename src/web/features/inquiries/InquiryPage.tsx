import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InquiryDetail } from '../../../features/inquiries/inquiries.contract.ts';
import { isApiError } from '../../api.ts';
import { BackToList } from '../../ui/BackToList.tsx';
import { FormModal, submitting } from '../../ui/FormModal.tsx';
import { refusedFields } from '../../ui/field-errors.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { Forbidden, Page, QueryView, RecordHeader, Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { useCustomerAccess } from '../customers/access.ts';
import { customersPageQuery } from '../customers/customers.api.ts';
import { InquiryMatches } from '../matching/InquiryMatches.tsx';
import { ContactActions, ContactDetails } from './ContactPerson.tsx';
import { useInquiryAccess } from './InquiriesPage.tsx';
import { inquiryAction, inquiryQuery, myConsortiumQuery } from './inquiries.api.ts';

const route = getRouteApi('/app/inquiries/$inquiryId');

export function InquiryPage() {
  const { t } = useTranslation();
  const { inquiryId } = route.useParams();
  const { canRead } = useInquiryAccess();
  const inquiry = useQuery({ ...inquiryQuery(inquiryId), enabled: canRead });
  const title = inquiry.data?.organisationName ?? t('inquiries.title');

  return (
    <Page title={title}>
      <BackToList to="/inquiries">{t('inquiries.back')}</BackToList>
      <QueryView
        query={inquiry}
        allowed={canRead}
        forbidden={<Forbidden>{t('inquiries.noAccess')}</Forbidden>}
      >
        {(data) => <InquiryView inquiry={data} />}
      </QueryView>
    </Page>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

function InquiryView({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation();
  const { canAct } = useInquiryAccess();
  const format = useFormat();
  const update = useUpdateInquiry(inquiry.id);
  return (
    <Stack gap="lg">
      <RecordHeader
        reference={inquiry.reference}
        status={t(`labels.inquiryStatus.${inquiry.status}`)}
        statusTestId="inquiry-status"
      >
        {inquiry.overdue && (
          <Badge size="lg" color="red.9" variant="filled" tt="none">
            {t('labels.overdue')}
          </Badge>
        )}
        <Text size="sm">
          {t('inquiries.received')}: {format.dateTime(inquiry.createdAt)} · {t('inquiries.due')}:{' '}
          {format.lastDay(inquiry.dueAt)}
        </Text>
      </RecordHeader>

      <Actions inquiry={inquiry} />

      <Section id="inq-need" title={t('inquiries.need')}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{inquiry.needText}</Text>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} mt="md">
          <Field label={t('inquiries.subjectArea')}>
            {format.subjectArea(inquiry.subjectArea) ?? t('inquiries.notStated')}
          </Field>
          <Field label={t('inquiries.purpose')}>{t(`labels.purpose.${inquiry.purpose}`)}</Field>
        </SimpleGrid>
      </Section>

      <InquiryMatches inquiryId={inquiry.id} canDecide={canAct} />

      <Section id="inq-customer" title={t('inquiries.customer')}>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }}>
          <Field label={t('inquiries.organisation')}>{inquiry.organisationName}</Field>
          <Field label={t('inquiries.orgNumber')}>{inquiry.orgNumber}</Field>
          <Field label={t('inquiries.sector')}>{t(`labels.sector.${inquiry.sector}`)}</Field>
          <Field label={t('inquiries.municipality')}>
            {inquiry.municipality}, {inquiry.county}
          </Field>
          <Field label={t('inquiries.contact')}>
            <ContactDetails inquiry={inquiry} />
          </Field>
        </SimpleGrid>
        <KnownCustomer orgNumber={inquiry.orgNumber} />
        {canAct && <ContactActions inquiry={inquiry} onUpdated={update} />}
      </Section>

      <Section id="inq-scope" title={t('inquiries.scope')}>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }}>
          <Field label={t('inquiries.participants')}>{inquiry.participants}</Field>
          <Field label={t('inquiries.participantsWorkForBuyer')}>
            {inquiry.participantsWorkForBuyer ? t('frontdoor.yes') : t('frontdoor.no')}
          </Field>
          <Field label={t('inquiries.desiredStart')}>
            {inquiry.desiredStart || t('inquiries.notStated')}
          </Field>
          <Field label={t('inquiries.format')}>{t(`labels.format.${inquiry.format}`)}</Field>
          <Field label={t('inquiries.language')}>{t(`labels.language.${inquiry.language}`)}</Field>
          <Field label={t('inquiries.budget')}>{t(`labels.budget.${inquiry.budgetRange}`)}</Field>
        </SimpleGrid>
      </Section>

      <Section id="inq-routing" title={t('inquiries.routing')}>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }}>
          <Field label={t('inquiries.proposedHei')}>
            {inquiry.proposedHei?.name ?? '–'}
            {'\n'}
            {t(
              `inquiries.proposalReason.${
                (inquiry.proposalReason ?? 'none') as
                  | 'customer_choice'
                  | 'subject_and_region'
                  | 'subject'
                  | 'region'
                  | 'none'
              }`,
            )}
          </Field>
          <Field label={t('inquiries.preferredHei')}>
            {inquiry.preferredHei?.name ?? t('frontdoor.noPreference')}
          </Field>
          {inquiry.ownerHei && <Field label={t('inquiries.ownerHei')}>{inquiry.ownerHei.name}</Field>}
          {inquiry.referredToHei && (
            <Field label={t('inquiries.referredToHei')}>{inquiry.referredToHei.name}</Field>
          )}
        </SimpleGrid>
      </Section>

      <Eligibility inquiry={inquiry} />
      <Trail inquiry={inquiry} />
    </Stack>
  );
}

function useUpdateInquiry(inquiryId: string) {
  const queryClient = useQueryClient();
  return async (updated: InquiryDetail) => {
    queryClient.setQueryData(inquiryQuery(inquiryId).queryKey, updated);
    await refetchAfterChange(queryClient, ['inquiries']);
    await refetchAfterChange(queryClient, ['cases']);
    await refetchAfterChange(queryClient, ['customers']); // a claim opens a case: the customer is known now
  };
}

function Actions({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation();
  const { membership, canAct } = useInquiryAccess();
  const queryClient = useQueryClient();
  const update = useUpdateInquiry(inquiry.id);
  const errorMessage = useErrorMessage();
  const [dialog, setDialog] = useState<'refer' | 'decline' | 'declineReferral' | null>(null);
  const myHei = membership?.tenant.id;
  const ours = inquiry.status === 'claimed' && inquiry.ownerHei?.id === myHei;
  const referredToUs = inquiry.status === 'referred' && inquiry.referredToHei?.id === myHei;

  const act = useMutation({
    mutationFn: ({ action }: { action: 'claim' | 'referral/accept'; message: string }) =>
      inquiryAction(inquiry.id, action),
    onSuccess: async (updated, { message }) => {
      notify(message);
      await update(updated);
    },
    onError: async (error) => {
      if (isApiError(error, 409)) {
        notify(t('inquiries.conflict'), 'error');
        await refetchAfterChange(queryClient, inquiryQuery(inquiry.id).queryKey);
      } else notify(errorMessage(error), 'error');
    },
  });

  const buttons: ReactNode[] = [];
  if (canAct && inquiry.status === 'new')
    buttons.push(
      <Button
        key="claim"
        loading={act.isPending}
        onClick={() => act.mutate({ action: 'claim', message: t('inquiries.claimed') })}
      >
        {t('inquiries.claim')}
      </Button>,
    );
  if (canAct && referredToUs)
    buttons.push(
      <Button
        key="accept"
        loading={act.isPending}
        onClick={() => act.mutate({ action: 'referral/accept', message: t('inquiries.referralAccepted') })}
      >
        {t('inquiries.acceptReferral')}
      </Button>,
      <Button key="declineReferral" variant="default" onClick={() => setDialog('declineReferral')}>
        {t('inquiries.declineReferral')}
      </Button>,
    );
  if (canAct && (inquiry.status === 'new' || ours))
    buttons.push(
      <Button key="refer" variant="default" onClick={() => setDialog('refer')}>
        {t('inquiries.refer')}
      </Button>,
      <Button key="decline" variant="outline" color="red.9" onClick={() => setDialog('decline')}>
        {t('inquiries.decline')}
      </Button>,
    );

  return (
    <Section id="inq-actions" title={t('inquiries.actions')}>
      <Stack gap="sm">
        {referredToUs && inquiry.ownerHei && (
          <Text>{t('inquiries.referralFor', { hei: inquiry.ownerHei.name })}</Text>
        )}
        {inquiry.status === 'referred' && !referredToUs && inquiry.referredToHei && (
          <Text>{t('inquiries.waitingForReferral', { hei: inquiry.referredToHei.name })}</Text>
        )}
        {ours && inquiry.caseId && (
          <Group>
            <ButtonLink to="/cases/$caseId" params={{ caseId: inquiry.caseId }} variant="light">
              {t('inquiries.openCase')}
            </ButtonLink>
          </Group>
        )}
        {!canAct && <Text>{t('inquiries.readOnly')}</Text>}
        {buttons.length > 0 && <Group gap="sm">{buttons}</Group>}
      </Stack>
      {dialog === 'refer' && <ReferModal inquiry={inquiry} onClose={() => setDialog(null)} />}
      {(dialog === 'decline' || dialog === 'declineReferral') && (
        <DeclineModal
          inquiry={inquiry}
          referral={dialog === 'declineReferral'}
          onClose={() => setDialog(null)}
        />
      )}
    </Section>
  );
}

function ReferModal({ inquiry, onClose }: { inquiry: InquiryDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { membership } = useInquiryAccess();
  const heis = useQuery(myConsortiumQuery);
  const update = useUpdateInquiry(inquiry.id);
  const errorMessage = useErrorMessage();
  const others = (heis.data?.heis ?? []).filter((h) => h.id !== membership?.tenant.id);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ toHeiId?: string; reason?: string; other?: string }>({});
  const refer = useMutation({
    mutationFn: () => inquiryAction(inquiry.id, 'refer', { toHeiId: to || undefined, reason }),
    onSuccess: async (updated) => {
      notify(t('inquiries.referred', { hei: others.find((h) => h.id === to)?.name ?? '' }));
      onClose();
      await update(updated);
    },
    onError: async (error) => {
      if (isApiError(error, 400))
        setErrors(
          refusedFields(error, { toHeiId: t('inquiries.heiError'), reason: t('inquiries.reasonError') }),
        );
      else setErrors({ other: errorMessage(error) });
    },
  });
  return (
    <FormModal
      title={t('inquiries.referTitle')}
      onClose={onClose}
      onSubmit={() => refer.mutate()}
      submitLabel={t('inquiries.refer')}
      pending={refer.isPending}
      error={errors.other}
    >
      <NativeSelect
        label={t('inquiries.referTo')}
        required
        value={to}
        onChange={(event) => setTo(event.currentTarget.value)}
        error={errors.toHeiId}
      >
        <option value="">{t('frontdoor.choose')}</option>
        {others.map((hei) => (
          <option key={hei.id} value={hei.id}>
            {hei.name}
          </option>
        ))}
      </NativeSelect>
      <Textarea
        label={t('inquiries.referReason')}
        description={t('inquiries.referReasonHint')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={errors.reason}
      />
    </FormModal>
  );
}

function DeclineModal({
  inquiry,
  referral,
  onClose,
}: {
  inquiry: InquiryDetail;
  referral: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateInquiry(inquiry.id);
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const [alternatives, setAlternatives] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; other?: string }>({});
  const decline = useMutation({
    mutationFn: () =>
      referral
        ? inquiryAction(inquiry.id, 'referral/decline', { reason })
        : inquiryAction(inquiry.id, 'decline', {
            reason,
            ...(alternatives.trim() ? { alternatives } : {}),
          }),
    onSuccess: async (updated) => {
      notify(referral ? t('inquiries.referralDeclined') : t('inquiries.declined'));
      onClose();
      await update(updated);
    },
    onError: (error) => {
      if (isApiError(error, 400)) setErrors({ reason: t('inquiries.reasonError') });
      else setErrors({ other: errorMessage(error) });
    },
  });
  return (
    <FormModal
      title={referral ? t('inquiries.declineReferralTitle') : t('inquiries.declineTitle')}
      onClose={onClose}
      onSubmit={() => decline.mutate()}
      submitLabel={referral ? t('inquiries.declineReferral') : t('inquiries.decline')}
      pending={decline.isPending}
      error={errors.other}
      danger
    >
      {!referral && <Text size="sm">{t('inquiries.declineIntro')}</Text>}
      <Textarea
        label={referral ? t('inquiries.referReason') : t('inquiries.declineReason')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={errors.reason}
      />
      {!referral && (
        <Textarea
          label={t('inquiries.alternatives')}
          description={t('inquiries.alternativesHint')}
          autosize
          minRows={2}
          value={alternatives}
          onChange={(event) => setAlternatives(event.currentTarget.value)}
        />
      )}
    </FormModal>
  );
}

function Eligibility({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { canAct } = useInquiryAccess();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Section id="inq-eligibility" title={t('inquiries.eligibility')}>
      {inquiry.eligibility.length === 0 ? (
        <Text>{t('inquiries.eligibilityOk')}</Text>
      ) : (
        <Stack gap="sm">
          {inquiry.eligibility.map((flag) => (
            <Alert
              key={flag.rule}
              color={flag.override ? 'gray' : 'orange'}
              variant="light"
              data-testid={`flag-${flag.rule}`}
            >
              <Stack gap="xs">
                <Text>{format.pick(flag.reason)}</Text>
                {flag.override ? (
                  <Text size="sm" fw={600}>
                    {t('inquiries.overridden', {
                      by: flag.override.by ?? '–',
                      at: format.dateTime(flag.override.at),
                      justification: flag.override.justification,
                    })}
                  </Text>
                ) : canAct && open !== flag.rule ? (
                  <Group>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('inquiries.overrideFor', { reason: format.pick(flag.reason) })}
                      onClick={() => setOpen(flag.rule)}
                    >
                      {t('inquiries.override')}
                    </Button>
                  </Group>
                ) : null}
                {!flag.override && open === flag.rule && (
                  <OverrideForm inquiry={inquiry} rule={flag.rule} onDone={() => setOpen(null)} />
                )}
              </Stack>
            </Alert>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function OverrideForm({
  inquiry,
  rule,
  onDone,
}: {
  inquiry: InquiryDetail;
  rule: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateInquiry(inquiry.id);
  const errorMessage = useErrorMessage();
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => inquiryAction(inquiry.id, 'eligibility/overrides', { rule, justification }),
    onSuccess: async (updated) => {
      notify(t('inquiries.overrideSaved'));
      onDone();
      await update(updated);
    },
    onError: (e) => setError(isApiError(e, 400) ? t('inquiries.justificationError') : errorMessage(e)),
  });
  return (
    <form noValidate onSubmit={submitting(() => save.mutate())}>
      <Stack gap="xs">
        <Textarea
          label={t('inquiries.justification')}
          description={t('inquiries.justificationHint')}
          required
          autosize
          minRows={2}
          value={justification}
          onChange={(event) => setJustification(event.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <Group gap="xs">
          <Button type="submit" size="compact-md" loading={save.isPending}>
            {t('inquiries.override')}
          </Button>
          <Button size="compact-md" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const trailKinds = [
  'submitted',
  'claimed',
  'referred',
  'referral_accepted',
  'referral_declined',
  'declined',
  'eligibility_overridden',
  'contact_corrected',
  'contact_erased',
  'contact_purged',
] as const;
const contactFieldLabels = {
  contactName: 'frontdoor.contactName',
  contactEmail: 'frontdoor.contactEmail',
  contactPhone: 'frontdoor.contactPhone',
} as const;

function Trail({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section id="inq-trail" title={t('inquiries.trail')}>
      <Timeline bulletSize={14} lineWidth={2} active={inquiry.trail.length}>
        {inquiry.trail.map((event) => {
          const kind = trailKinds.find((k) => k === event.kind);
          const data = event.data as Record<string, unknown>;
          const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
          const title = kind
            ? t(`inquiries.trailKind.${kind}`, {
                hei: event.hei ?? '',
                to: text('to') ?? '',
                months: typeof data.months === 'number' ? data.months : '',
              })
            : event.kind;
          return (
            <Timeline.Item
              key={`${event.at}-${event.kind}-${event.hei ?? ''}`}
              title={<Text fw={600}>{title}</Text>}
            >
              <Text size="sm">
                {format.dateTime(event.at)}
                {event.actor ? ` ${t('inquiries.by', { actor: event.actor })}` : ''}
              </Text>
              {Array.isArray(data.fields) && (
                <Text size="sm">
                  {data.fields
                    .map((field) =>
                      field in contactFieldLabels
                        ? t(contactFieldLabels[field as keyof typeof contactFieldLabels])
                        : String(field),
                    )
                    .join(', ')}
                </Text>
              )}
              {['reason', 'justification', 'alternatives'].map((key) =>
                text(key) ? (
                  <Text key={key} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {text(key)}
                  </Text>
                ) : null,
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Section>
  );
}

/**
 * Whether the HEI knows the organisation already — its cases with it and what came of them, a link away —
 * so the first answer to an inquiry starts from the history (for those who read the customer register).
 */
function KnownCustomer({ orgNumber }: { orgNumber: string }) {
  const { t } = useTranslation();
  const { canRead } = useCustomerAccess();
  const found = useQuery({ ...customersPageQuery(orgNumber, 'recent', 1), enabled: canRead });
  if (!canRead || !found.data) return null;
  const digits = (text: string) => text.replace(/\D/g, '');
  const known = found.data.items.find((c) => digits(c.orgNumber) === digits(orgNumber));
  return (
    <Text mt="md" data-testid="known-customer">
      {known ? (
        <>
          {t('inquiries.knownCustomer', { count: known.cases, won: known.won })}{' '}
          <AnchorLink to="/customers/$customerId" params={{ customerId: known.id }}>
            {t('inquiries.showCustomer')}
          </AnchorLink>
        </>
      ) : (
        t('inquiries.newCustomer')
      )}
    </Text>
  );
}
