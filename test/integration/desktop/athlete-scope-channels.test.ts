// What the window's athlete scope asks of main: history:list for one athlete's runs, activities:markSeen for what one
// athlete's view showed, and the setting that keeps the choice, read from a settings file written before the setting existed. The real desktop core and handler table, the
// simulator over HTTP, real settings files (on conf, electron-store's core).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../preload/payloads';
import { describe, expect, it } from 'vitest';
import { openSettings } from '../../support/settings-file';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-athlete-scope-');
type Run = { athleteId: number; startedAt: number };

/** The desktop core with athletes 1001 (5 activities) and 2002 (4), both synced once. */
async function twoAthletesSynced(world: ReturnType<typeof useWorld>) {
  const w = await world({ clock: new FakeClock(undefined, 'manual') });
  w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
  w.sim.seedActivities(2002, 4, { listHiddenShare: 0 });
  const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
  await w.connect(app.services, 1001);
  await w.connect(app.services, 2002);
  await app.desktop.start();
  expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
  return { w, app };
}

describe('the athlete scope at main', () => {
  const world = useWorld();

  it('history:list with athleteId answers that athlete’s runs alone, the latest `limit` of them', async () => {
    const { app } = await twoAthletesSynced(world);
    try {
      // Both athletes once (above), then 1001 twice more: three runs of 1001, one of 2002.
      for (let i = 0; i < 2; i++)
        expect((await app.invoke('sync:now', { mode: 'quick', athleteId: 1001 })).ok).toBe(true);
      const list = async (query: object) => {
        const answer = await app.invoke('history:list', query);
        expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
        return answer.value as Run[];
      };
      const everyone = await list({});
      expect(everyone.map((r) => r.athleteId).sort()).toEqual([1001, 1001, 1001, 2002]);

      expect((await list({ athleteId: 2002 })).map((r) => r.athleteId)).toEqual([2002]);
      const ada = await list({ athleteId: 1001 });
      expect(ada).toEqual(everyone.filter((r) => r.athleteId === 1001));
      // The limit counts that athlete's runs: the newest of 1001, even though runs of others may be newer.
      expect(await list({ athleteId: 2002, limit: 1 })).toEqual(everyone.filter((r) => r.athleteId === 2002));
      expect(await list({ athleteId: 1001, limit: 2 })).toEqual(ada.slice(0, 2));
      // An athlete with no runs: none, not everyone's.
      expect(await list({ athleteId: 3003 })).toEqual([]);
      for (const athleteId of [0, -1, 1.5, '1001', null]) {
        const refused = await app.invoke('history:list', { athleteId });
        expect(refused, String(athleteId)).toMatchObject({
          ok: false,
          error: { code: 'bad-request', message: expect.stringMatching(/^0\.athleteId: /) },
        });
      }
    } finally {
      await app.close();
    }
  });

  it('activities:markSeen for one athlete marks theirs alone seen: the other athlete’s arrivals stay new until shown', async () => {
    const { w, app } = await twoAthletesSynced(world);
    try {
      const look = async (scope?: object) => {
        const answer = await app.invoke('activities:markSeen', ...(scope ? [scope] : []));
        expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
        return answer.value as Array<{ athleteId: number; upTo: number }>;
      };
      const newIn = async (marks: object[], athleteId: number) => {
        const page = await app.invoke('activities:query', { athleteId, newSince: marks, pageSize: 50 });
        return (page.value as { items: Array<{ id: number; isNew: boolean }> }).items
          .filter((r) => r.isNew)
          .map((r) => r.id)
          .sort();
      };
      expect(await look()).toEqual([]);
      // Both athletes upload; a sync brings their activities.
      const ada = [w.sim.addActivity(1001).id, w.sim.addActivity(1001).id].sort();
      const grace = [w.sim.addActivity(2002).id].sort();
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);

      // Grace alone is shown: hers are new at this look, and only hers are seen.
      const graceLook = await look({ athleteId: 2002 });
      expect(await newIn(graceLook, 2002)).toEqual(grace);
      // Everyone shown next: Ada's arrivals were never shown, so they are new now; Grace's were seen.
      const allLook = await look({});
      expect(await newIn(allLook, 1001)).toEqual(ada);
      expect(await newIn(allLook, 2002)).toEqual([]);
      // And now they are seen too.
      expect(await newIn(await look(), 1001)).toEqual([]);
      for (const athleteId of [0, -1, 1.5, '1001', null]) {
        const refused = await app.invoke('activities:markSeen', { athleteId });
        expect(refused, String(athleteId)).toMatchObject({
          ok: false,
          error: { code: 'bad-request', message: expect.stringMatching(/^0\.athleteId: /) },
        });
      }
    } finally {
      await app.close();
    }
  });

  it('a settings file from before the athlete scope (and Fetch tracks) reads as all athletes, tracks fetched, and keeps its other settings; a choice is stored and read back', async () => {
    const dir = await freshDir();
    const file = join(dir, 'settings.json');
    const older = {
      backgroundSync: false,
      syncIntervalMinutes: 90,
      syncAtLaunch: true,
      launchAtLogin: false,
      notifications: true,
      closeToTray: true,
      units: 'imperial',
      theme: 'dark',
    };
    await writeFile(file, JSON.stringify(older));
    const settings = openSettings(dir);
    const told: unknown[] = [];
    settings.onSetAside((s) => told.push(s));
    // What later versions added reads as its default (maps off, OpenStreetMap's tiles, no training figures).
    const added = {
      fetchTracks: true,
      showMaps: false,
      tileServer: DEFAULT_SETTINGS.tileServer,
      training: DEFAULT_SETTINGS.training,
    };
    expect(settings.get()).toEqual({ ...older, athleteScope: null, ...added });
    expect(told).toEqual([]);

    expect(settings.set({ athleteScope: 2002 })).toEqual({ ...older, athleteScope: 2002, ...added });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ ...older, athleteScope: 2002 });
    // A restart reads it back.
    expect(openSettings(dir).get().athleteScope).toBe(2002);
    expect(openSettings(dir).set({ athleteScope: null }).athleteScope).toBeNull();
    expect(openSettings(dir).get()).toEqual({ ...older, athleteScope: null, ...added });
    // Not an athlete: refused, nothing written.
    const before = await readFile(file, 'utf8');
    for (const athleteScope of [0, -3, 2.5, 'Grace'])
      expect(() => settings.set({ athleteScope }), String(athleteScope)).toThrow(/athleteScope/);
    expect(await readFile(file, 'utf8')).toBe(before);
    // Edited by hand into something else: set aside, all athletes again.
    await writeFile(file, JSON.stringify({ ...older, athleteScope: 'Grace' }));
    expect(openSettings(dir).get()).toMatchObject({ athleteScope: null, theme: 'system' });
  });
});
