import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  contactBody,
  declineBody,
  followedInquirySchema,
  frontDoorSchema,
  inquiryDetailSchema,
  inquiryListSchema,
  inquiryParams,
  listInquiriesQuery,
  overrideBody,
  reasonBody,
  referBody,
  submitInquiryBody,
  submittedInquirySchema,
} from './inquiries.contract.ts';
import {
  answerReferral,
  claimInquiry,
  correctContact,
  declineInquiry,
  eraseContact,
  followInquiry,
  frontDoor,
  getInquiry,
  listInquiries,
  overrideEligibility,
  referInquiry,
  submitInquiry,
} from './inquiries.service.ts';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

export async function inquiryRoutes(app: App, { database: { db }, config }: Deps) {
  // ------------------------------------------------------------ public: the front door
  app.get(
    '/api/public/consortia/:slug',
    {
      config: { public: true },
      schema: {
        tags: ['front door'],
        summary: "The consortium's public inquiry page: its name and member HEIs",
        params: slugParams,
        response: { 200: frontDoorSchema, ...problems(400, 404) },
      },
    },
    async (request) => frontDoor(db, request.params.slug),
  );

  app.post(
    '/api/public/consortia/:slug/inquiries',
    {
      config: { public: true },
      schema: {
        tags: ['front door'],
        summary: 'Submit an inquiry without an account (rate-limited; `website` is a honeypot)',
        params: slugParams,
        body: submitInquiryBody,
        response: { 201: submittedInquirySchema, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const result = await submitInquiry(
        db,
        {
          slug: request.params.slug,
          publicUrl: config.publicUrl,
          senderIp: request.ip,
          secret: config.authSecret,
        },
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/public/inquiries/:token',
    {
      config: { public: true },
      schema: {
        tags: ['front door'],
        summary: 'Follow an inquiry with the link sent to the customer',
        params: tokenParams,
        response: { 200: followedInquirySchema, ...problems(400, 404) },
      },
    },
    async (request) => followInquiry(db, request.params.token),
  );

  // ------------------------------------------------------------ HEIs: inbox and routing
  app.get(
    '/api/inquiries',
    {
      schema: {
        tags: ['inquiries'],
        summary:
          'Inquiries the active HEI may see: the consortium inbox, its own, and those referred to it; overdue first, a page at a time',
        querystring: listInquiriesQuery,
        response: { 200: inquiryListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listInquiries(db, actorOf(request), request.query),
  );

  app.get(
    '/api/inquiries/:inquiryId',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'An inquiry with its eligibility assessment (for the active HEI) and full trail',
        params: inquiryParams,
        response: { 200: inquiryDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getInquiry(db, actorOf(request), request.params.inquiryId),
  );

  const action = {
    params: inquiryParams,
    response: { 200: inquiryDetailSchema, ...problems(400, 401, 403, 404, 409) },
  };

  app.post(
    '/api/inquiries/:inquiryId/claim',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'Claim an inquiry from the inbox for the active HEI (coordinator)',
        ...action,
      },
    },
    async (request) => claimInquiry(db, actorOf(request), request.params.inquiryId),
  );

  app.post(
    '/api/inquiries/:inquiryId/refer',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'Refer an inquiry to another HEI of the consortium, with a reason (coordinator)',
        body: referBody,
        ...action,
      },
    },
    async (request) =>
      referInquiry(db, actorOf(request), request.params.inquiryId, request.body.toHeiId, request.body.reason),
  );

  app.post(
    '/api/inquiries/:inquiryId/referral/accept',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'Accept an inquiry referred to the active HEI (coordinator)',
        body: reasonBody.partial(),
        ...action,
      },
    },
    async (request) =>
      answerReferral(db, actorOf(request), request.params.inquiryId, true, request.body.reason),
  );

  app.post(
    '/api/inquiries/:inquiryId/referral/decline',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'Decline an inquiry referred to the active HEI, with a reason (coordinator)',
        body: reasonBody,
        ...action,
      },
    },
    async (request) =>
      answerReferral(db, actorOf(request), request.params.inquiryId, false, request.body.reason),
  );

  app.post(
    '/api/inquiries/:inquiryId/decline',
    {
      schema: {
        tags: ['inquiries'],
        summary:
          'Decline an inquiry with a reason and suggested alternatives, e-mailed to the customer (coordinator)',
        body: declineBody,
        ...action,
      },
    },
    async (request) =>
      declineInquiry(
        db,
        actorOf(request),
        request.params.inquiryId,
        request.body.reason,
        request.body.alternatives,
      ),
  );

  // ------------------------------------------------------------ the contact person's rights (GDPR)
  app.put(
    '/api/inquiries/:inquiryId/contact',
    {
      schema: {
        tags: ['inquiries'],
        summary:
          'Correct the contact person on their request; the trail names the fields changed, not the values (coordinator)',
        body: contactBody,
        ...action,
      },
    },
    async (request) => correctContact(db, actorOf(request), request.params.inquiryId, request.body),
  );

  app.post(
    '/api/inquiries/:inquiryId/contact/erase',
    {
      schema: {
        tags: ['inquiries'],
        summary:
          'Erase the contact person on their request: name, e-mail, phone and the e-mails sent to them about the inquiry (coordinator)',
        body: reasonBody,
        ...action,
      },
    },
    async (request) => eraseContact(db, actorOf(request), request.params.inquiryId, request.body.reason),
  );

  app.post(
    '/api/inquiries/:inquiryId/eligibility/overrides',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'Override an eligibility flag with a recorded justification (coordinator)',
        body: overrideBody,
        ...action,
      },
    },
    async (request) =>
      overrideEligibility(
        db,
        actorOf(request),
        request.params.inquiryId,
        request.body.rule,
        request.body.justification,
      ),
  );
}
