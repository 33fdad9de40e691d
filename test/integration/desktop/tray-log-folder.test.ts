// "Open the log folder" in the tray menu and over IPC (issue 17, item 7): the tray model offers it in every state, and
// the desktop core opens the folder through its port; the window can ask for it but pass nothing. The model is drawn
// from the real desktop core's state, as main/desktop/electron/tray-wiring.ts draws it.
import { describe, expect, it } from 'vitest';
import { trayModel, type TrayModel } from '../../../main/desktop/tray-model';
import { openDesktop, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const trayOf = (app: DesktopUnderTest): TrayModel =>
  trayModel(app.desktop.state(), app.desktop.limits(), (ms) => new Date(ms).toISOString().slice(11, 16));
const labels = (tray: TrayModel) => tray.items.map((i) => ('label' in i ? i.label : '—'));

describe('Open the log folder', () => {
  const world = useWorld();

  it('is in the tray menu, enabled, just above Quit, whether anyone is connected, paused or not; the handler opens the folder and takes no argument', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      await app.desktop.start();
      const states: TrayModel[] = [trayOf(app)];
      await w.connect(app.services, 1001);
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      states.push(trayOf(app));
      expect((await app.invoke('settings:set', { backgroundSync: true })).ok).toBe(true);
      states.push(trayOf(app));
      expect(states.map((t) => t.icon)).toEqual(['paused', 'paused', 'idle']);
      // Nobody connected at first: nothing to sync, yet the log folder is there to open.
      expect(states.map((t) => t.items.find((i) => i.kind === 'action' && i.action === 'sync-quick'))).toMatchObject([
        { enabled: false },
        { enabled: true },
        { enabled: true },
      ]);
      for (const tray of states) {
        expect(labels(tray).slice(-3)).toEqual(['—', 'Open the log folder', 'Quit Splits']);
        expect(tray.items).toContainEqual({
          kind: 'action',
          action: 'open-log-folder',
          label: 'Open the log folder',
          enabled: true,
        });
      }

      expect(await app.invoke('app:openLogFolder')).toEqual({ ok: true, value: null });
      expect(app.ports.logFolderOpened).toBe(1);
      for (const args of [['/etc'], [w.dataDir], [{ path: w.dataDir }]]) {
        expect((await app.invoke('app:openLogFolder', ...args)).error?.code).toBe('bad-request');
      }
      expect(app.ports.logFolderOpened).toBe(1);
    } finally {
      await app.close();
    }
  });
});
