import {
  Alert,
  Box,
  Button,
  FileInput,
  Group,
  Image,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bankgiroMessages } from '../../../features/tenancy/bankgiro.ts';
import {
  LOGO_MAX_BYTES,
  type Organisation,
  organisationSchema,
  postalCodeMessage,
} from '../../../features/tenancy/tenancy.contract.ts';
import { api, isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, meQuery, useMe } from '../../session.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Page, QueryView } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { SigningKeysSection } from '../credentials/SigningKeysSection.tsx';
import { organisationQuery } from './admin.api.ts';
import { OrganisationView } from './OrganisationView.tsx';
import { RetentionSection } from './RetentionSection.tsx';

export function OrganisationPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const organisation = useQuery({ ...organisationQuery(membership?.tenant.id ?? ''), enabled: !!membership });
  return (
    <Page title={t('organisation.title')}>
      <OrganisationView membership={membership}>
        {(member) => {
          const isAdmin = hasRole(member, 'admin');
          // A customer's contact people give the address invoices go to.
          const mayEditAddress =
            isAdmin || (member.tenant.kind === 'customer' && hasRole(member, 'customer_contact'));
          return (
            <QueryView query={organisation}>
              {(data) => (
                <Stack gap="lg">
                  <OrganisationForm
                    key={data.id}
                    organisation={data}
                    canEdit={isAdmin}
                    canEditAddress={mayEditAddress}
                  />
                  {data.kind === 'hei' && (
                    <LogoSection organisation={data} canEdit={isAdmin} version={organisation.dataUpdatedAt} />
                  )}
                  {data.kind === 'hei' && <RetentionSection organisationId={data.id} canEdit={isAdmin} />}
                  {data.kind === 'hei' && isAdmin && <SigningKeysSection organisationId={data.id} />}
                </Stack>
              )}
            </QueryView>
          );
        }}
      </OrganisationView>
    </Page>
  );
}

type Values = {
  name: string;
  orgNumber: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  bankgiro: string;
};

const valuesOf = (o: Organisation): Values => ({
  name: o.name,
  orgNumber: o.orgNumber,
  streetAddress: o.streetAddress ?? '',
  postalCode: o.postalCode ?? '',
  city: o.city ?? '',
  bankgiro: o.bankgiro ?? '',
});

const orNull = (s: string) => (s.trim() === '' ? null : s);

function OrganisationForm({
  organisation,
  canEdit,
  canEditAddress,
}: {
  organisation: Organisation;
  canEdit: boolean;
  canEditAddress: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const isHei = organisation.kind === 'hei';
  const form = useForm<Values>({ initialValues: valuesOf(organisation) });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved data changes
  useEffect(() => {
    form.setInitialValues(valuesOf(organisation));
  }, [
    organisation.name,
    organisation.orgNumber,
    organisation.streetAddress,
    organisation.postalCode,
    organisation.city,
    organisation.bankgiro,
  ]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const address = {
        streetAddress: orNull(values.streetAddress),
        postalCode: orNull(values.postalCode),
        city: orNull(values.city),
      };
      const body = canEdit
        ? {
            name: values.name,
            orgNumber: values.orgNumber,
            ...address,
            ...(isHei ? { bankgiro: orNull(values.bankgiro) } : {}),
          }
        : address;
      return api.patch(`/api/organisations/${organisation.id}`, body, organisationSchema);
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(organisationQuery(organisation.id).queryKey, updated);
      form.setValues(valuesOf(updated));
      notify(t('organisation.saved'));
      await refetchAfterChange(queryClient, meQuery.queryKey);
    },
    onError: (error) => {
      const refused = isApiError(error, 400) ? error.fieldErrors() : {};
      form.setErrors(
        fieldErrors(error, ['name', 'orgNumber', 'streetAddress', 'postalCode', 'city', 'bankgiro'], {
          name: t('errors.fields.organisationName'),
          ...(refused.postalCode === postalCodeMessage
            ? { postalCode: t('organisation.postalCodeError') }
            : {}),
          ...(refused.bankgiro === bankgiroMessages.checksum
            ? { bankgiro: t('organisation.bankgiroChecksum') }
            : refused.bankgiro === bankgiroMessages.format
              ? { bankgiro: t('organisation.bankgiroFormat') }
              : {}),
        }),
      );
    },
  });
  const otherError = save.error && !isApiError(save.error, 400);

  return (
    <Paper withBorder p="lg" radius="md" maw={640}>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          {!canEdit && (
            <Alert color="gray" variant="light">
              {canEditAddress ? t('organisation.addressOnly') : t('organisation.readOnly')}
            </Alert>
          )}
          {otherError && <ErrorAlert error={save.error} />}
          <TextInput
            label={t('organisation.name')}
            required
            readOnly={!canEdit}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('organisation.orgNumber')}
            description={t('organisation.orgNumberHint')}
            required
            readOnly={!canEdit}
            inputMode="numeric"
            {...form.getInputProps('orgNumber')}
          />
          {isHei && (
            <TextInput
              label={t('organisation.bankgiro')}
              description={t('organisation.bankgiroHint')}
              readOnly={!canEdit}
              inputMode="numeric"
              autoComplete="off"
              {...form.getInputProps('bankgiro')}
            />
          )}
          <div>
            <Text size="sm" fw={500}>
              {t('organisation.kind')}
            </Text>
            <Text>{t(`tenantKind.${organisation.kind}`)}</Text>
          </div>
          <div>
            <Text size="sm" fw={500}>
              {t('organisation.consortium')}
            </Text>
            <Text>{organisation.consortium?.name ?? t('organisation.noConsortium')}</Text>
          </div>
          <Stack component="section" aria-labelledby="address-heading" gap="sm" mt="sm">
            <Title order={2} size="h4" id="address-heading">
              {t('organisation.addressTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('organisation.addressHint')}
            </Text>
            <TextInput
              label={t('organisation.streetAddress')}
              readOnly={!canEditAddress}
              {...form.getInputProps('streetAddress')}
            />
            <Group align="flex-start" gap="md">
              <TextInput
                label={t('organisation.postalCode')}
                readOnly={!canEditAddress}
                inputMode="numeric"
                w={160}
                {...form.getInputProps('postalCode')}
              />
              <TextInput
                label={t('organisation.city')}
                readOnly={!canEditAddress}
                style={{ flex: 1 }}
                miw={180}
                {...form.getInputProps('city')}
              />
            </Group>
          </Stack>
          {canEditAddress && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('organisation.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** An HEI's logo: the one saved (as its members see it), and for admins a file to upload or a way to remove it. */
function LogoSection({
  organisation,
  canEdit,
  version,
}: {
  organisation: Organisation;
  canEdit: boolean;
  /** Changes whenever the organisation is read or saved again, so the preview is never a stale copy. */
  version: number;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const path = `/api/organisations/${organisation.id}/logo`;

  const check = (f: File | null): string | null => {
    if (!f) return t('organisation.logoChooseFile');
    if (f.type !== 'image/png' && f.type !== 'image/jpeg') return t('organisation.logoWrongType');
    if (f.size > LOGO_MAX_BYTES) return t('organisation.logoTooLarge', { size: Math.ceil(f.size / 1000) });
    return null;
  };

  const upload = useMutation({
    mutationFn: async (f: File) => api.put(path, { dataUrl: await readAsDataUrl(f) }, organisationSchema),
    onSuccess: (updated) => {
      queryClient.setQueryData(organisationQuery(organisation.id).queryKey, updated);
      setFile(null);
      setFileError(null);
      notify(t('organisation.logoSaved'));
    },
    onError: (error) => {
      if (isApiError(error, 400)) setFileError(t('organisation.logoRefused'));
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(path),
    onSuccess: () => {
      queryClient.setQueryData(organisationQuery(organisation.id).queryKey, {
        ...organisation,
        hasLogo: false,
      });
      notify(t('organisation.logoRemoved'));
    },
  });
  const failure = (upload.error && !isApiError(upload.error, 400) && upload.error) || remove.error;

  return (
    <Paper component="section" aria-labelledby="logo-heading" withBorder p="lg" radius="md" maw={640}>
      <Stack gap="md">
        <Title order={2} size="h4" id="logo-heading">
          {t('organisation.logoTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('organisation.logoHint')}
        </Text>
        {failure && <ErrorAlert error={failure} />}
        {organisation.hasLogo ? (
          <Group align="center" gap="md">
            <Box p="sm" bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)' }}>
              <Image
                src={`${path}?v=${version}`}
                alt={t('organisation.logoAlt', { name: organisation.name })}
                fit="contain"
                maw={280}
                mah={100}
                w="auto"
                data-testid="logo-preview"
              />
            </Box>
            {canEdit && (
              <Button variant="default" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t('organisation.removeLogo')}
              </Button>
            )}
          </Group>
        ) : (
          <Text>{t('organisation.noLogo')}</Text>
        )}
        {canEdit && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const problem = check(file);
              setFileError(problem);
              if (!problem && file) upload.mutate(file);
            }}
          >
            <Group align="flex-end" gap="sm">
              <FileInput
                label={t('organisation.logoFile')}
                accept="image/png,image/jpeg"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setFileError(f ? check(f) : null);
                }}
                error={fileError}
                miw={280}
              />
              <Button type="submit" loading={upload.isPending}>
                {t('organisation.uploadLogo')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
