// @vitest-environment jsdom
// Sport colours, as the charts view draws them on the real desktop core: every one from the Okabe–Ito palette
// (written out here from the published values, not imported), one colour per sport, following the theme; each sport
// keeps its colour whichever athlete, range or period is shown; and the most common sports stand out from each
// theme's background (renderer/src/styles.css) by 3:1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { App } from '../../../renderer/src/app';
import { ChartsView } from '../../../renderer/src/features/charts/charts-view';
import { COMMON_SPORTS, sportColour } from '../../../renderer/src/features/charts/sport-palette';
import userEvent from '@testing-library/user-event';
import { connectNamed, openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { coreWithHistory, fullSync } from './synced-core';

/** Okabe & Ito (2008): black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple. */
const OKABE_ITO = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];

const hex = (colour: string): string => {
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(colour);
  const value = rgb
    ? `#${rgb
        .slice(1)
        .map((c) => Number(c).toString(16).padStart(2, '0'))
        .join('')}`
    : colour;
  return value.toUpperCase();
};

/** WCAG 2 relative luminance and contrast ratio. */
function contrast(a: string, b: string): number {
  const lum = (h: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [dark, light] = [lum(hex(a)), lum(hex(b))].sort((x, y) => x - y);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Each theme's --bg, read from the stylesheet the window loads. */
function backgrounds(): Record<'light' | 'dark', string> {
  const css = readFileSync(join(process.cwd(), 'renderer/src/styles.css'), 'utf8'); // vitest runs from the repository's root;
  const bg = (block: RegExp) => /--bg:\s*(#[0-9a-fA-F]{6})/.exec(block.exec(css)![1]!)![1]!;
  return { light: bg(/:root\s*\{([^}]*)\}/), dark: bg(/:root\[data-theme='dark'\]\s*\{([^}]*)\}/) };
}

function legendColours(): Map<string, string> {
  const legend = screen.getByRole('list', { name: 'Sports' });
  return new Map(
    within(legend)
      .getAllByRole('listitem')
      .map((li) => [li.textContent!.trim(), hex(li.querySelector<HTMLElement>('.charts-swatch')!.style.background)]),
  );
}

describe('sport colours', () => {
  const world = useWorld();
  afterEach(() => {
    cleanup();
    delete document.documentElement.dataset.theme;
  });

  it('are Okabe–Ito colours, one per sport, in the light and the dark theme', async () => {
    const { app, close } = await coreWithHistory(world);
    const uninstall = installBridge(app);
    try {
      document.documentElement.dataset.theme = 'light';
      render(
        <LiveProvider>
          <ChartsView />
        </LiveProvider>,
      );
      await fullSync(app);
      await screen.findByRole('list', { name: 'Sports' });
      const light = legendColours();
      expect(light.size).toBeGreaterThan(1);
      expect(light.size).toBeLessThanOrEqual(OKABE_ITO.length);
      for (const [sport, colour] of light) expect(OKABE_ITO, sport).toContain(colour);
      expect(new Set(light.values()).size, 'one colour per sport').toBe(light.size);

      // The dark theme: the swatches follow it, with the same rules.
      document.documentElement.dataset.theme = 'dark';
      await vi.waitFor(() => expect(legendColours()).not.toEqual(light));
      const dark = legendColours();
      expect([...dark.keys()]).toEqual([...light.keys()]);
      for (const [sport, colour] of dark) expect(OKABE_ITO, sport).toContain(colour);
      expect(new Set(dark.values()).size, 'one colour per sport').toBe(dark.size);
    } finally {
      uninstall();
      await close();
    }
  });

  it('keep each sport its colour whichever athlete, range or period is shown', async () => {
    const w = await world({ clock: new FakeClock(undefined, 'manual') });
    const ADA = 1001;
    const GRACE = 2002;
    w.sim.seedActivities(ADA, 120, { listHiddenShare: 0 });
    w.sim.seedActivities(GRACE, 30, { listHiddenShare: 0, seed: 7 });
    // Grace swims most of all: her sports rank otherwise than Ada's and than both together.
    const newest = Math.floor(w.clock.now() / 1000);
    for (let i = 0; i < 40; i++)
      w.sim.addActivity(GRACE, {
        sportType: 'Swim',
        name: 'Pool Swim',
        start: newest - (i + 1) * 86_400 * 3,
        distance: 1500,
        listHidden: false,
      });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    await connectNamed(w, app, ADA, 'Ada Lovelace');
    await connectNamed(w, app, GRACE, 'Grace Hopper');
    await app.desktop.start();
    await fullSync(app);
    const uninstall = installBridge(app);
    try {
      document.documentElement.dataset.theme = 'light';
      render(<App />);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('tab', { name: 'Charts' }));
      const seen = new Map<string, Map<string, string>>();
      const look = (what: string) => seen.set(what, legendColours());
      // The year's summary line: each athlete's counts differ, so its change says their totals arrived.
      const summary = () => document.querySelector('.heatmap-summary')?.textContent ?? '';
      for (const athlete of ['All athletes', 'Ada Lovelace', 'Grace Hopper']) {
        const before = summary();
        await user.selectOptions(screen.getByRole('combobox', { name: 'Athlete' }), athlete);
        if (athlete !== 'All athletes') await vi.waitFor(() => expect(summary()).not.toBe(before));
        else await screen.findByRole('list', { name: 'Sports' });
        for (const range of ['recent', 'all']) {
          await user.selectOptions(screen.getByRole('combobox', { name: 'Range' }), range);
          for (const period of ['Weekly', 'Monthly']) {
            await user.click(
              within(screen.getByRole('group', { name: 'Period' })).getByRole('button', { name: period }),
            );
            look(`${athlete}, ${range}, ${period}`);
          }
        }
      }
      const colourOf = new Map<string, { colour: string; where: string }>();
      for (const [where, legend] of seen) {
        for (const [sport, colour] of legend) {
          const first = colourOf.get(sport) ?? colourOf.set(sport, { colour, where }).get(sport)!;
          expect(colour, `${sport}: ${where} as in ${first.where}`).toBe(first.colour);
        }
      }
      expect(colourOf.get('Swim'), 'swims are drawn').toBeDefined();
      expect(colourOf.size).toBeGreaterThan(4);
    } finally {
      uninstall();
      await app.close();
    }
  });

  it("give the common sports fills that stand out from each theme's background, the eight most common eight colours, and any other sport one of the palette's", () => {
    const bg = backgrounds();
    for (const theme of ['light', 'dark'] as const) {
      const colours = COMMON_SPORTS.map((sport) => hex(sportColour(theme, sport)));
      expect(new Set(colours).size, theme).toBe(8);
      for (const c of colours) expect(OKABE_ITO, theme).toContain(c);
      for (const [i, sport] of ['Ride', 'Run', 'Walk', 'Hike', 'Swim'].entries()) {
        const c = hex(sportColour(theme, sport));
        expect(contrast(c, bg[theme]), `${sport}: ${c} on ${bg[theme]} (${theme})`).toBeGreaterThanOrEqual(3);
        expect(colours.indexOf(c), sport).toBe(i);
      }
      // Sports outside the list: a colour of the palette each, spread over it rather than all on one.
      const others = [
        'Kayaking',
        'Rowing',
        'Yoga',
        'AlpineSki',
        'NordicSki',
        'Golf',
        'Surfing',
        'Crossfit',
        'Elliptical',
        'RockClimbing',
        'Pickleball',
        'Sail',
      ].map((s) => hex(sportColour(theme, s)));
      for (const c of others) expect(OKABE_ITO, theme).toContain(c);
      expect(new Set(others).size, theme).toBeGreaterThanOrEqual(4);
    }
  });
});
