import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// The HEI's cost configuration and the full-cost calculator. Eva, economist at Mittlands universitet,
// drafts version 2 (valid from 2099) with a higher OH rate, meets another save on the way, and approves it:
// version 1 stays in effect. Karin, coordinator, prices a course with version 1; Lars, a teacher, may not.

const journey = luppAndBrowser();

/** Text with every kind of space (the thousands separator is a no-break space) as a plain one. */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s/g, ' ');

const openCosts = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Kostnadsunderlag' })
    .click();
  await expectHeading(page, 'Kostnadsunderlag');
};

const versionRow = (page: Page, version: number) =>
  page
    .getByTestId('cost-version-row')
    .filter({ has: page.getByRole('button', { name: `Version ${version}`, exact: true }) });

describe('cost configuration', () => {
  it('an economist drafts a new version, saves it past a conflict and approves it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'eva.ekonom@mittland.example');
    await openCosts(page);
    await versionRow(page, 1).getByText('Gäller nu').waitFor();
    const values = page.getByTestId('cost-values');
    expect(await textOf(values)).toContain('35 % av personalkostnaderna');
    expect(await textOf(values)).toContain('5 000 kr');
    await page.getByText('Den här versionen är godkänd och kan inte ändras.').waitFor();
    await expectNoAxeViolations(page);

    // A new version from 2099: a draft copy of version 1.
    await page.getByRole('button', { name: 'Ny version' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny version' });
    await dialog.getByLabel('Gäller från').fill('2099-01-01');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Skapa utkast' }).click();
    await dialog.waitFor({ state: 'detached' });
    const form = page.getByRole('form', { name: 'Utkastets värden' });
    const oh = form.getByRole('textbox', { name: 'OH-påslag (%)' });
    expect(await oh.inputValue()).toBe('35');
    expect(await form.getByRole('textbox', { name: 'Timlön (kr), Lektor' }).inputValue()).toBe('450');
    expect(await form.getByRole('textbox', { name: 'Lönekostnadspålägg (%), Lektor' }).inputValue()).toBe(
      '41,5',
    );
    await versionRow(page, 2).getByText('Utkast').waitFor();

    // Someone else saves the draft meanwhile: Eva's save is refused, her input stays.
    const otherSave = await page.evaluate(async () => {
      const me = await (await fetch('/api/me')).json();
      const membership =
        me.memberships.find((m: { id: string }) => m.id === me.activeMembershipId) ?? me.memberships[0];
      const organisationId = membership.tenant.id;
      const list = await (await fetch(`/api/organisations/${organisationId}/cost-configs`)).json();
      const draft = list.versions[0];
      const saved = await fetch(`/api/organisations/${organisationId}/cost-configs/${draft.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ revision: draft.revision, note: 'Höjt OH enligt budget 2099' }),
      });
      return saved.status;
    });
    expect(otherSave).toBe(200);
    await oh.fill('40');
    await form.getByRole('button', { name: 'Spara utkast' }).click();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.getByText('Någon annan har ändrat utkastet').waitFor();
    expect(await conflict.textContent()).toMatch(
      /Eva Holm sparade en ändring .+, efter att du öppnade sidan\./,
    );
    expect(await oh.inputValue()).toBe('40');
    await expectNoAxeViolations(page);

    await conflict.getByRole('button', { name: 'Läs in den senaste versionen' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await oh.inputValue()).toBe('35');
    expect(await form.getByRole('textbox', { name: 'Anteckning' }).inputValue()).toBe(
      'Höjt OH enligt budget 2099',
    );
    // A value that is not an amount shows at its field.
    const travel = form.getByRole('textbox', { name: 'Resa per tillfälle (kr)' });
    await travel.fill('1 500,505');
    await oh.fill('40');
    await form.getByRole('button', { name: 'Spara utkast' }).click();
    await form.getByText('Ange ett belopp i kronor, till exempel 450,50.').waitFor();
    expect(await travel.getAttribute('aria-invalid')).toBe('true');
    await travel.fill('1 500,50');
    // One the API refuses (above its limit) shows at its field too.
    const salary = form.getByRole('textbox', { name: 'Timlön (kr), Lektor' });
    await salary.fill('2 000 000 000');
    await form.getByRole('button', { name: 'Spara utkast' }).click();
    await form.getByText('Ange ett belopp på högst 1 000 000 000 kr.').waitFor();
    expect(await salary.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByText('Ange ett belopp i kronor, till exempel 450,50.').count()).toBe(0);
    await salary.fill('450');
    await form.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByText('Utkastet till version 2 är sparat.').waitFor();
    expect(await travel.inputValue()).toBe('1500,50');
    expect(await oh.inputValue()).toBe('40');
    await expectNoAxeViolations(page);

    // Approved: version 2 from 2099, version 1 still in effect; version 2 is read-only.
    await form.getByRole('button', { name: 'Godkänn' }).click();
    const approve = page.getByRole('dialog', { name: 'Godkänna version 2?' });
    await approve.getByRole('button', { name: 'Godkänn' }).click();
    await page.getByText('Version 2 är godkänd.').waitFor();
    await versionRow(page, 2).getByText('Godkänd', { exact: true }).waitFor();
    expect(await textOf(versionRow(page, 2))).toContain('Eva');
    expect(await versionRow(page, 2).getByText('Gäller nu').count()).toBe(0);
    await versionRow(page, 1).getByText('Gäller nu').waitFor();
    await page.getByText('Den här versionen är godkänd och kan inte ändras.').waitFor();
    expect(await textOf(page.getByTestId('cost-values'))).toContain('40 % av personalkostnaderna');
    expect(await textOf(page.getByTestId('cost-values'))).toContain('1 500,50 kr');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a coordinator calculates the full cost and price with the version in effect', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    await openCosts(page);
    expect(await page.getByRole('button', { name: 'Ny version' }).count()).toBe(0);

    const form = page.getByRole('form', { name: 'Kalkylens underlag' });
    await form.getByRole('textbox', { name: 'Deltagare', exact: true }).fill('20');
    await form.getByRole('textbox', { name: 'Undervisning (timmar), Lektor' }).fill('40');
    await form.getByRole('textbox', { name: 'Undervisning (timmar), Professor' }).fill('8');
    await form.getByRole('textbox', { name: 'Kursutveckling (timmar), Lektor' }).fill('20');
    await form.getByRole('textbox', { name: 'Antal resor' }).fill('4');
    await form.getByRole('textbox', { name: 'Jämför med gruppstorlekar' }).fill('12, 25');
    await form.getByRole('button', { name: 'Beräkna' }).click();

    const result = page.getByTestId('calculation');
    await result.waitFor();
    expect(await textOf(result.getByTestId('calc-total'))).toContain('90 313,57 kr');
    expect(await textOf(result.getByTestId('calc-per-participant'))).toContain('4 516 kr');
    expect(await textOf(result)).toContain('version 1 av kostnadsunderlaget');
    const lines = await textOf(result.getByTestId('calc-lines'));
    for (const line of [
      'Undervisning',
      'Kursutveckling',
      'Resor',
      'Indirekta kostnader (OH)',
      'Full kostnad',
    ])
      expect(lines).toContain(line);
    expect(lines).toContain('6 000 kr'); // four trips at 1 500 kr
    expect(await textOf(result.getByTestId('calc-hourly'))).toContain('636,75 kr'); // 450 kr + 41,5 %
    const sensitivity = result.getByTestId('calc-sensitivity');
    const row = (participants: string) =>
      sensitivity
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: participants, exact: true }) });
    expect(await textOf(row('12'))).toContain('7 060 kr');
    expect(await textOf(row('25'))).toContain('3 753 kr');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a teacher has no link to the page and no access to it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Översikt' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Kostnadsunderlag' }).count()).toBe(0);
    await page.goto('/admin/costs');
    await expectHeading(page, 'Kostnadsunderlag');
    await page.getByText('Du saknar behörighet').waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
