// The activity browser on the real desktop core: athlete 1001 connected, activities seeded in the simulator and synced
// by a full scan through the window's own channel. Details wait: the read budget is nearly spent before the sync, so
// the backfill (which leaves 20% of the window to the person) fetches none until the next quarter hour.
import { render } from '@testing-library/react';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ActivitiesView } from '../../../renderer/src/features/activities/activities-view';
import { openDesktop, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import type { World } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

export interface Truth {
  id: number;
  name: string;
  sport_type: string;
  start_date: string;
  start_date_local: string;
  distance: number;
  moving_time: number;
  total_elevation_gain: number;
  average_speed: number;
  map: { summary_polyline: string };
}

export async function openBrowser(world: (o?: { clock?: FakeClock }) => Promise<World>, count: number) {
  const clock = new FakeClock();
  const w = await world({ clock });
  w.sim.seedActivities(1001, count);
  const app: DesktopUnderTest = await openDesktop(w, {
    vault: 'implicit',
    settings: { syncAtLaunch: false, backgroundSync: false },
  });
  await w.connect(app.services, 1001);
  await app.desktop.start();
  w.sim.rateLimits.setUsage(clock.now(), { read15: 85, overall15: 85 });
  const synced = await app.invoke('sync:now', { mode: 'full' });
  if (!synced.ok) throw new Error(`the sync failed: ${synced.error?.message}`);
  const uninstall = installBridge(app);
  render(
    <LiveProvider>
      <ActivitiesView />
    </LiveProvider>,
  );
  const truth = w.sim.listableSummaries(1001) as unknown as Truth[];
  return {
    w,
    app,
    clock,
    truth,
    close: async () => {
      uninstall();
      await app.close();
    },
  };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
export const byName = (needle: string) => (a: Truth) => fold(a.name).includes(fold(needle));
/** Newest first by the instant each started (whatever its zone), as the table sorts it. */
const startOf = (a: Truth) => Date.parse(a.start_date);
export const newestFirst = (a: Truth, b: Truth) => startOf(b) - startOf(a) || b.id - a.id;

/** The count line above the table: "450 activities", or "12 of 450 activities" when filtered. */
export const count = (shown: number, of?: number) =>
  of === undefined
    ? `${shown.toLocaleString()} activities`
    : `${shown.toLocaleString()} of ${of.toLocaleString()} activities`;
