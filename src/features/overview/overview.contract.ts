import { z } from 'zod';

/** The home page of a person at an HEI: what waits for them and for the HEI. */
export const overviewSchema = z
  .object({
    hei: z.object({ id: z.uuid(), name: z.string() }),
    /** Null for roles that do not handle inquiries (teachers, economists). */
    inquiries: z
      .object({
        /** New inquiries in the consortium inbox, and how many of them are past their first-response date. */
        inbox: z.int(),
        overdue: z.int(),
        referredToUs: z.int(),
        /** The first few of the inbox: overdue first, then the newest. */
        first: z.array(
          z.object({
            id: z.uuid(),
            reference: z.string(),
            organisationName: z.string(),
            receivedAt: z.iso.datetime(),
            dueAt: z.iso.datetime(),
            overdue: z.boolean(),
          }),
        ),
      })
      .nullable(),
    /**
     * Payments of the HEI's signed agreements not yet marked invoiced, past due or due in the next 14 days
     * (the earliest first, at most 10). Null for roles that do not invoice (only coordinators and economists do).
     */
    invoicing: z
      .object({
        total: z.int(),
        overdue: z.int(),
        items: z.array(
          z.object({
            agreementId: z.uuid(),
            caseId: z.uuid(),
            caseReference: z.string(),
            title: z.string(),
            customerName: z.string(),
            number: z.int(),
            dueDate: z.iso.date(),
            amountOre: z.int(),
            overdue: z.boolean(),
          }),
        ),
      })
      .nullable(),
    /** The person's open tasks on the HEI's cases: due soonest first. */
    tasks: z.object({
      total: z.int(),
      overdue: z.int(),
      items: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          dueOn: z.iso.date().nullable(),
          overdue: z.boolean(),
          caseId: z.uuid(),
          caseReference: z.string(),
          caseTitle: z.string(),
        }),
      ),
    }),
    /** Cases the person owns that are not closed. */
    openCases: z.int(),
    /** Tenders of the person's open cases with a last day from today on: the soonest first, at most 10. */
    tenders: z.array(
      z.object({
        caseId: z.uuid(),
        caseReference: z.string(),
        title: z.string(),
        customerName: z.string(),
        tenderDeadline: z.iso.date(),
      }),
    ),
    /**
     * The HEI's framework agreements that end within 90 days, the soonest first. Null for roles that do not
     * record them (only coordinators and managers do).
     */
    frameworksEnding: z
      .array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          customerName: z.string(),
          validTo: z.iso.date(),
          daysLeft: z.int(),
        }),
      )
      .nullable(),
    /**
     * The HEI's signed agreements whose course has been given (the case at follow-up, or closed as won) with no
     * post-calculation yet, the oldest first (at most 10). Null for roles that do not record them (only
     * coordinators and economists do).
     */
    outturns: z
      .object({
        total: z.int(),
        items: z.array(
          z.object({ agreementId: z.uuid(), caseId: z.uuid(), reference: z.string(), title: z.string() }),
        ),
      })
      .nullable(),
    /**
     * The sessions of the person's own open cases, today and in the next 55 days, whose teacher or room is booked
     * for another session at the same time, neither called off: how many, and the first 20 with what clashes named
     * (else null).
     */
    clashes: z.object({
      total: z.int(),
      items: z.array(
        z.object({
          sessionId: z.uuid(),
          caseId: z.uuid(),
          caseReference: z.string(),
          courseTitle: z.string(),
          day: z.iso.date(),
          startsAt: z.string(),
          endsAt: z.string(),
          teacher: z.string().nullable(),
          place: z.string().nullable(),
        }),
      ),
    }),
    /** The sessions the person teaches today and in the next 13 days (at most 50), not called off. */
    sessions: z.array(
      z.object({
        id: z.uuid(),
        caseId: z.uuid(),
        courseTitle: z.string(),
        day: z.iso.date(),
        startsAt: z.string(),
        endsAt: z.string(),
        place: z.string(),
        topic: z.string(),
        clash: z
          .boolean()
          .describe('The person teaches another session (at any HEI) at the same time, neither called off'),
      }),
    ),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof overviewSchema>;
