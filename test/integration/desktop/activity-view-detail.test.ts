// activities:get on the real core: the device and the best efforts of a detail fetched from the simulator, and a
// stored detail whose best efforts and device Strava (or a damaged file) garbled: what can be shown is, the rest is
// left out, and the answer still passes the contract's schema at main's door.
import { describe, expect, it } from 'vitest';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { toDetailed } from '../../strava-sim/activities';

type View = {
  detail: {
    device: string | null;
    bestEfforts: Array<{ name: string | null; distance: number; elapsedTime: number }>;
  } | null;
};

describe("an activity's detail as the window gets it", () => {
  const world = useWorld();

  it("carries the device and the run's best efforts, and keeps what it can of garbled ones", async () => {
    const w = await world({ clock: new FakeClock() });
    const run = w.sim.addActivity(1001, { sportType: 'Run', manual: false, distance: 5_200, movingTime: 1_500 });
    const other = w.sim.addActivity(1001, { sportType: 'Run', manual: false, distance: 3_000, movingTime: 900 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
      const get = async (id: number) => {
        const answer = await app.invoke('activities:get', { athleteId: 1001, id });
        expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
        return (answer.value as View).detail!;
      };

      // As fetched, through the detail request Splits sends (include_all_efforts=false keeps a run's best efforts).
      const sent = toDetailed(run) as { device_name: string; best_efforts: Array<Record<string, unknown>> };
      const fetched = await get(run.id);
      expect(fetched.device).toBe(sent.device_name);
      expect(fetched.bestEfforts).toEqual(
        sent.best_efforts.map((e) => ({ name: e.name, distance: e.distance, elapsedTime: e.elapsed_time })),
      );
      expect(fetched.bestEfforts.map((e) => e.name)).toEqual(['400m', '1/2 mile', '1k', '1 mile', '2 mile', '5k']);

      // Garbled: entries that are not efforts, or have no distance or time, are left out; a name that is no text is
      // none (the page names the effort by its distance); a long one is cut; a list of thousands is read no further
      // than any run's could be.
      const stored = await app.services.store.activities(1001);
      const detail = (await stored.detail(run.id))!;
      const good = { name: '1k', distance: 1_000, elapsed_time: 250 };
      await stored.setDetail({
        ...detail,
        device_name: `  ${'Forerunner '.repeat(1_000)}`,
        best_efforts: [
          null,
          7,
          'fast',
          [good],
          { name: '400m', distance: 'far', elapsed_time: 80 },
          { name: '400m', distance: 400, elapsed_time: -3 },
          { name: '400m', distance: 0, elapsed_time: 80 },
          { name: '400m', distance: 400 },
          { name: 42, distance: 1_609, elapsed_time: 400 },
          { name: 'x'.repeat(10_000), distance: 5_000, elapsed_time: 1_300 },
          ...Array.from({ length: 10_000 }, () => good),
        ],
      });
      await get(other.id).then((d) => expect(d.bestEfforts.length).toBeGreaterThan(0));
      await stored.setDetail({
        ...(await stored.detail(other.id))!,
        device_name: { name: 'Edge' },
        best_efforts: 'none',
      });
      await stored.flush();

      const garbled = await get(run.id);
      expect(garbled.device).toBe('Forerunner '.repeat(1_000).trim().slice(0, 80));
      expect(garbled.bestEfforts.slice(0, 2)).toEqual([
        { name: null, distance: 1_609, elapsedTime: 400 },
        { name: 'x'.repeat(80), distance: 5_000, elapsedTime: 1_300 },
      ]);
      expect(garbled.bestEfforts.slice(2).every((e) => e.name === '1k' && e.elapsedTime === 250)).toBe(true);
      expect(garbled.bestEfforts.length).toBeLessThanOrEqual(50);
      expect(await get(other.id)).toMatchObject({ device: null, bestEfforts: [] });
    } finally {
      await app.close();
    }
  });
});
