// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider, useLive } from '../../../renderer/src/bridge/live';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';

/** What the lists reload on, and who is connected, as the window's views read them. */
function Probe() {
  const live = useLive();
  return (
    <p>
      <span data-testid="data">{live.dataVersion}</span>{' '}
      <span data-testid="accounts">{live.accounts?.map((a) => a.athleteId).join(',') ?? '…'}</span>
    </p>
  );
}

// The window renders in StrictMode (renderer/src/main.tsx), where React calls a state updater twice: what the provider
// notes between events must not be written inside one, or the second call undoes the first's news.
describe('the live provider, under StrictMode as the window renders it', () => {
  const world = useWorld();
  afterEach(cleanup);

  /**
   * The desktop core with these athletes connected and the live provider rendered over its bridge, under StrictMode:
   * `look` runs once the window lists them, and everything is closed after.
   */
  async function withWindow(athletes: number[], look: (app: Awaited<ReturnType<typeof openDesktop>>) => Promise<void>) {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    for (const athleteId of athletes) await w.connect(app.services, athleteId);
    const uninstall = installBridge(app);
    try {
      await app.desktop.start();
      render(
        <StrictMode>
          <LiveProvider>
            <Probe />
          </LiveProvider>
        </StrictMode>,
      );
      await vi.waitFor(() => expect(screen.getByTestId('accounts').textContent).toBe(athletes.join(',')));
      await look(app);
    } finally {
      uninstall();
      await app.close();
    }
  }

  it('a disconnect reloads the lists once: the accounts:changed that drops an athlete bumps the data version', async () => {
    await withWindow([1001, 1002], async (app) => {
      const before = Number(screen.getByTestId('data').textContent);
      await act(async () => {
        await app.invoke('accounts:disconnect', { athleteId: 1002, deleteData: false });
      });
      await vi.waitFor(() => expect(screen.getByTestId('accounts').textContent).toBe('1001'));
      expect(Number(screen.getByTestId('data').textContent)).toBe(before + 1);
    });
  });

  it('another Splits wrote the data folder (data:changed): the lists reload once', async () => {
    await withWindow([1001], async (app) => {
      const before = Number(screen.getByTestId('data').textContent);
      act(() => app.desktop.events.emit('data:changed', { state: app.desktop.state() }));
      await vi.waitFor(() => expect(Number(screen.getByTestId('data').textContent)).toBe(before + 1));
    });
  });
});
