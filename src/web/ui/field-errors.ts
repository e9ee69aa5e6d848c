import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../features/auth/auth-rules.ts';
import { orgNumberMessages } from '../../features/tenancy/org-number.ts';
import { ApiError, isApiError } from '../api.ts';

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

/**
 * A form's own messages for the fields a 400 answer refused. Fields the form has no message for are left
 * out: the form cannot show them, and the caller decides what else to say.
 */
export function refusedFields<Field extends string>(
  error: unknown,
  messages: Record<Field, string>,
): Partial<Record<Field, string>> {
  if (!isApiError(error, 400)) return {};
  const refused = error.fieldErrors();
  return Object.fromEntries(Object.entries(messages).filter(([field]) => field in refused)) as Partial<
    Record<Field, string>
  >;
}

/**
 * A 400 answer's refused fields inside a list in the body (`items.3.labelSv`), as an editor of that
 * list shows them: `message` gets the row and the rest of the path (`labelSv`) and answers the editor's
 * key and message for it, or nothing for a field the editor does not show.
 */
export function refusedRowFields<Row>(
  error: unknown,
  list: string,
  rows: readonly Row[],
  message: (row: Row, field: string) => [key: string, message: string] | undefined,
): Record<string, string> {
  if (!isApiError(error, 400)) return {};
  const inList = new RegExp(`^${list}\\.(\\d+)\\.(.+)$`);
  const result: Record<string, string> = {};
  for (const path of Object.keys(error.fieldErrors())) {
    const [, index, field] = path.match(inList) ?? [];
    const row = rows[Number(index)];
    const entry = row !== undefined && field ? message(row, field) : undefined;
    if (entry) result[entry[0]] = entry[1];
  }
  return result;
}
