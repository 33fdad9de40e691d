// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryView } from '../../../renderer/src/features/history/history-view';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { auditInJsdom } from '../../support/jsdom-audit';
import { useWorld } from '../../support/splits';
import { openWindow } from '../status/window';

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('the sync history, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('is empty at first, then lists each real run newest first with its outcome, counts, requests, duration and error', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'auto') });
    w.sim.seedActivities(1001, 12, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.services.store.accounts.save({ ...app.services.store.accounts.list()[0]!, name: 'Ada Lovelace' });
    await app.desktop.start();
    const win = openWindow(app, <HistoryView />);
    try {
      expect(await screen.findByText(/No sync has run yet/)).toBeTruthy();

      // A good run, then one that fails (a page Strava garbles), then one that finds a new activity: each reloads the
      // view by its sync:finished event.
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      await vi.waitFor(() => expect(bodyRows()).toHaveLength(1));
      w.sim.injectFault({ kind: 'malformed', times: 4, path: /\/athlete\/activities/ }); // four in a row: retries do not save it
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      w.sim.addActivity(1001, { name: 'Evening run' });
      expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
      await vi.waitFor(() => expect(bodyRows()).toHaveLength(3));

      // What main hands the window (its messages cleaned of paths), newest first.
      const listed = await app.invoke('history:list', { limit: 200 });
      const runs = listed.value as ReturnType<typeof app.services.store.history.recent>;
      expect(runs).toHaveLength(3);
      expect(runs.map((r) => r.outcome)).toEqual(['ok', 'failed', 'ok']);
      expect(screen.getByRole('table').querySelector('caption')!.textContent).toContain('Sync runs, newest first (3)');
      const rows = bodyRows().map(cells);
      const header = within(screen.getByRole('table'))
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      const col = (name: string) => header.indexOf(name);
      // One athlete connected: the runs are all hers, and no column says so on every row.
      expect(header).not.toContain('Athlete');
      rows.forEach((row, i) => {
        const run = runs[i]!;
        expect(row[col('Outcome')]).toBe(run.outcome === 'ok' ? 'OK' : 'Failed');
        expect(row[col('Trigger')]).toBe('Sync now');
        expect(row[col('Mode')]).toBe(run.mode === 'full' ? 'Full scan' : 'Quick');
        expect(row[col('Synced')]).toBe(String(run.syncedCount));
        expect(row[col('New')]).toBe(String(run.newCount));
        expect(row[col('Updated')]).toBe(String(run.updatedCount));
        expect(row[col('Deleted')]).toBe(String(run.deletedCount));
        expect(row[col('Details')]).toBe(String(run.detailsFetched));
        expect(row[col('Requests')]).toBe(String(run.requests));
        expect(row[col('Error')]).toBe(run.error?.message ?? '');
      });
      // The numbers are the runs' own: 12 new first, nothing after the failure, the new activity last.
      expect(runs[2]).toMatchObject({ newCount: 12, requests: expect.any(Number) });
      expect(runs[0]).toMatchObject({ newCount: 1, mode: 'full' });
      expect(runs[1]!.error?.message).toBeTruthy();
      expect(rows[1]![col('Error')]).toBe(runs[1]!.error!.message);
      // Duration is endedAt − startedAt (the auto clock moves only by the waits the run made).
      expect(rows[0]![col('Duration')]).toMatch(/^\d+:\d\d$/);

      const found = await auditInJsdom(document.body);
      expect(
        found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      expect(found.passes.length).toBeGreaterThan(0);

      // Keyboard: one tab stop, arrows and Home/End move between runs.
      const user = userEvent.setup();
      await user.tab();
      expect(document.activeElement).toBe(bodyRows()[0]);
      await user.keyboard('{ArrowDown}');
      expect(document.activeElement).toBe(bodyRows()[1]);
      await user.keyboard('{End}');
      expect(document.activeElement).toBe(bodyRows()[2]);
      await user.keyboard('{ArrowDown}');
      expect(document.activeElement).toBe(bodyRows()[2]);
      await user.keyboard('{Home}');
      expect(document.activeElement).toBe(bodyRows()[0]);
      expect(bodyRows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
    } finally {
      await win.close();
    }
  });
});
