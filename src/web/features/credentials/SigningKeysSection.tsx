import { Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormModal, useDialogAction } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { QueryView } from '../../ui/page.tsx';
import { rotateSigningKey, signingKeysQuery } from './credentials.api.ts';

/**
 * The HEI's keys for signing micro-credentials, on the organisation page for its administrators: which is in
 * use, which are retired or withdrawn, and replacing the one in use (key rotation).
 */
export function SigningKeysSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(signingKeysQuery(organisationId));
  const [rotating, setRotating] = useState(false);
  return (
    <Paper component="section" aria-labelledby="signing-keys-heading" withBorder p="lg" radius="md" maw={640}>
      <Stack gap="md">
        <Title order={2} size="h4" id="signing-keys-heading">
          {t('credentials.keys.title')}
        </Title>
        <Text size="sm">{t('credentials.keys.intro')}</Text>
        <QueryView query={query}>
          {(keys) =>
            keys.length === 0 ? (
              <Text size="sm">{t('credentials.keys.none')}</Text>
            ) : (
              <DataTable
                minWidth={420}
                data-testid="signing-keys"
                columns={[
                  t('credentials.keys.key'),
                  t('credentials.keys.made'),
                  t('credentials.keys.status'),
                ]}
              >
                {keys.map((k) => (
                  <Table.Tr key={k.number}>
                    <Table.Th scope="row" fw={400}>
                      {t('credentials.keys.number', { number: k.number })}
                    </Table.Th>
                    <Table.Td>{format.date(k.createdAt)}</Table.Td>
                    <Table.Td>
                      {k.withdrawnAt
                        ? t('credentials.keys.withdrawn', { date: format.date(k.withdrawnAt) })
                        : k.retiredAt
                          ? t('credentials.keys.retired', { date: format.date(k.retiredAt) })
                          : t('credentials.keys.inUse')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )
          }
        </QueryView>
        <Group>
          <Button variant="default" onClick={() => setRotating(true)}>
            {t('credentials.keys.rotate')}
          </Button>
        </Group>
        {rotating && <RotateModal organisationId={organisationId} onClose={() => setRotating(false)} />}
      </Stack>
    </Paper>
  );
}

function RotateModal({ organisationId, onClose }: { organisationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [withdraw, setWithdraw] = useState(false);
  const action = useDialogAction({
    request: () => rotateSigningKey(organisationId, withdraw),
    notice: t('credentials.keys.rotated'),
    refresh: ['organisation', organisationId, 'credential-keys'],
    onDone: onClose,
  });
  return (
    <FormModal
      title={t('credentials.keys.rotateTitle')}
      submitLabel={t('credentials.keys.rotateSubmit')}
      pending={action.pending}
      error={action.error}
      onSubmit={action.run}
      onClose={onClose}
      centered
    >
      <Text size="sm">{t('credentials.keys.rotateIntro')}</Text>
      <Checkbox
        label={t('credentials.keys.withdraw')}
        description={t('credentials.keys.withdrawHint')}
        checked={withdraw}
        onChange={(e) => setWithdraw(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
