import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { sendNotificationDigests } from '../../src/features/notifications/notifications.service.ts';
import { notification } from '../../src/features/notifications/notifications.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// How a person wants notifications by e-mail: each at once (the default), gathered in one e-mail at 07:00 of
// those still unread, or only in Lupp. Every notification is in the app whatever they chose.

let t: TestApp;
let coord: TestUser;
let teacher: TestUser;
let caseId: string;
const URL = 'https://lupp.example.se';

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], {
    name: 'Ada Samordnare',
  });
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }], {
    name: 'Tea Lärare',
    email: 'tea.mail@alfa.example',
  });
  const created = await t.request('POST', '/api/cases', {
    cookie: coord.cookie,
    body: {
      title: 'Svetsteknik',
      customerName: 'Stålverket AB',
      customerOrgNumber: '5560360793',
      sector: 'private',
      needText: 'Svetsteknik för underhållet.',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  caseId = created.json().id;
});
afterAll(() => t.close());

const mention = (title: string) =>
  t.request('POST', `/api/cases/${caseId}/entries`, {
    cookie: coord.cookie,
    body: { kind: 'note', occurredAt: new Date().toISOString(), title, notes: '', mentions: [teacher.id] },
  });
const mailsToTeacher = () => t.db.select().from(outbox).where(eq(outbox.toAddress, 'tea.mail@alfa.example'));
const choose = (body: object, user = teacher) =>
  t.request('PUT', '/api/me/preferences', { cookie: user.cookie, body });
const unread = async () =>
  (await t.request('GET', '/api/notifications', { cookie: teacher.cookie })).json().unread;

describe('notifications by e-mail', () => {
  it('are e-mailed one by one unless the person chooses otherwise', async () => {
    const me = (await t.request('GET', '/api/me', { cookie: teacher.cookie })).json();
    expect(me.user.notificationEmail).toBe('each');
    expect((await mention('Första frågan')).statusCode).toBe(201);
    expect(await mailsToTeacher()).toHaveLength(1);
  });

  it('refuses an unknown choice and an empty change, keeping what was chosen', async () => {
    const bad = await choose({ notificationEmail: 'weekly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.notificationEmail' });
    expect((await choose({})).statusCode).toBe(400);
    const me = (await t.request('GET', '/api/me', { cookie: teacher.cookie })).json();
    expect(me.user).toMatchObject({ notificationEmail: 'each', locale: null });
  });

  it("'none': only in Lupp", async () => {
    const chosen = await choose({ notificationEmail: 'none' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().user.notificationEmail).toBe('none');
    await mention('Andra frågan');
    expect(await mailsToTeacher()).toHaveLength(1);
    expect(await unread()).toBe(2);
    expect(await sendNotificationDigests(t.db, URL)).toBe(0);
  });

  it("'daily': one e-mail in the morning of what is still unread, in the person's language, once", async () => {
    expect((await choose({ notificationEmail: 'daily', locale: 'en' })).json().user).toMatchObject({
      notificationEmail: 'daily',
      locale: 'en',
    });
    await mention('Tredje frågan');
    await mention('Fjärde frågan');
    await mention('Femte frågan');
    expect(await mailsToTeacher()).toHaveLength(1); // nothing at once
    // the person reads one of them in Lupp before the morning: it is left out
    const items = (await t.request('GET', '/api/notifications', { cookie: teacher.cookie })).json().items;
    const fifth = items[0]; // the newest: the fifth
    await t.request('POST', `/api/notifications/${fifth.id}/read`, { cookie: teacher.cookie, body: {} });

    expect(await sendNotificationDigests(t.db, URL)).toBe(1);
    const mails = await mailsToTeacher();
    expect(mails).toHaveLength(2);
    const digest = mails.find((m) => m.kind === 'notification_digest');
    expect(digest?.subject).toBe('2 notifications in Lupp');
    expect(digest?.textBody).toMatch(/Tredje frågan[\s\S]*Fjärde frågan/);
    expect(digest?.textBody).not.toContain('Femte frågan');
    expect(digest?.textBody).toContain('- mentioned you in UF-'); // the title's English part only
    expect(digest?.textBody).not.toContain('nämnde dig');
    expect(digest?.textBody).not.toContain('Andra frågan'); // chosen 'none' then: never e-mailed
    expect(digest?.textBody).toContain(`${URL}/cases/${caseId}`);
    // sent once: the next morning has nothing new
    expect(await sendNotificationDigests(t.db, URL)).toBe(0);
    // what waited for the e-mail is not kept once it is sent
    const kept = await t.db
      .select({ text: notification.mailText, pending: notification.mailPending })
      .from(notification)
      .where(eq(notification.userId, teacher.id));
    expect(kept.every((n) => n.text === null && !n.pending)).toBe(true);
  });

  it('leaves out of the morning e-mail what the person has since chosen not to get', async () => {
    await mention('Sjätte frågan');
    await choose({ notificationEmail: 'each' });
    expect(await sendNotificationDigests(t.db, URL)).toBe(0);
    await mention('Sjunde frågan');
    const mails = await mailsToTeacher();
    expect(mails).toHaveLength(3);
    expect(mails.at(-1)?.textBody).toContain('Sjunde frågan');
    expect(await unread()).toBe(6);
  });

  it('runs every morning at 07:00 Swedish time', async () => {
    const { rows } = await t.database.pool.query(
      `select cron, timezone from pgboss.schedule where name = 'notification-digests'`,
    );
    expect(rows).toEqual([{ cron: '0 7 * * *', timezone: 'Europe/Stockholm' }]);
  });
});
