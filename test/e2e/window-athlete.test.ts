// One athlete, or all, as a person sees it: `npm run demo` (the real core, the simulator's two athletes, synced) in
// Debian's Chromium. Choosing an athlete in the header narrows the table and the weekly chart to them, and the choice
// survives a reload. What is expected is read from the demo's own data folder: the activities as stored on disk.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoInBrowser } from '../support/demo-browser';
import { demoAthletes, storedActivities } from '../support/demo-stored';
import { numberIn, weeklyKm, type DatedDistance } from '../support/weekly-km';

type Stored = DatedDistance;

/** The number of activities the count line above the table says. */
const shownCount = async (page: Page) =>
  numberIn(
    /^([\d,.\s\u00a0\u202f]+) activit/.exec((await page.locator('.activity-count').textContent()) ?? '')?.[1] ?? 'NaN',
  );

describe('one athlete, or all, in the demo', () => {
  const opened = useDemoInBrowser();

  it('choosing Grace shows her activities alone and her weekly distance alone, and a reload keeps her', async () => {
    const { demo } = opened();
    // The demo's athletes as it printed them: id, name, how many it stored.
    const athletes = demoAthletes(demo.output());
    expect(athletes.map((a) => a.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    const grace = athletes[1]!;
    const hers = await storedActivities<Stored>(demo.dataDir, grace.id);
    const everyone = [...(await storedActivities<Stored>(demo.dataDir, athletes[0]!.id)), ...hers];
    expect(hers).toHaveLength(grace.stored);

    const page = await opened().page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(demo.url.href);
    const picker = page.getByRole('banner').getByRole('combobox', { name: 'Athlete' });
    await picker.waitFor();

    // All athletes: everyone's activities, each row naming its athlete.
    expect(await picker.locator('option').allTextContents()).toEqual(['All athletes', 'Ada Lovelace', 'Grace Hopper']);
    await expect.poll(() => shownCount(page), { timeout: 15_000 }).toBe(everyone.length);
    await expect.poll(() => page.getByRole('columnheader', { name: 'Athlete' }).count()).toBe(1);

    // Grace alone.
    await picker.selectOption({ label: 'Grace Hopper' });
    await expect.poll(() => shownCount(page), { timeout: 15_000 }).toBe(grace.stored);
    expect(await page.getByRole('columnheader', { name: 'Athlete' }).count()).toBe(0);

    // The weekly chart's numbers (its table), every week: Grace's distances, not the two athletes' added together.
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.getByLabel('Range').selectOption({ label: 'All weeks' });
    const weekly = page.locator('table', { has: page.locator('caption', { hasText: /^Weekly distance/ }) });
    const totals = async () =>
      (await weekly.locator('tbody tr td:last-child').allTextContents()).map(numberIn).filter((km) => km >= 0.05);
    const expected = weeklyKm(hers);
    expect(weeklyKm(everyone)).not.toEqual(expected); // the test can tell them apart
    await expect.poll(async () => (await totals()).length, { timeout: 15_000 }).toBe(expected.length);
    const shown = await totals();
    shown.forEach((km, i) =>
      expect(Math.abs(km - expected[i]!), `week ${i}: ${km} km shown, ${expected[i]} km hers`).toBeLessThan(0.051),
    );

    // A reload (the window opened again): still Grace, in the control and the table.
    await page.reload();
    const again = page.getByRole('banner').getByRole('combobox', { name: 'Athlete' });
    await again.waitFor();
    await expect.poll(() => again.inputValue()).toBe(String(grace.id));
    await expect.poll(() => shownCount(page), { timeout: 15_000 }).toBe(grace.stored);
    expect(errors).toEqual([]);
  }, 120_000);
});
