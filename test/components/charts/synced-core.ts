// The real desktop core on the simulator, with an athlete connected and years of activities seeded; synced by
// `sync:now` as the window's button asks for it.
import { openDesktop, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import type { useWorld, World } from '../../support/splits';

export const ATHLETE = 1001;

export async function coreWithHistory(
  world: ReturnType<typeof useWorld>,
  activities = 900,
): Promise<{ w: World; app: DesktopUnderTest; close: () => Promise<void> }> {
  const w = await world({ clock: new FakeClock(undefined, 'manual') });
  // About three and a half years: an activity every 1.3 days on average.
  w.sim.seedActivities(ATHLETE, activities);
  const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
  await w.connect(app.services, ATHLETE);
  await app.desktop.start();
  return {
    w,
    app,
    close: () => app.close(),
  };
}

export async function fullSync(app: DesktopUnderTest): Promise<void> {
  const result = await app.invoke('sync:now', { mode: 'full' });
  if (!result.ok) throw new Error(`sync failed: ${result.error?.message}`);
}
