import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { safeRedirect } from '../../router.tsx';
import { useSignIn } from '../../session.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { useDocumentTitle } from '../../ui/page.tsx';
import { CONSORTIUM_SLUG } from '../inquiries/inquiries.api.ts';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.title'));
  const navigate = useNavigate();
  const search = route.useSearch();
  const signIn = useSignIn();
  const form = useForm({ initialValues: { email: '', password: '' } });

  const errorText = (() => {
    const error = signIn.error;
    if (!error) return null;
    if (isApiError(error, 401) || isApiError(error, 400)) return t('signIn.badCredentials');
    if (isApiError(error, 429)) return t('signIn.rateLimited');
    if (isApiError(error) && error.code === 'untrusted_origin')
      return t('signIn.untrustedOrigin', { here: window.location.origin });
    return t('signIn.failed');
  })();

  return (
    <PublicFrame>
      <Paper withBorder shadow="xs" p="xl" radius="md">
        <Stack gap="md">
          <Title order={1}>{t('signIn.title')}</Title>
          <Text>{t('signIn.intro')}</Text>
          {errorText && (
            <Alert color="red" role="alert" title={t('common.error')}>
              {errorText}
            </Alert>
          )}
          <form
            noValidate
            onSubmit={form.onSubmit((values) =>
              signIn.mutate(
                { email: values.email.trim(), password: values.password },
                { onSuccess: () => void navigate({ href: safeRedirect(search.redirect), replace: true }) },
              ),
            )}
          >
            <Stack gap="md">
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                required
                {...form.getInputProps('email')}
              />
              <PasswordField
                label={t('signIn.password')}
                autoComplete="current-password"
                required
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={signIn.isPending} fullWidth>
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
          <Text size="sm" c="dimmed">
            {t('signIn.noAccount')}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" mt="lg">
        <Stack gap="xs">
          <Text>{t('signIn.describeNeedIntro')}</Text>
          <AnchorLink to="/c/$slug/inquiry" params={{ slug: CONSORTIUM_SLUG }} fw={700}>
            {t('signIn.describeNeed')}
          </AnchorLink>
        </Stack>
      </Paper>
    </PublicFrame>
  );
}
