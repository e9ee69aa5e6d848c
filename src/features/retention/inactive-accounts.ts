import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { customersWithOpenCases } from '../cases/cases.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import {
  type CustomerAccount,
  customerAccountsUnusedSince,
  deleteAccount,
} from '../tenancy/tenancy.service.ts';
import { accountErasureNotice } from './retention.table.ts';

// The deployment's rule for customers' portal accounts (LUPP_INACTIVE_ACCOUNT_MONTHS). Accounts belong to
// no single HEI — a customer's contact person may follow cases at several — so the rule is the operator's,
// not an HEI's. Only accounts with no role at an HEI or consortium are erased, never while one of their
// organisations has an open case, and only after an e-mail warned them WARNING_DAYS before.

/** How long before the erasure the person is warned, and how long the warning must have stood. */
export const WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export type InactiveAccountsRule = { months: number; publicUrl: string };

function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

/** Warns the accounts that will be due within WARNING_DAYS, and erases those warned in time and unused since. */
export async function sweepInactiveAccounts(db: Db, rule: InactiveAccountsRule, now = new Date()) {
  const dueAt = monthsBefore(now, rule.months);
  const warnFrom = new Date(dueAt.getTime() + WARNING_DAYS * DAY_MS);
  const unused = await customerAccountsUnusedSince(db, warnFrom);
  const busy = await customersWithOpenCases(db, [...new Set(unused.flatMap((a) => a.customerIds))]);
  const result = { warned: 0, erased: 0 };
  for (const account of unused) {
    if (account.customerIds.some((id) => busy.has(id))) continue;
    const [notice] = await db
      .select()
      .from(accountErasureNotice)
      .where(eq(accountErasureNotice.userId, account.userId));
    const warnedSinceUse = notice && notice.warnedAt > account.lastActiveAt;
    const warnedInTime = warnedSinceUse && now.getTime() - notice.warnedAt.getTime() >= WARNING_DAYS * DAY_MS;
    if (account.lastActiveAt < dueAt && warnedInTime) {
      await erase(db, account, rule.months);
      result.erased += 1;
    } else if (!warnedSinceUse) {
      await warn(db, account, rule, erasureDate(account, rule.months, now));
      result.warned += 1;
    }
  }
  return result;
}

/** The day the account will be erased: its months after last use, and never sooner than the warning allows. */
function erasureDate(account: CustomerAccount, months: number, now: Date): Date {
  const due = monthsBefore(account.lastActiveAt, -months);
  const earliest = new Date(now.getTime() + WARNING_DAYS * DAY_MS);
  return due > earliest ? due : earliest;
}

async function warn(db: Db, account: CustomerAccount, rule: InactiveAccountsRule, on: Date) {
  const day = on.toISOString().slice(0, 10);
  const sv = account.locale === 'sv';
  await db.transaction(async (tx) => {
    await enqueueMail(tx, {
      kind: 'account_erasure_warning',
      to: account.email,
      subject: sv ? 'Ditt konto i Lupp raderas' : 'Your Lupp account will be deleted',
      text: (sv
        ? [
            `Hej ${account.name}!`,
            '',
            `Du har inte loggat in i Lupp på länge. Konton som inte används raderas efter ${rule.months} månader, så ditt konto raderas ${day}.`,
            `Vill du behålla det räcker det att logga in före dess: ${rule.publicUrl}/sign-in`,
          ]
        : [
            `Hello ${account.name},`,
            '',
            `You have not signed in to Lupp for a long time. Accounts not used for ${rule.months} months are deleted, so yours will be deleted on ${day}.`,
            `To keep it, just sign in before then: ${rule.publicUrl}/sign-in`,
          ]
      ).join('\n'),
    });
    await tx
      .insert(accountErasureNotice)
      .values({ userId: account.userId, warnedAt: new Date() })
      .onConflictDoUpdate({ target: accountErasureNotice.userId, set: { warnedAt: new Date() } });
  });
}

async function erase(db: Db, account: CustomerAccount, months: number) {
  await db.transaction(async (tx) => {
    const data = { months, lastActiveAt: account.lastActiveAt.toISOString() };
    // in each customer organisation's own log, where its admins follow their contact people
    for (const organisationId of account.customerIds.length ? account.customerIds : [null])
      await recordAudit(tx, {
        actor: null,
        organisationId,
        action: 'account.erased_inactive',
        subjectType: 'user',
        subjectId: account.userId,
        data,
      });
    await deleteAccount(tx, account.userId);
  });
}
