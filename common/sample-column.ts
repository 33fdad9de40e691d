// A column of a track's samples (times, distances, positions, heart rates, ...): finite numbers, null where a sample had
// none. Declared once for the stored track (main/archive/track.ts) and the view the window draws (track-view.ts), and
// checked in one loop: zod's array of checked numbers makes objects for every sample, and a track holds thousands of
// them (a CLI sync spent about 2.6 ms checking each track it wrote that way; a million-sample track took seconds).
import { z } from 'zod';

const isSample = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));

/** True when `values` is a list of at most `maxLength` finite numbers and nulls. */
export function isSampleColumn(values: unknown, maxLength = Number.POSITIVE_INFINITY): values is Array<number | null> {
  if (!Array.isArray(values) || values.length > maxLength) return false;
  for (const v of values) if (!isSample(v)) return false;
  return true;
}

/**
 * The schema of such a column, for zod objects: the list itself is kept (checked, not copied). A refusal names the
 * first bad sample by its index. Its issues are final (`continue: false`), so checks around it (columns of one length)
 * never run on what is not a column.
 */
export const sampleColumnSchema = (maxLength = Number.POSITIVE_INFINITY) =>
  z.custom<Array<number | null>>().superRefine((values, ctx) => {
    const refuse = (message: string, path: number[] = []) =>
      ctx.addIssue({ code: 'custom', message, path, continue: false });
    if (!Array.isArray(values)) return refuse(`Invalid input: expected a list of samples, received ${kindOf(values)}`);
    if (values.length > maxLength)
      return refuse(`Too big: expected at most ${maxLength} samples, received ${values.length}`);
    for (let i = 0; i < values.length; i++)
      if (!isSample(values[i]))
        return refuse(`Invalid input: expected a finite number or null, received ${kindOf(values[i])}`, [i]);
  });

/** What a value is, for a refusal: JSON's kinds, and NaN or Infinity by name. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}
