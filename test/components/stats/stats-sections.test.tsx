// @vitest-environment jsdom
// The Statistics view in the window, on the real desktop core (stats:get) over a data folder synced from the simulator,
// tracks fetched by the backfill: the figures it shows are checked against the simulator's own activities, worked out
// apart from main/stats/ (stats-truth.ts), in metric and imperial units; a year's bests are asked for; a best effort
// opens its activity's page; the header's athlete narrows it.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trainingStatsSchema, type AthleteStats } from '../../../common/training-stats';
import { App } from '../../../renderer/src/app';
import { decimal, integer } from '../../../renderer/src/format/numbers';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { eddingtonTruth, fastestKm, yearCounts } from './stats-truth';

const ATHLETE = 1001;
const OTHER = 1002;

describe('the statistics sections, on a synced data folder', () => {
  const world = useWorld();
  afterEach(cleanup);

  it('shows fitness, year lines, Eddington numbers, best efforts, gear and years as Strava has them, and opens a best effort', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    w.sim.seedActivities(ATHLETE, 80);
    w.sim.seedActivities(OTHER, 20, { seed: 7 });
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, fetchTracks: true, athleteScope: ATHLETE },
    });
    const uninstall = installBridge(app);
    try {
      await w.connect(app.services, ATHLETE);
      await w.connect(app.services, OTHER);
      await app.desktop.start();
      const synced = await app.invoke('sync:now', { mode: 'full' });
      expect(synced.ok).toBe(true);
      // What main answers the window with: the figures the view must show, no more, no less.
      const answer = await app.invoke('stats:get', { athleteId: ATHLETE });
      const stats: AthleteStats = trainingStatsSchema.parse(answer.value).athletes[0]!;
      expect(stats.athleteId).toBe(ATHLETE);

      render(<App />);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('tab', { name: 'Statistics' }));
      const today = await screen.findByRole('region', { name: 'Fitness and form' });

      // Fitness today, and where the loads came from: each activity the athlete can list has one.
      const figures = Object.fromEntries(
        [...today.querySelectorAll('.stats-figures div')].map((d) => [
          d.firstChild!.textContent,
          d.lastChild!.textContent,
        ]),
      );
      expect(figures).toEqual({
        Fitness: decimal(stats.fitness.fitness, 1),
        Fatigue: decimal(stats.fitness.fatigue, 1),
        Form: decimal(stats.fitness.form, 1),
      });
      const sources = /power (\d+) · heart rate (\d+) · suffer score (\d+) · estimate (\d+)/.exec(today.textContent!)!;
      expect(sources.slice(1).reduce((n, s) => n + Number(s), 0)).toBe(w.sim.listableSummaries(ATHLETE).length);
      // The chart's words for a screen reader end on today's fitness.
      expect(today.querySelector('figcaption')!.textContent).toContain(
        `${decimal(stats.fitness.days.fitness.at(-1)!, 1)} at the end`,
      );

      // The year progressions: the sport with the most distance first, each year's line ending on the simulator's total.
      const progression = screen.getByRole('region', { name: 'Year progressions' });
      const sport = (within(progression).getByRole('combobox', { name: 'Sport' }) as HTMLSelectElement).value;
      const words = progression.querySelector('figcaption')!.textContent!;
      for (const year of new Set(stats.years.filter((y) => y.sport === sport).map((y) => y.year))) {
        const metres = w.sim
          .listableSummaries(ATHLETE)
          .filter((a) => a.sport_type === sport && String(a.start_date_local).startsWith(`${year}-`))
          .reduce((n, a) => n + Number(a.distance), 0);
        expect(words).toContain(`${year}, ${decimal(metres / 1000, 1)} km by `);
      }

      // Eddington numbers, in km, against the simulator's days.
      const eddington = screen.getByRole('list', { name: 'Eddington numbers in km' });
      for (const [group, label] of [
        ['ride', 'Ride'],
        ['run', 'Run'],
        ['all', 'All sports'],
      ] as const) {
        const truth = eddingtonTruth(w.sim, ATHLETE, group).km;
        expect(
          within(eddington)
            .getByRole('listitem', { name: new RegExp(`^${label}: `) })
            .getAttribute('aria-label'),
        ).toBe(
          `${label}: ${truth.n}. ${truth.more} more ${truth.more === 1 ? 'day' : 'days'} of at least ${truth.n + 1} km for ${truth.n + 1}`,
        );
      }

      // The fastest 1 km of all time is Strava's, within a second; clicking it asks for its run's page.
      const strava = fastestKm(w.sim, ATHLETE)!;
      expect(strava).not.toBeNull();
      const table = screen.getByRole('table', { name: /^Best efforts of all time/ });
      const row = within(table).getByRole('rowheader', { name: 'Run, 1 km' }).closest('tr')!;
      const link = within(row).getByRole('button');
      const shown = /^(\d+):(\d\d)/.exec(link.textContent!)!;
      expect(Math.abs(Number(shown[1]) * 60 + Number(shown[2]) - strava.seconds)).toBeLessThanOrEqual(1);
      // A year's bests, asked of main: the year of that run has it as its fastest 1 km too.
      const best = stats.bests.find((b) => b.group === 'run' && 'distanceM' in b && b.distanceM === 1000)!;
      expect(best.activityId).toBe(strava.activityId);
      const y = best.date.slice(0, 4);
      await user.selectOptions(screen.getByRole('combobox', { name: 'Of' }), y);
      const ofYear = await screen.findByRole('table', { name: new RegExp(`^Best efforts of ${y}`) });
      await vi.waitFor(() =>
        expect(within(ofYear).getByRole('rowheader', { name: 'Run, 1 km' }).closest('tr')!.textContent).toContain(
          link.textContent!,
        ),
      );
      const oneYear = trainingStatsSchema.parse(
        (await app.invoke('stats:get', { athleteId: ATHLETE, year: Number(y) })).value,
      );
      expect(within(ofYear).getAllByRole('row').length - 1).toBe(oneYear.athletes[0]!.bests.length);

      // The years by sport: one row for each year and sport the simulator has, with its count.
      const years = screen.getByRole('table', { name: 'Totals of each year by sport' });
      const counts = yearCounts(w.sim, ATHLETE);
      const rows = within(years).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(counts.size);
      for (const r of rows) {
        const [y, , count] = [...r.children].map((c) => c.textContent);
        const sport = stats.years.find((t) => String(t.year) === y && integer(t.count) === count);
        expect(sport).toBeDefined();
        expect(counts.get(`${y}|${sport!.sport}`)).toBe(sport!.count);
      }

      // Gear: each bike and pair of shoes the details name, with its count.
      const gearCount = stats.gear.reduce((n, g) => n + g.count, 0);
      expect(gearCount).toBeGreaterThan(0);
      const gearTables = within(screen.getByRole('region', { name: 'Gear' })).getAllByRole('table');
      const listed = gearTables.flatMap((t) => within(t).getAllByRole('row').slice(1));
      expect(listed.reduce((n, r) => n + Number(r.children[1]!.textContent!.replace(/\D/g, '')), 0)).toBe(gearCount);

      // Imperial, from the settings: the Eddington numbers count miles.
      expect((await app.invoke('settings:set', { units: 'imperial' })).ok).toBe(true);
      const inMiles = await screen.findByRole('list', { name: 'Eddington numbers in miles' });
      const allMi = eddingtonTruth(w.sim, ATHLETE, 'all').mi;
      expect(
        within(inMiles)
          .getByRole('listitem', { name: /^All sports: / })
          .getAttribute('aria-label'),
      ).toBe(
        `All sports: ${allMi.n}. ${allMi.more} more ${allMi.more === 1 ? 'day' : 'days'} of at least ${allMi.n + 1} mi for ${allMi.n + 1}`,
      );

      // The best effort clicked: the Activities view, that day's activities, its run's page open over them.
      await user.selectOptions(screen.getByRole('combobox', { name: 'Of' }), 'all');
      const allTime = await screen.findByRole('table', { name: /^Best efforts of all time/ });
      await user.click(
        within(within(allTime).getByRole('rowheader', { name: 'Run, 1 km' }).closest('tr')!).getByRole('button'),
      );
      const page = await screen.findByRole('complementary', { name: 'Activity' });
      const run = w.sim.findActivity(strava.activityId)!;
      expect(await within(page).findByRole('heading', { name: run.name })).toBeTruthy();
      expect(screen.getByRole('tab', { name: 'Activities' }).getAttribute('aria-selected')).toBe('true');
      // Back returns to where the person was: Statistics, not a table narrowed to that day.
      await user.click(within(page).getByRole('button', { name: /Back/ }));
      expect(screen.getByRole('tab', { name: 'Statistics' }).getAttribute('aria-selected')).toBe('true');
      await user.click(screen.getByRole('tab', { name: 'Activities' }));
      expect(await screen.findByText(/^\d[\d,]* activities$/)).toBeTruthy(); // unfiltered: no "N of M"

      // Every athlete in the header: each one's statistics under their name.
      expect((await app.invoke('settings:set', { athleteScope: null })).ok).toBe(true);
      await user.click(screen.getByRole('tab', { name: 'Statistics' }));
      await vi.waitFor(() => expect(screen.getAllByRole('region', { name: /^Fitness and form, / })).toHaveLength(2));
      // Each section's name says whose it is, and no two elements share an id (a page's landmarks stay apart).
      const named = screen
        .getAllByRole('region')
        .map(
          (r) =>
            r.getAttribute('aria-label') ?? document.getElementById(r.getAttribute('aria-labelledby')!)!.textContent,
        );
      expect(named.filter((n, i) => named.indexOf(n) !== i)).toEqual([]);
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      const other = eddingtonTruth(w.sim, OTHER, 'all').mi;
      expect(
        screen.getAllByRole('list', { name: 'Eddington numbers in miles' }).map(
          (l) =>
            within(l)
              .getByRole('listitem', { name: /^All sports: / })
              .getAttribute('aria-label')!
              .split('.')[0],
        ),
      ).toEqual(expect.arrayContaining([`All sports: ${allMi.n}`, `All sports: ${other.n}`]));
    } finally {
      uninstall();
      await app.close();
    }
  }, 120_000);
});
