import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import { subjectAccessBody, subjectAccessReportSchema } from './privacy.contract.ts';
import { subjectAccessReport } from './privacy.service.ts';

export async function privacyRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['privacy'];

  app.post(
    '/api/organisations/:organisationId/subject-access',
    {
      schema: {
        tags,
        summary:
          'A subject access report (registerutdrag): what the HEI holds about a person, found by e-mail or personnummer (admin; audited)',
        params: organisationParams,
        body: subjectAccessBody,
        response: { 200: subjectAccessReportSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      subjectAccessReport(
        db,
        config.personalDataKey,
        actorOf(request),
        request.params.organisationId,
        request.body,
      ),
  );
}
