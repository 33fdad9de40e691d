// Accessibility of every view, as a person opens it: the demo (real core, simulator, synced data) in Debian's
// Chromium, each tab by its role="tab" name plus one opened activity, in the light and the dark theme, in a roomy
// window (1280x800) and the smallest one the window supports (800x600), checked by axe-core. Nothing of moderate
// impact or worse may remain (minor findings are matters of taste).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDemo, type RunningDemo } from '../../scripts/demo/spawn';
import { chromiumPath } from '../../scripts/chromium';
import { newBrowserContext } from '../support/shared-chromium';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

const REPORTED = new Set(['moderate', 'serious', 'critical']);
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;

/**
 * axe-core's source, evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses an
 * added <script>, and the check must run against the page as it ships.
 */
async function runAxe(page: Page, axeSource: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Waits for the view to settle: its loads done (nothing aria-busy, no "Loading" text), so axe sees what a person sees. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('tabpanel').waitFor();
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') &&
      !/Loading/.test(document.querySelector('[role="tabpanel"]')?.textContent ?? ''),
    undefined,
    { timeout: 10_000 },
  );
  // Charts and lists draw in the frame after their data arrives.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  // Chosen the way the Settings view chooses it: settings:set through window.splits, settings:changed back.
  await page.evaluate(
    (t) =>
      (
        globalThis as unknown as { splits: { settings: { set: (p: unknown) => Promise<unknown> } } }
      ).splits.settings.set({ theme: t }),
    theme,
  );
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

describe('the window is accessible (axe-core), every view, light and dark, 1280x800 and 800x600', () => {
  let demo: RunningDemo;
  let context: BrowserContext;
  let axeSource: string;

  beforeAll(async () => {
    chromiumPath(); // before the demo starts: a missing browser says so at once
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    demo = await spawnDemo();
    context = await newBrowserContext({ viewport: SIZES[0] });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await demo?.stop();
  });

  it('finds nothing of moderate impact or worse on any tab or an opened activity', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(demo.url.href);
    await page.getByRole('tablist').waitFor();
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs.map((t) => t.trim())).toEqual(
      expect.arrayContaining(['Activities', 'Charts', 'Accounts', 'Sync history', 'Settings']),
    );

    const found: string[] = [];
    const checked: string[] = [];
    const check = async (where: string) => {
      await settled(page);
      const violations = (await runAxe(page, axeSource)).filter((v) => v.impact !== null && REPORTED.has(v.impact));
      checked.push(where);
      for (const v of violations)
        found.push(
          `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}; ${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`,
        );
    };

    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(page, theme);
        const at = `${theme}, ${size.width}x${size.height}`;
        for (const name of tabs) {
          await page.getByRole('tab', { name }).click();
          await page.waitForFunction(
            (n) => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim() === n.trim(),
            name,
          );
          await check(`${name.trim()} (${at})`);
        }
        // One activity opened from the table, as a click on its row opens it.
        await page.getByRole('tab', { name: 'Activities' }).click();
        const grid = page.getByRole('grid', { name: 'Activities' });
        await grid.getByRole('row').nth(1).click();
        await page.getByRole('complementary', { name: 'Activity' }).waitFor();
        await check(`one activity (${at})`);
        await page.keyboard.press('Escape');
        await page.getByRole('complementary', { name: 'Activity' }).waitFor({ state: 'detached' });
      }
    }

    expect(checked).toHaveLength(SIZES.length * 2 * (tabs.length + 1));
    expect(errors).toEqual([]);
    expect(found, `axe found:\n${found.join('\n')}`).toEqual([]);
  }, 300_000);

  it("is reached by the keyboard in reading order: the skip link first, then the table's sort controls before its rows", async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize(SIZES[0]);
    // A fresh page (the same address with its #token would not load again).
    await page.goto('about:blank');
    await page.goto(demo.url.href);
    await page.getByRole('grid', { name: 'Activities' }).getByRole('row').nth(1).waitFor();
    await settled(page);

    // The first Tab of a fresh page: the skip link, shown where it can be seen; Enter lands in the main landmark.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return {
        tag: el.tagName,
        text: el.textContent,
        seen: box.width > 0 && box.top >= 0 && box.bottom <= innerHeight,
      };
    });
    expect(first).toEqual({ tag: 'A', text: 'Skip to the view', seen: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

    // From there, Tab by Tab through the activities view until the focus leaves the table.
    const stops: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (!el.closest('[role="grid"]')) return 'outside';
        if (el.closest('[role="columnheader"]'))
          return `sort ${el.closest('[role="columnheader"]')!.textContent!.replace(/[▲▼]/g, '').trim()}`;
        return el.getAttribute('role') === 'row'
          ? `row ${el.getAttribute('aria-rowindex')}`
          : `other ${el.tagName} ${el.getAttribute('role')}`;
      });
      stops.push(stop);
      if (stop === 'outside' && stops.some((s) => s !== 'outside')) break;
    }
    const inGrid = stops.filter((s) => s !== 'outside');
    const sortable = await page
      .getByRole('grid', { name: 'Activities' })
      .getByRole('columnheader')
      .getByRole('button')
      .allTextContents();
    expect(sortable.length).toBeGreaterThan(2);
    // Every sort control, in the columns' order, then one stop for the rows (the active row), then out of the table.
    expect(inGrid).toEqual([...sortable.map((t) => `sort ${t.replace(/[▲▼]/g, '').trim()}`), 'row 2']);
  }, 60_000);
});
