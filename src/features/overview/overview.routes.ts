import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { overviewSchema } from './overview.contract.ts';
import { overview } from './overview.service.ts';

export async function overviewRoutes(app: App, { database: { db } }: Deps) {
  app.get(
    '/api/overview',
    {
      schema: {
        tags: ['overview'],
        summary:
          'What waits at the active HEI: your open tasks, your open cases, and inquiries awaiting an answer',
        response: { 200: overviewSchema, ...problems(401, 403) },
      },
    },
    async (request) => overview(db, actorOf(request)),
  );
}
