import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingsSetAside } from '../../../main/desktop/settings-store';
import { asideName } from '../../../main/store/no-follow';
import { DEFAULT_SETTINGS } from '../../../preload/payloads';
import { openSettings, SETTINGS_ASIDE } from '../../support/settings-file';
import { DataLock } from '../../../main/store/data-lock';
import { SplitsStore } from '../../../main/store/splits-store';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { receivedListPage } from '../../support/sim';
import { useTempDirs } from '../../support/temp-dirs';
import { useWorld } from '../../support/splits';

const HOUR = 60 * 60_000;
const listed = (w: { sim: { apiRequests: (p: string) => unknown[] } }) =>
  w.sim.apiRequests('/athlete/activities').length;

describe('settings', () => {
  const freshDir = useTempDirs('splits-settings-');

  it('refuses a bad value with a message and stores nothing; the file is private; a broken file is set aside', async () => {
    const dir = await freshDir();
    const settings = openSettings(dir);
    expect(settings.set({ syncIntervalMinutes: 30, units: 'imperial' })).toMatchObject({
      syncIntervalMinutes: 30,
      units: 'imperial',
      theme: 'system',
    });
    const file = join(dir, 'settings.json');
    const before = await stat(file);
    expect((before.mode & 0o777).toString(8)).toBe('600');
    for (const [patch, message] of [
      [{ syncIntervalMinutes: 1 }, /syncIntervalMinutes: at least 15 minutes/],
      [{ syncIntervalMinutes: 30.5 }, /syncIntervalMinutes/],
      [{ units: 'furlongs' }, /units/],
      [{ theme: 'dark', backgroundSync: 'no' }, /backgroundSync/],
      [{ dataDir: '/tmp/elsewhere' }, /no setting named dataDir/],
      ['everything', /object/],
    ] as const) {
      expect(() => settings.set(patch), JSON.stringify(patch)).toThrow(message);
    }
    // Nothing of a refused change was written, not even its good half (theme: 'dark').
    expect(settings.get()).toMatchObject({ syncIntervalMinutes: 30, units: 'imperial', theme: 'system' });

    await writeFile(file, JSON.stringify({ syncIntervalMinutes: 'often' }));
    const problems: unknown[] = [];
    const reopened = openSettings(dir);
    reopened.onSetAside((p) => problems.push(p));
    expect(reopened.get().syncIntervalMinutes).toBe(60);
    expect(problems).toEqual([
      { aside: expect.stringMatching(SETTINGS_ASIDE), reason: 'syncIntervalMinutes must be integer' },
    ]);
  });

  it('sets a broken file aside under the name the store gives its own, stamped by the clock it is given, and keeps an earlier one of the same instant', async () => {
    const dir = await freshDir();
    const file = join(dir, 'settings.json');
    const at = Date.UTC(2026, 11, 6, 2, 55, 45, 123);
    const settings = openSettings(dir, () => at);
    const told: SettingsSetAside[] = [];
    settings.onSetAside((s) => told.push(s));
    for (const bad of ['{"theme": 7}', 'not json']) {
      await writeFile(file, bad);
      expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    }
    const named = asideName(file, at);
    expect(named).toBe(join(dir, 'settings.corrupt-2026-12-06T02-55-45-123Z.json'));
    expect(told.map((t) => t.aside)).toEqual([named, join(dir, 'settings.corrupt-2026-12-06T02-55-45-123Z-2.json')]);
    expect(await readFile(named, 'utf8')).toBe('{"theme": 7}');
  });
});

describe('the desktop app over time', () => {
  const world = useWorld();

  it('syncs at launch and on the interval; a change of settings reaches the timer at once; paused stays paused, through a wake too', async () => {
    const clock = new FakeClock(undefined, 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, 10);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncIntervalMinutes: 60 } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      await until(() => app.services.store.history.recent().length === 1, 'the launch sync');
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'launch', outcome: 'ok' });
      await until(() => app.desktop.state().backgroundSync.nextAt !== null, 'the timer to start');
      expect(app.desktop.state().backgroundSync).toEqual({ enabled: true, nextAt: clock.now() + HOUR });

      // A shorter interval takes effect now, not after the hour already started.
      expect((await app.invoke('settings:set', { syncIntervalMinutes: 15 })).ok).toBe(true);
      expect(app.desktop.state().backgroundSync.nextAt).toBe(clock.now() + 15 * 60_000);
      await clock.advance(15 * 60_000);
      await until(() => app.services.store.history.recent().length === 2, 'the 15-minute sync');
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'background' });

      // Paused: no timer, a wake brings nothing, and the person's own sync still works.
      expect((await app.invoke('settings:set', { backgroundSync: false })).ok).toBe(true);
      expect(app.desktop.state().backgroundSync).toEqual({ enabled: false, nextAt: null });
      app.desktop.wake();
      await clock.advance(5 * HOUR);
      expect(app.services.store.history.recent().length).toBe(2);
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'manual' });

      // Resumed: the next turn is an interval from now; a wake brings one forward.
      expect((await app.invoke('settings:set', { backgroundSync: true })).ok).toBe(true);
      app.desktop.wake();
      await clock.advance(1000);
      await until(() => app.services.store.history.recent().length === 4, 'the sync after the wake');
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'background' });
      expect(app.events.filter((e) => e.channel === 'settings:changed')).toHaveLength(0); // the window was not ready yet: held
      await app.invoke('app:ready');
      // Held while nobody listened; only the latest settings are worth delivering.
      expect(app.events.filter((e) => e.channel === 'settings:changed')).toEqual([
        {
          channel: 'settings:changed',
          payload: expect.objectContaining({ backgroundSync: true, syncIntervalMinutes: 15 }),
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('a quit while the desktop starts (its credentials still being read) starts no timer and no sync after it', async () => {
    const clock = new FakeClock(undefined, 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, 10);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncIntervalMinutes: 60 } });
    await w.connect(app.services, 1001);
    // The start waits on the credentials (a keychain slow to answer) while the person quits.
    let answer: () => void = () => undefined;
    const credentials = app.services.credentials;
    app.services.credentials = () => new Promise<void>((resolve) => (answer = resolve)).then(credentials);
    const starting = app.desktop.start();
    await app.desktop.shutdown();
    answer();
    await starting;
    // Nothing outlives the quit: nothing applied at start (the login item, the theme), no timer, no launch sync, then
    // or two hours later.
    expect(app.ports.launchAtLogin).toEqual([]);
    expect(app.ports.themes).toEqual([]);
    expect(app.desktop.state().backgroundSync.nextAt).toBeNull();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(2 * HOUR);
    expect(listed(w)).toBe(0);
    expect(app.services.store.history.recent()).toEqual([]);
  });

  it('quit in the middle of a sync stops it at a safe point, writes what it received, frees the folder, and the next start resumes', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    w.sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=4(&|$)/ });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    let received = 0;
    app.services.engine.onProgress((p) => (received = Math.max(received, p.received)));
    const running = app.invoke('sync:now', { mode: 'full' });
    // Page 4 hangs, and page 3 (asked for before it, answered or not yet) is in: the three pages it keeps.
    await until(() => receivedListPage(w.sim, 4) && received >= 600, 'the fourth page to hang');
    expect(app.desktop.state().state).toBe('syncing');
    await app.desktop.shutdown();
    expect((await running).value).toMatchObject({ results: [{ status: 'cancelled' }] });
    // Written, and free for the next process.
    expect((await (await SplitsStore.open(w.dataDir)).activities(1001)).count).toBe(600);
    await (await DataLock.acquire(w.dataDir)).release();
    // Nothing starts once quitting.
    expect((await app.invoke('sync:now', { mode: 'quick' })).value).toMatchObject({ results: [] });

    const before = listed(w);
    const restarted = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: true } });
    try {
      await restarted.desktop.start();
      await until(
        () => restarted.desktop.state().last?.results.length === 1 && restarted.desktop.state().running === null,
        'the launch sync to end',
      );
      expect(restarted.desktop.state().last?.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
      // Resumed one page early (page 3 to the empty page 6) after the quick pass's two requests, and page 7 at most,
      // asked for ahead; from page 1 it would have taken eight.
      expect(listed(w) - before).toBeLessThanOrEqual(7);
      expect((await restarted.services.store.activities(1001)).count).toBe(1000);
    } finally {
      await restarted.close();
    }
  });

  it('rate limited: the state and the tray say until when; after the reset it syncs again', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1, 0), 'manual');
    const w = await world({ clock, limits: { read15: 3, readDay: 1000, overall15: 3, overallDay: 1000 } });
    w.sim.seedActivities(1001, 2000);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      const first = await app.invoke('sync:now', { mode: 'quick' });
      expect(first.value).toMatchObject({ results: [{ status: 'rate-limited' }] });
      const state = app.desktop.state();
      expect(state.state).toBe('limited');
      expect(state.limitedUntil).toBe(Date.UTC(2026, 10, 2, 8, 15, 0));
      const { trayModel } = await import('../../../main/desktop/tray-model');
      const tray = trayModel(state, app.desktop.limits(), (ms) => new Date(ms).toISOString().slice(11, 16));
      expect(tray.icon).toBe('limited');
      expect(tray.tooltip).toContain('rate limited by Strava until 08:15');
      expect(tray.tooltip).toContain(
        `${app.desktop.limits().read.remainingDay.toLocaleString()} of ${(1000).toLocaleString()} reads left today`,
      );

      const sent = w.sim.apiRequests().length;
      clock.set(Date.UTC(2026, 10, 2, 8, 15, 1));
      expect(app.desktop.state().state).toBe('idle');
      const after = await app.invoke('sync:now', { mode: 'quick' });
      // The next window's three reads went on with the scan, and it stopped again at the limit, sending nothing more.
      expect(after.value).toMatchObject({ results: [{ status: 'rate-limited', requests: 3 }] });
      expect(w.sim.apiRequests().length - sent).toBe(3);
    } finally {
      await app.close();
    }
  });
});

describe('the desktop app after a restart, and while disconnecting', () => {
  const world = useWorld();

  it('shows the last sync as history recorded it, and the tray gives the budget as a menu line too', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 12, { listHiddenShare: 0 });
    const first = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(first.services, 1001);
    await first.desktop.start();
    expect((await first.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
    await first.close();

    const again = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await again.desktop.start();
      expect(again.desktop.state().last).toMatchObject({
        trigger: 'manual',
        results: [{ athleteId: 1001, status: 'ok', newCount: 12 }],
      });
      const { trayModel } = await import('../../../main/desktop/tray-model');
      const tray = trayModel(again.desktop.state(), again.desktop.limits(), () => '10:00');
      expect(tray.items).toContainEqual({ kind: 'info', label: 'last sync 10:00: 12 new' });
      const { remainingDay, limitDay } = again.desktop.limits().read;
      expect(tray.items).toContainEqual({
        kind: 'info',
        label: `${remainingDay.toLocaleString()} of ${limitDay.toLocaleString()} reads left today`,
      });
    } finally {
      await again.close();
    }
  });

  it('no sync starts while a disconnect removes an athlete; one asked for meanwhile runs after it', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    w.sim.seedActivities(1002, 5, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await w.connect(app.services, 1002);
      await app.desktop.start();
      const order: string[] = [];
      const disconnecting = app.desktop.accounts.disconnect(1001, true).then(() => order.push('disconnected'));
      const syncing = app.desktop.sync({ mode: 'quick' }).then((summary) => (order.push('synced'), summary));
      const [, summary] = await Promise.all([disconnecting, syncing]);
      expect(order).toEqual(['disconnected', 'synced']);
      // The sync that waited synced the athlete still connected, and wrote nothing for the one removed.
      expect(summary.results.map((r) => r.athleteId)).toEqual([1002]);
      expect((await app.invoke('activities:query', {})).value).toMatchObject({ total: 5 });
    } finally {
      await app.close();
    }
  });

  it('a wake just before a change of interval still brings its sync', async () => {
    const clock = new FakeClock(undefined, 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      app.desktop.wake();
      expect((await app.invoke('settings:set', { syncIntervalMinutes: 120 })).ok).toBe(true);
      await clock.advance(1000);
      await until(() => app.services.store.history.recent().length === 1, 'the sync after the wake');
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'background' });
    } finally {
      await app.close();
    }
  });
});
