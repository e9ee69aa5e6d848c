import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function NoAccess({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('access.forbiddenTitle')}>
      {t('access.forbidden', { organisation })}
    </Alert>
  );
}

/** Administration is per organisation; a consortium membership has none. */
export function NotInOrganisation() {
  const { t } = useTranslation();
  return <Alert color="gray">{t('organisation.notOrganisation')}</Alert>;
}
