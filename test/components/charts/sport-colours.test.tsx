// @vitest-environment jsdom
// Sport colours, as the charts view draws them on the real desktop core: every one from the Okabe–Ito palette
// (written out here from the published values, not imported), one colour per sport, following the theme; and each
// theme's first five (the sports done most) stand out from that theme's background (renderer/src/styles.css) by 3:1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { ChartsView } from '../../../renderer/src/features/charts/charts-view';
import { sportColour } from '../../../renderer/src/features/charts/sport-palette';
import { useWorld } from '../../support/splits';
import { installBridge } from '../../support/window-bridge';
import { coreWithHistory, fullSync } from './synced-core';

vi.mock('electron', async () => (await import('../../support/electron-for-settings')).electronForSettings());

/** Okabe & Ito (2008): black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple. */
const OKABE_ITO = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];

const hex = (colour: string): string => {
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(colour);
  const value = rgb ? `#${rgb.slice(1).map((c) => Number(c).toString(16).padStart(2, '0')).join('')}` : colour;
  return value.toUpperCase();
};

/** WCAG 2 relative luminance and contrast ratio. */
function contrast(a: string, b: string): number {
  const lum = (h: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [dark, light] = [lum(hex(a)), lum(hex(b))].sort((x, y) => x - y);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Each theme's --bg, read from the stylesheet the window loads. */
function backgrounds(): Record<'light' | 'dark', string> {
  const css = readFileSync(join(process.cwd(), 'renderer/src/styles.css'), 'utf8') // vitest runs from the repository's root;
  const bg = (block: RegExp) => /--bg:\s*(#[0-9a-fA-F]{6})/.exec(block.exec(css)![1]!)![1]!;
  return { light: bg(/:root\s*\{([^}]*)\}/), dark: bg(/:root\[data-theme='dark'\]\s*\{([^}]*)\}/) };
}

function legendColours(): Map<string, string> {
  const legend = screen.getByRole('list', { name: 'Sports' });
  return new Map(within(legend).getAllByRole('listitem').map((li) => [li.textContent!.trim(), hex(li.querySelector<HTMLElement>('.charts-swatch')!.style.background)]));
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

  it("give the sports done most fills that stand out from each theme's background, and eight sports eight colours", () => {
    const bg = backgrounds();
    for (const theme of ['light', 'dark'] as const) {
      const colours = Array.from({ length: 8 }, (_, rank) => hex(sportColour(theme, rank)));
      expect(new Set(colours).size, theme).toBe(8);
      for (const c of colours) expect(OKABE_ITO, theme).toContain(c);
      for (const c of colours.slice(0, 5)) expect(contrast(c, bg[theme]), `${c} on ${bg[theme]} (${theme})`).toBeGreaterThanOrEqual(3);
      expect(hex(sportColour(theme, 8)), 'the ninth sport comes round to the first colour').toBe(colours[0]);
    }
  });
});
