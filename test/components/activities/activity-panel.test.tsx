// @vitest-environment jsdom
import polyline from '@mapbox/polyline';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activityDistance, duration, elevation } from '../../../renderer/src/format/units';
import { useWorld } from '../../support/splits';
import { newestFirst, openBrowser } from './activities-world';

const rowAt = (index: number) => {
  const grid = screen.getByRole('grid', { name: 'Activities' });
  return within(grid)
    .getAllByRole('row')
    .find((r) => r.getAttribute('aria-rowindex') === String(index + 2))!;
};
const pointsIn = (d: string) => (d.match(/[ML]/g) ?? []).length;

describe('one activity', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('shows its numbers and its route from the polyline, the waiting note before details, and the description once a sync fetched them', async () => {
    const b = await openBrowser(world, 60);
    try {
      const newest = [...b.truth].sort(newestFirst);
      const routed = newest.slice(0, 12).findIndex((a) => a.map.summary_polyline !== '');
      const routeless = newest.slice(0, 12).findIndex((a) => a.map.summary_polyline === '');
      expect(routed).toBeGreaterThanOrEqual(0);
      const a = newest[routed]!;
      await vi.waitFor(() => expect(within(rowAt(routed)).getAllByRole('gridcell')[1]!.textContent).toBe(a.name));
      const user = userEvent.setup();
      await user.click(rowAt(routed));

      const panel = await screen.findByRole('complementary', { name: 'Activity' });
      expect(await within(panel).findByRole('heading', { name: a.name })).toBeTruthy();
      const value = (label: string) =>
        within(panel).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
      expect(value('Distance')).toBe(activityDistance(a.sport_type, a.distance, 'metric'));
      expect(value('Moving time')).toBe(duration(a.moving_time));
      expect(value('Elevation')).toBe(elevation(a.total_elevation_gain, 'metric'));
      // The route: one point of the path per point the summary polyline decodes to.
      const route = within(panel).getByRole('img', { name: /^Route of/ });
      const path = route.querySelector('path')!.getAttribute('d')!;
      const decoded = polyline.decode(a.map.summary_polyline);
      expect(decoded.length).toBeGreaterThan(1);
      expect(pointsIn(path)).toBe(decoded.length);
      // Every point inside the box.
      for (const [x, y] of path
        .split(/[ML]/)
        .filter(Boolean)
        .map((p) => p.trim().split(' ').map(Number))) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(320);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(220);
      }
      expect(within(panel).getByText(/Details arrive when Strava's read budget allows/)).toBeTruthy();
      const link = within(panel).getByRole('link', { name: 'Open on Strava' });
      expect(link.getAttribute('href')).toBe(`https://www.strava.com/activities/${a.id}`);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noreferrer');

      if (routeless >= 0) {
        await user.click(rowAt(routeless));
        expect(await within(panel).findByRole('heading', { name: newest[routeless]!.name })).toBeTruthy();
        expect(await within(panel).findByText(/No route/)).toBeTruthy();
        await user.click(rowAt(routed));
        await vi.waitFor(() => expect(within(panel).getByRole('img', { name: /^Route of/ })).toBeTruthy());
      }

      // The next quarter hour: a sync with budget fetches details newest first, and the open activity shows its own.
      b.w.sim.editActivity(a.id, { description: 'Negative split, felt easy.' });
      b.clock.set(b.clock.now() + 15 * 60_000);
      const synced = await b.app.invoke('sync:now', { mode: 'quick' });
      expect(synced.ok).toBe(true);
      expect(await within(panel).findByText('Negative split, felt easy.')).toBeTruthy();
      expect(within(panel).queryByText(/Details arrive when/)).toBeNull();
      const view = await b.app.invoke('activities:get', { athleteId: 1001, id: a.id });
      const detail = (view.value as { detail: { calories: number | null; polyline: string | null; splits: unknown[] } })
        .detail;
      expect(value('Calories')).toBe(
        detail.calories === null ? '–' : `${Math.round(detail.calories).toLocaleString()} kcal`,
      );
      const full = polyline.decode(detail.polyline ?? a.map.summary_polyline);
      expect(
        pointsIn(
          within(panel)
            .getByRole('img', { name: /^Route of/ })
            .querySelector('path')!
            .getAttribute('d')!,
        ),
      ).toBe(full.length);
      if (detail.splits.length)
        expect(within(panel).getByRole('table', { name: 'Splits' }).querySelectorAll('tbody tr').length).toBe(
          detail.splits.length,
        );

      // Escape closes it and gives the table the focus back.
      within(panel).getByRole('heading').focus();
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('complementary', { name: 'Activity' })).toBeNull();
      // (On its active row: the table's one Tab stop.)
      expect(document.activeElement!.closest('[role="grid"]')).toBe(screen.getByRole('grid', { name: 'Activities' }));
      expect(document.activeElement!.getAttribute('aria-selected')).toBe('true');
    } finally {
      await b.close();
    }
  });
});
