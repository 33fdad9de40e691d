import { useSyncExternalStore } from 'react';
import { currentTheme, sportColour, type Theme } from './sport-palette';

/** The palette a canvas needs, read from the stylesheet's variables (a canvas cannot use var() itself). */
export interface ChartColors {
  fg: string;
  muted: string;
  border: string;
  /** A sport's colour, fixed by its name (sport-palette.ts). */
  sport: (sportType: string) => string;
}

export function readChartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const theme = currentTheme();
  return {
    fg: read('--fg', '#000'),
    muted: read('--muted', '#666'),
    border: read('--border', '#ccc'),
    sport: (sportType) => sportColour(theme, sportType),
  };
}

/**
 * The theme, re-rendering whenever it changes: the shell sets [data-theme] on <html> (from the setting or the system),
 * so watching that attribute catches both. useSyncExternalStore reads the attribute again once it is watching: a
 * theme set between a chart's first render and the start of its watch (an observer started in an effect missed it,
 * and the chart kept the old theme's colours) is caught too.
 */
export function useTheme(): Theme {
  return useSyncExternalStore(watchTheme, currentTheme);
}

function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** Whether a canvas chart can draw here (jsdom has neither matchMedia, which uPlot reads at load, nor a 2D canvas). */
export function canvasAvailable(): boolean {
  return typeof window.matchMedia === 'function' && document.createElement('canvas').getContext('2d') !== null;
}
