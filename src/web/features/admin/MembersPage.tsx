import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../features/invitations/invitations.contract.ts';
import type { ListedMember, Membership, Role } from '../../../features/tenancy/tenancy.contract.ts';
import { api, isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, meQuery, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ConfirmModal, FormModal } from '../../ui/FormModal.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Page, QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { invitationsQuery, membersQuery, rolesFor } from './admin.api.ts';
import { OrganisationView } from './OrganisationView.tsx';

export function MembersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = activeOrganisationOf(me);
  const isAdmin = hasRole(membership, 'admin');
  return (
    <Page title={t('nav.members')}>
      <OrganisationView membership={membership} allowed={hasRole(membership, 'admin', 'manager')}>
        {(member) => (
          <>
            <MembersSection membership={member} isAdmin={isAdmin} myUserId={me?.user.id ?? ''} />
            {isAdmin && (
              <>
                <InviteForm membership={member} />
                <InvitationsSection membership={member} />
              </>
            )}
          </>
        )}
      </OrganisationView>
    </Page>
  );
}

function useFormatDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium' });
  return (iso: string) => format.format(new Date(iso));
}

function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="light" tt="none">
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}

function MembersSection({
  membership,
  isAdmin,
  myUserId,
}: {
  membership: Membership;
  isAdmin: boolean;
  myUserId: string;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const members = useQuery(membersQuery(membership.tenant.id));
  const [editing, setEditing] = useState<ListedMember | null>(null);
  const [removing, setRemoving] = useState<ListedMember | null>(null);

  return (
    <Stack component="section" aria-labelledby="members-heading" gap="sm">
      <Title order={2} id="members-heading">
        {t('members.title')}
      </Title>
      <Text>{t('members.intro', { organisation: membership.tenant.name })}</Text>
      {!isAdmin && (
        <Alert color="gray" variant="light">
          {t('members.readOnly')}
        </Alert>
      )}
      <QueryView query={members} empty={<Text>{t('members.empty')}</Text>}>
        {(list) => (
          <DataTable
            minWidth={640}
            striped
            verticalSpacing="sm"
            data-testid="members-table"
            columns={[
              t('members.name'),
              t('members.email'),
              t('members.roles'),
              t('members.since'),
              isAdmin && t('members.actions'),
            ]}
          >
            {list.map((member) => (
              <Table.Tr key={member.membershipId}>
                <Table.Th scope="row" fw={500}>
                  {member.name} {member.userId === myUserId && t('members.you')}
                  {member.openCases > 0 && (
                    <Text size="xs" fw={400}>
                      {t('members.openCases', { count: member.openCases })}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>
                  <RoleBadges roles={member.roles} />
                </Table.Td>
                <Table.Td>{formatDate(member.since)}</Table.Td>
                {isAdmin && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('members.editRolesFor', { name: member.name })}
                        onClick={() => setEditing(member)}
                      >
                        {t('members.editRoles')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red.9"
                        aria-label={t('members.removeFor', { name: member.name })}
                        onClick={() => setRemoving(member)}
                      >
                        {t('members.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {editing && (
        <EditRolesModal membership={membership} member={editing} onClose={() => setEditing(null)} />
      )}
      {removing && (
        <RemoveMemberModal
          membership={membership}
          // as the list now reads (it is read again when the removal is refused)
          member={members.data?.find((m) => m.membershipId === removing.membershipId) ?? removing}
          members={members.data ?? []}
          onClose={() => setRemoving(null)}
        />
      )}
    </Stack>
  );
}

function EditRolesModal({
  membership,
  member,
  onClose,
}: {
  membership: Membership;
  member: ListedMember;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [roles, setRoles] = useState<string[]>(member.roles);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (next: Role[]) =>
      api.put(`/api/organisations/${membership.tenant.id}/members/${member.membershipId}/roles`, {
        roles: next,
      }),
    onSuccess: async () => {
      notify(t('members.rolesSaved', { name: member.name }));
      onClose();
      await refetchAfterChange(queryClient, membersQuery(membership.tenant.id).queryKey);
      await refetchAfterChange(queryClient, meQuery.queryKey);
    },
    onError: (e) => {
      if (isApiError(e, 409)) setError(t('errors.lastAdmin'));
      else if (isApiError(e, 400)) setError(t('errors.fields.roles'));
      else setError(errorMessage(e));
    },
  });

  const submit = () => {
    if (roles.length === 0) {
      setError(t('errors.fields.roles'));
      return;
    }
    setError(null);
    save.mutate(roles as Role[]);
  };

  return (
    <FormModal
      title={t('members.editRolesFor', { name: member.name })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('common.save')}
      pending={save.isPending}
      centered
    >
      <Checkbox.Group label={t('members.rolesLegend')} value={roles} onChange={setRoles} error={error}>
        <Stack gap="xs" mt="xs">
          {rolesFor(membership).map((role) => (
            <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
          ))}
        </Stack>
      </Checkbox.Group>
    </FormModal>
  );
}

function RemoveMemberModal({
  membership,
  member,
  members,
  onClose,
}: {
  membership: Membership;
  member: ListedMember;
  members: ListedMember[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // a leader of open cases hands them to a coordinator first: nobody could pick them up after the removal
  const errorMessage = useErrorMessage();
  const successors = members.filter((m) => m.roles.includes('coordinator') && m.userId !== member.userId);
  const [successor, setSuccessor] = useState('');
  const [missing, setMissing] = useState(false);
  const remove = useMutation({
    mutationFn: async () => {
      // one request: the cases are handed over and the membership removed together, or neither
      const query = member.openCases > 0 ? `?${new URLSearchParams({ successor })}` : '';
      await api.delete(`/api/organisations/${membership.tenant.id}/members/${member.membershipId}${query}`);
    },
    onSuccess: async () => {
      notify(t('members.removed', { name: member.name }));
      onClose();
      await refetchAfterChange(queryClient, membersQuery(membership.tenant.id).queryKey);
      await refetchAfterChange(queryClient, meQuery.queryKey);
      await refetchAfterChange(queryClient, ['cases']);
    },
    // they may have taken on a case since the list was read: read it again, so the dialog asks for a successor
    onError: (error) => {
      if (isApiError(error, 409))
        void refetchAfterChange(queryClient, membersQuery(membership.tenant.id).queryKey);
    },
  });
  const confirm = () => {
    setMissing(member.openCases > 0 && !successor);
    if (member.openCases === 0 || successor) remove.mutate();
  };
  return (
    <FormModal
      title={t('members.removeTitle')}
      onClose={onClose}
      onSubmit={confirm}
      submitLabel={t('members.remove')}
      pending={remove.isPending}
      error={
        remove.error &&
        (isApiError(remove.error, 409)
          ? remove.error.code === 'member_leads_open_cases'
            ? t('members.leadsCasesNow', { name: member.name })
            : t('errors.lastAdmin')
          : errorMessage(remove.error))
      }
      danger
      centered
    >
      <Text>{t('members.removeConfirm', { name: member.name, organisation: membership.tenant.name })}</Text>
      {member.openCases > 0 &&
        (successors.length ? (
          <NativeSelect
            label={t('members.handOverTo', { count: member.openCases, name: member.name })}
            required
            value={successor}
            onChange={(e) => setSuccessor(e.currentTarget.value)}
            error={missing ? t('members.handOverToError') : undefined}
          >
            <option value="">{t('cases.new.choose')}</option>
            {successors.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </NativeSelect>
        ) : (
          <Alert color="orange" role="alert">
            {t('members.noSuccessor', { count: member.openCases, name: member.name })}
          </Alert>
        ))}
    </FormModal>
  );
}

function InviteForm({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const form = useForm<{ email: string; roles: string[] }>({ initialValues: { email: '', roles: [] } });
  const invite = useMutation({
    mutationFn: (values: { email: string; roles: string[] }) =>
      api.post(`/api/organisations/${membership.tenant.id}/invitations`, values),
    onSuccess: async (_data, values) => {
      notify(t('invitations.sentTo', { email: values.email.trim() }));
      form.reset();
      await refetchAfterChange(queryClient, invitationsQuery(membership.tenant.id).queryKey);
    },
    onError: (error) => {
      // Keep what was typed; mark the fields the server did not accept.
      if (isApiError(error, 409)) form.setErrors({ email: t('errors.alreadyMember') });
      else form.setErrors(fieldErrors(error, ['email', 'roles']));
    },
  });
  const otherError = invite.error && !isApiError(invite.error, 400) && !isApiError(invite.error, 409);

  return (
    <Paper component="section" aria-labelledby="invite-heading" withBorder p="lg" radius="md">
      <form noValidate onSubmit={form.onSubmit((values) => invite.mutate(values))}>
        <Stack gap="md" maw={560}>
          <Title order={2} id="invite-heading">
            {t('invitations.inviteTitle')}
          </Title>
          <Text>{t('invitations.inviteIntro', { organisation: membership.tenant.name })}</Text>
          {otherError && <ErrorAlert error={invite.error} />}
          <TextInput
            label={t('invitations.email')}
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps('email')}
          />
          <Checkbox.Group label={t('invitations.roles')} required {...form.getInputProps('roles')}>
            <Group gap="md" mt="xs">
              {rolesFor(membership).map((role) => (
                <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('invitations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

// Outline badges in colours dark enough for 4.5:1 contrast on white and on striped rows.
const statusColor: Record<Invitation['status'], string> = {
  pending: 'blue.9',
  accepted: '#1e6b34',
  revoked: 'gray.8',
  expired: 'pink.9',
};

function InvitationsSection({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQuery(membership.tenant.id));
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) =>
      api.delete(`/api/organisations/${membership.tenant.id}/invitations/${invitation.id}`),
    onSuccess: async (_data, invitation) => {
      notify(t('invitations.revoked', { email: invitation.email }));
      setRevoking(null);
      await refetchAfterChange(queryClient, invitationsQuery(membership.tenant.id).queryKey);
    },
  });

  return (
    <Stack component="section" aria-labelledby="invitations-heading" gap="sm">
      <Title order={2} id="invitations-heading">
        {t('invitations.title')}
      </Title>
      <QueryView query={invitations} empty={<Text>{t('invitations.empty')}</Text>}>
        {(list) => (
          <DataTable
            minWidth={640}
            striped
            verticalSpacing="sm"
            data-testid="invitations-table"
            columns={[
              t('invitations.email'),
              t('invitations.roles'),
              t('invitations.status'),
              t('invitations.sent'),
              t('invitations.expires'),
              t('invitations.actions'),
            ]}
          >
            {list.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Th scope="row" fw={500}>
                  {invitation.email}
                </Table.Th>
                <Table.Td>
                  <RoleBadges roles={invitation.roles} />
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor[invitation.status]} variant="outline" tt="none">
                    {t(`invitations.statuses.${invitation.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(invitation.createdAt)}</Table.Td>
                <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
                <Table.Td>
                  {invitation.status === 'pending' && (
                    <Button
                      size="compact-sm"
                      variant="outline"
                      color="red.9"
                      aria-label={t('invitations.revokeFor', { email: invitation.email })}
                      onClick={() => setRevoking(invitation)}
                    >
                      {t('invitations.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {revoking && (
        <ConfirmModal
          title={t('invitations.revokeTitle')}
          text={t('invitations.revokeConfirm', { email: revoking.email })}
          confirmLabel={t('invitations.revoke')}
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
          centered
        />
      )}
    </Stack>
  );
}
