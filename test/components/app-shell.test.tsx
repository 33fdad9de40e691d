// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app';
import { openDesktop } from '../support/desktop-core';
import { FakeClock } from '../support/fake-clock';
import { useWorld } from '../support/splits';
import { installBridge } from '../support/window-bridge';

describe('the window shell, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('shows the version, lets the person move between views by keyboard, and opens on the guide at the first run', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { credentials: 'none', settings: { syncAtLaunch: false } });
    const uninstall = installBridge(app);
    try {
      await app.desktop.start();
      render(<App />);
      expect(await screen.findByText('Version 0.0.0-test')).toBeTruthy();
      // Nothing set up: the accounts view (with the guide) is the one shown.
      const tabs = screen.getByRole('navigation', { name: 'Views' });
      await vi.waitFor(() =>
        expect(within(tabs).getByRole('tab', { name: 'Accounts' }).getAttribute('aria-selected')).toBe('true'),
      );
      const user = userEvent.setup();
      await user.click(within(tabs).getByRole('tab', { name: 'Charts' }));
      expect(within(tabs).getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).toBe('true');
      expect(screen.getByRole('tabpanel').id).toBe('view-charts');
      // One Tab stop for the views; the arrow keys move between them, wrapping around.
      expect(
        within(tabs)
          .getAllByRole('tab')
          .filter((t) => t.tabIndex === 0)
          .map((t) => t.textContent),
      ).toEqual(['Charts']);
      await user.keyboard('{ArrowRight}');
      expect(document.activeElement?.textContent).toBe('Statistics');
      expect(screen.getByRole('tabpanel').id).toBe('view-stats');
      await user.keyboard('{End}{ArrowRight}');
      expect(document.activeElement?.textContent).toBe('Activities');
    } finally {
      uninstall();
      await app.close();
    }
  });
});
