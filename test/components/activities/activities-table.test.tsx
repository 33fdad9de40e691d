// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activityDistance, localDateTime, sportName } from '../../../renderer/src/format/units';
import { useWorld } from '../../support/splits';
import { byName, count, newestFirst, openBrowser, type Truth } from './activities-world';

const COUNT = 450; // three pages of 200: rows past the first page load as they scroll in

/** The data rows in the DOM, in order: each as its cells' text. */
function shownRows(): string[][] {
  const grid = screen.getByRole('grid', { name: 'Activities' });
  return within(grid)
    .getAllByRole('row')
    .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1)
    .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
    .map((r) =>
      within(r)
        .queryAllByRole('gridcell')
        .map((c) => c.textContent ?? ''),
    );
}

async function expectRows(expected: Truth[], what: string) {
  await vi.waitFor(() => {
    const rows = shownRows();
    expect(rows.length, what).toBeGreaterThan(0);
    const n = Math.min(rows.length, expected.length, 10);
    expect(
      rows.slice(0, n).map((r) => [r[0], r[1], r[3]]),
      what,
    ).toEqual(
      expected
        .slice(0, n)
        .map((a) => [
          localDateTime(a.start_date_local, a.start_date),
          a.name,
          activityDistance(a.sport_type, a.distance, 'metric'),
        ]),
    );
  });
}

describe('the activity browser', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('shows the count and the newest rows, loads pages as they scroll in; search, sports, dates and sort change what is shown', async () => {
    const b = await openBrowser(world, COUNT);
    try {
      const all = b.truth;
      const N = all.length; // the simulator leaves a few out of its lists, as Strava does
      expect(N).toBeGreaterThan(400);
      expect(await screen.findByText(count(N))).toBeTruthy();
      const grid = screen.getByRole('grid', { name: 'Activities' });
      expect(grid.getAttribute('aria-rowcount')).toBe(String(N + 1));
      const newest = [...all].sort(newestFirst);
      await expectRows(newest, 'the newest first');

      // Scrolled to row 300: the second page is asked for and its rows shown where they belong.
      grid.scrollTop = 300 * 32;
      fireEvent.scroll(grid);
      await vi.waitFor(() => {
        const row = within(grid)
          .getAllByRole('row')
          .find((r) => r.getAttribute('aria-rowindex') === String(300 + 2));
        expect(row && within(row).getAllByRole('gridcell')[1]!.textContent).toBe(newest[300]!.name);
      });
      grid.scrollTop = 0;
      fireEvent.scroll(grid);

      // Search by name (the table follows after the pause).
      const user = userEvent.setup();
      const needle = newest[3]!.name.split(' ')[0]!.toLowerCase();
      await user.type(screen.getByLabelText('Search by name'), needle);
      const found = newest.filter(byName(needle));
      expect(found.length).toBeLessThan(N);
      expect(await screen.findByText(count(found.length, N))).toBeTruthy();
      await expectRows(found, `named like ${needle}`);
      await user.click(screen.getByRole('button', { name: 'Clear filters' }));
      expect(await screen.findByText(count(N))).toBeTruthy();

      // Sport types: the list is main's, and choosing two shows only those.
      await user.click(screen.getByText(/^Sports:/));
      const sports = [...new Set(all.map((a) => a.sport_type))].sort();
      const group = screen.getByRole('group', { name: 'Sport types' });
      expect(
        within(group)
          .getAllByRole('checkbox')
          .map((c) => c.parentElement!.textContent!.trim()),
      ).toEqual(sports.map(sportName));
      const chosen = [sports[0]!, sports[sports.length - 1]!];
      for (const s of chosen) await user.click(within(group).getByRole('checkbox', { name: sportName(s) }));
      const ofSports = newest.filter((a) => chosen.includes(a.sport_type));
      expect(await screen.findByText(count(ofSports.length, N))).toBeTruthy();
      await expectRows(ofSports, 'the chosen sports');
      expect(shownRows().every((r) => chosen.map(sportName).includes(r[2]!))).toBe(true);
      await user.click(screen.getByRole('button', { name: 'Clear filters' }));
      expect(await screen.findByText(count(N))).toBeTruthy();

      // A date range in the days the table shows (each activity's own local date): from the day of the 120th newest to
      // the day of the 40th.
      const local = (a: Truth) => a.start_date_local ?? a.start_date;
      const day = (a: Truth) => local(a).slice(0, 10);
      const fromDay = day(newest[120]!);
      const toDay = day(newest[40]!);
      fireEvent.change(screen.getByLabelText('From'), { target: { value: fromDay } });
      fireEvent.change(screen.getByLabelText('To'), { target: { value: toDay } });
      const inRange = newest.filter((a) => day(a) >= fromDay && day(a) <= toDay);
      expect(inRange.length).toBeGreaterThanOrEqual(81);
      expect(await screen.findByText(count(inRange.length, N))).toBeTruthy();
      await expectRows(inRange, 'the date range');
      await user.click(screen.getByRole('button', { name: 'Clear filters' }));
      expect(await screen.findByText(count(N))).toBeTruthy();

      // Sort: by distance, longest first, then shortest first; sport and pace are not offered (main does not sort them).
      const distanceHeader = screen.getByRole('columnheader', { name: /Distance/ });
      expect(distanceHeader.getAttribute('aria-sort')).toBe('none');
      expect(screen.getByRole('columnheader', { name: /Date/ }).getAttribute('aria-sort')).toBe('descending');
      await user.click(within(distanceHeader).getByRole('button'));
      const longest = [...all].sort((a, b) => b.distance - a.distance || b.id - a.id);
      await vi.waitFor(() => expect(distanceHeader.getAttribute('aria-sort')).toBe('descending'));
      await expectRows(longest, 'the longest first');
      await user.click(within(distanceHeader).getByRole('button'));
      await vi.waitFor(() => expect(distanceHeader.getAttribute('aria-sort')).toBe('ascending'));
      await expectRows([...longest].reverse(), 'the shortest first');
      await user.click(within(screen.getByRole('columnheader', { name: /Name/ })).getByRole('button'));
      const fold = (s: string) =>
        s
          .normalize('NFD')
          .replace(/\p{Diacritic}/gu, '')
          .toLowerCase();
      await expectRows(
        [...all].sort((a, b) => (fold(a.name) < fold(b.name) ? -1 : fold(a.name) > fold(b.name) ? 1 : a.id - b.id)),
        'by name',
      );
      for (const name of ['Sport', 'Pace or speed']) {
        const header = screen.getByRole('columnheader', { name });
        expect(header.hasAttribute('aria-sort')).toBe(false);
        expect(within(header).queryByRole('button')).toBeNull();
      }
    } finally {
      await b.close();
    }
  });

  it('moves the active row by keyboard, End reaching the oldest; Enter opens the activity and Escape closes it', async () => {
    const b = await openBrowser(world, COUNT);
    try {
      const newest = [...b.truth].sort(newestFirst);
      const N = newest.length;
      expect(await screen.findByText(count(N))).toBeTruthy();
      await expectRows(newest, 'the newest first');
      const grid = screen.getByRole('grid', { name: 'Activities' });
      // The focus moves with the active row (a roving tabindex): the row with the focus is the active one.
      const active = () => document.activeElement as HTMLElement;
      const user = userEvent.setup();
      grid.focus();
      expect(active().getAttribute('role')).toBe('row');
      expect(active().getAttribute('aria-rowindex')).toBe('2');
      await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
      expect(active().getAttribute('aria-rowindex')).toBe('4');
      expect(active().getAttribute('aria-selected')).toBe('true');
      await user.keyboard('{PageDown}');
      const afterPage = Number(active().getAttribute('aria-rowindex'));
      expect(afterPage).toBeGreaterThan(4 + 5);
      await user.keyboard('{PageUp}');
      expect(active().getAttribute('aria-rowindex')).toBe('4');
      // End: the last row is in the DOM (the active row always is) and its page loads.
      await user.keyboard('{End}');
      expect(active().getAttribute('aria-rowindex')).toBe(String(N + 1));
      await vi.waitFor(() =>
        expect(within(active()).getAllByRole('gridcell')[1]!.textContent).toBe(newest[N - 1]!.name),
      );
      await user.keyboard('{Home}{ArrowDown}');
      expect(active().getAttribute('aria-rowindex')).toBe('3');

      await user.keyboard('{Enter}');
      const panel = await screen.findByRole('complementary', { name: 'Activity' });
      expect(await within(panel).findByRole('heading', { name: newest[1]!.name })).toBeTruthy();
      await vi.waitFor(() =>
        expect(within(panel).getByText('Distance').nextElementSibling!.textContent).toBe(
          activityDistance(newest[1]!.sport_type, newest[1]!.distance, 'metric'),
        ),
      );
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('complementary', { name: 'Activity' })).toBeNull();
      expect(active().closest('[role="grid"]')).toBe(grid);
      expect(active().getAttribute('aria-rowindex')).toBe('3');
    } finally {
      await b.close();
    }
  });
});
