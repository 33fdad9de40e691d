// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { AccountsView } from '../../../renderer/src/features/accounts/accounts-view';
import { approveInBrowser } from '../../support/browser-login';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

describe('the accounts view, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('credentials from the environment cannot be edited; a declined login says why; private activities not granted are explained and Connect again grants them', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 3);
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    const uninstall = installBridge(app);
    try {
      await app.desktop.start();
      render(
        <LiveProvider>
          <AccountsView />
        </LiveProvider>,
      );
      const user = userEvent.setup();
      // The environment's application: nothing to enter in step 2, and Connect is ready.
      const guide = await screen.findByRole('region', { name: 'Set up Splits' });
      expect(within(guide).getByText(/is set by STRAVA_CLIENT_ID in the environment/).textContent).toContain(
        w.sim.clientId,
      );
      expect(within(guide).queryByLabelText('Client Secret')).toBeNull();

      // The athlete declines on Strava's page: main's message is shown, nobody is connected.
      w.sim.authorization.deny = true;
      await user.click(within(guide).getByRole('button', { name: 'Connect with Strava' }));
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      await approveInBrowser(app.ports.opened[0]!);
      const declined = await within(guide).findByRole('alert');
      expect(declined.textContent).toMatch(/declined/);

      // Connected without the private box: explained, with Connect again.
      w.sim.authorization.deny = false;
      w.sim.authorization.grantScope = 'read,activity:read';
      await user.click(within(guide).getByRole('button', { name: 'Connect with Strava' }));
      await until(() => app.ports.opened.length === 2, 'the authorize page to open again');
      await approveInBrowser(app.ports.opened[1]!);
      const athletes = await screen.findByRole('list', { name: 'Connected athletes' });
      const [account] = (
        (await app.invoke('accounts:list')).value as { accounts: Array<{ name: string; privateActivities: boolean }> }
      ).accounts;
      expect(account!.privateActivities).toBe(false);
      const card = within(athletes).getByRole('listitem', { name: account!.name });
      expect(within(card).getByText('Not granted')).toBeTruthy();
      expect(within(card).getByText(/Splits cannot see activities set to "Only Me"/)).toBeTruthy();

      // The application comes from the environment: shown, and its editing disabled.
      const application = screen.getByRole('region', { name: 'Strava application' });
      expect(application.textContent).toContain('set by STRAVA_CLIENT_ID in the environment');
      expect(within(application).getByRole('button', { name: 'Change the application…' })).toHaveProperty(
        'disabled',
        true,
      );

      // Connect again, this time granting everything: the explanation goes.
      w.sim.authorization.grantScope = null;
      await user.click(within(card).getByRole('button', { name: `Connect ${account!.name} again` }));
      await until(() => app.ports.opened.length === 3, 'the authorize page for the second grant');
      await approveInBrowser(app.ports.opened[2]!);
      await vi.waitFor(
        () => expect(within(screen.getByRole('listitem', { name: account!.name })).getByText(/^Granted/)).toBeTruthy(),
        { timeout: 10_000 },
      );
      expect(screen.queryByText(/Splits cannot see activities set to "Only Me"/)).toBeNull();
    } finally {
      uninstall();
      await app.close();
    }
  });
});
