import { Alert, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isNoSuchRecord } from '../../api.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { useFormat } from '../../ui/format.ts';
import { ErrorAlert, Loading, useDocumentTitle } from '../../ui/page.tsx';
import { followQuery } from './frontdoor.api.ts';

const route = getRouteApi('/follow/$token');

/** The customer's view of their inquiry, through the link in the confirmation e-mail. */
export function FollowPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = route.useParams();
  const inquiry = useQuery(followQuery(token));
  const title = inquiry.data
    ? t('follow.title', { reference: inquiry.data.reference })
    : t('follow.loadingTitle');
  useDocumentTitle(title);

  return (
    <PublicFrame size={720}>
      {inquiry.isPending ? (
        <Loading />
      ) : inquiry.isError ? (
        <Stack>
          <Title order={1}>{title}</Title>
          {isNoSuchRecord(inquiry.error) ? (
            <Alert color="orange">{t('follow.notFound')}</Alert>
          ) : (
            <ErrorAlert error={inquiry.error} />
          )}
        </Stack>
      ) : (
        <Paper withBorder p="xl" radius="md">
          <Stack gap="md">
            <Title order={1}>{title}</Title>
            <div>
              <Text fw={600}>{t('follow.status')}</Text>
              <Badge size="lg" variant="light" tt="none" data-testid="follow-status">
                {t(`labels.inquiryStatus.${inquiry.data.status}`)}
              </Badge>
              <Text mt="xs">{t(`follow.statusText.${inquiry.data.status}`)}</Text>
            </div>
            {inquiry.data.handledBy && (
              <div>
                <Text fw={600}>{t('follow.handledBy')}</Text>
                <Text>{inquiry.data.handledBy}</Text>
              </div>
            )}
            <div>
              <Text fw={600}>{t('follow.organisation')}</Text>
              <Text>{inquiry.data.organisationName}</Text>
            </div>
            <div>
              <Text fw={600}>{t('follow.submittedAt')}</Text>
              <Text>{format.dateTime(inquiry.data.submittedAt)}</Text>
            </div>
            <div>
              <Text fw={600}>{t('follow.need')}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{inquiry.data.needText}</Text>
            </div>
          </Stack>
        </Paper>
      )}
    </PublicFrame>
  );
}
