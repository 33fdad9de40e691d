// The backfill benchmark counts the scheduler's turns as the scheduler takes them: with a sync every 15 minutes each
// quarter hour of the day is one turn (run or skipped; a reset's resume falls on the interval's turn and is left to
// it), never the limiter's decisions, which planning a resume asks for too. No timings here.
import { describe, expect, it } from 'vitest';
import { measureBackfill } from './backfill';

describe('the backfill benchmark', () => {
  it('counts one turn a quarter hour at a 15-minute interval, run or skipped', async () => {
    const f = await measureBackfill(3000, 1, 15);
    expect(f.turnsRun + f.turnsSkipped + f.turnsFailed).toBe(96);
    // The budget ran short during the day: some turns were skipped, and the rest ran.
    expect(f.turnsSkipped).toBeGreaterThan(0);
    expect(f.turnsRun).toBeGreaterThan(f.turnsSkipped);
    expect(f.rateLimited429).toBe(0);
  }, 120_000);
});
