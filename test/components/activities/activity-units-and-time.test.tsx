// @vitest-environment jsdom
// One activity as the panel shows it under imperial units: its own local time and time zone (an Auckland morning, not
// this computer's clock), Strava's mile splits rather than kilometre splits read in miles (the kilometre ones, said so,
// where the detail has none), paces per mile and per 100 yd, feet, and "–" for a session without a distance.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ActivityPage } from '../../../renderer/src/features/activity/activity-page';
import { localDateTime } from '../../../renderer/src/format/units';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

const MILE = 1609.344;

describe('one activity, in its own time and in imperial units', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('says its local time with its zone, splits by the mile, paces per mile and per 100 yd, and – for no distance', async () => {
    const clock = new FakeClock();
    const w = await world({ clock });
    // 07:05 on 15 January in Auckland (summer: UTC+13) is 18:05 UTC the day before.
    const run = w.sim.addActivity(1001, {
      name: 'Harbour ten',
      sportType: 'Run',
      start: Date.UTC(2025, 0, 14, 18, 5) / 1000,
      utcOffset: 13 * 3600,
      timezone: '(GMT+12:00) Pacific/Auckland',
      distance: 10 * MILE,
      movingTime: 80 * 60,
      elapsedTime: 82 * 60,
      elevationGain: 1234,
    });
    const legs = w.sim.addActivity(1001, {
      name: 'Leg day',
      sportType: 'WeightTraining',
      distance: 0,
      movingTime: 3600,
      elevationGain: 0,
      route: [],
    });
    // 2,000 yards in 40 minutes: 2:00 per 100 yd.
    const swim = w.sim.addActivity(1001, {
      name: 'Pool',
      sportType: 'Swim',
      distance: 2000 * 0.9144,
      movingTime: 40 * 60,
      route: [],
    });

    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const synced = await app.invoke('sync:now', { mode: 'full' });
    expect(synced.ok).toBe(true);
    const uninstall = installBridge(app);
    let panel!: HTMLElement;
    /** The panel of one activity, on its own, once its name shows. */
    const open = async (a: { id: number; name: string }) => {
      cleanup();
      render(
        <LiveProvider>
          <ActivityPage
            activity={{ athleteId: 1001, id: a.id }}
            units="imperial"
            dataVersion={0}
            onClose={() => undefined}
          />
        </LiveProvider>,
      );
      panel = await screen.findByRole('complementary', { name: 'Activity' });
      await within(panel).findByRole('heading', { name: a.name });
    };
    try {
      await open(run);
      const value = (label: string) =>
        within(panel).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
      // Its own wall clock, whatever this computer's zone: 7:05 (or 07:05), never UTC's 18:05.
      expect(value('Date')).toBe(localDateTime('2025-01-15T07:05:00Z', '2025-01-14T18:05:00Z'));
      expect(value('Date')).toMatch(/\b0?7:05\b/);
      expect(value('Date')).toMatch(/15/);
      expect(value('Time zone')).toBe('Pacific/Auckland (GMT+13:00)');
      expect(value('Distance')).toBe('10.0 mi');
      expect(value('Pace')).toBe('8:00 /mi');
      expect(value('Elevation')).toBe(`${(4049).toLocaleString()} ft`);

      // Strava's own mile splits: ten of a mile each at 8:00 a mile, not sixteen kilometres of 0.62 mi.
      const splitsTable = await within(panel).findByRole('table', { name: 'Splits' });
      const rows = within(splitsTable).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(10);
      for (const row of rows) {
        const cells = within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent);
        expect(cells[0]).toBe('1.00 mi');
        expect(cells[2]).toBe('8:00 /mi');
      }

      // A detail without mile splits (from an archive, or fetched by an older Splits): the kilometre splits, said to be
      // per km, rather than no splits at all.
      const stored = await app.services.store.activities(1001);
      const { splits_standard: _mileSplits, ...withoutMiles } = (await stored.detail(run.id))!;
      await stored.setDetail(withoutMiles);
      await stored.flush();
      await open(run);
      expect(within(panel).queryByRole('table', { name: 'Splits' })).toBeNull();
      const perKm = await within(panel).findByRole('table', { name: 'Splits per km' });
      const kmRows = within(perKm).getAllByRole('row').slice(1);
      expect(kmRows).toHaveLength(16);
      // Each kilometre in miles, at the run's pace per mile.
      expect(within(kmRows[0]!).getAllByRole('cell')[0]!.textContent).toBe('0.62 mi');
      expect(within(kmRows[0]!).getAllByRole('cell')[2]!.textContent).toBe('8:00 /mi');

      await open(legs);
      expect(value('Sport')).toBe('Weight Training');
      expect(value('Distance')).toBe('–');

      await open(swim);
      expect(value('Pace')).toBe('2:00 /100 yd');
      // Swims in yards under imperial units, as Strava shows them.
      expect(value('Distance')).toBe('2,000 yd');
    } finally {
      uninstall();
      await app.close();
    }
  });
});
