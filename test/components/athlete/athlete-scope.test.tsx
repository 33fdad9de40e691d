// @vitest-environment jsdom
// The header's Athlete control, on the real desktop core with two athletes synced from the simulator: it narrows the
// table (and its count, its Athlete column, its export), the weekly chart and the history, and the choice outlives a restart.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app';
import { openDesktop, until, type DesktopUnderTest } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld, type World } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { numberIn, weeklyKm } from '../../support/weekly-km';
import { installBridge } from '../../support/window-bridge';
import { localDateTime } from '../../../renderer/src/format/units';
import { byName, count, newestFirst, type Truth } from '../activities/activities-world';

const ADA = { id: 1001, name: 'Ada Lovelace', activities: 40 };
const GRACE = { id: 2002, name: 'Grace Hopper', activities: 25 };
const tempDir = useTempDirs('splits-athlete-export-');

/** The desktop core on `w`'s data folder, both athletes connected by name (a restart opens it again). */
async function openCore(w: World): Promise<DesktopUnderTest> {
  const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
  for (const athlete of [ADA, GRACE]) {
    if (!app.services.store.accounts.list().some((a) => a.athleteId === athlete.id))
      await w.connect(app.services, athlete.id);
    await app.services.store.accounts.save({
      ...app.services.store.accounts.list().find((a) => a.athleteId === athlete.id)!,
      name: athlete.name,
    });
  }
  await app.desktop.start();
  return app;
}

async function twoAthletes(world: ReturnType<typeof useWorld>) {
  const w = await world({ clock: new FakeClock(undefined, 'manual') });
  for (const athlete of [ADA, GRACE]) w.sim.seedActivities(athlete.id, athlete.activities, { listHiddenShare: 0 });
  const app = await openCore(w);
  const synced = await app.invoke('sync:now', { mode: 'full' });
  if (!synced.ok) throw new Error(`the sync failed: ${synced.error?.message}`);
  const truth = (id: number) => w.sim.listableSummaries(id) as unknown as Truth[];
  return { w, app, truth };
}

/** The window as main.tsx mounts it, on `app`'s handler table; the answer closes it, leaving the core open. */
function mountApp(app: DesktopUnderTest): () => void {
  const uninstall = installBridge(app);
  const view = render(<App />);
  return () => {
    view.unmount();
    uninstall();
  };
}

/** The window as main.tsx mounts it; closing it closes the core too. */
function openApp(app: DesktopUnderTest) {
  const unmount = mountApp(app);
  return async () => {
    unmount();
    await app.close();
  };
}

/** The names of the rows marked New, from the name cell's whole text (its title). */
const newNames = () =>
  [...grid().querySelectorAll('.new-badge')].map((badge) => badge.parentElement!.getAttribute('title')).sort();

/** The athlete of every activities:query the window sends (undefined: all), recorded on the way to the real handler. */
function queriedAthletes(app: DesktopUnderTest): Array<number | undefined> {
  const asked: Array<number | undefined> = [];
  const answer = app.table['activities:query'];
  app.table['activities:query'] = (query) => (asked.push(query?.athleteId), answer(query));
  return asked;
}

const countLine = () => document.querySelector('.activity-count')?.textContent ?? '';
const grid = () => screen.getByRole('grid', { name: 'Activities' });
/** The columns' names, without the sort mark. */
const headers = () =>
  within(grid())
    .getAllByRole('columnheader')
    .map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
/** The cells of one column of the rows in the DOM. */
function column(name: string): string[] {
  const at = headers().indexOf(name);
  return within(grid())
    .getAllByRole('row')
    .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1 && r.getAttribute('aria-busy') !== 'true')
    .map((r) => within(r).getAllByRole('gridcell')[at]!.textContent ?? '');
}

describe('one athlete, or all', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('the Athlete control offers all and each athlete; one narrows the table, its count, its export, the charts and the history, and is kept across a restart', async () => {
    const { w, app, truth } = await twoAthletes(world);
    const ada = truth(ADA.id);
    const grace = truth(GRACE.id);
    let close = openApp(app);
    try {
      const user = userEvent.setup();
      // All athletes: every row, each saying whose it is.
      await vi.waitFor(() => expect(countLine()).toBe(count(ada.length + grace.length)));
      const picker = screen.getByRole('combobox', { name: 'Athlete' });
      expect(picker.closest('header')).toBeTruthy();
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['All athletes', ADA.name, GRACE.name]);
      expect((picker as HTMLSelectElement).value).toBe('all');
      await vi.waitFor(() => expect(headers()).toContain('Athlete'));
      await vi.waitFor(() => expect(new Set(column('Athlete'))).toEqual(new Set([ADA.name, GRACE.name])));

      // Grace alone: her rows, her count, no Athlete column.
      await user.selectOptions(picker, GRACE.name);
      await vi.waitFor(() => expect(countLine()).toBe(count(grace.length)));
      expect(headers()).not.toContain('Athlete');
      const hersNewestFirst = [...grace].sort(newestFirst);
      await vi.waitFor(() => {
        const shown = column('Date').map((date, i) => [date, column('Name')[i]]);
        expect(shown.length).toBeGreaterThan(10);
        expect(shown).toEqual(
          hersNewestFirst.slice(0, shown.length).map((a) => [localDateTime(a.start_date_local, a.start_date), a.name]),
        );
      });
      expect((await app.invoke('settings:get')).value).toMatchObject({ athleteScope: GRACE.id });

      // "of N" counts her activities, not everyone's.
      const needle = grace[0]!.name.split(' ')[0]!;
      const hers = grace.filter(byName(needle)).length;
      expect(ada.filter(byName(needle)).length + hers).toBeGreaterThan(hers); // the other athlete has such names too
      await user.type(screen.getByLabelText('Search by name'), needle);
      await vi.waitFor(() => expect(countLine()).toBe(count(hers, grace.length)));

      // The export of the activities shown holds hers alone.
      const out = await tempDir();
      app.ports.folderPicks.push(out);
      const group = screen.getByRole('group', { name: 'Export the activities shown' });
      await user.click(within(group).getByRole('button', { name: 'Export…' }));
      await within(group).findByText(new RegExp(`^Wrote ${hers} activit(y|ies) in one CSV file`));
      const [file] = await readdir(out);
      const rows = parse(await readFile(join(out, file!), 'utf8'), { bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      expect(rows.map((r) => r.Name).sort()).toEqual(
        grace
          .filter(byName(needle))
          .map((a) => a.name)
          .sort(),
      );

      // The history: her runs alone.
      await user.click(screen.getByRole('tab', { name: 'Sync history' }));
      const table = await screen.findByRole('table');
      const historyHeader = within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      // One athlete shown: no Athlete column (as in the table), and her runs alone, as main lists them for her.
      expect(historyHeader).not.toContain('Athlete');
      const hersRuns = (await app.invoke('history:list', { limit: 200, athleteId: GRACE.id })).value as unknown[];
      const allRuns = (await app.invoke('history:list', { limit: 200 })).value as unknown[];
      expect(allRuns.length).toBeGreaterThan(hersRuns.length);
      expect(within(table).getAllByRole('row').slice(1)).toHaveLength(hersRuns.length);

      // The charts: every week's distance is hers alone, not the two athletes' added together (the chart's table).
      await user.click(screen.getByRole('tab', { name: 'Charts' }));
      await user.selectOptions(await screen.findByLabelText('Range'), 'All weeks');
      const expected = weeklyKm(grace);
      expect(weeklyKm([...ada, ...grace])).not.toEqual(expected); // the test can tell them apart
      const weekly = () =>
        screen
          .getAllByRole('table')
          .find((t) => /^Weekly distance/.test(t.querySelector('caption')?.textContent ?? ''));
      const totals = () =>
        [...(weekly()?.querySelectorAll('tbody tr td:last-child') ?? [])]
          .map((td) => numberIn(td.textContent ?? ''))
          .filter((km) => km >= 0.05);
      await vi.waitFor(() => expect(totals()).toHaveLength(expected.length));
      totals().forEach((km, i) =>
        expect(Math.abs(km - expected[i]!), `week ${i}: ${km} km shown, ${expected[i]} km hers`).toBeLessThan(0.051),
      );

      // A restart: the window opens on Grace again.
      await close();
      cleanup();
      close = openApp(await openCore(w));
      const again = await screen.findByRole('combobox', { name: 'Athlete' });
      await vi.waitFor(() => expect((again as HTMLSelectElement).value).toBe(String(GRACE.id)));
      await vi.waitFor(() => expect(countLine()).toBe(count(grace.length)));
      expect(headers()).not.toContain('Athlete');

      // Back to everyone.
      await user.selectOptions(again, 'All athletes');
      await vi.waitFor(() => expect(countLine()).toBe(count(ada.length + grace.length)));
      await vi.waitFor(() => expect(headers()).toContain('Athlete'));
      // And the history, every athlete's runs, says whose each is.
      await user.click(screen.getByRole('tab', { name: 'Sync history' }));
      const everyone = await screen.findByRole('table');
      const runHeader = within(everyone)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      const whose = within(everyone)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('cell')[runHeader.indexOf('Athlete')]?.textContent);
      expect(new Set(whose)).toEqual(new Set([ADA.name, GRACE.name]));
    } finally {
      await close();
    }
  });

  it('an activity page that closes because another athlete was chosen gives the focus back to the table, as Back does', async () => {
    const { app, truth } = await twoAthletes(world);
    expect((await app.invoke('settings:set', { athleteScope: ADA.id })).ok).toBe(true);
    const close = openApp(app);
    try {
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(ADA.id).length)));
      const user = userEvent.setup();
      grid().focus();
      await user.keyboard('{Enter}');
      const page = await screen.findByRole('complementary', { name: 'Activity' });
      await vi.waitFor(() => expect(page.contains(document.activeElement)).toBe(true));
      // Grace chosen elsewhere (the setting changed by main): Ada's activity is no longer in the table, and closes.
      expect((await app.invoke('settings:set', { athleteScope: GRACE.id })).ok).toBe(true);
      await vi.waitFor(() => expect(screen.queryByRole('complementary', { name: 'Activity' })).toBeNull());
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(GRACE.id).length)));
      await vi.waitFor(() => expect(document.activeElement!.closest('[role="grid"]')).toBe(grid()));
    } finally {
      await close();
    }
  });

  it('a chosen athlete disconnected with their activities deleted falls back to all; with one athlete left, the control shows their name alone', async () => {
    const { app, truth } = await twoAthletes(world);
    expect((await app.invoke('settings:set', { athleteScope: GRACE.id })).ok).toBe(true);
    const close = openApp(app);
    try {
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(GRACE.id).length)));
      expect((await app.invoke('accounts:disconnect', { athleteId: GRACE.id, deleteData: true })).ok).toBe(true);
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(ADA.id).length)));
      expect(screen.queryByRole('combobox', { name: 'Athlete' })).toBeNull();
      expect(document.querySelector('header .athlete-picker')?.textContent).toBe(`Athlete ${ADA.name}`);
      // One athlete: nothing to tell apart.
      expect(headers()).not.toContain('Athlete');
      // The setting follows, so that connecting Grace again later does not narrow the window by surprise.
      await vi.waitFor(async () =>
        expect((await app.invoke('settings:get')).value).toMatchObject({ athleteScope: null }),
      );
    } finally {
      await close();
    }
  });

  it("New follows the athlete shown: a look at Grace alone sees hers, and Ada's arrivals stay new until Ada is shown", async () => {
    const { w, app, truth } = await twoAthletes(world);
    const total = truth(ADA.id).length + truth(GRACE.id).length;
    let unmount = mountApp(app);
    try {
      // The first look, at everyone: nothing was seen before it, so nothing is new; both athletes are seen.
      await vi.waitFor(() => expect(countLine()).toBe(count(total)));
      await vi.waitFor(async () =>
        expect(Object.keys(JSON.parse(await readFile(join(w.dataDir, 'seen.json'), 'utf8')).athletes).sort()).toEqual([
          String(ADA.id),
          String(GRACE.id),
        ]),
      );
      expect(newNames()).toEqual([]);
      unmount();

      // Away from the window, both upload (the newest activities), and a sync brings them.
      const graceBefore = truth(GRACE.id).length;
      const start = Math.floor(w.clock.now() / 1000) - 600;
      const adaNew = [
        w.sim.addActivity(ADA.id, { name: 'Ada fresh one', start }),
        w.sim.addActivity(ADA.id, { name: 'Ada fresh two', start: start + 60 }),
      ];
      const graceNew = w.sim.addActivity(GRACE.id, { name: 'Grace fresh', start: start + 120 });
      expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);

      // The window opens on Grace: hers is new.
      expect((await app.invoke('settings:set', { athleteScope: GRACE.id })).ok).toBe(true);
      unmount = mountApp(app);
      await vi.waitFor(() => expect(countLine()).toBe(count(graceBefore + 1)));
      await vi.waitFor(() => expect(newNames()).toEqual([graceNew.name]));

      // Everyone, chosen in the header: a new look. Ada's arrivals were never shown, so they are new; Grace's was seen.
      await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Athlete' }), 'All athletes');
      await vi.waitFor(() => expect(countLine()).toBe(count(total + 3)));
      await vi.waitFor(() => expect(newNames()).toEqual(adaNew.map((a) => a.name).sort()));
      expect(document.querySelector('.shown-totals')?.textContent).toContain('2 new since you last looked.');
    } finally {
      unmount();
      await app.close();
    }
  });

  it('a saved athlete since disconnected is never asked for: the window opens on everyone, without an empty table first', async () => {
    const { app, truth } = await twoAthletes(world);
    expect((await app.invoke('settings:set', { athleteScope: GRACE.id })).ok).toBe(true);
    // Disconnected while the window was closed, her activities deleted with her.
    expect((await app.invoke('accounts:disconnect', { athleteId: GRACE.id, deleteData: true })).ok).toBe(true);
    // The window learns the accounts by asking, as at a launch, not from news held for it (a window before this one took it).
    await app.invoke('app:ready');
    const asked = queriedAthletes(app);
    // Main answers the accounts after the settings (a slow disk): the window must not go by the setting alone meanwhile.
    let release!: () => void;
    const accountsHeld = new Promise<void>((resolve) => (release = resolve));
    const list = app.table['accounts:list'];
    app.table['accounts:list'] = async () => (await accountsHeld, list());
    let settingsRead = false;
    const settings = app.table['settings:get'];
    app.table['settings:get'] = () => ((settingsRead = true), settings());
    const close = openApp(app);
    try {
      await until(() => settingsRead, 'the window to read the settings');
      // Time for the window to act on them (the check below cannot pass early by waiting less).
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(asked).toEqual([]);
      release();
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(ADA.id).length)));
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((id) => id !== undefined)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an athlete disconnected with their activities kept stays in the window: under All, by name in the control, and on Accounts', async () => {
    const { app, truth } = await twoAthletes(world);
    expect((await app.invoke('settings:set', { athleteScope: GRACE.id })).ok).toBe(true);
    const close = openApp(app);
    try {
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(GRACE.id).length)));
      expect((await app.invoke('accounts:disconnect', { athleteId: GRACE.id, deleteData: false })).ok).toBe(true);
      // Still her activities, and she is still a choice, said to be disconnected.
      const picker = await screen.findByRole('combobox', { name: 'Athlete' });
      await vi.waitFor(() =>
        expect(
          within(picker)
            .getAllByRole('option')
            .map((o) => o.textContent),
        ).toEqual(['All athletes', ADA.name, `${GRACE.name} (disconnected)`]),
      );
      expect((picker as HTMLSelectElement).value).toBe(String(GRACE.id));
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(GRACE.id).length)));
      // Everyone: both athletes' activities, whose each is still said by name.
      await userEvent.setup().selectOptions(picker, 'All athletes');
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(ADA.id).length + truth(GRACE.id).length)));
      await vi.waitFor(() => expect(new Set(column('Athlete'))).toEqual(new Set([ADA.name, GRACE.name])));
      // Accounts says where they are.
      await userEvent.setup().click(screen.getByRole('tab', { name: 'Accounts' }));
      const kept = await screen.findByRole('list', { name: 'Athletes disconnected, activities kept' });
      expect(kept.textContent).toContain(GRACE.name);
      expect(kept.textContent).toContain(`${truth(GRACE.id).length} activities kept`);
    } finally {
      await close();
    }
  });

  it('accounts that cannot be read leave the window on everyone, not narrowed to a saved athlete with no picker to change it', async () => {
    const { app, truth } = await twoAthletes(world);
    expect((await app.invoke('settings:set', { athleteScope: GRACE.id })).ok).toBe(true);
    // The sync's news of the accounts went to a window before this one (none will come again: see below).
    await app.invoke('app:ready');
    // An accounts file edited by hand: the store keeps it, but main cannot hand the list to the window (nor send it
    // in an event: an event that does not match its contract is dropped).
    const ada = app.services.store.accounts.list().find((a) => a.athleteId === ADA.id)!;
    await app.services.store.accounts.save({ ...ada, connectedAt: 1.5 });
    app.expectInternal(/"channel":"accounts:list".*does not match its contract/);
    expect((await app.invoke('accounts:list')).ok).toBe(false);
    expect(app.internalErrors.join('\n')).toMatch(
      /accounts:list does not match its contract: accounts\.0\.connectedAt/,
    );
    const close = openApp(app);
    try {
      await vi.waitFor(() => expect(countLine()).toBe(count(truth(ADA.id).length + truth(GRACE.id).length)));
      expect(screen.queryByRole('combobox', { name: 'Athlete' })).toBeNull();
      // The choice itself is kept for when the accounts can be read again.
      expect((await app.invoke('settings:get')).value).toMatchObject({ athleteScope: GRACE.id });
    } finally {
      await close();
    }
  });
});
