import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { notificationParams, notificationsSchema } from './notifications.contract.ts';
import { listNotifications, markRead } from './notifications.service.ts';

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
        params: notificationParams,
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
