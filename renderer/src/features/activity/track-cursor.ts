import type { TrackView } from '../../../../preload/payloads';

/**
 * Where a key moves the cursor among `count` points of the view: one point, a twentieth of the way, or to an end; the
 * first point when there was no cursor yet; null for a key that does not move it.
 */
export function keyedIndex(key: string, cursor: number | null, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const from = cursor ?? 0;
  const long = Math.max(1, Math.round(count / 20));
  const to = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return cursor === null ? 0 : to(from + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return cursor === null ? 0 : to(from - 1);
    case 'PageUp':
      return to(from + long);
    case 'PageDown':
      return to(from - long);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** The route's marker for the cursor: point i's [lat, lng], or null when there is no cursor or no position there. */
export function markerAt(track: TrackView | null, cursor: number | null): readonly [number, number] | null {
  if (!track || cursor === null) return null;
  const lat = track.lat?.[cursor];
  const lng = track.lng?.[cursor];
  return lat === null || lat === undefined || lng === null || lng === undefined ? null : [lat, lng];
}
