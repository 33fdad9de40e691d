// Issue 16, "a status whose every promise is kept", on the real desktop core against the simulator: the reset's
// resume is planned, said and done; what is left is told athlete by athlete; retries are told while they wait;
// problems name their athletes, once for several; the tray's words fit Windows' tooltip.
import { describe, expect, it, vi } from 'vitest';
import { TOOLTIP_MAX, trayModel, type TrayModel } from '../../../main/desktop/tray-model';
import type { SyncProgressView } from '../../../preload/payloads';
import { connectNamed, openDesktop, until, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const at = (h: number, m: number) => Date.UTC(2026, 10, 2, h, m);
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const trayOf = (app: DesktopUnderTest): TrayModel => trayModel(app.desktop.state(), app.desktop.limits(), hhmm);
const infos = (tray: TrayModel) =>
  tray.items.filter((i) => i.kind === 'info').map((i) => (i as { label: string }).label);

describe('the desktop status keeps its promises', () => {
  const world = useWorld();

  it('"syncing resumes then": the scan the budget stopped is told with its athlete and page, and a sync runs at the reset', async () => {
    const clock = new FakeClock(at(8, 5), 'manual');
    const w = await world({ clock, limits: { read15: 4 } });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await connectNamed(w, app, 1001, 'Grace Hopper');
      await app.desktop.start();
      expect((await app.invoke('sync:now', { mode: 'quick' })).value).toMatchObject({
        results: [{ status: 'rate-limited' }],
      });
      await vi.waitFor(() => expect(app.desktop.state().resumeAt).toBe(at(8, 15)));
      const state = app.desktop.state();
      expect(state).toMatchObject({ state: 'limited', limitedUntil: at(8, 15) });
      expect(state.left).toEqual([
        expect.objectContaining({
          athleteId: 1001,
          name: 'Grace Hopper',
          fullScan: { page: expect.any(Number), ofAbout: null },
          stoppedAtLimit: true,
          continuesAt: at(8, 15),
        }),
      ]);
      expect(state.left[0]!.fullScan!.page).toBeGreaterThan(1);
      const tray = trayOf(app);
      expect(tray.tooltip).toContain('rate limited by Strava until 08:15; syncing resumes then');

      // At the reset, without anyone pressing anything, the sync goes on (the next window is wider).
      w.sim.rateLimits.limits.read15 = 100;
      const sent = w.sim.apiRequests().length;
      await clock.advance(10 * 60_000 - 1);
      expect(w.sim.apiRequests()).toHaveLength(sent);
      await clock.advance(1);
      await until(
        () => app.services.store.history.recent().length === 2 && app.desktop.state().running === null,
        'the sync at the reset',
      );
      expect(app.services.store.history.recent(1)[0]).toMatchObject({
        trigger: 'manual',
        startedAt: at(8, 15),
        outcome: 'ok',
        mode: 'full',
      });
      expect(app.services.store.syncState.get(1001).fullScan).toBeNull();
      // What is left now is the backfill, said as such.
      await vi.waitFor(() =>
        expect(app.desktop.state().left).toEqual([
          expect.objectContaining({
            name: 'Grace Hopper',
            fullScan: null,
            stoppedAtLimit: false,
            detailsLeft: expect.any(Number),
          }),
        ]),
      );
    } finally {
      await app.close();
    }
  });

  it('with nothing left, a spent budget promises no resume and no sync runs at the reset', async () => {
    const clock = new FakeClock(at(8, 5), 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await connectNamed(w, app, 1001, 'Grace Hopper');
      await app.desktop.start();
      expect((await app.invoke('sync:now', { mode: 'quick' })).value).toMatchObject({ results: [{ status: 'ok' }] });
      await vi.waitFor(() => expect(app.desktop.state().left).toEqual([]));
      // Another tool spends the window.
      await app.services.limiter.update({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '100,500' });
      await app.desktop.scheduler.refresh();
      const state = app.desktop.state();
      expect(state).toMatchObject({ state: 'limited', limitedUntil: at(8, 15), resumeAt: null, left: [] });
      expect(trayOf(app).tooltip).not.toContain('resumes');
      const sent = w.sim.apiRequests().length;
      await clock.advance(30 * 60_000);
      expect(w.sim.apiRequests()).toHaveLength(sent);
    } finally {
      await app.close();
    }
  });

  /** Grace's app at 08:05 on a manual clock, `activities` on Strava, and the list pages `path` names reset twice. */
  async function resetTwice(activities: number, path: RegExp) {
    const clock = new FakeClock(at(8, 5), 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, activities, { listHiddenShare: 0 });
    w.sim.injectFault({ kind: 'reset', times: 2, path });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await connectNamed(w, app, 1001, 'Grace Hopper');
    await app.desktop.start();
    await app.invoke('app:ready');
    const progress = () =>
      app.events.filter((e) => e.channel === 'sync:progress').map((e) => e.payload as SyncProgressView);
    return { clock, app, progress };
  }

  it('a retry is told while it waits ("2 of 4"), and cleared once Strava answers', async () => {
    // The first two tries of the first page find the connection reset.
    const { clock, app, progress } = await resetTwice(5, /\/athlete\/activities/);
    try {
      const syncing = app.desktop.sync({ mode: 'quick' });
      await until(() => progress().some((p) => p.retry !== null), 'the first retry to be told');
      // Base 1 s, no jitter (random 0.5): the second attempt of four goes out a second from now.
      expect(app.desktop.state().running!.progress!.retry).toEqual({
        attempt: 2,
        of: 4,
        at: at(8, 5) + 1000,
        reason: 'no-answer',
      });
      await clock.advance(1000);
      await until(() => app.desktop.state().running?.progress?.retry?.attempt === 3, 'the second retry');
      expect(app.desktop.state().running!.progress!.retry).toMatchObject({ of: 4, at: at(8, 5) + 1000 + 2000 });
      await clock.advance(2000);
      expect(await syncing).toMatchObject({ results: [{ status: 'ok' }] });
      // The answer ended it: the first progress after the last retry says none.
      const told = progress();
      const lastRetry = told.findLastIndex((p) => p.retry !== null);
      expect(told[lastRetry + 1]).toMatchObject({ retry: null });
    } finally {
      await app.close();
    }
  });

  it('a page stored while the page ahead waits for its retry does not end the retry told', async () => {
    // The full scan keeps page 2 in flight while page 1 is stored: page 2 meets a reset connection, twice.
    const { clock, app, progress } = await resetTwice(450, /\/athlete\/activities\?.*\bpage=2\b/);
    try {
      const syncing = app.desktop.sync({ mode: 'full' });
      await until(
        () => progress().some((p) => p.retry !== null) && progress().some((p) => p.received >= 200),
        'page 2 to wait for its retry and page 1 to be stored',
      );
      // Page 2 is still waiting for its second attempt (the clock has not moved): the window still says so.
      expect(progress().at(-1)!.retry).toEqual({ attempt: 2, of: 4, at: at(8, 5) + 1000, reason: 'no-answer' });
      expect(app.desktop.state().running!.progress!.retry).toMatchObject({ attempt: 2 });
      await clock.advance(1000);
      await until(() => progress().at(-1)!.retry?.attempt === 3, 'the second retry');
      await clock.advance(2000);
      expect(await syncing).toMatchObject({ results: [{ status: 'ok' }] });
      // Page 2's answer ended it.
      const told = progress();
      expect(told.at(-1)!.retry).toBeNull();
      expect(told[told.findLastIndex((p) => p.retry !== null) + 1]).toMatchObject({ retry: null });
    } finally {
      await app.close();
    }
  });

  it('a request that ends without a readable answer after a retry ends its retry told', async () => {
    const w = await world({ clock: new FakeClock(at(8, 5)) });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    // The first detail asked for: a 503, then an answer that never ends (cut at the size Splits reads, not retried).
    w.sim.injectFault({ kind: 503, times: 1, path: /\/activities\/\d+(\?|$)/ });
    w.sim.injectFault({ kind: 'endless', times: 1, path: /\/activities\/\d+(\?|$)/ });
    const splits = await w.openConnected();
    // Every progress the engine tells (the window's are fewer: main sends them at most a few a second).
    const told: SyncProgressView[] = [];
    splits.engine.onProgress((p) => told.push(p));
    expect(await splits.engine.sync({ trigger: 'manual', tracks: false })).toMatchObject({
      results: [{ status: 'ok', detailsFetched: 4 }],
    });
    const lastRetry = told.findLastIndex((p) => p.retry !== null);
    expect(told[lastRetry]!.retry).toMatchObject({ attempt: 2, reason: 'server-error' });
    // The other details came after it, and none of them says a retry is waiting.
    const after = told.slice(lastRetry + 1);
    expect(after.filter((p) => p.phase === 'details').length).toBeGreaterThan(0);
    expect(after.every((p) => p.retry === null)).toBe(true);
  });

  it('the same problem for two athletes is one item naming both, told once in a notification, and said in the tray', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      await connectNamed(w, app, 1001, 'Grace Hopper');
      await connectNamed(w, app, 1002, 'Ada Lovelace');
      await app.desktop.start();
      const revoked = "Strava no longer accepts Splits' access. Log in again.";
      await app.services.store.accounts.setState(1001, 'needs-login', revoked);
      await app.services.store.accounts.setState(1002, 'needs-login', revoked);
      await app.desktop.sync({ mode: 'quick' });
      const attention = app.desktop.state().attention;
      expect(attention).toEqual([
        {
          code: 'needs-login',
          athletes: [
            { athleteId: 1001, name: 'Grace Hopper' },
            { athleteId: 1002, name: 'Ada Lovelace' },
          ],
          message: `Grace Hopper and Ada Lovelace need to log in to Strava again. ${revoked}`,
          action: 'connect',
        },
      ]);
      expect(app.ports.notifications).toEqual([
        { title: 'Splits needs you to connect to Strava again', body: attention[0]!.message },
      ]);
      const tray = trayOf(app);
      expect(tray.icon).toBe('attention');
      expect(infos(tray)[0]).toBe('Grace Hopper and Ada Lovelace need to log in to Strava again');
      // Still there at the next sync: not told again.
      await app.desktop.sync({ mode: 'quick' });
      expect(app.ports.notifications).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it("the tray keeps the promised time when what is left is long: what is left is cut, never 'continues at'", async () => {
    const clock = new FakeClock(at(8, 5), 'manual');
    // A budget in the thousands, as Strava grants to many apps: its numbers are grouped.
    const w = await world({ clock, limits: { read15: 2000, readDay: 30000, overall15: 3000, overallDay: 40000 } });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    // The third page of the full scan meets a reset connection: the person stops the sync while its retry waits, and
    // the scan is left unfinished.
    w.sim.injectFault({ kind: 'reset', times: 1, path: /\/athlete\/activities\?.*\bpage=3\b/ });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await connectNamed(w, app, 1001, 'Grace Hopper');
      await app.desktop.start();
      const syncing = app.desktop.sync({ mode: 'full' });
      // Seen in Strava's log, not in the progress: with a page asked for ahead, the page stored meanwhile is told too.
      await until(
        () => w.sim.log.some((e) => e.status === 'reset' && /\/athlete\/activities$/.test(e.path)),
        'the reset of the third page',
      );
      // and the second page stored, so the scan stands at page 3 whatever order the two came in.
      await until(() => (app.desktop.state().running?.progress?.page ?? 0) >= 2, 'the second page stored');
      await app.desktop.cancel();
      expect(await syncing).toMatchObject({ results: [{ status: 'cancelled' }] });
      await vi.waitFor(() =>
        expect(app.desktop.state().left).toEqual([
          expect.objectContaining({ fullScan: expect.objectContaining({ page: 3 }), continuesAt: expect.any(Number) }),
        ]),
      );
      const { continuesAt, detailsLeft } = app.desktop.state().left[0]!;
      const promised = `continues at ${hhmm(continuesAt!)}`;
      const left = `full scan at page 3, ${detailsLeft.toLocaleString()} activity details to fetch`;
      expect(detailsLeft).toBeGreaterThan(0);
      const reads = app.desktop.limits().read;
      expect(reads.remainingDay).toBeGreaterThanOrEqual(1000);
      const readsLine = `${reads.remainingDay.toLocaleString()} of ${(30000).toLocaleString()} reads left today`;
      // With the budget's line under it, what is left is said whole: when the last sync was gives way first.
      const tray = trayOf(app);
      expect(tray.tooltip).toBe(`Splits: Grace Hopper: ${left}, ${promised}\n${readsLine}`);
      expect(tray.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      // The menu's line has room for all of it.
      expect(infos(tray)).toEqual([`last sync 08:05: Grace Hopper: ${left}, ${promised}`, readsLine]);

      // A name too long for the lines: what is left is cut at its end, the promised time stays.
      await connectNamed(w, app, 1001, 'Maria Magdalena Wilhelmina von Hohenzollern-Sigmaringen 🏃‍♀️ Ultrarunner');
      const cut = trayOf(app);
      expect(cut.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      const [first, second] = cut.tooltip.split('\n');
      expect(first).toMatch(new RegExp(`^Splits: Maria Magdalena .*…, ${promised}$`));
      expect(second).toBe(readsLine);
      expect(infos(cut)[0]!.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      expect(infos(cut)[0]).toMatch(new RegExp(`^Maria Magdalena .*: full scan at page 3, .*, ${promised}$`));
    } finally {
      await app.close();
    }
  });

  it("the tray's tooltip and info line fit Windows' 127 characters with long names and many problems", async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, {
      credentials: 'none',
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false },
    });
    try {
      const long = (n: number) =>
        `Maria Magdalena Wilhelmina von Hohenzollern-Sigmaringen the ${n}${'th'} 🏃‍♀️ Ultrarunner`;
      for (const id of [1001, 1002, 1003, 1004]) await connectNamed(w, app, id, long(id));
      await app.services.store.accounts.setState(
        1001,
        'needs-login',
        'Strava no longer accepts this login: access was revoked on strava.com.',
      );
      await app.services.store.accounts.setState(
        1002,
        'needs-login',
        'Strava did not grant access: the box "View data about your activities" was unticked. Log in again.',
      );
      await app.desktop.start();
      expect(app.desktop.state().attention.length).toBeGreaterThanOrEqual(3);
      const tray = trayOf(app);
      expect(tray.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      for (const label of infos(tray)) expect(label.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      // Cut where it had to be, said so, the pause still said, and the budget's line kept whole.
      const [first, second] = tray.tooltip.split('\n');
      expect(first).toMatch(/^Splits: \d+ problems: .*… \(background sync paused\)$/);
      expect(second).toMatch(/^[\d,.\s]+ of [\d,.\s]+ reads left today$/);
      // No half of a surrogate pair at the cut.
      expect(tray.tooltip).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    } finally {
      await app.close();
    }
  });
});
