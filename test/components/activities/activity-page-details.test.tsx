// @vitest-environment jsdom
// What the activity page tells of a fetched detail, on the real core with details synced from the simulator: the
// device, the gear, the calories, the description and the way to the activity on Strava; a run's best efforts as
// Strava found them, paced in the person's units; a ride's best power over 5 s, 1 min, 5 min and 20 min, from its
// recorded track.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTrack, type Track } from '../../../main/archive/track';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ActivityPage } from '../../../renderer/src/features/activity/activity-page';
import { integer } from '../../../renderer/src/format/numbers';
import { activityDistance, duration, elevation, paceOrSpeed, type Units } from '../../../renderer/src/format/units';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { toDetailed } from '../../strava-sim/activities';

type Effort = { name: string; distance: number; elapsed_time: number };
type Lap = {
  name: string;
  distance: number;
  moving_time: number;
  average_speed: number;
  average_heartrate?: number;
  total_elevation_gain: number;
};

/**
 * Half an hour at 150 W with a 10 s sprint at 1,000 W and, well after it, 6 minutes at 400 W, one sample a second: the
 * best 5 s is the sprint's, the best minute and five minutes the 400 W block's, and the best 20 minutes hold both.
 */
function ridden(activityId: number): Track {
  const t = Array.from({ length: 1_800 }, (_, i) => i);
  const watts = t.map((s) => (s >= 100 && s < 110 ? 1_000 : s >= 600 && s < 960 ? 400 : 150));
  return {
    version: 1,
    activityId,
    source: 'fit',
    start: '2026-05-01T07:00:00Z',
    t,
    lat: t.map((s) => 46 + (8 * s) / 111_195),
    lng: t.map(() => 7),
    dist: t.map((s) => 8 * s),
    watts,
  };
}
const TWENTY_MINUTES = (10 * 1_000 + 360 * 400 + (1_200 - 370) * 150) / 1_200;

describe('the activity page, once its detail is fetched', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('shows the device, gear, calories, description, link, a run’s best efforts and a ride’s best power', async () => {
    const w = await world({ clock: new FakeClock() });
    const run = w.sim.addActivity(1001, {
      name: 'River tempo',
      sportType: 'Run',
      manual: false,
      distance: 10_500,
      movingTime: 2_900,
      deviceName: 'Garmin Forerunner 965',
      gearId: 'g1001',
      description: 'Tempo along the river, negative split.',
      calories: 712,
    });
    const ride = w.sim.addActivity(1001, {
      name: 'Hill reps',
      sportType: 'Ride',
      manual: false,
      distance: 14_400,
      movingTime: 1_800,
      deviceName: null,
      gearId: 'b2002',
    });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    await writeTrack(w.dataDir, 1001, ridden(ride.id), { fence: null });
    const uninstall = installBridge(app);
    let page!: HTMLElement;
    const open = async (a: { id: number; name: string }, units: Units) => {
      cleanup();
      render(
        <LiveProvider>
          <ActivityPage activity={{ athleteId: 1001, id: a.id }} units={units} dataVersion={0} onClose={() => {}} />
        </LiveProvider>,
      );
      page = await screen.findByRole('complementary', { name: 'Activity' });
      await within(page).findByRole('heading', { name: a.name });
    };
    const value = (label: string) => within(page).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    const rowsOf = (table: HTMLElement) =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.children].map((c) => c.textContent));
    const headersOf = (table: HTMLElement) =>
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
    /** The simulator's laps of an activity, as the page should give them in the units. */
    const lapRows = (a: Parameters<typeof toDetailed>[0], sport: string, units: Units) =>
      (toDetailed(a).laps as Lap[]).map((l) => [
        l.name,
        activityDistance(sport, l.distance, units),
        duration(l.moving_time),
        paceOrSpeed(sport, l.average_speed, units),
        l.average_heartrate === undefined ? '–' : `${integer(l.average_heartrate)} bpm`,
        elevation(l.total_elevation_gain, units),
      ]);
    try {
      await open(run, 'metric');
      await within(page).findByText('Tempo along the river, negative split.');
      expect(value('Device')).toBe('Garmin Forerunner 965');
      expect(value('Gear')).toBe('Trainers');
      expect(value('Calories')).toBe(`${integer(712)} kcal`);
      const link = within(page).getByRole('link', { name: 'Open on Strava' });
      expect(link.getAttribute('href')).toBe(`https://www.strava.com/activities/${run.id}`);

      // Strava's own best efforts of the run, each in the chosen units: metric, then imperial.
      const efforts = toDetailed(run).best_efforts as Effort[];
      expect(efforts.map((e) => e.name)).toEqual(['400m', '1/2 mile', '1k', '1 mile', '2 mile', '5k', '10k']);
      for (const units of ['metric', 'imperial'] as const) {
        if (units === 'imperial') await open(run, units);
        const table = within(page).getByRole('table', { name: 'Best efforts' });
        expect(rowsOf(table)).toEqual(
          efforts.map((e) => [
            e.name,
            activityDistance('Run', e.distance, units),
            duration(e.elapsed_time),
            paceOrSpeed('Run', e.distance / e.elapsed_time, units),
          ]),
        );
        expect(rowsOf(table).at(-1)![3]).toMatch(units === 'metric' ? / \/km$/ : / \/mi$/);
        // Its laps too, headed by what their column holds: a run's pace.
        const laps = within(page).getByRole('table', { name: 'Laps' });
        expect(headersOf(laps)).toEqual(['#', 'Distance', 'Moving time', 'Pace', 'Heart rate', 'Elevation']);
        expect(rowsOf(laps)).toEqual(lapRows(run, 'Run', units));
        expect(rowsOf(laps)[0]![1]).toMatch(units === 'metric' ? / km$/ : / mi$/);
        expect(rowsOf(laps)[0]![5]).toMatch(units === 'metric' ? / m$/ : / ft$/);
      }
      // A run with no power has no power table.
      expect(within(page).queryByRole('table', { name: 'Best power' })).toBeNull();

      // The ride: no device named, its gear, no best efforts, and its best power from the recorded track.
      await open(ride, 'metric');
      const power = await within(page).findByRole('table', { name: 'Best power' });
      expect(value('Device')).toBe('–');
      expect(value('Gear')).toBe('Road bike');
      expect(within(page).queryByRole('table', { name: 'Best efforts' })).toBeNull();
      // A ride's laps give its speed.
      const laps = within(page).getByRole('table', { name: 'Laps' });
      expect(headersOf(laps)[3]).toBe('Speed');
      expect(rowsOf(laps)).toEqual(lapRows(ride, 'Ride', 'metric'));
      expect(rowsOf(laps)[0]![3]).toMatch(/ km\/h$/);
      expect(rowsOf(power)).toEqual([
        ['5 s', `${integer(1_000)} W`],
        ['1 min', `${integer(400)} W`],
        ['5 min', `${integer(400)} W`],
        ['20 min', `${integer(TWENTY_MINUTES)} W`],
      ]);
    } finally {
      uninstall();
      await app.close();
    }
  });
});
