// @vitest-environment jsdom
// Issue 16: the status bar says what is true when background sync is paused and when nobody is connected, instead of
// "Up to date. Next sync at ..." in both.
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

const statusLine = () => screen.getByRole('status').textContent ?? '';
const button = (name: string) => screen.getByRole('button', { name });
const bar = () => screen.getByRole('region', { name: 'Sync status' });

describe('the status bar when nothing syncs by itself, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('paused background sync is said, Sync now still works, and resuming brings the next sync time back', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() =>
        expect(statusLine()).toBe('Background sync is paused: Splits syncs only when you press Sync now.'),
      );
      expect(app.desktop.state().state).toBe('paused');
      expect(bar().className).toContain('status-paused');
      expect(button('Sync now').getAttribute('aria-disabled')).toBe('false');

      // Sync now is a sync the person asked for: it runs while paused, and the bar stays paused after it.
      await userEvent.setup().click(button('Sync now'));
      await vi.waitFor(() => expect(screen.getByText(/^Last sync /).textContent).toContain('3 new'));
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Background sync is paused/));

      expect((await app.invoke('settings:set', { backgroundSync: true })).ok).toBe(true);
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Up to date\. Next sync at /));
      expect(app.desktop.state().state).toBe('idle');
    } finally {
      await win.close();
    }
  });

  it('nobody connected: "Not connected", the way to connect, and Sync now and Full sync disabled', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toBe('Not connected.'));
      expect(statusLine()).not.toContain('Up to date');
      expect(app.desktop.state().connected).toBe(false);

      const user = userEvent.setup();
      const connect = button('Connect to Strava');
      await user.click(connect);
      expect(win.navigate).toHaveBeenLastCalledWith('accounts');

      for (const name of ['Sync now', 'Full sync']) {
        expect(button(name).getAttribute('aria-disabled')).toBe('true');
        await user.click(button(name));
      }
      // The clicks asked main for nothing: no sync started, no request reached Strava.
      expect(app.events.filter((e) => e.channel === 'sync:started')).toEqual([]);
      expect(w.sim.apiRequests()).toEqual([]);
    } finally {
      await win.close();
    }
  });

  it('with no credentials either, setting them up comes first and Sync now stays disabled', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { credentials: 'none', vault: 'implicit', settings: { syncAtLaunch: false } });
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toBe('Needs your attention.'));
      expect(button('Enter credentials')).toBeTruthy();
      // One way forward at a time: connecting needs the credentials first.
      expect(screen.queryByRole('button', { name: 'Connect to Strava' })).toBeNull();
      expect(button('Sync now').getAttribute('aria-disabled')).toBe('true');
    } finally {
      await win.close();
    }
  });
});
