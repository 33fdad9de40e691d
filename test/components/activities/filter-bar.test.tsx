// @vitest-environment jsdom
// The filter bar above the activity table, on the real desktop core: the sport drop-down closes as a menu does, and a
// date range that runs backwards is said as such rather than shown as an empty result.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { useWorld } from '../../support/splits';
import { count, newestFirst, openBrowser, type Truth } from './activities-world';

const COUNT = 60;

function sportDropDown(): { details: HTMLDetailsElement; summary: HTMLElement } {
  const summary = screen.getByText(/^Sports:/);
  return { details: summary.closest('details')!, summary };
}

describe('the filter bar', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('closes the sport drop-down on Escape, on a press outside it, and when an activity opens', async () => {
    const b = await openBrowser(world, COUNT);
    try {
      const newest = [...b.truth].sort(newestFirst);
      expect(await screen.findByText(count(newest.length))).toBeTruthy();
      const user = userEvent.setup();
      const { details, summary } = sportDropDown();
      const group = screen.getByRole('group', { name: 'Sport types' });

      // Escape from inside the list: closed, and focus is back where the list was opened from.
      await user.click(summary);
      expect(details.open).toBe(true);
      await user.click(within(group).getAllByRole('checkbox')[0]!);
      expect(details.open).toBe(true); // choosing a sport keeps it open for the next choice
      await user.keyboard('{Escape}');
      expect(details.open).toBe(false);
      expect(document.activeElement).toBe(summary);
      await user.click(screen.getByRole('button', { name: 'Clear filters' }));
      expect(await screen.findByText(count(newest.length))).toBeTruthy();

      // A press outside it.
      await user.click(summary);
      expect(details.open).toBe(true);
      await user.click(screen.getByText(count(newest.length)));
      expect(details.open).toBe(false);

      // An activity opened from the keyboard while the list is open (no press outside).
      await user.click(summary);
      expect(details.open).toBe(true);
      const grid = screen.getByRole('grid', { name: 'Activities' });
      grid.focus();
      await user.keyboard('{Enter}');
      const panel = await screen.findByRole('complementary', { name: 'Activity' });
      expect(await within(panel).findByRole('heading', { name: newest[0]!.name })).toBeTruthy();
      expect(details.open).toBe(false);
    } finally {
      await b.close();
    }
  });

  it('says a From later than To, instead of showing no results, and shows the range again once it is turned round', async () => {
    const b = await openBrowser(world, COUNT);
    try {
      const newest = [...b.truth].sort(newestFirst);
      const N = newest.length;
      expect(await screen.findByText(count(N))).toBeTruthy();
      const day = (a: Truth) => (a.start_date_local ?? a.start_date).slice(0, 10);
      const early = day(newest[N - 10]!);
      const late = day(newest[10]!);
      expect(early < late).toBe(true);
      const from = screen.getByLabelText('From');
      const to = screen.getByLabelText('To');

      fireEvent.change(from, { target: { value: late } });
      fireEvent.change(to, { target: { value: early } });
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('From is later than To');
      // The two days in the person's date style (the locale the window runs in), not as ISO.
      const said = (d: string) =>
        new Date(`${d}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
      expect(alert.textContent).toContain(`(${said(late)} after ${said(early)})`);
      expect(alert.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(from.getAttribute('aria-invalid')).toBe('true');
      expect(to.getAttribute('aria-invalid')).toBe('true');
      expect(screen.queryByText('No activity matches these filters.')).toBeNull();
      expect(screen.queryByText(count(0, N))).toBeNull();
      expect(screen.queryByRole('grid', { name: 'Activities' })).toBeNull();

      // Turned round: the activities between the two days, and no complaint.
      fireEvent.change(from, { target: { value: early } });
      fireEvent.change(to, { target: { value: late } });
      const inRange = newest.filter((a) => day(a) >= early && day(a) <= late);
      expect(inRange.length).toBeGreaterThan(0);
      expect(await screen.findByText(count(inRange.length, N))).toBeTruthy();
      expect(screen.queryByRole('alert')).toBeNull();
      expect(from.getAttribute('aria-invalid')).toBeNull();
    } finally {
      await b.close();
    }
  });
});
