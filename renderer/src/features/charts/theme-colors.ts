import { useEffect, useState } from 'react';
import { currentTheme, sportColour } from './sport-palette';

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
 * Changes whenever the theme does: the shell sets [data-theme] on <html> (from the setting or the system), so
 * watching that attribute catches both.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}

/** Whether a canvas chart can draw here (jsdom has neither matchMedia, which uPlot reads at load, nor a 2D canvas). */
export function canvasAvailable(): boolean {
  return typeof window.matchMedia === 'function' && document.createElement('canvas').getContext('2d') !== null;
}
