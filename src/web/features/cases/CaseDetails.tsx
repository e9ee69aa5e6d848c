import { Anchor, Button, NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type CaseDetail,
  type CaseSummary,
  caseDetailSchema,
} from '../../../features/cases/cases.contract.ts';
import { type PurchaseRoute, purchaseRoutes, tenderingRoutes } from '../../../features/cases/stages.ts';
import { heiGuidePaths } from '../../../features/guide/guide.text.ts';
import { addDays, daysBetween, stockholmDate } from '../../../shared/stockholm-days.ts';
import { api, isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { customerFrameworksQuery, frameworkQuery } from '../frameworks/frameworks.api.ts';
import { colleaguesQuery, useCaseUpdate } from './cases.api.ts';
import { CaseAboutFields } from './NewCaseModal.tsx';

// A case's details beside the work: how the customer buys (the guide's "Public procurement"), correcting the
// title, need, sector and subject area, and handing the case over to another coordinator.

/** "How the customer buys": the route, the tender's last day (and how far off it is) and the customer's number. */
export function PurchaseLine({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const guide = (
    <Anchor href={heiGuidePaths(detail.hei.id).page(lang, 'public-procurement')} size="sm">
      {t('cases.details.purchaseGuide')}
    </Anchor>
  );
  if (!detail.purchaseRoute) {
    // a public customer usually has to procure: ask early, the guide says why
    if (detail.sector !== 'public' || detail.stage === 'closed') return null;
    return (
      <Text size="sm" data-testid="case-purchase">
        {t('cases.details.purchaseUnknown')} {guide}
      </Text>
    );
  }
  const parts = [t(`cases.details.route.${detail.purchaseRoute}`)];
  if (detail.tenderDeadline) parts.push(deadlineText(detail.tenderDeadline));
  if (detail.procurementReference) parts.push(detail.procurementReference);
  return (
    <Text size="sm" data-testid="case-purchase">
      <strong>{t('cases.details.purchase')}:</strong> {parts.join(' · ')}
      {detail.frameworkAgreementId && <CallOffUnder frameworkId={detail.frameworkAgreementId} />} {guide}
    </Text>
  );

  function deadlineText(day: string) {
    const days = daysBetween(stockholmDate(new Date()), day);
    const date = format.date(day);
    if (days < 0) return t('cases.details.deadlinePassed', { date });
    if (days === 0) return t('cases.details.deadlineToday', { date });
    return t('cases.details.deadlineIn', { date, count: days });
  }
}

/** " · Call-off under <the framework agreement>", linking to it. */
function CallOffUnder({ frameworkId }: { frameworkId: string }) {
  const { t } = useTranslation();
  const framework = useQuery(frameworkQuery(frameworkId));
  if (!framework.data) return null;
  return (
    <>
      {' · '}
      {t('frameworks.onCase')}{' '}
      <AnchorLink to="/framework-agreements/$frameworkId" params={{ frameworkId }} size="sm">
        {framework.data.title}
      </AnchorLink>
    </>
  );
}

/** The customer's framework agreements at the HEI, for a call-off to name the one it is made under. */
function FrameworkChoice({
  customerId,
  value,
  onChange,
  error,
}: {
  customerId: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const frameworks = useQuery(customerFrameworksQuery(customerId));
  if (!frameworks.data) return null;
  if (!frameworks.data.length && !value)
    return (
      <Text size="sm" data-testid="no-framework-to-choose">
        {t('frameworks.noneToChoose')}
      </Text>
    );
  return (
    <NativeSelect
      label={t('frameworks.choose')}
      description={t('frameworks.chooseHint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    >
      <option value="">{t('frameworks.chooseNone')}</option>
      {frameworks.data.map((f) => (
        <option key={f.id} value={f.id}>
          {f.reference ? `${f.title} (${f.reference})` : f.title}
        </option>
      ))}
    </NativeSelect>
  );
}

/** "Tender due …" on a case's row and card, while the tender of an open case is still to submit. */
export function TenderDue({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const day = summary.tenderDeadline;
  if (!day || summary.stage === 'closed' || day < stockholmDate(new Date())) return null;
  return (
    <Text size="xs" fw={600}>
      {t('cases.details.tenderDue', { date: format.date(day) })}
    </Text>
  );
}

type EditFields =
  | 'title'
  | 'needText'
  | 'tenderDeadline'
  | 'procurementReference'
  | 'registryNumber'
  | 'frameworkAgreementId';

/** A button that opens a dialog; the dialog is drawn only while open (so it starts afresh each time). */
function ModalButton({
  label,
  compact = true,
  dialog,
}: {
  label: string;
  compact?: boolean;
  dialog: (close: () => void) => React.ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size={compact ? 'compact-sm' : 'sm'} variant="light" onClick={() => setOpened(true)}>
        {label}
      </Button>
      {opened && dialog(() => setOpened(false))}
    </>
  );
}

/** "Change details…": the case's title, need, sector, subject area and how the customer buys. */
export function EditCaseButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <ModalButton
      label={t('cases.details.edit')}
      dialog={(close) => <EditCaseModal detail={detail} onClose={close} />}
    />
  );
}

/** The details as the API takes them, from the dialog's fields: a deadline and a framework only where the route has one. */
function bodyOf(v: {
  title: string;
  needText: string;
  sector: string;
  subjectArea: string;
  purchaseRoute: PurchaseRoute | '';
  tenderDeadline: string;
  procurementReference: string;
  registryNumber: string;
  frameworkAgreementId: string;
}) {
  const tendering = !!v.purchaseRoute && tenderingRoutes.includes(v.purchaseRoute);
  return {
    title: v.title.trim(),
    needText: v.needText.trim(),
    sector: v.sector,
    subjectArea: v.subjectArea || null,
    purchaseRoute: v.purchaseRoute || null,
    tenderDeadline: (tendering && v.tenderDeadline) || null,
    procurementReference: v.procurementReference.trim() || null,
    registryNumber: v.registryNumber.trim() || null,
    frameworkAgreementId: (v.purchaseRoute === 'framework_call_off' && v.frameworkAgreementId) || null,
  };
}

function EditCaseModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const [opened] = useState(() => ({
    title: detail.title,
    needText: detail.needText,
    sector: detail.sector as string,
    subjectArea: detail.subjectArea ?? '',
    purchaseRoute: (detail.purchaseRoute ?? '') as PurchaseRoute | '',
    tenderDeadline: detail.tenderDeadline ?? '',
    procurementReference: detail.procurementReference ?? '',
    registryNumber: detail.registryNumber ?? '',
    frameworkAgreementId: detail.frameworkAgreementId ?? '',
  }));
  const [values, setValues] = useState(opened);
  const [errors, setErrors] = useState<Partial<Record<EditFields | 'other', string>>>({});
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const tendering = !!values.purchaseRoute && tenderingRoutes.includes(values.purchaseRoute);
  const callOff = values.purchaseRoute === 'framework_call_off';
  // only what this person changed is sent, with what they read of it: a colleague's change of another field in
  // the meantime stays, and one of the same field is refused rather than overwritten
  const body = bodyOf(values);
  const read: Record<string, string | null> = bodyOf(opened);
  const changed = Object.entries(body).filter(([field, value]) => value !== (read[field] ?? null));
  const save = useMutation({
    mutationFn: () =>
      api.patch(
        `/api/cases/${detail.id}`,
        {
          ...Object.fromEntries(changed),
          basedOn: Object.fromEntries(changed.map(([field]) => [field, read[field] ?? null])),
        },
        caseDetailSchema,
      ),
    onSuccess: async (updated) => {
      await saved(updated);
      notify(t('cases.details.saved'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 409) && error.code === 'edit_conflict')
        return setErrors({ other: t('cases.details.conflict') });
      if (!isApiError(error, 400)) return setErrors({ other: errorMessage(error) });
      const fields = error.fieldErrors();
      setErrors({
        title: fields.title ? t('cases.new.titleError') : undefined,
        needText: fields.needText ? t('cases.new.needTextError') : undefined,
        tenderDeadline: fields.tenderDeadline ? t('cases.details.tenderDeadlineError') : undefined,
        procurementReference: fields.procurementReference ? t('cases.details.referenceError') : undefined,
        registryNumber: fields.registryNumber ? t('cases.details.registryNumberError') : undefined,
        frameworkAgreementId: fields.frameworkAgreementId ? t('frameworks.chooseError') : undefined,
        other: Object.keys(fields).length ? undefined : errorMessage(error),
      });
    },
  });
  const submit = () => {
    const local: Partial<Record<EditFields, string>> = {
      title: values.title.trim().length < 3 ? t('cases.new.titleError') : undefined,
      needText: values.needText.trim().length < 10 ? t('cases.new.needTextError') : undefined,
    };
    setErrors(local);
    if (Object.values(local).some((e) => e)) return;
    if (changed.length) save.mutate();
    else onClose();
  };
  const today = stockholmDate(new Date());
  return (
    <FormModal
      title={t('cases.details.editTitle', { reference: detail.reference })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={errors.other}
      size="lg"
    >
      <Text size="sm">{t('cases.details.editIntro')}</Text>
      <TextInput
        label={t('cases.new.caseTitle')}
        required
        value={values.title}
        onChange={(e) => set('title')(e.currentTarget.value)}
        error={errors.title}
      />
      <CaseAboutFields values={values} set={set} errors={errors} />
      <NativeSelect
        label={t('cases.details.purchase')}
        description={t('cases.details.purchaseHint')}
        value={values.purchaseRoute}
        onChange={(e) => set('purchaseRoute')(e.currentTarget.value)}
      >
        <option value="">{t('cases.details.routeUnknown')}</option>
        {purchaseRoutes.map((route) => (
          <option key={route} value={route}>
            {t(`cases.details.route.${route}`)}
          </option>
        ))}
      </NativeSelect>
      {tendering && (
        <TextInput
          type="date"
          label={t('cases.details.tenderDeadline')}
          description={t('cases.details.tenderDeadlineHint')}
          min={addDays(today, -365)}
          value={values.tenderDeadline}
          onChange={(e) => set('tenderDeadline')(e.currentTarget.value)}
          error={errors.tenderDeadline}
        />
      )}
      {callOff && (
        <FrameworkChoice
          customerId={detail.customer.id}
          value={values.frameworkAgreementId}
          onChange={set('frameworkAgreementId')}
          error={errors.frameworkAgreementId}
        />
      )}
      {values.purchaseRoute && values.purchaseRoute !== 'none' && (
        <TextInput
          label={t('cases.details.procurementReference')}
          description={t('cases.details.procurementReferenceHint')}
          maxLength={200}
          value={values.procurementReference}
          onChange={(e) => set('procurementReference')(e.currentTarget.value)}
          error={errors.procurementReference}
        />
      )}
      <RegistryNumberInput
        value={values.registryNumber}
        onChange={set('registryNumber')}
        error={errors.registryNumber}
      />
    </FormModal>
  );
}

function RegistryNumberInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('cases.details.registryNumber')}
      description={t('cases.details.registryNumberHint')}
      maxLength={60}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** On a closed case: its registration number only, as it is filed in the HEI's registry (the rest stays as it was). */
export function RegistryNumberButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <ModalButton
      label={t('cases.details.registryNumberEdit')}
      dialog={(close) => <RegistryNumberModal detail={detail} onClose={close} />}
    />
  );
}

function RegistryNumberModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const [value, setValue] = useState(detail.registryNumber ?? '');
  const save = useMutation({
    mutationFn: () =>
      api.patch(`/api/cases/${detail.id}`, { registryNumber: value.trim() || null }, caseDetailSchema),
    onSuccess: async (updated) => {
      await saved(updated);
      notify(t('cases.details.saved'));
      onClose();
    },
  });
  return (
    <FormModal
      title={t('cases.details.registryNumberTitle', { reference: detail.reference })}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error && errorMessage(save.error)}
    >
      <RegistryNumberInput value={value} onChange={setValue} />
    </FormModal>
  );
}

/** "Hand over…": another coordinator at the HEI leads the case on, told with a note of what to know. */
export function HandOverButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <ModalButton
      label={t('cases.details.handOver')}
      dialog={(close) => <HandOverModal detail={detail} onClose={close} />}
    />
  );
}

function HandOverModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useCaseUpdate(detail.id);
  const errorMessage = useErrorMessage();
  const colleagues = useQuery(colleaguesQuery);
  const coordinators = (colleagues.data ?? []).filter(
    (c) => c.roles.includes('coordinator') && c.userId !== detail.owner?.id,
  );
  const [ownerUserId, setOwnerUserId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ owner?: string; other?: string }>({});
  const handOver = useMutation({
    mutationFn: () =>
      api.put(
        `/api/cases/${detail.id}/owner`,
        { ownerUserId, note: note.trim() || undefined },
        caseDetailSchema,
      ),
    onSuccess: async (updated) => {
      await saved(updated);
      notify(t('cases.details.handedOver', { reference: detail.reference, name: updated.owner?.name ?? '' }));
      onClose();
    },
    onError: (e) =>
      setError(isApiError(e, 400) ? { owner: t('cases.details.newOwnerError') } : { other: errorMessage(e) }),
  });
  const submit = () => {
    if (!ownerUserId) return setError({ owner: t('cases.details.newOwnerError') });
    setError({});
    handOver.mutate();
  };
  return (
    <FormModal
      title={t('cases.details.handOverTitle', { reference: detail.reference })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('cases.details.handOverSubmit')}
      pending={handOver.isPending}
      error={error.other}
    >
      <Text size="sm">{t('cases.details.handOverIntro')}</Text>
      {colleagues.isSuccess && coordinators.length === 0 ? (
        <Text size="sm" fw={600}>
          {t('cases.details.noOtherCoordinators')}
        </Text>
      ) : (
        <NativeSelect
          label={t('cases.details.newOwner')}
          required
          value={ownerUserId}
          onChange={(e) => setOwnerUserId(e.currentTarget.value)}
          error={error.owner}
        >
          <option value="">{t('cases.new.choose')}</option>
          {coordinators.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
      )}
      <Textarea
        label={t('cases.details.handOverNote')}
        description={t('cases.details.handOverNoteHint')}
        autosize
        minRows={3}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </FormModal>
  );
}

/**
 * "Hand over cases…" on the cases list: every open case a colleague owns goes to one coordinator (someone
 * who leaves or goes on leave). Any colleague may have owned cases; only a coordinator takes them on.
 */
export function HandOverAllButton() {
  const { t } = useTranslation();
  return (
    <ModalButton
      label={t('cases.details.handOverAll')}
      compact={false}
      dialog={(close) => <HandOverAllModal onClose={close} />}
    />
  );
}

const handedOverSchema = z.object({ handedOver: z.int() });

function HandOverAllModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const colleagues = useQuery(colleaguesQuery);
  const [values, setValues] = useState({ fromUserId: '', ownerUserId: '', note: '' });
  const [errors, setErrors] = useState<{ from?: string; owner?: string; other?: string }>({});
  // the value is read in the handler: React has let go of the event by the time an updater runs
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const nameOf = (userId: string) => colleagues.data?.find((c) => c.userId === userId)?.name ?? '';
  const handOver = useMutation({
    mutationFn: () =>
      api.post(
        '/api/cases/hand-over',
        { ...values, note: values.note.trim() || undefined },
        handedOverSchema,
      ),
    onSuccess: async ({ handedOver }) => {
      await refetchAfterChange(queryClient, ['cases']);
      await refetchAfterChange(queryClient, ['case']);
      await refetchAfterChange(queryClient, ['overview']);
      notify(t('cases.details.handedOverAll', { count: handedOver, name: nameOf(values.ownerUserId) }));
      onClose();
    },
    onError: (e) =>
      setErrors(
        isApiError(e, 400) ? { owner: t('cases.details.newOwnerError') } : { other: errorMessage(e) },
      ),
  });
  const submit = () => {
    const local = {
      from: values.fromUserId ? undefined : t('cases.details.fromError'),
      owner: !values.ownerUserId
        ? t('cases.details.newOwnerError')
        : values.ownerUserId === values.fromUserId
          ? t('cases.details.sameError')
          : undefined,
    };
    setErrors(local);
    if (!local.from && !local.owner) handOver.mutate();
  };
  return (
    <FormModal
      title={t('cases.details.handOverAllTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('cases.details.handOverSubmit')}
      pending={handOver.isPending}
      error={errors.other}
    >
      <Text size="sm">{t('cases.details.handOverAllIntro')}</Text>
      <NativeSelect
        label={t('cases.details.from')}
        required
        value={values.fromUserId}
        onChange={(e) => set('fromUserId')(e.currentTarget.value)}
        error={errors.from}
      >
        <option value="">{t('cases.new.choose')}</option>
        {(colleagues.data ?? []).map((c) => (
          <option key={c.userId} value={c.userId}>
            {c.name}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        label={t('cases.details.newOwner')}
        required
        value={values.ownerUserId}
        onChange={(e) => set('ownerUserId')(e.currentTarget.value)}
        error={errors.owner}
      >
        <option value="">{t('cases.new.choose')}</option>
        {(colleagues.data ?? [])
          .filter((c) => c.roles.includes('coordinator') && c.userId !== values.fromUserId)
          .map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name}
            </option>
          ))}
      </NativeSelect>
      <Textarea
        label={t('cases.details.handOverNote')}
        description={t('cases.details.handOverNoteHint')}
        autosize
        minRows={3}
        maxLength={2000}
        value={values.note}
        onChange={(e) => set('note')(e.currentTarget.value)}
      />
    </FormModal>
  );
}
