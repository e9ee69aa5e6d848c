import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type CourseFormat,
  type CourseLevel,
  courseFormats,
  courseLevels,
} from '../../../features/catalog/catalog.fields.ts';

export type CourseKind = { language?: 'sv' | 'en'; format?: CourseFormat; level?: CourseLevel };

/** Language, format and level of courses: the filters the catalogue search and matching share. */
export function CourseKindSelects({
  value,
  onChange,
}: {
  value: CourseKind;
  onChange: (changes: CourseKind) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <NativeSelect
        label={t('catalog.language')}
        value={value.language ?? ''}
        onChange={(e) =>
          onChange({ language: (e.currentTarget.value || undefined) as CourseKind['language'] })
        }
      >
        <option value="">{t('catalog.anyLanguage')}</option>
        <option value="sv">{t('catalog.lang.sv')}</option>
        <option value="en">{t('catalog.lang.en')}</option>
      </NativeSelect>
      <NativeSelect
        label={t('catalog.format')}
        value={value.format ?? ''}
        onChange={(e) => onChange({ format: (e.currentTarget.value || undefined) as CourseKind['format'] })}
      >
        <option value="">{t('catalog.anyFormat')}</option>
        {courseFormats.map((f) => (
          <option key={f} value={f}>
            {t(`catalog.formats.${f}`)}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        label={t('catalog.level')}
        value={value.level ?? ''}
        onChange={(e) => onChange({ level: (e.currentTarget.value || undefined) as CourseKind['level'] })}
      >
        <option value="">{t('catalog.anyLevel')}</option>
        {courseLevels.map((l) => (
          <option key={l} value={l}>
            {t(`catalog.levels.${l}`)}
          </option>
        ))}
      </NativeSelect>
    </>
  );
}
