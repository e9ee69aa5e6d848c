import { useTranslation } from 'react-i18next';

/** The first thing a keyboard user reaches: jumps past header and menu to the page content. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}
