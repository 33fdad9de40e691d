// The window as a person uses it: the real built main process on the electron stand-in, its window in Chromium, the
// Strava simulator over HTTP, a temp data folder. Every step goes through the page (clicks, typing), never around it.
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { approveInBrowser } from '../support/browser-login';
import { runCli } from '../support/cli';
import { toNextQuarter } from '../support/clock-shift';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { keepMainStderr } from '../support/main-stderr';
import { useTempDirs } from '../support/temp-dirs';
import { StravaSimulator, systemClock, type SimOptions } from '../strava-sim';

const makeTempDir = useTempDirs('splits-window-');

async function startSim(options: SimOptions = {}): Promise<StravaSimulator> {
  return new StravaSimulator({ clock: systemClock as never, ...options }).start();
}

const env = (sim: StravaSimulator, credentials: boolean) => ({
  STRAVA_API_URL: sim.apiUrl,
  STRAVA_OAUTH_URL: sim.oauthUrl,
  STRAVA_CLIENT_ID: credentials ? sim.clientId : undefined,
  STRAVA_CLIENT_SECRET: credentials ? sim.clientSecret : undefined,
  // Never this machine's keychain.
  SPLITS_VAULT: 'file',
});

const count = async (page: Page) => (await page.locator('.activity-count').textContent()) ?? '';
const tab = (page: Page, name: string) => page.getByRole('tab', { name });

describe('the window, end to end', () => {
  // main's warnings for the faults these tests cause on purpose: kept, not printed into a passing run.
  const mainStderr = keepMainStderr();
  it('first run: the guide, Connect, the first sync with progress, every activity, search, filter, sort, one activity with its route, the history', async () => {
    const sim = await startSim();
    const dataDir = await makeTempDir();
    try {
      const seeded = sim.seedActivities(1001, 650, { listHiddenShare: 0 });
      const app = await bootDesktopApp({ dataDir, env: env(sim, false) });
      const page = await app.page(await app.window());

      // 1. The guide: the application's id and secret, then Connect in the system browser.
      await tab(page, 'Accounts').waitFor();
      await vi.waitFor(async () => expect(await tab(page, 'Accounts').getAttribute('aria-selected')).toBe('true'));
      const form = page.getByRole('form', { name: 'Strava application credentials' });
      await form.getByLabel('Client ID', { exact: true }).fill(sim.clientId);
      await form.getByLabel('Client Secret', { exact: true }).fill(sim.clientSecret);
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Connect with Strava' }).click();
      await vi.waitFor(() => expect(app.electron.opened.external).toHaveLength(1), { timeout: 10_000 });
      expect((await approveInBrowser(app.electron.opened.external[0]!)).status).toBe(200);

      // 2. The first sync starts by itself; the status bar shows it, then that it is done.
      const status = page.getByRole('region', { name: 'Sync status' });
      await vi.waitFor(async () => expect(await status.textContent()).toMatch(/Last sync .*650 new/), {
        timeout: 30_000,
        interval: 200,
      });

      // 3. The table shows every activity.
      await tab(page, 'Activities').click();
      await vi.waitFor(async () => expect(await count(page)).toMatch(/^650 activities/), { timeout: 10_000 });
      // Newest by the athlete's own clock, as the table sorts.
      const newest = [...seeded].sort((a, b) => b.start + b.utcOffset - (a.start + a.utcOffset))[0]!;
      await expect
        .poll(async () => page.locator('[role=grid] [role=row][aria-rowindex="2"]').textContent())
        .toContain(newest.name);

      // 4. Search, filter by sport, sort.
      await page.getByLabel('Search by name').fill(newest.name);
      const byName = seeded.filter((a) => a.name.toLowerCase().includes(newest.name.toLowerCase())).length;
      await vi.waitFor(async () => expect(await count(page)).toMatch(new RegExp(`^${byName} of 650`)), {
        timeout: 5000,
      });
      await page.getByLabel('Search by name').fill('');
      await page
        .getByRole('columnheader', { name: /Distance/ })
        .getByRole('button')
        .click();
      const longest = [...seeded].sort((a, b) => b.distance - a.distance || b.id - a.id)[0]!;
      await expect
        .poll(async () => page.locator('[role=grid] [role=row][aria-rowindex="2"]').textContent())
        .toContain(longest.name);

      // 5. One activity, with its route drawn from its polyline.
      await page.locator('[role=grid] [role=row][aria-rowindex="2"]').click();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('complementary', { name: 'Activity' });
      await panel.getByRole('heading', { name: longest.name }).waitFor();
      const route = panel.getByRole('img', { name: /^Route of / });
      if (longest.route.length > 1)
        await expect.poll(async () => route.getAttribute('aria-label')).toMatch(/\d+ points$/);
      await page.keyboard.press('Escape');

      // 8. The history shows the run.
      await tab(page, 'Sync history').click();
      await expect.poll(async () => page.getByRole('table').textContent()).toMatch(/ok/i);
      expect(app.electron.problems).toEqual([]);
      expect(await app.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 120_000);

  it('the meters move with the requests, a CLI sync reaches the window, a fault shows its plain message, the limit its countdown', async () => {
    // Strava's clock a second into its next quarter hour: the app learns it from the Date header, so the whole test
    // (the background resume, the one-shot fault, the usage set below) falls in one window whatever the time.
    const sim = await startSim({
      limits: { read15: 40, readDay: 1000, overall15: 200, overallDay: 2000 },
      clockSkewMs: toNextQuarter(Date.now()),
    });
    const dataDir = await makeTempDir();
    const cliEnv = { ...env(sim, true), SPLITS_DATA_DIR: dataDir } as Record<string, string>;
    try {
      sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      const login = await runCli(
        ['login', '--refresh-token', sim.grantTokens(1001, 'read,activity:read_all').refresh_token],
        cliEnv,
      );
      expect(login.code, login.stderr).toBe(0);
      const app = await bootDesktopApp({ dataDir, env: env(sim, true) });
      await vi.waitFor(() => expect(app.electron.tray()).toBeTruthy(), { timeout: 20_000 });
      app.electron.clickTrayMenu('Open Splits');
      const page = await app.page(await app.window());
      const status = page.getByRole('region', { name: 'Sync status' });
      const meter = page.getByRole('meter', { name: /Reads, 15 min/ });
      const used = async () => Number(await meter.getAttribute('aria-valuenow'));

      // 6. The launch sync spent reads: the read meter shows main's count, and it moves with each sync.
      await vi.waitFor(async () => expect(await status.textContent()).toMatch(/Last sync/), {
        timeout: 20_000,
        interval: 200,
      });
      await expect.poll(used).toBeGreaterThan(0);

      // 10. A CLI sync meanwhile brings a new activity; the window's next sync reads what the CLI wrote.
      sim.addActivity(1001, { name: 'Brought by the CLI' });
      const cli = await runCli(['sync', '--no-details', '--wait'], cliEnv);
      expect(cli.code, cli.stderr).toBe(0);
      const beforeSync = await used();
      await page.getByRole('button', { name: 'Sync now' }).focus();
      await page.keyboard.press('Enter');
      // The button keeps the keyboard's focus while the sync it started runs (a disabled one would drop it).
      await vi.waitFor(async () => expect(await status.textContent()).toMatch(/Syncing|Last sync/));
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Sync now');
      await expect.poll(used, { timeout: 20_000 }).toBeGreaterThan(beforeSync);
      await tab(page, 'Activities').click();
      await vi.waitFor(async () => expect(await count(page)).toMatch(/^31 activities/), {
        timeout: 20_000,
        interval: 200,
      });
      await page.getByLabel('Search by name').fill('Brought by the CLI');
      await vi.waitFor(async () => expect(await count(page)).toMatch(/^1 of 31/), { timeout: 5000 });

      // 9. A fault: Strava refuses the application (its owner's subscription lapsed). The plain message, its action.
      sim.injectFault({ kind: 'inactive', times: 1 });
      await syncOffered(page);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const attention = page.getByRole('list', { name: 'Needs attention' });
      await vi.waitFor(async () => expect(await attention.textContent()).toMatch(/subscription/), {
        timeout: 20_000,
        interval: 250,
      });
      await attention.getByRole('link', { name: /Strava API settings/ }).waitFor();

      // 7. At the limit (another tool with the same application spent it): Strava answers 429, and the window shows
      // the rate-limited state with a countdown to the reset.
      sim.rateLimits.setUsage(sim.now(), { read15: 40, overall15: 40 });
      await syncOffered(page);
      await page.getByRole('button', { name: 'Sync now' }).click();
      await vi.waitFor(
        async () => expect(await status.textContent()).toMatch(/read budget is used up until|Syncing resumes in/),
        { timeout: 20_000, interval: 200 },
      );
      await page.getByRole('timer').waitFor();
      await expect.poll(used).toBe(40);
      // main's log said each, as a warning.
      expect(mainStderr().join('')).toMatch(
        /warn \[splits\] manual sync: Athlete 1001 stopped \(the Strava application is inactive\)/,
      );
      expect(app.electron.problems).toEqual([]);
      expect(await app.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 150_000);
});

/**
 * Waits until Sync now is offered: while a sync or the backfill after it runs, the button is aria-disabled and a click
 * on it does nothing (it keeps the keyboard's focus), so a click then would start no sync.
 */
async function syncOffered(page: Page): Promise<void> {
  await vi.waitFor(
    async () =>
      expect(await page.getByRole('button', { name: 'Sync now' }).getAttribute('aria-disabled')).toBe('false'),
    { timeout: 20_000, interval: 100 },
  );
}
