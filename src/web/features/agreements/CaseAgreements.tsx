import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { FormModal, submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { UnsavedChangesGuard } from '../../ui/UnsavedChangesGuard.tsx';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { hundredthsToInput, parseKronor } from '../costs/money.ts';
import { proposalsQuery } from '../design/design.api.ts';
import { AgreementOutturn } from '../outturn/Outturn.tsx';
import { AgreementFacts, AgreementStatus, BillingTable, PartHeading, Signatures } from './AgreementParts.tsx';
import {
  type Agreement,
  addAddendum,
  agreementPdfPath,
  agreementsQuery,
  billingCsvPath,
  createAgreement,
  signAddendum,
  signAgreement,
  updateAgreement,
} from './agreements.api.ts';
import { HeiParticipants } from './HeiParticipants.tsx';
import { Invoicing } from './Invoicing.tsx';

/** A date some days from today, as YYYY-MM-DD (local time). */
function inDays(days: number) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

function useAgreementAccess() {
  const { canWork, membership } = useCaseAccess();
  const roles: readonly string[] = membership?.roles ?? [];
  return {
    canWork,
    canSign: roles.includes('manager') || roles.includes('admin'),
    // whole personnummer: the roles the server allows (coordinators register credits)
    canReveal: roles.includes('coordinator') || roles.includes('admin'),
    // the post-calculation: those who follow the HEI's economy (not teachers)
    canReadOutturn: ['admin', 'coordinator', 'economist', 'manager'].some((r) => roles.includes(r)),
  };
}

/**
 * "Avtal" on the case page: the agreement made from the accepted proposal — its clauses, deadline and
 * billing plan edited before anyone signs, the HEI's signature, the customer's, addenda, PDF and CSV.
 */
export function CaseAgreements({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { canWork } = useAgreementAccess();
  const agreements = useQuery(agreementsQuery(caseId));
  const proposals = useQuery(proposalsQuery(caseId));
  return (
    <QueryView query={agreements}>
      {({ agreements: list }) => {
        const accepted = (proposals.data?.proposals ?? []).filter(
          (p) => p.status === 'accepted' && !list.some((a) => a.proposalId === p.id),
        );
        return (
          <Stack gap="md">
            <Text size="sm" maw={760}>
              {t('agreements.intro')}
            </Text>
            {list.length === 0 && accepted.length === 0 && <Text>{t('agreements.none')}</Text>}
            {canWork &&
              accepted.map((p) => (
                <NewAgreement
                  key={p.id}
                  caseId={caseId}
                  proposal={{ id: p.id, title: p.title, version: p.version }}
                />
              ))}
            {list.map((a) => (
              <AgreementCard key={a.id} agreement={a} />
            ))}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function NewAgreement({
  caseId,
  proposal,
}: {
  caseId: string;
  proposal: { id: string; title: string; version: number };
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [deadline, setDeadline] = useState(inDays(30));
  const create = useMutation({
    mutationFn: () => createAgreement(caseId, { proposalId: proposal.id, participantsDeadline: deadline }),
    onSuccess: async () => {
      notify(t('agreements.created'));
      await refetchAfterChange(queryClient, agreementsQuery(caseId).queryKey);
    },
  });
  const headingId = `new-agreement-${proposal.id}`;
  return (
    <Box
      component="form"
      noValidate
      aria-labelledby={headingId}
      onSubmit={submitting(() => create.mutate())}
      p="sm"
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Stack gap="xs">
        <Text fw={700} id={headingId}>
          {t('agreements.new', { title: proposal.title, version: proposal.version })}
        </Text>
        <TextInput
          label={t('agreements.deadline')}
          description={t('agreements.deadlineHint')}
          type="date"
          required
          maw={320}
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
        />
        {create.error && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('agreements.create')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

type Row = { key: number; dueDate: string; amount: string; description: string };
let nextRowKey = 0;

function AgreementCard({ agreement: a }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const { canWork, canSign, canReveal, canReadOutturn } = useAgreementAccess();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const mark = i18n.language === 'en' ? '.' : ',';
  // The form edits the revision read when it opened (`base`); a background refresh does not replace the
  // input, and saving sends that revision, so someone else's change in between is a conflict, not lost.
  const toRows = (view: Agreement): Row[] =>
    view.billingPlan.map((i) => ({
      key: nextRowKey++,
      dueDate: i.dueDate,
      amount: hundredthsToInput(i.amountOre, mark),
      description: i.description,
    }));
  const [base, setBase] = useState(a);
  const [clauses, setClauses] = useState(a.clauses);
  const [deadline, setDeadline] = useState(a.participantsDeadline);
  const [rows, setRows] = useState<Row[]>(() => toRows(a));
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const reset = (view: Agreement) => {
    setBase(view);
    setClauses(view.clauses);
    setDeadline(view.participantsDeadline);
    setRows(toRows(view));
    setConflict(null);
    setFormError(null);
  };
  const refresh = () => refetchAfterChange(queryClient, agreementsQuery(a.caseId).queryKey);
  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...agreementsQuery(a.caseId), staleTime: 0 });
    const latest = fresh.agreements.find((x) => x.id === a.id);
    if (latest) reset(latest);
  };

  const amounts = rows.map((r) => parseKronor(r.amount));
  const plan = rows.map((r, n) => ({
    dueDate: r.dueDate,
    amountOre: amounts[n] ?? 0,
    description: r.description.trim(),
  }));
  const original = toRows(base);
  const dirty =
    clauses !== base.clauses ||
    deadline !== base.participantsDeadline ||
    rows.length !== original.length ||
    rows.some(
      (r, n) =>
        r.dueDate !== original[n]?.dueDate ||
        r.amount !== original[n]?.amount ||
        r.description !== original[n]?.description,
    );

  const save = useMutation({
    mutationFn: () =>
      updateAgreement(a.id, {
        revision: base.revision,
        clauses,
        participantsDeadline: deadline,
        billingPlan: plan,
      }),
    onSuccess: async (updated) => {
      notify(t('agreements.saved'));
      reset(updated);
      await refresh();
    },
    onError: (e) => {
      if (isApiError(e, 409) && e.code === 'edit_conflict') setConflict(t('agreements.conflict'));
      else if (isApiError(e, 409)) setConflict(t('agreements.signedConflict'));
      else setFormError(errorMessage(e));
    },
  });
  const sign = useMutation({
    mutationFn: () => signAgreement(a.id, a.revision),
    onSuccess: async () => {
      setSigning(false);
      notify(t('agreements.signedNotice'));
      await refresh();
    },
    onError: async (e) => {
      // changed after it was read: show the new revision before anyone signs it
      if (isApiError(e, 409)) await refresh();
    },
  });

  const editable = canWork && a.status === 'draft';
  const headingId = `agreement-${a.id}`;
  return (
    <Card withBorder component="article" aria-labelledby={headingId} data-testid="agreement">
      <UnsavedChangesGuard dirty={dirty} />
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3} size="h4" id={headingId}>
            {a.title}
          </Title>
          <AgreementStatus status={a.status} />
        </Group>
        <Text size="sm">
          {t('agreements.parties', { hei: a.hei.name, customer: a.customer.name })} ·{' '}
          {t('agreements.revision', { revision: a.revision })}
        </Text>
        <AgreementFacts agreement={a} />
        {editable ? (
          <form
            noValidate
            aria-label={t('agreements.editForm', { title: a.title })}
            onSubmit={submitting(() => {
              setConflict(null);
              const sum = plan.reduce((s, i) => s + i.amountOre, 0);
              if (plan.some((i, n) => !i.dueDate || !i.description || !amounts[n]))
                setFormError(t('agreements.invalidRows'));
              else if (sum !== a.priceOre) setFormError(t('agreements.notBalanced'));
              else if (!clauses.trim()) setFormError(t('agreements.clausesNeeded'));
              else {
                setFormError(null);
                save.mutate();
              }
            })}
          >
            <Stack gap="sm">
              <Textarea
                label={t('agreements.clauses')}
                lang={a.language}
                autosize
                minRows={4}
                maxRows={16}
                value={clauses}
                onChange={(e) => setClauses(e.currentTarget.value)}
              />
              <TextInput
                label={t('agreements.deadline')}
                description={t('agreements.deadlineHint')}
                type="date"
                maw={320}
                value={deadline}
                onChange={(e) => setDeadline(e.currentTarget.value)}
              />
              <BillingPlanEditor rows={rows} setRows={setRows} priceOre={a.priceOre} amounts={amounts} />
              {formError && (
                <Alert color="red" role="alert">
                  {formError}
                </Alert>
              )}
              {conflict && (
                <Alert color="orange" role="alert" title={t('agreements.conflictTitle')}>
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{conflict}</Text>
                    <Button variant="default" size="xs" onClick={() => void reload()}>
                      {t('agreements.reload')}
                    </Button>
                  </Stack>
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={save.isPending} disabled={!dirty}>
                  {t('agreements.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <>
            <PartHeading>{t('agreements.clauses')}</PartHeading>
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap' }}
              data-testid="agreement-clauses"
              lang={a.language}
            >
              {a.clauses}
            </Text>
            <BillingTable plan={a.billingPlan} caption={t('agreements.billingPlan')} language={a.language} />
          </>
        )}
        <PartHeading>{t('agreements.signatures')}</PartHeading>
        <Signatures
          agreement={a}
          hei={a.heiSignature}
          customer={a.customerSignature}
          testId="agreement-signatures"
        />
        {canSign && !a.heiSignature && (
          <Group>
            <Button onClick={() => setSigning(true)} disabled={dirty}>
              {t('agreements.signHei')}
            </Button>
            {dirty && <Text size="sm">{t('agreements.saveFirst')}</Text>}
          </Group>
        )}
        {signing && (
          <FormModal
            title={t('agreements.signTitle')}
            submitLabel={t('agreements.signConfirmButton')}
            pending={sign.isPending}
            onSubmit={() => sign.mutate()}
            onClose={() => setSigning(false)}
            centered
            error={
              sign.error &&
              (isApiError(sign.error, 409) ? t('agreements.signConflict') : errorMessage(sign.error))
            }
          >
            <Text>{t('agreements.signConfirm', { revision: a.revision, title: a.title })}</Text>
          </FormModal>
        )}
        {a.status === 'signed' && <Addenda agreement={a} />}
        {a.status === 'signed' && <Invoicing agreement={a} side="hei" />}
        {a.status === 'signed' && (
          <HeiParticipants
            caseId={a.caseId}
            agreementId={a.id}
            proposalId={a.proposalId}
            canReveal={canReveal}
          />
        )}
        {a.status === 'signed' && canReadOutturn && <AgreementOutturn caseId={a.caseId} agreementId={a.id} />}
        <Group gap="md">
          <Anchor href={agreementPdfPath(a.id)} target="_blank" rel="noopener" size="sm">
            {t('agreements.pdf', { title: a.title })}
          </Anchor>
          <Anchor href={billingCsvPath(a.id)} size="sm">
            {t('agreements.csv', { title: a.title })}
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}

function BillingPlanEditor({
  rows,
  setRows,
  priceOre,
  amounts,
}: {
  rows: Row[];
  setRows: (rows: Row[]) => void;
  priceOre: number;
  amounts: (number | null)[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const sum = amounts.reduce<number>((s, v) => s + (v ?? 0), 0);
  const difference = priceOre - sum;
  const change = (n: number, field: keyof Row, value: string) =>
    setRows(rows.map((r, i) => (i === n ? { ...r, [field]: value } : r)));
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('agreements.billingPlan')}</Text>
      {rows.map((r, n) => (
        <Fieldset key={r.key} legend={t('agreements.payment', { n: n + 1 })} p="xs">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput
              label={t('agreements.dueDate')}
              type="date"
              value={r.dueDate}
              onChange={(e) => change(n, 'dueDate', e.currentTarget.value)}
            />
            <TextInput
              label={t('agreements.amount')}
              inputMode="decimal"
              value={r.amount}
              error={r.amount && amounts[n] === null ? t('agreements.invalidAmount') : undefined}
              onChange={(e) => change(n, 'amount', e.currentTarget.value)}
            />
            <TextInput
              label={t('agreements.description')}
              value={r.description}
              onChange={(e) => change(n, 'description', e.currentTarget.value)}
            />
          </SimpleGrid>
          {rows.length > 1 && (
            <Button
              variant="default"
              size="xs"
              mt="xs"
              onClick={() => setRows(rows.filter((_, i) => i !== n))}
            >
              {t('agreements.removeRow', { n: n + 1 })}
            </Button>
          )}
        </Fieldset>
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          disabled={rows.length >= 24}
          onClick={() =>
            setRows([
              ...rows,
              { key: nextRowKey++, dueDate: rows.at(-1)?.dueDate ?? '', amount: '', description: '' },
            ])
          }
        >
          {t('agreements.addRow')}
        </Button>
      </Group>
      <Text size="sm" aria-live="polite" data-testid="billing-sum">
        {t('agreements.sum', { sum: format.kronor(sum), price: format.kronor(priceOre) })}{' '}
        {difference === 0
          ? t('agreements.balanced')
          : t(difference > 0 ? 'agreements.remaining' : 'agreements.over', {
              difference: format.kronor(Math.abs(difference)),
            })}
      </Text>
    </Stack>
  );
}

function Addenda({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const { canWork, canSign } = useAgreementAccess();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState<number | null>(null);
  const refresh = () => refetchAfterChange(queryClient, agreementsQuery(a.caseId).queryKey);
  const add = useMutation({
    mutationFn: () => addAddendum(a.id, text.trim()),
    onSuccess: async () => {
      notify(t('agreements.addendumAdded'));
      setText('');
      setError(null);
      await refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const sign = useMutation({
    mutationFn: (number: number) => signAddendum(a.id, number),
    onSuccess: async () => {
      setSigning(null);
      notify(t('agreements.addendumSigned'));
      await refresh();
    },
  });
  return (
    <Stack gap="xs">
      <PartHeading>{t('agreements.addenda')}</PartHeading>
      {a.addenda.length === 0 && <Text size="sm">{t('agreements.noAddenda')}</Text>}
      {a.addenda.map((x) => (
        <Box key={x.number} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
          <Text fw={600} size="sm">
            {t('agreements.addendum', { number: x.number })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {x.text}
          </Text>
          <Signatures agreement={a} hei={x.heiSignature} customer={x.customerSignature} />
          {canSign && !x.heiSignature && (
            <Button size="xs" mt={4} onClick={() => setSigning(x.number)}>
              {t('agreements.signAddendum', { number: x.number })}
            </Button>
          )}
        </Box>
      ))}
      {signing !== null && (
        <FormModal
          title={t('agreements.signAddendum', { number: signing })}
          submitLabel={t('agreements.signConfirmButton')}
          pending={sign.isPending}
          onSubmit={() => sign.mutate(signing)}
          onClose={() => setSigning(null)}
          centered
          error={sign.error && errorMessage(sign.error)}
        >
          <Text>{t('agreements.signAddendumConfirm', { number: signing, title: a.title })}</Text>
        </FormModal>
      )}
      {canWork && (
        <Box
          component="form"
          noValidate
          onSubmit={submitting(() => {
            if (text.trim().length < 3) setError(t('agreements.addendumTooShort'));
            else add.mutate();
          })}
        >
          <Stack gap="xs">
            <Textarea
              label={t('agreements.addendumText')}
              description={t('agreements.addendumHint')}
              autosize
              minRows={2}
              value={text}
              error={error}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" variant="light" loading={add.isPending}>
                {t('agreements.addAddendum')}
              </Button>
            </Group>
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
