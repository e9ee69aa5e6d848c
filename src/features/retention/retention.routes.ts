import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import { sweepInactiveAccounts } from './inactive-accounts.ts';
import { retentionBody, retentionRunSchema, retentionSchema } from './retention.contract.ts';
import { getRetention, runRetentionNow, setRetention, sweepRetention } from './retention.service.ts';

/** The nightly sweep that applies every HEI's retention rule (at 02:30 Swedish time, when few work). */
export const RETENTION_QUEUE = 'retention-sweep';

export async function retentionRoutes(app: App, { database: { db }, jobs, config }: Deps) {
  const tags = ['retention'];
  // the HEI's rule, with the deployment's rule for customers' accounts beside it (read from the configuration)
  const withAccountRule = <R>(retention: R) => ({
    ...retention,
    customerAccountMonths: config.inactiveAccountMonths,
  });
  jobs.define(
    RETENTION_QUEUE,
    { retryLimit: 2, retryDelaySeconds: 600, expireInSeconds: 3600, cron: '30 2 * * *' },
    async () => {
      const erased = await sweepRetention(db);
      app.log.info({ erased: Object.fromEntries(erased) }, 'retention rules applied');
      const months = config.inactiveAccountMonths;
      if (months) {
        const accounts = await sweepInactiveAccounts(db, { months, publicUrl: config.publicUrl });
        app.log.info(accounts, 'unused customer accounts warned and erased');
      }
    },
  );

  app.get(
    '/api/organisations/:organisationId/retention',
    {
      schema: {
        tags,
        summary:
          "The HEI's retention rule (gallring) for inquiries' contact persons, and how many it would erase now (members)",
        params: organisationParams,
        response: { 200: retentionSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      withAccountRule(await getRetention(db, actorOf(request), request.params.organisationId)),
  );

  app.put(
    '/api/organisations/:organisationId/retention',
    {
      schema: {
        tags,
        summary:
          "Set the HEI's retention rule: months after an inquiry ended that its contact person is erased, or null (admin)",
        params: organisationParams,
        body: retentionBody,
        response: { 200: retentionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      withAccountRule(await setRetention(db, actorOf(request), request.params.organisationId, request.body)),
  );

  app.post(
    '/api/organisations/:organisationId/retention/run',
    {
      schema: {
        tags,
        summary: "Apply the HEI's retention rule now rather than at night (admin)",
        params: organisationParams,
        response: { 200: retentionRunSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { erased, retention } = await runRetentionNow(
        db,
        actorOf(request),
        request.params.organisationId,
      );
      return { erased, retention: withAccountRule(retention) };
    },
  );
}
