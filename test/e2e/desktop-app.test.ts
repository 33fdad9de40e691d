// The tray application end to end: the real built main process on the electron stand-in, its window a Chromium page
// talking to main through the built preload, against the Strava simulator over HTTP and a temp data folder.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { eventContract } from '../../preload/contract';
import { approveInBrowser } from '../support/browser-login';
import { simulatorEnv as envFor, splitsCall as call } from '../support/desktop-page';
import { bootDesktopApp, type DesktopApp } from '../support/electron-standin/harness';
import { runCli } from '../support/cli';
import { StravaSimulator, systemClock } from '../strava-sim';
import { useTempDirs } from '../support/temp-dirs';

const makeTempDir = useTempDirs('splits-app-');

/** The page listens to every event, then says it is ready; what it hears lands in window.__heard. */
async function listen(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const g = globalThis as unknown as {
      splits: { on: (e: string, f: (p: unknown) => void) => () => void; app: { ready: () => Promise<unknown> } };
      __heard: Array<{ channel: string; payload: unknown }>;
    };
    g.__heard = [];
    for (const channel of [
      'sync:started',
      'sync:progress',
      'sync:finished',
      'limits:changed',
      'accounts:changed',
      'settings:changed',
    ]) {
      g.splits.on(channel, (payload) => g.__heard.push({ channel, payload }));
    }
    await g.splits.app.ready();
  });
}
const heard = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __heard: Array<{ channel: string; payload: unknown }> }).__heard);

async function startSim(): Promise<StravaSimulator> {
  return new StravaSimulator({ clock: systemClock as never }).start();
}

const finishedFor = (events: Array<{ channel: string; payload: unknown }>, athleteId: number) =>
  events.filter(
    (e) =>
      e.channel === 'sync:finished' &&
      (e.payload as { summary: { results: Array<{ athleteId: number }> } }).summary.results.some(
        (r) => r.athleteId === athleteId,
      ),
  );

describe('the tray application, end to end', () => {
  it("first run: the guide, the credentials, Connect through Strava's page, the first sync with progress, the tray from syncing to idle, a notification", async () => {
    const sim = await startSim();
    const dataDir = await makeTempDir();
    let app: DesktopApp | null = null;
    try {
      sim.seedActivities(1001, 450, { listHiddenShare: 0 });
      app = await bootDesktopApp({ dataDir, env: envFor(sim, false) });
      expect(await app.ready).toBe(true);
      // The first run opens the window (the guide); the tray says what is missing.
      const page = await app.page(await app.window());
      await listen(page);
      await vi.waitFor(() => expect(app!.electron.trayState().image).toMatch(/tray-attention\.png$/));
      expect((await call(page, 'sync.state')).value).toMatchObject({
        attention: [{ code: 'credentials-missing', action: 'credentials' }],
      });

      expect(
        (await call(page, 'credentials.check', { clientId: sim.clientId, clientSecret: 'wrong' })).value,
      ).toMatchObject({ verdict: 'wrong-secret' });
      expect(
        (await call(page, 'credentials.set', { clientId: sim.clientId, clientSecret: sim.clientSecret })).value,
      ).toMatchObject({ verdict: 'known' });

      const connecting = call(page, 'accounts.connect');
      await vi.waitFor(() => expect(app!.electron.opened.external).toHaveLength(1));
      expect((await approveInBrowser(app.electron.opened.external[0]!)).status).toBe(200);
      expect(await connecting).toMatchObject({ ok: true, value: { athleteId: 1001, state: 'connected' } });

      // The first sync runs by itself; the tray shows it, the window hears it by events.
      await vi.waitFor(async () => expect(finishedFor(await heard(page), 1001)).toHaveLength(1), { timeout: 20_000 });
      const events = await heard(page);
      for (const e of events)
        expect(eventContract[e.channel as keyof typeof eventContract].safeParse(e.payload).success, e.channel).toBe(
          true,
        );
      expect(events.some((e) => e.channel === 'sync:progress')).toBe(true);
      expect(events.some((e) => e.channel === 'accounts:changed')).toBe(true);
      await vi.waitFor(() => expect(app!.electron.trayState().image).toMatch(/tray-idle\.png$/));
      // Not "up to date" while the details and tracks (Fetch tracks is on by default) are still to fetch: what is left,
      // in the fewer words that keep the tracks whole in 127 characters, and when it continues (the 450 new are the
      // notification's news, below). In the last quarter hour of a day the next window of reads opens at midnight, a
      // time that carries its date: the line then gives up its last whole words to keep that time whole (tray-model.ts;
      // the cuts themselves are test/unit/desktop/tray-line.test.ts's, on fixed words).
      const tip = app.electron.trayState().toolTip;
      expect(tip).toMatch(
        /^Splits: Ada Lovelace: up to date, [\d,]+ details? and [\d,]+(?: tracks? to fetch| tracks?(?: to)?…|…), continues at [^\n]+\n[\d,]+ of [\d,]+ reads left today$/,
      );
      expect(tip.length).toBeLessThanOrEqual(127);
      expect(app.electron.notifications.map((n) => n.options.body)).toContainEqual(
        expect.stringMatching(/^450 new: .+ and 447 more$/),
      );
      expect((await call(page, 'activities.query', { pageSize: 1 })).value).toMatchObject({ total: 450 });
      expect(app.electron.problems).toEqual([]);
      expect(await app.quit()).toBe(0);
    } finally {
      await app?.dispose();
      await sim.stop();
    }
  }, 90_000);

  it('tray → Sync now updates the window by events; a wake from sleep syncs soon; Pause is kept across a restart', async () => {
    const sim = await startSim();
    const dataDir = await makeTempDir();
    try {
      sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      const tokens = sim.grantTokens(1001, 'read,activity:read_all');
      expect(
        (
          await runCli(['login', '--refresh-token', tokens.refresh_token], {
            ...envFor(sim, true),
            SPLITS_DATA_DIR: dataDir,
          } as Record<string, string>)
        ).code,
      ).toBe(0);
      const app = await bootDesktopApp({ dataDir, env: envFor(sim, true) });
      // Not the first run: it starts in the tray, and syncs at launch.
      await vi.waitFor(() => expect(app.electron.tray() && app.electron.trayState().toolTip).toMatch(/last sync/), {
        timeout: 20_000,
      });
      expect(app.electron.windows()).toEqual([]);
      app.electron.clickTrayMenu('Open Splits');
      const page = await app.page(await app.window());
      // The launch sync has ended: what the window hears from here on is the tray's sync.
      await vi.waitFor(
        async () =>
          expect((await call(page, 'sync.state')).value).toMatchObject({
            running: null,
            last: { results: [{ status: 'ok' }] },
          }),
        { timeout: 20_000, interval: 200 },
      );
      await listen(page);

      sim.addActivity(1001, { name: 'Tray Run' });
      app.electron.clickTrayMenu('Sync now');
      // (The launch sync's events, held until the window was ready, arrived first.)
      const manual = async () =>
        (await heard(page)).filter(
          (e) =>
            e.channel === 'sync:finished' &&
            (e.payload as { summary: { trigger: string } }).summary.trigger === 'manual',
        );
      await vi.waitFor(async () => expect(await manual()).toHaveLength(1), { timeout: 20_000 });
      expect((await call(page, 'activities.query', { search: 'Tray Run' })).value).toMatchObject({ total: 1 });
      expect(app.electron.notifications.map((n) => n.options.body)).toContain('1 new: Tray Run');

      // The computer wakes: a sync follows within seconds.
      const runs = ((await call(page, 'history.list')).value as unknown[]).length;
      app.electron.powerMonitor.resume();
      await vi.waitFor(
        async () => expect(((await call(page, 'history.list')).value as unknown[]).length).toBe(runs + 1),
        { timeout: 20_000, interval: 200 },
      );

      // Pause from the tray: the setting is stored, the window hears it, and it holds after a restart.
      app.electron.clickTrayMenu('Pause background sync');
      await vi.waitFor(async () =>
        expect(
          (await heard(page)).some(
            (e) =>
              e.channel === 'settings:changed' && (e.payload as { backgroundSync: boolean }).backgroundSync === false,
          ),
        ).toBe(true),
      );
      // The icon says it too, not only the checkbox (loaded from the real file: the stand-in fails on a missing one).
      await vi.waitFor(() => expect(app.electron.trayState().image).toMatch(/tray-paused\.png$/));
      expect(await app.quit()).toBe(0);
      const again = await bootDesktopApp({ dataDir, env: envFor(sim, true) });
      await vi.waitFor(() => expect(again.electron.tray()).toBeTruthy());
      const menu = again.electron.trayState().menu as Array<{ label?: string; checked?: boolean }>;
      expect(menu.find((i) => i.label === 'Pause background sync')?.checked).toBe(true);
      await vi.waitFor(() => expect(again.electron.trayState().image).toMatch(/tray-paused\.png$/), {
        timeout: 20_000,
      });
      expect(again.electron.problems).toEqual([]);
      expect(await again.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 120_000);

  it('Quit in the middle of a sync stops it at a safe point; the restart resumes; a CLI sync meanwhile shares the folder; Disconnect deletes the data', async () => {
    const sim = await startSim();
    const dataDir = await makeTempDir();
    const env = { ...envFor(sim, true), SPLITS_DATA_DIR: dataDir } as Record<string, string>;
    try {
      sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
      const tokens = sim.grantTokens(1001, 'read,activity:read_all');
      expect((await runCli(['login', '--refresh-token', tokens.refresh_token], env)).code).toBe(0);
      sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=4(&|$)/ });
      const app = await bootDesktopApp({ dataDir, env: envFor(sim, true) });
      await vi.waitFor(() => expect(sim.apiRequests('/athlete/activities').length).toBeGreaterThanOrEqual(4), {
        timeout: 20_000,
      });
      await vi.waitFor(() => expect(app.electron.tray()).toBeTruthy());
      expect(app.electron.trayState().image).toMatch(/tray-syncing\.png$/);
      // While the app holds the data folder, the CLI says so and touches nothing.
      const busy = await runCli(['sync'], env);
      expect(busy.code).not.toBe(0);
      expect(busy.stderr).toMatch(/Another Splits/);

      expect(await app.quit()).toBe(0);
      // Quitting released the folder: the CLI syncs now, and the restarted app reads what it wrote.
      sim.addActivity(1001, { name: 'From the CLI' });
      const cli = await runCli(['sync', '--no-details', '--json'], env);
      expect(cli.code, cli.stderr).toBe(0);

      const restarted = await bootDesktopApp({ dataDir, env: envFor(sim, true) });
      await vi.waitFor(() => expect(restarted.electron.tray()).toBeTruthy(), { timeout: 20_000 });
      restarted.electron.clickTrayMenu('Open Splits');
      const page = await restarted.page(await restarted.window());
      await vi.waitFor(
        async () =>
          expect((await call(page, 'sync.state')).value).toMatchObject({
            running: null,
            last: { results: [{ status: 'ok' }] },
          }),
        { timeout: 30_000, interval: 250 },
      );
      expect((await call(page, 'activities.query', {})).value).toMatchObject({ total: 1001 });
      expect((await call(page, 'activities.query', { search: 'From the CLI' })).value).toMatchObject({ total: 1 });

      const disconnected = await call(page, 'accounts.disconnect', { athleteId: 1001, deleteData: true });
      expect(disconnected).toEqual({ ok: true, value: { revoked: true, deletedData: true } });
      await expect(access(join(dataDir, 'activities', '1001'))).rejects.toThrow();
      expect((await call(page, 'accounts.list')).value).toMatchObject({ accounts: [] });
      expect(restarted.electron.problems).toEqual([]);
      expect(await restarted.quit()).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 120_000);
});
