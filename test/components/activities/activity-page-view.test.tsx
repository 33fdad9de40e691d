// @vitest-environment jsdom
// An activity opens as a view of its own: the filters, the count, the totals and the table give way to it (they stay
// laid out beneath, inert, so that the way back finds them as they were), the focus goes to its heading, and "Back to
// the activities" or Escape returns the focus to the row it was opened from. Chromium proves the scroll kept
// (test/e2e/window-activity-page.test.ts); jsdom has no layout.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWorld } from '../../support/splits';
import { newestFirst, openBrowser } from './activities-world';

describe('one activity as its own view', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('puts the whole table view away while it is open, and gives the focus back to the row it came from', async () => {
    const b = await openBrowser(world, 120);
    try {
      const newest = [...b.truth].sort(newestFirst);
      const grid = await screen.findByRole('grid', { name: 'Activities' });
      await vi.waitFor(() => expect(grid.querySelector('[aria-rowindex="2"]')!.textContent).toContain(newest[0]!.name));
      const user = userEvent.setup();
      const focusedRow = () => document.activeElement!.getAttribute('aria-rowindex');

      // The table takes the focus on its active row; the keyboard moves down to the fifth activity and opens it.
      grid.focus();
      await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
      expect(focusedRow()).toBe('6');
      const opened = newest[4]!;
      await vi.waitFor(() => expect(document.activeElement!.textContent).toContain(opened.name));

      for (const leave of ['back', 'Escape'] as const) {
        await user.keyboard('{Enter}');
        const page = await screen.findByRole('complementary', { name: 'Activity' });
        const heading = await within(page).findByRole('heading', { name: opened.name });
        await vi.waitFor(() => expect(document.activeElement).toBe(heading));
        // Everything of the table's view is put away: no control of it can be reached or clicked under the page.
        for (const part of [
          screen.getByLabelText('Search by name'),
          document.querySelector('.activity-count')!,
          screen.getByRole('group', { name: 'Export the activities shown' }),
          grid,
        ])
          expect(part.closest('[inert]'), part.outerHTML.slice(0, 80)).not.toBeNull();
        expect(page.closest('[inert]')).toBeNull();

        if (leave === 'back') await user.click(within(page).getByRole('button', { name: 'Back to the activities' }));
        else await user.keyboard('{Escape}');
        expect(screen.queryByRole('complementary', { name: 'Activity' })).toBeNull();
        expect(document.querySelector('[inert]')).toBeNull();
        // The row it came from, focused and still the selected one.
        expect(focusedRow()).toBe('6');
        expect(document.activeElement!.getAttribute('aria-selected')).toBe('true');
        expect(document.activeElement!.closest('[role="grid"]')).toBe(grid);
      }
    } finally {
      await b.close();
    }
  });
});
