import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { outbox } from './outbox.table.ts';

export type MailMessage = {
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** Blank the text once it is sent (or has failed for good): it holds a link that must not stay by the address. */
  forgetBodyOnceSent?: boolean;
  /** An iCalendar file (METHOD:PUBLISH) sent along as `schema.ics`: a calendar app adds or updates its events. */
  calendar?: string;
};

/** What a forgotten body reads in the outbox. */
export const FORGOTTEN_BODY = '(the text held a single-use link and was removed once the mail was sent)';

const MAX_ATTEMPTS = 5;

/** Writes an e-mail to the outbox, in the caller's transaction: it is sent only if the change commits. */
export async function enqueueMail(db: Pick<Db, 'insert'>, message: MailMessage): Promise<void> {
  await db.insert(outbox).values({
    kind: message.kind,
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    forgetBody: message.forgetBodyOnceSent ?? false,
    calendar: message.calendar ?? null,
  });
}

/**
 * Deletes the e-mails to an address whose subject names a record, sent or not: part of erasing a person's
 * contact data, since the outbox keeps the address and a greeting by name. The record's reference counts only
 * as a whole word, so erasing UF-2026-10000 leaves the mails about UF-2026-100001. Returns how many it deleted.
 */
export async function eraseMailsTo(
  db: Pick<Db, 'delete'>,
  address: string,
  reference: string,
): Promise<number> {
  const erased = await db.delete(outbox).where(mailTo(address, reference)).returning({ id: outbox.id });
  return erased.length;
}

/** The e-mails to this address whose subject names the reference as a whole word (for a subject access report). */
export async function mailsAbout(db: Pick<Db, 'select'>, address: string, reference: string) {
  return db
    .select({ subject: outbox.subject, createdAt: outbox.createdAt, status: outbox.status })
    .from(outbox)
    .where(mailTo(address, reference))
    .orderBy(outbox.createdAt);
}

function mailTo(address: string, reference: string) {
  const whole = `(^|[^[:alnum:]-])${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^[:alnum:]-])`;
  return and(eq(outbox.toAddress, address), sql`${outbox.subject} ~ ${whole}`);
}

/**
 * Delivers pending outbox rows over SMTP. Rows are claimed with SKIP LOCKED, so several app
 * processes can run senders against one database without sending anything twice.
 */
export function createMailSender(
  db: Db,
  smtpUrl: string,
  from: string,
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
) {
  const transport = nodemailer.createTransport(smtpUrl);
  const forgottenIfAsked = sql`case when ${outbox.forgetBody} then ${FORGOTTEN_BODY} else ${outbox.textBody} end`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function deliverPending(): Promise<number> {
    const claimed = await db.execute<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      calendar: string | null;
      attempts: number;
    }>(sql`
      update ${outbox} set attempts = attempts + 1, next_attempt_at = now() + interval '1 minute' * power(2, attempts)
      where id in (
        select id from ${outbox} where status = 'pending' and next_attempt_at <= now()
        order by created_at limit 20 for update skip locked)
      returning id, to_address, subject, text_body, calendar, attempts`);
    for (const row of claimed.rows) {
      try {
        await transport.sendMail({
          from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          attachments: row.calendar
            ? [
                {
                  filename: 'schema.ics',
                  content: row.calendar,
                  contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
                },
              ]
            : [],
        });
        await db
          .update(outbox)
          .set({ status: 'sent', sentAt: new Date(), lastError: null, textBody: forgottenIfAsked })
          .where(eq(outbox.id, row.id));
      } catch (error) {
        const failed = row.attempts >= MAX_ATTEMPTS;
        log.warn(
          { err: error, mailId: row.id, attempts: row.attempts },
          failed ? 'mail failed for good' : 'mail failed; will retry',
        );
        await db
          .update(outbox)
          .set({
            status: failed ? 'failed' : 'pending',
            lastError: String((error as Error).message ?? error),
            ...(failed ? { textBody: forgottenIfAsked } : {}),
          })
          .where(eq(outbox.id, row.id));
      }
    }
    return claimed.rows.length;
  }

  const tick = () => {
    running ??= deliverPending()
      .catch((error) => {
        log.error({ err: error }, 'mail delivery round failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    deliverPending: tick,
    start(intervalMs = 2000) {
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
export type MailSender = ReturnType<typeof createMailSender>;
