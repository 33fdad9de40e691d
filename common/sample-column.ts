// A list of a recording's samples (times, distances, positions, heart rates, ...), null where a sample had none:
// Strava's streams (main/strava/streams.ts), the stored track (main/archive/track.ts) and the view the window draws
// (track-view.ts). Checked in one loop: zod's array of checked values makes objects for every sample, and a recording
// holds thousands of them (about 6 ms a 5,000-point set of streams warm, 48 ms in a new process; a million-sample
// track took seconds).
import { z } from 'zod';

/** Why a sample cannot be read: a path inside it (a position's latitude), and the words. */
export interface SampleProblem {
  path: number[];
  message: string;
}

/**
 * Why one sample cannot be read, or null when it is a T. Null itself is always a sample (a sensor that dropped out)
 * and never reaches a check. The sample type rides along, so a list's declared type and its check cannot part.
 */
export type SampleCheck<T> = ((value: unknown) => SampleProblem | null) & { readonly sample?: T };

/** What a value is, for a refusal: JSON's kinds, and NaN or Infinity by name. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

export const expected = (what: string, value: unknown): SampleProblem => ({
  path: [],
  message: `Invalid input: expected ${what}, received ${kindOf(value)}`,
});

export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const finiteSample: SampleCheck<number> = (v) => (isFiniteNumber(v) ? null : expected('a finite number', v));

/**
 * The schema of a list of samples, each null or what `check` accepts, at most `maxLength` of them: the list itself is
 * kept (checked, not copied). A refusal names the first bad sample by its index (zod named each). Its issues are final
 * (`continue: false`), so the checks around it (lists of one length) never run on what is not a list of samples.
 */
export function sampleListSchema<T>(check: SampleCheck<T>, maxLength = Number.POSITIVE_INFINITY) {
  return z.custom<Array<T | null>>().superRefine((values, ctx) => {
    const refuse = (problem: SampleProblem) => ctx.addIssue({ code: 'custom', ...problem, continue: false });
    if (!Array.isArray(values)) return refuse(expected('a list of samples', values));
    if (values.length > maxLength)
      return refuse({ path: [], message: `Too big: expected at most ${maxLength} samples, received ${values.length}` });
    for (let i = 0; i < values.length; i++) {
      const sample: unknown = values[i];
      if (sample === null) continue;
      const bad = check(sample);
      if (bad) return refuse({ path: [i, ...bad.path], message: bad.message });
    }
  });
}

/** A column of a track or a view: finite numbers and nulls. */
// A column's refusal says that null is welcome too (a stream's is in Strava's words, where null goes without saying).
const columnSample: SampleCheck<number> = (v) => (isFiniteNumber(v) ? null : expected('a finite number or null', v));
export const sampleColumnSchema = (maxLength?: number) => sampleListSchema(columnSample, maxLength);

/** The same rule as sampleColumnSchema, as a plain test (a track's read side, which keeps no zod copy). */
export function isSampleColumn(values: unknown, maxLength = Number.POSITIVE_INFINITY): values is Array<number | null> {
  if (!Array.isArray(values) || values.length > maxLength) return false;
  for (const v of values) if (v !== null && !isFiniteNumber(v)) return false;
  return true;
}
