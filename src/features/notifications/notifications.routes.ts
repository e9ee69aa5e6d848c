import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { EVERY_MORNING } from '../../server/jobs.ts';
import { notificationParams, notificationsSchema } from './notifications.contract.ts';
import { listNotifications, markRead, sendNotificationDigests } from './notifications.service.ts';

/** The morning e-mail of the notifications of those who want them once a day (07:00 Swedish time). */
export const DIGEST_QUEUE = 'notification-digests';

export async function notificationRoutes(app: App, { database: { db }, config, jobs }: Deps) {
  const tags = ['notifications'];
  jobs.define(DIGEST_QUEUE, EVERY_MORNING, async () => {
    const sent = await sendNotificationDigests(db, config.publicUrl);
    app.log.info({ sent }, 'notification digests e-mailed');
  });
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
