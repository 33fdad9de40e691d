import { describe, expect, it } from 'vitest';
import { syncStateSchema, type SyncStateView } from '../../../preload/payloads';
import { approveInBrowser } from '../../support/browser-login';
import { openDesktop, until, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

/** What the window has heard of a Connect in flight, in order (each state:changed's `connecting`, repeats dropped). */
function connectingHeard(app: DesktopUnderTest): Array<SyncStateView['connecting']> {
  const seen = app.events
    .filter((e) => e.channel === 'state:changed')
    .map((e) => syncStateSchema.parse(e.payload).connecting);
  return seen.filter((c, i) => i === 0 || c !== seen[i - 1]);
}

const connectingNow = async (app: DesktopUnderTest) =>
  syncStateSchema.parse((await app.invoke('sync:state')).value).connecting;

describe('one Connect at a time, and one that always ends', () => {
  const world = useWorld();

  it('a second Connect while one waits for the browser is refused with a message; the first goes on, and the state says where it is', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await app.desktop.start();
      await app.invoke('app:ready');
      const first = app.invoke('accounts:connect');
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      const second = await app.invoke('accounts:connect');
      expect(second.error).toEqual({
        code: 'busy',
        message:
          "A Connect is already waiting for Strava's page in your browser. Finish it there, or stop waiting and connect again.",
      });
      expect(app.ports.opened).toHaveLength(1); // no second page, no second login
      expect(await connectingNow(app)).toBe('browser');

      // Past the browser the login is being stored: neither a cancel nor another Connect touches it.
      const meanwhile: Array<{ code: string } | undefined> = [];
      app.listeners.add((channel, payload) => {
        if (
          channel !== 'state:changed' ||
          syncStateSchema.parse(payload).connecting !== 'storing' ||
          meanwhile.length > 0
        )
          return;
        app.desktop.accounts.cancelConnect();
        try {
          void app.desktop.accounts.connect();
        } catch (error) {
          meanwhile.push({ code: (error as Error).name });
        }
      });
      expect((await approveInBrowser(app.ports.opened[0]!)).status).toBe(200);
      expect(await first).toMatchObject({ ok: true, value: { athleteId: 1001, state: 'connected' } });
      expect(meanwhile).toEqual([{ code: 'ConnectInFlightError' }]);
      expect(await connectingNow(app)).toBeNull();
      expect(connectingHeard(app)).toEqual([null, 'browser', 'storing', null]);
    } finally {
      await app.close();
    }
  });

  it('stopping a Connect that waits for the browser ends it at once, cancelled and nothing stored; the next Connect works', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    try {
      await app.desktop.start();
      const first = app.invoke('accounts:connect');
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      expect(await app.invoke('accounts:cancelConnect')).toEqual({ ok: true, value: null });
      expect((await first).error).toEqual({
        code: 'cancelled',
        message: 'Connecting was cancelled. Nothing was stored.',
      });
      expect(await connectingNow(app)).toBeNull();
      // The page it opened leads nowhere now: its loopback server is gone, and Strava's code reaches nobody.
      await expect(approveInBrowser(app.ports.opened[0]!)).rejects.toThrow();
      expect((await app.invoke('accounts:list')).value).toMatchObject({ accounts: [] });
      // Nothing in flight: a cancel does nothing.
      expect(await app.invoke('accounts:cancelConnect')).toEqual({ ok: true, value: null });

      const again = app.invoke('accounts:connect');
      await until(() => app.ports.opened.length === 2, 'the authorize page to open again');
      expect((await approveInBrowser(app.ports.opened[1]!)).status).toBe(200);
      expect(await again).toMatchObject({ ok: true, value: { athleteId: 1001 } });
    } finally {
      await app.close();
    }
  });

  it('Quit during a Connect waiting for the browser: the login ends at once, the Connect answers that Splits is quitting, and the quit is not held', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await app.desktop.start();
    const connecting = app.invoke('accounts:connect');
    await until(() => app.ports.opened.length === 1, 'the authorize page to open');
    // Awaited whole: a login left pending would hold it until the test times out.
    await app.desktop.shutdown();
    expect((await connecting).error).toMatchObject({
      code: 'quitting',
      message: expect.stringMatching(/^Splits is quitting; nothing was stored\./),
    });
    await expect(approveInBrowser(app.ports.opened[0]!)).rejects.toThrow();
    expect((await app.invoke('accounts:list')).value).toMatchObject({ accounts: [] });
  });
});
