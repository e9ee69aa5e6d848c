import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../i18n/i18n.ts';
import { useChangeLanguage } from '../session.ts';

/** Switches between Swedish and English; the button names the other language, in that language. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage();
  const other = t('language.otherCode');
  return (
    <Button
      variant="subtle"
      size="compact-md"
      lang={other}
      title={t('language.switchTo')}
      onClick={() => {
        if (isLanguage(other)) void changeLanguage(other);
      }}
    >
      {t('language.other')}
    </Button>
  );
}
