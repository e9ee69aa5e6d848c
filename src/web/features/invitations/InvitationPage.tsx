import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../features/auth/auth-rules.ts';
import {
  acceptInvitationResult,
  type PublicInvitation,
  publicInvitationSchema,
} from '../../../features/invitations/invitations.contract.ts';
import { meSchema } from '../../../features/tenancy/tenancy.contract.ts';
import { api, isApiError } from '../../api.ts';
import { applyUserLanguage, meQuery, useSignIn } from '../../session.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { ErrorAlert, Loading, useDocumentTitle } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';

const route = getRouteApi('/invitation/$token');

/** The page an invitation e-mail links to. Public: the token in the address is the credential. */
export function InvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invitationPage.title'));
  const { token } = route.useParams();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      api.get(`/api/invitations/${encodeURIComponent(token)}`, publicInvitationSchema, signal),
  });

  return (
    <PublicFrame size={560}>
      {invitation.isPending ? (
        <Loading />
      ) : invitation.isError ? (
        isApiError(invitation.error, 404) || isApiError(invitation.error, 400) ? (
          <Unusable message={t('invitationPage.invalid')} />
        ) : (
          <Stack>
            <Title order={1}>{t('invitationPage.title')}</Title>
            <ErrorAlert error={invitation.error} />
          </Stack>
        )
      ) : invitation.data.status !== 'pending' ? (
        <Unusable message={t(`invitationPage.${invitation.data.status}`)} />
      ) : (
        <PendingInvitation token={token} invitation={invitation.data} />
      )}
    </PublicFrame>
  );
}

function Unusable({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="flex-start">
        <Title order={1}>{t('invitationPage.invalidTitle')}</Title>
        <Alert color="orange" role="alert" w="100%">
          {message}
        </Alert>
        <AnchorLink to="/sign-in" search={{}}>
          {t('invitationPage.goToSignIn')}
        </AnchorLink>
      </Stack>
    </Paper>
  );
}

function PendingInvitation({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const { t } = useTranslation();
  const { data: me, isPending } = useQuery(meQuery);

  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="md">
        <Title order={1}>
          {t('invitationPage.invitedTo', { organisation: invitation.organisationName })}
        </Title>
        <Text>{t('invitationPage.invitedAs', { email: invitation.email })}</Text>
        <Group gap="xs">
          {invitation.roles.map((role) => (
            <Badge key={role} variant="light" size="lg" tt="none">
              {t(`roles.${role}`)}
            </Badge>
          ))}
        </Group>
        {isPending ? (
          <Loading />
        ) : !invitation.accountExists ? (
          <NewAccountForm token={token} invitation={invitation} />
        ) : !me ? (
          <Stack align="flex-start">
            <Text>{t('invitationPage.existingAccount', { email: invitation.email })}</Text>
            <ButtonLink to="/sign-in" search={{ redirect: `/invitation/${token}` }}>
              {t('invitationPage.signInToAccept')}
            </ButtonLink>
          </Stack>
        ) : me.user.email.toLowerCase() !== invitation.email.toLowerCase() ? (
          <Alert color="orange" role="alert">
            {t('invitationPage.wrongAccount', { email: invitation.email, current: me.user.email })}
          </Alert>
        ) : (
          <AcceptAsSignedIn token={token} invitation={invitation} />
        )}
      </Stack>
    </Paper>
  );
}

/** After accepting: make the new organisation the active one and go to the app. */
function useEnterOrganisation(invitation: PublicInvitation) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (membershipId: string) => {
    try {
      const me = await api.put('/api/me/active-membership', { membershipId }, meSchema);
      queryClient.setQueryData(meQuery.queryKey, me);
      applyUserLanguage(me);
    } catch {
      await refetchAfterChange(queryClient, meQuery.queryKey);
    }
    notify(t('invitationPage.welcome', { organisation: invitation.organisationName }));
    await navigate({ to: '/', replace: true });
  };
}

function AcceptAsSignedIn({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const { t } = useTranslation();
  const enter = useEnterOrganisation(invitation);
  const accept = useMutation({
    mutationFn: () =>
      api.post(`/api/invitations/${encodeURIComponent(token)}/accept`, {}, acceptInvitationResult),
    onSuccess: (result) => enter(result.membershipId),
  });
  return (
    <Stack align="flex-start">
      {accept.error && <ErrorAlert error={accept.error} />}
      <Button loading={accept.isPending} onClick={() => accept.mutate()}>
        {t('invitationPage.accept')}
      </Button>
    </Stack>
  );
}

function NewAccountForm({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const { t } = useTranslation();
  const fieldErrors = useFieldErrors();
  const signIn = useSignIn();
  const enter = useEnterOrganisation(invitation);
  const form = useForm({
    initialValues: { name: '', password: '', confirmPassword: '' },
    validate: {
      name: (value) => (value.trim().length < 2 ? t('errors.fields.name') : null),
      password: (value) =>
        value.length < MIN_PASSWORD_LENGTH ? t('errors.fields.password', { min: MIN_PASSWORD_LENGTH }) : null,
      confirmPassword: (value, values) =>
        value !== values.password ? t('errors.fields.passwordMismatch') : null,
    },
  });
  const accept = useMutation({
    mutationFn: async (values: { name: string; password: string }) => {
      const result = await api.post(
        `/api/invitations/${encodeURIComponent(token)}/accept`,
        { name: values.name.trim(), password: values.password },
        acceptInvitationResult,
      );
      await signIn.mutateAsync({ email: invitation.email, password: values.password });
      return result;
    },
    onSuccess: (result) => enter(result.membershipId),
    onError: (error) =>
      form.setErrors(fieldErrors(error, ['name', 'password'], { name: t('errors.fields.name') })),
  });
  const otherError = accept.error && !isApiError(accept.error, 400);

  return (
    <form noValidate onSubmit={form.onSubmit((values) => accept.mutate(values))}>
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('invitationPage.createAccount')}
        </Title>
        {otherError && <ErrorAlert error={accept.error} />}
        <TextInput
          label={t('invitationPage.name')}
          autoComplete="name"
          required
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('signIn.email')}
          value={invitation.email}
          readOnly
          autoComplete="username"
          name="email"
        />
        <PasswordField
          label={t('invitationPage.password')}
          description={t('invitationPage.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordField
          label={t('invitationPage.confirmPassword')}
          autoComplete="new-password"
          required
          {...form.getInputProps('confirmPassword')}
        />
        <Group>
          <Button type="submit" loading={accept.isPending}>
            {t('invitationPage.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
