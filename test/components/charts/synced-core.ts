// The real desktop core on the simulator, with an athlete connected and years of activities seeded; synced by
// `sync:now` as the window's button asks for it.
import axios from 'axios';
import { openDesktop, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import type { useWorld, World } from '../../support/splits';

export const ATHLETE = 1001;

/**
 * axios picks its XHR adapter wherever XMLHttpRequest exists, and jsdom's (a page's, with CORS) cannot reach the
 * simulator: main's HTTP instances, made after this, go through Node's http as they do in the app. Restored by close.
 */
function mainOnNodeHttp(): () => void {
  const before = axios.defaults.adapter;
  axios.defaults.adapter = 'http';
  return () => void (axios.defaults.adapter = before);
}

export async function coreWithHistory(world: ReturnType<typeof useWorld>, activities = 900): Promise<{ w: World; app: DesktopUnderTest; close: () => Promise<void> }> {
  const restoreXhr = mainOnNodeHttp();
  const w = await world({ clock: new FakeClock(undefined, 'manual') });
  // About three and a half years: an activity every 1.3 days on average.
  w.sim.seedActivities(ATHLETE, activities);
  const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
  await w.connect(app.services, ATHLETE);
  await app.desktop.start();
  return {
    w,
    app,
    close: async () => {
      await app.close();
      restoreXhr();
    },
  };
}

export async function fullSync(app: DesktopUnderTest): Promise<void> {
  const result = await app.invoke('sync:now', { mode: 'full' });
  if (!result.ok) throw new Error(`sync failed: ${result.error?.message}`);
}
