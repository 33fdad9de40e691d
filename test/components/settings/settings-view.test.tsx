// @vitest-environment jsdom
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { auditInJsdom } from '../../support/jsdom-audit';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

describe('the settings view, on the real desktop core and its settings file', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('checks the interval as typed and sends nothing invalid; valid changes are stored, reach the scheduler and the theme; changes from elsewhere show', async () => {
    const clock = new FakeClock(undefined, 'manual');
    const w = await world({ clock });
    const app = await openDesktop(w, { settings: { syncAtLaunch: false } });
    const uninstall = installBridge(app);
    const settingsFile = join(w.dataDir, 'settings.json');
    const stored = async () => JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>;
    try {
      await app.desktop.start();
      render(<App />);
      const user = userEvent.setup();
      await user.click(screen.getByRole('tab', { name: 'Settings' }));
      const view = screen.getByRole('tabpanel');
      const interval = (await within(view).findByLabelText('Sync every')) as HTMLInputElement;
      expect(interval.value).toBe(String((await stored()).syncIntervalMinutes));
      // No serious or critical accessibility violation (contrast is left to Chromium: jsdom has no layout).
      const audit = await auditInJsdom(view);
      expect(audit.passes.length).toBeGreaterThan(0);
      expect(
        audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      const nextAtBefore = app.desktop.state().backgroundSync.nextAt;
      expect(nextAtBefore).not.toBeNull();

      // Out of range: the message beside the field, marked invalid, and nothing sent (file and events unchanged).
      const fileBefore = await readFile(settingsFile, 'utf8');
      const eventsBefore = app.events.length;
      const message = () =>
        document.getElementById(interval.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent;
      await user.clear(interval);
      await user.type(interval, '5');
      expect(interval.getAttribute('aria-invalid')).toBe('true');
      expect(message()).toMatch(/At least 15 minutes/);
      await user.tab();
      await user.clear(interval);
      await user.type(interval, '1441{Enter}');
      expect(message()).toMatch(/At most 1440 minutes/);
      await user.tab();
      expect(await readFile(settingsFile, 'utf8')).toBe(fileBefore);
      expect(app.events.slice(eventsBefore).some((e) => e.channel === 'settings:changed')).toBe(false);
      expect(app.desktop.state().backgroundSync.nextAt).toBe(nextAtBefore);

      // A valid interval, sent on leaving the field: stored in the file, and the scheduler's next turn moves with it.
      await user.clear(interval);
      await user.type(interval, '30');
      expect(interval.getAttribute('aria-invalid')).toBe('false');
      expect(message()).toBe('');
      await user.tab();
      await vi.waitFor(async () => expect((await stored()).syncIntervalMinutes).toBe(30));
      const nextAtAfter = app.desktop.state().backgroundSync.nextAt;
      expect(nextAtAfter).toBe(clock.now() + 30 * 60_000);
      expect(nextAtAfter).not.toBe(nextAtBefore);
      expect(interval.value).toBe('30');

      // Fetch tracks (off in the tests' world, as the settings file says): turned on here, stored for the next sync.
      const tracks = within(view).getByRole('checkbox', { name: 'Fetch tracks' });
      expect(tracks).toHaveProperty('checked', false);
      await user.click(tracks);
      await vi.waitFor(async () => expect((await stored()).fetchTracks).toBe(true));
      expect(app.desktop.settings.get().fetchTracks).toBe(true);
      expect(tracks).toHaveProperty('checked', true);

      // Background sync off: stored, and the timer stops.
      const background = within(view).getByRole('checkbox', { name: 'Sync in the background' });
      expect(background).toHaveProperty('checked', true);
      await user.click(background);
      await vi.waitFor(async () => expect((await stored()).backgroundSync).toBe(false));
      expect(app.desktop.state().backgroundSync).toEqual({ enabled: false, nextAt: null });
      expect(background).toHaveProperty('checked', false);

      // The theme: the choice reaches main (stored, and told to the system) and the page's [data-theme].
      const theme = within(view).getByRole('group', { name: 'Theme' });
      await user.click(within(theme).getByRole('radio', { name: 'Dark' }));
      await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
      expect((await stored()).theme).toBe('dark');
      expect(app.ports.themes.at(-1)).toBe('dark');
      await user.click(within(theme).getByRole('radio', { name: 'Light' }));
      await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
      expect(within(theme).getByRole('radio', { name: 'Light' })).toHaveProperty('checked', true);

      // Units and launch at login, by keyboard: a space on the focused control.
      const imperial = within(view).getByRole('radio', { name: 'Imperial (mi, ft)' });
      imperial.focus();
      await user.keyboard(' ');
      await vi.waitFor(async () => expect((await stored()).units).toBe('imperial'));
      within(view).getByRole('checkbox', { name: 'Start Splits when I log in' }).focus();
      await user.keyboard(' ');
      await vi.waitFor(async () => expect((await stored()).launchAtLogin).toBe(true));
      expect(app.ports.launchAtLogin.at(-1)).toBe(true);

      // A change made elsewhere (the tray, another window) arrives with settings:changed and shows.
      const notifications = within(view).getByRole('checkbox', { name: 'Notifications' });
      expect(notifications).toHaveProperty('checked', true);
      await app.invoke('settings:set', { notifications: false, syncIntervalMinutes: 120 });
      await vi.waitFor(() => expect(notifications).toHaveProperty('checked', false));
      await vi.waitFor(() => expect(interval.value).toBe('120'));
    } finally {
      uninstall();
      await app.close();
      delete document.documentElement.dataset.theme;
    }
  });
});
