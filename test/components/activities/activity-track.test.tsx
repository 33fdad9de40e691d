// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeOf } from '../../../common/track-view';
import { openTrackView } from '../../../main/archive/open-track-view';
import { writeTrack, type Track } from '../../../main/archive/track';
import { useWorld } from '../../support/splits';
import { newestFirst, openBrowser } from './activities-world';

const rowAt = (index: number) => {
  const grid = screen.getByRole('grid', { name: 'Activities' });
  return within(grid)
    .getAllByRole('row')
    .find((r) => r.getAttribute('aria-rowindex') === String(index + 2))!;
};
const pointsIn = (d: string) => (d.match(/[ML]/g) ?? []).length;

/** 40 minutes at one sample a second, north at 2.5 m/s, climbing 1 m a minute, the heart rate from 110 to 149. */
function recorded(activityId: number): Track {
  const n = 2_400;
  const t = Array.from({ length: n }, (_, i) => i);
  return {
    version: 1,
    activityId,
    source: 'fit',
    start: '2026-05-01T07:00:00Z',
    t,
    lat: t.map((i) => 46 + (2.5 * i) / 111_195),
    lng: t.map(() => 7),
    ele: t.map((i) => 500 + i / 60),
    dist: t.map((i) => 2.5 * i),
    hr: t.map((i) => 110 + Math.floor(i / 60)),
  };
}

describe('one activity with a recorded track', () => {
  const world = useWorld();
  afterEach(cleanup);

  it("draws the route from the track's own positions and tells its elevation, heart rate and pace", async () => {
    const b = await openBrowser(world, 60);
    try {
      const newest = [...b.truth].sort(newestFirst);
      // A sport measured by pace, among the rows the table shows first.
      const index = newest.slice(0, 12).findIndex((a) => ['Run', 'TrailRun', 'Walk', 'Hike'].includes(a.sport_type));
      expect(index).toBeGreaterThanOrEqual(0);
      const run = newest[index]!;
      await writeTrack(b.w.dataDir, 1001, recorded(run.id), { fence: null });

      await vi.waitFor(() => expect(within(rowAt(index)).getAllByRole('gridcell')[1]!.textContent).toBe(run.name));
      await userEvent.setup().click(rowAt(index));
      const panel = await screen.findByRole('complementary', { name: 'Activity' });
      expect(await within(panel).findByText(/Recorded track from the archive's FIT file, 2,400 samples/)).toBeTruthy();
      // The route: the positions of the track's view, not the summary polyline.
      const route = within(panel).getByRole('img', { name: /^Route of/ });
      const view = await openTrackView(b.w.dataDir, 1001, run.id, null);
      expect(pointsIn(route.querySelector('path')!.getAttribute('d')!)).toBe(routeOf(view!)!.length);

      // jsdom draws no canvas: the charts' words stand in for them, in the chosen units.
      const list = within(panel).getByRole('list', { name: 'Recorded track' });
      const items = within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
      expect(items).toContain('Elevation from 500 to 540 m, 520 on average.');
      expect(items.find((s) => s!.startsWith('Heart rate'))).toMatch(/^Heart rate from 110 to 149 bpm/);
      // 2.5 m/s is 6:40 a kilometre: 6.7 minutes.
      expect(items.find((s) => s!.startsWith('Pace'))).toMatch(/^Pace from 6\.7 to 6\.7 min\/km/);
    } finally {
      await b.close();
    }
  });

  it('says a track fetched from Strava came from Strava, not from an archive', async () => {
    const b = await openBrowser(world, 20);
    try {
      const newest = [...b.truth].sort(newestFirst)[0]!;
      const basis = { start: newest.start_date, distanceM: newest.distance ?? null, movingTimeS: null };
      await writeTrack(b.w.dataDir, 1001, { ...recorded(newest.id), source: 'api', basis }, { fence: null });

      await vi.waitFor(() => expect(within(rowAt(0)).getAllByRole('gridcell')[1]!.textContent).toBe(newest.name));
      await userEvent.setup().click(rowAt(0));
      const panel = await screen.findByRole('complementary', { name: 'Activity' });
      expect((await within(panel).findByText(/^Recorded track from/)).textContent).toBe(
        'Recorded track from Strava, 2,400 samples.',
      );
      expect(within(panel).queryByText(/archive/)).toBeNull();
    } finally {
      await b.close();
    }
  });
});
