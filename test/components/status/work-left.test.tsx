// @vitest-environment jsdom
// Issue 16: what is left is read athlete by athlete. The live headline stays one short sentence (two athletes' sentences
// ran together in it, four bold lines at 800 px), and the list under it says each athlete's work on a line of its own;
// a scan that has not begun "starts", it does not "continue".
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectNamed, openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

const statusLine = () => screen.getByRole('status').textContent ?? '';
const workLeft = () => screen.queryByRole('list', { name: 'Work left' });
const lines = () =>
  within(workLeft()!)
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('the work left in the status bar, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('two athletes: one short live headline, and each athlete on a line of their own under it, not in it', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await connectNamed(w, app, 1001, 'Grace Brewster Murray Hopper');
    await connectNamed(w, app, 1002, 'Ada Lovelace');
    await app.desktop.start();
    const win = openWindow(app);
    try {
      // Neither athlete synced yet: their scans are due, to start at the next background sync.
      await vi.waitFor(() => expect(statusLine()).toMatch(/^2 athletes have work left; syncing starts at [^.]+\.$/));
      expect(statusLine()).not.toMatch(/Grace|Ada/);
      const at = /starts at ([^.]+)\.$/.exec(statusLine())![1];
      await vi.waitFor(() => expect(workLeft()).not.toBeNull());
      expect(lines()).toEqual([
        `Grace Brewster Murray Hopper: full scan due, starts at ${at}.`,
        `Ada Lovelace: full scan due, starts at ${at}.`,
      ]);
      // Outside the live region and the bold headline: only the headline is announced.
      expect(workLeft()!.closest('[role="status"], .status-headline')).toBeNull();
    } finally {
      await win.close();
    }
  });

  it('one athlete: their own words as the headline when short, with no list repeating them; a long one is named and listed', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await connectNamed(w, app, 1001, 'Ada');
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Ada: full scan due, starts at [^.]+\.$/));
      expect(workLeft()).toBeNull();

      const long = 'Grace Brewster Murray Hopper, Rear Admiral';
      await app.services.store.accounts.save({ ...app.services.store.accounts.list()[0]!, name: long });
      await app.desktop.scheduler.refresh();
      await vi.waitFor(() =>
        expect(statusLine()).toMatch(new RegExp(`^${long} has work left; syncing starts at [^.]+\\.$`)),
      );
      await vi.waitFor(() => expect(workLeft()).not.toBeNull());
      expect(lines()).toEqual([expect.stringMatching(new RegExp(`^${long}: full scan due, starts at [^.]+\\.$`))]);
    } finally {
      await win.close();
    }
  });

  it('paused: the headline says so alone, and the athlete is listed under it, starting when the person presses Sync now', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await connectNamed(w, app, 1001, 'Grace Hopper');
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(workLeft()).not.toBeNull());
      expect(statusLine()).toBe('Background sync is paused: Splits syncs only when you press Sync now.');
      expect(lines()).toEqual(['Grace Hopper: full scan due, starts when you press Sync now.']);
    } finally {
      await win.close();
    }
  });
});
