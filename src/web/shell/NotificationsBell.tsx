import { ActionIcon, Badge, Menu, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Notifications,
  notificationsSchema,
} from '../../features/notifications/notifications.contract.ts';
import { api } from '../api.ts';
import { pickBilingual, useFormat } from '../ui/format.ts';
import { NotificationEmailModal } from './NotificationEmailModal.tsx';

const notificationsKey = ['notifications'] as const;

/** The bell in the header: unread count, the latest notifications, "mark all read". */
export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => api.get('/api/notifications', notificationsSchema, signal),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${id}/read`, {}, notificationsSchema),
    onSuccess: (data: Notifications) => queryClient.setQueryData(notificationsKey, data),
  });
  const [choosing, setChoosing] = useState(false);
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const label = unread > 0 ? t('notifications.labelUnread', { count: unread }) : t('notifications.label');

  return (
    <>
      <Menu position="bottom-end" withinPortal width={320}>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray.8"
            size="lg"
            aria-label={label}
            pos="relative"
            style={{ overflow: 'visible' }}
          >
            <svg
              aria-hidden="true"
              width="22"
              height="22"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            {unread > 0 && (
              <Badge
                aria-hidden="true"
                color="red.9"
                size="xs"
                circle
                pos="absolute"
                top={-4}
                right={-4}
                style={{ pointerEvents: 'none' }}
              >
                {unread > 99 ? '99+' : unread}
              </Badge>
            )}
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('notifications.title')}</Menu.Label>
          {items.length === 0 ? (
            <Text px="sm" py="xs" size="sm">
              {t('notifications.empty')}
            </Text>
          ) : (
            items.slice(0, 10).map((n) => (
              <Menu.Item
                key={n.id}
                onClick={() => {
                  if (!n.read) markRead.mutate(n.id);
                  void navigate({ href: n.link });
                }}
              >
                <Text size="sm" fw={n.read ? 400 : 700}>
                  {n.done ? `${t('notifications.done')}: ` : n.read ? '' : `${t('notifications.new')}: `}
                  {pickBilingual(n.title, i18n.language)}
                </Text>
                <Text size="xs">
                  {n.actorName ? `${n.actorName} · ` : ''}
                  {format.dateTime(n.createdAt)}
                </Text>
              </Menu.Item>
            ))
          )}
          <Menu.Divider />
          {unread > 0 && (
            <Menu.Item onClick={() => markRead.mutate('all')}>{t('notifications.markAllRead')}</Menu.Item>
          )}
          <Menu.Item onClick={() => setChoosing(true)}>{t('notifications.emailSettings')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {choosing && <NotificationEmailModal onClose={() => setChoosing(false)} />}
    </>
  );
}
