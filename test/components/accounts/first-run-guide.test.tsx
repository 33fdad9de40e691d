// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { AccountsView } from '../../../renderer/src/features/accounts/accounts-view';
import { approveInBrowser } from '../../support/browser-login';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { auditInJsdom } from '../../support/jsdom-audit';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

describe('the first-run guide, through the window, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('leads from nothing to a connected athlete: credentials checked as typed and by Strava, consent asked, Connect in the browser, then Disconnect with deletion', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const seeded = w.sim.seedActivities(1001, 12);
    const app = await openDesktop(w, { credentials: 'none', settings: { syncAtLaunch: false } });
    const uninstall = installBridge(app);
    try {
      await app.desktop.start();
      render(
        <LiveProvider>
          <AccountsView />
        </LiveProvider>,
      );
      const user = userEvent.setup();
      const guide = await screen.findByRole('region', { name: 'Set up Splits' });
      // Step 1 sends the person to Strava's page in the system browser, with what to type.
      const link = within(guide).getAllByRole('link', { name: 'strava.com/settings/api' })[0]!;
      expect(link.getAttribute('href')).toBe('https://www.strava.com/settings/api');
      expect(link.getAttribute('target')).toBe('_blank');
      expect(within(guide).getByText('Authorization Callback Domain').nextElementSibling?.textContent).toMatch(
        /^localhost /,
      );
      const guideAudit = await auditInJsdom(guide);
      expect(guideAudit.passes.length).toBeGreaterThan(0);
      expect(
        guideAudit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      // Nothing to connect with yet.
      expect(within(guide).getByRole('button', { name: 'Connect with Strava' })).toHaveProperty('disabled', true);

      const id = within(guide).getByLabelText('Client ID');
      const secret = within(guide).getByLabelText('Client Secret');
      expect(secret.getAttribute('type')).toBe('password');
      await user.click(within(guide).getByRole('button', { name: 'Show the Client Secret' }));
      expect(secret.getAttribute('type')).toBe('text');
      await user.click(within(guide).getByRole('button', { name: 'Hide the Client Secret' }));
      expect(secret.getAttribute('type')).toBe('password');

      // Checked as typed: letters in the id, a space in the secret; Check sends nothing to Strava while they are wrong.
      await user.type(id, '42x');
      expect(id.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(id.getAttribute('aria-describedby')!)!.textContent).toMatch(/digits only/);
      await user.type(secret, 'two words');
      expect(secret.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(secret.getAttribute('aria-describedby')!)!.textContent).toMatch(/no spaces/);
      const requestsBefore = w.sim.log.length;
      await user.click(within(guide).getByRole('button', { name: 'Check' }));
      expect(w.sim.log.length).toBe(requestsBefore);

      // The right id with a wrong secret: Strava's verdict says which half is wrong.
      await user.clear(id);
      await user.type(id, w.sim.clientId);
      await user.clear(secret);
      await user.type(secret, 'not-the-secret');
      expect(id.getAttribute('aria-invalid')).toBe('false');
      await user.click(within(guide).getByRole('button', { name: 'Check' }));
      const wrong = await within(guide).findByText('Wrong Client Secret.');
      expect(wrong.closest('[data-verdict]')!.getAttribute('data-verdict')).toBe('wrong-secret');
      expect(w.sim.log.length).toBeGreaterThan(requestsBefore);

      // The right pair, but the person declines the plain-text file (no keychain here): not saved, and said so.
      await user.clear(secret);
      await user.type(secret, w.sim.clientSecret);
      app.ports.consentAnswers.push(false);
      await user.click(within(guide).getByRole('button', { name: 'Save' }));
      const refused = await within(guide).findByRole('alert');
      expect(refused.textContent).toMatch(/Not saved/);
      expect(refused.textContent).toMatch(/press Save again and answer Yes/);
      expect((await app.invoke('credentials:get')).value).toMatchObject({ hasSecret: false });

      // Yes this time: stored in the vault, and Connect opens up.
      app.ports.consentAnswers.push(true);
      await user.click(within(guide).getByRole('button', { name: 'Save' }));
      await within(guide).findByText(/^Saved\./);
      expect(guide.querySelector('[data-verdict]')!.getAttribute('data-verdict')).toBe('known');
      expect(app.ports.consentAsked).toBe(2);
      expect((await app.invoke('credentials:get')).value).toEqual({
        clientId: w.sim.clientId,
        hasSecret: true,
        source: 'vault',
        vault: 'file',
      });
      const connect = within(guide).getByRole('button', { name: 'Connect with Strava' });
      await vi.waitFor(() => expect(connect).toHaveProperty('disabled', false));

      // Connect: Strava's page opens in the system browser; the window waits for it.
      await user.click(connect);
      expect(await within(guide).findByText('Waiting for Strava in your browser…')).toBeTruthy();
      await until(() => app.ports.opened.length === 1, 'the authorize page to open');
      const authorize = new URL(app.ports.opened[0]!);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${w.sim.oauthUrl}/authorize`);
      expect((await approveInBrowser(authorize.toString())).status).toBe(200);

      // The athlete appears with their state and vault, and the first sync (started by main) fills the count.
      const athletes = await screen.findByRole('list', { name: 'Connected athletes' });
      const listed = (await app.invoke('accounts:list')).value as { accounts: Array<{ name: string }> };
      const name = listed.accounts[0]!.name;
      const card = within(athletes).getByRole('listitem', { name });
      expect(within(card).getByText('Connected')).toBeTruthy();
      expect(within(card).getByText('a private file readable by you alone (not encrypted)')).toBeTruthy();
      expect(within(card).getByText(/^Granted/)).toBeTruthy();
      await vi.waitFor(
        () => expect(within(card).getByText('Activities').nextElementSibling?.textContent).toBe(String(seeded.length)),
        { timeout: 10_000 },
      );
      expect(screen.queryByRole('region', { name: 'Set up Splits' })).toBeNull();
      // "The first sync has started" holds only while it runs: once it ended (the count is in), it is gone.
      await vi.waitFor(() => expect(screen.queryByText(/The first sync has started/)).toBeNull());
      expect(app.desktop.state().running).toBeNull();
      // The application, kept in the vault, can be changed.
      const application = screen.getByRole('region', { name: 'Strava application' });
      expect(application.textContent).toContain(w.sim.clientId);
      expect(within(application).getByRole('button', { name: 'Change the application…' })).toHaveProperty(
        'disabled',
        false,
      );

      // Disconnect asks first, in a modal dialog: focus inside, Tab kept there, Escape cancels and gives focus back.
      const disconnect = within(card).getByRole('button', { name: `Disconnect ${name}…` });
      await user.click(disconnect);
      let dialog = screen.getByRole('dialog', { name: `Disconnect ${name}?` });
      // No serious or critical accessibility violation, the dialog open over the list (contrast is left to Chromium).
      const audit = await auditInJsdom(document.body);
      expect(audit.passes.length).toBeGreaterThan(0);
      expect(
        audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
      await user.tab();
      await user.tab();
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(document.activeElement).toBe(disconnect);
      expect((await app.invoke('accounts:list')).value).toMatchObject({ accounts: [{ athleteId: 1001 }] });

      // Again, deleting the activities: the athlete and their activities are gone from this computer.
      await user.click(disconnect);
      dialog = screen.getByRole('dialog', { name: `Disconnect ${name}?` });
      await user.click(
        within(dialog).getByRole('checkbox', { name: new RegExp(`Also delete ${name}'s ${seeded.length} activities`) }),
      );
      // Strava is slow to answer the revoke: while main works, the pressed button keeps the keyboard's focus inside
      // the dialog (aria-disabled, not disabled), and Escape does not close it.
      w.sim.injectFault({ kind: 'hang', times: 1, path: /\/oauth\/deauthorize/ });
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect and delete' }));
      const working = within(dialog).getByRole('button', { name: 'Disconnecting…' });
      expect(working.getAttribute('aria-disabled')).toBe('true');
      expect(document.activeElement).toBe(working);
      await user.keyboard('{Escape}');
      expect(screen.getByRole('dialog', { name: `Disconnect ${name}?` })).toBe(dialog);
      // The revoke's time-out passes (on the test's clock): the disconnect goes on without Strava's answer.
      await vi.waitFor(
        async () => {
          await w.clock.advance(5_000);
          expect(screen.queryByRole('dialog')).toBeNull();
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(await screen.findByText(`${name} is disconnected.`)).toBeTruthy();
      await vi.waitFor(() => expect(screen.queryByRole('list', { name: 'Connected athletes' })).toBeNull());
      expect((await app.invoke('accounts:list')).value).toMatchObject({ accounts: [] });
      expect((await app.invoke('activities:query', { athleteId: 1001 })).value).toMatchObject({ total: 0 });
      // No athlete left: the guide is back, its first two steps done.
      expect(await screen.findByRole('region', { name: 'Set up Splits' })).toBeTruthy();
    } finally {
      uninstall();
      await app.close();
    }
  });
});
