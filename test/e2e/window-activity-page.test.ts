// An activity as a view of its own, in the window as it ships (Vite build, CSP) in Chromium, on the real desktop core:
// the filters, the count, the totals and the table give way to it, and the way back (its button, or Escape) finds the
// table exactly as the person left it far down a long list, its scroll to the pixel and the row it came from focused.
import { describe, expect, it } from 'vitest';
import { openRenderer } from '../support/browser';
import { openDesktop } from '../support/desktop-core';
import { FakeClock } from '../support/fake-clock';
import { useWorld } from '../support/splits';

describe('one activity as its own view, in Chromium', () => {
  const world = useWorld();

  it('takes the place of the whole table view, and Back returns to the same scroll and the same row', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'auto') });
    w.sim.seedActivities(1001, 600, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);

    const harness = await openRenderer(app.table);
    try {
      const { page } = harness;
      const errors = harness.pageErrors;
      await harness.show({ width: 1280, height: 800 });
      // By its selector: a hidden grid is out of the accessibility tree, where getByRole looks.
      const grid = page.locator('[role="grid"]');
      await grid.locator('[role="row"][aria-rowindex="2"]').waitFor();
      const search = page.getByLabel('Search by name');
      const count = page.locator('.activity-count');
      await expect.poll(() => count.textContent()).toMatch(/^600 activities/);

      // Far down the list by the keyboard: End, then pages up; then the wheel a little, so the scroll is the person's
      // own and not where a key left it. The row keeps the focus, and Enter opens it.
      await grid.focus();
      await page.keyboard.press('End');
      // The last row, drawn apart and then reached by the scroll that End makes, keeps the focus through it.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('601');
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
      await page.mouse.move(640, 500);
      await page.mouse.wheel(0, -137);
      await expect.poll(() => grid.evaluate((g) => g.scrollTop)).toBeGreaterThan(10_000);
      const focused = () =>
        page.evaluate(() => ({
          row: document.activeElement?.getAttribute('aria-rowindex') ?? null,
          selected: document.activeElement?.getAttribute('aria-selected') ?? null,
          name: document.activeElement?.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? null,
        }));
      const before = await focused();
      expect(Number(before.row)).toBeGreaterThan(400);
      expect(before.selected).toBe('true');
      // Settled: the wheel's scroll has drawn its rows (the scroll stays put over two frames).
      const settledTop = async () => {
        let top = await grid.evaluate((g) => g.scrollTop);
        for (;;) {
          const next = await grid.evaluate(
            (g) => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(g.scrollTop)))),
          );
          if (next === top) return top;
          top = next;
        }
      };
      const scrollTop = await settledTop();

      for (const leave of ['back', 'Escape'] as const) {
        await page.keyboard.press('Enter');
        const activity = page.getByRole('complementary', { name: 'Activity' });
        await activity.getByRole('heading', { name: before.name! }).waitFor();
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
        // The filters, the count and the table are out of sight and out of reach; the page covers where they were.
        expect(await search.isVisible()).toBe(false);
        expect(await count.isVisible()).toBe(false);
        expect(await grid.isVisible()).toBe(false);
        expect(await page.getByRole('grid').count()).toBe(0);
        const [filtersBox, activityBox, gridBox] = await Promise.all([
          page.locator('.activity-filters').boundingBox(),
          activity.boundingBox(),
          grid.boundingBox(),
        ]);
        expect(activityBox!.y).toBeLessThanOrEqual(filtersBox!.y);
        expect(activityBox!.y + activityBox!.height).toBeGreaterThanOrEqual(gridBox!.y + gridBox!.height);
        expect(activityBox!.width).toBeGreaterThanOrEqual(gridBox!.width);

        if (leave === 'back') await activity.getByRole('button', { name: 'Back to the activities' }).click();
        else await page.keyboard.press('Escape');
        await activity.waitFor({ state: 'detached' });
        expect(await search.isVisible()).toBe(true);
        expect(Math.abs((await grid.evaluate((g) => g.scrollTop)) - scrollTop)).toBeLessThanOrEqual(1);
        expect(await focused()).toEqual(before);
      }
      expect(errors).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
    }
  }, 120_000);
});
