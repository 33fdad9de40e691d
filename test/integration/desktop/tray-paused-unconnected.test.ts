// Issue 16, in the tray: paused background sync has its own icon, and with nobody connected the tray says so and
// offers no sync. The tray model is drawn from the real desktop core's state, as main/index.ts draws it.
import { describe, expect, it } from 'vitest';
import { trayModel, type TrayItem, type TrayModel } from '../../../main/desktop/tray-model';
import { openDesktop, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const trayOf = (app: DesktopUnderTest): TrayModel =>
  trayModel(app.desktop.state(), app.desktop.limits(), (ms) => new Date(ms).toISOString().slice(11, 16));
const action = (tray: TrayModel, name: string) =>
  tray.items.find((i): i is Extract<TrayItem, { kind: 'action' }> => i.kind === 'action' && i.action === name)!;
const infos = (tray: TrayModel) =>
  tray.items.filter((i) => i.kind === 'info').map((i) => (i as { label: string }).label);

describe('the tray when nothing syncs by itself', () => {
  const world = useWorld();

  it('paused background sync shows the paused icon (and the checkbox); Sync now still runs; resuming shows idle again', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      await w.connect(app.services, 1001);
      await app.desktop.start();
      let tray = trayOf(app);
      expect(tray.icon).toBe('paused');
      expect(tray.items).toContainEqual({
        kind: 'check',
        action: 'toggle-pause',
        label: 'Pause background sync',
        checked: true,
      });
      expect(tray.tooltip).toContain('background sync paused');
      expect(action(tray, 'sync-quick').enabled).toBe(true);

      // Sync now is the person's own: it runs while paused, and the tray is paused again after it.
      expect((await app.invoke('sync:now', { mode: 'quick' })).value).toMatchObject({
        results: [{ status: 'ok', newCount: 3 }],
      });
      expect(trayOf(app).icon).toBe('paused');

      expect((await app.invoke('settings:set', { backgroundSync: true })).ok).toBe(true);
      tray = trayOf(app);
      expect(tray.icon).toBe('idle');
      expect(tray.tooltip).not.toContain('paused');
    } finally {
      await app.close();
    }
  });

  it('nobody connected: Sync now and Full sync are disabled, and the menu says how to connect', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await app.desktop.start();
      const tray = trayOf(app);
      expect(action(tray, 'sync-quick')).toMatchObject({ label: 'Sync now', enabled: false });
      expect(action(tray, 'sync-full')).toMatchObject({ enabled: false });
      expect(action(tray, 'open').enabled).toBe(true);
      expect(infos(tray)[0]).toBe('not connected: open Splits to connect to Strava');
      expect(tray.tooltip).toContain('not connected');
    } finally {
      await app.close();
    }
  });
});
