// @vitest-environment jsdom
// From the charts to the table, in the whole window on the real desktop core: a period of the bars (by the keyboard,
// through the table of numbers jsdom shows in place of the canvas) or a day of the calendar (a click, or the arrows and
// Enter) opens the Activities view on those activities only, counted against Strava's own data; the day under the
// pointer or the keyboard says its values in the chosen units.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app';
import { distance } from '../../../renderer/src/format/units';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { ATHLETE, coreWithHistory, fullSync } from './synced-core';
import { stravaTruth } from './strava-truth';

const tab = (name: string) => within(screen.getByRole('navigation', { name: 'Views' })).getByRole('tab', { name });
const countLine = () => document.querySelector('.activity-count')?.textContent ?? '';
const dateInput = (name: 'From' | 'To') =>
  within(screen.getByRole('search', { name: 'Find activities' })).getByLabelText(name) as HTMLInputElement;

async function expectShown(fromDay: string, toDay: string, count: number, of: number) {
  await vi.waitFor(() => expect(tab('Activities').getAttribute('aria-selected')).toBe('true'));
  expect(dateInput('From').value).toBe(fromDay);
  expect(dateInput('To').value).toBe(toDay);
  await vi.waitFor(() =>
    expect(countLine()).toMatch(new RegExp(`^${count.toLocaleString()} of ${of.toLocaleString()} activit`)),
  );
}

describe('from a chart to its activities', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('a week of the bars, a day of the calendar by a click and by the keyboard: the table shows just those', async () => {
    const { w, app, close } = await coreWithHistory(world, 400);
    await fullSync(app);
    const uninstall = installBridge(app);
    try {
      render(<App />);
      const truth = stravaTruth(w.sim, ATHLETE);
      const all = [...truth.days.values()].reduce((n, d) => n + d.count, 0);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('tab', { name: 'Charts' }));

      // The newest week, by the keyboard: one Tab stop in the table of numbers, Up to the week before, Enter.
      const weekly = await screen.findByRole('table', { name: 'Weekly distance per sport (Distance (km))' });
      const buttons = within(weekly).getAllByRole('button');
      expect(buttons.filter((b) => b.tabIndex === 0)).toEqual([buttons.at(-1)]);
      buttons.at(-1)!.focus();
      await user.keyboard('{ArrowUp}');
      expect(document.activeElement).toBe(buttons.at(-2));
      const mondays = [...new Set([...truth.weeks.keys()].map((k) => k.split('|')[0]!))].sort();
      const monday = new Date(Date.parse(`${mondays.at(-1)!}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
      expect(buttons.at(-2)!.textContent).toMatch(/^Week of /);
      await user.keyboard('{Enter}');
      const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const inWeek = [...truth.days.entries()]
        .filter(([d]) => d >= monday && d <= sunday)
        .reduce((n, [, s]) => n + s.count, 0);
      await expectShown(monday, sunday, inWeek, all);

      // A day of the calendar, clicked: its date and values under the pointer first, in miles.
      expect((await app.invoke('settings:set', { units: 'imperial' })).ok).toBe(true);
      await user.click(tab('Charts'));
      const cells = [
        ...(await screen.findByRole('img', { name: /^Calendar of / })).querySelectorAll<SVGRectElement>(
          'rect[data-date]',
        ),
      ];
      const active = cells.filter((c) => truth.days.has(c.dataset.date!));
      const day = active.at(-3)!;
      const date = day.dataset.date!;
      fireEvent.mouseEnter(day);
      const said = document.querySelector('.heatmap-box .charts-tooltip')!.textContent;
      expect(said).toContain(
        `${truth.days.get(date)!.count} ${truth.days.get(date)!.count === 1 ? 'activity' : 'activities'}`,
      );
      expect(said).toContain(distance(truth.days.get(date)!.distance, 'imperial'));
      await user.click(day);
      await expectShown(date, date, truth.days.get(date)!.count, all);

      // The same by the keyboard: the calendar takes the focus on its newest active day; Left goes back a week.
      await user.click(tab('Charts'));
      const calendar = await screen.findByRole('img', { name: /^Calendar of / });
      calendar.focus();
      await user.keyboard('{ArrowLeft}');
      const newest = [...calendar.querySelectorAll<SVGRectElement>('rect[data-date]')]
        .filter((c) => truth.days.has(c.dataset.date!))
        .at(-1)!.dataset.date!;
      const weekBefore = new Date(Date.parse(`${newest}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
      // Said as it moves (the picture is one image to a screen reader).
      await vi.waitFor(() =>
        expect(document.querySelector('.heatmap-box [aria-live]')!.textContent).toMatch(
          truth.days.has(weekBefore) ? /activit/ : /No activity/,
        ),
      );
      await user.keyboard('{Enter}');
      if (truth.days.has(weekBefore)) await expectShown(weekBefore, weekBefore, truth.days.get(weekBefore)!.count, all);
      else expect(tab('Charts').getAttribute('aria-selected')).toBe('true'); // a day without activities lists nothing
    } finally {
      uninstall();
      await close();
    }
  });
});
