import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type Organisation, organisationSchema } from '../../../features/tenancy/tenancy.contract.ts';
import { api, isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, meQuery, useMe } from '../../session.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Page, QueryView } from '../../ui/page.tsx';
import { organisationQuery } from './admin.api.ts';
import { OrganisationView } from './OrganisationView.tsx';

export function OrganisationPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const organisation = useQuery({ ...organisationQuery(membership?.tenant.id ?? ''), enabled: !!membership });
  return (
    <Page title={t('organisation.title')}>
      <OrganisationView membership={membership}>
        {(member) => (
          <QueryView query={organisation}>
            {(data) => (
              <OrganisationForm key={data.id} organisation={data} canEdit={hasRole(member, 'admin')} />
            )}
          </QueryView>
        )}
      </OrganisationView>
    </Page>
  );
}

function OrganisationForm({ organisation, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const form = useForm({ initialValues: { name: organisation.name, orgNumber: organisation.orgNumber } });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved data changes
  useEffect(() => {
    form.setInitialValues({ name: organisation.name, orgNumber: organisation.orgNumber });
  }, [organisation.name, organisation.orgNumber]);

  const save = useMutation({
    mutationFn: (values: { name: string; orgNumber: string }) =>
      api.patch(`/api/organisations/${organisation.id}`, values, organisationSchema),
    onSuccess: async (updated) => {
      queryClient.setQueryData(organisationQuery(organisation.id).queryKey, updated);
      form.setValues({ name: updated.name, orgNumber: updated.orgNumber });
      notify(t('organisation.saved'));
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
    },
    onError: (error) =>
      form.setErrors(
        fieldErrors(error, ['name', 'orgNumber'], { name: t('errors.fields.organisationName') }),
      ),
  });
  const otherError = save.error && !isApiError(save.error, 400);

  return (
    <Paper withBorder p="lg" radius="md" maw={640}>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          {!canEdit && (
            <Alert color="gray" variant="light">
              {t('organisation.readOnly')}
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
          {canEdit && (
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
