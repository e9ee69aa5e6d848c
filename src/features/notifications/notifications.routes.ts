import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { listNotifications, markRead } from './notifications.service.ts';

const notificationsSchema = z
  .object({
    unread: z.number().int(),
    items: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        title: z.string(),
        link: z.string(),
        actorName: z.string().nullable(),
        createdAt: z.iso.datetime(),
        read: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Notifications' });

export async function notificationRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: "The signed-in user's notifications, newest first, with the unread count",
        response: { 200: notificationsSchema, ...problems(401) },
      },
    },
    async (request) => listNotifications(db, actorOf(request).userId),
  );
  app.post(
    '/api/notifications/:notificationId/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read ("all" marks every one)',
        params: z.object({ notificationId: z.union([z.uuid(), z.literal('all')]) }),
        response: { 200: notificationsSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const { userId } = actorOf(request);
      await markRead(db, userId, request.params.notificationId);
      return listNotifications(db, userId);
    },
  );
}
