import { METERS_PER_FOOT as FOOT, METERS_PER_MILE as MILE } from '../../../../common/units';
import { integer } from '../../format/numbers';
import type { Units } from '../../format/units';

/** A scale bar: a round length of ground, and the pixels it spans on the drawn route. */
export interface ScaleBar {
  metres: number;
  px: number;
  /** "200 m", "2 km", "1,000 ft", "5 mi". */
  label: string;
}

interface Length {
  metres: number;
  label: string;
}

/** 1, 2 and 5 times the powers of ten, from one unit up to `top` of it: the lengths a person reads at a glance. */
function roundLengths(top: number, unit: string, metresEach: number): Length[] {
  const out: Length[] = [];
  for (let power = 1; power <= top; power *= 10)
    for (const step of [1, 2, 5])
      out.push({ metres: step * power * metresEach, label: `${integer(step * power)} ${unit}` });
  return out;
}

/** Metric: metres below a kilometre, then kilometres. Imperial: feet below a mile, then miles. Shortest first. */
const LENGTHS: Record<Units, Length[]> = {
  metric: [...roundLengths(100, 'm', 1), ...roundLengths(10_000, 'km', 1_000)],
  imperial: [...roundLengths(1_000, 'ft', FOOT).filter((l) => l.metres < MILE), ...roundLengths(10_000, 'mi', MILE)],
};

/**
 * The longest round length that fits in `maxPx` pixels at `metresPerPixel` (route-projection.ts), in the person's
 * units; null when not even the shortest fits (a route of a few metres).
 */
export function scaleBar(metresPerPixel: number, units: Units, maxPx: number): ScaleBar | null {
  let best: ScaleBar | null = null;
  for (const { metres, label } of LENGTHS[units]) {
    const px = metres / metresPerPixel;
    if (px > maxPx) break;
    best = { metres, px, label };
  }
  return best;
}
