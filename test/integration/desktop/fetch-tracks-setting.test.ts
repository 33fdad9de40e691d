// The Fetch tracks setting on the real desktop core against the simulator: off, a sync asks for no streams and the
// status counts no tracks to fetch; on (the default), the same sync fetches them and the status counts what is left.
import { describe, expect, it } from 'vitest';
import { connectNamed, openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const STREAMS = /^\/api\/v3\/activities\/\d+\/streams$/;

describe('the Fetch tracks setting', () => {
  const world = useWorld();

  it('off, syncs ask for no streams and no track is left to fetch; turned on, they are fetched', async () => {
    // Strava's default limits: the backfill's reads of a window leave part of it for later.
    const w = await world({ clock: new FakeClock(Date.UTC(2026, 10, 2, 8, 0)) });
    w.sim.maxStreamSamples = 100;
    for (const a of w.sim.seedActivities(1001, 150, { listHiddenShare: 0 }))
      w.sim.editActivity(a.id, { manual: false });
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, fetchTracks: false },
    });
    try {
      await connectNamed(w, app, 1001, 'Grace Hopper');
      await app.desktop.start();
      expect((await app.invoke('settings:get')).value).toMatchObject({ fetchTracks: false });
      expect((await app.invoke('sync:now', { mode: 'quick' })).value).toMatchObject({ results: [{ status: 'ok' }] });
      expect(w.sim.apiRequests(STREAMS)).toEqual([]);
      await app.desktop.scheduler.refresh();
      expect(app.desktop.state().left).toEqual([
        expect.objectContaining({ athleteId: 1001, detailsLeft: expect.any(Number), tracksLeft: 0 }),
      ]);
      expect(app.desktop.state().left[0]!.detailsLeft).toBeGreaterThan(0);

      expect((await app.invoke('settings:set', { fetchTracks: true })).ok).toBe(true);
      w.clock.set(w.clock.now() + 15 * 60_000);
      const report = await app.invoke('sync:now', { mode: 'quick' });
      expect(report.value).toMatchObject({ results: [{ status: 'ok' }] });
      const asked = w.sim.apiRequests(STREAMS).length;
      expect(asked).toBeGreaterThan(0);
      // The backfill's part of the window is spent before every track is in: what is left is told.
      await app.desktop.scheduler.refresh();
      expect(app.desktop.state().left).toEqual([expect.objectContaining({ athleteId: 1001, tracksLeft: 150 - asked })]);
      expect(150 - asked).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
