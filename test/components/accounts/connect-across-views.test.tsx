// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app';
import { approveInBrowser } from '../../support/browser-login';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

describe('a Connect in flight, seen from every view of the window, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('the Accounts view opened again still waits for the Connect started before, offers to stop it, and starts no second one', async () => {
    const w = await world({
      clock: new FakeClock(undefined, 'manual'),
      athletes: [
        { id: 1001, firstname: 'Ada', lastname: 'Lovelace' },
        { id: 1002, firstname: 'Bo', lastname: 'Rider' },
      ],
    });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    const uninstall = installBridge(app);
    const user = userEvent.setup();
    const tabs = () => screen.getByRole('navigation', { name: 'Views' });
    const open = async (view: string) => {
      await user.click(within(tabs()).getByRole('tab', { name: view }));
      expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(
        within(tabs()).getByRole('tab', { name: view }).id,
      );
    };
    try {
      await app.desktop.start();
      render(<App />);
      await open('Accounts');

      // The first-run guide's Connect, then away to another view while Strava's page is open in the browser.
      const guide = await screen.findByRole('region', { name: 'Set up Splits' });
      await vi.waitFor(() =>
        expect(within(guide).getByRole('button', { name: 'Connect with Strava' })).toHaveProperty('disabled', false),
      );
      await user.click(within(guide).getByRole('button', { name: 'Connect with Strava' }));
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      await open('Activities');
      await open('Accounts');

      // A fresh view, and main's state says a Connect is in flight: its button waits, and no second login starts.
      const again = await screen.findByRole('region', { name: 'Set up Splits' });
      expect(await within(again).findByText('Waiting for Strava in your browser…')).toBeTruthy();
      const connect = within(again).getByRole('button', { name: 'Connect with Strava' });
      expect(connect).toHaveProperty('disabled', true);
      await user.click(connect);
      expect(app.ports.opened).toHaveLength(1);

      // Stop waiting: main ends that login (nothing stored, nothing to alarm anyone), and Connect is free again.
      await user.click(within(again).getByRole('button', { name: 'Stop waiting' }));
      await vi.waitFor(() => expect(connect).toHaveProperty('disabled', false));
      expect(within(again).queryByText('Waiting for Strava in your browser…')).toBeNull();
      expect(within(again).queryByRole('alert')).toBeNull();
      expect(app.desktop.state().connecting).toBeNull();
      await expect(approveInBrowser(app.ports.opened[0]!)).rejects.toThrow(); // that login's server is gone

      // Connect again and finish it: the athlete comes in.
      await user.click(connect);
      await until(() => app.ports.opened.length === 2, 'the authorize page to open again');
      expect((await approveInBrowser(app.ports.opened[1]!)).status).toBe(200);
      const athletes = await screen.findByRole('list', { name: 'Connected athletes' });
      expect(within(athletes).getByRole('listitem', { name: 'Ada Lovelace' })).toBeTruthy();

      // "Connect another athlete", then away: the view opened again waits too, and the login finishes meanwhile.
      await user.click(await screen.findByRole('button', { name: 'Connect another athlete' }));
      await until(() => app.ports.opened.length === 3, 'the authorize page for the second athlete');
      await open('Sync history');
      await open('Accounts');
      const another = await screen.findByRole('button', { name: 'Connect another athlete' });
      expect(another).toHaveProperty('disabled', true);
      expect(screen.getByRole('button', { name: 'Stop waiting' })).toBeTruthy();
      await open('Settings');
      w.sim.authorization.athleteId = 1002;
      expect((await approveInBrowser(app.ports.opened[2]!)).status).toBe(200);
      await until(() => app.desktop.state().connecting === null, 'the second athlete to be stored');
      await open('Accounts');
      await vi.waitFor(() =>
        expect(screen.getByRole('button', { name: 'Connect another athlete' })).toHaveProperty('disabled', false),
      );
      expect(screen.queryByRole('button', { name: 'Stop waiting' })).toBeNull();
      expect(
        within(await screen.findByRole('list', { name: 'Connected athletes' })).getByRole('listitem', {
          name: 'Bo Rider',
        }),
      ).toBeTruthy();
      expect(app.ports.opened).toHaveLength(3);
    } finally {
      uninstall();
      await app.close();
    }
  });
});
