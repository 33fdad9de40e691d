// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FaultKind } from '../../strava-sim/faults';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

const statusLine = () => screen.getByRole('status').textContent ?? '';
const items = () => within(screen.getByRole('list', { name: 'Needs attention' })).getAllByRole('listitem');
/** The message a fix control is described by (aria-describedby), as a screen reader reads it. */
const description = (control: HTMLElement) =>
  document.getElementById(control.getAttribute('aria-describedby')!)!.textContent;

describe('needs attention, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it("shows each account problem with main's message and the control that fixes it", async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    // No client credentials yet; one athlete whose login Strava revoked, one who unticked a permission, one who did
    // not grant private activities.
    const app = await openDesktop(w, { credentials: 'none', vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await w.connect(app.services, 1002);
    await w.connect(app.services, 1003, 'read,activity:read');
    await app.services.store.accounts.setState(
      1001,
      'needs-login',
      'Athlete 1001 needs to log in to Strava again: access was revoked.',
    );
    await app.services.store.accounts.setState(
      1002,
      'needs-login',
      'Athlete 1002 unticked "View data about your activities": connect again and keep it ticked.',
    );
    await app.desktop.start();
    const expected = app.desktop.state().attention;
    expect(expected.map((a) => a.code)).toEqual([
      'credentials-missing',
      'needs-login',
      'scope-missing',
      'private-not-granted',
    ]);
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toBe('3 things need your attention.'));
      const shown = items();
      expect(shown.map((li) => li.dataset.code)).toEqual(expected.map((a) => a.code));
      // Each item says main's own message.
      shown.forEach((li, i) => expect(li.textContent).toContain(expected[i]!.message));

      const user = userEvent.setup();
      const credentials = within(shown[0]!).getByRole('button', { name: 'Enter credentials' });
      expect(description(credentials)).toContain(expected[0]!.message);
      await user.click(credentials);
      expect(win.navigate).toHaveBeenLastCalledWith('accounts');

      // Three "Connect again" buttons, each told apart by the problem it fixes.
      const connects = screen.getAllByRole('button', { name: 'Connect again' });
      expect(connects).toHaveLength(3);
      expect(connects.map(description)).toEqual([
        expect.stringContaining('access was revoked'),
        expect.stringContaining('unticked'),
        expect.stringContaining('"Only Me" activities are not synced'),
      ]);
      for (const button of connects) {
        win.navigate.mockClear();
        button.focus();
        await user.keyboard('{Enter}');
        expect(win.navigate).toHaveBeenCalledWith('accounts');
      }
    } finally {
      await win.close();
    }
  });

  it("an inactive application links to Strava's API settings, opened in the system browser", async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    w.sim.injectFault({ kind: 'inactive' });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Up to date\./));
      await userEvent.setup().click(screen.getByRole('button', { name: 'Sync now' }));
      await vi.waitFor(() => expect(statusLine()).toBe('Needs your attention.'));
      const attention = app.desktop.state().attention;
      expect(attention).toEqual([expect.objectContaining({ code: 'app-inactive', action: 'strava-settings' })]);
      const link = screen.getByRole('link', { name: 'Open Strava API settings' });
      expect(link.getAttribute('href')).toBe('https://www.strava.com/settings/api');
      // A new window main denies and hands to the system browser; no opener for the page.
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noreferrer');
      expect(description(link)).toContain(attention[0]!.message);
      expect(screen.getByText(/Last sync .*: refused: application inactive/)).toBeTruthy();
    } finally {
      await win.close();
    }
  });

  for (const [fault, code, times] of [
    ['reset', 'unreachable', 4],
    ['malformed', 'failed', 4], // a cut-short answer is retried: four in a row fail the sync
  ] as Array<[FaultKind, string, number]>) {
    it(`${code}: the message, and Try again really syncs`, async () => {
      // Auto clock: retry back-offs take no time. No background sync: on an auto clock its timer would fire at once
      // (so the settled bar says it is paused).
      const w = await world({ clock: new FakeClock(undefined, 'auto') });
      w.sim.seedActivities(1001, 8, { listHiddenShare: 0 });
      w.sim.injectFault({ kind: fault, times, path: /\/athlete\/activities/ });
      const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
      await w.connect(app.services, 1001);
      await app.desktop.start();
      const win = openWindow(app);
      try {
        await vi.waitFor(() => expect(statusLine()).toMatch(/^Background sync is paused:/));
        const user = userEvent.setup();
        await user.click(screen.getByRole('button', { name: 'Sync now' }));
        await vi.waitFor(() => expect(statusLine()).toBe('Needs your attention.'));
        const [item] = app.desktop.state().attention;
        expect(item).toMatchObject({ code, action: 'sync' });
        expect(items()[0]!.textContent).toContain(item!.message);
        expect(app.services.store.history.recent(1)[0]).toMatchObject({ outcome: code });

        const requests = w.sim.apiRequests().length;
        await user.click(screen.getByRole('button', { name: 'Try again' }));
        await vi.waitFor(() => expect(statusLine()).toMatch(/^Background sync is paused:/));
        expect(w.sim.apiRequests().length).toBeGreaterThan(requests);
        expect(app.services.store.history.recent(1)[0]).toMatchObject({
          trigger: 'manual',
          outcome: 'ok',
          newCount: 8,
        });
        expect(screen.queryByRole('list', { name: 'Needs attention' })).toBeNull();
      } finally {
        await win.close();
      }
    });
  }
});
