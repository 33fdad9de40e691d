import { MAX_CLOCK_OFFSET_MS, windowsAt } from './rate-limit-state';

// Strava's clock as its answers tell it: the windows are Strava's (quarter hours and UTC midnight as Strava counts
// them), and this computer's clock can be off by seconds or minutes.

/**
 * A Date header has one-second resolution, and the answer takes time to arrive: differences this small are noise,
 * not skew, and leave the estimate alone.
 */
const SKEW_TOLERANCE_MS = 2000;
/** A higher sample raises the estimate when it is at least this much higher (not for every few milliseconds). */
const RAISE_STEP_MS = 50;

/**
 * The offset of Strava's clock from this computer's after an answer dated `date` arrived at `localNow`; null when
 * the header says nothing usable (none, not a date, or more than a day off). The Date header is truncated to the second and stamped before the
 * answer travels, so every sample is a lower bound of the true offset: the estimate is the highest sample (the
 * tightest bound), and never one above a sample, since an estimate ahead of Strava would send into a window Strava
 * has not left yet. The first sample of a process replaces a saved estimate; a sample far below the estimate means
 * this computer's clock was moved forward.
 */
export function learntClockOffset(
  estimate: number,
  date: string | null,
  localNow: number,
  firstSample: boolean,
): number | null {
  const stravaMs = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(stravaMs)) return null;
  const sample = stravaMs - localNow;
  if (Math.abs(sample) > MAX_CLOCK_OFFSET_MS) return null;
  if (firstSample || sample > estimate + RAISE_STEP_MS || sample < estimate - SKEW_TOLERANCE_MS)
    return Math.round(sample);
  return estimate;
}

/**
 * The windows a request was sent in, on Strava's clock. An answer dated in an earlier window than the estimate
 * says (the estimate was ahead) belongs to that earlier window: a 429 from a spent day must not spend the next.
 */
export function windowsSentIn(
  sentAt: number,
  clockOffsetMs: number,
  date: string | null,
): { quarter: number; day: number } {
  const estimated = windowsAt(sentAt + clockOffsetMs);
  const answered = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(answered)) return estimated;
  const dated = windowsAt(answered);
  return { quarter: Math.min(estimated.quarter, dated.quarter), day: Math.min(estimated.day, dated.day) };
}
