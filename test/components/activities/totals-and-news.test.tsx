// @vitest-environment jsdom
// The line above the table and the new activities, on the real desktop core: what the activities shown add up to
// (all of them, not the page loaded), and the activities that arrived since the person last looked, marked "New"
// until the next look. Also the view opened on a chart's request (a week, one sport).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ActivitiesView } from '../../../renderer/src/features/activities/activities-view';
import { hoursAndMinutes } from '../../../renderer/src/features/charts/hours-and-minutes';
import { distance, elevation } from '../../../renderer/src/format/units';
import { useWorld } from '../../support/splits';
import { count, newestFirst, openBrowser, type Truth } from './activities-world';

const totalsOf = (list: Truth[]) =>
  `They add up to ${distance(
    list.reduce((s, a) => s + a.distance, 0),
    'metric',
  )}, ${hoursAndMinutes(list.reduce((s, a) => s + a.moving_time, 0))} moving and ${elevation(
    list.reduce((s, a) => s + a.total_elevation_gain, 0),
    'metric',
  )} climbed.`;

const totalsLine = () => document.querySelector('.shown-totals')?.textContent ?? '';

/** The names of the rows marked New, as a screen reader reads the name cell ("New Morning Run"). */
function newRows(): string[] {
  const grid = screen.getByRole('grid', { name: 'Activities' });
  return within(grid)
    .getAllByRole('row')
    .map((r) => within(r).queryAllByRole('gridcell')[1]?.textContent ?? '')
    .filter((name) => name.startsWith('New'))
    .map((name) => name.slice('New'.length));
}

function openView(show?: Parameters<typeof ActivitiesView>[0]) {
  return render(
    <LiveProvider>
      <ActivitiesView {...show} />
    </LiveProvider>,
  );
}

describe('what the table shows, added up, and what is new', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('adds up every activity the filters match, beyond the rows loaded, and follows the filters', async () => {
    const b = await openBrowser(world, 450);
    try {
      const all = b.truth;
      expect(await screen.findByText(count(all.length))).toBeTruthy();
      // 450 activities, 200 rows a page: the sums are main's, over all of them.
      await vi.waitFor(() => expect(totalsLine()).toBe(totalsOf(all)));

      const user = userEvent.setup();
      await user.click(screen.getByText(/^Sports:/));
      await user.click(
        within(screen.getByRole('group', { name: 'Sport types' })).getByRole('checkbox', { name: 'Ride' }),
      );
      const rides = all.filter((a) => a.sport_type === 'Ride');
      expect(await screen.findByText(count(rides.length, all.length))).toBeTruthy();
      await vi.waitFor(() => expect(totalsLine()).toBe(totalsOf(rides)));
    } finally {
      await b.close();
    }
  });

  it('marks what arrived since the last look as New, with its count, and not at the look after', async () => {
    const b = await openBrowser(world, 60);
    try {
      // The first look: nothing was seen before it, so nothing is new.
      expect(await screen.findByText(count(b.truth.length))).toBeTruthy();
      await vi.waitFor(() => expect(totalsLine()).toBe(totalsOf(b.truth)));
      expect(newRows()).toEqual([]);
      // The look is on its way to main: it lands before the uploads below (on a busy machine it could come after them,
      // and they would be seen).
      const newest = Math.max(...b.truth.map((a) => a.id));
      await vi.waitFor(
        async () =>
          expect(JSON.parse(await readFile(join(b.w.dataDir, 'seen.json'), 'utf8')).athletes).toEqual({ 1001: newest }),
        { timeout: 10_000 },
      );
      cleanup();

      // Away from the view, three uploads arrive.
      const added = [
        b.w.sim.addActivity(1001, { name: 'Fresh one' }),
        b.w.sim.addActivity(1001, { name: 'Fresh two' }),
        b.w.sim.addActivity(1001, { name: 'Fresh three' }),
      ];
      const synced = await b.app.invoke('sync:now', { mode: 'quick' });
      expect(synced.ok).toBe(true);

      // The next look marks them, says how many, and keeps it while the view is open.
      openView();
      await vi.waitFor(() => expect(newRows().sort()).toEqual(added.map((a) => a.name).sort()), { timeout: 10_000 });
      expect(totalsLine()).toContain('3 new since you last looked.');
      // One more arrives while the view is in sight: new in this look too.
      const another = b.w.sim.addActivity(1001, { name: 'Fresh four' });
      expect((await b.app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      await vi.waitFor(() => expect(newRows()).toContain(another.name));
      expect(totalsLine()).toContain('4 new since you last looked.');
      // This look, too, has reached main before the next upload.
      await vi.waitFor(
        async () =>
          expect(JSON.parse(await readFile(join(b.w.dataDir, 'seen.json'), 'utf8')).athletes).toEqual({
            1001: another.id,
          }),
        { timeout: 10_000 },
      );
      cleanup();

      // The look after: those four were seen; only what came since is new.
      const fifth = b.w.sim.addActivity(1001, { name: 'Fresh five' });
      expect((await b.app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      openView();
      expect(await screen.findByText(count(b.truth.length + 5))).toBeTruthy();
      await vi.waitFor(() => expect(newRows()).toEqual([fifth.name]));
      expect(totalsLine()).toContain('1 new since you last looked.');
    } finally {
      await b.close();
    }
  });

  it('opens on what a chart asked for: its days and its sport, the other filters cleared', async () => {
    const b = await openBrowser(world, 200);
    try {
      cleanup();
      const runs = [...b.truth].filter((a) => a.sport_type === 'Run').sort(newestFirst);
      const day = runs[3]!.start_date_local.slice(0, 10);
      const fromDay = `${day.slice(0, 7)}-01`;
      const toDay = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);
      const inMonth = runs.filter(
        (a) => a.start_date_local.slice(0, 10) >= fromDay && a.start_date_local.slice(0, 10) <= toDay,
      );
      const onShown = vi.fn();
      openView({ show: { fromDay, toDay, sportTypes: ['Run'] }, onShown });
      expect(await screen.findByText(count(inMonth.length, b.truth.length))).toBeTruthy();
      expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe(fromDay);
      expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe(toDay);
      expect(screen.getByText(/^Sports:/).textContent).toContain('Run');
      expect(onShown).toHaveBeenCalled();
      await vi.waitFor(() => expect(totalsLine()).toBe(totalsOf(inMonth)));
    } finally {
      await b.close();
    }
  });
});
