// @vitest-environment jsdom
// Issue 16: the history in the person's style: dated moments (never ISO 8601, not even inside main's messages) and
// counts with thousands separators.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryView } from '../../../renderer/src/features/history/history-view';
import { formatDateTime } from '../../../renderer/src/format/dates';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { openWindow } from '../status/window';

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
const ISO = /\d{4}-\d{2}-\d{2}/;

describe("the sync history in the person's style", () => {
  const world = useWorld();
  afterEach(cleanup);

  it("dates every run, writes the moments in main's messages as dates, and separates thousands", async () => {
    const w = await world({ clock: new FakeClock(undefined, 'auto') });
    w.sim.seedActivities(1001, 1_234, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app, <HistoryView />);
    try {
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      // Strava's read budget all but spent: the next sync stops at the limit, and main's message names the reset.
      w.sim.rateLimits.setUsage(w.clock.now(), { read15: 99, overall15: 99 });
      w.sim.addActivity(1001, { name: 'Late upload' });
      expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
      await vi.waitFor(() => expect(bodyRows()).toHaveLength(2));

      const runs = (await app.invoke('history:list', { limit: 10 })).value as ReturnType<
        typeof app.services.store.history.recent
      >;
      const header = within(screen.getByRole('table'))
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      const col = (name: string) => header.indexOf(name);
      const [limited, first] = bodyRows().map(cells);
      // Dated on every row, in the locale's style.
      expect(first![col('Started')]).toBe(formatDateTime(runs[1]!.startedAt));
      expect(limited![col('Started')]).toBe(formatDateTime(runs[0]!.startedAt));
      // 1,234 new, not 1234.
      expect(runs[1]!.newCount).toBe(1_234);
      expect(first![col('New')]).toBe((1_234).toLocaleString());
      expect(first![col('Synced')]).toBe((1_234).toLocaleString());
      expect(first![col('New')]).toMatch(/^1\D234$/);

      // Main's message says the reset in ISO 8601 (the CLI prints it so); the window says it as a date and time.
      const message = runs[0]!.error?.message ?? '';
      const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/.exec(message)?.[0];
      expect(iso, message).toBeDefined();
      expect(limited![col('Error')]).toBe(message.replace(iso!, formatDateTime(Date.parse(iso!))));
      for (const row of [first!, limited!]) for (const cell of row) expect(cell).not.toMatch(ISO);
    } finally {
      await win.close();
    }
  }, 60_000);
});
