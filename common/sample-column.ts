// A column of a track's samples (times, distances, positions, heart rates, ...): finite numbers, null where a sample had
// none. Declared once for the stored track (main/archive/track.ts) and the view the window draws (track-view.ts), and
// checked in one loop: zod's array of checked numbers makes objects for every sample, and a track holds thousands of
// them (a CLI sync spent about 2.6 ms checking each track it wrote that way; a million-sample track took seconds).
import { z } from 'zod';

/** True when `values` is a list of at most `maxLength` finite numbers and nulls. */
export function isSampleColumn(values: unknown, maxLength = Number.POSITIVE_INFINITY): values is Array<number | null> {
  if (!Array.isArray(values) || values.length > maxLength) return false;
  for (const v of values) if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) return false;
  return true;
}

/** The schema of such a column, for zod objects: the list itself is kept (checked, not copied). */
export const sampleColumnSchema = (maxLength?: number) =>
  z.custom<Array<number | null>>((values) => isSampleColumn(values, maxLength), {
    message: `Invalid input: expected a list of ${maxLength === undefined ? '' : `at most ${maxLength} `}finite numbers, null where a sample had none`,
  });
