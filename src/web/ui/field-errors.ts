import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../features/auth/auth-rules.ts';
import { orgNumberMessages } from '../../features/tenancy/org-number.ts';
import { ApiError } from '../api.ts';

/**
 * Turns the API's field errors (English, for developers) into form errors in the user's language.
 * Known fields get a translated message; any other field keeps the server's words.
 */
export function useFieldErrors() {
  const { t } = useTranslation();
  return (
    error: unknown,
    fields: readonly string[],
    overrides: Record<string, string> = {},
  ): Record<string, string> => {
    if (!(error instanceof ApiError) || error.status !== 400) return {};
    const raw = error.fieldErrors('body');
    const result: Record<string, string> = {};
    for (const [field, message] of Object.entries(raw)) {
      if (!fields.includes(field)) continue;
      result[field] = overrides[field] ?? translate(field, message);
    }
    return result;
  };

  function translate(field: string, message: string): string {
    switch (field) {
      case 'email':
        return t('errors.fields.email');
      case 'roles':
        return t('errors.fields.roles');
      case 'password':
        return t('errors.fields.password', { min: MIN_PASSWORD_LENGTH });
      case 'orgNumber':
        if (message === orgNumberMessages.checksum) return t('errors.fields.orgNumberChecksum');
        if (message === orgNumberMessages.personal_identity_number)
          return t('errors.fields.orgNumberPersonal');
        return t('errors.fields.orgNumberFormat');
      default:
        return message;
    }
  }
}
