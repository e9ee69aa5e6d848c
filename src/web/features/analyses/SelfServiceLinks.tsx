import { Alert, Badge, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SELF_SERVICE_LINK_DAYS } from '../../../features/needs/needs.contract.ts';
import { api, isApiError } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { Section, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { absolute, createLink, linksQuery } from './analyses.api.ts';

/** The HEI hands the customer a link to fill in the analysis themselves; it can be revoked. */
export function SelfServiceLinks({ analysisId, canEdit }: { analysisId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const links = useQuery(linksQuery(analysisId));
  const [sendTo, setSendTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const refresh = () => refetchAfterChange(queryClient, ['analysis', analysisId, 'links']);
  const create = useMutation({
    mutationFn: () => createLink(analysisId, sendTo.trim() || undefined),
    onSuccess: async (link) => {
      setCreated(absolute(link.url));
      setSendTo('');
      await refresh();
    },
    onError: (e) => setError(isApiError(e, 400) ? t('analyses.sendToError') : errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) => api.delete(`/api/analyses/${analysisId}/self-service-links/${linkId}`),
    onSuccess: async () => {
      notify(t('analyses.revoked'));
      await refresh();
    },
    onError: (e) => notify(errorMessage(e), 'error'),
  });

  return (
    <Section id="analysis-links" title={t('analyses.links')}>
      <Stack gap="sm">
        <Text size="sm">{t('analyses.linksIntro', { days: SELF_SERVICE_LINK_DAYS })}</Text>
        {canEdit && (
          <form
            noValidate
            aria-label={t('analyses.createLink')}
            onSubmit={(event) => {
              event.preventDefault();
              setError(null);
              create.mutate();
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('analyses.sendTo')}
                type="email"
                value={sendTo}
                onChange={(e) => setSendTo(e.currentTarget.value)}
                error={error}
                miw={280}
              />
              <Button type="submit" variant="light" loading={create.isPending}>
                {t('analyses.createLink')}
              </Button>
            </Group>
          </form>
        )}
        {created && (
          <Alert color="green" title={t('analyses.linkCreated')}>
            <Code block data-testid="self-service-link">
              {created}
            </Code>
          </Alert>
        )}
        {(links.data ?? []).length > 0 && (
          <Table striped>
            <Table.Tbody>
              {(links.data ?? []).map((link) => (
                <Table.Tr key={link.id}>
                  <Table.Td>
                    {t('analyses.linkRow', {
                      created: format.dateTime(link.createdAt),
                      expires: format.date(link.expiresAt),
                    })}
                    {link.lastUsedAt &&
                      ` · ${t('analyses.linkUsed', { at: format.dateTime(link.lastUsedAt) })}`}
                  </Table.Td>
                  <Table.Td>
                    {link.revokedAt ? (
                      <Badge variant="outline" color="dark" tt="none">
                        {t('analyses.linkRevoked')}
                      </Badge>
                    ) : (
                      canEdit && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red.9"
                          c="red.9"
                          aria-label={t('analyses.revokeLink', { created: format.dateTime(link.createdAt) })}
                          onClick={() => revoke.mutate(link.id)}
                        >
                          {t('analyses.revoke')}
                        </Button>
                      )
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Section>
  );
}
