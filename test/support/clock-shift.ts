import { fileURLToPath, pathToFileURL } from 'node:url';

/** Strava's rate-limit window. */
export const QUARTER_MS = 15 * 60_000;

const clockShiftChild = pathToFileURL(fileURLToPath(new URL('./clock-shift-child.mjs', import.meta.url))).href;

/**
 * The environment that runs a child process (the CLI, the desktop child) `offsetMs` ahead of this machine's clock
 * (clock-shift-child.mjs). Give the simulator the same offset (`clockSkewMs`), so Strava's windows move with it.
 */
export function shiftedClockEnv(offsetMs: number): Record<string, string> {
  return { NODE_OPTIONS: `--import=${clockShiftChild}`, SPLITS_TEST_CLOCK_OFFSET_MS: String(offsetMs) };
}

/**
 * How far a clock reading `now` must move to stand a second into the next quarter hour: a whole rate-limit window
 * ahead of it, without waiting for one.
 */
export function toNextQuarter(now: number): number {
  return QUARTER_MS - (now % QUARTER_MS) + 1000;
}
