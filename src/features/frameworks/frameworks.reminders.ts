import type { Db } from '../../db/client.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { notify } from '../notifications/notifications.service.ts';
import { kronor } from '../proposals/proposal.pdf.ts';
import { organisationMembers } from '../tenancy/tenancy.service.ts';
import { ENDING_SOON_DAYS, FRAMEWORK_WRITERS, type FrameworkSummary } from './frameworks.contract.ts';
import { runningFrameworks } from './frameworks.service.ts';
import { frameworkReminder } from './frameworks.table.ts';

/** The morning reminders of framework agreements (07:00 Swedish time, with the other reminders). */
export const FRAMEWORK_REMINDER_QUEUE = 'framework-reminders';

/**
 * From this share of the ceiling called off, those who run the agreement are told: the next call-off may not
 * fit, and a framework agreement cannot be called off beyond its ceiling (the customer would have to procure
 * anew), so there is time to talk with the customer first.
 */
export const CEILING_NEARLY_USED_PERCENT = 80;

type Running = FrameworkSummary & { heiId: string };
type Reminder = { kind: 'ending' | 'ceiling'; about: string; title: string; text: string };

/**
 * Tells the HEI's coordinators and managers, once each, of a running framework agreement that ends within 90
 * days (time to ask for an extension or prepare for the customer's next procurement) and of one whose signed
 * call-offs have used 80 % of its ceiling. An extension or a raised ceiling is reminded of anew. Returns how
 * many reminders were sent.
 */
export async function remindOfFrameworks(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  for (const framework of await runningFrameworks(db, stockholmDate(now))) {
    for (const reminder of remindersOf(framework))
      if (await remindOnce(db, framework, reminder, publicUrl)) sent += 1;
  }
  return sent;
}

function remindersOf(f: Running): Reminder[] {
  const reminders: Reminder[] = [];
  const name = `”${f.title}” med ${f.customer.name}`;
  const nameEn = `“${f.title}” with ${f.customer.name}`;
  const used = `${f.callOffs} avrop, ${kronor(f.calledOffOre, 'sv')} i avtal undertecknade av båda parter`;
  const usedEn = `${f.callOffs} call-offs, ${kronor(f.calledOffOre, 'en')} in agreements signed by both parties`;
  if (f.daysLeft <= ENDING_SOON_DAYS)
    reminders.push({
      kind: 'ending',
      about: f.validTo,
      title: `Ramavtalet ${f.title} löper ut ${f.validTo} / The framework agreement ${f.title} ends on ${f.validTo}`,
      text: [
        `Ramavtalet ${name} gäller till och med ${f.validTo}, om ${f.daysLeft} dagar. Hittills: ${used}. ` +
          'Kan avtalet förlängas, eller ska ni förbereda er för kundens nästa upphandling?',
        `The framework agreement ${nameEn} runs until ${f.validTo}, ${f.daysLeft} days from now. So far: ${usedEn}. ` +
          "Can it be extended, or is it time to prepare for the customer's next procurement?",
      ].join('\n\n'),
    });
  // in whole öre, so that exactly 80 % is 80 % (no rounding of a product of fractions)
  if (f.ceilingOre !== null && f.calledOffOre * 100 >= f.ceilingOre * CEILING_NEARLY_USED_PERCENT) {
    const share = Math.floor((f.calledOffOre * 100) / f.ceilingOre);
    const left = Math.max(f.ceilingOre - f.calledOffOre, 0);
    reminders.push({
      kind: 'ceiling',
      about: String(f.ceilingOre),
      title: `Ramavtalet ${f.title}: ${share} % av takbeloppet avropat / The framework agreement ${f.title}: ${share} % of its ceiling called off`,
      text: [
        `Under ramavtalet ${name} har ${share} % av takbeloppet ${kronor(f.ceilingOre, 'sv')} avropats (${used}); ` +
          `${kronor(left, 'sv')} återstår. Ett avrop utöver takbeloppet kan inte göras under avtalet.`,
        `Under the framework agreement ${nameEn}, ${share} % of the ceiling of ${kronor(f.ceilingOre, 'en')} has been ` +
          `called off (${usedEn}); ${kronor(left, 'en')} is left. A call-off beyond the ceiling cannot be made under the agreement.`,
      ].join('\n\n'),
    });
  }
  return reminders;
}

/** Sends the reminder unless it was sent before (the row is the lock: two app processes send it once). */
async function remindOnce(db: Db, f: Running, reminder: Reminder, publicUrl: string) {
  return db.transaction(async (tx) => {
    const [first] = await tx
      .insert(frameworkReminder)
      .values({ frameworkAgreementId: f.id, kind: reminder.kind, about: reminder.about })
      .onConflictDoNothing()
      .returning();
    if (!first) return false;
    // asked only when the reminder is due to go: most mornings every reminder has gone already
    const writers = (await organisationMembers(tx, f.heiId)).filter((m) =>
      m.roles.some((role) => (FRAMEWORK_WRITERS as readonly string[]).includes(role)),
    );
    await notify(tx, {
      userIds: writers.map((m) => m.userId),
      kind: `framework_${reminder.kind}`,
      title: reminder.title,
      text: reminder.text,
      link: `/framework-agreements/${f.id}`,
      actorName: 'Lupp',
      publicUrl,
    });
    return true;
  });
}
