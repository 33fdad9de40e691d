import { TRACK_COLUMNS, type Track, type TrackColumn } from './track';

/** One recorded point as a file gives it; null where the file gave nothing. */
export interface Sample {
  /** Epoch milliseconds. */
  time: number | null;
  lat: number | null;
  lng: number | null;
  ele: number | null;
  dist: number | null;
  hr: number | null;
  cad: number | null;
  watts: number | null;
}

export const emptySample = (): Sample => ({
  time: null,
  lat: null,
  lng: null,
  ele: null,
  dist: null,
  hr: null,
  cad: null,
  watts: null,
});

/** Decimals kept of each column: finer than any device measures, and no more (a track's size is its digits). */
export const DECIMALS: Record<TrackColumn, number> = { lat: 6, lng: 6, ele: 1, dist: 1, hr: 0, cad: 0, watts: 0 };

export const round = (value: number | null, decimals: number): number | null => {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** The points as a stored track: columns, each left out when no point has it; null when there are no points. */
export function buildTrack(activityId: number, source: Track['source'], samples: readonly Sample[]): Track | null {
  const points = samples.filter((s) => s.time !== null || s.lat !== null || s.dist !== null || s.hr !== null);
  if (points.length === 0) return null;
  const first = points.find((s) => s.time !== null)?.time ?? null;
  const track: Track = {
    version: 1,
    activityId,
    source,
    start: first === null ? null : new Date(first).toISOString().replace('.000Z', 'Z'),
    t: points.map((s) => (s.time === null || first === null ? null : Math.round((s.time - first) / 100) / 10)),
  };
  for (const key of TRACK_COLUMNS) {
    const column = points.map((s) => round(s[key], DECIMALS[key]));
    if (column.some((v) => v !== null)) track[key] = column;
  }
  return track;
}

/** A number from a parsed XML value (text, a number, or an element with #text); null when none. */
export function xmlNumber(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return xmlNumber((value as Record<string, unknown>)['#text']);
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return String(value).trim() !== '' && Number.isFinite(n) ? n : null;
}

export function xmlTime(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'object') return null;
  const text = typeof value === 'string' ? value : (value as Record<string, unknown> | null)?.['#text'];
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  // GPX 1.1 and TCX times are UTC; a time written without a zone (some exporters drop the Z) would otherwise be read
  // in the zone of the machine importing it, and the track would start hours off its activity.
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}
