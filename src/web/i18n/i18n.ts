import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { sv } from './sv.ts';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'lupp.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof sv };
  }
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** The language this browser last chose; Swedish when it never chose. */
export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'sv';
  } catch {
    return 'sv';
  }
}

/** Whether this browser has chosen a language (rather than getting the Swedish default). */
export function hasChosenLanguage(): boolean {
  try {
    return isLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return false;
  }
}

export function rememberLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'sv',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
});

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'sv');
