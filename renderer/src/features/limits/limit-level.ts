/** How full a rate-limit window is, as the meter's colour says it: plenty left, getting close, at the limit. */
export type Level = 'ok' | 'warn' | 'bad';

/** The thresholds sit before the reserve (kept for the person), so the colour warns before background syncs stop. */
export function levelOf(used: number, limit: number): Level {
  if (limit <= 0) return 'bad';
  const share = used / limit;
  return share >= 0.9 ? 'bad' : share >= 0.6 ? 'warn' : 'ok';
}

/** Seconds left until a window resets, counted down locally from when main reported it. */
export function secondsUntilReset(resetSeconds: number, reportedAt: number, now: number): number {
  return Math.max(0, resetSeconds - (now - reportedAt) / 1000);
}
