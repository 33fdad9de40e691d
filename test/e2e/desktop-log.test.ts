// The desktop app's log file (issue 17, item 7): the real built main process on the electron stand-in, its window a
// Chromium page, against the Strava simulator over HTTP. The log goes to main.log in the folder the stand-in answers
// for app.getPath('logs') (a temp folder of its own); the window and the tray open that folder, and the window can
// only ask, never say which folder.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { failTokenRequests } from '../strava-sim/oauth';
import { StravaSimulator, systemClock } from '../strava-sim';
import { approveInBrowser } from '../support/browser-login';
import { runCli } from '../support/cli';
import { simulatorEnv, splitsCall as call } from '../support/desktop-page';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { recordIssuedTokens } from '../support/issued-tokens';
import { keepMainStderr } from '../support/main-stderr';
import { useTempDirs } from '../support/temp-dirs';

const makeTempDir = useTempDirs('splits-log-');

const tab = (page: Page, name: string) => page.getByRole('tab', { name });

/** Info, the level a person's app has: the test must not depend on the environment it runs in. */
const envFor = (sim: StravaSimulator, withCredentials: boolean) => ({
  ...simulatorEnv(sim, withCredentials),
  SPLITS_LOG_LEVEL: undefined,
});

describe("the desktop app's log file", () => {
  // main's warnings and errors, which these tests cause on purpose: kept, not printed into a passing run.
  const mainStderr = keepMainStderr();

  it("is main.log in the logs folder, private, with every sync's result and what failed, and no token, secret or sign-in code", async () => {
    const sim = await new StravaSimulator({ clock: systemClock as never }).start();
    const issued = recordIssuedTokens(sim);
    const dataDir = await makeTempDir();
    const logsDir = join(await makeTempDir(), 'logs');
    try {
      sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      const app = await bootDesktopApp({ dataDir, env: envFor(sim, false), paths: { logs: logsDir } });
      const page = await app.page(await app.window());
      // The client secret crosses into main from the window; the sign-in code comes back through the loopback.
      expect(
        (await call(page, 'credentials.set', { clientId: sim.clientId, clientSecret: sim.clientSecret })).value,
      ).toMatchObject({ verdict: 'known' });
      const connecting = call(page, 'accounts.connect');
      await vi.waitFor(() => expect(app.electron.opened.external).toHaveLength(1));
      expect((await approveInBrowser(app.electron.opened.external[0]!)).status).toBe(200);
      expect(await connecting).toMatchObject({ ok: true, value: { athleteId: 1001 } });
      // The first sync runs by itself.
      await vi.waitFor(
        async () =>
          expect((await call(page, 'sync.state')).value).toMatchObject({
            running: null,
            last: { results: [{ status: 'ok' }] },
          }),
        { timeout: 30_000, interval: 200 },
      );

      // A 500 that a retry gets past; an access token expired (a refresh rotates both tokens); a refresh redirected
      // with the refresh token, the client secret and the sign-in code in its Location.
      sim.injectFault({ kind: 500, times: 1, path: /\/athlete\/activities/ });
      expect(await call(page, 'sync.now', { mode: 'quick' })).toMatchObject({
        ok: true,
        value: { results: [{ status: 'ok' }] },
      });
      sim.tokens.expireAccess(1001);
      expect(await call(page, 'sync.now', { mode: 'quick' })).toMatchObject({
        ok: true,
        value: { results: [{ status: 'ok' }] },
      });
      const [code, refreshToken] = [issued[0]!, issued.at(-1)!];
      failTokenRequests(sim, {
        kind: 'redirect',
        location: `https://elsewhere.example/t?refresh_token=${refreshToken}&client_secret=${sim.clientSecret}&code=${code}`,
      });
      sim.tokens.expireAccess(1001);
      expect((await call(page, 'sync.now', { mode: 'quick' })).value).not.toMatchObject({
        results: [{ status: 'ok' }],
      });
      expect(app.electron.problems).toEqual([]);
      expect(await app.quit()).toBe(0);

      // The folder is made private, the file is readable by the person alone, and nothing else is in it.
      expect((await stat(logsDir)).mode & 0o777).toBe(0o700);
      expect(await readdir(logsDir)).toEqual(['main.log']);
      expect((await stat(join(logsDir, 'main.log'))).mode & 0o777).toBe(0o600);
      const text = await readFile(join(logsDir, 'main.log'), 'latin1');
      // The lines of each sync, in the CLI's words: the first after Connect, the two that went through, and the one that
      // failed as a warning (a log read for warnings and errors finds it).
      expect(text.match(/ info \[splits\] manual sync: Athlete 1001 synced: /g)).toHaveLength(3);
      expect(text).toMatch(/ info \[splits\] manual sync: Athlete 1001 synced: 30 new, /);
      expect(text).toMatch(/ warn \[splits\] retrying a failed request .*"path":"\/api\/v3\/athlete\/activities"/);
      expect(text).toMatch(
        / warn \[splits\] manual sync: Athlete 1001 \S+: .*redirect \(HTTP 307\) to https:\/\/elsewhere\.example\/t/,
      );
      // Five tokens (the first pair, the refresh's pair) and the sign-in code: the scan below looks for each.
      expect(issued.length).toBeGreaterThanOrEqual(5);
      for (const secret of [sim.clientSecret, ...issued])
        expect(text.includes(secret), `main.log holds a secret (${secret.slice(0, 8)}...)`).toBe(false);
    } finally {
      await sim.stop();
    }
  }, 120_000);

  it('"Open the log folder" in Settings and in the tray menu opens that folder; the window cannot name another', async () => {
    const dataDir = await makeTempDir();
    const logsDir = await makeTempDir();
    const app = await bootDesktopApp({
      dataDir,
      env: { SPLITS_VAULT: 'file', SPLITS_LOG_LEVEL: undefined },
      paths: { logs: logsDir },
    });
    // The first run opens the window (the guide).
    const page = await app.page(await app.window());
    await tab(page, 'Settings').click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Open the log folder' }).click();
    await vi.waitFor(() => expect(app.electron.opened.paths).toEqual([logsDir]));
    expect(await readdir(logsDir)).toContain('main.log');

    app.electron.clickTrayMenu('Open the log folder');
    await vi.waitFor(() => expect(app.electron.opened.paths).toEqual([logsDir, logsDir]));

    // The window asks; main alone knows which folder. Any argument is refused before main does anything.
    for (const args of [['/etc'], [dataDir], [logsDir], [{ path: '/etc' }], [null]]) {
      expect(await call(page, 'app.openLogFolder', ...args), JSON.stringify(args)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
    expect(app.electron.opened.paths).toEqual([logsDir, logsDir]);
    // And the answer names nothing.
    expect(await call(page, 'app.openLogFolder')).toEqual({ ok: true, value: null });

    // A system that will not open the folder (no file manager): the window says where the log is, in words, rather
    // than "the details are in the log", which sends the person to the log they cannot open.
    const inWords =
      "Your system could not open the log folder (Failed to open path). Splits' log is main.log in the folder " +
      '.config/Splits/logs in your home folder: open it with your file manager.';
    app.electron.openPathFailures.push('Failed to open path.');
    await page.getByRole('tabpanel').getByRole('button', { name: 'Open the log folder' }).click();
    const alert = page.getByRole('tabpanel').getByRole('alert').filter({ hasText: 'could not open the log folder' });
    await vi.waitFor(async () => expect((await alert.textContent())?.trim()).toBe(inWords));
    // Electron's words may name the folder: the door takes it out.
    app.electron.openPathFailures.push(`Failed to open path ${logsDir}`);
    expect(await call(page, 'app.openLogFolder')).toEqual({
      ok: false,
      error: {
        code: 'config',
        message: inWords.replace('(Failed to open path)', `(Failed to open path a file in Splits' data folder)`),
      },
    });
    expect(app.electron.opened.paths).toEqual([logsDir, logsDir, logsDir]);
    expect(await page.content()).not.toContain(logsDir);
    expect(app.electron.problems).toEqual([]);
    expect(await app.quit()).toBe(0);
  }, 60_000);

  it('where the window says "the details are in the log", its button opens the folder, and the details are in main.log', async () => {
    const sim = await new StravaSimulator({ clock: systemClock as never }).start();
    const dataDir = await makeTempDir();
    const logsDir = await makeTempDir();
    const env = { ...simulatorEnv(sim, true), SPLITS_DATA_DIR: dataDir } as Record<string, string>;
    try {
      sim.seedActivities(1001, 5, { listHiddenShare: 0 });
      const tokens = sim.grantTokens(1001, 'read,activity:read_all');
      expect((await runCli(['login', '--refresh-token', tokens.refresh_token], env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details'], env)).code).toBe(0);
      // A folder where a year's activities file should be: a failure Splits does not expect, so the window gets
      // 'internal' (its words: "the details are in the log") and the log gets the details.
      const athleteDir = join(dataDir, 'activities', '1001');
      const yearFile = (await readdir(athleteDir)).find((name) => /^\d{4}\.json$/.test(name))!;
      await rm(join(athleteDir, yearFile));
      await mkdir(join(athleteDir, yearFile));

      const app = await bootDesktopApp({ dataDir, env: envFor(sim, true), paths: { logs: logsDir } });
      await vi.waitFor(() => expect(app.electron.tray()).toBeTruthy(), { timeout: 20_000 });
      app.electron.clickTrayMenu('Open Splits');
      const page = await app.page(await app.window());
      await tab(page, 'Activities').click();
      const alert = page.getByRole('alert').filter({ hasText: 'Splits could not read the activities' });
      await vi.waitFor(async () => expect(await alert.textContent()).toContain('the details are in the log'), {
        timeout: 20_000,
        interval: 200,
      });
      expect(await alert.textContent()).not.toContain(dataDir);
      await alert.getByRole('button', { name: 'Open the log folder' }).click();
      await vi.waitFor(() => expect(app.electron.opened.paths).toEqual([logsDir]));
      // What the window could not say: which file, and why.
      const text = await readFile(join(logsDir, 'main.log'), 'utf8');
      expect(text).toContain(`error [splits] an IPC handler failed {"channel":"activities:query"`);
      expect(text).toContain(join(athleteDir, yearFile));
      expect(text).toContain('EISDIR');
      expect(mainStderr().join('')).toContain(`error [splits] an IPC handler failed {"channel":"activities:query"`);
      expect(await app.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 120_000);
});
