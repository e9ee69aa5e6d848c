import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender, enqueueMail, FORGOTTEN_BODY } from '../../src/features/mail/mail.service.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

type Received = { from: string; to: string[]; raw: string };
const silentLog = { warn: () => {}, error: () => {} };

let t: TestApp;
let smtp: SMTPServer;
let port: number;
const received: Received[] = [];
let rejectNext = false;

beforeAll(async () => {
  t = await createTestApp();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk) => {
        raw += chunk.toString();
      });
      stream.on('end', () => {
        if (rejectNext) {
          rejectNext = false;
          return callback(new Error('mailbox unavailable'));
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  await t.close();
});

describe('the outbox sender (SMTP_URL set)', () => {
  it('really sends pending e-mails over SMTP and marks them sent, once', async () => {
    await enqueueMail(t.db, {
      kind: 'test',
      to: 'mottagare@example.se',
      subject: 'Hej från Lupp',
      text: 'Åäö fungerar.',
    });
    const sender = createMailSender(t.db, `smtp://127.0.0.1:${port}`, 'Lupp <lupp@example.se>', silentLog);
    expect(await sender.deliverPending()).toBe(1);
    expect(await sender.deliverPending()).toBe(0);
    await sender.stop();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'lupp@example.se', to: ['mottagare@example.se'] });
    expect(received[0]?.raw).toMatch(/^Subject: .*Hej/m);
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'mottagare@example.se'));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it('sends a calendar file along as schema.ics (text/calendar, METHOD:PUBLISH) when the e-mail has one', async () => {
    const calendar = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n';
    await enqueueMail(t.db, {
      kind: 'test',
      to: 'kalender@example.se',
      subject: 'Schema',
      text: 'Se bilagan.',
      calendar,
    });
    await enqueueMail(t.db, {
      kind: 'test',
      to: 'utan@example.se',
      subject: 'Inget schema',
      text: 'Ingen bilaga.',
    });
    const sender = createMailSender(t.db, `smtp://127.0.0.1:${port}`, 'lupp@example.se', silentLog);
    expect(await sender.deliverPending()).toBe(2);
    await sender.stop();
    const withFile = received.find((r) => r.to.includes('kalender@example.se'))?.raw ?? '';
    expect(withFile).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    expect(withFile).toMatch(/filename=schema\.ics/);
    expect(
      Buffer.from(
        withFile.split(/filename=schema\.ics\r?\n\r?\n/)[1]?.split(/\r?\n--/)[0] ?? '',
        'base64',
      ).toString(),
    ).toContain('METHOD:PUBLISH');
    const without = received.find((r) => r.to.includes('utan@example.se'))?.raw ?? '';
    expect(without).not.toMatch(/text\/calendar/);
  });

  it('blanks a body that holds a single-use link once it is sent, and only such a body', async () => {
    await enqueueMail(t.db, {
      kind: 'course_evaluation',
      to: 'deltagare@example.se',
      subject: 'Utvärdera kursen',
      text: 'Din länk: https://lupp.example.se/feedback/hemlig-token',
      forgetBodyOnceSent: true,
    });
    const sender = createMailSender(t.db, `smtp://127.0.0.1:${port}`, 'lupp@example.se', silentLog);
    await sender.deliverPending();
    await sender.stop();
    // the participant got the link; the outbox keeps that a mail went to them, not which link
    const mail = received.find((r) => r.to.includes('deltagare@example.se'));
    expect(mail?.raw).toContain('hemlig-token');
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'deltagare@example.se'));
    expect(row).toMatchObject({ status: 'sent', subject: 'Utvärdera kursen', textBody: FORGOTTEN_BODY });
    const [kept] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'mottagare@example.se'));
    expect(kept?.textBody).toBe('Åäö fungerar.');
  });

  it('keeps a failed e-mail pending with the error and a later retry time', async () => {
    rejectNext = true;
    await enqueueMail(t.db, { kind: 'test', to: 'studsar@example.se', subject: 'Försök', text: 'x' });
    const sender = createMailSender(t.db, `smtp://127.0.0.1:${port}`, 'lupp@example.se', silentLog);
    await sender.deliverPending();
    await sender.stop();
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'studsar@example.se'));
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('mailbox unavailable'),
    });
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });
});
