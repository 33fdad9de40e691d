// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataLock } from '../../../main/store/data-lock';
import type { SyncProgressView } from '../../../preload/payloads';
import { openDesktop, until } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { receivedListPage } from '../../support/sim';
import { auditInJsdom } from '../../support/jsdom-audit';
import { useWorld } from '../../support/splits';
import { openWindow } from './window';

/** What axe-core finds serious or critical in the page, of the rules jsdom can answer (contrast is left to Chromium). */
const seriousViolations = async () =>
  (await auditInJsdom(document.body)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`);
const statusLine = () => screen.getByRole('status').textContent ?? '';
/** The status bar's line of work left (one athlete here). */
const workLeft = () => screen.queryByRole('list', { name: 'Work left' })?.textContent ?? '';
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('the status bar through a sync, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('goes idle → syncing (phase, counts, progress) → idle by events; Cancel really cancels and Sync now really syncs', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    // The third page hangs: the sync stays in progress until cancelled.
    w.sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=3(&|$)/ });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app);
    try {
      const user = userEvent.setup();
      // Never synced: not "Up to date" but what is left, and when the next sync comes.
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Athlete 1001: full scan due, starts at .+\.$/));
      expect(screen.getByText('No sync yet.')).toBeTruthy();
      expect(await seriousViolations()).toEqual([]);
      expect(button('Cancel').getAttribute('aria-disabled')).toBe('true');
      expect(screen.queryByRole('progressbar')).toBeNull();

      await user.click(button('Sync now'));
      await until(() => receivedListPage(w.sim, 3), 'the third page to hang');
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Syncing: (listing new activities|scanning every page)\.$/));
      const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
      expect(bar).toBeTruthy();
      // The counts main last sent (progress events are throttled: the engine may be further along), in words.
      const progress = app.events.filter((e) => e.channel === 'sync:progress').at(-1)?.payload as
        SyncProgressView | undefined;
      expect(progress).toBeTruthy();
      await vi.waitFor(() =>
        expect(
          screen.getByText(
            new RegExp(`page ${progress!.page} · ${progress!.received} received · ${progress!.newCount} new`),
          ),
        ).toBeTruthy(),
      );
      expect(progress!.received).toBeGreaterThan(0);
      // Determinate once main estimates the requests left; indeterminate (no value) before.
      expect(bar.hasAttribute('value')).toBe(progress!.requestsLeft !== null && progress!.requestsLeft > 0);
      expect(await seriousViolations()).toEqual([]);
      // While it runs, only Cancel is offered.
      expect(button('Sync now').getAttribute('aria-disabled')).toBe('true');
      expect(button('Full sync').getAttribute('aria-disabled')).toBe('true');
      expect(button('Cancel').getAttribute('aria-disabled')).toBe('false');

      await user.click(button('Cancel'));
      // Cancelled mid-scan: the scan's place and its size (first sync: unknown), and that it goes on at the next sync.
      // Too long for the headline: the athlete is named there, and their work said on its own line under it.
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Athlete 1001 has work left; syncing continues at .+\.$/));
      expect(workLeft()).toMatch(
        /^Athlete 1001: full scan at page \d+, [\d,]+ activity details to fetch, continues at .+\.$/,
      );
      expect(screen.queryByRole('progressbar')).toBeNull();
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'manual', outcome: 'cancelled' });
      const stored = (await app.services.store.activities(1001)).count;
      expect(screen.getByText(new RegExp(`Last sync .*: cancelled \\(${stored} new, 0 updated\\)`))).toBeTruthy();

      // Sync now again: it really runs (requests to the simulator, a new run in history) and resumes to the end.
      const before = w.sim.apiRequests().length;
      await user.click(button('Sync now'));
      await vi.waitFor(() => expect(app.services.store.history.recent()).toHaveLength(2), { timeout: 10_000 });
      // The list is current; the backfill's details (a thousand, more than a window's budget) are what is left.
      await vi.waitFor(() =>
        expect(workLeft()).toMatch(
          /^Athlete 1001: activities up to date, [\d,]+ activity details to fetch, continues at .+\.$/,
        ),
      );
      expect(statusLine()).toMatch(/^Athlete 1001 has work left; syncing continues at .+\.$/);
      expect(w.sim.apiRequests().length).toBeGreaterThan(before);
      expect(app.services.store.history.recent(1)[0]).toMatchObject({ trigger: 'manual', outcome: 'ok' });
      expect((await app.services.store.activities(1001)).count).toBe(1000);
      expect(screen.getByText(new RegExp(`Last sync .*: ${1000 - stored} new, 0 updated`))).toBeTruthy();
      expect(button('Sync now').getAttribute('aria-disabled')).toBe('false');
    } finally {
      await win.close();
    }
  });

  it('Full sync asks for the full scan', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app);
    try {
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Up to date\./));
      await userEvent.setup().click(button('Full sync'));
      await vi.waitFor(() => expect(app.services.store.history.recent()).toHaveLength(1), { timeout: 10_000 });
      expect(app.services.store.history.recent(1)[0]).toMatchObject({
        trigger: 'manual',
        mode: 'full',
        outcome: 'ok',
        newCount: 30,
      });
      await vi.waitFor(() => expect(screen.getByText(/Last sync .*: 30 new, 0 updated/)).toBeTruthy());
    } finally {
      await win.close();
    }
  });

  it("shows main's message when a sync is refused (the folder busy with another Splits), and clears it on the next try", async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false } });
    await w.connect(app.services, 1001);
    await app.desktop.start();
    const win = openWindow(app);
    const lock = await DataLock.acquire(w.dataDir);
    try {
      const neverSynced = /^Athlete 1001: full scan due, starts at .+\.$/;
      await vi.waitFor(() => expect(statusLine()).toMatch(neverSynced));
      const refused = await app.invoke('sync:now', { mode: 'quick' });
      expect(refused.ok).toBe(false);
      const user = userEvent.setup();
      await user.click(button('Sync now'));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toBe(refused.error!.message);
      expect(statusLine()).toMatch(neverSynced);

      await lock.release();
      await user.click(button('Sync now'));
      await vi.waitFor(() => expect(app.services.store.history.recent()).toHaveLength(1), { timeout: 10_000 });
      await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
      await vi.waitFor(() =>
        expect(
          within(screen.getByRole('region', { name: 'Sync status' })).getByText(/Last sync .*: 5 new/),
        ).toBeTruthy(),
      );
      // Everything listed and every detail fetched: now, and only now, up to date.
      await vi.waitFor(() => expect(statusLine()).toMatch(/^Up to date\. Next sync at .+\.$/));
    } finally {
      await lock.release().catch(() => undefined);
      await win.close();
    }
  });
});
