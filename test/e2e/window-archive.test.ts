// Strava's archive in the real window: the built main process on the electron stand-in, its window in Chromium, the
// simulator over HTTP. Main's file picker (dialog.showOpenDialog) answers with an archive the test wrote.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fromSimulator, writeArchive } from '../support/archive-fixture';
import { runCli } from '../support/cli';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { useTempDirs } from '../support/temp-dirs';
import { StravaSimulator, systemClock } from '../strava-sim';

const makeTempDir = useTempDirs('splits-window-archive-');

describe("the window and Strava's archive, end to end", () => {
  it('imports the archive main picked, then one activity shows the charts of its recorded track, drawn', async () => {
    const sim = await new StravaSimulator({ clock: systemClock as never }).start();
    const dataDir = await makeTempDir();
    const env = {
      STRAVA_API_URL: sim.apiUrl,
      STRAVA_OAUTH_URL: sim.oauthUrl,
      STRAVA_CLIENT_ID: sim.clientId,
      STRAVA_CLIENT_SECRET: sim.clientSecret,
      SPLITS_VAULT: 'file',
    };
    try {
      const seeded = sim.seedActivities(1001, 20, { listHiddenShare: 0 });
      const login = await runCli(
        ['login', '--refresh-token', sim.grantTokens(1001, 'read,activity:read_all').refresh_token],
        { ...env, SPLITS_DATA_DIR: dataDir },
      );
      expect(login.code, login.stderr).toBe(0);
      // Every activity has a FIT file: whichever the table shows first has a track.
      const archive = join(await makeTempDir(), 'export_1001.zip');
      await writeArchive(archive, {
        athleteId: 1001,
        activities: fromSimulator(seeded, () => ({ format: 'fit' as const, gzip: true, points: 300 })),
      });

      const app = await bootDesktopApp({ dataDir, env });
      await vi.waitFor(() => expect(app.electron.tray()).toBeTruthy(), { timeout: 20_000 });
      app.electron.clickTrayMenu('Open Splits');
      const page = await app.page(await app.window());
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
      page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
      const status = page.getByRole('region', { name: 'Sync status' });
      await vi.waitFor(async () => expect(await status.textContent()).toMatch(/Last sync/), {
        timeout: 30_000,
        interval: 200,
      });

      await page.getByRole('tab', { name: 'Accounts' }).click();
      const section = page.getByRole('region', { name: 'Strava archive' });
      app.electron.dialogs.openAnswers.push([archive]);
      await section.getByRole('button', { name: 'Import Strava archive…' }).click();
      const did = section.getByRole('list', { name: 'What the import did' });
      await did.waitFor({ timeout: 20_000 });
      expect(await did.textContent()).toMatch(/20 recorded tracks stored/);
      expect(app.electron.dialogs.opened.at(-1)?.filters).toEqual([{ name: 'Strava archive', extensions: ['zip'] }]);

      await page.getByRole('tab', { name: 'Activities' }).click();
      await page.locator('[role=grid] [role=row][aria-rowindex="2"]').click();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('complementary', { name: 'Activity' });
      await panel.getByText(/Recorded track from the archive's FIT file, 300 samples/).waitFor({ timeout: 10_000 });
      await expect
        .poll(async () => panel.getByRole('img', { name: /^Route of / }).getAttribute('aria-label'))
        .toMatch(/300 points$/);
      // uPlot drew each chart on a canvas with pixels on it. The charts' code is a chunk of its own, loaded when first
      // shown: on a loaded machine (three test files at once, each with its Chromium) that took over 10 s once.
      const figures = panel.locator('figure.track-chart');
      await expect
        .poll(async () => figures.count(), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(3)
        .catch(async (error: Error) => {
          // What the page showed instead says whether the chunk failed, the track did, or the machine was slow.
          const shown = await panel.innerText().catch(() => '(no panel)');
          throw new Error(`${error.message}\nThe panel showed:\n${shown}\nPage errors: ${pageErrors.join('\n')}`);
        });
      const inked = await panel.locator('figure.track-chart canvas').evaluateAll((canvases) =>
        canvases.map((c) => {
          const canvas = c as HTMLCanvasElement;
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
          return painted;
        }),
      );
      expect(inked.length).toBeGreaterThanOrEqual(3);
      for (const painted of inked) expect(painted).toBeGreaterThan(100);
      expect(app.electron.problems).toEqual([]);
      expect(await app.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 120_000);
});
