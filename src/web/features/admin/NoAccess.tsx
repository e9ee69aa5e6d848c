import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Forbidden } from '../../ui/page.tsx';

export function NoAccess({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  return <Forbidden>{t('access.forbidden', { organisation })}</Forbidden>;
}

/** Administration is per organisation; a consortium membership has none. */
export function NotInOrganisation() {
  const { t } = useTranslation();
  return <Alert color="gray">{t('organisation.notOrganisation')}</Alert>;
}
