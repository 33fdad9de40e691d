// Readable at 800x600, the smallest window Splits opens: the window as it ships (Vite build, CSP) in Debian's Chromium,
// on the real desktop core with two athletes synced from the simulator and one sync that failed. Nothing a person
// must read may be cut off without its full text at hand (a title), and an open activity may not clip the table.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openRenderer } from '../support/browser';
import { openDesktop } from '../support/desktop-core';
import { FakeClock } from '../support/fake-clock';
import { useWorld } from '../support/splits';

const SMALL = { width: 800, height: 600 };
const LARGE = { width: 1280, height: 800 };

/**
 * Elements under the selectors whose own text is cut: wider (or taller) than their box while their overflow is hidden
 * or clipped (an ellipsis included), and with no title up their tree that holds the whole text. A box that scrolls
 * keeps its text at hand, and so does a title.
 */
function cutText(page: Page, selectors: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const hides = (v: string) => v === 'hidden' || v === 'clip';
    return [...document.querySelectorAll<HTMLElement>(sel)]
      .flatMap((root) => [root, ...root.querySelectorAll<HTMLElement>('*')])
      .filter((el) => {
        const text = el.textContent?.trim() ?? '';
        if (!text || el.getClientRects().length === 0) return false;
        const style = getComputedStyle(el);
        const wide = el.scrollWidth > el.clientWidth && (hides(style.overflowX) || style.textOverflow === 'ellipsis');
        const tall = el.scrollHeight > el.clientHeight && hides(style.overflowY);
        if (!wide && !tall) return false;
        const title = el.closest<HTMLElement>('[title]')?.title ?? '';
        return !title.includes(text);
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}): ${el.textContent!.trim().slice(0, 80)}`,
      );
  }, selectors);
}

/**
 * Column headers not wholly inside the grid: `seen`, the part of the grid one sees (its box less its scrollbars);
 * `reached`, the part its scrollbars reach (a header beyond it is cut off for good, by the rows' own box).
 */
function headersOutsideGrid(page: Page, within: 'seen' | 'reached'): Promise<string[]> {
  return page.evaluate((part) => {
    const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
    const box = grid.getBoundingClientRect();
    const left = box.left + grid.clientLeft - (part === 'reached' ? grid.scrollLeft : 0);
    const right = left + (part === 'reached' ? grid.scrollWidth : grid.clientWidth);
    return [...grid.querySelectorAll<HTMLElement>('[role="columnheader"]')]
      .filter((h) => {
        const r = h.getBoundingClientRect();
        return r.width === 0 || r.left < left - 0.5 || r.right > right + 0.5;
      })
      .map(
        (h) =>
          `${h.textContent!.trim()} (${Math.round(h.getBoundingClientRect().left)}..${Math.round(h.getBoundingClientRect().right)} outside ${Math.round(left)}..${Math.round(right)})`,
      );
  }, within);
}

/** The limit meters' countdowns ("14 min 9 s") drawn over more than one line: a countdown is read whole. */
function brokenCountdowns(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[aria-label="Sync status"] [role="meter"] ~ *')].flatMap((el) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const time = /\d+ (h|min|s)( \d+ (min|s))?/.exec(n.textContent ?? '');
        if (!time) continue;
        const range = document.createRange();
        range.setStart(n, time.index);
        range.setEnd(n, time.index + time[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) found.push(`${time[0]} (${lines.size} lines)`);
      }
      return found;
    }),
  );
}

/** The activity filters' labels not on the line of the field they name (a wrap between "To" and its date). */
function labelsApart(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLLabelElement>('[role="search"] label[for]')].flatMap((label) => {
      const field = document.getElementById(label.htmlFor);
      if (!field) return [`${label.textContent}: no field`];
      const [l, f] = [label.getBoundingClientRect(), field.getBoundingClientRect()];
      const middle = l.top + l.height / 2;
      return middle >= f.top && middle <= f.bottom
        ? []
        : [`${label.textContent} (at ${Math.round(l.top)}, its field at ${Math.round(f.top)})`];
    }),
  );
}

describe('the window at 800x600 (and an open activity at 1280x800 too)', () => {
  const world = useWorld();

  it('cuts no status, header, history error or column header, and an open activity leaves the table whole', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'auto') });
    w.sim.seedActivities(1001, 40, { listHiddenShare: 0 });
    w.sim.seedActivities(1002, 40, { listHiddenShare: 0 });
    // The newest activity (the table's first row) with a name no column holds.
    const first = w.sim.addActivity(1001, {
      name: 'Morning ride over the three passes, with a long coffee stop in the village at the top',
    });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await w.connect(app.services, 1002);
    const [ada, grace] = app.services.store.accounts.list();
    await app.services.store.accounts.save({ ...ada!, name: 'Ada Lovelace' });
    await app.services.store.accounts.save({ ...grace!, name: 'Grace Brewster Murray Hopper' });
    await app.desktop.start();
    // One good sync, then one that fails for both (pages Strava garbles, more than the retries): errors in the
    // history and problems in the status bar, as long as they come.
    expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
    w.sim.injectFault({ kind: 'malformed', times: 40, path: /\/athlete\/activities/ });
    expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
    const runs = (await app.invoke('history:list', { limit: 10 })).value as Array<{
      error: { message: string } | null;
    }>;
    expect(runs.filter((r) => r.error).length).toBeGreaterThan(0);

    const harness = await openRenderer(app.table);
    try {
      const { page } = harness;
      const errors = harness.pageErrors;
      await harness.show(SMALL);
      const grid = page.getByRole('grid', { name: 'Activities' });
      await grid.getByRole('row').nth(1).waitFor();
      await page.getByRole('region', { name: 'Sync status' }).getByRole('meter').first().waitFor();

      // The header and the status bar (its sentence, its problems, the last sync, the limit meters).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(SMALL.width);
      expect(await cutText(page, '.shell-header, [aria-label="Sync status"]')).toEqual([]);
      // Every column at its full width: in sight, or reached by scrolling the table sideways.
      expect(await cutText(page, '[role="columnheader"]')).toEqual([]);
      expect(await headersOutsideGrid(page, 'reached')).toEqual([]);
      // A cell a narrow column cuts keeps its whole text on hover.
      await grid.getByRole('gridcell', { name: first.name }).waitFor();
      expect(await cutText(page, '[role="gridcell"]')).toEqual([]);

      // An activity opened, in the window's smallest size and its usual one: it takes the table's place whole (no column
      // left half under it, none squeezed out of sight beside it), under a way back at its top; the table waits
      // hidden, and Escape or that way back returns to the row it came from.
      // By its selector: a hidden grid is out of the accessibility tree, where getByRole looks.
      const gridBox = page.locator('[role="grid"]');
      for (const [size, leave, scrolled, row] of [
        [SMALL, 'Escape', 0, '2'],
        [LARGE, 'back', 96, '6'],
      ] as const) {
        await page.setViewportSize(size);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(size.width);
        expect(await cutText(page, '.shell-header, [aria-label="Sync status"]')).toEqual([]);
        expect(await brokenCountdowns(page)).toEqual([]);
        expect(await labelsApart(page)).toEqual([]);
        await gridBox.evaluate((g, top) => g.scrollTo({ top }), scrolled);
        await grid.locator(`[role="row"][aria-rowindex="${row}"]`).click();
        const panel = page.getByRole('complementary', { name: 'Activity' });
        await panel.waitFor();
        expect(await gridBox.evaluate((g) => getComputedStyle(g).visibility)).toBe('hidden');
        const [table, over] = await Promise.all([gridBox.boundingBox(), panel.boundingBox()]);
        expect(over!.x).toBeLessThanOrEqual(table!.x);
        expect(over!.x + over!.width).toBeGreaterThanOrEqual(table!.x + table!.width);
        expect(over!.y).toBeLessThanOrEqual(table!.y);
        // The way back is the panel's first control, in sight at its top, its words whole.
        const back = panel.getByRole('button', { name: 'Back to the activities' });
        expect(await panel.getByRole('button').first().textContent()).toBe(await back.textContent());
        const backBox = (await back.boundingBox())!;
        expect(backBox.y - over!.y).toBeLessThan(40);
        expect(await cutText(page, '[aria-label="Activity"]')).toEqual([]);
        if (leave === 'Escape') await page.keyboard.press('Escape');
        else await back.click();
        await panel.waitFor({ state: 'detached' });
        // Where it was: its scroll, and the row opened active and focused.
        expect(await gridBox.evaluate((g) => [getComputedStyle(g).visibility, g.scrollTop])).toEqual([
          'visible',
          scrolled,
        ]);
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe(row);
      }
      await page.setViewportSize(SMALL);

      // The history's errors: whole, and in sight without scrolling the view sideways.
      await page.getByRole('tab', { name: 'Sync history' }).click();
      const table = page.getByRole('table');
      await table.waitFor();
      const errorCells = await page.evaluate(() => {
        const headers = [...document.querySelectorAll('table th')].map((th) => th.textContent);
        const column = headers.indexOf('Error') + 1;
        return column > 0 ? `table tbody td:nth-child(${column})` : 'no Error column';
      });
      expect(await page.locator(errorCells).filter({ hasText: /\S/ }).count()).toBeGreaterThan(0);
      expect(await cutText(page, errorCells)).toEqual([]);
      const outOfSight = await page.evaluate((sel) => {
        const view = document.querySelector<HTMLElement>('main')!;
        const right = view.getBoundingClientRect().left + view.clientWidth;
        return [...document.querySelectorAll<HTMLElement>(sel)].filter(
          (td) => td.textContent!.trim() && td.getBoundingClientRect().right > right + 0.5,
        ).length;
      }, errorCells);
      expect(outOfSight).toBe(0);
      expect(await cutText(page, '.shell-header, [aria-label="Sync status"]')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await harness.close();
      await app.close();
    }
  }, 120_000);
});
