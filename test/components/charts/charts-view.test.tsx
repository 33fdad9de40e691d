// @vitest-environment jsdom
// The charts view as a person uses it, on the real desktop core against the simulator: empty until a sync, then
// the calendar and the bars' numbers, the year picker, the controls, and units from the settings.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ChartsView } from '../../../renderer/src/features/charts/charts-view';
import { formatDate } from '../../../renderer/src/format/dates';
import { decimal } from '../../../renderer/src/format/numbers';
import { distance } from '../../../renderer/src/format/units';
import { auditInJsdom } from '../../support/jsdom-audit';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { ATHLETE, coreWithHistory, fullSync } from './synced-core';
import { daysIn, stravaTruth, type Truth } from './strava-truth';

const MILE = 1609.344;

function cellsOf(container: HTMLElement): SVGRectElement[] {
  return [...container.querySelectorAll<SVGRectElement>('svg[role="img"] rect[data-date]')];
}

/** Every day under the pointer says its date, count, distance and time as Strava has them, in the units asked. */
function expectCalendarOf(container: HTMLElement, year: number, truth: Truth, units: 'metric' | 'imperial') {
  const cells = cellsOf(container);
  expect(cells).toHaveLength(daysIn(year));
  let active = 0;
  for (const [i, cell] of cells.entries()) {
    const date = cell.dataset.date!;
    expect(date.startsWith(`${year}-`)).toBe(true);
    const day = truth.days.get(date);
    if (day) active++;
    expect(Number(cell.dataset.level) > 0).toBe(day !== undefined);
    // The pointer on every fifth day (each redraws the year): its tooltip.
    if (i % 5 !== 0) continue;
    fireEvent.mouseEnter(cell);
    const said = container.querySelector('.heatmap-box .charts-tooltip')!.textContent;
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(said.startsWith(formatDate(new Date(y, m - 1, d, 12).getTime()))).toBe(true);
    if (!day) {
      expect(said).toContain('No activity');
    } else {
      expect(said).toContain(`${day.count} ${day.count === 1 ? 'activity' : 'activities'}: `);
      if (day.distance > 0) expect(said).toContain(distance(day.distance, units));
    }
  }
  expect(active).toBe([...truth.days.keys()].filter((d) => d.startsWith(`${year}-`)).length);
}

describe('the charts view, on the real desktop core', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('is empty before a sync, then shows each day of the year and the weeks per sport as Strava has them; the year and the units change it', async () => {
    const { w, app, close } = await coreWithHistory(world);
    const uninstall = installBridge(app);
    try {
      const { container } = render(
        <LiveProvider>
          <ChartsView />
        </LiveProvider>,
      );
      expect(screen.getByText('Loading the charts…')).toBeTruthy();
      expect(await screen.findByText(/^No activities yet/)).toBeTruthy();

      // A full sync: its sync:finished reloads the view.
      await fullSync(app);
      const truth = stravaTruth(w.sim, ATHLETE);
      const newest = truth.years[0]!;
      const calendar = await screen.findByRole('img', { name: new RegExp(`^Calendar of ${newest}:`) });
      expectCalendarOf(container, newest, truth, 'metric');
      const inYear = [...truth.days.entries()].filter(([d]) => d.startsWith(`${newest}-`)).map(([, s]) => s);
      const count = inYear.reduce((n, s) => n + s.count, 0);
      const km = distance(
        inYear.reduce((n, s) => n + s.distance, 0),
        'metric',
      );
      expect(calendar.getAttribute('aria-label')).toContain(
        `${count} activities on ${inYear.length} active days, ${km}`,
      );
      expect(
        screen.getByText(`${newest}: ${count} activities on ${inYear.length} active days, ${km}`, { exact: false }),
      ).toBeTruthy();
      // The same numbers as a table: its total row.
      const byMonth = screen.getByRole('table', { name: `${newest} by month` });
      const total = within(byMonth).getByRole('rowheader', { name: 'Total' }).closest('tr')!;
      expect([...total.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
        km,
        expect.any(String),
        String(count),
        String(inYear.length),
      ]);

      // Another year from the picker.
      const user = userEvent.setup();
      const oldest = truth.years.at(-1)!;
      await user.selectOptions(screen.getByRole('combobox', { name: 'Year' }), String(oldest));
      await screen.findByRole('img', { name: new RegExp(`^Calendar of ${oldest}:`) });
      expectCalendarOf(container, oldest, truth, 'metric');

      // The bars (jsdom draws no canvas: the table is what shows), last 26 weeks, per sport, in km.
      const weekly = screen.getByRole('table', { name: 'Weekly distance per sport (Distance (km))' });
      expect(container.querySelector('canvas')).toBeNull();
      const header = within(weekly)
        .getAllByRole('columnheader')
        .map((th) => th.textContent);
      expect(header[0]).toBe('Week');
      expect(header.at(-1)).toBe('Total (km)');
      const rows = within(weekly).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(26);
      const weekKeys = [...new Set([...truth.weeks.keys()].map((k) => k.split('|')[0]!))].sort();
      // The last row is the newest week with an activity: its total is Strava's.
      const newestWeek = weekKeys.at(-1)!;
      const weekTotal = [...truth.weeks.entries()]
        .filter(([k]) => k.startsWith(`${newestWeek}|`))
        .reduce((n, [, s]) => n + s.distance, 0);
      expect(rows.at(-1)!.querySelector('td:last-child')!.textContent).toBe(decimal(weekTotal / 1000, 1));
      const legend = screen.getByRole('list', { name: 'Sports' });
      expect(within(legend).getAllByRole('listitem').length).toBe(header.length - 2);

      // Monthly time: another table, in hours.
      await user.click(screen.getByRole('button', { name: 'Monthly' }));
      await user.click(screen.getByRole('button', { name: 'Time' }));
      expect(screen.getByRole('button', { name: 'Time' }).getAttribute('aria-pressed')).toBe('true');
      const monthly = screen.getByRole('table', { name: 'Monthly moving time per sport (Moving time (h))' });
      expect(within(monthly).getAllByRole('row').slice(1)).toHaveLength(24);

      // Miles, from the settings: the axis names them and the calendar's days are in them.
      await user.click(screen.getByRole('button', { name: 'Distance' }));
      await user.click(screen.getByRole('button', { name: 'Weekly' }));
      expect((await app.invoke('settings:set', { units: 'imperial' })).ok).toBe(true);
      const inMiles = await screen.findByRole('table', { name: 'Weekly distance per sport (Distance (mi))' });
      expect(within(inMiles).getAllByRole('columnheader').at(-1)!.textContent).toBe('Total (mi)');
      expect(within(inMiles).getAllByRole('row').at(-1)!.querySelector('td:last-child')!.textContent).toBe(
        decimal(weekTotal / MILE, 1),
      );
      expectCalendarOf(container, oldest, truth, 'imperial');

      // No serious or critical accessibility violation (contrast is left to Chromium: jsdom has no layout).
      const found = await auditInJsdom(container);
      expect(
        found.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes[0]?.html}`),
      ).toEqual([]);
      expect(found.passes.length).toBeGreaterThan(0);
    } finally {
      uninstall();
      await close();
    }
  });
});
