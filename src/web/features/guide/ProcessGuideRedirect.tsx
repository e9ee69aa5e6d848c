import { Anchor, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { guidePaths, heiGuidePaths } from '../../../features/guide/guide.text.ts';
import { activeMembershipOf, useMe } from '../../session.ts';

/**
 * The menu's "Processguide": the guide is server-rendered HTML outside the app, so this hands over to it —
 * the HEI's version for its staff (its adaptations), the shared guide otherwise — in the user's language.
 */
export function ProcessGuideRedirect() {
  const { t, i18n } = useTranslation();
  const membership = activeMembershipOf(useMe());
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const href =
    membership?.tenant.kind === 'hei'
      ? heiGuidePaths(membership.tenant.id).home(lang)
      : guidePaths.home(lang);
  useEffect(() => window.location.replace(href), [href]);
  return (
    <Text p="md">
      <Anchor href={href}>{t('nav.processGuide')}</Anchor>
    </Text>
  );
}
