import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/client.ts';
import { agreementRoutes } from '../features/agreements/agreements.routes.ts';
import { auditRoutes } from '../features/audit/audit.routes.ts';
import { authRoutes } from '../features/auth/auth.routes.ts';
import { createAuth } from '../features/auth/auth.ts';
import { caseFileRoutes } from '../features/case-file/case-file.routes.ts';
import { caseRoutes } from '../features/cases/cases.routes.ts';
import { catalogRoutes } from '../features/catalog/catalog.routes.ts';
import { costingRoutes } from '../features/costing/costing.routes.ts';
import { courseReportRoutes } from '../features/course-report/course-report.routes.ts';
import { credentialRoutes } from '../features/credentials/credentials.routes.ts';
import { customerRoutes } from '../features/customers/customers.routes.ts';
import { dashboardRoutes } from '../features/dashboard/dashboard.routes.ts';
import { deliveryRoutes } from '../features/delivery/delivery.routes.ts';
import { designRoutes } from '../features/design/design.routes.ts';
import { documentRoutes } from '../features/documents/documents.routes.ts';
import { evaluationRoutes } from '../features/evaluation/evaluation.routes.ts';
import { frameworkRoutes } from '../features/frameworks/frameworks.routes.ts';
import { guideRoutes } from '../features/guide/guide.routes.ts';
import { healthRoutes } from '../features/health/health.routes.ts';
import { incentiveRoutes } from '../features/incentives/incentives.routes.ts';
import { inquiryRoutes } from '../features/inquiries/inquiries.routes.ts';
import { invitationRoutes } from '../features/invitations/invitations.routes.ts';
import type { MailSender } from '../features/mail/mail.service.ts';
import { matchingRoutes } from '../features/matching/matching.routes.ts';
import { needsRoutes } from '../features/needs/needs.routes.ts';
import { notificationRoutes } from '../features/notifications/notifications.routes.ts';
import { outturnRoutes } from '../features/outturn/outturn.routes.ts';
import { overviewRoutes } from '../features/overview/overview.routes.ts';
import { participantRoutes } from '../features/participants/participants.routes.ts';
import { portalRoutes } from '../features/portal/portal.routes.ts';
import { privacyRoutes } from '../features/privacy/privacy.routes.ts';
import { proposalRoutes } from '../features/proposals/proposals.routes.ts';
import { regionalRoutes } from '../features/regional/regional.routes.ts';
import { retentionRoutes } from '../features/retention/retention.routes.ts';
import { reviewRoutes } from '../features/review/review.routes.ts';
import { selfAssessmentRoutes } from '../features/self-assessment/self-assessment.routes.ts';
import { staffRoutes } from '../features/staff/staff.routes.ts';
import { taxonomyRoutes } from '../features/taxonomy/taxonomy.routes.ts';
import { tenancyRoutes } from '../features/tenancy/tenancy.routes.ts';
import type { Config } from './config.ts';
import { registerAuthGuard } from './http/auth-guard.ts';
import { registerProblemHandlers, sendProblem } from './http/problem.ts';
import { limitPublicRequests } from './http/rate-limit.ts';
import type { App, Deps } from './http/types.ts';
import { createJobs } from './jobs.ts';

/** The features Lupp is made of, in the order a reader meets them. Each registers its own routes. */
const features: ((app: App, deps: Deps) => Promise<void>)[] = [
  healthRoutes, // /healthz, /readyz
  authRoutes, // /api/auth/*: sign-in, sign-out, session (better-auth)
  tenancyRoutes, // /api/me, /api/organisations/:id, members and roles
  overviewRoutes, // /api/overview: what waits for a person at the active HEI (tasks, cases, inquiries)
  invitationRoutes, // invite by e-mail, accept an invitation
  inquiryRoutes, // the public front door, the consortium inbox, eligibility, routing and referral
  caseRoutes, // the case pipeline: stages with checklists and gates, timeline, tasks, board and search
  customerRoutes, // the HEI's customer register: the organisations it has had cases with, and its history with each
  frameworkRoutes, // framework agreements (ramavtal) with customers: their period and ceiling, and the cases called off under each
  documentRoutes, // documents attached to cases, by HEI staff and by customers (type- and size-checked)
  portalRoutes, // the customer portal: a customer's own inquiries and cases, shared entries, messages
  needsRoutes, // competence-needs analyses: organisation, roles, needs, computed priority, versions
  taxonomyRoutes, // skills taxonomies (ESCO, JobTech): concept search and browsing, imports run as background jobs
  catalogRoutes, // course catalogues: each HEI writes its own (import with column mapping, tags), the consortium reads all
  matchingRoutes, // matching needs (analyses, inquiries, free text) to courses across the consortium; decisions
  designRoutes, // course design on a case: modules, outcomes linked to needs, teachers; study-director approval; calculations
  proposalRoutes, // proposals (offert) from approved designs and calculations: PDF, sent to the portal, accepted or declined
  agreementRoutes, // agreements from accepted proposals: clauses, signatures of both parties, addenda, billing plan
  outturnRoutes, // the post-calculation (efterkalkyl) of a signed agreement: what was used against what was calculated
  participantRoutes, // participants the customer designates: personnummer checked, encrypted, masked, audited
  deliveryRoutes, // delivery: a course's sessions and attendance; the schedule (and attendance, if shared) in the portal
  evaluationRoutes, // evaluation on Kirkpatrick's four levels: participants' anonymous evaluation, the customer's follow-up
  credentialRoutes, // micro-credentials for participants who completed a course: public address, PDF, signed Open Badges 3.0 file
  courseReportRoutes, // a course's report for the follow-up meeting (PDF): sessions, attendance, credentials, evaluation
  caseFileRoutes, // a case's file (akt) for the registry and archive: its documents and PDFs in one ZIP
  reviewRoutes, // a case's review (återblick): what was learned, shown again on later cases with the same customer
  regionalRoutes, // pooled regional competence intelligence: the consortium's inquiries and needs as anonymous sums
  dashboardRoutes, // the HEI's key figures: pipeline, cases won and lost, proposals, agreements and payments, evaluations
  costingRoutes, // full-cost calculation: each HEI's versioned cost configuration (economists approve), calculations
  staffRoutes, // staff profiles (expertise, availability, interest), finding teachers for a design, merit records (DOCX, PDF)
  incentiveRoutes, // each HEI's versioned incentive model; what taking part gives departments and teachers on a case
  selfAssessmentRoutes, // a person's private collaboration-skills self-assessments: results per area, suggestions, development
  notificationRoutes, // a user's notifications (@-mentions)
  auditRoutes, // the audit log, readable and exportable by admins
  retentionRoutes, // each HEI's retention rule (gallring) for personal data, applied nightly as a background job
  privacyRoutes, // subject access reports (registerutdrag): what an HEI holds about one person, audited
  guideRoutes, // the public process guide: /guide and /en/guide as plain HTML, search, templates as DOCX and PDF
];

export const webRoot = path.resolve(import.meta.dirname, '../../dist/web');

export type BuildAppOptions = {
  config: Config;
  database: Database;
  mailSender?: MailSender | null;
  /** Test runs pass 'errors' to keep their output readable: a 500 still says what went wrong. */
  logger?: boolean | 'errors';
  /** The built web app to serve (tests give a folder of their own). */
  web?: string;
};

export async function buildApp({
  config,
  database,
  mailSender = null,
  logger = true,
  web = webRoot,
}: BuildAppOptions) {
  const app = Fastify({
    logger: logger
      ? {
          level: logger === 'errors' ? 'error' : config.logLevel,
          redact: ['req.headers.cookie', 'req.headers.authorization'],
        }
      : false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Routes check the session before parsing bodies; a slow client must not hold a worker forever.
    requestTimeout: 30_000,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  // The API speaks JSON only: anything else is 415 rather than a confusing validation error.
  app.removeContentTypeParser('text/plain');
  // Uploads (documents on cases) are multipart; each route reads its one file with its own limits.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, fileSize: 10 * 1024 * 1024 } });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  const auth = createAuth(config, database.db);
  // Background jobs (pg-boss, in PostgreSQL): workers start when the app is ready and stop when it closes.
  const jobs = createJobs(database, app.log);
  app.addHook('onReady', () => jobs.start());
  app.addHook('onClose', () => jobs.stop());
  const deps: Deps = { config, database, auth, mailSender, jobs };
  registerAuthGuard(app, auth, database.db, config.publicUrl);
  await limitPublicRequests(app, config.publicRequestsPerMinute);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lupp API',
        version: '0.1.0',
        description:
          'Contract education and competence-needs analysis. Errors are application/problem+json with a stable `code`. ' +
          'Sign in with POST /api/auth/sign-in/email; the session cookie authenticates every other call.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const feature of features) await feature(app, deps);

  await registerWebApp(app, web);
  return { app, auth };
}

/**
 * Serves the built SPA. A GET for a page that is not a file gets index.html, so the client router
 * decides (and shows its own not-found page); everything else gets a problem+json 404.
 */
async function registerWebApp(app: App, root: string) {
  const hasWeb = existsSync(path.join(root, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root,
      // each request looks for its file: a web app built again while the server runs is served at once
      // (a list made at start-up answered 404 for the new build's assets until a restart)
      wildcard: true,
      index: false,
      // Vite names every built asset by its content: a browser may keep it for good, and need not ask
      // again on each page load. The page itself (index.html) is asked for each time, so a new release
      // shows at once.
      setHeaders: (reply, file) =>
        reply.header(
          'cache-control',
          path.relative(root, file).startsWith(`assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(
      reply,
      request,
      404,
      'not_found',
      `No route ${request.method} ${request.url.split('?')[0]}.`,
    );
  });
}
