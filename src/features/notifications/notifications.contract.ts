import { z } from 'zod';

export const notificationsSchema = z
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
        /** It asked for something that has since been done (by this user or a colleague). */
        done: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Notifications' });
export type Notifications = z.infer<typeof notificationsSchema>;

export const notificationParams = z.object({ notificationId: z.union([z.uuid(), z.literal('all')]) });
