// Colours and day keys the statistics' charts share.
import { OKABE_ITO, currentTheme } from '../charts/sport-palette';

/** A calendar day plus k days: 2024-12-31 + 1 is 2025-01-01 (days as UTC dates, so no clock change moves one). */
export function addDays(day: string, k: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + k)).toISOString().slice(0, 10);
}

/**
 * The k-th line's colour, from the Okabe–Ito palette the sports use (its colours stay apart under colour-vision
 * deficiencies), leaving out the one that vanishes into the theme's background.
 */
export function lineColour(k: number): string {
  const gone = currentTheme() === 'dark' ? OKABE_ITO.black : OKABE_ITO.yellow;
  const palette = Object.values(OKABE_ITO).filter((c) => c !== gone);
  return palette[k % palette.length]!;
}
