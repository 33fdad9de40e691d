// @vitest-environment jsdom
// Issue 16 in the status bar, on the real desktop core: a retry is said with its countdown and attempt, not a silent
// "Syncing: starting."; the same problem for two athletes is one line with one button; a spent budget with nothing
// waiting for it promises no resume.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectNamed, openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

const statusLine = () => screen.getByRole('status').textContent ?? '';
const start = Date.UTC(2026, 10, 2, 8, 5);

describe('the status bar tells what is true', () => {
  const world = useWorld();
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says a retry while it waits, counted down, with its attempt; and stops saying it once Strava answers', async () => {
    // The window's countdown reads the computer's clock: the same fake time main runs on (timers stay real).
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const clock = new FakeClock(start, 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    w.sim.injectFault({ kind: 'reset', times: 1, path: /\/athlete\/activities/ });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await connectNamed(w, app, 1001, 'Grace Hopper');
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Background sync is paused/));
      await userEvent.setup().click(screen.getByRole('button', { name: 'Sync now' }));
      // The retry waits on main's clock, which only the test moves: the window says it meanwhile.
      await vi.waitFor(() => expect(statusLine()).toBe('Syncing: Strava did not answer; trying again.'));
      expect(screen.getByRole('timer').textContent).toBe('Strava did not answer; trying again in 1 s (2 of 4).');
      await clock.advance(1000);
      await vi.waitFor(() => expect(app.desktop.state().running).toBeNull());
      await vi.waitFor(() => expect(screen.queryByRole('timer')).toBeNull());
      expect(statusLine()).toMatch(/^Background sync is paused/);
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ outcome: 'ok', newCount: 5 });
    } finally {
      await win.close();
    }
  });

  it('the same problem for two athletes is one line naming both, with one button', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await connectNamed(w, app, 1001, 'Grace Hopper');
    await connectNamed(w, app, 1002, 'Ada Lovelace');
    const revoked = "Strava no longer accepts Splits' access. Log in again.";
    await app.services.store.accounts.setState(1001, 'needs-login', revoked);
    await app.services.store.accounts.setState(1002, 'needs-login', revoked);
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toBe('Needs your attention.'));
      const items = within(screen.getByRole('list', { name: 'Needs attention' })).getAllByRole('listitem');
      expect(items).toHaveLength(1);
      expect(items[0]!.textContent).toContain('Grace Hopper and Ada Lovelace need to log in to Strava again.');
      const buttons = screen.getAllByRole('button', { name: 'Connect again' });
      expect(buttons).toHaveLength(1);
      await userEvent.setup().click(buttons[0]!);
      expect(win.navigate).toHaveBeenCalledWith('accounts');
    } finally {
      await win.close();
    }
  });

  it('a budget spent with nothing waiting for it promises no resume, and the unfinished scan is said with its athlete', async () => {
    const clock = new FakeClock(start, 'manual');
    const w = await world({ clock });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    // The third page hangs until the sync is cancelled: the scan is left unfinished, not stopped by the limit.
    w.sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=3(&|$)/ });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await connectNamed(w, app, 1001, 'Grace Hopper');
    await app.desktop.start();
    const win = openWindow(app);
    try {
      const syncing = app.desktop.sync({ mode: 'quick' });
      await vi.waitFor(() => expect(w.sim.apiRequests('/athlete/activities').length).toBeGreaterThanOrEqual(3));
      await app.desktop.cancel();
      await syncing;
      // Another tool spends the window: the budget is used up, but nothing is planned for its reset (paused, and the
      // person's sync was cancelled, not stopped by the limit).
      await app.services.limiter.update({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '100,500' });
      await app.desktop.scheduler.refresh();
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Strava's read budget is used up until [^;]+\.$/));
      await vi.waitFor(() =>
        expect(screen.getByRole('list', { name: 'Work left' }).textContent).toMatch(
          /^Grace Hopper: full scan at page \d+, [\d,]+ activity details to fetch, continues when you press Sync now\.$/,
        ),
      );
      expect(screen.getByRole('timer').textContent).toMatch(/The budget comes back in/);
    } finally {
      await win.close();
    }
  });
});
