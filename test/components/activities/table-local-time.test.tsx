// @vitest-environment jsdom
// The table lists activities by the instant each began and shows each in its own local time: an Auckland morning may
// sit below a Paris evening of the day before. The Date header says so, and each date's hover gives its zone.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ActivitiesView } from '../../../renderer/src/features/activities/activities-view';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

describe('the table in each activity’s own time', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('says on the Date header that times are local, and gives each date its zone on hover', async () => {
    const w = await world({ clock: new FakeClock() });
    // 07:05 on 15 January in Auckland (UTC+13) is 18:05 UTC on the 14th; 20:00 that evening in Paris (UTC+1) is 19:00 UTC.
    w.sim.addActivity(1001, {
      name: 'Harbour ten',
      start: Date.UTC(2025, 0, 14, 18, 5) / 1000,
      utcOffset: 13 * 3600,
      timezone: '(GMT+12:00) Pacific/Auckland',
    });
    w.sim.addActivity(1001, {
      name: 'Seine loop',
      start: Date.UTC(2025, 0, 14, 19, 0) / 1000,
      utcOffset: 3600,
      timezone: '(GMT+01:00) Europe/Paris',
    });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
    const uninstall = installBridge(app);
    try {
      render(
        <LiveProvider>
          <ActivitiesView />
        </LiveProvider>,
      );
      const grid = await screen.findByRole('grid', { name: 'Activities' });
      await within(grid).findByText('Harbour ten');
      const header = within(grid).getByRole('columnheader', { name: /Date/ });
      expect(header.getAttribute('aria-description')).toMatch(/own local time/);
      const rows = within(grid).getAllByRole('row').slice(1);
      // Newest first by the instant: Paris (19:00 UTC) above Auckland (18:05 UTC), though 07:05 on the 15th reads later.
      expect(rows.map((r) => within(r).getAllByRole('gridcell')[1]!.textContent)).toEqual([
        'Seine loop',
        'Harbour ten',
      ]);
      const dateOf = (row: HTMLElement) => within(row).getAllByRole('gridcell')[0]!;
      expect(dateOf(rows[1]!).getAttribute('title')).toMatch(/Pacific\/Auckland \(GMT\+13:00\)$/);
      expect(dateOf(rows[0]!).getAttribute('title')).toMatch(/Europe\/Paris \(GMT\+01:00\)$/);
    } finally {
      // The view first (it may still be asking main), then the bridge and the core.
      cleanup();
      uninstall();
      await app.close();
    }
  });
});
