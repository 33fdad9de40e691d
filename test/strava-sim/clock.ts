/** The simulator's notion of now, in epoch milliseconds. Tests share one ManualClock with the code under test. */
export interface SimClock {
  now(): number;
}

export const systemClock: SimClock = { now: () => Date.now() };

/** A clock that moves only when a test moves it, so rate-limit windows and token expiry are exact. */
export class ManualClock implements SimClock {
  constructor(private ms: number = Date.UTC(2026, 10, 2, 8, 0, 0)) {}

  now(): number {
    return this.ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
