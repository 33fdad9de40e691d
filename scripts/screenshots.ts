// `npm run screenshots`: the main views of the demo (real core, simulator, synced data) in Debian's Chromium, light
// and dark, saved as PNGs under docs/screenshots/ for the README.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium';
import { root } from './demo/build';
import { spawnDemo } from './demo/spawn';

// Screenshots without scrollbars: the pictures show the window, not the scrolling of the moment.
const FLAGS = [...CHROMIUM_FLAGS, '--hide-scrollbars'];
const OUT = join(root, 'docs/screenshots');
const VIEWS = ['Activities', 'Charts', 'Statistics', 'Accounts', 'Sync history', 'Settings'];

const fileName = (view: string, theme: string) => `${view.toLowerCase().replace(/\s+/g, '-')}-${theme}.png`;

async function settle(page: Page): Promise<void> {
  await page.getByRole('tabpanel').waitFor();
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') &&
      !/Loading/.test(document.querySelector('[role="tabpanel"]')?.textContent ?? ''),
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Let transitions (meters, progress) finish so the picture is still.
  await page.waitForTimeout(400);
}

const executablePath = chromiumPath();
const demo = await spawnDemo();
const profile = await mkdtemp(join(tmpdir(), 'splits-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
});
try {
  await mkdir(OUT, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demo.url.href);
  await page.getByRole('tablist').waitFor();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate(
      (t) =>
        (
          globalThis as unknown as { splits: { settings: { set: (p: unknown) => Promise<unknown> } } }
        ).splits.settings.set({ theme: t }),
      theme,
    );
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    for (const view of VIEWS) {
      const tab = page.getByRole('tab', { name: view });
      if ((await tab.count()) === 0) {
        process.stderr.write(`no tab named ${view}: skipped\n`);
        continue;
      }
      await tab.click();
      await settle(page);
      await page.screenshot({ path: join(OUT, fileName(view, theme)) });
      process.stdout.write(`docs/screenshots/${fileName(view, theme)}\n`);
    }
    await page.getByRole('tab', { name: 'Activities' }).click();
    await settle(page);
    await page.getByRole('grid', { name: 'Activities' }).getByRole('row').nth(1).click();
    await page.getByRole('complementary', { name: 'Activity' }).waitFor();
    await settle(page);
    // The activity page is taller than the window: the whole page, its charts and tables included.
    await page.screenshot({ path: join(OUT, fileName('activity', theme)), fullPage: true });
    process.stdout.write(`docs/screenshots/${fileName('activity', theme)}\n`);
    await page.keyboard.press('Escape');
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  await demo.stop();
}
