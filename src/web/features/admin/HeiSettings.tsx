import { Alert, Text } from '@mantine/core';
import {
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type ComponentType, useState } from 'react';
import type { HeiRole, Role } from '../../../features/tenancy/tenancy.contract.ts';
import { isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { refusedRowFields } from '../../ui/field-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Page } from '../../ui/page.tsx';
import { OrganisationQueryView } from './OrganisationView.tsx';

// An HEI's settings lists (checklist, dialogue guides): one page each, where admins edit the whole
// list and save it at once, and the other roles that may see it read it.

export type SettingsEditorProps<Saved> = { organisationId: string; canEdit: boolean; saved: Saved[] };

/** The page of one settings list: shown to `viewRoles` (every member when left out), editable by admins. */
export function HeiSettingsPage<Saved, Key extends QueryKey>({
  title,
  viewRoles,
  queryFor,
  editor: Editor,
}: {
  title: string;
  viewRoles?: (Role | HeiRole)[];
  queryFor: (organisationId: string) => UseQueryOptions<Saved[], Error, Saved[], Key>;
  editor: ComponentType<SettingsEditorProps<Saved>>;
}) {
  const membership = activeOrganisationOf(useMe());
  const allowed = membership?.tenant.kind === 'hei' && (!viewRoles || hasRole(membership, ...viewRoles));
  const query = useQuery({ ...queryFor(membership?.tenant.id ?? ''), enabled: allowed });
  return (
    <Page title={title}>
      <OrganisationQueryView membership={membership} allowed={allowed} query={query}>
        {(saved, { tenant }) => (
          <Editor organisationId={tenant.id} canEdit={hasRole(membership, 'admin')} saved={saved} />
        )}
      </OrganisationQueryView>
    </Page>
  );
}

type SettingsEditorOptions<Saved, Row> = {
  saved: Saved[];
  /** A saved entry as a row of the editor, with the key React and the field errors know it by. */
  toRow: (saved: Saved) => Row;
  /** Sends the whole list; answers it as saved. */
  put: (rows: Row[]) => Promise<Saved[]>;
  queryKey: QueryKey;
  savedMessage: string;
  /** The body's name for the list, where a 400 names the refused fields (`items.3.labelSv`). */
  list: string;
  /** The editor's key and message for a refused field of a row (see refusedRowFields). */
  fieldError: (row: Row, field: string) => [key: string, message: string] | undefined;
  onSaved?: () => void;
};

/** The rows being edited, the errors by field key, and `save`: the saved list replaces the cached one. */
export function useSettingsEditor<Saved, Row>(options: SettingsEditorOptions<Saved, Row>) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => options.saved.map(options.toRow));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => options.put(rows),
    onSuccess: (saved) => {
      queryClient.setQueryData(options.queryKey, saved);
      setRows(saved.map(options.toRow));
      setErrors({});
      notify(options.savedMessage);
      options.onSaved?.();
    },
    onError: (error) => {
      if (isApiError(error, 400)) setErrors(refusedRowFields(error, options.list, rows, options.fieldError));
    },
  });
  return { rows, setRows, errors, save };
}

/** Above a settings editor: what the list is for, whether it is read-only, a failed save (not a field's). */
export function SettingsIntro({
  intro,
  readOnly,
  saveError,
}: {
  intro: string;
  /** The read-only note, for those who may not edit. */
  readOnly: string | false;
  saveError: unknown;
}) {
  return (
    <>
      <Text>{intro}</Text>
      {readOnly && (
        <Alert color="gray" variant="light">
          {readOnly}
        </Alert>
      )}
      {!!saveError && !isApiError(saveError, 400) && <ErrorAlert error={saveError} />}
    </>
  );
}
