// @vitest-environment jsdom
// Issue 16, "When": the last sync as "5 minutes ago", kept true as time passes, with the exact date and time on hover:
// in the status bar and on Accounts.
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountsView } from '../../../renderer/src/features/accounts/accounts-view';
import { formatDateTime } from '../../../renderer/src/format/dates';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

const MINUTE = 60_000;

/** A synced desktop core whose last sync ended five minutes before the window's clock. */
async function syncedFiveMinutesAgo(world: ReturnType<typeof useWorld>) {
  const w = await world({ clock: new FakeClock(undefined, 'manual') });
  w.sim.seedActivities(1001, 1_234, { listHiddenShare: 0 });
  const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
  await w.connect(app.services, 1001);
  await app.desktop.start();
  expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
  const endedAt = app.desktop.state().last!.endedAt;
  // Only the window's clock is faked (Date and its ticking interval); the core and the test's waits run as ever.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(endedAt + 5 * MINUTE);
  return { app, endedAt };
}

describe('the last sync, said as how long ago', () => {
  const world = useWorld();
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('in the status bar: "5 minutes ago", the exact moment on hover, and "7 minutes ago" two minutes on', async () => {
    const { app, endedAt } = await syncedFiveMinutesAgo(world);
    const win = openWindow(app);
    try {
      const line = await vi.waitFor(() => screen.getByText(/^Last sync /));
      const ago = line.querySelector('time')!;
      // Its counts in the same style: 1,234 (1.234 in German), not 1234.
      expect(line.textContent).toMatch(new RegExp(`^Last sync 5 minutes ago: ${(1_234).toLocaleString()} new`));
      expect(line.textContent).not.toMatch(/1234/);
      // The daily meters count to 1,000 and 2,000, not 1000.
      const meters = [...document.querySelectorAll('.limit-meter-numbers')].map((m) => m.textContent);
      expect(meters).toContain(`${app.services.limiter.status().read.requestsDay} of ${(1_000).toLocaleString()}`);
      expect(ago.getAttribute('title')).toBe(formatDateTime(endedAt));
      expect(ago.getAttribute('datetime')).toBe(new Date(endedAt).toISOString());
      act(() => vi.advanceTimersByTime(2 * MINUTE));
      // Waited for: the line's ticking starts in an effect, which a loaded machine may run only after the clock moved
      // (it then reads the moved clock at once).
      await vi.waitFor(() => expect(line.textContent).toMatch(/^Last sync 7 minutes ago: /));
    } finally {
      await win.close();
    }
  });

  it("on Accounts: the athlete's last sync as how long ago, the exact moment on hover", async () => {
    const { app, endedAt } = await syncedFiveMinutesAgo(world);
    const win = openWindow(app, <AccountsView />);
    try {
      const facts = await vi.waitFor(
        () => screen.getByText('Last sync', { selector: 'dt' }).nextElementSibling as HTMLElement,
      );
      const lastSyncAt = app.services.store.syncState.get(1001).lastSyncAt!;
      expect(lastSyncAt).toBeLessThanOrEqual(endedAt);
      expect(screen.getByText('Activities', { selector: 'dt' }).nextElementSibling!.textContent).toBe(
        (1_234).toLocaleString(),
      );
      const ago = within(facts).getByText(/ago$/);
      expect(ago.textContent).toBe('5 minutes ago');
      expect(ago.getAttribute('title')).toBe(formatDateTime(lastSyncAt));
      act(() => vi.advanceTimersByTime(60 * MINUTE));
      // Read afresh: an account event meanwhile (a busy machine's late one) may have drawn the list anew. Waited for:
      // the ticking starts in an effect, which a loaded machine may run only after the clock moved (it then reads the
      // moved clock at once); asked at once, it still said "5 minutes ago" in two runs of three on one.
      await vi.waitFor(() => {
        const now = screen.getByText('Last sync', { selector: 'dt' }).nextElementSibling as HTMLElement;
        expect(within(now).getByText(/ago$/).textContent).toBe('1 hour ago');
      });
    } finally {
      await win.close();
    }
  });
});
